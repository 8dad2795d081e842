"""Shift handovers: what is still open goes to the next person in writing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.models.base import Base
from shopdesk.models.shop import Agent
from shopdesk.times import utcnow


class Handover(Base):
    """A handover note. ``to_agent_id`` None means: for everyone."""

    __tablename__ = "handovers"
    __table_args__ = (Index("ix_handovers_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    from_agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    to_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    # The open work as it stood at hand-over time (sections of items), kept as written.
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    from_agent: Mapped[Agent] = relationship(foreign_keys=[from_agent_id])
    to_agent: Mapped[Agent | None] = relationship(foreign_keys=[to_agent_id])


class HandoverRead(Base):
    """An agent marked a handover as read."""

    __tablename__ = "handover_reads"
    __table_args__ = (UniqueConstraint("handover_id", "agent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id", ondelete="CASCADE"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
