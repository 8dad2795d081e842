"""Live changes between PCs: every committed transaction names the rows it changed, and
every other running ShopDesk learns of them within a moment, without re-reading tables.

Sending (``install``): session events collect the changed rows of a transaction (ORM
objects flushed, and bulk ``update``/``insert``/``delete`` statements) and, just before it
commits, send ONE payload for the whole transaction, inside it (so it goes out only if the
transaction commits):

* PostgreSQL: ``pg_notify('shopdesk_changes', payload)``; PostgreSQL delivers it to every
  listening connection at commit, and never for a rolled-back transaction.
* SQLite: a row in ``change_log``; other windows notice a commit by ``PRAGMA data_version``
  (a cheap counter of the file's commits by other connections) and read the new rows only.

The payload is JSON, under 8000 bytes (NOTIFY's limit): the sender, the changed row ids per
table, the conversations and customers those rows belong to, and the tables changed too
widely to name their rows (then readers refresh what they show of them).

Receiving: ``Listener`` (in ``changefeed_listen``) blocks in a thread of its own.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BinaryExpression, BindParameter

if TYPE_CHECKING:
    from shopdesk.db import Database

log = logging.getLogger(__name__)

CHANNEL = "shopdesk_changes"
MAX_PAYLOAD = 7900  # NOTIFY refuses 8000 bytes and more
KEEP_LOG = 2000  # SQLite: change_log rows kept (a window reads new rows every moment)
# Rows that change all the time without anything to show: the channel leases renewed at
# every sync, the audit trail that repeats the other rows' changes, the log itself.
QUIET = frozenset({"channel_states", "audit_events", "change_log"})
PRESENCE = "presence"  # who views which conversation: its own key, not the conversation's
PARENTS = {"conversation_id": "conversations", "customer_id": "customers"}
KEY = "shopdesk_changes"  # in Session.info: the transaction's changes so far


@dataclass
class Change:
    """What one transaction (or several, merged) changed."""

    source: str = ""
    rows: dict[str, set[int]] = field(default_factory=dict)  # table → ids
    whole: set[str] = field(default_factory=set)  # tables changed without naming rows
    presence: set[int] = field(default_factory=set)  # conversations whose viewers changed

    def add(self, table: str, ident: int | None) -> None:
        if ident is None:
            self.whole.add(table)
        else:
            self.rows.setdefault(table, set()).add(int(ident))

    def ids(self, table: str) -> set[int]:
        return self.rows.get(table, set())

    def touches(self, table: str) -> bool:
        return table in self.whole or bool(self.rows.get(table))

    @property
    def conversations(self) -> set[int]:
        return self.ids("conversations")

    @property
    def customers(self) -> set[int]:
        return self.ids("customers")

    def __bool__(self) -> bool:
        return bool(self.rows or self.whole or self.presence)

    def merge(self, other: Change) -> None:
        for table, ids in other.rows.items():
            self.rows.setdefault(table, set()).update(ids)
        self.whole |= other.whole
        self.presence |= other.presence

    def payload(self) -> str:
        """JSON under ``MAX_PAYLOAD`` bytes: the tables with the most ids are named as
        "changed" without their ids until it fits."""
        rows = {t: sorted(ids) for t, ids in self.rows.items() if ids and t not in self.whole}
        whole = set(self.whole)
        while True:
            text_ = json.dumps({"s": self.source, "r": rows, "w": sorted(whole),
                                "p": sorted(self.presence)}, separators=(",", ":"))
            if len(text_.encode()) <= MAX_PAYLOAD:
                return text_
            if rows:
                biggest = max(rows, key=lambda t: len(rows[t]))
                whole.add(biggest)
                del rows[biggest]
            else:  # only presence ids: say "some viewers changed"
                return json.dumps({"s": self.source, "r": {}, "w": sorted(whole | {PRESENCE}),
                                   "p": []})

    @classmethod
    def parse(cls, payload: str) -> Change | None:
        try:
            data = json.loads(payload)
            return cls(source=str(data.get("s", "")),
                       rows={str(t): {int(i) for i in ids} for t, ids in data["r"].items()},
                       whole={str(t) for t in data.get("w", [])},
                       presence={int(i) for i in data.get("p", [])})
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("a change notification could not be read: %.200s", payload)
            return None


def _collect_object(change: Change, obj: Any) -> None:
    mapper = inspect(obj).mapper
    table = mapper.persist_selectable
    name = getattr(table, "name", None)
    if name is None or name in QUIET:
        return
    if name == PRESENCE:
        change.presence.add(int(obj.conversation_id))
        return
    ident = mapper.primary_key_from_instance(obj)
    if len(ident) == 1 and isinstance(ident[0], int):
        change.add(name, ident[0])
    else:
        change.add(name, None)
    for column, parent in PARENTS.items():
        value = getattr(obj, column, None)
        if isinstance(value, int):
            change.add(parent, value)
    if name == "conversations" and isinstance(getattr(obj, "customer_id", None), int):
        change.add("customers", obj.customer_id)


def _named_ids(statement: Any, table: Any, params: Any) -> set[int] | None:
    """The ids a bulk statement touches, when it names them: by ``id`` (or, for the
    customers' tags, ``customer_id``) in its rows, ``WHERE id = :p``, or ``WHERE id IN
    (…)``. None: it does not say which rows (the table changed as a whole)."""
    key = "customer_id" if table.name == "customer_tags" else "id"
    rows = params if isinstance(params, list) else [params] if isinstance(params, dict) else []
    if rows and all(isinstance(r, dict) and isinstance(r.get(key), int) for r in rows):
        return {r[key] for r in rows}
    where = getattr(statement, "whereclause", None)
    if where is None:
        return None
    for node in visitors.iterate(where):
        if not isinstance(node, BinaryExpression):
            continue
        left, right = node.left, node.right
        if getattr(getattr(left, "table", None), "name", None) != table.name \
                or getattr(left, "name", None) != key:
            continue
        if not isinstance(right, BindParameter):
            continue
        if right.value is not None and not callable(right.value):
            values = right.value if isinstance(right.value, list | tuple | set) else [right.value]
            if all(isinstance(v, int) for v in values):
                return set(values)
        if rows and all(isinstance(r.get(right.key), int) for r in rows):
            return {r[right.key] for r in rows}
    return None


def _changes(session: Session) -> Change:
    change = session.info.get(KEY)
    if change is None:
        change = session.info[KEY] = Change()
    return change


class Feed:
    """The sending half, installed on one ``Database``'s session factories."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.source = uuid.uuid4().hex[:16]  # this running program (and this database)
        self.has_log = False  # SQLite: change_log exists (a file not yet upgraded has none)
        self.sent = 0

    def after_flush(self, session: Session, _context: object) -> None:
        change = _changes(session)
        for obj in (*session.new, *session.dirty, *session.deleted):
            if obj in session.dirty and not session.is_modified(obj):
                continue
            _collect_object(change, obj)

    def after_bulk(self, state: Any) -> None:
        """``session.execute(update(...))`` and its kin: rows by id when the statement
        names them in its parameters, else the table as a whole."""
        if not (state.is_update or state.is_delete or state.is_insert):
            return
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if name is None or name in QUIET:
            return
        change = _changes(state.session)
        ids = _named_ids(state.statement, table, state.parameters)
        if ids is None:
            change.whole.add(name)
        elif name == "customer_tags":
            change.rows.setdefault("customers", set()).update(ids)
        else:
            change.rows.setdefault(name, set()).update(ids)
        if state.is_update and "customer_id" in table.c:  # rows moved to another customer
            moved_to = state.statement.compile().params.get("customer_id")
            if isinstance(moved_to, int):
                change.add("customers", moved_to)

    def before_commit(self, session: Session) -> None:
        session.flush()  # the last changes are collected before the payload is written
        change = session.info.pop(KEY, None)
        if not change:
            return
        change.source = self.source
        payload = change.payload()
        try:
            if self.backend == "postgresql":
                session.execute(text("SELECT pg_notify(:channel, :payload)"),
                                {"channel": CHANNEL, "payload": payload})
            elif self._log_ready(session):
                session.execute(text("INSERT INTO change_log (payload) VALUES (:p)"),
                                {"p": payload})
                self.sent += 1
                if self.sent % 100 == 1:
                    session.execute(text("DELETE FROM change_log WHERE id <= "
                                         "(SELECT MAX(id) FROM change_log) - :keep"),
                                    {"keep": KEEP_LOG})
        finally:
            session.info.pop(KEY, None)

    def _log_ready(self, session: Session) -> bool:
        if not self.has_log:
            self.has_log = session.execute(text(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log'"
            )).first() is not None
        return self.has_log

    def after_transaction_end(self, session: Session, transaction: Any) -> None:
        """The whole transaction ended (committed or rolled back; not a savepoint): what
        it collected goes with it."""
        if transaction.parent is None:
            session.info.pop(KEY, None)


def install(db: Database) -> Feed:
    """Announce every transaction of ``db``'s sessions. Returns the feed (its ``source``
    lets this program's listener skip its own changes)."""
    feed = Feed(db.backend)
    for factory in (db.session, db.read_session):
        _listen(factory, feed)
    return feed


def _listen(factory: sessionmaker[Session], feed: Feed) -> None:
    event.listen(factory, "after_flush", feed.after_flush)
    event.listen(factory, "do_orm_execute", feed.after_bulk)
    event.listen(factory, "before_commit", feed.before_commit)
    event.listen(factory, "after_transaction_end", feed.after_transaction_end)
