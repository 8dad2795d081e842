"""Finding articles by any part of their title, text or keywords, Chinese substrings of
one or two characters too, the way messages are found (services/search.py).

SQLite (migration 0015): three characters or more are one quoted phrase on the trigram
FTS5 table of the folded text; fewer are a phrase on the one-character table, checked
against the folded text. PostgreSQL: the GIN index of characters and pairs
(``shopdesk_grams``) over the same text, checked with ``strpos``.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from shopdesk.services.search import _has_token, _pg_tsquery, _quoted
from shopdesk.textfold import spaced

LIMIT = 2000
LONG = 19000  # PostgreSQL: longer articles are checked outside the index (it covers 20,000)
_PG_TEXT = "title || ' ' || body || ' ' || keywords"
_PG_FOUND = "strpos(lower(normalize(title || E'\\n' || body || E'\\n' || keywords, NFKC)), :q) > 0"


def article_ids(session: Session, folded: str, limit: int = LIMIT) -> list[int]:
    """The ids of the articles whose folded title, text or keywords contain ``folded`` (a
    query already passed through ``textfold.fold``), newest first."""
    if not folded:
        return []
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite(session, folded, limit)
    return _postgresql(session, folded, limit)


def _sqlite(session: Session, q: str, limit: int) -> list[int]:
    if len(q) >= 3:
        sql = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :p "
                   "ORDER BY rowid DESC LIMIT :n")
        return list(session.scalars(sql, {"p": _quoted(q), "n": limit}))
    if _has_token(q):
        sql = text("SELECT c.rowid FROM articles_chars_fts c "
                   "JOIN articles_fts f ON f.rowid = c.rowid "
                   "WHERE articles_chars_fts MATCH :p AND instr(f.body, :q) > 0 "
                   "ORDER BY c.rowid DESC LIMIT :n")
        return list(session.scalars(sql, {"p": _quoted(spaced(q)), "q": q, "n": limit}))
    sql = text("SELECT rowid FROM articles_fts WHERE instr(body, :q) > 0 "
               "ORDER BY rowid DESC LIMIT :n")
    return list(session.scalars(sql, {"q": q, "n": limit}))


def _postgresql(session: Session, q: str, limit: int) -> list[int]:
    params = {"q": q, "n": limit}
    tsq, _lexemes = _pg_tsquery(session, q)
    if not tsq:  # punctuation alone: nothing to look up
        sql = text(f"SELECT id FROM articles WHERE {_PG_FOUND} ORDER BY id DESC LIMIT :n")
        return list(session.scalars(sql, params))
    sql = text(f"""(SELECT id FROM articles
                    WHERE shopdesk_grams({_PG_TEXT}) @@ CAST(:t AS tsquery)
                      AND length({_PG_TEXT}) <= {LONG} AND {_PG_FOUND})
                   UNION
                   (SELECT id FROM articles WHERE length({_PG_TEXT}) > {LONG} AND {_PG_FOUND})
                   ORDER BY id DESC LIMIT :n""")
    return list(session.scalars(sql, {**params, "t": tsq}))
