"""Shared fixtures: a real SQLite file and a real PostgreSQL server, never mocks.

PostgreSQL tests read the server's URL from ``SHOPDESK_TEST_PG_URL`` (for example
``postgresql+psycopg://postgres@127.0.0.1:5433/shopdesk_test``); the database is wiped for
each test. Without the variable they are skipped, unless ``SHOPDESK_REQUIRE_PG=1`` (set by
CI), where a missing server fails the run instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Fixtures of the mail servers (Dovecot, aiosmtpd) and the in-memory keyring.
pytest_plugins = ("tests.mailservers", "tests.keyrings")

PG_URL = os.environ.get("SHOPDESK_TEST_PG_URL", "")
REQUIRE_PG = os.environ.get("SHOPDESK_REQUIRE_PG") == "1"
# The order reports and e-mails the tests read (written by tests/fixtures/make_fixtures.py).
SAMPLES = Path(__file__).resolve().parent / "fixtures"


# Polls for a modal dialog (tests/test_ui_agents.when_modal) belong to the test that started
# them: one still running after its test ended would act on the next test's dialog.
MODAL_POLLS = {"test": 0}


@pytest.fixture(autouse=True)
def _modal_polls_end_with_the_test() -> Iterator[None]:
    yield
    MODAL_POLLS["test"] += 1


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data, log and settings folder; SHOPDESK_DB never leaks in."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SHOPDESK_HOME", str(home))
    monkeypatch.delenv("SHOPDESK_DB", raising=False)
    return home


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The window's language is Simplified Chinese for the test (English again after)."""
    from shopdesk.ui.i18n import LanguageSwitcher

    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    yield
    languages.apply("en")


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


_worker_urls: dict[str, str] = {}


def _worker_pg_url(url: str) -> str:
    """The PostgreSQL database of this pytest-xdist worker: ``<name>_gw0``, ``<name>_gw1``…,
    created on the same server the first time, so parallel workers never wipe each other's
    schema. Without xdist, the URL as given."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    if url not in _worker_urls:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        given = make_url(url)
        name = f"{given.database}_{worker}"
        engine = create_engine(given, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
        _worker_urls[url] = given.set(database=name).render_as_string(hide_password=False)
    return _worker_urls[url]


def database_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'shop.sqlite'}"
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("SHOPDESK_REQUIRE_PG=1 but SHOPDESK_TEST_PG_URL is not set")
        pytest.skip("no PostgreSQL server: set SHOPDESK_TEST_PG_URL")
    url = _worker_pg_url(PG_URL)
    _reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> str:
    """An empty database of each backend (nothing migrated yet)."""
    return database_url(backend, tmp_path)


@pytest.fixture
def db(db_url: str) -> Iterator:
    """A migrated, empty database of each backend."""
    from shopdesk.db import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator:
    from shopdesk.db import open_database

    database = open_database(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    yield database
    database.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With SHOPDESK_REQUIRE_PG=1 a skipped PostgreSQL test fails the run."""
    if not REQUIRE_PG:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    pg_skips = [r for r in skipped if "postgresql" in r.nodeid]
    if pg_skips:
        reporter.write_line(
            f"FAILED: {len(pg_skips)} PostgreSQL tests were skipped, CI requires them", red=True)
        session.exitstatus = 1
