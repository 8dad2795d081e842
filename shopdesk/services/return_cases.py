"""Return cases as agents work them: what an order still allows, starting a case, the
returns board, and each next step with its money, role and concurrency rules.

The state machine and the amount rules themselves live in ``services.returns``; this module
only asks them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError as OrmStaleDataError

from shopdesk.errors import MoneyError, ShopDeskError, StaleDataError
from shopdesk.models import (
    Agent,
    Conversation,
    Customer,
    CustomerIdentity,
    Message,
    Order,
    OrderItem,
    ReturnCase,
    ReturnEvent,
    ReturnItem,
    ReturnPhoto,
    Store,
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
from shopdesk.services import audit, returns
from shopdesk.services.conversations import customer_language, preview
from shopdesk.services.inbox import check_images, queue_reply
from shopdesk.services.numbering import return_number
from shopdesk.services.permissions import (
    Action,
    PermissionDenied,
    denial,
    refund_limit,
    require,
)
from shopdesk.services.records import existing
from shopdesk.services.rules import StoreRules, of_store
from shopdesk.textfold import fold
from shopdesk.times import as_utc, utcnow

S = ReturnState
R = ReturnReason

# Reasons where the shop is at fault: the shop pays the return shipping and, when the whole
# order comes back, refunds the original shipping too. For the others the buyer pays.
SHOP_AT_FAULT = frozenset({R.QUALITY_ISSUE, R.WRONG_ITEM, R.MISSING_ITEM, R.DAMAGED_IN_TRANSIT,
                           R.NOT_AS_DESCRIBED, R.LATE_DELIVERY})
NOT_DELIVERED = frozenset({OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.SHIPPED})
MAX_PHOTOS = 9


def case_number(case_id: int) -> str:
    return return_number(case_id)


def shipping_payer(reason: ReturnReason) -> str:
    """Who pays the return shipping for ``reason``: ``"shop"`` or ``"buyer"``."""
    return "shop" if ReturnReason(reason) in SHOP_AT_FAULT else "buyer"


# -- what an order allows ----------------------------------------------------------------------

@dataclass(frozen=True)
class ItemLine:
    sku: str
    title: str
    unit_price_minor: int
    bought: int
    returned: int  # claimed by other cases that are still going or finished with goods back

    @property
    def available(self) -> int:
        return max(0, self.bought - self.returned)


@dataclass(frozen=True)
class Window:
    """The no-reason return window of an order."""

    days: int
    ends_at: datetime | None  # None: not delivered yet, or the delivery time is unknown
    inside: bool | None


@dataclass(frozen=True)
class OrderFacts:
    order_id: int
    order_no: str
    store_id: int
    store_name: str
    store_colour: str | None
    customer_id: int
    customer_name: str
    currency: str
    status: OrderStatus
    placed_at: datetime
    delivered_at: datetime | None
    total_minor: int
    shipping_minor: int
    refunded_minor: int
    items: list[ItemLine]
    window: Window

    @property
    def refundable_minor(self) -> int:
        """What may still be refunded: paid minus refunded."""
        return max(0, self.total_minor - self.refunded_minor)


def claimed_quantities(session: Session, order_id: int,
                       exclude_case: int | None = None) -> Counter[str]:
    """Per SKU, the quantities the order's other cases claim (see ``returns.claims_items``)."""
    q = (select(ReturnCase.id, ReturnEvent.state)
         .join(ReturnEvent, ReturnEvent.case_id == ReturnCase.id)
         .where(ReturnCase.order_id == order_id)
         .order_by(ReturnCase.id, ReturnEvent.at, ReturnEvent.id))
    if exclude_case is not None:
        q = q.where(ReturnCase.id != exclude_case)
    history: dict[int, list[ReturnState]] = defaultdict(list)
    for case_id, state in session.execute(q):
        history[case_id].append(state)
    claiming = [cid for cid, states in history.items() if returns.claims_items(states)]
    claimed: Counter[str] = Counter()
    if claiming:
        for sku, qty in session.execute(select(ReturnItem.sku, ReturnItem.qty)
                                        .where(ReturnItem.case_id.in_(claiming))):
            claimed[sku] += qty
    return claimed


def return_window(order: Order, rules: StoreRules, now: datetime | None = None) -> Window:
    days = rules.no_reason_return_days
    if order.delivered_at is None:
        return Window(days, None, None)
    ends = as_utc(order.delivered_at) + timedelta(days=days)
    return Window(days, ends, (now or utcnow()) <= ends)


def order_facts(session: Session, order_id: int, *, exclude_case: int | None = None,
                now: datetime | None = None) -> OrderFacts:
    order = existing(session, Order, order_id, "order")
    store = order.store
    claimed = claimed_quantities(session, order.id, exclude_case)
    lines: dict[str, ItemLine] = {}
    for item in order.items:  # one line per SKU; a SKU listed twice adds up
        old = lines.get(item.sku)
        lines[item.sku] = ItemLine(item.sku, item.title, item.unit_price_minor,
                                   item.qty + (old.bought if old else 0), claimed[item.sku])
    return OrderFacts(
        order_id=order.id, order_no=order.order_no, store_id=store.id, store_name=store.name,
        store_colour=store.colour, customer_id=order.customer_id,
        customer_name=order.customer.name, currency=order.currency,
        status=OrderStatus(order.status), placed_at=order.placed_at,
        delivered_at=order.delivered_at, total_minor=order.total_minor,
        shipping_minor=order.shipping_minor,
        refunded_minor=returns.refunded_for_order(session, order.id),
        items=list(lines.values()), window=return_window(order, of_store(store), now))


@dataclass(frozen=True)
class OrderHit:
    order_id: int
    order_no: str
    store_name: str
    customer_name: str
    placed_at: datetime
    currency: str
    total_minor: int
    titles: str


def find_orders(session: Session, query: str, *, customer_id: int | None = None,
                store_id: int | None = None, limit: int = 50) -> list[OrderHit]:
    """Orders by order number, customer name or handle, or product title or SKU; newest first.
    With ``customer_id`` (and ``store_id``) and no query: that customer's orders."""
    text = query.strip()
    q = (select(Order.id, Order.order_no, Store.name, Customer.name, Order.placed_at,
                Order.currency, Order.total_minor)
         .join(Store, Store.id == Order.store_id)
         .join(Customer, Customer.id == Order.customer_id)
         .where(Order.status != OrderStatus.UNPAID))
    if customer_id is not None:
        q = q.where(Order.customer_id == customer_id)
    if store_id is not None:
        q = q.where(Order.store_id == store_id)
    if text:
        folded = f"%{fold(text)}%"
        like = f"%{text}%"
        q = q.where(or_(
            Order.order_no.like(like),
            Order.order_no.like(f"%{text.lstrip('#')}%"),
            Customer.name.ilike(like),
            Order.id.in_(select(OrderItem.order_id).where(or_(
                OrderItem.title.ilike(like), OrderItem.sku.ilike(like)))),
            Customer.id.in_(_customers_by_handle(folded)),
        ))
    elif customer_id is None:
        return []
    rows = session.execute(q.order_by(Order.placed_at.desc(), Order.id.desc()).limit(limit)).all()
    titles: dict[int, list[str]] = defaultdict(list)
    if rows:
        for oid, title in session.execute(
                select(OrderItem.order_id, OrderItem.title)
                .where(OrderItem.order_id.in_([r[0] for r in rows])).order_by(OrderItem.id)):
            titles[oid].append(title)
    return [OrderHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], ", ".join(titles[r[0]]))
            for r in rows]


def _customers_by_handle(folded_like: str):  # type: ignore[no-untyped-def]
    return select(CustomerIdentity.customer_id).where(
        CustomerIdentity.handle.ilike(folded_like))


# -- amounts -----------------------------------------------------------------------------------

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


# -- starting a case ---------------------------------------------------------------------------

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


def check_photos(photos: Sequence[tuple[str, str, bytes]]) -> None:
    check_images(photos, MAX_PHOTOS)


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


# -- customer message templates ----------------------------------------------------------------

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


# -- the next steps ----------------------------------------------------------------------------

class StepField(StrEnum):
    AMOUNT = "amount"
    TRACKING = "tracking"
    NOTE = "note"


NEEDS: dict[str, tuple[StepField, ...]] = {
    "approve": (StepField.AMOUNT, StepField.NOTE),
    "reject": (StepField.NOTE,),
    "cancel": (StepField.NOTE,),
    "await_return": (StepField.NOTE,),
    "record_tracking": (StepField.TRACKING, StepField.NOTE),
    "mark_received": (StepField.NOTE,),
    "refund": (StepField.AMOUNT, StepField.NOTE),
    "ship_exchange": (StepField.TRACKING, StepField.NOTE),
    "close": (StepField.NOTE,),
    "appeal": (StepField.NOTE,),
}
NOTE_REQUIRED = frozenset({"reject", "cancel"})
MONEY_STEPS = frozenset({"approve", "refund"})


def moves_money(kind: ReturnKind, action: str) -> bool:
    """Approving or paying a refund needs the refund right (and limit); an exchange pays
    nothing back."""
    return action in MONEY_STEPS and ReturnKind(kind) != ReturnKind.EXCHANGE


@dataclass(frozen=True)
class Step:
    action: str
    target: ReturnState
    needs: tuple[StepField, ...]
    blocked: str | None  # why this agent cannot take the step, or None
    over_limit: bool = False  # blocked only by the agent's refund limit: the owner can


def steps(case: ReturnCase, agent: Agent | None) -> list[Step]:
    """The next steps the state machine allows for ``case``, each with whether ``agent`` may
    take it (and why not)."""
    out = []
    for t in returns.next_transitions(case.state, case.kind):
        why = denial(agent, Action.HANDLE_CASES)
        over_limit = False
        if why is None and moves_money(case.kind, t.action):
            amount = case.requested_minor if t.action == "approve" else case.approved_minor
            why = denial(agent, Action.APPROVE_REFUND, amount_minor=amount,
                         currency=case.currency)
            over_limit = why is not None and denial(agent, Action.APPROVE_REFUND) is None
        out.append(Step(t.action, t.target, NEEDS.get(t.action, ()), why, over_limit))
    return out


@dataclass
class StepInput:
    action: str
    amount_minor: int | None = None
    carrier: str = ""
    tracking_no: str = ""
    note: str = ""
    photos: list[tuple[str, str, bytes]] = field(default_factory=list)
    customer_message: str = ""  # queued into the case's conversation when not empty


def take_step(session: Session, agent: Agent, case_id: int, expected_version: int,
              step: StepInput, now: datetime | None = None) -> ReturnCase:
    """Take ``step`` on the case as read at ``expected_version``.

    A case changed since (by another agent on another PC) is refused with who changed it
    and when; the version column refuses the race that slips between read and write. A
    refund is recorded once, and an order's refunds never exceed what was paid."""
    require(agent, Action.HANDLE_CASES)
    # Lock the order first (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers),
    # so two cases of one order cannot both pass the "never more than paid" check.
    order_id = session.scalar(select(ReturnCase.order_id).where(ReturnCase.id == case_id))
    if order_id is None:
        raise ShopDeskError("This return case no longer exists.")
    session.execute(select(Order.id).where(Order.id == order_id).with_for_update())
    case = session.scalars(select(ReturnCase).where(ReturnCase.id == case_id)
                           .with_for_update()
                           .execution_options(populate_existing=True)).one()
    if case.version != expected_version:
        raise audit.stale(session, "return_case", case.id, "case")
    transition = _checked_step(agent, case, step)
    note, amount = step.note.strip(), _step_amount(step)
    event = returns.advance(  # checks the state machine and the money rules again
        session, case, transition.target, by_id=agent.id, amount_minor=amount,
        carrier=step.carrier.strip() or None, tracking_no=step.tracking_no.strip() or None,
        note=note or None, at=now)
    if case.assignee_id is None and agent.role != Role.BOOKKEEPER:
        case.assignee_id = agent.id
    try:
        session.flush()
    except OrmStaleDataError:
        raise StaleDataError("This case was changed by someone else a moment ago; reload it."
                             ) from None
    for name, mime, data in step.photos:
        case.photos.append(ReturnPhoto(event_id=event.id, filename=name, mime_type=mime,
                                       size=len(data), data=data))
    if step.customer_message.strip() and case.conversation_id is not None:
        queue_reply(session, agent, case.conversation_id, step.customer_message)
    session.flush()
    return case


def check_step(session: Session, agent: Agent, case_id: int, expected_version: int,
               step: StepInput) -> None:
    """Raise what ``take_step`` would refuse ``step`` with, locking and writing nothing: the
    step dialog asks before it asks to confirm a payment, so that it only asks about an
    amount the shop would pay. ``take_step`` checks it all again when it writes."""
    require(agent, Action.HANDLE_CASES)
    case = session.get(ReturnCase, case_id)
    if case is None:
        raise ShopDeskError("This return case no longer exists.")
    if case.version != expected_version:
        raise audit.stale(session, "return_case", case.id, "case")
    transition = _checked_step(agent, case, step)
    returns.check_advance(session, case, transition.target, _step_amount(step))


def _step_amount(step: StepInput) -> int | None:
    return step.amount_minor if StepField.AMOUNT in NEEDS.get(step.action, ()) else None


def _checked_step(agent: Agent, case: ReturnCase, step: StepInput) -> returns.Transition:
    """The transition of ``step`` once its fields, the agent's right and refund limit and
    its photos pass (the money rules of the state machine are ``returns.check_advance``)."""
    transition = next((t for t in returns.next_transitions(case.state, case.kind)
                       if t.action == step.action), None)
    if transition is None:
        returns.check_transition(case.state, case.kind, _target_of(step.action))
        raise ShopDeskError(f"“{step.action}” is not a step of this case.")  # pragma: no cover
    if step.action in NOTE_REQUIRED and not step.note.strip():
        raise ShopDeskError("Give the reason; the customer will see it.")
    if StepField.TRACKING in NEEDS.get(step.action, ()) and not step.tracking_no.strip():
        raise ShopDeskError("Enter the tracking number.")
    amount = _step_amount(step)
    if moves_money(case.kind, step.action):
        money = amount if amount is not None else (
            case.requested_minor if step.action == "approve" else case.approved_minor)
        try:
            require(agent, Action.APPROVE_REFUND, amount_minor=money, currency=case.currency)
        except PermissionDenied as exc:
            raise PermissionDenied(_limit_message(agent, case, money), exc.action) from None
    check_photos(step.photos)
    return transition


def _target_of(action: str) -> ReturnState:
    return next((t.target for t in returns.TRANSITIONS if t.action == action), S.CLOSED)


def _limit_message(agent: Agent, case: ReturnCase, amount: int | None) -> str:
    if agent.role == Role.BOOKKEEPER:
        return "A bookkeeper sees returns but does not change them."
    limit = format_money(refund_limit(agent, case.currency), case.currency)
    wanted = format_money(amount or 0, case.currency)
    return (f"{wanted} is above your refund limit of {limit}; the case waits for the owner. "
            "Hand it to the owner with “Ask the owner”.")


def ask_owner(session: Session, agent: Agent, case_id: int, expected_version: int) -> ReturnCase:
    """Hand a case above the agent's refund limit to the owner (assign; audited)."""
    require(agent, Action.HANDLE_CASES)
    case = existing(session, ReturnCase, case_id, "return case")
    if case.version != expected_version:
        raise audit.stale(session, "return_case", case.id, "case")
    owner = session.scalars(select(Agent).where(Agent.role == Role.OWNER, Agent.active.is_(True))
                            .order_by(Agent.id).limit(1)).first()
    if owner is None:
        raise ShopDeskError("There is no active owner to approve this case.")
    before = case.assignee_id
    case.assignee_id = owner.id
    session.flush()
    audit.record(session, agent.id, "return.ask_owner", "return_case", case.id,
                 {"assignee": before}, {"assignee": owner.id})
    return case


# -- the board ---------------------------------------------------------------------------------

@dataclass
class BoardFilter:
    store_ids: list[int] = field(default_factory=list)
    kind: ReturnKind | None = None
    reason: ReturnReason | None = None
    agent_id: int | None = None
    overdue_only: bool = False
    finished: bool = False  # include closed and cancelled cases (newest first, capped)


@dataclass(frozen=True)
class BoardRow:
    case_id: int
    number: str
    state: ReturnState
    kind: ReturnKind
    reason: ReturnReason
    store_name: str
    store_colour: str | None
    customer_name: str
    order_no: str
    currency: str
    amount_minor: int
    created_at: datetime
    deadline: datetime | None
    overdue: bool
    assignee: str | None


FINISHED_LIMIT = 2000


def board(session: Session, flt: BoardFilter, now: datetime | None = None) -> list[BoardRow]:
    """Cases for the board: overdue first, then by the next deadline, then newest."""
    now = now or utcnow()
    q = (select(ReturnCase, Store, Customer.name, Order.order_no, Agent.name)
         .join(Store, Store.id == ReturnCase.store_id)
         .join(Customer, Customer.id == ReturnCase.customer_id)
         .join(Order, Order.id == ReturnCase.order_id)
         .outerjoin(Agent, Agent.id == ReturnCase.assignee_id))
    if flt.store_ids:
        q = q.where(ReturnCase.store_id.in_(flt.store_ids))
    if flt.kind is not None:
        q = q.where(ReturnCase.kind == flt.kind)
    if flt.reason is not None:
        q = q.where(ReturnCase.reason == flt.reason)
    if flt.agent_id is not None:
        q = q.where(ReturnCase.assignee_id == flt.agent_id)
    if flt.finished:
        q = q.order_by(ReturnCase.updated_at.desc()).limit(FINISHED_LIMIT)
    else:
        q = q.where(ReturnCase.state.not_in(list(returns.TERMINAL)))
    rules: dict[int, StoreRules] = {}
    rows = []
    for case, store, customer, order_no, assignee in session.execute(q):
        r = rules.setdefault(store.id, of_store(store))
        due = returns.next_deadline(case, r)
        overdue = due is not None and as_utc(due) < now
        if flt.overdue_only and not overdue:
            continue
        amount = (case.refunded_minor or case.approved_minor or case.requested_minor)
        rows.append(BoardRow(case.id, case_number(case.id), case.state, case.kind, case.reason,
                             store.name, store.colour, customer, order_no, case.currency,
                             amount, case.created_at, due, overdue, assignee))
    far = datetime.max.replace(tzinfo=now.tzinfo)
    rows.sort(key=lambda r: (not r.overdue, as_utc(r.deadline) if r.deadline else far,
                             -r.case_id))
    return rows


# -- one case ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    state: ReturnState
    by: str | None
    amount_minor: int | None
    carrier: str | None
    tracking_no: str | None
    note: str | None
    photo_ids: list[int]


@dataclass(frozen=True)
class CaseView:
    case_id: int
    number: str
    version: int
    state: ReturnState
    kind: ReturnKind
    reason: ReturnReason
    reason_text: str | None
    replacement: str | None
    store_name: str
    customer_id: int
    customer_name: str
    order_id: int
    order_no: str
    conversation_id: int | None
    currency: str
    requested_minor: int
    approved_minor: int | None
    refunded_minor: int | None
    items: list[tuple[str, str, int]]  # sku, title, qty
    assignee: str | None
    deadline: datetime | None
    overdue: bool
    shipping_payer: str
    timeline: list[TimelineEntry]


def case_view(session: Session, case_id: int, now: datetime | None = None) -> CaseView:
    case = existing(session, ReturnCase, case_id, "return case")
    now = now or utcnow()
    due = returns.next_deadline(case, of_store(case.store))
    titles = {i.sku: i.title for i in case.order.items}
    photos: dict[int | None, list[int]] = defaultdict(list)
    for pid, eid in session.execute(select(ReturnPhoto.id, ReturnPhoto.event_id)
                                    .where(ReturnPhoto.case_id == case.id)
                                    .order_by(ReturnPhoto.id)):
        photos[eid].append(pid)
    timeline = [TimelineEntry(e.at, e.state, e.by.name if e.by else None, e.amount_minor,
                              e.carrier, e.tracking_no, e.note, photos.get(e.id, []))
                for e in case.events]
    if photos.get(None) and timeline:  # photos whose event is gone stay with the first step
        timeline[0].photo_ids.extend(photos[None])
    return CaseView(
        case.id, case_number(case.id), case.version, case.state, case.kind, case.reason,
        case.reason_text, case.replacement, case.store.name, case.customer_id,
        case.customer.name, case.order_id, case.order.order_no, case.conversation_id,
        case.currency, case.requested_minor, case.approved_minor, case.refunded_minor,
        [(i.sku, titles.get(i.sku, i.sku), i.qty) for i in case.items],
        case.assignee.name if case.assignee else None, due,
        due is not None and as_utc(due) < now, shipping_payer(case.reason), timeline)


def photo_data(session: Session, photo_id: int) -> tuple[str, str, bytes]:
    photo = existing(session, ReturnPhoto, photo_id, "photo")
    return photo.filename, photo.mime_type, photo.data


def cases_of_customer(session: Session, customer_id: int) -> list[tuple[int, str, ReturnState]]:
    return [(cid, case_number(cid), state) for cid, state in session.execute(
        select(ReturnCase.id, ReturnCase.state).where(ReturnCase.customer_id == customer_id)
        .order_by(ReturnCase.created_at.desc()))]



# -- refunds for the ledger and the reports ----------------------------------------------------

@dataclass(frozen=True)
class Refund:
    at: datetime
    case_id: int
    store: str
    order_no: str
    customer: str
    reason: ReturnReason
    amount_minor: int
    currency: str
    by_id: int | None


def refunds_between(session: Session, start: datetime, end: datetime,
                    store_ids: Sequence[int] = (), agent_ids: Sequence[int] = ()
                    ) -> list[Refund]:
    """Every refund recorded in [start, end), oldest first: the ledger's rows and the
    Reports page's figures."""
    q = (select(ReturnEvent.at, ReturnEvent.amount_minor, ReturnCase.id,
                ReturnCase.refunded_minor, ReturnCase.reason, ReturnCase.currency, Store.name,
                Order.order_no, Customer.name, ReturnEvent.by_id)
         .join(ReturnCase, ReturnCase.id == ReturnEvent.case_id)
         .join(Store, Store.id == ReturnCase.store_id)
         .join(Order, Order.id == ReturnCase.order_id)
         .join(Customer, Customer.id == ReturnCase.customer_id)
         .where(ReturnEvent.state == S.REFUNDED, ReturnEvent.at >= start, ReturnEvent.at < end)
         .order_by(ReturnEvent.at, ReturnEvent.id))
    if store_ids:
        q = q.where(ReturnCase.store_id.in_(list(store_ids)))
    if agent_ids:
        q = q.where(ReturnEvent.by_id.in_(list(agent_ids)))
    # A refund event without an amount refunded what the case had approved: the case's
    # refunded amount (a case is refunded once).
    return [Refund(at, cid, store, order_no, customer, ReturnReason(reason),
                   amount if amount is not None else refunded, currency, by)
            for at, amount, cid, refunded, reason, currency, store, order_no, customer, by
            in session.execute(q)]
