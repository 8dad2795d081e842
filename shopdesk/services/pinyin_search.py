"""Customers found by the pinyin of their names (``wf``, ``wangfang`` → 王芳): the lookups
the inbox search and the Customers page add to their own. The words are kept in
``customers.pinyin`` (shopdesk.pinyin_keys) and indexed by migration 0017: SQLite FTS5,
PostgreSQL a GIN tsvector; a query is a prefix query on them.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, text
from sqlalchemy.orm import Session

from shopdesk.pinyin_keys import pinyin_query

# PostgreSQL: every match from the GIN index first. ``OFFSET 0`` keeps the planner from
# walking the primary key backwards under a LIMIT and computing every row's tsvector
# (7 → 0.3 ms), and makes the Customers page's OR one lookup instead of one per row.
_PG_MATCHING = ("SELECT id FROM customers WHERE to_tsvector('simple'::regconfig, pinyin) "
                "@@ to_tsquery('simple'::regconfig, :p) OFFSET 0")


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def customer_ids(session: Session, query: str, limit: int) -> list[int]:
    """Customers whose name's pinyin has a word starting with the query, newest first
    ([] when the query is no pinyin query)."""
    q = pinyin_query(query)
    if q is None:
        return []
    if _sqlite(session):
        sql = text("SELECT rowid FROM customers_pinyin_fts WHERE customers_pinyin_fts "
                   "MATCH :p ORDER BY rowid DESC LIMIT :n")
        return list(session.scalars(sql, {"p": f'"{q}"*', "n": limit}))
    sql = text(f"SELECT id FROM ({_PG_MATCHING}) AS m ORDER BY id DESC LIMIT :n")
    return list(session.scalars(sql, {"p": f"{q}:*", "n": limit}))


def customer_clause(session: Session, query: str) -> ColumnElement[bool] | None:
    """A WHERE clause on ``customers`` for the Customers page (None: no pinyin query)."""
    q = pinyin_query(query)
    if q is None:
        return None
    if _sqlite(session):
        return text("customers.id IN (SELECT rowid FROM customers_pinyin_fts "
                    "WHERE customers_pinyin_fts MATCH :pinyin_q)").bindparams(
                        pinyin_q=f'"{q}"*')
    return text(f"customers.id IN ({_PG_MATCHING.replace(':p', ':pinyin_q')})").bindparams(
        pinyin_q=f"{q}:*")
