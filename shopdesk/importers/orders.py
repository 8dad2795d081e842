"""Order import from platform exports: read a file into orders (with the rows that cannot be
read, by line and reason), preview what would change, then write all of it or nothing.

Re-importing the same file changes nothing (orders are matched by store + order number,
customers by the store handle, then phone, then e-mail). The platform formats live in
``taobao.py`` and ``shopify.py``; each turns rows into ``ImportedOrder``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk import bounds
from shopdesk.errors import ShopDeskError, short
from shopdesk.models import Agent, Customer, CustomerIdentity, Order, OrderItem, Store
from shopdesk.models.enums import OrderStatus
from shopdesk.money import exponent, parse_amount
from shopdesk.services import audit, customer_list
from shopdesk.services.permissions import Action, require

MAX_BYTES = 200 * 1024 * 1024


class Cancelled(ShopDeskError):
    pass


@dataclass
class ImportedOrder:
    line: int  # the file line of the order's first row
    order_no: str
    handle: str  # buyer nick or e-mail: the customer's identity in the store
    customer_name: str
    placed_at: datetime
    status: OrderStatus
    currency: str
    total_minor: int
    shipping_minor: int = 0
    paid_at: datetime | None = None
    delivered_at: datetime | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    carrier: str | None = None
    tracking_no: str | None = None
    items: list[tuple[str, str, int, int]] = field(default_factory=list)  # sku, title, qty, unit


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str


@dataclass
class Parsed:
    orders: list[ImportedOrder] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (which reads GBK and GB2312 too)."""
    if len(data) > MAX_BYTES:
        raise ShopDeskError("The file is larger than 200 MB; split it into smaller exports.")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ShopDeskError("The file is neither UTF-8 nor GBK/GB18030 text; export it again as "
                        "CSV from the platform.")


def rows(text: str, required: Iterable[str]
         ) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[RowError]]:
    """The header, (line, row) pairs and the rows that are not rows of the header's shape
    (another number of fields, a quote that never closes, a NUL character), each with the
    line it starts on. ``ShopDeskError`` for a file without the required columns or orders.
    """
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ShopDeskError("The file is empty.") from None
    except csv.Error:
        raise ShopDeskError("line 1: the header line is not CSV.") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ShopDeskError(f"This is not the expected export: the columns "
                            f"{', '.join(missing)} are missing.")
    out, errors = [], []
    one_line = set(required)
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error:  # nothing after an unbalanced quote can be trusted
            errors.append(RowError(start, "a quote (\") in this row does not close where the "
                                          "field ends; the rest of the file was not read"))
            break
        line, start, end = start, reader.line_num + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            errors.append(RowError(line, f"the row has {len(values)} fields but the header has "
                                         f"{len(header)} (a comma or quote in a field that is "
                                         "not enclosed in quotes?)"))
        elif any("\x00" in v for v in values):
            errors.append(RowError(line, "the row contains a NUL character"))
        elif (swallowed := _swallowing(header, values, one_line)) is not None:
            errors.append(RowError(line, f"the field {swallowed} runs from line {line} to line "
                                         f"{end}: a quote (\") in it closes only in a later row, "
                                         "which it swallows"))
        else:
            out.append((line, dict(zip(header, values, strict=True))))
    if not out and not errors:
        raise ShopDeskError("The file holds no orders: it has the header line and nothing else.")
    return header, out, errors


def _swallowing(header: list[str], values: list[str], one_line: set[str]) -> str | None:
    """The column of a row whose field took in whole rows after it, or None.

    A quote that opens in a field and closes in the same field of a later row makes one
    record of those rows, with as many fields as the header: rows vanish, nothing else
    looks wrong. A platform's order number, amounts, times, status and titles never hold a
    line break; free text (a buyer's message) may, but not with the commas of a whole row
    (as many as the header has separators) among its lines.
    """
    for name, value in zip(header, values, strict=True):
        broken = "\n" in value or "\r" in value
        if broken and (name in one_line or value.count(",") >= len(header) - 1):
            return name
    return None


def money(text: str, currency: str, what: str) -> int:
    cleaned = text.strip().replace(",", "").lstrip("¥$￥")
    if not cleaned:
        return 0
    try:
        minor = parse_amount(cleaned, currency)
    except ShopDeskError:
        raise ShopDeskError(f"{what} '{short(text)}' is not an amount") from None
    if minor < 0:  # no amount of an order (paid, postage, refund, price) is below zero
        raise ShopDeskError(f"{what} '{short(text)}' is negative")
    try:
        bounds.check_amount(Decimal(minor).scaleb(-exponent(currency)))
    except ValueError:
        raise ShopDeskError(f"{what} '{short(text)}' must be at most {bounds.MAX_AMOUNT:,}") from None
    return minor


def quantity(text: str, what: str) -> int:
    """A whole number from 1 to ``bounds.MAX_QUANTITY``."""
    try:
        qty = int(text.strip())
    except ValueError:
        raise ShopDeskError(f"the quantity ({what}) '{short(text)}' is not a number") from None
    if qty <= 0:
        raise ShopDeskError("the quantity must be at least 1")
    try:
        return bounds.check_quantity(qty)
    except ValueError:
        raise ShopDeskError(f"the quantity ({what}) '{short(text)}' must be at most "
                            f"{bounds.MAX_QUANTITY:,}") from None


_LIMITS = {  # what an order carries → the column that stores it
    "the order number": Order.order_no, "the buyer": CustomerIdentity.handle,
    "the name": Customer.name, "the phone": Customer.phone, "the e-mail": Customer.email,
    "the carrier": Order.carrier, "the tracking number": Order.tracking_no,
}


def _too_long(o: ImportedOrder) -> str | None:
    values = {"the order number": o.order_no, "the buyer": o.handle,
              "the name": o.customer_name, "the phone": o.phone, "the e-mail": o.email,
              "the carrier": o.carrier, "the tracking number": o.tracking_no}
    for what, value in values.items():
        longest = bounds.length(_LIMITS[what])
        if value is not None and len(value) > longest:
            return f"{what} is longer than {longest:,} characters"
    for sku, title, _qty, _unit in o.items:
        if len(title) > bounds.length(OrderItem.title):
            return f"the item title is longer than {bounds.length(OrderItem.title):,} characters"
        if len(sku) > bounds.length(OrderItem.sku):
            return f"the SKU is longer than {bounds.length(OrderItem.sku):,} characters"
    return None


def checked(parsed: Parsed) -> Parsed:
    """``parsed`` with the orders that no database stores, or that the file repeats, moved
    to its errors: every platform's parser ends here."""
    first_line: dict[str, int] = {}
    kept = []
    for o in parsed.orders:
        problem = _too_long(o)
        earlier = first_line.setdefault(o.order_no, o.line)
        if earlier != o.line:
            problem = f"order {o.order_no} is already on line {earlier}"
        if problem:
            parsed.errors.append(RowError(o.line, problem))
        else:
            kept.append(o)
    parsed.orders = kept
    parsed.errors.sort(key=lambda e: e.line)
    return parsed


# -- preview and import ------------------------------------------------------------------------

@dataclass
class Preview:
    orders_new: int = 0
    orders_updated: int = 0
    customers_new: int = 0
    customers_matched: int = 0
    errors: list[RowError] = field(default_factory=list)


def _existing_order(session: Session, store_id: int, order_no: str) -> Order | None:
    return session.scalar(select(Order).where(Order.store_id == store_id,
                                              Order.order_no == order_no))


def _match_customer(session: Session, store_id: int, o: ImportedOrder) -> Customer | None:
    ident = session.scalar(select(CustomerIdentity).where(
        CustomerIdentity.store_id == store_id, CustomerIdentity.handle == o.handle))
    if ident is not None:
        return ident.customer
    for column, value in ((Customer.phone, o.phone), (Customer.email, o.email)):
        if value:
            found = session.scalar(select(Customer).where(column == value).limit(1))
            if found is not None:
                return found
    return None


def preview(session: Session, store_id: int, parsed: Parsed) -> Preview:
    p = Preview(errors=list(parsed.errors))
    seen_handles: set[str] = set()
    for o in parsed.orders:
        if _existing_order(session, store_id, o.order_no) is None:
            p.orders_new += 1
        else:
            p.orders_updated += 1
        if o.handle in seen_handles:
            continue
        seen_handles.add(o.handle)
        if _match_customer(session, store_id, o) is None:
            p.customers_new += 1
        else:
            p.customers_matched += 1
    return p


def apply(session: Session, agent: Agent, store_id: int, parsed: Parsed,
          progress: Callable[[int, int], None] | None = None) -> Preview:
    """Write every order (in the caller's transaction: all or nothing). Refuses a file with
    unreadable rows. Returns what changed."""
    require(agent, Action.MANAGE_SETTINGS)
    if parsed.errors:
        raise ShopDeskError(f"{len(parsed.errors)} rows cannot be read; nothing was imported. "
                            f"First: line {parsed.errors[0].line}: {parsed.errors[0].reason}")
    store = session.get(Store, store_id)
    if store is None:
        raise ShopDeskError("That store no longer exists.")
    result = preview(session, store_id, parsed)
    total = len(parsed.orders)
    touched: set[int] = set()
    for n, o in enumerate(parsed.orders, start=1):
        if o.currency != store.currency:
            raise ShopDeskError(f"line {o.line}: order {o.order_no} is in {o.currency}, the "
                                f"store {store.name} sells in {store.currency}")
        customer = _match_customer(session, store_id, o)
        if customer is None:
            customer = Customer(name=o.customer_name or o.handle, phone=o.phone, email=o.email,
                                address=o.address, created_at=o.placed_at)
            session.add(customer)
            session.flush()
        else:  # fill what the card does not know yet; never overwrite
            customer.phone = customer.phone or o.phone
            customer.email = customer.email or o.email
            customer.address = customer.address or o.address
        has_identity = session.scalar(select(CustomerIdentity.id).where(
            CustomerIdentity.store_id == store_id, CustomerIdentity.handle == o.handle))
        if has_identity is None:
            session.add(CustomerIdentity(customer_id=customer.id, store_id=store_id,
                                         handle=o.handle))
        order = _existing_order(session, store_id, o.order_no)
        if order is None:
            order = Order(store_id=store_id, order_no=o.order_no)
            session.add(order)
        order.customer_id = customer.id
        order.placed_at, order.paid_at, order.delivered_at = o.placed_at, o.paid_at, \
            o.delivered_at or order.delivered_at
        order.status, order.currency = o.status, o.currency
        order.total_minor, order.shipping_minor = o.total_minor, o.shipping_minor
        order.carrier, order.tracking_no = o.carrier, o.tracking_no
        order.items = [OrderItem(sku=sku, title=title, qty=qty, unit_price_minor=unit)
                       for sku, title, qty, unit in o.items]
        session.flush()
        touched.add(customer.id)
        if progress and (n % 200 == 0 or n == total):
            progress(n, total)
    customer_list.refresh(session, touched)
    audit.record(session, agent.id, "orders.import", "store", store_id, None,
                 {"new": result.orders_new, "updated": result.orders_updated,
                  "customers_new": result.customers_new})
    return result


FORMATS = ("taobao", "shopify")


def parse(fmt: str, data: bytes, store_timezone: str) -> Parsed:
    if fmt == "taobao":
        from shopdesk.importers.taobao import parse_taobao

        return checked(parse_taobao(decode(data), store_timezone))
    if fmt == "shopify":
        from shopdesk.importers.shopify import parse_shopify

        return checked(parse_shopify(decode(data)))
    raise ShopDeskError(f"the format must be one of {', '.join(FORMATS)}")


def parse_file(fmt: str, path: Path, store_timezone: str) -> Parsed:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ShopDeskError(f"Cannot read {path}: {exc.strerror or exc}") from None
    return parse(fmt, data, store_timezone)
