"""Opening a return case: what the wizard collected (``NewCase``), the amount it proposes,
the checks of its items and amount, and ``create_case`` with the first event, photos, audit
entry and the system line in the customer's conversation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import MoneyError, ShopDeskError
from shopdesk.models import (
    Agent,
    Conversation,
    Message,
    Order,
    ReturnCase,
    ReturnEvent,
    ReturnItem,
    ReturnPhoto,
)
from shopdesk.models.enums import (
    Direction,
    OrderStatus,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Role,
)
from shopdesk.money import format_money
from shopdesk.services import audit
from shopdesk.services.conversations import preview
from shopdesk.services.inbox import queue_reply
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.services.return_cases import SHOP_AT_FAULT, case_number
from shopdesk.services.return_orders import OrderFacts, order_facts
from shopdesk.services.return_photos import check_photos
from shopdesk.times import utcnow

S = ReturnState
R = ReturnReason


def suggest_amount(facts: OrderFacts, quantities: dict[str, int], kind: ReturnKind,
                   reason: ReturnReason) -> int:
    """The amount the wizard proposes: the returned items' price; plus the order's shipping
    when everything comes back and the shop is at fault (or nothing has been shipped yet)."""
    price = {line.sku: line.unit_price_minor for line in facts.items}
    goods = sum(price[sku] * qty for sku, qty in quantities.items() if qty > 0)
    everything = all(quantities.get(line.sku, 0) >= line.available for line in facts.items)
    first_refund = facts.refunded_minor == 0
    not_shipped = facts.status in (OrderStatus.PAID,)
    if everything and first_refund and (ReturnReason(reason) in SHOP_AT_FAULT or not_shipped):
        goods += facts.shipping_minor
    return min(goods, facts.refundable_minor)


def check_items(facts: OrderFacts, quantities: dict[str, int]) -> dict[str, int]:
    """The chosen quantities, or ``ShopDeskError`` saying which line is wrong."""
    lines = {line.sku: line for line in facts.items}
    chosen = {sku: qty for sku, qty in quantities.items() if qty}
    if not chosen:
        raise ShopDeskError("Choose at least one item and how many.")
    for sku, qty in chosen.items():
        line = lines.get(sku)
        if line is None:
            raise ShopDeskError(f"{sku} is not in order {facts.order_no}.")
        if qty < 0:
            raise ShopDeskError(f"The quantity of {line.title} cannot be negative.")
        if qty > line.available:
            raise ShopDeskError(
                f"{line.title}: {qty} is more than can still be returned ({line.bought} bought,"
                f" {line.returned} already in other returns).")
    return chosen


def check_amount(facts: OrderFacts, amount_minor: int | None) -> int:
    if amount_minor is None or amount_minor <= 0:
        raise MoneyError("Enter an amount more than zero.")
    if amount_minor > facts.refundable_minor:
        paid = format_money(facts.total_minor, facts.currency)
        refunded = format_money(facts.refunded_minor, facts.currency)
        most = format_money(facts.refundable_minor, facts.currency)
        raise MoneyError(f"At most {most} can be refunded: {paid} was paid for order "
                         f"{facts.order_no} and {refunded} has already been refunded.")
    return amount_minor


@dataclass
class NewCase:
    """What the wizard collected."""

    order_id: int
    quantities: dict[str, int]
    kind: ReturnKind
    reason: ReturnReason
    amount_minor: int
    reason_text: str = ""
    replacement: str = ""
    photos: list[tuple[str, str, bytes]] = field(default_factory=list)
    conversation_id: int | None = None
    customer_message: str = ""  # sent to the customer when not empty
    lang: str = "en"  # the language of the system event written into the conversation


def create_case(session: Session, agent: Agent, new: NewCase,
                now: datetime | None = None) -> ReturnCase:
    """Validate ``new`` and create the case (state requested) with its first event, photos,
    audit entry, a system event in the conversation and, if written, the customer message."""
    require(agent, Action.HANDLE_CASES)
    session.execute(select(Order.id).where(Order.id == new.order_id).with_for_update())
    facts = order_facts(session, new.order_id, now=now)
    chosen = check_items(facts, new.quantities)
    amount = check_amount(facts, new.amount_minor)
    kind, reason = ReturnKind(new.kind), ReturnReason(new.reason)
    if kind == ReturnKind.EXCHANGE and not new.replacement.strip():
        raise ShopDeskError("Say what the customer gets in exchange (the replacement item).")
    if reason == R.NO_REASON_7_DAYS and facts.window.inside is False:
        raise ShopDeskError(
            f"Order {facts.order_no} is outside the {facts.window.days}-day no-reason window; "
            "choose the real reason or another kind of settlement.")
    if reason == R.OTHER and not new.reason_text.strip():
        raise ShopDeskError("Describe the reason when it is “Other”.")
    check_photos(new.photos)
    conversation = _conversation_for(session, facts, new.conversation_id)
    when = now or utcnow()
    case = ReturnCase(
        store_id=facts.store_id, order_id=facts.order_id, customer_id=facts.customer_id,
        conversation_id=conversation.id if conversation else None, kind=kind, reason=reason,
        reason_text=new.reason_text.strip() or None, state=S.REQUESTED, currency=facts.currency,
        requested_minor=amount, replacement=new.replacement.strip() or None,
        assignee_id=agent.id if agent.role != Role.BOOKKEEPER else None,
        created_at=when, updated_at=when)
    case.items = [ReturnItem(sku=sku, qty=qty) for sku, qty in chosen.items()]
    event = ReturnEvent(at=when, state=S.REQUESTED, by_id=agent.id, amount_minor=amount,
                        note=new.reason_text.strip() or None)
    case.events.append(event)
    session.add(case)
    session.flush()
    for name, mime, data in new.photos:
        case.photos.append(ReturnPhoto(event_id=event.id, filename=name, mime_type=mime,
                                       size=len(data), data=data))
    audit.record(session, agent.id, "return.requested", "return_case", case.id, None,
                 {"order": facts.order_no, "kind": kind.value, "reason": reason.value,
                  "requested": amount, "items": chosen}, at=when)
    if conversation is not None:
        _system_event(session, conversation, when, _started_text(case, new.lang))
        if new.customer_message.strip():
            queue_reply(session, agent, conversation.id, new.customer_message)
    session.flush()
    return case


def _conversation_for(session: Session, facts: OrderFacts,
                      conversation_id: int | None) -> Conversation | None:
    if conversation_id is not None:
        conv = existing(session, Conversation, conversation_id, "conversation")
        if conv.customer_id != facts.customer_id:
            raise ShopDeskError(
                f"Order {facts.order_no} belongs to {facts.customer_name}, not to the customer "
                "of this conversation.")
        return conv
    return session.scalars(
        select(Conversation).where(Conversation.customer_id == facts.customer_id,
                                   Conversation.store_id == facts.store_id)
        .order_by(Conversation.last_message_at.desc().nulls_last(), Conversation.id.desc())
        .limit(1)).first()


STARTED = {
    "en": "Return {number} started: {kind}, {amount}",
    "zh_CN": "已创建售后单 {number}：{kind}，{amount}",
}
KIND_WORDS = {
    "en": {ReturnKind.REFUND_ONLY: "refund only", ReturnKind.RETURN_REFUND: "return and refund",
           ReturnKind.EXCHANGE: "exchange"},
    "zh_CN": {ReturnKind.REFUND_ONLY: "仅退款", ReturnKind.RETURN_REFUND: "退货退款",
              ReturnKind.EXCHANGE: "换货"},
}


def _started_text(case: ReturnCase, lang: str) -> str:
    lang = lang if lang in STARTED else "en"
    return STARTED[lang].format(number=case_number(case.id), kind=KIND_WORDS[lang][case.kind],
                                amount=format_money(case.requested_minor, case.currency))


def _system_event(session: Session, conv: Conversation, when: datetime, text: str) -> None:
    session.add(Message(conversation_id=conv.id, store_id=conv.store_id, at=when,
                        direction=Direction.SYSTEM, text=text))
    conv.last_preview = conv.last_preview or preview(text)
