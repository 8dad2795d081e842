"""The log file rotates like logging.handlers.RotatingFileHandler and never drops a record."""

from __future__ import annotations

import logging
import os

import pytest

from shopdesk.logs import RotatingLog


def logger_to(handler: logging.Handler) -> logging.Logger:
    log = logging.getLogger(f"shopdesk.test_logs.{id(handler)}")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    return log


def lines(path) -> list[str]:  # type: ignore[no-untyped-def]
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_the_log_moves_to_numbered_files_and_keeps_the_newest(tmp_path) -> None:
    path = tmp_path / "shopdesk.log"
    handler = RotatingLog(path, max_bytes=1000, backups=3)
    log = logger_to(handler)
    for number in range(200):
        log.info("record %03d 顾客 ünïcode", number)
    handler.close()
    files = [path] + [tmp_path / f"shopdesk.log.{n}" for n in (1, 2, 3)]
    assert all(f.exists() for f in files)
    assert not (tmp_path / "shopdesk.log.4").exists()  # the oldest was dropped
    assert all(f.stat().st_size < 1000 for f in files)
    kept = [line for f in reversed(files) for line in lines(f)]  # oldest file first
    numbers = [int(line.split()[1]) for line in kept]
    assert numbers == list(range(200 - len(numbers), 200))  # in order, none missing
    assert len(numbers) > 100


@pytest.mark.skipif(os.name == "nt", reason="a folder in the way is a POSIX way to block it")
def test_a_rotation_that_cannot_happen_loses_no_record(tmp_path) -> None:
    path = tmp_path / "shopdesk.log"
    (tmp_path / "shopdesk.log.1").mkdir()
    (tmp_path / "shopdesk.log.1" / "x").write_text("in the way")  # the move must fail
    handler = RotatingLog(path, max_bytes=300, backups=1)
    log = logger_to(handler)
    for number in range(50):
        log.info("record %02d", number)
    handler.close()
    assert [line.split()[1] for line in lines(path)] == [f"{n:02d}" for n in range(50)]
