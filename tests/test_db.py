"""Engine set-up and migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from shopdesk import db as dbmod
from shopdesk.errors import ConfigurationError
from shopdesk.models import Base, Customer, CustomerIdentity, Store
from shopdesk.models.enums import Platform


def _store(key: str = "s1") -> Store:
    return Store(key=key, name="Shop", platform=Platform.TMALL, currency="CNY",
                 timezone="Asia/Shanghai")


def test_empty_database_ends_at_head_and_matches_the_models(db_url: str) -> None:
    database = dbmod.open_database(db_url)
    assert dbmod.current_revision(database) == dbmod.head_revision()
    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": dbmod.include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"migrations and models differ: {diff}"
    database.dispose()


def _predicate(conn, name: str) -> str | None:  # type: ignore[no-untyped-def]
    """The WHERE clause of index ``name`` as the database keeps it; None: not partial."""
    if conn.dialect.name == "sqlite":
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                "AND name = :n"), {"n": name}).scalar_one()
        return " ".join(sql.split(" WHERE ", 1)[1].split()) if " WHERE " in sql else None
    return conn.execute(text("SELECT pg_get_expr(indpred, indrelid) FROM pg_index "
                             "WHERE indexrelid = CAST(:n AS regclass)"), {"n": name}).scalar_one()


def test_partial_indexes_are_partial_as_the_models_say_on_both_backends(db_url: str) -> None:
    """Alembic's comparison above does not look at an index's WHERE clause, and the models
    name SQLite's only (models/base.py, partial_index): the migrated index must hold the
    rows the model says, compared with an index made from the model's clause on the spot."""
    database = dbmod.open_database(db_url)
    partial = [(table.name, index) for table in Base.metadata.tables.values()
               for index in table.indexes if "where" in index.info]
    assert {index.name for _t, index in partial} >= {"ix_messages_outbox",
                                                     "ix_customers_merged_into_id"}
    for table, index in partial:
        columns = ", ".join(c.name for c in index.columns)
        with database.engine.connect() as conn:  # rolled back when it closes
            actual = _predicate(conn, index.name)
            conn.execute(text(f"CREATE INDEX ix_check ON {table} ({columns}) "
                              f"WHERE {index.info['where']}"))
            expected = _predicate(conn, "ix_check")
        assert expected is not None
        assert actual == expected, index.name
    database.dispose()


def test_every_revision_upgrades_from_the_one_before_keeping_data(db_url: str) -> None:
    script = ScriptDirectory.from_config(dbmod.alembic_config())
    revisions = list(reversed(list(script.walk_revisions())))
    database = dbmod.Database(db_url)
    for revision in revisions:
        dbmod.upgrade_to_head(database, revision.revision)
        assert dbmod.current_revision(database) == revision.revision
        if revision.revision == revisions[0].revision:
            with database.transaction() as s:
                s.add(_store())
    with database.read_session() as s:
        assert s.scalars(select(Store.key)).all() == ["s1"]
    database.dispose()


def test_0019_puts_the_phone_and_the_e_mail_behind_the_mark_and_back(db_url: str) -> None:
    """The search text's contact part (services/customer_list.py: an agent finds it whole
    only) is made from each customer's row on the way up and undone on the way down."""
    database = dbmod.Database(db_url)
    dbmod.upgrade_to_head(database, "0018")
    with database.transaction() as s:  # (the tables are as at the head: 0019 keeps them)
        store = _store()
        customer = Customer(key="c1", name="王芳", phone="138-1234-5678", email="Fang@QQ.com")
        s.add_all([store, customer])
        s.flush()
        s.add_all([CustomerIdentity(customer_id=customer.id, store_id=store.id, handle=h)
                   for h in ("TB_Fang", "fang@example.com")])
    with database.engine.begin() as conn:  # as 0007 left it, or anything
        conn.execute(text("UPDATE customers SET search_text = 'stale'"))
    dbmod.upgrade_to_head(database)
    read = "SELECT search_text FROM customers"
    with database.engine.connect() as conn:
        assert conn.execute(text(read)).scalar_one() == \
            "王芳 tb_fang \x1f 138-1234-5678 fang@qq.com fang@example.com"
    _downgrade(database, "0018")
    with database.engine.connect() as conn:
        assert conn.execute(text(read)).scalar_one() == \
            "王芳 138-1234-5678 fang@qq.com tb_fang fang@example.com"
    database.dispose()


def test_0010_keeps_each_agent_and_makes_the_old_limit_the_yuan_limit(db_url: str) -> None:
    """Re-creating the agents table must not touch the rows that point at agents (their
    messages, notes, cases), and a limit typed as yuan stays a yuan limit."""
    database = dbmod.Database(db_url)
    dbmod.upgrade_to_head(database, "0009")
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with database.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO agents (id, key, name, role, refund_limit_minor, active, created_at) "
            "VALUES (1, 'wang', 'Wang', 'agent', 20000, true, :t), "
            "(2, 'lin', 'Lin', 'bookkeeper', NULL, true, :t)"), {"t": now})
        conn.execute(text(
            "INSERT INTO customers (id, key, name, created_at) VALUES (1, 'c1', '甲', :t)"),
            {"t": now})
        conn.execute(text(
            "INSERT INTO customer_notes (customer_id, author_id, text, pinned, at) "
            "VALUES (1, 1, '只收顺丰', false, :t)"), {"t": now})
    dbmod.upgrade_to_head(database)
    from shopdesk.models import Agent, CustomerNote

    with database.read_session() as s:
        limits = dict(s.execute(select(Agent.key, Agent.refund_limits)).all())
        assert limits == {"wang": {"CNY": 20000}, "lin": None}
        assert s.scalar(select(CustomerNote.author_id)) == 1
    database.dispose()


def _downgrade(database: dbmod.Database, revision: str) -> None:
    """As ``upgrade_to_head`` runs migrations: SQLite's foreign keys off (a rebuilt table
    must not cascade-delete its children)."""
    from alembic import command

    with database.engine.connect() as conn:
        raw = conn.connection.driver_connection if database.backend == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        command.downgrade(dbmod.alembic_config(conn), revision)
        if conn.in_transaction():
            conn.commit()
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")


def test_0011_keeps_the_outbox_and_the_search_and_allows_the_new_states(db_url: str) -> None:
    """0011 widens the send_state constraint (on SQLite by rebuilding the messages table):
    every message, its attachments and the search over it stay; 'sending' and 'uncertain'
    can be stored; going back turns them into 'failed' (visible, with Retry)."""
    from shopdesk.models import Attachment, Message
    from shopdesk.models.enums import SendState
    from shopdesk.services.search import search

    database = dbmod.Database(db_url)
    dbmod.upgrade_to_head(database, "0010")
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with database.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO stores (id, key, name, platform, currency, timezone, "
            "reply_target_minutes, settings, archived, created_at) VALUES "
            "(1, 's1', 'Shop', 'email', 'CNY', 'Asia/Shanghai', 60, '{}', false, :t)"),
            {"t": now})
        conn.execute(text("INSERT INTO customers (id, key, name, created_at) "
                          "VALUES (1, 'c1', '甲', :t)"), {"t": now})
        conn.execute(text(
            "INSERT INTO conversations (id, key, store_id, customer_id, status, priority, "
            "created_at, unread_count, version) VALUES (1, 'v1', 1, 1, 'open', 'normal', :t, "
            "0, 1)"), {"t": now})
        for mid, state, body in ((1, None, "杯子碎了要退款"), (2, "queued", "马上处理"),
                                 (3, "sent", "已经发货"), (4, "failed", "稍等")):
            conn.execute(text(
                "INSERT INTO messages (id, conversation_id, store_id, at, direction, text, "
                "send_state, send_attempts) VALUES (:id, 1, 1, :t, :d, :body, :state, 0)"),
                {"id": mid, "t": now, "d": "in" if state is None else "out", "body": body,
                 "state": state})
        conn.execute(text(
            "INSERT INTO attachments (message_id, filename, mime_type, size, data) "
            "VALUES (1, 'photo.png', 'image/png', 3, :data)"), {"data": b"png"})
    dbmod.upgrade_to_head(database)
    with database.transaction() as s:
        states = dict(s.execute(select(Message.id, Message.send_state)).all())
        assert states == {1: None, 2: SendState.QUEUED, 3: SendState.SENT, 4: SendState.FAILED}
        assert s.scalar(select(Attachment.filename)) == "photo.png"
        assert [h.message_id for h in search(s, "退款")] == [1]
        s.get(Message, 2).send_state = SendState.SENDING
        s.get(Message, 4).send_state = SendState.UNCERTAIN
        s.add(Message(id=5, conversation_id=1, store_id=1, at=now, direction="out",
                      text="新的回复退款中", send_state=SendState.QUEUED))
    with database.read_session() as s:  # the search triggers were made again
        assert [h.message_id for h in search(s, "退款")] == [5, 1]
    _downgrade(database, "0010")
    with database.engine.connect() as conn:
        assert dict(conn.execute(text("SELECT id, send_state FROM messages")).all()) == {
            1: None, 2: "failed", 3: "sent", 4: "failed", 5: "queued"}
        assert conn.execute(text("SELECT count(*) FROM attachments")).scalar() == 1
    database.dispose()


def test_head_constant_is_the_scripts_head() -> None:
    from shopdesk.migrations import HEAD

    assert dbmod.head_revision() == HEAD


def test_opening_an_existing_database_again_keeps_its_data(db_url: str) -> None:
    first = dbmod.open_database(db_url)
    with first.transaction() as s:
        s.add(_store())
    first.dispose()
    second = dbmod.open_database(db_url)
    assert dbmod.current_revision(second) == dbmod.head_revision()
    with second.read_session() as s:
        assert s.scalar(select(Store.name)) == "Shop"
    second.dispose()


def test_sqlite_pragmas(sqlite_db: dbmod.Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == dbmod.BUSY_TIMEOUT_MS


def test_sqlite_read_then_write_does_not_fail_when_another_connection_wrote(
        sqlite_db: dbmod.Database) -> None:
    """The deferred-transaction trap: writers start with BEGIN IMMEDIATE."""
    with sqlite_db.transaction() as s:
        s.add(_store("a"))
    other_done = threading.Event()
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            with sqlite_db.transaction() as s2:
                s2.add(_store("b"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        other_done.set()

    with sqlite_db.transaction() as s:
        s.execute(select(Store)).all()  # read first ...
        t = threading.Thread(target=other_writer)
        t.start()
        other_done.wait(0.3)  # ... the other writer waits for our lock instead of slipping in
        s.add(_store("c"))  # ... then write
    t.join(15)
    assert not errors
    with sqlite_db.read_session() as s:
        assert sorted(s.scalars(select(Store.key))) == ["a", "b", "c"]


def test_sqlite_upgrade_runs_with_foreign_keys_off_and_turns_them_back_on(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batch migrations re-create tables; with foreign keys on, ON DELETE CASCADE would
    delete every child row. The migrations must see foreign keys off."""
    seen: list[int] = []
    from alembic import command

    real_upgrade = command.upgrade

    def spying_upgrade(cfg, revision):  # type: ignore[no-untyped-def]
        conn = cfg.attributes["connection"]
        seen.append(conn.connection.driver_connection.execute("PRAGMA foreign_keys").fetchone()[0])
        real_upgrade(cfg, revision)

    monkeypatch.setattr(command, "upgrade", spying_upgrade)
    database = dbmod.open_database(f"sqlite:///{tmp_path / 'fk.sqlite'}")
    assert seen == [0]
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()


def test_upgrading_an_existing_sqlite_file_backs_it_up_first(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    database = dbmod.Database(url)
    dbmod.upgrade_to_head(database, "0001")
    with database.transaction() as s:
        s.add(_store())
    dbmod.upgrade_to_head(database)
    backups = list(tmp_path.glob("old.before-*.bak.sqlite"))
    assert len(backups) == 1
    old = dbmod.Database(f"sqlite:///{backups[0]}")
    assert dbmod.current_revision(old) == "0001"
    with old.read_session() as s:
        assert s.scalar(select(Store.key)) == "s1"
    old.dispose()
    database.dispose()


def test_backup_of_a_live_sqlite_file(sqlite_db: dbmod.Database) -> None:
    with sqlite_db.transaction() as s:
        s.add(_store())
    target = dbmod.backup_sqlite(sqlite_db, "test")
    assert target is not None and target.exists()
    copy = dbmod.Database(f"sqlite:///{target}")
    with copy.read_session() as s:
        assert s.scalar(select(Store.key)) == "s1"
    copy.dispose()


def test_times_come_back_utc_aware_and_naive_times_are_refused(db: dbmod.Database) -> None:
    local = datetime(2026, 11, 11, 0, 3, 12).astimezone()
    with db.transaction() as s:
        store = _store()
        store.created_at = local
        s.add(store)
    with db.read_session() as s:
        got = s.scalar(select(Store.created_at))
    assert got.tzinfo is not None and got.utcoffset().total_seconds() == 0
    assert got == local.astimezone(UTC)
    with pytest.raises(Exception, match="naive datetime"), db.transaction() as s:
        bad = _store("naive")
        bad.created_at = datetime(2026, 1, 1)
        s.add(bad)


def test_bad_urls_give_a_clear_reason(tmp_path) -> None:
    with pytest.raises(ConfigurationError, match="SQLite and PostgreSQL"):
        dbmod.open_database("mysql://x@localhost/db")
    with pytest.raises(ConfigurationError, match="cannot open the database"):
        dbmod.open_database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(ConfigurationError, match="not a database URL"):
        dbmod.open_database("://nothing")


def test_plain_path_is_an_sqlite_file(tmp_path) -> None:
    url = dbmod.resolve_url(str(tmp_path / "x.sqlite"))
    assert url.startswith("sqlite:///") and url.endswith("x.sqlite")


def test_tables_exist(db: dbmod.Database) -> None:
    names = set(inspect(db.engine).get_table_names())
    for expected in ("stores", "agents", "tags", "customers", "customer_identities",
                     "customer_notes", "orders", "order_items", "conversations", "messages",
                     "attachments", "quick_replies", "complaints", "survey_responses",
                     "return_cases", "return_items", "return_events", "audit_events"):
        assert expected in names
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM stores")).scalar() == 0
