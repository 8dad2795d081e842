"""Finding articles by any part of their title, text or keywords, Chinese substrings of
one or two characters too, the way messages are found (services/search.py).

SQLite (migration 0015): three characters or more are one quoted phrase on the trigram
FTS5 table of the folded text; fewer are a phrase on the one-character table, checked
against the folded text. PostgreSQL: the GIN index of characters and pairs
(``shopdesk_grams``) over the same text, checked with ``strpos``.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shopdesk.models import Article
from shopdesk.pinyin_keys import BODY_CHARS, keys_of, matches, pinyin_query
from shopdesk.services.search import _has_token, _pg_tsquery, _quoted
from shopdesk.textfold import spaced

LIMIT = 2000
LONG = 19000  # PostgreSQL: longer articles are checked outside the index (it covers 20,000)
_PG_TEXT = "title || ' ' || body || ' ' || keywords"
_PG_FOUND = "strpos(lower(normalize(title || E'\\n' || body || E'\\n' || keywords, NFKC)), :q) > 0"


def article_ids(session: Session, folded: str, limit: int = LIMIT) -> list[int]:
    """The ids of the articles whose folded title, text or keywords contain ``folded`` (a
    query already passed through ``textfold.fold``), newest first; and those whose title
    or keywords (or the start of the text) have a pinyin word starting with it (``fp``,
    ``fapiao`` → 发票: shopdesk.pinyin_keys)."""
    if not folded:
        return []
    if session.get_bind().dialect.name == "sqlite":
        found = _sqlite(session, folded, limit)
    else:
        found = _postgresql(session, folded, limit)
    spelled = pinyin_query(folded)
    if spelled is None:
        return found
    known = set(found)
    by_pinyin = [i for i in _pinyin_matches(session, spelled) if i not in known]
    return sorted(found + by_pinyin, reverse=True)[:limit]


# An article's words → their pinyin. A shop has dozens or hundreds of articles: their
# pinyin is computed once per text (not per id: other databases have other articles under
# the same ids) and matched in memory, as the quick replies' is.
_keys: dict[tuple[str, str], str] = {}


def _pinyin_matches(session: Session, spelled: str) -> list[int]:
    rows = session.execute(select(Article.id, Article.title, Article.keywords,
                                  func.substr(Article.body, 1, BODY_CHARS))).all()
    if len(_keys) > 20_000:
        _keys.clear()
    out = []
    for article_id, title, keywords, body in rows:
        words = (f"{title} {keywords}", body or "")
        key = _keys.get(words)
        if key is None:
            key = _keys[words] = keys_of(*words)
        if matches(key, spelled):
            out.append(article_id)
    return out


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
