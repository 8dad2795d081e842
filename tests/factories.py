"""Small builders of valid rows for tests (real rows in a real database)."""

from __future__ import annotations

from datetime import UTC, datetime

from shopdesk.models import Customer, Order, OrderItem, ReturnCase, Store
from shopdesk.models.enums import OrderStatus, Platform, ReturnKind, ReturnReason, ReturnState

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def store(key: str = "tm", currency: str = "CNY") -> Store:
    return Store(key=key, name=f"Store {key}", platform=Platform.TMALL, currency=currency,
                 timezone="Asia/Shanghai")


def customer(key: str = "c1", name: str = "王芳") -> Customer:
    return Customer(key=key, name=name, phone="13812345678")


def order(st: Store, cu: Customer, order_no: str = "2041586613212345678",
          total: int = 12800, **kw) -> Order:
    o = Order(store=st, customer=cu, order_no=order_no, placed_at=T0, status=OrderStatus.DELIVERED,
              currency=st.currency, total_minor=total, **kw)
    o.items.append(OrderItem(sku="SKU-1", title="杯子", qty=2, unit_price_minor=total // 2))
    return o


def return_case(o: Order, kind: ReturnKind = ReturnKind.RETURN_REFUND,
                requested: int = 6400, state: ReturnState = ReturnState.REQUESTED) -> ReturnCase:
    return ReturnCase(store=o.store, order=o, customer=o.customer, kind=kind,
                      reason=ReturnReason.QUALITY_ISSUE, state=state, currency=o.currency,
                      requested_minor=requested, created_at=T0, updated_at=T0)
