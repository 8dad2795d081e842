"""Return cases as agents work them, on SQLite and PostgreSQL: what an order still allows,
the amounts, starting a case, each next step with its role limits, deadlines and the board,
and two agents on one case."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shopdesk.errors import MoneyError, ShopDeskError, StaleDataError, TransitionError
from shopdesk.models import (
    Agent,
    AuditEvent,
    Conversation,
    Message,
    Order,
    OrderItem,
    ReturnCase,
    ReturnPhoto,
)
from shopdesk.models.enums import (
    ConversationStatus,
    Direction,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Role,
    SendState,
)
from shopdesk.services import agents as agent_svc
from shopdesk.services import (
    return_board,
    return_case_view,
    return_cases,
    return_messages,
    return_opening,
    return_orders,
    return_steps,
    rules,
)
from shopdesk.services.conversations import customer_language
from shopdesk.services.permissions import PermissionDenied
from tests import factories as f

K, R, S = ReturnKind, ReturnReason, ReturnState
NOW = f.T0 + timedelta(days=3)
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


@pytest.fixture
def shop(db):
    """An order of 2 cups (¥64.00 each) + 1 teapot (¥199.00) + ¥10.00 shipping = ¥337.00,
    delivered a day after it was placed, with a conversation."""
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Wang", Role.AGENT, refund_limits={"CNY": 10000}))
        emma = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Emma", Role.AGENT, refund_limits={"CNY": 100000}))
        books = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Lin", Role.BOOKKEEPER))
        st, cu = f.store(), f.customer()
        o = Order(store=st, customer=cu, order_no="2041586613212345678", placed_at=f.T0,
                  delivered_at=f.T0 + timedelta(days=1), status="delivered", currency="CNY",
                  total_minor=33700, shipping_minor=1000)
        o.items += [OrderItem(sku="CUP", title="杯子", qty=2, unit_price_minor=6400),
                    OrderItem(sku="POT", title="茶壶 Teapot", qty=1, unit_price_minor=19900)]
        conv = Conversation(store=st, customer=cu, status=ConversationStatus.OPEN,
                            last_message_at=f.T0, last_direction=Direction.IN)
        s.add_all([o, conv])
        s.flush()
        s.add(Message(conversation_id=conv.id, store_id=st.id, at=f.T0,
                      direction=Direction.IN, text="杯子碎了"))
        return {"owner": owner.id, "wang": wang.id, "emma": emma.id, "books": books.id,
                "order": o.id, "conv": conv.id}


def agent(s, shop, who: str) -> Agent:
    return s.get(Agent, shop[who])


def new_case(shop, **kw) -> return_opening.NewCase:
    base = {"order_id": shop["order"], "quantities": {"CUP": 1}, "kind": K.RETURN_REFUND,
            "reason": R.QUALITY_ISSUE, "amount_minor": 6400, "conversation_id": shop["conv"]}
    return return_opening.NewCase(**{**base, **kw})


def start(db, shop, who="wang", **kw) -> tuple[int, int]:
    with db.transaction() as s:
        case = return_opening.create_case(s, agent(s, shop, who), new_case(shop, **kw), now=NOW)
        return case.id, case.version


def step(db, shop, case_id, action, who="wang", version=None, **kw) -> ReturnCase:
    with db.transaction() as s:
        if version is None:
            version = s.get(ReturnCase, case_id).version
        case = return_steps.take_step(s, agent(s, shop, who), case_id, version,
                                      return_steps.StepInput(action, **kw), now=NOW)
        return case.state


# -- what an order allows ------------------------------------------------------------------------

def test_order_facts_window_and_returnable_quantities(db, shop) -> None:
    with db.read_session() as s:
        facts = return_orders.order_facts(s, shop["order"], now=NOW)
        assert [(i.sku, i.bought, i.available) for i in facts.items] == [("CUP", 2, 2),
                                                                         ("POT", 1, 1)]
        assert facts.refundable_minor == 33700
        assert facts.window.inside is True and facts.window.days == 7
        late = return_orders.order_facts(s, shop["order"], now=f.T0 + timedelta(days=8, minutes=1))
        assert late.window.inside is False
    start(db, shop, quantities={"CUP": 2})
    with db.read_session() as s:
        facts = return_orders.order_facts(s, shop["order"], now=NOW)
        assert [(i.sku, i.returned, i.available) for i in facts.items] == [("CUP", 2, 0),
                                                                           ("POT", 0, 1)]


def test_a_cancelled_or_rejected_case_gives_its_items_back(db, shop) -> None:
    case_id, _ = start(db, shop, quantities={"CUP": 2}, amount_minor=12800)
    step(db, shop, case_id, "reject", note="Photos show no damage")
    with db.read_session() as s:
        assert return_orders.order_facts(s, shop["order"]).items[0].available == 2
    step(db, shop, case_id, "appeal")  # back to requested: claims them again
    with db.read_session() as s:
        assert return_orders.order_facts(s, shop["order"]).items[0].available == 0


def test_no_window_without_a_delivery_time(db, shop) -> None:
    with db.transaction() as s:
        s.get(Order, shop["order"]).delivered_at = None
    with db.read_session() as s:
        window = return_orders.order_facts(s, shop["order"]).window
        assert window.inside is None and window.ends_at is None


def test_find_orders_by_number_customer_and_product(db, shop) -> None:
    with db.read_session() as s:
        assert [h.order_id for h in return_orders.find_orders(s, "661321")] == [shop["order"]]
        assert [h.order_id for h in return_orders.find_orders(s, "王")] == [shop["order"]]
        assert [h.order_id for h in return_orders.find_orders(s, "teapot")] == [shop["order"]]
        assert return_orders.find_orders(s, "nothing like this") == []
        assert return_orders.find_orders(s, "") == []
        cid = s.get(Order, shop["order"]).customer_id
        assert [h.order_id for h in return_orders.find_orders(
            s, "", customer_id=cid)] == [shop["order"]]


# -- amounts -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("quantities", "reason", "expected"), [
    ({"CUP": 1}, R.QUALITY_ISSUE, 6400),
    ({"CUP": 2, "POT": 1}, R.QUALITY_ISSUE, 33700),   # all back, shop at fault: + shipping
    ({"CUP": 2, "POT": 1}, R.CHANGED_MIND, 32700),    # buyer's choice: no shipping back
    ({"CUP": 2, "POT": 1}, R.NO_REASON_7_DAYS, 32700),
    ({"POT": 1}, R.WRONG_ITEM, 19900),
])
def test_suggested_amount(db, shop, quantities, reason, expected) -> None:
    with db.read_session() as s:
        facts = return_orders.order_facts(s, shop["order"])
        assert return_opening.suggest_amount(facts, quantities, K.RETURN_REFUND, reason) == expected


def test_shipping_payer() -> None:
    assert return_cases.shipping_payer(R.DAMAGED_IN_TRANSIT) == "shop"
    assert return_cases.shipping_payer(R.SIZE_OR_FIT) == "buyer"
    assert return_cases.shipping_payer(R.NO_REASON_7_DAYS) == "buyer"


def test_amount_never_more_than_paid_minus_refunded(db, shop) -> None:
    case_id, _ = start(db, shop, kind=K.REFUND_ONLY, quantities={"POT": 1}, amount_minor=19900)
    step(db, shop, case_id, "approve", who="emma", amount_minor=19900)
    step(db, shop, case_id, "refund", who="emma")
    with db.read_session() as s:
        facts = return_orders.order_facts(s, shop["order"])
        assert facts.refundable_minor == 33700 - 19900
        with pytest.raises(MoneyError, match="At most ¥138.00 can be refunded"):
            return_opening.check_amount(facts, 13801)
        assert return_opening.check_amount(facts, 13800) == 13800
        with pytest.raises(MoneyError, match="more than zero"):
            return_opening.check_amount(facts, 0)
    with pytest.raises(MoneyError, match="already been refunded"):
        start(db, shop, quantities={"CUP": 2}, amount_minor=13801)


# -- starting a case -----------------------------------------------------------------------------

def test_create_case_writes_event_photos_audit_and_conversation(db, shop) -> None:
    case_id, version = start(db, shop, reason_text="碎了一个", photos=[("a.png", "image/png", PNG)],
                             customer_message="亲，已为您登记退货", lang="zh_CN")
    with db.read_session() as s:
        case = s.get(ReturnCase, case_id)
        assert (case.state, case.requested_minor, case.assignee_id) == (S.REQUESTED, 6400,
                                                                         shop["wang"])
        assert [(i.sku, i.qty) for i in case.items] == [("CUP", 1)]
        assert [(e.state, e.amount_minor, e.note) for e in case.events] == [
            (S.REQUESTED, 6400, "碎了一个")]
        assert s.scalar(select(func.count()).select_from(ReturnPhoto)) == 1
        texts = s.execute(select(Message.direction, Message.text, Message.send_state)
                          .where(Message.conversation_id == shop["conv"])
                          .order_by(Message.id)).all()
        assert texts[1] == (Direction.SYSTEM, f"已创建售后单 R-{case_id}：退货退款，¥64.00", None)
        assert texts[2] == (Direction.OUT, "亲，已为您登记退货", SendState.QUEUED)
        assert s.scalar(select(AuditEvent.action).where(
            AuditEvent.entity == "return_case", AuditEvent.entity_id == case_id)) == \
            "return.requested"


@pytest.mark.parametrize(("change", "message"), [
    ({"quantities": {}}, "at least one item"),
    ({"quantities": {"CUP": 3}}, "3 is more than can still be returned"),
    ({"quantities": {"LAMP": 1}}, "LAMP is not in order"),
    ({"amount_minor": 33701}, "At most"),
    ({"amount_minor": -5}, "more than zero"),
    ({"kind": K.EXCHANGE}, "replacement"),
    ({"reason": R.OTHER}, "Describe the reason"),
    ({"photos": [("a.txt", "text/plain", b"x")]}, "not an image"),
])
def test_create_case_refuses_bad_input_and_writes_nothing(db, shop, change, message) -> None:
    with pytest.raises(ShopDeskError, match=message):
        start(db, shop, **change)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(ReturnCase)) == 0
        assert s.scalar(select(func.count()).select_from(Message)) == 1


def test_no_reason_return_only_inside_the_window(db, shop) -> None:
    with db.transaction() as s:
        s.get(Order, shop["order"]).delivered_at = f.T0 - timedelta(days=30)
    with pytest.raises(ShopDeskError, match="outside the 7-day no-reason window"):
        start(db, shop, reason=R.NO_REASON_7_DAYS)
    with db.transaction() as s:
        s.get(Order, shop["order"]).store.settings = {"no_reason_return_days": 40}
    start(db, shop, reason=R.NO_REASON_7_DAYS)


def test_bookkeeper_cannot_start_or_work_a_case(db, shop) -> None:
    with pytest.raises(PermissionDenied, match="bookkeeper"):
        start(db, shop, who="books")
    case_id, _ = start(db, shop)
    with pytest.raises(PermissionDenied):
        step(db, shop, case_id, "cancel", who="books", note="x")
    with db.read_session() as s:
        steps = return_steps.steps(s.get(ReturnCase, case_id), agent(s, shop, "books"))
        assert steps and all(st.blocked for st in steps)


# -- the steps -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "path"), [
    (K.REFUND_ONLY, [("approve", {}), ("refund", {}), ("close", {})]),
    (K.RETURN_REFUND, [("approve", {}), ("await_return", {}),
                       ("record_tracking", {"carrier": "SF", "tracking_no": "SF123"}),
                       ("mark_received", {}), ("refund", {}), ("close", {})]),
    (K.EXCHANGE, [("approve", {}), ("await_return", {}),
                  ("record_tracking", {"tracking_no": "YT9"}), ("mark_received", {}),
                  ("ship_exchange", {"carrier": "SF", "tracking_no": "SF77"}), ("close", {})]),
])
def test_each_kind_from_request_to_closed(db, shop, kind, path) -> None:
    case_id, _ = start(db, shop, kind=kind, replacement="杯子 蓝色")
    for action, extra in path:
        with db.read_session() as s:
            offered = [st.action for st in return_steps.steps(s.get(ReturnCase, case_id),
                                                      agent(s, shop, "wang"))]
        assert action in offered
        step(db, shop, case_id, action, **extra)
    with db.read_session() as s:
        view = return_case_view.case_view(s, case_id)
        assert view.state == S.CLOSED
        assert [e.state for e in view.timeline][-1] == S.CLOSED
        assert view.refunded_minor == (None if kind == K.EXCHANGE else 6400)
        assert return_steps.steps(s.get(ReturnCase, case_id), agent(s, shop, "wang")) == []


def test_only_the_steps_the_state_machine_allows(db, shop) -> None:
    case_id, _ = start(db, shop, kind=K.REFUND_ONLY)
    with pytest.raises(TransitionError, match="allowed next"):
        step(db, shop, case_id, "mark_received")
    with pytest.raises(ShopDeskError, match="reason"):
        step(db, shop, case_id, "reject")  # a rejection says why
    step(db, shop, case_id, "approve", amount_minor=5000)
    with pytest.raises(MoneyError, match="more than the approved"):
        step(db, shop, case_id, "refund", amount_minor=5001)
    step(db, shop, case_id, "refund")
    with db.read_session() as s:
        assert s.get(ReturnCase, case_id).refunded_minor == 5000


def test_an_approval_of_10_to_the_30_is_refused_for_what_it_is(db, shop) -> None:
    """It raised decimal.InvalidOperation: the refusal could not print the amount."""
    case_id, _ = start(db, shop, who="owner", kind=K.REFUND_ONLY)
    with pytest.raises(MoneyError, match=r"^approved 1(0{28})\.00 is more than the requested "
                       r"64\.00 CNY$"):
        step(db, shop, case_id, "approve", who="owner", amount_minor=10**30)
    with db.read_session() as s:
        assert s.get(ReturnCase, case_id).state == S.REQUESTED


def test_tracking_step_needs_a_tracking_number(db, shop) -> None:
    case_id, _ = start(db, shop)
    step(db, shop, case_id, "approve")
    step(db, shop, case_id, "await_return")
    with pytest.raises(ShopDeskError, match="tracking number"):
        step(db, shop, case_id, "record_tracking", tracking_no="  ")


def test_agent_refund_limit_and_asking_the_owner(db, shop) -> None:
    case_id, _ = start(db, shop, kind=K.REFUND_ONLY, quantities={"POT": 1}, amount_minor=19900)
    with db.read_session() as s:
        approve = return_steps.steps(s.get(ReturnCase, case_id), agent(s, shop, "wang"))[0]
        assert approve.action == "approve" and "refund limit" in approve.blocked
    with pytest.raises(PermissionDenied, match="above your refund limit of ¥100.00"):
        step(db, shop, case_id, "approve")
    step(db, shop, case_id, "approve", amount_minor=9000)  # a partial approval within the limit
    with db.transaction() as s:
        case = s.get(ReturnCase, case_id)
        return_steps.ask_owner(s, agent(s, shop, "wang"), case_id, case.version)
    with db.read_session() as s:
        assert s.get(ReturnCase, case_id).assignee_id == shop["owner"]
    step(db, shop, case_id, "refund", who="owner")
    with db.read_session() as s:
        assert s.get(ReturnCase, case_id).refunded_minor == 9000


def test_a_refund_limit_in_yuan_allows_no_dollars(db, shop) -> None:
    """The order is in dollars: Wang's ¥100.00 limit does not let him approve $10.00; a
    dollar limit does."""
    with db.transaction() as s:
        order = s.get(Order, shop["order"])
        order.currency = order.store.currency = "USD"
    case_id, _ = start(db, shop, kind=K.REFUND_ONLY, quantities={"POT": 1}, amount_minor=1000)
    with db.read_session() as s:
        approve = return_steps.steps(s.get(ReturnCase, case_id), agent(s, shop, "wang"))[0]
        assert approve.over_limit and "refund limit" in approve.blocked
    with pytest.raises(PermissionDenied, match=r"\$10.00 is above your refund limit of \$0.00"):
        step(db, shop, case_id, "approve")
    with db.transaction() as s:
        agent(s, shop, "wang").refund_limits = {"CNY": 10000, "USD": 1500}
    assert step(db, shop, case_id, "approve") == S.APPROVED


def test_exchange_approval_is_not_a_refund(db, shop) -> None:
    case_id, _ = start(db, shop, kind=K.EXCHANGE, quantities={"POT": 1}, amount_minor=19900,
                       replacement="茶壶 大号")
    step(db, shop, case_id, "approve")  # above Wang's ¥100 limit, but no money goes back
    with db.read_session() as s:
        assert s.get(ReturnCase, case_id).state == S.APPROVED


# -- deadlines and the board ---------------------------------------------------------------------

def test_board_deadlines_overdue_first_and_filters(db, shop) -> None:
    fresh, _ = start(db, shop)
    with db.transaction() as s:
        st = s.get(Order, shop["order"]).store
        o2 = f.order(st, s.get(Order, shop["order"]).customer, order_no="X2")
        s.add(o2)
        s.flush()
        old = return_opening.create_case(s, agent(s, shop, "emma"), return_opening.NewCase(
            o2.id, {"SKU-1": 1}, K.REFUND_ONLY, R.CHANGED_MIND, 6400), now=NOW)
        old.updated_at = NOW - timedelta(hours=49)  # requested 49 h ago: past the 48 h
        old_id = old.id
    with db.read_session() as s:
        rows = return_board.board(s, return_board.BoardFilter(), now=NOW)
        assert [r.case_id for r in rows] == [old_id, fresh]
        assert rows[0].overdue and not rows[1].overdue
        assert rows[1].deadline == NOW + timedelta(hours=48)
        assert [r.case_id for r in return_board.board(
            s, return_board.BoardFilter(overdue_only=True), now=NOW)] == [old_id]
        assert [r.case_id for r in return_board.board(
            s, return_board.BoardFilter(kind=K.REFUND_ONLY), now=NOW)] == [old_id]
        assert [r.case_id for r in return_board.board(
            s, return_board.BoardFilter(agent_id=shop["wang"]), now=NOW)] == [fresh]
        assert [r.case_id for r in return_board.board(
            s, return_board.BoardFilter(reason=R.QUALITY_ISSUE), now=NOW)] == [fresh]
    step(db, shop, fresh, "cancel", note="buyer changed mind")
    with db.read_session() as s:
        assert [r.case_id for r in return_board.board(
            s, return_board.BoardFilter(), now=NOW)] == [old_id]
        assert fresh in [r.case_id for r in return_board.board(
            s, return_board.BoardFilter(finished=True))]


def test_deadline_follows_the_store_rules(db, shop) -> None:
    case_id, _ = start(db, shop)
    step(db, shop, case_id, "approve")
    with db.transaction() as s:
        s.get(Order, shop["order"]).store.settings = {"ship_back_days": 3}
    with db.read_session() as s:
        assert return_case_view.case_view(s, case_id).deadline == NOW + timedelta(days=3)


def test_customer_message_templates_fill_in_the_case(db, shop) -> None:
    case_id, _ = start(db, shop)
    with db.read_session() as s:
        case = s.get(ReturnCase, case_id)
        assert customer_language(s, shop["conv"]) == "zh_CN"
        text = return_messages.customer_message(s, case, "approve")
        assert "R-" in text and "2041586613212345678" in text and "¥64.00" in text
        english = return_messages.customer_message(s, case, "refund", amount_minor=100, lang="en")
        assert english.startswith("Hello 王芳") and "¥1.00" in english


# -- two agents, one case ------------------------------------------------------------------------

def test_stale_step_is_refused_with_who_and_when(db, shop) -> None:
    case_id, version = start(db, shop)
    step(db, shop, case_id, "approve", who="emma", version=version)
    with pytest.raises(StaleDataError, match=r"changed by Emma at \d\d:\d\d; reload"):
        step(db, shop, case_id, "cancel", who="wang", version=version, note="dup")
    with db.read_session() as s:
        case = s.get(ReturnCase, case_id)
        assert case.state == S.APPROVED and len(case.events) == 2


def test_two_sessions_refund_once(db, shop) -> None:
    """Two agents press Refund on the same case at once: one refund is recorded."""
    case_id, _ = start(db, shop, kind=K.REFUND_ONLY)
    step(db, shop, case_id, "approve")
    with db.read_session() as s:
        version = s.get(ReturnCase, case_id).version
    results: list[object] = []
    barrier = threading.Barrier(2)

    def refund(who: str) -> None:
        barrier.wait()
        try:
            results.append(step(db, shop, case_id, "refund", who=who, version=version))
        except ShopDeskError as exc:
            results.append(exc)

    threads = [threading.Thread(target=refund, args=(w,)) for w in ("wang", "emma")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(type(r).__name__ for r in results) == ["ReturnState", "StaleDataError"]
    with db.read_session() as s:
        case = s.get(ReturnCase, case_id)
        assert case.refunded_minor == 6400
        assert [e.state for e in case.events].count(S.REFUNDED) == 1


def test_two_cases_of_one_order_never_refund_more_than_paid(db, shop) -> None:
    """Two cases, each within the order, together above it: the second refund is refused."""
    a, _ = start(db, shop, kind=K.REFUND_ONLY, quantities={"CUP": 2}, amount_minor=20000)
    b, _ = start(db, shop, kind=K.REFUND_ONLY, quantities={"POT": 1}, amount_minor=19900)
    for case_id in (a, b):
        step(db, shop, case_id, "approve", who="owner")
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def refund(case_id: int) -> None:
        barrier.wait()
        try:
            outcomes.append(step(db, shop, case_id, "refund", who="owner"))
        except ShopDeskError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=refund, args=(c,)) for c in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sum(isinstance(o, MoneyError) for o in outcomes) == 1
    with db.read_session() as s:
        total = s.scalar(select(func.sum(ReturnCase.refunded_minor)))
        assert total <= 33700


# -- store rules ---------------------------------------------------------------------------------

def test_owner_sets_return_rules_per_store(db, shop) -> None:
    with db.transaction() as s:
        store_id = s.get(Order, shop["order"]).store_id
        rules.set_store_rules(s, agent(s, shop, "owner"), store_id,
                             {"no_reason_return_days": 15, "ship_back_days": 10})
    with db.read_session() as s:
        order = s.get(Order, shop["order"])
        assert return_orders.order_facts(s, order.id, now=NOW).window.days == 15
        assert rules.of_store(order.store).ship_back_within == timedelta(days=10)
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.entity == "store")) == \
            "store.rules"
    for bad, message in (({"no_reason_return_days": -1}, "from 0 to 90"),
                         ({"refund_hours": 0}, "from 1 to 720"),
                         ({"colour": 3}, "not a store rule")):
        with pytest.raises(ShopDeskError, match=message), db.transaction() as s:
            rules.set_store_rules(s, agent(s, shop, "owner"), store_id, bad)
    with pytest.raises(PermissionDenied), db.transaction() as s:
        rules.set_store_rules(s, agent(s, shop, "wang"), store_id, {"ship_back_days": 3})
    with db.read_session() as s:
        assert s.get(Order, shop["order"]).store.settings == {
            "no_reason_return_days": 15, "ship_back_days": 10}
        assert rules.rule_values(None)["sla_critical_hours"] == 2


def test_check_step_refuses_what_take_step_would_and_writes_nothing(db, shop) -> None:
    """The step dialog asks ``check_step`` before it confirms a payment: the same refusals as
    ``take_step`` (what was approved, the refund limit, a stale case), nothing written."""
    case_id, _ = start(db, shop, who="owner", kind=K.REFUND_ONLY, quantities={"CUP": 2},
                       amount_minor=12800)
    step(db, shop, case_id, "approve", who="owner", amount_minor=10000)
    with db.read_session() as s:
        version = s.get(ReturnCase, case_id).version
        audits = s.scalar(select(func.count()).select_from(AuditEvent))

    def check(who: str, amount: int, at: int = version) -> None:
        with db.read_session() as s:
            return_steps.check_step(s, agent(s, shop, who), case_id, at,
                                    return_steps.StepInput("refund", amount_minor=amount))

    with pytest.raises(MoneyError, match="more than the approved 100.00 CNY"):
        check("owner", 20000)
    with pytest.raises(PermissionDenied, match="¥100.01 is above your refund limit of ¥100"):
        check("wang", 10001)
    with pytest.raises(StaleDataError):
        check("owner", 10000, at=version - 1)
    check("owner", 10000)  # would be paid: no refusal
    check("wang", 9000)
    with db.read_session() as s:
        case = s.get(ReturnCase, case_id)
        assert (case.state, case.version, case.refunded_minor) == (S.APPROVED, version, None)
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == audits
    with pytest.raises(MoneyError):  # and take_step still refuses on its own
        step(db, shop, case_id, "refund", who="owner", amount_minor=20000)
