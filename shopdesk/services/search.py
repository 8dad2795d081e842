"""Search every store's messages and customer names; Chinese substrings of any length.

SQLite: a trigram FTS5 index of folded text (migration 0004); queries of three characters
or more are quoted as one phrase and matched, shorter ones scan the folded copy. PostgreSQL:
``LIKE`` on folded text, served by a pg_trgm index. Both return the same messages, newest
first.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shopdesk.models import Conversation, Customer, Message, Store
from shopdesk.textfold import fold

LIMIT = 50
SNIPPET = 40  # characters of context on each side


@dataclass(frozen=True)
class Hit:
    message_id: int | None  # None: the customer's name matched
    conversation_id: int
    at: datetime | None
    store_name: str
    customer: str
    snippet_html: str  # escaped text with the match in <b>…</b>


def _like_pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _message_ids(session: Session, query: str, limit: int) -> list[int]:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        if len(query) >= 3:
            phrase = '"' + query.replace('"', '""') + '"'  # user text never breaks MATCH
            sql = text("SELECT rowid FROM messages_fts WHERE messages_fts MATCH :q "
                       "ORDER BY rowid DESC LIMIT :n")
            return list(session.scalars(sql, {"q": phrase, "n": limit}))
        sql = text("SELECT rowid FROM messages_fts WHERE instr(body, :q) > 0 "
                   "ORDER BY rowid DESC LIMIT :n")
        return list(session.scalars(sql, {"q": query, "n": limit}))
    sql = text("SELECT id FROM messages WHERE lower(normalize(text, NFKC)) LIKE :p "
               "ESCAPE '\\' ORDER BY id DESC LIMIT :n")
    return list(session.scalars(sql, {"p": _like_pattern(query), "n": limit}))


def _customer_ids(session: Session, query: str, limit: int) -> list[int]:
    if session.get_bind().dialect.name == "sqlite":
        sql = text("SELECT id FROM customers WHERE instr(shopdesk_fold(name), :q) > 0 "
                   "ORDER BY id DESC LIMIT :n")
        return list(session.scalars(sql, {"q": query, "n": limit}))
    sql = text("SELECT id FROM customers WHERE lower(normalize(name, NFKC)) LIKE :p "
               "ESCAPE '\\' ORDER BY id DESC LIMIT :n")
    return list(session.scalars(sql, {"p": _like_pattern(query), "n": limit}))


def snippet(body: str, query: str) -> str:
    """The text around the first match, escaped, with the match in bold."""
    folded = fold(body)
    at = folded.find(query)
    if at < 0 or len(folded) != len(body):  # folding changed lengths: no precise highlight
        short = body if len(body) <= 2 * SNIPPET else body[: 2 * SNIPPET] + "…"
        return html.escape(short)
    start, end = max(0, at - SNIPPET), min(len(body), at + len(query) + SNIPPET)
    return ("…" if start else "") + html.escape(body[start:at]) + "<b>" + html.escape(
        body[at:at + len(query)]) + "</b>" + html.escape(body[at + len(query):end]) + (
        "…" if end < len(body) else "")


def search(session: Session, query: str, limit: int = LIMIT) -> list[Hit]:
    """Customers whose name matches first, then matching messages, newest first."""
    q = fold(query).strip()
    if not q:
        return []
    hits: list[Hit] = []
    customer_ids = _customer_ids(session, q, 10)
    if customer_ids:
        rows = session.execute(
            select(Conversation.id, Conversation.last_message_at, Store.name, Customer.name)
            .join(Store, Store.id == Conversation.store_id)
            .join(Customer, Customer.id == Conversation.customer_id)
            .where(Conversation.customer_id.in_(customer_ids))
            .order_by(Conversation.last_message_at.desc()).limit(10))
        hits += [Hit(None, cid, at, store, name, snippet(name, q))
                 for cid, at, store, name in rows]
    ids = _message_ids(session, q, limit)
    if ids:
        rows = session.execute(
            select(Message.id, Message.conversation_id, Message.at, Message.text, Store.name,
                   Customer.name)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .join(Store, Store.id == Message.store_id)
            .join(Customer, Customer.id == Conversation.customer_id)
            .where(Message.id.in_(ids)).order_by(Message.id.desc()))
        hits += [Hit(mid, cid, at, store, customer, snippet(body, q))
                 for mid, cid, at, body, store, customer in rows]
    return hits


# -- bulk loading (SQLite) ------------------------------------------------------------------
# Indexing a million messages one trigger call at a time costs as much as the whole rest of
# a load; filling the index with one INSERT … SELECT afterwards costs a tenth. The dataset
# loader suspends the insert trigger inside its transaction and fills the index at the end.

_INSERT_TRIGGER = """CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
         INSERT INTO messages_fts(rowid, body) VALUES (new.id, shopdesk_fold(new.text));
       END"""


def suspend_indexing(session: Session) -> bool:
    """Drop the insert trigger (inside the caller's transaction). False on PostgreSQL,
    whose index needs no help."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    session.execute(text("DROP TRIGGER IF EXISTS messages_fts_insert"))
    return True


def resume_indexing(session: Session, first_id: int) -> None:
    """Index the messages from ``first_id`` on in one statement; restore the trigger."""
    session.execute(text("INSERT INTO messages_fts(rowid, body) "
                         "SELECT id, shopdesk_fold(text) FROM messages WHERE id >= :first"),
                    {"first": first_id})
    session.execute(text(_INSERT_TRIGGER))
