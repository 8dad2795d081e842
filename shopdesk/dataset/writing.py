"""Writing what the loader staged: updates, then new rows in bulk through the driver
(``executemany`` on SQLite, ``COPY`` on PostgreSQL), the search index filled once, the
conversations' summaries computed, PostgreSQL's sequences moved past the new ids."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Enum, Table, bindparam, delete, insert, text, update
from sqlalchemy.orm import Session

from shopdesk.dataset import sqlite_bulk
from shopdesk.models import (
    Agent,
    Article,
    ArticleImage,
    AutomationRule,
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
from shopdesk.services import search
from shopdesk.services.conversations import summarise

if TYPE_CHECKING:
    from shopdesk.dataset.staging import Staging

BATCH = 20_000
JSON_PATH = True  # tests turn it off to check the executemany path
_MESSAGES: Table = Message.__table__  # type: ignore[assignment]
MESSAGE_COLUMNS = ("id", "conversation_id", "store_id", "at", "direction", "author_id", "text",
                   "external_id", "send_state", "send_error", "send_attempts")


def write(loader: Staging) -> None:
    """Write everything ``loader`` staged, in its session's transaction."""
    _summaries(loader)  # before the conversation rows are written
    parents = {
        customer_tags: customer_tags.c.customer_id,
        CustomerIdentity.__table__: CustomerIdentity.__table__.c.customer_id,
        OrderItem.__table__: OrderItem.__table__.c.order_id,
        ReturnItem.__table__: ReturnItem.__table__.c.case_id,
        ReturnEvent.__table__: ReturnEvent.__table__.c.case_id,
        ArticleImage.__table__: ArticleImage.__table__.c.article_id,
    }
    for child, ids in loader.replace_children.items():
        column = parents[child]
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            loader.s.execute(delete(child).where(column.in_(id_list[start:start + 500])))
    order = [
        Store, Agent, Tag, Customer, CustomerIdentity, customer_tags, CustomerNote, Order,
        OrderItem, Conversation, Message, QuickReply, Article, ArticleImage, Complaint,
        SurveyResponse, ReturnCase, ReturnItem, ReturnEvent, AutomationRule,
    ]
    total = sum(len(rows) for rows in loader.inserts.values()) + sum(
        len(rows) for rows in loader.updates.values()) + len(loader.message_rows)
    done = 0
    for entity in order:
        table: Table = entity if isinstance(entity, Table) else entity.__table__
        for row_group in _by_columns(loader.updates.get(table, [])):
            cols = [c for c in row_group[0] if c != "id"]
            stmt = (update(table).where(table.c.id == bindparam("_id"))
                    .values({c: bindparam("_" + c) for c in cols}))
            loader.s.execute(stmt, [{"_" + k: val for k, val in r.items()} for r in row_group])
            done += len(row_group)
        if table is _MESSAGES:
            done = _write_messages(loader, done, total)
            continue
        rows = loader.inserts.get(table, [])
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            for group in _by_columns(batch):
                if len(group) < 100:
                    loader.s.execute(insert(table), group)
                else:
                    _bulk_insert(loader.s, table, group)
            done += len(batch)
            loader.progress("writing rows", done, total)
    _fix_sequences(loader)
    loader.progress("writing rows", total, total)


def _write_messages(loader: Staging, done: int, total: int) -> int:
    """The staged messages in batches; on SQLite, a large load fills the search index
    itself, batch by batch (its insert triggers suspended meanwhile), after the first
    ``loader.indexed`` messages that the staging indexed already (dataset/index_fill.py)."""
    rows = loader.message_rows
    if not rows:
        return done
    suspended = loader.indexed > 0 or (len(rows) > 1000 and search.suspend_indexing(loader.s))
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        _bulk_insert_rows(loader.s, _MESSAGES, MESSAGE_COLUMNS, batch)
        unindexed = batch[max(0, loader.indexed - start):]
        if suspended and unindexed:
            for index, index_rows in search.index_rows((r[0], r[6]) for r in unindexed):
                _bulk_insert_rows(loader.s, index, ("rowid", "body"), index_rows)
        done += len(batch)
        loader.progress("writing rows", done, total)
    if suspended:
        search.restore_indexing(loader.s)
    return done

def _summaries(loader: Staging) -> None:
    """Conversation summaries (last message, unread, reply due) for what was loaded."""
    for info in loader.conversations.values():
        conv_id = info["id"]
        msgs = loader.messages_of.get(conv_id, [])
        if conv_id in loader.existing_conversations:
            msgs = loader._existing.messages_of(conv_id) + msgs
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

def _fix_sequences(loader: Staging) -> None:
    if loader.s.get_bind().dialect.name != "postgresql":
        return
    for table in loader._next:
        loader.s.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
        ))



def converter(column_type: Any, dialect: str) -> Callable[[Any], Any] | None:
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
    values = itemgetter(*cols)
    plan = [(i, conv) for i, c in enumerate(cols)
            if (conv := converter(table.c[c].type, dialect)) is not None]
    if not plan:
        _bulk_insert_rows(session, table, cols, [values(r) for r in rows])
        return
    out = []
    for r in rows:
        row = list(values(r))
        for i, conv in plan:
            row[i] = conv(row[i])
        out.append(row)
    _bulk_insert_rows(session, table, cols, out)


def _bulk_insert_rows(session: Session, table: Table | str, cols: Sequence[str],
                      rows: Sequence[Sequence[Any]]) -> None:
    """Insert driver-ready tuples (values already converted) in the session's transaction."""
    raw = session.connection().connection.driver_connection
    name = table if isinstance(table, str) else table.name
    if session.get_bind().dialect.name == "postgresql":
        with raw.cursor() as cur, cur.copy(f"COPY {name} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        sqlite_bulk.insert(raw, name, cols, rows, json_path(session))


def json_path(session: Session) -> bool:
    """Whether this SQLite connection takes batches as JSON (sqlite_bulk), asked once per
    session."""
    found = session.info.get("dataset_json_path")
    if found is None:
        raw = session.connection().connection.driver_connection
        found = session.info["dataset_json_path"] = JSON_PATH and sqlite_bulk.has_json(raw)
    return found


def _by_columns(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Split rows into runs with the same set of columns (executemany needs one shape)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    yield from groups.values()

