"""The built-in rules every shop has: present from the start, switched off in a new shop
(the owner switches them on in Settings → Automation), on in the demo. Each is a rule of
every store with a fixed ``builtin`` name and key; the owner may edit its texts and
settings, switch it off, but not delete it (it would come back).

    BUILTIN: the specs, in their order
    missing(session) -> list[str]          built-in names not yet in the database
    ensure(session, enabled=False) -> int  add the missing ones (switched on or off)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.models import AutomationRule
from shopdesk.services.automation_rules import RuleSpec, apply_spec

AFTER_SALES_KEY = "builtin-after-sales"


def _care_day(today: date) -> str:
    return date(today.year + 1, 1, 1).isoformat()  # 元旦: the owner picks the day


def specs(today: date | None = None) -> list[tuple[str, str, RuleSpec]]:
    """(builtin name, key, spec) of every built-in rule."""
    today = today or date.today()
    send = lambda zh, en, **kw: {"kind": "send", "text": {"zh": zh, "en": en}, **kw}  # noqa: E731
    items: list[tuple[str, str, RuleSpec]] = [
        ("greeting", "builtin-greeting", RuleSpec(
            "欢迎语 Greeting", {"kind": "first_message"}, [{"kind": "hours", "open": True}],
            [send("您好 {customer}，欢迎光临 {store}！请问有什么可以帮您？",
                  "Hi {customer}, welcome to {store}! How can we help you?")])),
        ("away", "builtin-away", RuleSpec(
            "休息时间自动回复 Away message", {"kind": "outside_hours"}, [],
            [send("您好，{store} 现在是休息时间，{opens} 开始营业，届时客服会第一时间回复您。",
                  "Hello, {store} is closed right now. We open again on {opens} and will "
                  "answer you first thing.")])),
        ("invoice", "builtin-invoice", RuleSpec(
            "关键词：发票 Keyword: invoice",
            {"kind": "keyword", "words": ["发票", "开票", "invoice", "receipt"]}, [],
            [send("您好，发票可以开具的：请把抬头和税号发给我们，确认收货后 3 个工作日内开出。",
                  "Yes, we issue invoices: send us the company name and tax number and we "
                  "issue it within 3 working days after delivery.")])),
        ("shipping", "builtin-shipping", RuleSpec(
            "关键词：发货/物流 Keyword: shipping",
            {"kind": "keyword", "words": ["发货", "物流", "快递", "到哪", "shipping", "tracking",
                                          "delivery"]}, [],
            [send("您好，您的订单 {order_no} 已发出，物流单号 {tracking_no}，可以在快递官网查询。",
                  "Your order {order_no} is on its way: tracking number {tracking_no}.",
                  fallback={"zh": "您好，我们马上为您查询物流，请稍候。",
                            "en": "We are checking where your parcel is; one moment please."})])),
        ("size", "builtin-size", RuleSpec(
            "关键词：尺码 Keyword: size",
            {"kind": "keyword", "words": ["尺码", "尺寸", "大小", "size", "sizing"]}, [],
            [send("您好，尺码表在商品详情页最下方；告诉我们身高体重，我们帮您推荐。",
                  "The size chart is at the bottom of the product page; tell us your height "
                  "and weight and we will suggest a size.")])),
        ("assign", "builtin-assign", RuleSpec(
            "自动分配 Auto-assignment", {"kind": "first_message"},
            [{"kind": "signed_in", "at_least": 2}, {"kind": "assigned", "assigned": False}],
            [{"kind": "assign", "mode": "fewest_open"}])),
        ("after_sales", AFTER_SALES_KEY, RuleSpec(
            "售后跟踪 After-sales follow-up", {"kind": "refund_completed", "days": 3}, [],
            [send("您好 {customer}，您的售后已经处理完成几天了，一切都还好吗？如有任何问题请直接回复我们。",
                  "Hi {customer}, your return was completed a few days ago: is everything "
                  "all right? If anything is wrong, just reply to this message.")])),
        ("after_sales_answer", "builtin-after-sales-answer", RuleSpec(
            "售后跟踪：不满意时建投诉 After-sales: a bad answer opens a complaint",
            {"kind": "keyword", "words": ["不好", "不满意", "有问题", "没收到", "还没到", "坏了",
                                          "差评", "not ok", "not good", "bad", "problem",
                                          "broken", "not received", "wrong"]},
            [{"kind": "answering", "rule": AFTER_SALES_KEY, "days": 7}],
            [{"kind": "complaint", "category": "after_sales", "severity": "normal"},
             {"kind": "priority", "priority": "high"}])),
        ("complaint_tier", "builtin-complaint-tier", RuleSpec(
            "投诉超时升级 Complaint moves up a tier", {"kind": "complaint_stalled"}, [],
            [{"kind": "escalate", "note": "not progressed within its time limit"}])),
        ("care", "builtin-care", RuleSpec(
            "节日问候 Care message",
            {"kind": "care_date", "date": _care_day(today), "segments": ["vip", "active"],
             "opt_out_tag": "不打扰"}, [],
            [send("{customer} 您好，{store} 祝您节日快乐！感谢一直以来的支持。",
                  "Dear {customer}, everyone at {store} wishes you happy holidays. Thank you "
                  "for shopping with us!")])),
    ]
    return items


def missing(session: Session) -> list[str]:
    have = set(session.scalars(select(AutomationRule.builtin).where(
        AutomationRule.builtin.is_not(None))))
    return [name for name, _key, _spec in specs() if name not in have]


def ensure(session: Session, enabled: bool = False, today: date | None = None) -> int:
    """Add the built-in rules not yet there; returns how many were added."""
    wanted = set(missing(session))
    if not wanted:
        return 0
    position = session.scalar(select(func.max(AutomationRule.position))) or 0
    added = 0
    for name, key, spec in specs(today):
        if name not in wanted:
            continue
        if session.scalar(select(AutomationRule.id).where(AutomationRule.key == key)):
            continue  # a rule with the key came from a dataset
        rule = AutomationRule(key=key, builtin=name, position=position + added + 1)
        spec.enabled = enabled
        apply_spec(rule, spec)
        session.add(rule)
        added += 1
    session.flush()
    return added


def switch_all(session: Session, enabled: bool) -> None:
    """Every built-in rule on or off (the demo switches them on)."""
    rules: Any = session.scalars(select(AutomationRule).where(AutomationRule.builtin.is_not(None)))
    for rule in rules:
        rule.enabled = enabled
