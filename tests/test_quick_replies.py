from datetime import UTC, datetime

from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Conversation, Order
from shopdesk.services import quick_replies as qr


def test_find_by_code_title_and_text(db) -> None:
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.read_session() as s:
        assert len(qr.find(s)) == 10
        assert qr.find(s, "wl")[0].code == "wl"  # code first
        assert {r.code for r in qr.find(s, "快递单号")} == {"wl", "th"}
        assert {r.code for r in qr.find(s, "TRACKING")} == {"track", "wl"}  # {tracking_no}
        assert qr.find(s, "没有这个") == []


def test_variables_come_from_the_latest_order_in_that_store(db) -> None:
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.read_session() as s:
        conv = s.scalar(select(Conversation).join(Order, (Order.customer_id == Conversation.customer_id)
                                                  & (Order.store_id == Conversation.store_id))
                        .where(Order.tracking_no.is_not(None)).limit(1))
        latest = s.scalar(select(Order).where(Order.customer_id == conv.customer_id,
                                              Order.store_id == conv.store_id)
                          .order_by(Order.placed_at.desc()).limit(1))
        agent = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        values = qr.variables(s, conv.id, agent)
    assert values["order_no"] == latest.order_no and values["agent"] == "王芳"
    text = qr.fill("亲，{customer}，订单{order_no}由{agent}跟进，单号{tracking_no}，{unknown}", values)
    assert latest.order_no in text and "王芳" in text and "{unknown}" in text
    assert qr.fill("{tracking_no}", {}) == "{tracking_no}"  # missing stays visible
