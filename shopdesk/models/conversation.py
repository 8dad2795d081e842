"""Conversations, their messages and attachments, and quick replies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.models.base import Base, new_key, partial_index, str_enum
from shopdesk.models.customer import Customer
from shopdesk.models.enums import ConversationStatus, Direction, Priority, SendState
from shopdesk.models.shop import Agent, Store
from shopdesk.pinyin_keys import keys_of
from shopdesk.times import utcnow


class Conversation(Base):
    """A thread with one customer in one store.

    ``last_*`` columns repeat facts of the newest message so that the inbox can list and
    sort a million conversations from one index without touching the messages table; the
    services that add messages keep them current.
    """

    __tablename__ = "conversations"
    __table_args__ = (
        Index("uq_conversations_store_external", "store_id", "external_id", unique=True),
        Index("ix_conversations_last_message_at", "last_message_at"),
        Index("ix_conversations_status_last", "status", "last_message_at"),
        Index("ix_conversations_store_last", "store_id", "last_message_at"),
        Index("ix_conversations_assignee_last", "assignee_id", "last_message_at"),
        Index("ix_conversations_customer", "customer_id"),
        CheckConstraint("unread_count >= 0", name="unread_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    external_id: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[ConversationStatus] = mapped_column(
        str_enum(ConversationStatus, "conversation_status"), default=ConversationStatus.OPEN
    )
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    subject: Mapped[str | None] = mapped_column(String(500))
    priority: Mapped[Priority] = mapped_column(
        str_enum(Priority, "priority"), default=Priority.NORMAL
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    snoozed_until: Mapped[datetime | None]
    first_response_due_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    survey_sent_at: Mapped[datetime | None]  # the satisfaction survey went out (on close)
    unread_count: Mapped[int] = mapped_column(default=0)
    last_message_at: Mapped[datetime | None]
    last_direction: Mapped[Direction | None] = mapped_column(
        str_enum(Direction, "last_direction")
    )
    last_preview: Mapped[str | None] = mapped_column(String(200))
    # Automation (services/automation_*): never touched by rules when excluded; an agent
    # typing holds automatic replies back until ``automation_hold_until``.
    automation_excluded: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    automation_hold_until: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    store: Mapped[Store] = relationship()
    customer: Mapped[Customer] = relationship()
    assignee: Mapped[Agent | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


OUTBOX_STATES = "send_state IN ('queued', 'sending', 'failed', 'uncertain')"


class Message(Base):
    """One message of a conversation. Outgoing ones are written first (queued), sent after."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation_at", "conversation_id", "at", "id"),
        Index("uq_messages_store_external", "store_id", "external_id", unique=True),
        # Only the outbox (replies not yet known to be sent) is ever looked up by state.
        partial_index("ix_messages_outbox", "send_state", where=OUTBOX_STATES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE")
    )
    # Repeated from the conversation so that external ids are unique per store.
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    at: Mapped[datetime]
    direction: Mapped[Direction] = mapped_column(str_enum(Direction, "direction"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    external_id: Mapped[str | None] = mapped_column(String(200))
    send_state: Mapped[SendState | None] = mapped_column(str_enum(SendState, "send_state"))
    send_error: Mapped[str | None] = mapped_column(Text)
    send_attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]  # when a failed send is tried again
    # Set when a channel could not read the message cleanly (a broken e-mail): shown on it.
    warning: Mapped[str | None] = mapped_column(Text)
    # Written by an automation rule: shown as automatic with the rule's name (kept when the
    # rule is deleted; ``rule_id`` is cleared then, by the service: no foreign key, so that
    # the migration did not re-create this big table).
    rule_id: Mapped[int | None]
    rule_name: Mapped[str | None] = mapped_column(String(200))

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", cascade="all, delete-orphan"
    )


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)

    message: Mapped[Message] = relationship(back_populates="attachments")


class QuickReply(Base):
    """A canned answer; ``body`` may hold {customer} {order_no} {store} {agent} {tracking_no}."""

    __tablename__ = "quick_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    category: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(50), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The pinyin words of its title and text (shopdesk.pinyin_keys), kept on every write.
    pinyin: Mapped[str] = mapped_column(Text, default="", server_default="")


@event.listens_for(QuickReply, "before_insert")
@event.listens_for(QuickReply, "before_update")
def _quick_reply_pinyin(_mapper, _connection, target: QuickReply) -> None:
    target.pinyin = keys_of(target.title, target.body)


class QuickReplyImage(Base):
    __tablename__ = "quick_reply_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    quick_reply_id: Mapped[int] = mapped_column(
        ForeignKey("quick_replies.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)
