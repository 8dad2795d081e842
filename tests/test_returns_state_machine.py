"""The return state machine: every allowed and every refused transition, and the money."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from shopdesk.errors import MoneyError, TransitionError
from shopdesk.models import AuditEvent, Order, ReturnCase, ReturnEvent
from shopdesk.models.enums import ReturnKind, ReturnState
from shopdesk.services import returns as rsm
from tests import factories as f

S, K = ReturnState, ReturnKind

# The table, written out by hand so that a change to TRANSITIONS is caught.
EXPECTED = {
    (S.REQUESTED, S.APPROVED): set(K), (S.REQUESTED, S.REJECTED): set(K),
    (S.REQUESTED, S.CANCELLED): set(K),
    (S.APPROVED, S.REFUNDED): {K.REFUND_ONLY},
    (S.APPROVED, S.AWAITING_RETURN): {K.RETURN_REFUND, K.EXCHANGE},
    (S.APPROVED, S.CANCELLED): set(K),
    (S.AWAITING_RETURN, S.RETURN_SHIPPED): {K.RETURN_REFUND, K.EXCHANGE},
    (S.AWAITING_RETURN, S.CANCELLED): {K.RETURN_REFUND, K.EXCHANGE},
    (S.RETURN_SHIPPED, S.RECEIVED): {K.RETURN_REFUND, K.EXCHANGE},
    (S.RECEIVED, S.REFUNDED): {K.RETURN_REFUND},
    (S.RECEIVED, S.EXCHANGE_SHIPPED): {K.EXCHANGE},
    (S.RECEIVED, S.REJECTED): {K.RETURN_REFUND, K.EXCHANGE},
    (S.REFUNDED, S.CLOSED): set(K), (S.EXCHANGE_SHIPPED, S.CLOSED): {K.EXCHANGE},
    (S.REJECTED, S.REQUESTED): set(K), (S.REJECTED, S.CLOSED): set(K),
}
ALL_PAIRS = [(a, b, k) for a, b in itertools.product(S, S) for k in K]


@pytest.mark.parametrize(("source", "target", "kind"), ALL_PAIRS,
                         ids=[f"{a}-{b}-{k}" for a, b, k in ALL_PAIRS])
def test_transition_table(source: S, target: S, kind: K) -> None:
    allowed = kind in EXPECTED.get((source, target), set())
    if allowed:
        rsm.check_transition(source, kind, target)
        assert target in rsm.next_states(source, kind)
    else:
        with pytest.raises(TransitionError) as err:
            rsm.check_transition(source, kind, target)
        message = str(err.value)
        for state in rsm.next_states(source, kind):
            assert state.value in message  # says which states are allowed next
        assert target not in rsm.next_states(source, kind)


def test_a_case_starts_as_requested() -> None:
    rsm.check_transition(None, K.EXCHANGE, S.REQUESTED)
    with pytest.raises(TransitionError, match="starts as 'requested'"):
        rsm.check_transition(None, K.EXCHANGE, S.APPROVED)


def test_finished_cases_allow_nothing() -> None:
    for kind in K:
        assert rsm.next_states(S.CLOSED, kind) == []
        assert rsm.next_states(S.CANCELLED, kind) == []
    with pytest.raises(TransitionError, match="none"):
        rsm.check_transition(S.CLOSED, K.REFUND_ONLY, S.REQUESTED)


def test_amount_rules() -> None:
    money = rsm.CaseMoney(requested=10000)
    with pytest.raises(MoneyError, match="more than the requested"):
        rsm.apply_amount(money, S.APPROVED, 10001, "CNY")
    rsm.apply_amount(money, S.APPROVED, 8000, "CNY")  # partial approval
    assert money.approved == 8000
    with pytest.raises(MoneyError, match="more than the approved"):
        rsm.apply_amount(money, S.REFUNDED, 8001, "CNY")
    with pytest.raises(MoneyError, match="more than zero"):
        rsm.apply_amount(money, S.REFUNDED, 0, "CNY")
    rsm.apply_amount(money, S.REFUNDED, None, "CNY")  # default: the approved amount
    assert money.refunded == 8000
    with pytest.raises(MoneyError, match="already been refunded"):
        rsm.apply_amount(money, S.REFUNDED, 1, "CNY")


def test_refunds_of_an_order_never_exceed_what_was_paid() -> None:
    rsm.check_order_refunds(12800, [6400, 6400], "CNY")
    with pytest.raises(MoneyError, match="exceed"):
        rsm.check_order_refunds(12800, [6400, 6401], "CNY")


def test_advance_writes_events_and_audit_and_caps_the_order(db) -> None:
    with db.transaction() as s:
        o = f.order(f.store(), f.customer(), total=10000)
        first = f.return_case(o, K.REFUND_ONLY, requested=6000)
        second = f.return_case(o, K.REFUND_ONLY, requested=6000)
        s.add_all([first, second])
    with db.transaction() as s:
        case = s.get(ReturnCase, first.id)
        rsm.advance(s, case, S.APPROVED, by_id=None)
        rsm.advance(s, case, S.REFUNDED, by_id=None)
        other = s.get(ReturnCase, second.id)
        rsm.advance(s, other, S.APPROVED, by_id=None, amount_minor=5000)
    with pytest.raises(MoneyError, match="exceed"), db.transaction() as s:
        rsm.advance(s, s.get(ReturnCase, second.id), S.REFUNDED, by_id=None)
    with db.transaction() as s:
        rsm.advance(s, s.get(ReturnCase, second.id), S.REFUNDED, by_id=None, amount_minor=4000)
    with db.read_session() as s:
        assert rsm.refunded_for_order(s, s.scalar(select(Order.id))) == 10000
        states = s.scalars(select(ReturnEvent.state).order_by(ReturnEvent.id)).all()
        assert states == [S.APPROVED, S.REFUNDED, S.APPROVED, S.REFUNDED]
        assert len(s.scalars(select(AuditEvent)).all()) == 4


def test_claims_items() -> None:
    assert rsm.claims_items([S.REQUESTED])
    assert not rsm.claims_items([S.REQUESTED, S.CANCELLED])
    assert not rsm.claims_items([S.REQUESTED, S.REJECTED])
    assert not rsm.claims_items([S.REQUESTED, S.REJECTED, S.CLOSED])
    assert rsm.claims_items([S.REQUESTED, S.APPROVED, S.REFUNDED, S.CLOSED])
