"""The Taobao/Tmall order report (订单报表): GBK, GB18030 or UTF-8 with BOM; order numbers
written as ="…" so that Excel keeps them; phone numbers as '138…; Chinese status strings;
money like 1,299.00; times in the store's time zone. One row per order, its items' titles in
one column."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from shopdesk.errors import ShopDeskError, short
from shopdesk.importers.orders import ImportedOrder, Parsed, RowError, money, quantity, rows
from shopdesk.models.enums import OrderStatus

REQUIRED = ("订单编号", "买家会员名", "买家应付邮费", "买家实际支付金额", "订单状态",
            "订单创建时间", "宝贝标题", "宝贝总数量")
STATUS = {
    "等待买家付款": OrderStatus.UNPAID,
    "买家已付款,等待卖家发货": OrderStatus.PAID,
    "买家已付款，等待卖家发货": OrderStatus.PAID,
    "卖家已发货,等待买家确认": OrderStatus.SHIPPED,
    "卖家已发货，等待买家确认": OrderStatus.SHIPPED,
    "交易成功": OrderStatus.COMPLETED,
    "交易关闭": OrderStatus.CANCELLED,
}
ORDER_NO = re.compile("[0-9]{1,64}")  # Taobao, Tmall, JD and Pinduoduo number their orders
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M")


def _text(value: str | None) -> str:
    """Undo Excel's protections: ="2041…" and '138…"""
    v = (value or "").strip()
    if v.startswith('="') and v.endswith('"'):
        v = v[2:-1]
    return v.lstrip("'").strip()


def _time(value: str, zone: ZoneInfo, what: str) -> datetime | None:
    v = value.strip()
    if not v:
        return None
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(v, fmt).replace(tzinfo=zone)
        except ValueError:
            continue
    raise ShopDeskError(f"{what} '{short(v)}' is not a time like 2026-11-11 00:03:12")


def parse_taobao(text: str, store_timezone: str) -> Parsed:
    zone = ZoneInfo(store_timezone)
    _header, data, errors = rows(text, REQUIRED)
    parsed = Parsed(errors=errors)
    for line, row in data:
        try:
            parsed.orders.append(_order(line, row, zone))
        except ShopDeskError as exc:
            parsed.errors.append(RowError(line, str(exc)))
    return parsed


def _order(line: int, row: dict[str, str], zone: ZoneInfo) -> ImportedOrder:
    order_no = _text(row.get("订单编号"))
    if not order_no:
        raise ShopDeskError("the order number (订单编号) is empty")
    if not ORDER_NO.fullmatch(order_no):
        raise ShopDeskError(f"the order number (订单编号) '{short(order_no)}' is not a Taobao order "
                            "number (digits only)")
    handle = _text(row.get("买家会员名"))
    if not handle:
        raise ShopDeskError("the buyer (买家会员名) is empty")
    status_text = _text(row.get("订单状态"))
    status = STATUS.get(status_text)
    if status is None:
        raise ShopDeskError(f"unknown order status '{short(status_text)}'")
    refunded = money(row.get("退款金额", ""), "CNY", "退款金额")
    if status == OrderStatus.CANCELLED and refunded:
        status = OrderStatus.REFUNDED
    total = money(row.get("买家实际支付金额", ""), "CNY", "买家实际支付金额")
    shipping = money(row.get("买家应付邮费", ""), "CNY", "买家应付邮费")
    if shipping > total and total:
        raise ShopDeskError(f"the postage {row.get('买家应付邮费')} is more than the amount paid")
    placed = _time(row.get("订单创建时间", ""), zone, "订单创建时间")
    if placed is None:
        raise ShopDeskError("the order time (订单创建时间) is empty")
    qty = quantity(_text(row.get("宝贝总数量")) or "1", "宝贝总数量")
    title = _text(row.get("宝贝标题")) or order_no
    goods = money(row.get("买家应付货款", ""), "CNY", "买家应付货款") or max(0, total - shipping)
    sku = "TB-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:10]  # the report has none
    phone = _text(row.get("联系手机")) or _text(row.get("联系电话")) or None
    return ImportedOrder(
        line=line, order_no=order_no, handle=handle,
        customer_name=_text(row.get("收货人姓名")) or handle, placed_at=placed, status=status,
        currency="CNY", total_minor=total, shipping_minor=min(shipping, total),
        paid_at=_time(row.get("订单付款时间", ""), zone, "订单付款时间"), phone=phone,
        address=_text(row.get("收货地址")) or None,
        carrier=_text(row.get("物流公司")) or None, tracking_no=_text(row.get("物流单号")) or None,
        items=[(sku, title, qty, goods // qty)])
