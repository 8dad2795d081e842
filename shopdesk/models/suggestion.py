"""Which suggestion or quick reply an agent sent, for which customer message: the memory
that boosts the same answer for similar messages later, per store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.models.base import Base
from shopdesk.times import utcnow


class SuggestionChoice(Base):
    __tablename__ = "suggestion_choices"
    __table_args__ = (Index("ix_suggestion_choices_store", "store_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    message_text: Mapped[str] = mapped_column(Text)  # the customer's message answered
    kind: Mapped[str] = mapped_column(String(20))  # "quick_reply" | "article"
    code: Mapped[str] = mapped_column(String(100))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
