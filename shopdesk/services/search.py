"""Search every store's messages and customer names; Chinese substrings of any length.
A record's number (C-29, R-12, T-45: services/numbering.py) finds that record first.

SQLite (migrations 0004, 0012): a query of three characters or more is one quoted phrase
on the trigram FTS5 index of the folded text; a shorter one is a phrase on the index in
which every character is its own token, checked against the folded text (characters that
are adjacent once punctuation is dropped are not a match). Customer names use the
one-character index at every length. PostgreSQL: a GIN index of every character and pair
of characters (``shopdesk_grams``), checked with ``strpos`` on the folded text, folded only
when it holds the query's rarest ideograph; a term common by the index's statistics is read
from the newest messages backwards (a probe, then a window sized by what the probe found),
then from the index. Both return the same messages, newest first.
"""

from __future__ import annotations

import html
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from shopdesk.models import Complaint, Conversation, Customer, ReturnCase, Store, UTCDateTime
from shopdesk.services import pinyin_search
from shopdesk.services.numbering import number, parse_number
from shopdesk.textfold import fold, raw_forms, spaced

LIMIT = 50
SNIPPET = 40  # characters of context on each side
LONG = 19000  # PostgreSQL: messages longer than this are searched outside the index


@dataclass(frozen=True)
class Hit:
    message_id: int | None  # None: the customer's name (or a record's number) matched
    conversation_id: int | None  # None: a complaint or return case without a conversation
    at: datetime | None
    store_name: str
    customer: str
    snippet_html: str  # escaped text with the match in <b>…</b>
    record: tuple[str, int] | None = None  # ("complaint" | "return", id): a number matched


def _numbered(session: Session, query: str) -> list[Hit]:
    """The record a number names ("C-29", "r12", "T 45"), as the first hit."""
    parsed = parse_number(query)
    if parsed is None:
        return []
    kind, record_id = parsed
    model = {"complaint": Complaint, "return": ReturnCase, "conversation": Conversation}[kind]
    row = session.execute(
        select(model, Store.name, Customer.name).join(Store, Store.id == model.store_id)
        .join(Customer, Customer.id == model.customer_id).where(model.id == record_id)
    ).first()
    if row is None:
        return []
    found, store, customer = row
    label = "<b>" + html.escape(number(kind, record_id)) + "</b> "
    if kind == "conversation":
        return [Hit(None, found.id, found.last_message_at, store, customer,
                    label + html.escape(found.subject or ""))]
    about = found.summary if kind == "complaint" else found.reason_text or ""
    at = found.opened_at if kind == "complaint" else found.created_at
    return [Hit(None, found.conversation_id, at, store, customer,
                label + html.escape(about[:80]), (kind, found.id))]


def _quoted(query: str) -> str:
    return '"' + query.replace('"', '""') + '"'  # user text never breaks MATCH


def _has_token(query: str) -> bool:
    """Whether unicode61 makes a token of any of the query's characters (letters, digits,
    private use); a query of punctuation alone has none and is found by a scan."""
    return any(unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co"
               for ch in query)


def _sqlite_message_ids(session: Session, query: str, limit: int) -> list[int]:
    params = {"q": query, "n": limit}
    if len(query) >= 3:
        sql = text("SELECT rowid FROM messages_fts WHERE messages_fts MATCH :p "
                   "ORDER BY rowid DESC LIMIT :n")
        return list(session.scalars(sql, {"p": _quoted(query), "n": limit}))
    if _has_token(query):
        sql = text("SELECT c.rowid FROM messages_chars_fts c "
                   "JOIN messages_fts f ON f.rowid = c.rowid "
                   "WHERE messages_chars_fts MATCH :p AND instr(f.body, :q) > 0 "
                   "ORDER BY c.rowid DESC LIMIT :n")
        return list(session.scalars(sql, {**params, "p": _quoted(spaced(query))}))
    sql = text("SELECT rowid FROM messages_fts WHERE instr(body, :q) > 0 "
               "ORDER BY rowid DESC LIMIT :n")
    return list(session.scalars(sql, params))


# The query's pairs of characters (its one character when it has one): every text that
# contains the query has them. ASCII punctuation is blank, as in the index (migration 0012).
_PG_QUERY = r"""WITH g AS (SELECT regexp_replace(:q, '[[:space:]!-/:-@[-`{-~]', ' ', 'g') AS g),
                    w AS (SELECT CASE WHEN length(g) < 2 THEN g
                                 ELSE regexp_replace(g, '(..)|.', '\1 ', 'g') || ' '
                                      || regexp_replace(substr(g, 2), '(..)|.', '\1 ', 'g')
                                 END AS w FROM g)
                SELECT plainto_tsquery('simple', w)::text,
                       tsvector_to_array(to_tsvector('simple', w)) FROM w"""
COMMON = 0.005  # share of messages above which a term is read from the newest messages
PROBE = 1_000  # the newest messages read first, to see how common the term really is
PROBE_HITS = 3  # hits among them below which the term is taken as rare (its pairs lied)
WINDOW = 5_000  # the most of the newest messages read after the probe
NEWEST_FOR = 30.0  # seconds the newest message id is reused (only a window's start)
_common: dict[str, tuple[float, dict[str, float]]] = {}  # database → (when, share of each)
_newest: dict[str, tuple[float, int]] = {}  # database → (when, newest message id)


_tsqueries: dict[str, tuple[str, list[str]]] = {}  # query → its tsquery (the same anywhere)


def _pg_tsquery(session: Session, query: str) -> tuple[str, list[str]]:
    """The tsquery of the query's pairs ('' when it has none) and their lexemes; asked of
    the server once per query text (a search needs it twice, and typing repeats queries)."""
    known = _tsqueries.get(query)
    if known is None:
        tsq, lexemes = session.execute(text(_PG_QUERY), {"q": query}).one()
        known = (tsq or "", list(lexemes or []))
        if len(_tsqueries) > 1000:
            _tsqueries.clear()
        _tsqueries[query] = known
    return known


def _pg_shares(session: Session) -> dict[str, float]:
    """The share of messages holding each of the commonest characters and pairs, from the
    statistics PostgreSQL keeps of the index (read again every ten minutes)."""
    key = str(session.get_bind().engine.url)
    when, shares = _common.get(key, (0.0, {}))
    if time.monotonic() - when > 600:
        row = session.execute(text(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'ix_messages_text_grams' AND most_common_elems IS NOT NULL"
        )).first()
        shares = dict(zip(row[0], row[1], strict=False)) if row else {}
        _common[key] = (time.monotonic(), shares)
    return shares


def _pg_newest(session: Session) -> int:
    """The newest message's id, read again after NEWEST_FOR seconds. It only places the
    window of the newest messages: messages added since are in the window too, so a stale
    id changes no result."""
    key = str(session.get_bind().engine.url)
    when, newest = _newest.get(key, (0.0, 0))
    if time.monotonic() - when > NEWEST_FOR:
        newest = session.scalar(text("SELECT max(id) FROM messages")) or 0
        _newest[key] = (time.monotonic(), newest)
    return newest


def _pg_found(query: str, shares: dict[str, float]) -> tuple[str, dict[str, str]]:
    """The condition that a message holds the (folded) query, and its parameters. Folding
    a text (``normalize``) costs four times as much as looking for a character in it, so
    when the query has a CJK ideograph, only texts that hold its rarest one (or a
    character that folds into it: ``textfold.raw_forms``) are folded."""
    exact = "strpos(lower(normalize(text, NFKC)), :q) > 0"
    for ch in sorted(set(query), key=lambda c: shares.get(c, 0.0)):
        forms = raw_forms(ch)
        if forms:
            params = {f"a{n}": form for n, form in enumerate(forms)}
            holds = " OR ".join(f"strpos(text, :{name}) > 0" for name in params)
            return f"CASE WHEN {holds} THEN {exact} ELSE false END", params  # in this order
    return exact, {}


def _pg_message_ids(session: Session, query: str, limit: int) -> list[int]:
    tsq, lexemes = _pg_tsquery(session, query)
    shares = _pg_shares(session) if tsq else {}
    found, anchors = _pg_found(query, shares)
    params = {"q": query, "n": limit, **anchors}
    if not tsq:  # no letters or digits to look up
        sql = text(f"SELECT id FROM messages WHERE {found} ORDER BY id DESC LIMIT :n")
        return list(session.scalars(sql, params))
    # How common the term is at most (each of its pairs is in at least as many messages):
    # a common one is on the first page of the newest messages, read backwards from the end;
    # a rare one comes from the index, which for a common one would read every match.
    share = min(shares.get(x, 0.0) for x in lexemes) if lexemes else 0.0
    found_ids: list[int] = []
    below = None
    if share >= COMMON:
        walk = text(f"SELECT id FROM messages WHERE id > :below AND id <= :above AND {found} "
                    "ORDER BY id DESC LIMIT :n")
        # First the newest PROBE messages (and any added since the newest id was read):
        # a term whose pairs are all common may itself be rare ("damaged"), and then the
        # index finds it sooner than a longer walk.
        below = _pg_newest(session) - PROBE
        found_ids = list(session.scalars(walk, {**params, "below": below, "above": 2**62}))
        if PROBE_HITS <= len(found_ids) < limit and below > 0:
            # As common as the probe shows: the window expected to hold the rest twice.
            share = len(found_ids) / PROBE
            window = min(WINDOW, int(2 * (limit - len(found_ids)) / share))
            above, below = below, below - window
            found_ids += session.scalars(walk, {**params, "below": below, "above": above,
                                                "n": limit - len(found_ids)})
        if len(found_ids) >= limit or below <= 0:
            return found_ids
    older = "" if below is None else f"AND id <= {int(below)}"
    sql = text(f"""(SELECT id FROM messages WHERE shopdesk_grams(text) @@ CAST(:t AS tsquery)
                     AND length(text) <= {LONG} AND {found} {older} ORDER BY id DESC LIMIT :n)
                   UNION ALL
                   (SELECT id FROM messages WHERE length(text) > {LONG} AND {found} {older}
                    ORDER BY id DESC LIMIT :n)
                   ORDER BY id DESC LIMIT :n""")
    rest = session.scalars(sql, {**params, "t": tsq, "n": limit - len(found_ids)})
    return found_ids + list(rest)


def _message_ids(session: Session, query: str, limit: int) -> list[int]:
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite_message_ids(session, query, limit)
    return _pg_message_ids(session, query, limit)


def _customer_ids(session: Session, query: str, limit: int) -> list[int]:
    params = {"q": query, "n": limit}
    if session.get_bind().dialect.name == "sqlite":
        if not _has_token(query):
            sql = text("SELECT id FROM customers WHERE instr(shopdesk_fold(name), :q) > 0 "
                       "ORDER BY id DESC LIMIT :n")
            return list(session.scalars(sql, params))
        sql = text("SELECT c.rowid FROM customers_chars_fts c "
                   "JOIN customers u ON u.id = c.rowid "
                   "WHERE customers_chars_fts MATCH :p AND instr(shopdesk_fold(u.name), :q) > 0 "
                   "ORDER BY c.rowid DESC LIMIT :n")
        return list(session.scalars(sql, {**params, "p": _quoted(spaced(query))}))
    found = "strpos(lower(normalize(name, NFKC)), :q) > 0"
    tsq, _lexemes = _pg_tsquery(session, query)
    if not tsq:
        sql = text(f"SELECT id FROM customers WHERE {found} ORDER BY id DESC LIMIT :n")
        return list(session.scalars(sql, params))
    sql = text(f"SELECT id FROM customers WHERE shopdesk_grams(name) @@ CAST(:t AS tsquery) "
               f"AND {found} ORDER BY id DESC LIMIT :n")
    return list(session.scalars(sql, {**params, "t": tsq}))


def snippet(body: str, query: str) -> str:
    """The text around the first match, escaped, with the match in bold."""
    at = body.find(query)  # most texts hold the (folded) query as it is
    if at < 0:
        folded = fold(body)
        at = folded.find(query)
        if len(folded) != len(body):  # folding changed lengths: no precise highlight
            at = -1
    if at < 0:
        short = body if len(body) <= 2 * SNIPPET else body[: 2 * SNIPPET] + "…"
        return html.escape(short)
    start, end = max(0, at - SNIPPET), min(len(body), at + len(query) + SNIPPET)
    return ("…" if start else "") + html.escape(body[start:at]) + "<b>" + html.escape(
        body[at:at + len(query)]) + "</b>" + html.escape(body[at + len(query):end]) + (
        "…" if end < len(body) else "")


# The hits' rows, as plain statements built once: a search runs on every keystroke, and
# building and compiling ORM statements cost more than running them.
_CUSTOMER_HITS = text(
    "SELECT v.id, v.last_message_at AS at, s.name AS store, c.name AS customer "
    "FROM conversations v JOIN stores s ON s.id = v.store_id "
    "JOIN customers c ON c.id = v.customer_id WHERE v.customer_id IN :ids "
    "ORDER BY v.last_message_at DESC LIMIT 10"
).bindparams(bindparam("ids", expanding=True)).columns(at=UTCDateTime())
_MESSAGE_HITS = text(
    "SELECT m.id, m.conversation_id, m.at, m.text, s.name AS store, c.name AS customer "
    "FROM messages m JOIN conversations v ON v.id = m.conversation_id "
    "JOIN stores s ON s.id = m.store_id JOIN customers c ON c.id = v.customer_id "
    "WHERE m.id IN :ids ORDER BY m.id DESC"
).bindparams(bindparam("ids", expanding=True)).columns(at=UTCDateTime())


def search(session: Session, query: str, limit: int = LIMIT) -> list[Hit]:
    """Customers whose name (or its pinyin) matches first, then matching messages, newest
    first."""
    q = fold(query).strip()
    if not q:
        return []
    hits: list[Hit] = _numbered(session, query)
    customer_ids = _customer_ids(session, q, 10)
    customer_ids += [i for i in pinyin_search.customer_ids(session, query, 10)
                     if i not in customer_ids]  # wf, wangfang → 王芳
    if customer_ids:
        rows = session.execute(_CUSTOMER_HITS, {"ids": customer_ids})
        hits += [Hit(None, cid, at, store, name, snippet(name, q))
                 for cid, at, store, name in rows]
    ids = _message_ids(session, q, limit)
    if ids:
        rows = session.execute(_MESSAGE_HITS, {"ids": ids})
        hits += [Hit(mid, cid, at, store, customer, snippet(body, q))
                 for mid, cid, at, body, store, customer in rows]
    return hits


# -- bulk loading (SQLite) ------------------------------------------------------------------
# Indexing a million messages one trigger call at a time costs as much as the whole rest of
# a load; filling the indexes with one INSERT … SELECT each afterwards costs a tenth. The
# dataset loader suspends the insert triggers inside its transaction and fills the indexes
# at the end.

_INSERT_TRIGGERS = {
    "messages_fts_insert": """CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
         INSERT INTO messages_fts(rowid, body) VALUES (new.id, shopdesk_fold(new.text));
       END""",
    "messages_chars_fts_insert": """CREATE TRIGGER messages_chars_fts_insert
       AFTER INSERT ON messages BEGIN
         INSERT INTO messages_chars_fts(rowid, body) VALUES (new.id, shopdesk_chars(new.text));
       END""",
}


def suspend_indexing(session: Session) -> bool:
    """Drop the insert triggers (inside the caller's transaction). False on PostgreSQL,
    whose index needs no help."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    for name in _INSERT_TRIGGERS:
        session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    return True


def resume_indexing(session: Session, first_id: int) -> None:
    """Index the messages from ``first_id`` on in one statement per index; restore the
    triggers."""
    session.execute(text("INSERT INTO messages_fts(rowid, body) "
                         "SELECT id, shopdesk_fold(text) FROM messages WHERE id >= :first"),
                    {"first": first_id})
    session.execute(text("INSERT INTO messages_chars_fts(rowid, body) "
                         "SELECT id, shopdesk_chars(text) FROM messages WHERE id >= :first"),
                    {"first": first_id})
    restore_indexing(session)


def index_rows(messages: Iterable[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]]:
    """For a loader that fills the indexes itself while their triggers are suspended: per
    index table, the (rowid, body) rows that the insert triggers would write for these
    (id, text) messages (the text folded once for both)."""
    folded = [(mid, fold(body)) for mid, body in messages]
    return [("messages_fts", folded),
            ("messages_chars_fts", [(mid, spaced(body)) for mid, body in folded])]


def restore_indexing(session: Session) -> None:
    """Put back the insert triggers that ``suspend_indexing`` dropped."""
    for trigger in _INSERT_TRIGGERS.values():
        session.execute(text(trigger))
