"""The Customers page: every customer, searched, filtered and sorted, a page at a time.

Sorting 100,000 customers by what they spent cannot add up their orders on every page, so
each customer carries a summary (orders, spent, last order, last contact, folded search
text) that ``refresh`` keeps: order import, dataset load and merges call it; new messages
and replies move ``last_contact_at`` with ``touch_contact``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from shopdesk.models import (
    Agent,
    Conversation,
    Customer,
    CustomerIdentity,
    Order,
    Store,
    customer_tags,
)
from shopdesk.models.customer import CONTACT_MARK, search_text
from shopdesk.services import pinyin_search, segments
from shopdesk.services.permissions import Action, can
from shopdesk.services.privacy import phone_for
from shopdesk.textfold import fold
from shopdesk.times import as_utc

PAGE = 100
CHUNK = 5000  # customers per statement when refreshing many


class Sort(StrEnum):
    """The list's orders. ``SPENT`` ("Most spent first") orders by the stored summary
    ``Customer.spent_minor``: what the customer spent in their main currency, the currency
    of their largest total in minor units (ties: the first code; ``spent_currency``). Amounts in different currencies are compared as numbers of
    minor units, without exchange rates (ShopDesk has none); for a shop that sells in one
    currency that is exactly "most spent first". The row shows every currency
    (``CustomerRow.spent``), as the customer card does."""

    LAST_ORDER = "last_order"
    SPENT = "spent"
    LAST_CONTACT = "last_contact"
    NAME = "name"


@dataclass(frozen=True)
class CustomerFilter:
    text: str = ""
    tag_id: int | None = None
    segment: str | None = None  # a segments.Segment value
    store_id: int | None = None
    sort: Sort = Sort.LAST_ORDER


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    stores: list[tuple[str, str | None]]  # name, colour
    phone: str | None  # masked for agents
    segment: str | None
    orders: int
    spent_minor: int  # the summary the list sorts by (see ``Sort``)
    spent_currency: str | None
    last_order_at: datetime | None
    last_contact_at: datetime | None
    spent: tuple[tuple[str, int], ...] = ()  # (currency, minor units) of every currency, by code


class Spending(NamedTuple):
    """A customer's paid orders in one currency."""

    orders: int
    minor: int
    last: datetime | None  # the latest order's time


def spending(session: Session, customer_ids: Iterable[int]) -> dict[int, dict[str, Spending]]:
    """customer id → currency → their paid orders in it, one statement for all of them: the
    card, the list's rows and the stored summary all add up spending here."""
    ids = list(customer_ids)
    result: dict[int, dict[str, Spending]] = defaultdict(dict)
    if not ids:
        return result
    for cid, currency, n, total, last in session.execute(
            select(Order.customer_id, Order.currency, func.count(), func.sum(Order.total_minor),
                   func.max(Order.placed_at))
            .where(Order.customer_id.in_(ids), Order.status.in_(segments.SPENDING))
            .group_by(Order.customer_id, Order.currency)):
        result[cid][currency] = Spending(int(n), int(total or 0), last)
    return result


def _like(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_matches(session: Session, f: CustomerFilter, needle: str, viewer: Agent | None
                  ) -> ColumnElement[bool]:
    """The name, a store handle, the phone or the e-mail holds the search's text. A viewer
    who sees phones and e-mails masked finds a customer by a part of the name or a handle,
    but by the whole phone number or e-mail address only: searching a part would tell,
    try by try, what the mask hides."""
    c = Customer
    sqlite = session.get_bind().dialect.name == "sqlite"
    find = func.instr if sqlite else func.strpos
    # (on PostgreSQL the LIKE is what the pg_trgm index serves, from three characters on)
    anywhere = find(c.search_text, needle) > 0 if sqlite else \
        c.search_text.like(_like(needle), escape="\\")
    if can(viewer, Action.SEE_PERSONAL_DATA):
        return anywhere
    seen = and_(anywhere, find(c.search_text, needle) < find(c.search_text, CONTACT_MARK))
    whole = _whole_contact(f.text, sqlite)
    return seen if whole is None else or_(seen, whole)


PHONE_SEPARATORS = " -+()."  # what a phone number is written with besides its digits


def _whole_contact(query: str, sqlite: bool) -> ColumnElement[bool] | None:
    """The customers whose phone number (digits compared, a country code before them
    allowed), e-mail address or e-mail store handle is the whole ``query``; None when it
    is neither."""
    raw = query.strip()
    if "@" in raw:
        return or_(func.lower(func.trim(Customer.email)) == raw.lower(),
                   Customer.id.in_(select(CustomerIdentity.customer_id).where(
                       func.lower(CustomerIdentity.handle) == raw.lower())))
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) < 7 or any(not (ch.isdigit() or ch in PHONE_SEPARATORS) for ch in raw):
        return None
    if sqlite:
        number: Any = Customer.phone
        for separator in PHONE_SEPARATORS:
            number = func.replace(number, separator, "")
    else:
        number = func.regexp_replace(Customer.phone, "[^0-9]", "", "g")
    if len(digits) < 10:
        return number == digits
    return or_(number == digits, number.endswith(digits))  # +86 13812345678


def _filtered(session: Session, q: Select, f: CustomerFilter, viewer: Agent | None) -> Select:
    c = Customer
    q = q.where(c.merged_into_id.is_(None))
    needle = fold(f.text).replace(CONTACT_MARK, "").strip()
    if needle:
        matches = _text_matches(session, f, needle, viewer)
        # Order numbers all have digits; one or two digits are a phone fragment, not an
        # order number (and "00" would match most orders).
        if len(needle) >= 4 and any(ch.isdigit() for ch in needle):
            by_order = select(Order.customer_id).where(
                Order.order_no.like(_like(f.text.strip()), escape="\\"))
            matches = or_(matches, c.id.in_(by_order))
        by_pinyin = pinyin_search.customer_clause(session, f.text)  # wf, wangfang → 王芳
        if by_pinyin is not None:
            matches = or_(matches, by_pinyin)
        q = q.where(matches)
    if f.tag_id is not None:
        q = q.where(exists().where(customer_tags.c.customer_id == c.id,
                                   customer_tags.c.tag_id == f.tag_id))
    if f.segment:
        q = q.where(c.segment == f.segment)
    if f.store_id is not None:
        q = q.where(exists().where(CustomerIdentity.customer_id == c.id,
                                   CustomerIdentity.store_id == f.store_id))
    return q


def count(session: Session, f: CustomerFilter, viewer: Agent | None) -> int:
    return int(session.scalar(_filtered(session, select(func.count()).select_from(Customer),
                                        f, viewer)) or 0)


def _after(f: CustomerFilter, row: CustomerRow) -> ColumnElement[bool]:
    """The rows that come after ``row`` in the filter's order (keyset paging: page 500 costs
    what page 1 costs)."""
    c = Customer
    if f.sort == Sort.NAME:
        return or_(c.name > row.name, and_(c.name == row.name, c.id > row.id))
    column, value = {Sort.LAST_ORDER: (c.last_order_at, row.last_order_at),
                     Sort.SPENT: (c.spent_minor, row.spent_minor),
                     Sort.LAST_CONTACT: (c.last_contact_at, row.last_contact_at)}[f.sort]
    if value is None:  # already among the customers without one (they come last)
        return and_(column.is_(None), c.id < row.id)
    return or_(column < value, and_(column == value, c.id < row.id), column.is_(None))


def page(session: Session, f: CustomerFilter, viewer: Agent | None,
         after: CustomerRow | None = None, limit: int = PAGE) -> list[CustomerRow]:
    """One page in the filter's order, starting after the row ``after`` (None: the top)."""
    c = Customer
    key: Any = {Sort.LAST_ORDER: c.last_order_at, Sort.SPENT: c.spent_minor,
                Sort.LAST_CONTACT: c.last_contact_at, Sort.NAME: c.name}[f.sort]
    if f.text.strip() and session.get_bind().dialect.name == "sqlite":
        # A search matches few rows: one scan and a sort beats walking the sort index and
        # looking up every row (SQLite's unary + keeps it off the index; 214 → 35 ms).
        key = literal_column(f"+customers.{key.key}")
    order = (key.asc(), c.id.asc()) if f.sort == Sort.NAME else \
        (key.desc().nulls_last(), c.id.desc())
    q = _filtered(session, select(c.id, c.name, c.phone, c.segment, c.orders_count,
                                  c.spent_minor, c.spent_currency, c.last_order_at,
                                  c.last_contact_at), f, viewer)
    if after is not None:
        q = q.where(_after(f, after))
    rows = session.execute(q.order_by(*order).limit(limit)).all()
    stores: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    currencies: dict[int, set[str]] = defaultdict(set)
    spent: dict[int, dict[str, Spending]] = {}
    if rows:
        for cid, name, colour, currency in session.execute(
                select(CustomerIdentity.customer_id, Store.name, Store.colour, Store.currency)
                .join(Store, Store.id == CustomerIdentity.store_id)
                .where(CustomerIdentity.customer_id.in_([r[0] for r in rows]))
                .order_by(CustomerIdentity.customer_id, Store.id)):
            currencies[cid].add(currency)
            if (name, colour) not in stores[cid]:
                stores[cid].append((name, colour))
        # Only a customer known in stores of several currencies can have spent in several:
        # the others' stored summary is all of it (the orders of a page are not read on the
        # Customers page's first open for the few who are: 1.06× → 1.12× at 100,000).
        several = [r[0] for r in rows if len(currencies[r[0]]) > 1]
        spent = spending(session, several) if several else {}

    def amounts(r: Any) -> tuple[tuple[str, int], ...]:
        if r[0] in spent:
            return tuple((cur, v.minor) for cur, v in sorted(spent[r[0]].items()))
        return ((r[6], r[5]),) if r[6] else ()

    return [CustomerRow(r[0], r[1], stores.get(r[0], []), phone_for(viewer, r[2]), r[3],
                        r[4], r[5], r[6], r[7], r[8], amounts(r)) for r in rows]


# -- keeping the summary ----------------------------------------------------------------------

def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def refresh(session: Session, customer_ids: Iterable[int] | None = None) -> None:
    """Recompute the summary, search text and RFM segment of these customers (all when
    None) from their orders, conversations and identities, a few statements per chunk."""
    if customer_ids is None:
        ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
    else:
        ids = sorted(set(customer_ids))
    for chunk in _chunks(ids):
        _refresh_chunk(session, chunk)
    segments.recompute(session, None if customer_ids is None else ids)


def _refresh_chunk(session: Session, ids: list[int]) -> None:
    spent = spending(session, ids)
    contact = {cid: at for cid, at in session.execute(
        select(Conversation.customer_id, func.max(Conversation.last_message_at))
        .where(Conversation.customer_id.in_(ids)).group_by(Conversation.customer_id))}
    handles: dict[int, list[str]] = defaultdict(list)
    for cid, handle in session.execute(
            select(CustomerIdentity.customer_id, CustomerIdentity.handle)
            .where(CustomerIdentity.customer_id.in_(ids))):
        handles[cid].append(handle)
    changes = []
    for cid, name, phone, email in session.execute(
            select(Customer.id, Customer.name, Customer.phone, Customer.email)
            .where(Customer.id.in_(ids))):
        by_currency = spent.get(cid, {})
        # the main currency: the largest total (ties: the first code); see ``Sort``
        main = min(by_currency, key=lambda cur: (-by_currency[cur].minor, cur), default=None)
        lasts = [as_utc(v.last) for v in by_currency.values() if v.last is not None]
        at = contact.get(cid)
        changes.append({
            "id": cid,
            "orders_count": sum(v.orders for v in by_currency.values()),
            "spent_minor": by_currency[main].minor if main else 0,
            "spent_currency": main,
            "last_order_at": max(lasts) if lasts else None,
            "last_contact_at": as_utc(at) if at is not None else None,
            "search_text": search_text(name, phone, email, handles.get(cid, ())),
        })
    if changes:  # ORM bulk UPDATE by primary key
        session.execute(update(Customer), changes)


def touch_contact(session: Session, latest: dict[int, datetime]) -> None:
    """A message arrived or went out: move the customers' last contact forward."""
    if not latest:
        return
    # One Core executemany, not an ORM statement per customer (those held up the window
    # while a sync stored 10,000 messages: a 137 ms stall against 4 ms).
    t = Customer.__table__
    at = bindparam("at", type_=t.c.last_contact_at.type)  # stored as every other time
    session.execute(
        update(t).where(t.c.id == bindparam("cid"),
                        or_(t.c.last_contact_at.is_(None), t.c.last_contact_at < at))
        .values(last_contact_at=at),
        [{"cid": cid, "at": at} for cid, at in latest.items()])
