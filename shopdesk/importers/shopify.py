"""The Shopify orders export: one row per line item; the order's own fields (customer,
money, status, times) only on its first row. UTF-8; times with their offset."""

from __future__ import annotations

import re
from datetime import datetime

from shopdesk.errors import ShopDeskError, short
from shopdesk.importers.orders import ImportedOrder, Parsed, RowError, money, quantity, rows
from shopdesk.models.enums import OrderStatus

# "#1001"; a store may set a prefix and a suffix of letters and digits ("SD-1001-B").
ORDER_NAME = re.compile(r"#?[A-Za-z0-9_-]{0,20}[0-9]+[A-Za-z0-9_-]{0,20}")
REQUIRED = ("Name", "Email", "Financial Status", "Currency", "Shipping", "Total",
            "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price")


def _time(value: str, what: str) -> datetime | None:
    v = value.strip()
    if not v:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return datetime.strptime(v, fmt)
        except ValueError:
            continue
    raise ShopDeskError(f"{what} '{short(v)}' is not a time like 2026-11-02 14:21:07 -0500")


def _status(row: dict[str, str]) -> OrderStatus:
    financial = row.get("Financial Status", "").strip().lower()
    fulfilment = row.get("Fulfillment Status", "").strip().lower()
    if row.get("Cancelled at", "").strip() or financial == "voided":
        return OrderStatus.CANCELLED
    if financial == "refunded":
        return OrderStatus.REFUNDED
    if financial in ("pending", "authorized", "expired", ""):
        return OrderStatus.UNPAID
    if fulfilment in ("fulfilled", "partial"):
        return OrderStatus.SHIPPED
    return OrderStatus.PAID


def parse_shopify(text: str) -> Parsed:
    _header, data, errors = rows(text, REQUIRED)
    parsed = Parsed(errors=errors)
    current: ImportedOrder | None = None
    broken: str | None = None  # an order whose first row failed: skip its item rows
    for line, row in data:
        name = row.get("Name", "").strip()
        if not name:
            parsed.errors.append(RowError(line, "the order name (Name) is empty"))
            continue
        if not ORDER_NAME.fullmatch(name):
            parsed.errors.append(RowError(line, f"the order name (Name) '{short(name)}' is not a "
                                                "Shopify order name like #1001"))
            continue
        try:
            if current is None or current.order_no != name:
                if name == broken:
                    continue
                broken = None
                current = _order(line, row)
                parsed.orders.append(current)
            current.items.append(_item(row, current.currency))
        except ShopDeskError as exc:
            parsed.errors.append(RowError(line, str(exc)))
            if current is not None and current.order_no == name:
                parsed.orders.remove(current)
            current, broken = None, name
    return parsed


def _order(line: int, row: dict[str, str]) -> ImportedOrder:
    email = row.get("Email", "").strip()
    currency = row.get("Currency", "").strip().upper()
    if len(currency) != 3:
        raise ShopDeskError(f"the currency '{short(currency)}' is not a three-letter code "
                            "(is this the first row of the order?)")
    placed = _time(row.get("Created at", ""), "Created at")
    if placed is None:
        raise ShopDeskError("the order time (Created at) is empty")
    name = row.get("Billing Name", "").strip() or row.get("Shipping Name", "").strip()
    handle = email or row.get("Phone", "").strip() or name
    if not handle:
        raise ShopDeskError("the order has no e-mail, phone or name")
    address = ", ".join(p for p in (row.get("Shipping Address1", "").strip(),
                                    row.get("Shipping City", "").strip(),
                                    row.get("Shipping Zip", "").strip(),
                                    row.get("Shipping Country", "").strip()) if p) or None
    phone = (row.get("Phone", "").strip() or row.get("Billing Phone", "").strip()
             or row.get("Shipping Phone", "").strip() or None)
    total = money(row.get("Total", ""), currency, "Total")
    shipping = money(row.get("Shipping", ""), currency, "Shipping")
    return ImportedOrder(
        line=line, order_no=row.get("Name", "").strip(), handle=handle,
        customer_name=name or handle, placed_at=placed, status=_status(row), currency=currency,
        total_minor=total, shipping_minor=min(shipping, total),
        paid_at=_time(row.get("Paid at", ""), "Paid at"), phone=phone, email=email or None,
        address=address)


def _item(row: dict[str, str], currency: str) -> tuple[str, str, int, int]:
    qty = quantity(row.get("Lineitem quantity", ""), "Lineitem quantity")
    title = row.get("Lineitem name", "").strip()
    if not title:
        raise ShopDeskError("the item name (Lineitem name) is empty")
    sku = row.get("Lineitem sku", "").strip() or title[:100]
    return sku, title, qty, money(row.get("Lineitem price", ""), currency, "Lineitem price")
