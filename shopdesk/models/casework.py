"""Complaints, survey responses, return cases and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.models.base import Base, new_key, str_enum
from shopdesk.models.conversation import Conversation
from shopdesk.models.customer import Customer
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Severity,
)
from shopdesk.models.order import Order
from shopdesk.models.shop import Agent, Store
from shopdesk.times import utcnow


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        CheckConstraint("tier BETWEEN 1 AND 3", name="tier_range"),
        CheckConstraint("compensation_minor IS NULL OR compensation_minor >= 0",
                        name="compensation_not_negative"),
        Index("ix_complaints_opened", "opened_at"),
        Index("ix_complaints_status_due", "status", "sla_due_at"),
        Index("ix_complaints_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    category: Mapped[ComplaintCategory] = mapped_column(
        str_enum(ComplaintCategory, "complaint_category")
    )
    severity: Mapped[Severity] = mapped_column(str_enum(Severity, "severity"))
    tier: Mapped[int] = mapped_column(default=1)
    status: Mapped[ComplaintStatus] = mapped_column(
        str_enum(ComplaintStatus, "complaint_status"), default=ComplaintStatus.NEW
    )
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    sla_due_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    summary: Mapped[str] = mapped_column(String(500))
    details: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    compensation_minor: Mapped[int | None]
    currency: Mapped[str] = mapped_column(String(3))
    version: Mapped[int] = mapped_column(default=1)

    store: Mapped[Store] = relationship()
    customer: Mapped[Customer] = relationship()
    order: Mapped[Order | None] = relationship()
    conversation: Mapped[Conversation | None] = relationship()
    assignee: Mapped[Agent | None] = relationship()
    events: Mapped[list[ComplaintEvent]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan",
        order_by="(ComplaintEvent.at, ComplaintEvent.id)",
    )

    __mapper_args__ = {"version_id_col": version}


class ComplaintEvent(Base):
    """One change of a complaint: created, assigned, status, escalated, resolved, …"""

    __tablename__ = "complaint_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    action: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    complaint: Mapped[Complaint] = relationship(back_populates="events")
    by: Mapped[Agent | None] = relationship()


class SurveyResponse(Base):
    """A satisfaction score, 1 (worst) to 5 (best). CSAT counts 4 and 5."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
        Index("ix_survey_responses_answered", "answered_at"),
        Index("ix_survey_responses_conversation", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE")
    )
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    score: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    answered_at: Mapped[datetime]


class ReturnCase(Base):
    """A return or refund request and where it stands. Amounts in the order's currency."""

    __tablename__ = "return_cases"
    __table_args__ = (
        CheckConstraint("requested_minor > 0", name="requested_positive"),
        CheckConstraint(
            "approved_minor IS NULL OR approved_minor <= requested_minor",
            name="approved_le_requested",
        ),
        CheckConstraint(
            "refunded_minor IS NULL OR (approved_minor IS NOT NULL"
            " AND refunded_minor <= approved_minor)",
            name="refunded_le_approved",
        ),
        Index("ix_return_cases_state", "state", "updated_at"),
        Index("ix_return_cases_order", "order_id"),
        Index("ix_return_cases_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    kind: Mapped[ReturnKind] = mapped_column(str_enum(ReturnKind, "return_kind"))
    reason: Mapped[ReturnReason] = mapped_column(str_enum(ReturnReason, "return_reason"))
    reason_text: Mapped[str | None] = mapped_column(Text)
    state: Mapped[ReturnState] = mapped_column(str_enum(ReturnState, "return_state"))
    currency: Mapped[str] = mapped_column(String(3))
    requested_minor: Mapped[int]
    approved_minor: Mapped[int | None]
    refunded_minor: Mapped[int | None]
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking_no: Mapped[str | None] = mapped_column(String(100))
    replacement: Mapped[str | None] = mapped_column(String(300))  # exchange: what goes out
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    store: Mapped[Store] = relationship()
    order: Mapped[Order] = relationship()
    customer: Mapped[Customer] = relationship()
    assignee: Mapped[Agent | None] = relationship()
    items: Mapped[list[ReturnItem]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ReturnItem.id"
    )
    events: Mapped[list[ReturnEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan",
        order_by="(ReturnEvent.at, ReturnEvent.id)",
    )
    photos: Mapped[list[ReturnPhoto]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ReturnPhoto.id"
    )

    __mapper_args__ = {"version_id_col": version}


class ReturnItem(Base):
    __tablename__ = "return_items"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("return_cases.id", ondelete="CASCADE"), index=True
    )
    sku: Mapped[str] = mapped_column(String(100))
    qty: Mapped[int]

    case: Mapped[ReturnCase] = relationship(back_populates="items")


class ReturnEvent(Base):
    """One step of a case's history; ``state`` is the state the case entered."""

    __tablename__ = "return_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("return_cases.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    state: Mapped[ReturnState] = mapped_column(str_enum(ReturnState, "event_state"))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    amount_minor: Mapped[int | None]
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking_no: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[ReturnCase] = relationship(back_populates="events")
    by: Mapped[Agent | None] = relationship()


class ReturnPhoto(Base):
    """Evidence for a case: the buyer's photos of the damage, the inspection's photos."""

    __tablename__ = "return_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("return_cases.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("return_events.id", ondelete="SET NULL")
    )
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)

    case: Mapped[ReturnCase] = relationship(back_populates="photos")


class AuditEvent(Base):
    """Who changed what, when: before → after."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
