"""The messages to the customer about a return case: each step's template in English and
Chinese, filled with the case (or the wizard's order) and the store's deadlines."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shopdesk.models import ReturnCase, Store
from shopdesk.money import format_money
from shopdesk.services.conversations import customer_language
from shopdesk.services.return_cases import case_number
from shopdesk.services.return_orders import OrderFacts
from shopdesk.services.rules import StoreRules, of_store

TEMPLATES = {
    "en": {
        "requested": "Hello {customer}, we have registered your return request for order "
                     "{order_no} ({amount}). We will get back to you within {answer_hours} "
                     "hours.",
        "approve": "Hello {customer}, your request {number} for order {order_no} is approved "
                   "({amount}).",
        "await_return": "Hello {customer}, please send the item(s) back within {ship_days} days "
                        "and tell us the carrier and tracking number.",
        "reject": "Hello {customer}, we are sorry, we cannot accept request {number}: {note}",
        "record_tracking": "Thank you {customer}, we have your tracking number {tracking_no}.",
        "mark_received": "Hello {customer}, we have received the item(s) for {number}.",
        "refund": "Hello {customer}, we have refunded {amount} for order {order_no}.",
        "ship_exchange": "Hello {customer}, your replacement is on its way: {carrier} "
                         "{tracking_no}.",
        "close": "Hello {customer}, return {number} is now closed. Thank you!",
        "cancel": "Hello {customer}, return {number} has been cancelled.",
        "appeal": "Hello {customer}, we are looking at request {number} again.",
    },
    "zh_CN": {
        "requested": "亲爱的{customer}，已为您登记订单{order_no}的售后申请（{amount}），"
                     "我们会在{answer_hours}小时内处理。",
        "approve": "亲爱的{customer}，您的售后申请{number}（订单{order_no}）已同意，金额{amount}。",
        "await_return": "亲爱的{customer}，请在{ship_days}天内寄回商品，并告诉我们快递公司和单号。",
        "reject": "亲爱的{customer}，很抱歉，售后申请{number}无法通过：{note}",
        "record_tracking": "谢谢{customer}，已收到您的退货单号{tracking_no}。",
        "mark_received": "亲爱的{customer}，售后单{number}的退货我们已收到。",
        "refund": "亲爱的{customer}，订单{order_no}已退款{amount}，请注意查收。",
        "ship_exchange": "亲爱的{customer}，换货已寄出：{carrier} {tracking_no}。",
        "close": "亲爱的{customer}，售后单{number}已完结，感谢您的支持！",
        "cancel": "亲爱的{customer}，售后单{number}已取消。",
        "appeal": "亲爱的{customer}，我们正在重新处理售后申请{number}。",
    },
}


def fill_template(action: str, lang: str, rules: StoreRules, **values: str) -> str:
    """The customer message of ``action`` in ``lang`` with the store's deadlines filled in;
    missing values stay empty."""
    template = TEMPLATES[lang if lang in TEMPLATES else "en"][action]
    fields = {"customer": "", "number": "", "order_no": "", "amount": "", "carrier": "",
              "tracking_no": "", "note": "",
              "answer_hours": str(int(rules.answer_request_within.total_seconds() // 3600)),
              "ship_days": str(rules.ship_back_within.days)}
    return template.format(**{**fields, **values})


def request_message(session: Session, facts: OrderFacts, amount_minor: int,
                    conversation_id: int | None) -> str:
    """The message the wizard proposes to send when a case is started."""
    store = session.get(Store, facts.store_id)
    assert store is not None
    return fill_template("requested", customer_language(session, conversation_id),
                         of_store(store), customer=facts.customer_name,
                         order_no=facts.order_no,
                         amount=format_money(amount_minor, facts.currency))


def customer_message(session: Session, case: ReturnCase, action: str, *,
                     amount_minor: int | None = None, carrier: str = "", tracking_no: str = "",
                     note: str = "", lang: str | None = None) -> str:
    """The customer message template of ``action`` filled for ``case``."""
    amount = amount_minor or case.approved_minor or case.requested_minor
    return fill_template(
        action, lang or customer_language(session, case.conversation_id),
        of_store(case.store), customer=case.customer.name, number=case_number(case.id),
        order_no=case.order.order_no, amount=format_money(amount, case.currency),
        carrier=carrier, tracking_no=tracking_no, note=note)
