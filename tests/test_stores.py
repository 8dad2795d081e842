"""Stores and their secrets on both backends: the keyring holds the password and nothing
else does (database, audit trail, log); no keyring means this session only."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from shopdesk.channels.registry import channel_for
from shopdesk.credentials import SERVICE, Credentials
from shopdesk.dataset.dump import dump_file
from shopdesk.errors import ShopDeskError
from shopdesk.models import AuditEvent, Base, ChannelState, Store
from shopdesk.models.enums import Role
from shopdesk.services import agents as agent_svc
from shopdesk.services import stores as svc

SECRET = "Pa55-word-that-must-not-leak"


def _form(**kw) -> svc.StoreForm:
    channel = {"kind": "email", "address": "service@xiaolu.example", "username": "",
               "imap_host": "imap.xiaolu.example", "imap_port": 993, "imap_security": "tls",
               "smtp_host": "smtp.xiaolu.example", "smtp_port": 587,
               "smtp_security": "starttls", "mailbox": "INBOX", "since": "2026-11-01"}
    values = {"name": "小鹿家居 邮箱", "platform": "email", "currency": "CNY",
              "timezone": "Asia/Shanghai", "channel": channel,
              "secrets": {"password": SECRET}}
    values.update(kw)
    return svc.StoreForm(**values)


@pytest.fixture
def people(db):
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        agent = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        return owner.id, agent.id


def _everything_in_the_database(db) -> str:
    """Every row of every table as text (the search index tables included on SQLite)."""
    parts = []
    with db.read_session() as s:
        for table in Base.metadata.sorted_tables:
            parts += [repr(tuple(row)) for row in s.execute(table.select())]
    return "\n".join(parts)


def test_password_goes_to_the_keyring_and_nowhere_else(db, people, memory_keyring, caplog,
                                                       tmp_path) -> None:
    owner_id, _agent = people
    caplog.set_level(logging.DEBUG)
    credentials = Credentials()
    assert credentials.persistent
    with db.transaction() as s:
        store = svc.save_store(s, s.get(agent_svc.Agent, owner_id), _form(), credentials)
        key, store_id = store.key, store.id
    assert memory_keyring.entries == {(SERVICE, f"{key}/password"): SECRET}
    with db.read_session() as s:
        store = s.get(Store, store_id)
        assert store.settings["channel"]["imap_host"] == "imap.xiaolu.example"
        assert "password" not in store.settings["channel"]
        actions = s.scalars(select(AuditEvent.action)).all()
        assert "store.create" in actions
        channel = channel_for(s, store, credentials)
        assert channel.password == SECRET  # the channel gets it from the keyring
    assert SECRET not in _everything_in_the_database(db)
    if db.backend == "sqlite":
        raw = b"".join(p.read_bytes() for p in tmp_path.glob("shop.sqlite*"))
        assert SECRET.encode() not in raw
    assert SECRET not in caplog.text
    dump = tmp_path / "shop.jsonl"
    dump_file(db, dump)
    assert SECRET not in dump.read_text(encoding="utf-8")
    # editing without typing the password keeps it; typing a new one replaces it
    with db.transaction() as s:
        svc.save_store(s, s.get(agent_svc.Agent, owner_id), _form(secrets={}), credentials,
                       store_id)
    assert credentials.get(key, "password") == SECRET
    with db.transaction() as s:
        svc.save_store(s, s.get(agent_svc.Agent, owner_id), _form(secrets={"password": "new"}),
                       credentials, store_id)
    assert credentials.get(key, "password") == "new"


def test_without_a_keyring_secrets_last_one_session(db, people, no_keyring) -> None:
    owner_id, _agent = people
    credentials = Credentials()
    assert not credentials.persistent and "keyring" in credentials.reason
    with db.transaction() as s:
        store = svc.save_store(s, s.get(agent_svc.Agent, owner_id), _form(), credentials)
        key = store.key
    assert credentials.get(key, "password") == SECRET  # this session
    assert SECRET not in _everything_in_the_database(db)
    next_session = Credentials()
    assert next_session.get(key, "password") is None
    with db.read_session() as s:
        assert svc.missing_secrets(s, next_session) == [(key, "小鹿家居 邮箱", "password")]
        assert svc.missing_secrets(s, credentials) == []


def test_store_checks_and_permissions(db, people, memory_keyring) -> None:
    owner_id, agent_id = people
    credentials = Credentials()
    bad = _form(name=" ", colour="red", currency="yuan", timezone="Mars/Olympus",
                reply_target_minutes=0, hours_start="18:00", hours_end="09:00", days=[])
    problems = bad.problems()
    for expected in ("needs a name", "#FF5000", "three-letter", "not a time zone",
                     "reply target", "end after they start", "working day"):
        assert any(expected in p for p in problems), expected
    email = _form()
    email.channel = {**email.channel, "address": "nope", "imap_host": "", "smtp_port": 0,
                     "since": "yesterday"}
    problems = email.problems()
    for expected in ("not an address", "IMAP server is missing", "SMTP port",
                     "date like 2026-11-01"):
        assert any(expected in p for p in problems), expected
    with db.transaction() as s, pytest.raises(ShopDeskError, match="needs a name"):
        svc.save_store(s, s.get(agent_svc.Agent, owner_id), bad, credentials)
    with db.transaction() as s, pytest.raises(ShopDeskError):
        svc.save_store(s, s.get(agent_svc.Agent, agent_id), _form(), credentials)
    assert memory_keyring.entries == {}  # nothing saved when the store is refused


def test_archive_stops_the_channel_and_new_settings_restart_the_cursor(db, people,
                                                                       memory_keyring) -> None:
    owner_id, _agent = people
    credentials = Credentials()
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, owner_id)
        store = svc.save_store(s, owner, _form(), credentials)
        sid = store.id
        s.add(ChannelState(store_id=sid, cursor='{"v": 1, "uid": 9}', online=False,
                           error="x", failures=3))
    with db.transaction() as s:
        form = _form(secrets={})
        form.channel = {**form.channel, "mailbox": "Support"}
        svc.save_store(s, s.get(agent_svc.Agent, owner_id), form, credentials, sid)
    with db.read_session() as s:
        state = s.get(ChannelState, sid)
        assert (state.cursor, state.failures, state.online) == (None, 0, True)
    with db.transaction() as s:
        svc.set_archived(s, s.get(agent_svc.Agent, owner_id), sid, True)
    with db.read_session() as s:
        assert s.get(Store, sid).archived
        active = s.scalars(select(Store.id).where(Store.archived.is_(False))).all()
        assert sid not in active


def test_working_hours_and_key(db, people, memory_keyring) -> None:
    owner_id, _agent = people
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, owner_id)
        a = svc.save_store(s, owner, _form(name="Qimu Home", days=[0, 1, 2, 3, 4]),
                           Credentials())
        b = svc.save_store(s, owner, _form(name="Qimu Home"), Credentials())
        assert (a.key, b.key) == ("qimu-home", "qimu-home-2")
        assert svc.StoreForm.of(a).days == [0, 1, 2, 3, 4]
        assert a.settings["working_hours"] == {"start": "09:00", "end": "18:00",
                                               "days": [0, 1, 2, 3, 4]}
