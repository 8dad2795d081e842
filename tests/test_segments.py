"""RFM segments: the boundaries of each segment, thresholds per store, and recomputing when
orders change (dataset load, order import)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from shopdesk.models import Customer, Order
from shopdesk.models.enums import OrderStatus
from shopdesk.services import rules, segments
from shopdesk.services.segments import Segment
from tests import factories as f

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
R = rules.StoreRules()


def days(n: float) -> datetime:
    return NOW - timedelta(days=n)


@pytest.mark.parametrize(("orders", "segment"), [
    ([], None),
    ([(days(10), 5000)], Segment.NEW),
    ([(days(30), 5000)], Segment.NEW),          # the 30th day is still new
    ([(days(31), 5000)], Segment.ACTIVE),
    ([(days(90), 5000)], Segment.ACTIVE),       # 90 days: still inside the window
    ([(days(91), 5000)], Segment.AT_RISK),
    ([(days(180), 5000)], Segment.AT_RISK),
    ([(days(181), 5000)], Segment.LOST),
    ([(days(5), 1000), (days(40), 1000)], Segment.ACTIVE),
    ([(days(5), 1000), (days(40), 1000), (days(80), 1000)], Segment.VIP),  # 3 orders
    ([(days(5), 1000), (days(40), 1000), (days(95), 1000)], Segment.ACTIVE),
    ([(days(5), 99_999), (days(60), 1)], Segment.VIP),    # exactly ¥1,000.00
    ([(days(5), 99_998), (days(60), 1)], Segment.ACTIVE),
])
def test_boundaries(orders, segment) -> None:
    rfm = segments.classify(((at, total, "CNY") for at, total in orders), R, NOW)
    assert rfm.segment == segment


def test_reason_and_store_thresholds() -> None:
    rfm = segments.classify([(days(5), 128_600, "CNY"), (days(20), 100, "CNY"),
                             (days(60), 100, "CNY")], R, NOW)
    assert rfm.reason() == "3 orders, ¥1,288.00 in 90 days"
    strict = rules.rules_for(60, {"rfm_vip_orders": 5, "rfm_vip_spent_minor": 500_000,
                                  "rfm_window_days": 30})
    assert segments.classify([(days(5), 128_600, "CNY"), (days(20), 100, "CNY")], strict,
                             NOW).segment == Segment.ACTIVE
    assert segments.classify([(days(45), 100, "CNY"), (days(100), 1, "CNY")], strict,
                             NOW).segment == Segment.AT_RISK


def test_recompute_stores_segments_and_counts_changes(db) -> None:
    with db.transaction() as s:
        st = f.store()
        a, b, c = f.customer("a", "甲"), f.customer("b", "乙"), f.customer("c", "丙")
        s.add_all([st, a, b, c])
        s.flush()
        for n, (cu, at, status) in enumerate([(a, days(3), OrderStatus.PAID),
                                             (a, days(50), OrderStatus.COMPLETED),
                                             (a, days(70), OrderStatus.COMPLETED),
                                             (b, days(400), OrderStatus.COMPLETED),
                                             (c, days(2), OrderStatus.CANCELLED)]):
            s.add(Order(store=st, customer=cu, order_no=f"o{n}", placed_at=at, status=status,
                        currency="CNY", total_minor=1000))
    with db.transaction() as s:
        assert segments.recompute(s, now=NOW) == 2  # c has only a cancelled order: none
    with db.transaction() as s:
        assert segments.recompute(s, now=NOW) == 0  # nothing changed
        got = dict(s.execute(select(Customer.key, Customer.segment)).all())
    assert got == {"a": "vip", "b": "lost", "c": None}


def test_the_sync_worker_brings_stored_segments_up_to_date_once_a_day(qtbot, sqlite_db) -> None:
    """Time alone moves a customer from active to at-risk: the stored segment (the
    Customers page's column and filter) follows at the first sync of each day."""
    from datetime import date

    from shopdesk.ui.sync_worker import SyncWorker

    with sqlite_db.transaction() as s:
        st, cu = f.store(), f.customer("a", "甲")
        s.add_all([st, cu])
        s.flush()
        s.add(Order(store=st, customer=cu, order_no="o1", status=OrderStatus.COMPLETED,
                    placed_at=datetime.now(UTC) - timedelta(days=100), currency="CNY",
                    total_minor=5000))
        cu.segment = Segment.ACTIVE.value  # as stored when the order was 60 days old
        customer_id = cu.id

    def stored() -> str | None:
        with sqlite_db.read_session() as s:
            return s.get(Customer, customer_id).segment

    worker = SyncWorker(sqlite_db)
    worker.tick()
    assert stored() == Segment.AT_RISK.value
    with sqlite_db.transaction() as s:
        s.get(Customer, customer_id).segment = Segment.ACTIVE.value
    worker.tick()  # the same day: not again
    assert stored() == Segment.ACTIVE.value
    worker.segments_day = date.today() - timedelta(days=1)
    worker.tick()
    assert stored() == Segment.AT_RISK.value
