"""Model invariants enforced by the database itself, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm.exc import StaleDataError

from shopdesk.models import Conversation, Order, SurveyResponse
from shopdesk.models.enums import ConversationStatus
from tests import factories as f


def test_order_number_is_unique_per_store_not_across_stores(db) -> None:
    with db.transaction() as s:
        a, b, c = f.store("a"), f.store("b"), f.customer()
        s.add_all([f.order(a, c), f.order(b, c)])  # same order_no in two stores: fine
    with pytest.raises(IntegrityError), db.transaction() as s:
        first = s.scalar(select(Order).order_by(Order.id).limit(1))
        s.add(f.order(first.store, first.customer))  # same store, same order_no


def test_money_columns_refuse_negative_amounts(db) -> None:
    with pytest.raises(IntegrityError), db.transaction() as s:
        s.add(f.order(f.store(), f.customer(), total=-1))


def test_return_amount_invariants(db) -> None:
    with db.transaction() as s:
        o = f.order(f.store(), f.customer())
        s.add(o)
    for approved, refunded in ((7000, None), (6400, 6500), (None, 100)):
        with pytest.raises(IntegrityError), db.transaction() as s:
            case = f.return_case(s.scalar(select(Order)))
            case.approved_minor = approved
            case.refunded_minor = refunded
            s.add(case)


def test_enum_columns_refuse_unknown_values(db) -> None:
    with pytest.raises((StatementError, LookupError, ValueError)), db.transaction() as s:
        c = Conversation(store=f.store(), customer=f.customer(), status="archived")
        s.add(c)


def test_survey_score_range(db) -> None:
    with db.transaction() as s:
        conv = Conversation(store=f.store(), customer=f.customer())
        s.add(conv)
    with pytest.raises(IntegrityError), db.transaction() as s:
        s.add(SurveyResponse(conversation_id=conv.id, score=6, answered_at=f.T0))


def test_conversation_version_refuses_a_stale_save(db) -> None:
    with db.transaction() as s:
        conv = Conversation(store=f.store(), customer=f.customer())
        s.add(conv)
    # Two agents read the conversation (short read transactions, as the UI does) ...
    with db.read_session() as s:
        mine = s.get(Conversation, conv.id)
    with db.read_session() as s:
        theirs = s.get(Conversation, conv.id)
    # ... the first saves ...
    mine.status = ConversationStatus.CLOSED
    with db.transaction() as s:
        s.merge(mine)
    # ... and the second's save, based on what it read before, is refused.
    theirs.status = ConversationStatus.PENDING
    with pytest.raises(StaleDataError), db.transaction() as s:
        s.merge(theirs)
    with db.read_session() as s:
        assert s.get(Conversation, conv.id).status == ConversationStatus.CLOSED
