"""``shopdesk move``: an SQLite shop copied to an empty PostgreSQL database, on real servers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from shopdesk.cli import build_demo, main
from shopdesk.dataset.dump import dump_file
from shopdesk.db import open_database
from shopdesk.models import Agent, Tag
from shopdesk.services.move import MoveError, move, tables
from tests.conftest import database_url


@pytest.fixture
def pg_url(tmp_path: Path) -> str:
    return database_url("postgresql", tmp_path)


@pytest.fixture
def demo_file(tmp_path: Path):
    db = open_database(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    build_demo(db, "small", 3, datetime(2026, 11, 1, tzinfo=UTC))
    with db.transaction() as session:  # what the dataset format does not carry moves too
        session.execute(text("UPDATE agents SET pin_hash = 'x$y' WHERE role = 'agent'"))
    yield db
    db.dispose()


def test_every_row_moves_and_new_rows_follow(demo_file, pg_url: str, tmp_path: Path,
                                             capsys) -> None:
    assert main(["move", "--db", demo_file.url, "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "600 conversations" in out and "Point every PC at it" in out
    target = open_database(pg_url)
    with demo_file.read_session() as a, target.read_session() as b:
        for table in tables():
            count = select(func.count()).select_from(table)
            assert a.execute(count).scalar_one() == b.execute(count).scalar_one(), table.name
        assert b.scalar(select(func.count()).select_from(Agent).where(
            Agent.pin_hash == "x$y")) == a.scalar(select(func.count()).select_from(Agent).where(
                Agent.pin_hash == "x$y"))
    dump_file(demo_file, tmp_path / "a.jsonl")
    dump_file(target, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()
    with target.transaction() as session:  # the ids go on after the copied ones
        session.add(Tag(name="新标签", colour="#123456"))
    with target.read_session() as session:  # the planner knows the copied rows at once
        assert session.scalar(text(
            "SELECT count(*) FROM pg_stats WHERE tablename = 'conversations' "
            "AND schemaname = current_schema()")) > 0
    target.dispose()


def test_nul_is_named_before_anything_is_copied(demo_file, pg_url: str) -> None:
    with demo_file.transaction() as session:
        note_id = session.execute(text("SELECT MIN(id) FROM customer_notes")).scalar_one()
        session.execute(text("UPDATE customer_notes SET text = 'a' || char(0) || 'b' "
                             "WHERE id = :id"), {"id": note_id})
    target = open_database(pg_url)
    with pytest.raises(MoveError, match=rf"customer_notes id {note_id}, column text"):
        move(demo_file, target)
    with target.read_session() as session:
        assert session.execute(text("SELECT COUNT(*) FROM stores")).scalar_one() == 0
    target.dispose()


def test_a_database_that_holds_anything_is_refused(demo_file, pg_url: str, capsys) -> None:
    target = open_database(pg_url)
    with target.transaction() as session:
        session.add(Tag(name="x", colour="#123456"))
    target.dispose()
    assert main(["move", "--db", demo_file.url, "--to", pg_url]) == 1
    assert "is not empty (1 tags)" in capsys.readouterr().err
