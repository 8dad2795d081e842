"""Engine, sessions, SQLite pragmas and the Alembic upgrade applied at start-up."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from shopdesk import changefeed, lock_sharing, paths
from shopdesk.errors import ConfigurationError
from shopdesk.migrations import HEAD
from shopdesk.textfold import CHARS_FUNCTION, SQL_FUNCTION, chars, fold

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000
READONLY = "shopdesk_readonly"


def resolve_url(url: str | None) -> str:
    """The database URL from ``--db``, then ``SHOPDESK_DB``, then the user's own file."""
    url = url or os.environ.get("SHOPDESK_DB")
    if not url:
        return f"sqlite:///{paths.default_db_path()}"
    if "://" not in url:  # a plain path to an SQLite file
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def describe(url: str) -> str:
    """The URL as a person may see it (password hidden)."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(f"'{url}' is not a database URL") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    elif parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(False)
        # Custom plans only: psycopg prepares a statement run five times, and after five more
        # runs PostgreSQL may plan it once for any parameters. The search's plan depends on
        # the query (a rare term from the index, a common one from the newest messages): its
        # generic plan took 2–3 s per search instead of 5 ms (bench/pinyin.py).
        engine = create_engine(url, pool_pre_ping=True, connect_args={
            "connect_timeout": 10, "options": "-c plan_cache_mode=force_custom_plan"})
    else:
        raise ConfigurationError(
            f"ShopDesk works with SQLite and PostgreSQL, not {parsed.get_backend_name()}"
        )
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's begin event decide how transactions start (see below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()
        # The search index's triggers fold text with the same Python function as queries.
        dbapi_conn.create_function(SQL_FUNCTION, 1, fold, deterministic=True)
        dbapi_conn.create_function(CHARS_FUNCTION, 1, chars, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # A deferred transaction that reads and then writes fails at once with "database is
        # locked" when another connection wrote in between, whatever the busy timeout.
        # Writers therefore take the write lock up front; read-only work asks for a plain
        # BEGIN so it never waits for a writer (WAL readers see the last commit).
        if conn.get_execution_options().get(READONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """One database: its engine and session factories. Created once at start-up."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.session = sessionmaker(self.engine, expire_on_commit=False)
        self.read_session = sessionmaker(
            self.engine.execution_options(**{READONLY: True}), expire_on_commit=False
        )
        self.feed = changefeed.install(self)  # every commit tells the other PCs what changed
        # A worker's statements leave the window's thread its turns at Python's lock.
        event.listen(self.engine, "before_cursor_execute", _give_turn)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def location(self) -> str:
        if self.backend == "sqlite":
            return str(self.engine.url.database)
        return describe(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self.session() as session, session.begin():
            yield session

    def refresh_statistics(self) -> None:
        """After a bulk write (a load, a move): PostgreSQL plans every statement from its
        tables' statistics, which rows written in bulk leave empty until autovacuum comes by
        (minutes later): measured on the large demo, a search took 260–290 ms instead of
        3 ms until then. SQLite plans without them."""
        if self.backend == "postgresql":
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")

    def dispose(self) -> None:
        self.engine.dispose()


def _give_turn(*_statement: object) -> None:
    lock_sharing.give_turn()


def open_database(url: str | None = None, *, upgrade: bool = True) -> Database:
    """Open (and unless told otherwise migrate) the database at ``url``."""
    db = Database(resolve_url(url))
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except OperationalError as exc:
        raise ConfigurationError(
            f"cannot open the database {describe(db.url)}: {first_line(exc)}"
        ) from exc
    if upgrade:
        upgrade_to_head(db)
    return db


def trouble(exc: BaseException) -> str | None:
    """What a database error means for the person at the keyboard, when it is not a bug:
    "busy" (another program holds the SQLite file's write lock past the busy timeout),
    "file" (the SQLite file cannot be read or written: disk full, gone, no permission),
    "unreachable" (the PostgreSQL server or the network is down). None for anything else.
    Nothing was written in any of these cases: the transaction was rolled back."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return None
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error):
        text = str(orig).lower()
        return "busy" if "locked" in text or "busy" in text else "file"
    return "unreachable"


def first_line(exc: BaseException) -> str:
    """The driver's own first line of a database error (no SQL, no parameters)."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """What Alembic compares with the models: not the search index (FTS tables, their shadow
    tables, the pg_trgm and text-search expression indexes), which hand-written migrations
    own."""
    if type_ == "table" and name and (name.endswith("_fts") or "_fts_" in name):
        return False
    return not (type_ == "index" and name and name.endswith(("_trgm", "_grams")))


def alembic_config(connection=None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    """The schema revision recorded in the database (None for an empty database). Plain SQL:
    starting the program on an up-to-date database does not load Alembic."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(db: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision``. An existing SQLite file is backed up first.

    On SQLite, migrations run with foreign keys off: batch migrations re-create tables, and
    with foreign keys on, ``ON DELETE CASCADE`` would silently delete every child row.
    The foreign keys are checked afterwards and a violation stops the upgrade.
    """
    current = current_revision(db)
    if revision == "head" and current == HEAD:
        return
    from alembic import command

    target = head_revision() if revision == "head" else revision
    if current == target:
        return
    sqlite = db.backend == "sqlite"
    if sqlite and current is not None:
        backup_sqlite(db, suffix=f"before-{target}")
    with db.engine.connect() as conn:
        # PRAGMA foreign_keys is ignored inside a transaction, and SQLAlchemy would begin
        # one (BEGIN IMMEDIATE) on its first statement: set it on the driver connection.
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            command.upgrade(alembic_config(conn), revision)
            if conn.in_transaction():
                conn.commit()
            if raw is not None:
                problems = raw.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise ConfigurationError(
                        f"the upgrade left {len(problems)} broken references "
                        f"(first in table {problems[0][0]}); restore the backup next to the file"
                    )
        finally:
            if raw is not None:
                if conn.in_transaction():
                    conn.rollback()
                raw.execute("PRAGMA foreign_keys=ON")
    log.info("database %s upgraded from %s to %s", db.location, current, target)


def backup_sqlite(db: Database, suffix: str) -> Path | None:
    """Copy a live SQLite file next to itself (online backup, safe with WAL)."""
    source = Path(str(db.engine.url.database))
    if not source.exists() or source.stat().st_size == 0:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.stem}.{suffix}.{stamp}.bak{source.suffix}")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()
    log.info("backed up %s to %s", source, target)
    return target


def table_names(db: Database) -> list[str]:
    return inspect(db.engine).get_table_names()


def is_empty(db: Database) -> bool:
    """True when the shop has no stores yet (a new database)."""
    with db.read_session() as session:
        return session.execute(text("SELECT COUNT(*) FROM stores")).scalar_one() == 0
