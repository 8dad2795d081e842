"""What several PCs tell each other while they run: who is viewing or typing which
conversation (``presence``), and on SQLite the short log of committed changes that other
windows on the same PC read (``change_log``). Both hold only fleeting rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.models.base import Base


class Presence(Base):
    """One window's agent has a conversation open (and may be typing in it) until
    ``expires_at``; the window renews the row while it stays, removes it when it leaves."""

    __tablename__ = "presence"
    __table_args__ = (Index("ix_presence_conversation", "conversation_id", "expires_at"),)

    place: Mapped[str] = mapped_column(String(200), primary_key=True)  # one running window
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"))
    typing: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[datetime]


class ChangeLog(Base):
    """One committed transaction's changes (the payload ``changefeed`` sends), SQLite only:
    PostgreSQL sends the same payload by NOTIFY. Trimmed to its newest rows."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
