"""Figures of the whole shop for the window frame (status bar, page headers)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.models import Complaint, Conversation, Customer, ReturnCase, Store
from shopdesk.models.enums import ComplaintStatus, ConversationStatus, Direction
from shopdesk.services.returns import TERMINAL


@dataclass(frozen=True)
class Overview:
    stores: int
    customers: int
    conversations: int
    needs_reply: int
    open_returns: int
    open_complaints: int


def overview(session: Session) -> Overview:
    def count(q) -> int:  # type: ignore[no-untyped-def]
        return int(session.execute(q).scalar_one())

    return Overview(
        stores=count(select(func.count()).select_from(Store).where(Store.archived.is_(False))),
        customers=count(select(func.count()).select_from(Customer)
                        .where(Customer.merged_into_id.is_(None))),
        conversations=count(select(func.count()).select_from(Conversation)),
        needs_reply=count(
            select(func.count()).select_from(Conversation).where(
                Conversation.status == ConversationStatus.OPEN,
                Conversation.last_direction == Direction.IN,
            )
        ),
        open_returns=count(
            select(func.count()).select_from(ReturnCase).where(
                ReturnCase.state.not_in([s.value for s in TERMINAL])  # as the returns board
            )
        ),
        open_complaints=count(
            select(func.count()).select_from(Complaint).where(
                Complaint.status.not_in([ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED])
            )
        ),
    )
