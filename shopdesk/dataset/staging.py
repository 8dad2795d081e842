"""What every record builder of the loader shares: the ids it hands out, the keys defined so
far (with their lines), references to earlier records, amounts, and the rows to write."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from shopdesk.errors import DatasetError, MoneyError
from shopdesk.models import (
    Conversation,
    CustomerIdentity,
    Message,
    Order,
    ReturnCase,
    Store,
)
from shopdesk.models.enums import Direction
from shopdesk.money import to_minor

Progress = Callable[[str, int, int], None]


@dataclass
class LoadReport:
    records: int = 0
    inserted: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        parts = [f"{self.records} records"]
        if self.inserted:
            parts.append("added " + ", ".join(f"{n} {k}" for k, n in sorted(self.inserted.items())))
        if self.updated:
            parts.append("updated " + ", ".join(f"{n} {k}" for k, n in sorted(self.updated.items())))
        if self.unchanged:
            parts.append(
                "already there " + ", ".join(f"{n} {k}" for k, n in sorted(self.unchanged.items()))
            )
        return "; ".join(parts)


def aware(value: datetime) -> datetime:
    return value.astimezone(UTC)


class Staging:
    """The state of one load; the record builders (``stage_*`` modules) add to it."""

    def __init__(self, session: Session, progress: Progress | None) -> None:
        self.s = session
        self.progress = progress or (lambda phase, done, total: None)
        self.report = LoadReport()
        self.line_of: dict[tuple[str, str], int] = {}
        self.numbers: dict[tuple[str, int, str], tuple[str, int]] = {}  # → key, line
        self.external_line: dict[tuple[int, str], int] = {}
        self.updating: dict[tuple[str, int], tuple[str, int]] = {}  # (kind, row) → key, line
        # Rows to write, per table.
        self.inserts: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        self.updates: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        self.replace_children: dict[Table, set[int]] = defaultdict(set)  # child table → parents
        # File keys → (id, facts the later records need).
        self.stores: dict[str, dict[str, Any]] = {}
        self.agents: dict[str, int] = {}
        self.tags: dict[str, int] = {}
        self.customers: dict[str, int] = {}
        self.orders: dict[str, dict[str, Any]] = {}
        self.conversations: dict[str, dict[str, Any]] = {}
        self.messages_of: dict[int, list[tuple[datetime, Direction, str]]] = defaultdict(list)
        self.existing_conversations: set[int] = set()
        self.case_refunds: dict[int, dict[str, int]] = defaultdict(dict)  # order id → case → minor
        self.case_items: dict[int, dict[str, Counter[str]]] = defaultdict(dict)
        self._seen_messages: set[Any] = set()
        self._messages_read: set[int] = set()
        self._seen_notes: set[Any] | None = None
        self._seen_surveys: set[Any] | None = None
        self._seen_identities: dict[tuple[int, str], tuple[int, int]] | None = None
        self._next: dict[Table, int] = {}
        self._existing = ExistingKeys(session)
        self.message_rows: list[tuple[Any, ...]] = []
        self.dialect = session.get_bind().dialect.name
        self.naive_times = self.dialect == "sqlite"  # how UTCDateTime stores times there
        self.message_ids: Iterator[int] | None = None
        self.indexed = 0  # the first message rows already in the search index

    # -- helpers ---------------------------------------------------------------------------

    def new_id(self, table: Table) -> int:
        if table not in self._next:
            current = self.s.execute(select(func.max(table.c.id))).scalar()
            self._next[table] = (current or 0) + 1
        value = self._next[table]
        self._next[table] = value + 1
        return value

    def claim(self, kind: str, store: dict[str, Any], key: str, number: str, lineno: int,
              fname: str) -> None:
        """``number`` (an order number, an external id) of ``store`` belongs to the record
        ``key`` alone in the file."""
        slot = (kind, store["id"], number)
        earlier = self.numbers.get(slot)
        if earlier is not None:
            raise DatasetError(
                f"{fname} '{number}' of store '{store['key']}' is already used by {kind} "
                f"'{earlier[0]}' on line {earlier[1]}", lineno, fname)
        self.numbers[slot] = (key, lineno)

    @staticmethod
    def not_taken(existing: int | None, holder: int | None, kind: str, number: str, lineno: int,
                  fname: str) -> None:
        """The record updates ``existing`` (found by its key), but ``holder``, another record
        in the database, has its ``number``."""
        if existing is not None and holder is not None and holder != existing:
            raise DatasetError(f"{fname} '{number}' belongs to another {kind} in the database",
                               lineno, fname)

    def once(self, kind: str, existing: int | None, key: str, lineno: int, fname: str) -> None:
        """``existing``, the database row this record updates, is updated by no other record
        of the file: one matched by its key and one by its number (an order renumbered, and
        another record given its old number) would both be written into it, one of them
        lost."""
        if existing is None:
            return
        earlier = self.updating.setdefault((kind, existing), (key, lineno))
        if earlier[0] != key:
            raise DatasetError(
                f"this {kind} and {kind} '{earlier[0]}' on line {earlier[1]} are the same "
                f"{kind} in the database (one by its key, the other by its {fname}); one of "
                "them would be lost", lineno, fname)

    def define(self, kind: str, key: str, lineno: int) -> None:
        earlier = self.line_of.get((kind, key))
        if earlier is not None:
            raise DatasetError(f"{kind} '{key}' is already defined on line {earlier}", lineno, "key")
        self.line_of[(kind, key)] = lineno

    @staticmethod
    def ref(table: dict[str, Any], kind: str, key: str | None, lineno: int, fname: str) -> Any:
        if key is None:
            return None
        try:
            return table[key]
        except KeyError:
            raise DatasetError(
                f"{kind} '{key}' is not defined on an earlier line", lineno, fname
            ) from None

    @staticmethod
    def minor(amount: Decimal | None, currency: str, lineno: int, fname: str) -> int | None:
        if amount is None:
            return None
        try:
            return to_minor(amount, currency)
        except MoneyError as exc:
            raise DatasetError(str(exc), lineno, fname) from None

    def put(self, table: Table, kind: str, row: dict[str, Any], existing_id: int | None) -> int:
        if existing_id is None:
            row["id"] = self.new_id(table)
            self.inserts[table].append(row)
            self.report.inserted[kind] += 1
        else:
            row["id"] = existing_id
            self.updates[table].append(row)
            self.report.updated[kind] += 1
        return row["id"]

    # -- staging ---------------------------------------------------------------------------

    def seen_identities(self) -> dict[tuple[int, str], tuple[int, int]]:
        if self._seen_identities is None:
            self._seen_identities = {
                (sid, handle): (cid, 0)
                for sid, handle, cid in self.s.execute(
                    select(CustomerIdentity.store_id, CustomerIdentity.handle,
                           CustomerIdentity.customer_id)
                )
            }
        return self._seen_identities

    def seen_messages(self, conv_id: int) -> set[Any]:
        """Signatures of the messages already stored for the conversations being reloaded,
        read in chunks of the conversations staged so far."""
        if conv_id not in self._messages_read:
            pending = [c for c in self.existing_conversations if c not in self._messages_read]
            for start in range(0, len(pending), 500):
                chunk = pending[start:start + 500]
                rows = self.s.execute(
                    select(Message.conversation_id, Message.store_id, Message.at,
                           Message.direction, Message.text, Message.external_id)
                    .where(Message.conversation_id.in_(chunk))
                )
                for cid, sid, at, direction, body, ext in rows:
                    self._seen_messages.add((sid, ext) if ext else (cid, at, direction.value, body))
                self._messages_read.update(chunk)
        return self._seen_messages


class ExistingKeys:
    """What the database already holds, read once per kind on first need."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self._keys: dict[type, dict[str, int]] = {}
        self._orders: dict[tuple[int, str], int] | None = None
        self._convs: dict[tuple[int, str], int] | None = None

    def id_of(self, model: type, key: str) -> int | None:
        if model not in self._keys:
            self._keys[model] = dict(
                self.s.execute(select(model.key, model.id)).all()  # type: ignore[attr-defined]
            )
        return self._keys[model].get(key)

    def order_id(self, key: str, store_id: int, order_no: str) -> int | None:
        found = self.id_of(Order, key)
        return found if found is not None else self.order_numbered(store_id, order_no)

    def order_numbered(self, store_id: int, order_no: str) -> int | None:
        if self._orders is None:
            self._orders = {(s, o): i for s, o, i in self.s.execute(
                select(Order.store_id, Order.order_no, Order.id))}
        return self._orders.get((store_id, order_no))

    def conversation_id(self, key: str, store_id: int, external_id: str | None) -> int | None:
        found = self.id_of(Conversation, key)
        if found is not None or external_id is None:
            return found
        return self.conversation_numbered(store_id, external_id)

    def conversation_numbered(self, store_id: int, external_id: str) -> int | None:
        if self._convs is None:
            self._convs = {(s, e): i for s, e, i in self.s.execute(
                select(Conversation.store_id, Conversation.external_id, Conversation.id)
                .where(Conversation.external_id.is_not(None)))}
        return self._convs.get((store_id, external_id))

    def reply_target(self, store_id: int) -> int:
        value = self.s.execute(
            select(Store.reply_target_minutes).where(Store.id == store_id)).scalar()
        return int(value or 60)

    def refunds_of_order(self, order_id: int) -> dict[str, int]:
        return {k: int(r or 0) for k, r in self.s.execute(
            select(ReturnCase.key, ReturnCase.refunded_minor).where(ReturnCase.order_id == order_id))}

    def messages_of(self, conv_id: int) -> list[tuple[datetime, Direction, str]]:
        return [tuple(r) for r in self.s.execute(  # type: ignore[misc]
            select(Message.at, Message.direction, Message.text)
            .where(Message.conversation_id == conv_id).order_by(Message.at, Message.id))]
