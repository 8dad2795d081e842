"""Automation: rules (trigger, conditions, actions as validated JSON), the once-only record
of what they did, who is signed in now, and notifications for the owner.

The meaning of the JSON lives in ``shopdesk.services.automation_rules``; these classes only
hold it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.models.base import Base, new_key
from shopdesk.models.casework import ReturnEvent
from shopdesk.models.order import Order
from shopdesk.times import utcnow

# What the time triggers look up every cycle (services/automation_triggers.py): kept here,
# with the automation, rather than in the order and return models.
Index("ix_orders_delivered_at", Order.__table__.c.delivered_at)
Index("ix_return_events_state_at", ReturnEvent.__table__.c.state, ReturnEvent.__table__.c.at)


class AutomationRule(Base):
    """One rule of one store (``store_id``) or of every store (None)."""

    __tablename__ = "automation_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Which built-in rule this is ("greeting", "away", …), None for the owner's own.
    builtin: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(default=0)
    trigger: Mapped[str] = mapped_column(String(32))
    trigger_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class AutomationFiring(Base):
    """A rule fired for one trigger (``trigger_key``): inserted in the transaction that
    acts, before it acts, and unique, so the same trigger never acts twice — whatever
    restarts, a second PC or a kill -9. ``state``: done (acted), skipped (a guard stopped
    it, for good), proposed / approved / rejected (care messages the owner reviews)."""

    __tablename__ = "automation_firings"
    __table_args__ = (
        UniqueConstraint("rule_id", "trigger_key"),
        Index("ix_automation_firings_conversation_at", "conversation_id", "at"),
        Index("ix_automation_firings_customer_at", "customer_id", "at"),
        Index("ix_automation_firings_rule_state", "rule_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("automation_rules.id", ondelete="CASCADE"))
    trigger_key: Mapped[str] = mapped_column(String(200))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"))
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="done")
    # What it did or would do: [{"kind": "send", "text": …}, {"kind": "assign", …}]
    detail: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)


class AgentPresence(Base):
    """Who is signed in now: the program writes it at sign-in and while the agent works."""

    __tablename__ = "agent_presence"

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"),
                                          primary_key=True)
    seen_at: Mapped[datetime]
    signed_out_at: Mapped[datetime | None]
    place: Mapped[str | None] = mapped_column(String(200))  # the PC


class Notification(Base):
    """Something the owner (``agent_id`` None: every owner) should know, written by a rule."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_agent_read", "agent_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"))
    complaint_id: Mapped[int | None] = mapped_column(
        ForeignKey("complaints.id", ondelete="SET NULL"))
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("automation_rules.id", ondelete="SET NULL"))
    rule_name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    read_at: Mapped[datetime | None]
