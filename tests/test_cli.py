"""The ``shopdesk`` command line, run in-process with real databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopdesk.cli import main
from tests.test_dataset import SMALL, write


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_db_current_and_upgrade(capsys, db_url: str) -> None:
    code, out, _ = run(capsys, "db", "current", "--db", db_url)
    assert code == 0 and "empty" in out and "needs upgrade" in out
    code, out, _ = run(capsys, "db", "upgrade", "--db", db_url)
    assert code == 0 and "upgraded from empty" in out
    code, out, _ = run(capsys, "db", "upgrade", "--db", db_url)
    assert code == 0 and "already at the newest schema" in out
    code, out, _ = run(capsys, "db", "current", "--db", db_url)
    assert "up to date" in out


def test_demo_dump_load(capsys, db_url: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, "demo", "--seed", "2", "--anchor", "2026-11-01", "--db", db_url)
    assert code == 0, err
    assert "600 conversation" in out
    dump = tmp_path / "shop.jsonl.gz"
    code, out, _ = run(capsys, "dump", str(dump), "--db", db_url)
    assert code == 0 and dump.exists()
    target = f"sqlite:///{tmp_path / 'copy.sqlite'}"
    code, out, _ = run(capsys, "load", str(dump), "--db", target)
    assert code == 0 and "added" in out
    code, out, _ = run(capsys, "load", str(dump), "--db", target)
    assert code == 0 and "already there" in out and "added" not in out


def test_demo_refuses_a_database_with_a_shop(capsys, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert run(capsys, "load", str(write(tmp_path / "a.jsonl", SMALL)), "--db", url)[0] == 0
    code, _, err = run(capsys, "demo", "--db", url)
    assert code == 1 and "already holds a shop" in err
    assert len(err.strip().splitlines()) == 1


def test_failures_are_one_line_and_non_zero(capsys, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(SMALL[0]) + "\n" + json.dumps({**SMALL[1], "currency": "yuan"}))
    code, _, err = run(capsys, "load", str(bad), "--db", str(tmp_path / "y.sqlite"))
    assert code == 1
    assert err.strip() == ("shopdesk: line 2, field 'currency': 'yuan' is not an ISO 4217 "
                           "currency code like CNY or USD")
    code, _, err = run(capsys, "db", "current", "--db", "postgresql://nobody@127.0.0.1:1/x")
    assert code == 1 and err.startswith("shopdesk: cannot open the database")
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "demo", "--anchor", "yesterday", "--db", str(tmp_path / "z.sqlite"))
    assert code == 1 and "not a date" in err


def test_shopdesk_db_environment_variable(capsys, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env.sqlite"
    monkeypatch.setenv("SHOPDESK_DB", f"sqlite:///{target}")
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and target.exists() and str(target) in out


def test_default_database_lives_in_the_user_data_folder(capsys, _isolated_home: Path) -> None:
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0
    assert (_isolated_home / "data" / "shopdesk.sqlite").exists()
