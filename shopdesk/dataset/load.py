"""``shopdesk load``: read a dataset (shared/DATASET.md, version 1) into the database.

All or nothing: every line is checked before anything is written, the writing happens in
one transaction, and the first problem is reported with its line number and field.
Loading the same file twice changes nothing: records are matched by their key (orders also
by store + order number, conversations by store + external id) and updated in place;
messages, notes and surveys that are already there are not added again.

Writing is bulk: ids are assigned here and rows go to the database in ``executemany``
batches, so a million messages load in seconds, not hours.
"""

from __future__ import annotations

import gzip
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Enum,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from shopdesk.dataset.fields import FORMAT_NAME, FORMAT_VERSION, KINDS, FieldError, check_fields
from shopdesk.db import Database
from shopdesk.errors import DatasetError, MoneyError, TransitionError
from shopdesk.models import (
    Agent,
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    CustomerNote,
    Message,
    Order,
    OrderItem,
    QuickReply,
    ReturnCase,
    ReturnEvent,
    ReturnItem,
    Store,
    SurveyResponse,
    Tag,
    UTCDateTime,
    customer_tags,
)
from shopdesk.models.enums import Direction, ReturnState
from shopdesk.money import to_minor
from shopdesk.services import customer_list, search
from shopdesk.services import returns as rsm
from shopdesk.services.conversations import summarise
from shopdesk.services.rules import rules_for

Progress = Callable[[str, int, int], None]
BATCH = 20_000
_MESSAGES: Table = Message.__table__  # type: ignore[assignment]
MESSAGE_COLUMNS = ("id", "conversation_id", "store_id", "at", "direction", "author_id", "text",
                   "external_id", "send_state", "send_error", "send_attempts")
_MESSAGE_FIELDS = frozenset(KINDS["message"])
_DIRECTIONS = {d.value: d for d in Direction}
_AUTHORED = (Direction.OUT, Direction.NOTE)
_fromiso = datetime.fromisoformat


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


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a ``.jsonl`` or ``.jsonl.gz`` file (gzip recognised by its magic bytes)."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    raw = gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as fh:
        try:
            yield from fh
        except UnicodeDecodeError as exc:
            raise DatasetError(f"the file is not UTF-8 text ({exc.reason})") from None
        except (OSError, EOFError) as exc:
            raise DatasetError(f"the file cannot be read: {exc}") from None


_raw_decode = json.JSONDecoder().raw_decode


def _decode(line: str) -> Any:
    """One JSON value from a line. The fast decoder first; ``json.loads`` for what it does
    not take (leading white space) and for the error message."""
    try:
        value, end = _raw_decode(line)
        if end == len(line) or not line[end:].strip():
            return value
    except json.JSONDecodeError:
        pass
    return json.loads(line)


def parse_lines(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line; checks the header line."""
    header_seen = False
    for lineno, line in enumerate(lines, start=1):
        if len(line) < 3 and not line.strip():
            continue
        try:
            record = _decode(line)
        except json.JSONDecodeError as exc:
            if not line.strip():
                continue
            raise DatasetError(f"not valid JSON ({exc.msg}, column {exc.colno})", lineno) from None
        if not isinstance(record, dict):
            raise DatasetError("a record must be a JSON object", lineno)
        if not header_seen:
            if record.get("format") != FORMAT_NAME:
                raise DatasetError(
                    f'the first line must be {{"format": "{FORMAT_NAME}", "version": 1}}',
                    lineno, "format",
                )
            if record.get("version") != FORMAT_VERSION:
                raise DatasetError(
                    f"version {record.get('version')!r} is not supported (this ShopDesk reads "
                    f"version {FORMAT_VERSION})", lineno, "version",
                )
            extra = set(record) - {"format", "version"}
            if extra:
                raise DatasetError("unknown field", lineno, sorted(extra)[0])
            header_seen = True
            continue
        yield lineno, record
    if not header_seen:
        raise DatasetError("the file is empty: it has no dataset header line")


def load_file(db: Database, path: Path, progress: Progress | None = None) -> LoadReport:
    if not path.exists():
        raise DatasetError(f"no such file: {path}")
    return load_records(db, parse_lines(read_lines(path)), progress)


def load_records(
    db: Database,
    records: Iterable[tuple[int, dict[str, Any]]],
    progress: Progress | None = None,
) -> LoadReport:
    """Check every record, then write them all in one transaction."""
    with db.session() as session, session.begin():
        if db.backend == "sqlite":
            # A large page cache keeps index pages in memory while a million rows go in.
            session.execute(text("PRAGMA cache_size=-262144"))
        loader = _Loader(session, progress)
        for lineno, record in records:
            loader.stage(lineno, record)
        loader.write()
        # The customers' summaries (orders, spent, search text) and RFM segments follow.
        customer_list.refresh(session)
        return loader.report


def _aware(value: datetime) -> datetime:
    return value.astimezone(UTC)


class _Loader:
    def __init__(self, session: Session, progress: Progress | None) -> None:
        self.s = session
        self.progress = progress or (lambda phase, done, total: None)
        self.report = LoadReport()
        self.line_of: dict[tuple[str, str], int] = {}
        self.external_line: dict[tuple[int, str], int] = {}
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
        self._existing = _ExistingKeys(session)
        self.message_rows: list[tuple[Any, ...]] = []
        self.dialect = session.get_bind().dialect.name
        self._db_time = _converter(UTCDateTime(), self.dialect) or (lambda v: v)

    # -- helpers ---------------------------------------------------------------------------

    def new_id(self, table: Table) -> int:
        if table not in self._next:
            current = self.s.execute(select(func.max(table.c.id))).scalar()
            self._next[table] = (current or 0) + 1
        value = self._next[table]
        self._next[table] = value + 1
        return value

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

    def stage(self, lineno: int, record: dict[str, Any]) -> None:
        kind = record.get("kind")
        if kind == "message" and self._fast_message(lineno, record):
            self.report.records += 1
            return
        fields = KINDS.get(kind) if isinstance(kind, str) else None
        if fields is None:
            raise DatasetError(
                f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})", lineno, "kind"
            )
        try:
            values = check_fields(record, fields, prefix="")
        except FieldError as err:
            raise DatasetError(err.message, lineno, err.field) from None
        getattr(self, "_stage_" + kind)(lineno, values)
        self.report.records += 1
        if self.report.records % 50_000 == 0:
            self.progress("checking records", self.report.records, 0)

    def _stage_store(self, n: int, v: dict[str, Any]) -> None:
        self.define("store", v["key"], n)
        existing = self._existing.id_of(Store, v["key"])
        table = Store.__table__
        row = {"key": v["key"], "name": v["name"], "platform": v["platform"],
               "currency": v["currency"], "timezone": v["timezone"], "colour": v["colour"],
               "external_id": v["external_id"]}
        if existing is None:
            row.update(reply_target_minutes=60, settings={}, archived=False,
                       created_at=datetime.now(UTC))
        sid = self.put(table, "store", row, existing)
        target = self._existing.reply_target(sid) if existing else 60
        self.stores[v["key"]] = {"id": sid, "currency": v["currency"],
                                 "reply_target": timedelta(minutes=target)}

    def _stage_agent(self, n: int, v: dict[str, Any]) -> None:
        self.define("agent", v["key"], n)
        existing = self._existing.id_of(Agent, v["key"])
        row = {"key": v["key"], "name": v["name"], "role": v["role"]}
        if existing is None:
            row.update(active=True, created_at=datetime.now(UTC), pin_hash=None,
                       refund_limits=None)
        self.agents[v["key"]] = self.put(Agent.__table__, "agent", row, existing)

    def _stage_tag(self, n: int, v: dict[str, Any]) -> None:
        self.define("tag", v["key"], n)
        existing = self._existing.id_of(Tag, v["key"])
        row = {"key": v["key"], "name": v["name"], "colour": v["colour"]}
        self.tags[v["key"]] = self.put(Tag.__table__, "tag", row, existing)

    def _stage_customer(self, n: int, v: dict[str, Any]) -> None:
        self.define("customer", v["key"], n)
        existing = self._existing.id_of(Customer, v["key"])
        row = {"key": v["key"], "name": v["name"], "phone": v["phone"], "email": v["email"]}
        if v["created_at"] is not None or existing is None:
            row["created_at"] = _aware(v["created_at"] or datetime.now(UTC))
        if existing is None:
            row.update(address=None, segment=None)
        cid = self.put(Customer.__table__, "customer", row, existing)
        self.customers[v["key"]] = cid
        if existing is not None:
            self.replace_children[customer_tags].add(cid)
            self.replace_children[CustomerIdentity.__table__].add(cid)
        for tag_key in dict.fromkeys(v["tags"] or []):
            tag_id = self.ref(self.tags, "tag", tag_key, n, "tags")
            self.inserts[customer_tags].append({"customer_id": cid, "tag_id": tag_id})
        seen = self.seen_identities()
        for i, ident in enumerate(v["identities"] or []):
            store = self.ref(self.stores, "store", ident["store"], n, f"identities[{i}].store")
            slot = (store["id"], ident["handle"])
            holder = seen.get(slot)
            if holder is not None and holder[0] != cid:
                raise DatasetError(
                    f"handle '{ident['handle']}' in store '{ident['store']}' already belongs to "
                    f"another customer" + (f" (line {holder[1]})" if holder[1] else ""),
                    n, f"identities[{i}].handle",
                )
            seen[slot] = (cid, n)
            self.inserts[CustomerIdentity.__table__].append(
                {"id": self.new_id(CustomerIdentity.__table__), "customer_id": cid,
                 "store_id": store["id"], "handle": ident["handle"]}
            )

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

    def _stage_note(self, n: int, v: dict[str, Any]) -> None:
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        author = self.ref(self.agents, "agent", v["author"], n, "author")
        at = _aware(v["at"])
        if self._seen_notes is None:
            self._seen_notes = {
                (c, a.astimezone(UTC), t) for c, a, t in self.s.execute(
                    select(CustomerNote.customer_id, CustomerNote.at, CustomerNote.text))
            }
        sig = (cid, at, v["text"])
        if sig in self._seen_notes:
            self.report.unchanged["note"] += 1
            return
        self._seen_notes.add(sig)
        self.put(CustomerNote.__table__, "note", {
            "customer_id": cid, "author_id": author, "at": at, "text": v["text"],
            "pinned": bool(v["pinned"]),
        }, None)

    def _stage_order(self, n: int, v: dict[str, Any]) -> None:
        self.define("order", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        cur = v["currency"]
        if cur != store["currency"]:
            raise DatasetError(
                f"the order is in {cur} but store '{v['store']}' sells in {store['currency']}",
                n, "currency",
            )
        total = self.minor(v["total"], cur, n, "total")
        shipping = self.minor(v["shipping"], cur, n, "shipping") or 0
        assert total is not None
        items = []
        goods = 0
        bought: Counter[str] = Counter()
        for i, item in enumerate(v["items"]):
            price = self.minor(item["unit_price"], cur, n, f"items[{i}].unit_price")
            assert price is not None
            goods += price * item["qty"]
            bought[item["sku"]] += item["qty"]
            items.append({"sku": item["sku"], "title": item["title"], "qty": item["qty"],
                          "unit_price_minor": price})
        if shipping > total:
            raise DatasetError("shipping is more than the order's total", n, "shipping")
        existing = self._existing.order_id(v["key"], store["id"], v["order_no"])
        row = {"key": v["key"], "store_id": store["id"], "customer_id": cid,
               "order_no": v["order_no"], "placed_at": _aware(v["placed_at"]),
               "paid_at": _aware(v["paid_at"]) if v["paid_at"] else None,
               "delivered_at": _aware(v["delivered_at"]) if v["delivered_at"] else None,
               "status": v["status"], "currency": cur, "total_minor": total,
               "shipping_minor": shipping, "carrier": v["carrier"], "tracking_no": v["tracking_no"]}
        oid = self.put(Order.__table__, "order", row, existing)
        if existing is not None:
            self.replace_children[OrderItem.__table__].add(oid)
            self.case_refunds[oid].update(self._existing.refunds_of_order(oid))
        for item in items:
            item["order_id"] = oid
            item["id"] = self.new_id(OrderItem.__table__)
            self.inserts[OrderItem.__table__].append(item)
        self.orders[v["key"]] = {"id": oid, "store_id": store["id"], "customer_id": cid,
                                 "currency": cur, "total": total, "bought": bought,
                                 "delivered": row["placed_at"]}

    def _stage_conversation(self, n: int, v: dict[str, Any]) -> None:
        self.define("conversation", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        assignee = self.ref(self.agents, "agent", v["assignee"], n, "assignee")
        existing = self._existing.conversation_id(v["key"], store["id"], v["external_id"])
        row = {"key": v["key"], "store_id": store["id"], "customer_id": cid,
               "status": v["status"], "assignee_id": assignee, "subject": v["subject"],
               "created_at": _aware(v["created_at"]), "external_id": v["external_id"]}
        if existing is None:
            row.update(priority="normal", unread_count=0, version=1, snoozed_until=None,
                       first_response_due_at=None, first_response_at=None,
                       last_message_at=None, last_direction=None, last_preview=None)
        conv_id = self.put(Conversation.__table__, "conversation", row, existing)
        if existing is not None:
            self.existing_conversations.add(conv_id)
        self.conversations[v["key"]] = {"id": conv_id, "store": store, "row": row,
                                        "customer_id": cid}

    def _fast_message(self, n: int, r: dict[str, Any]) -> bool:
        """Stage the common, well-formed message without the generic field checks (messages
        are most of a dataset). Anything unusual returns False and takes the generic path,
        which gives the exact error."""
        if not r.keys() <= _MESSAGE_FIELDS:
            return False
        conv = self.conversations.get(r.get("conversation"))  # type: ignore[arg-type]
        direction = _DIRECTIONS.get(r.get("direction"))  # type: ignore[arg-type]
        body = r.get("text")
        at_text = r.get("at")
        author_key = r.get("author")
        ext = r.get("external_id")
        if (conv is None or direction is None or body.__class__ is not str
                or at_text.__class__ is not str):
            return False
        author = None
        if author_key is not None:
            author = self.agents.get(author_key)
            if author is None or direction not in _AUTHORED:
                return False
        if ext is not None and (ext.__class__ is not str or not ext or ext.isspace()):
            return False
        try:
            at = _fromiso(at_text)
        except ValueError:
            return False
        if at.tzinfo is None:
            return False
        self._add_message(n, conv, at.astimezone(UTC), direction, author, body, ext)
        return True

    def _stage_message(self, n: int, v: dict[str, Any]) -> None:
        conv = self.conversations.get(v["conversation"])
        if conv is None:
            raise DatasetError(
                f"conversation '{v['conversation']}' is not defined on an earlier line",
                n, "conversation",
            )
        author = self.ref(self.agents, "agent", v["author"], n, "author")
        direction = v["direction"]
        if author is not None and direction not in _AUTHORED:
            raise DatasetError("only 'out' and 'note' messages have an author", n, "author")
        self._add_message(n, conv, v["at"].astimezone(UTC), direction, author, v["text"],
                          v["external_id"])

    def _add_message(self, n: int, conv: dict[str, Any], at: datetime, direction: Direction,
                     author: int | None, body: str, ext: str | None) -> None:
        conv_id = conv["id"]
        store_id = conv["store"]["id"]
        if conv_id in self.existing_conversations:
            seen = self.seen_messages(conv_id)
            sig = (store_id, ext) if ext else (conv_id, at, direction.value, body)
            if sig in seen:
                self.report.unchanged["message"] += 1
                return
            seen.add(sig)
        if ext is not None:
            ext_key = (store_id, ext)
            earlier = self.external_line.get(ext_key)
            if earlier is not None:
                raise DatasetError(
                    f"external id '{ext}' is already used on line {earlier}", n, "external_id")
            self.external_line[ext_key] = n
        # A row ready for the driver, in MESSAGE_COLUMNS order (see _bulk_insert_rows).
        self.message_rows.append((
            self.new_id(_MESSAGES), conv_id, store_id, self._db_time(at), direction.value,
            author, body, ext, "sent" if direction is Direction.OUT else None, None, 0,
        ))
        self.report.inserted["message"] += 1
        self.messages_of[conv_id].append((at, direction, body))

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

    def _stage_quick_reply(self, n: int, v: dict[str, Any]) -> None:
        self.define("quick_reply", v["key"], n)
        existing = self._existing.id_of(QuickReply, v["key"])
        row = {"key": v["key"], "category": v["category"], "code": v["code"],
               "title": v["title"], "body": v["body"]}
        if existing is None:
            row.update(position=self.report.inserted["quick_reply"],
                       created_at=datetime.now(UTC))
        self.put(QuickReply.__table__, "quick_reply", row, existing)

    def _stage_complaint(self, n: int, v: dict[str, Any]) -> None:
        self.define("complaint", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        order = self.ref(self.orders, "order", v["order"], n, "order")
        conv = self.ref(self.conversations, "conversation", v["conversation"], n, "conversation")
        if order is not None and order["store_id"] != store["id"]:
            raise DatasetError("the order belongs to another store", n, "order")
        if conv is not None and conv["store"]["id"] != store["id"]:
            raise DatasetError("the conversation belongs to another store", n, "conversation")
        opened = _aware(v["opened_at"])
        for fname in ("first_response_at", "resolved_at"):
            if v[fname] is not None and _aware(v[fname]) < opened:
                raise DatasetError("is before the complaint was opened", n, fname)
        rules = rules_for(60, None)
        existing = self._existing.id_of(Complaint, v["key"])
        row = {"key": v["key"], "store_id": store["id"], "customer_id": cid,
               "order_id": order["id"] if order else None,
               "conversation_id": conv["id"] if conv else None,
               "category": v["category"], "severity": v["severity"], "tier": v["tier"],
               "status": v["status"], "opened_at": opened,
               "sla_due_at": opened + rules.complaint_sla(v["severity"]),
               "first_response_at": _aware(v["first_response_at"]) if v["first_response_at"] else None,
               "resolved_at": _aware(v["resolved_at"]) if v["resolved_at"] else None,
               "assignee_id": self.ref(self.agents, "agent", v["assignee"], n, "assignee"),
               "summary": v["summary"], "resolution": v["resolution"],
               "compensation_minor": self.minor(v["compensation"], store["currency"], n,
                                                "compensation"),
               "currency": store["currency"]}
        if existing is None:
            row.update(details=None, version=1)
        self.put(Complaint.__table__, "complaint", row, existing)

    def _stage_survey(self, n: int, v: dict[str, Any]) -> None:
        conv = self.ref(self.conversations, "conversation", v["conversation"], n, "conversation")
        agent = self.ref(self.agents, "agent", v["agent"], n, "agent")
        answered = _aware(v["answered_at"])
        if self._seen_surveys is None:
            self._seen_surveys = {
                (c, a.astimezone(UTC)) for c, a in self.s.execute(
                    select(SurveyResponse.conversation_id, SurveyResponse.answered_at))
            }
        sig = (conv["id"], answered)
        if sig in self._seen_surveys:
            self.report.unchanged["survey"] += 1
            return
        self._seen_surveys.add(sig)
        self.put(SurveyResponse.__table__, "survey", {
            "conversation_id": conv["id"], "agent_id": agent, "score": v["score"],
            "comment": v["comment"], "sent_at": _aware(v["sent_at"]) if v["sent_at"] else None,
            "answered_at": answered,
        }, None)

    def _stage_return(self, n: int, v: dict[str, Any]) -> None:
        self.define("return", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        order = self.ref(self.orders, "order", v["order"], n, "order")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        if order["store_id"] != store["id"]:
            raise DatasetError("the order belongs to another store", n, "order")
        if order["customer_id"] != cid:
            raise DatasetError("the order belongs to another customer", n, "customer")
        cur = order["currency"]
        requested = self.minor(v["requested"], cur, n, "requested")
        assert requested is not None
        if requested <= 0:
            raise DatasetError("the requested amount must be more than zero", n, "requested")
        if requested > order["total"]:
            raise DatasetError("the requested amount is more than was paid for the order",
                               n, "requested")
        if not v["items"] and v["type"].value != "refund_only":
            raise DatasetError("a return or exchange needs at least one item", n, "items")
        claimed: Counter[str] = Counter()
        for i, item in enumerate(v["items"]):
            if item["sku"] not in order["bought"]:
                raise DatasetError(f"SKU '{item['sku']}' is not in the order", n,
                                   f"items[{i}].sku")
            claimed[item["sku"]] += item["qty"]
        if not v["events"]:
            raise DatasetError("a return needs at least its 'requested' event", n, "events")
        money = rsm.CaseMoney(requested)
        state: ReturnState | None = None
        history: list[ReturnState] = []
        events = []
        previous_at: datetime | None = None
        for i, ev in enumerate(v["events"]):
            where = f"events[{i}]"
            at = _aware(ev["at"])
            if previous_at is not None and at < previous_at:
                raise DatasetError("events must be in time order", n, f"{where}.at")
            previous_at = at
            amount = self.minor(ev["amount"], cur, n, f"{where}.amount")
            try:
                rsm.check_transition(state, v["type"], ev["state"])
                if state is not None:
                    rsm.apply_amount(money, ev["state"], amount, cur)
            except (TransitionError, MoneyError) as exc:
                raise DatasetError(str(exc), n, f"{where}.state" if isinstance(
                    exc, TransitionError) else f"{where}.amount") from None
            state = ev["state"]
            history.append(state)
            events.append({"at": at, "state": state,
                           "by_id": self.ref(self.agents, "agent", ev["by"], n, f"{where}.by"),
                           "amount_minor": amount, "carrier": ev["carrier"],
                           "tracking_no": ev["tracking_no"], "note": ev["note"]})
        assert state is not None
        # The refunds of an order never exceed what was paid; items never more than bought.
        refunds = self.case_refunds[order["id"]]
        refunds[v["key"]] = money.refunded or 0
        try:
            rsm.check_order_refunds(order["total"], refunds.values(), cur)
        except MoneyError as exc:
            raise DatasetError(str(exc), n, "events") from None
        claims = self.case_items[order["id"]]
        claims[v["key"]] = claimed if rsm.claims_items(history) else Counter()
        for sku, qty in sum(claims.values(), Counter()).items():
            if qty > order["bought"][sku]:
                raise DatasetError(
                    f"{qty} of SKU '{sku}' would be returned but {order['bought'][sku]} were bought",
                    n, "items",
                )
        last = events[-1]
        carrier = next((e["carrier"] for e in reversed(events) if e["carrier"]), None)
        tracking = next((e["tracking_no"] for e in reversed(events) if e["tracking_no"]), None)
        existing = self._existing.id_of(ReturnCase, v["key"])
        row = {"key": v["key"], "store_id": store["id"], "order_id": order["id"],
               "customer_id": cid, "kind": v["type"], "reason": v["reason"],
               "reason_text": v["reason_text"], "state": state, "currency": cur,
               "requested_minor": money.requested, "approved_minor": money.approved,
               "refunded_minor": money.refunded, "carrier": carrier, "tracking_no": tracking,
               "created_at": events[0]["at"], "updated_at": last["at"]}
        if existing is None:
            row.update(conversation_id=None, assignee_id=None, version=1)
        case_id = self.put(ReturnCase.__table__, "return", row, existing)
        if existing is not None:
            self.replace_children[ReturnItem.__table__].add(case_id)
            self.replace_children[ReturnEvent.__table__].add(case_id)
        for sku, qty in claimed.items():
            self.inserts[ReturnItem.__table__].append(
                {"id": self.new_id(ReturnItem.__table__), "case_id": case_id, "sku": sku, "qty": qty})
        for ev in events:
            ev["case_id"] = case_id
            ev["id"] = self.new_id(ReturnEvent.__table__)
            self.inserts[ReturnEvent.__table__].append(ev)

    # -- writing ---------------------------------------------------------------------------

    def write(self) -> None:
        self._summaries()  # before the conversation rows are written
        parents = {
            customer_tags: customer_tags.c.customer_id,
            CustomerIdentity.__table__: CustomerIdentity.__table__.c.customer_id,
            OrderItem.__table__: OrderItem.__table__.c.order_id,
            ReturnItem.__table__: ReturnItem.__table__.c.case_id,
            ReturnEvent.__table__: ReturnEvent.__table__.c.case_id,
        }
        for child, ids in self.replace_children.items():
            column = parents[child]
            id_list = sorted(ids)
            for start in range(0, len(id_list), 500):
                self.s.execute(delete(child).where(column.in_(id_list[start:start + 500])))
        order = [
            Store, Agent, Tag, Customer, CustomerIdentity, customer_tags, CustomerNote, Order,
            OrderItem, Conversation, Message, QuickReply, Complaint, SurveyResponse,
            ReturnCase, ReturnItem, ReturnEvent,
        ]
        total = sum(len(rows) for rows in self.inserts.values()) + sum(
            len(rows) for rows in self.updates.values()) + len(self.message_rows)
        done = 0
        for entity in order:
            table: Table = entity if isinstance(entity, Table) else entity.__table__
            for row_group in _by_columns(self.updates.get(table, [])):
                cols = [c for c in row_group[0] if c != "id"]
                stmt = (update(table).where(table.c.id == bindparam("_id"))
                        .values({c: bindparam("_" + c) for c in cols}))
                self.s.execute(stmt, [{"_" + k: val for k, val in r.items()} for r in row_group])
                done += len(row_group)
            if table is _MESSAGES:
                if not self.message_rows:
                    continue
                suspended = len(self.message_rows) > 1000 and search.suspend_indexing(self.s)
                for start in range(0, len(self.message_rows), BATCH):
                    batch = self.message_rows[start:start + BATCH]
                    _bulk_insert_rows(self.s, table, MESSAGE_COLUMNS, batch)
                    done += len(batch)
                    self.progress("writing rows", done, total)
                if suspended:
                    search.resume_indexing(self.s, self.message_rows[0][0])
                continue
            rows = self.inserts.get(table, [])
            for start in range(0, len(rows), BATCH):
                batch = rows[start:start + BATCH]
                for group in _by_columns(batch):
                    if len(group) < 100:
                        self.s.execute(insert(table), group)
                    else:
                        _bulk_insert(self.s, table, group)
                done += len(batch)
                self.progress("writing rows", done, total)
        self._fix_sequences()
        self.progress("writing rows", total, total)

    def _summaries(self) -> None:
        """Conversation summaries (last message, unread, reply due) for what was loaded."""
        for info in self.conversations.values():
            conv_id = info["id"]
            msgs = self.messages_of.get(conv_id, [])
            if conv_id in self.existing_conversations:
                msgs = self._existing.messages_of(conv_id) + msgs
            msgs.sort(key=lambda m: m[0])
            summary = summarise(msgs, info["store"]["reply_target"])
            info["row"].update(
                last_message_at=summary.last_message_at,
                last_direction=summary.last_direction,
                last_preview=summary.last_preview,
                unread_count=summary.unread_count,
                first_response_at=summary.first_response_at,
                first_response_due_at=summary.first_response_due_at,
            )

    def _fix_sequences(self) -> None:
        if self.s.get_bind().dialect.name != "postgresql":
            return
        for table in self._next:
            self.s.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
            ))


def _converter(column_type: Any, dialect: str) -> Callable[[Any], Any] | None:
    """How a Python value becomes a driver value for one column in the bulk path: the same
    conversion SQLAlchemy's type processing does, without its per-row overhead."""
    if isinstance(column_type, UTCDateTime):
        if dialect == "sqlite":  # SQLAlchemy's SQLite storage format, naive UTC
            return lambda v: None if v is None else v.astimezone(UTC).replace(
                tzinfo=None).isoformat(" ", "microseconds")
        return None
    if isinstance(column_type, Enum):
        return lambda v: None if v is None else str(v)
    if isinstance(column_type, Boolean):
        return (lambda v: None if v is None else int(v)) if dialect == "sqlite" else None
    if isinstance(column_type, JSON):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    return None


def _bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows of one shape through the driver: ``executemany`` on SQLite, ``COPY`` on
    PostgreSQL. Runs inside the session's transaction."""
    dialect = session.get_bind().dialect.name
    cols = list(rows[0])
    convs = [_converter(table.c[c].type, dialect) for c in cols]
    plan = list(zip(cols, convs, strict=True))
    _bulk_insert_rows(session, table, cols,
                      [tuple(conv(r[c]) if conv else r[c] for c, conv in plan) for r in rows])


def _bulk_insert_rows(session: Session, table: Table, cols: Sequence[str],
                      rows: list[tuple[Any, ...]]) -> None:
    """Insert driver-ready tuples (values already converted) in the session's transaction."""
    raw = session.connection().connection.driver_connection
    names = ", ".join(cols)
    if session.get_bind().dialect.name == "postgresql":
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cur = raw.cursor()
        try:
            cur.executemany(
                f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(cols))})", rows)
        finally:
            cur.close()


def _by_columns(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Split rows into runs with the same set of columns (executemany needs one shape)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    yield from groups.values()


class _ExistingKeys:
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
        if found is not None:
            return found
        if self._orders is None:
            self._orders = {(s, o): i for s, o, i in self.s.execute(
                select(Order.store_id, Order.order_no, Order.id))}
        return self._orders.get((store_id, order_no))

    def conversation_id(self, key: str, store_id: int, external_id: str | None) -> int | None:
        found = self.id_of(Conversation, key)
        if found is not None or external_id is None:
            return found
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
