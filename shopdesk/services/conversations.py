"""Conversation facts derived from messages: the summary the inbox lists and sorts by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Message
from shopdesk.models.enums import Direction

PREVIEW_LENGTH = 120


@dataclass(frozen=True)
class Summary:
    last_message_at: datetime | None
    last_direction: Direction | None
    last_preview: str | None
    unread_count: int
    first_response_at: datetime | None
    first_response_due_at: datetime | None


def preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_LENGTH else flat[: PREVIEW_LENGTH - 1] + "…"


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def customer_language(session: Session, conversation_id: int | None) -> str:
    """``zh_CN`` when the customer's last message has Chinese characters, else ``en``
    (without a conversation: ``zh_CN``, the shop's home market)."""
    if conversation_id is None:
        return "zh_CN"
    text = session.scalars(
        select(Message.text).where(Message.conversation_id == conversation_id,
                                   Message.direction == Direction.IN)
        .order_by(Message.at.desc(), Message.id.desc()).limit(1)).first() or ""
    return "zh_CN" if has_chinese(text) else "en"


def summarise(
    messages: Sequence[tuple[datetime, Direction, str]], reply_target: timedelta
) -> Summary:
    """Summary of a conversation from its messages in time order (at, direction, text).

    * unread: the customer's messages since the shop last wrote;
    * first response: the shop's first message after the customer's first one;
    * reply due: the oldest unanswered customer message plus the store's reply target
      (none when the shop spoke last). Internal notes and system events answer nothing.
    """
    last: tuple[datetime, Direction, str] | None = None
    unread = 0
    waiting_since: datetime | None = None
    first_in: datetime | None = None
    first_response: datetime | None = None
    for at, direction, text in messages:
        if direction in (Direction.IN, Direction.OUT) or last is None:
            last = (at, direction, text)
        if direction == Direction.IN:
            unread += 1
            if waiting_since is None:
                waiting_since = at
            if first_in is None:
                first_in = at
        elif direction == Direction.OUT:
            unread = 0
            waiting_since = None
            if first_in is not None and first_response is None:
                first_response = at
    if last is None:
        return Summary(None, None, None, 0, None, None)
    return Summary(
        last_message_at=max(m[0] for m in messages),
        last_direction=last[1],
        last_preview=preview(last[2]),
        unread_count=unread,
        first_response_at=first_response,
        first_response_due_at=waiting_since + reply_target if waiting_since else None,
    )
