"""The merged inbox: every store's conversations in one list, its views, and replies.

Lists are read a page at a time by keyset (newest activity first), from the conversation's
own summary columns, so a million conversations cost no more than a hundred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    Attachment,
    Conversation,
    Customer,
    Message,
    Store,
    customer_tags,
)
from shopdesk.models.enums import ConversationStatus, Direction, Priority, SendState
from shopdesk.services import audit, customer_list
from shopdesk.services.conversations import preview
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.times import utcnow

PAGE = 200


class View(StrEnum):
    NEEDS_REPLY = "needs_reply"  # open, and the customer wrote last
    MINE = "mine"
    UNASSIGNED = "unassigned"
    ALL = "all"


@dataclass(frozen=True)
class InboxFilter:
    view: View = View.NEEDS_REPLY
    agent_id: int | None = None  # who "mine" is
    store_ids: frozenset[int] = field(default_factory=frozenset)  # empty: every store
    status: ConversationStatus | None = None
    tag_id: int | None = None


@dataclass(frozen=True)
class InboxRow:
    id: int
    store_id: int
    store_name: str
    store_colour: str | None
    platform: str
    customer: str
    preview: str
    last_message_at: datetime | None
    last_direction: Direction | None
    unread: int
    status: ConversationStatus
    priority: Priority
    assignee: str | None  # initials
    reply_due_at: datetime | None


def _in_view(view: View, agent_id: int | None) -> ColumnElement[bool] | None:
    """What a conversation must be to show in ``view`` (None: every conversation)."""
    c = Conversation
    if view == View.NEEDS_REPLY:
        return and_(c.status == ConversationStatus.OPEN, c.last_direction == Direction.IN)
    if view == View.MINE:
        return and_(c.assignee_id == agent_id, c.status != ConversationStatus.CLOSED)
    if view == View.UNASSIGNED:
        return and_(c.assignee_id.is_(None), c.status != ConversationStatus.CLOSED)
    return None


def _conditions(f: InboxFilter) -> list[ColumnElement[bool]]:
    """What a conversation must be to show in the list that ``f`` shows."""
    c = Conversation
    found = []
    in_view = _in_view(f.view, f.agent_id)
    if in_view is not None:
        found.append(in_view)
    if f.store_ids:
        found.append(c.store_id.in_(sorted(f.store_ids)))
    if f.status is not None:
        found.append(c.status == f.status)
    if f.tag_id is not None:
        found.append(exists().where(customer_tags.c.customer_id == c.customer_id,
                                    customer_tags.c.tag_id == f.tag_id))
    return found


def _filtered(q: Select, f: InboxFilter) -> Select:
    return q.where(*_conditions(f))


def matches(session: Session, f: InboxFilter, conversation_id: int) -> bool:
    """Whether a conversation belongs in the list that ``f`` shows."""
    q = _filtered(select(Conversation.id).where(Conversation.id == conversation_id), f)
    return session.execute(q).first() is not None


def view_counts(session: Session, f: InboxFilter) -> dict[View, int]:
    """How many conversations each view shows with the other filters as they are: one pass
    over the conversations for all four."""
    counts = []
    for view in View:
        in_view = _in_view(view, f.agent_id)
        counts.append(func.count() if in_view is None else func.count().filter(in_view))
    q = _filtered(select(*counts).select_from(Conversation), replace(f, view=View.ALL))
    return {view: int(n or 0) for view, n in zip(View, session.execute(q).one(), strict=True)}


def _row_select() -> Select:
    c = Conversation
    return (select(c.id, c.store_id, Store.name, Store.colour, Store.platform, Customer.name,
                   c.last_preview, c.last_message_at, c.last_direction, c.unread_count, c.status,
                   Agent.name, c.first_response_due_at, c.priority)
            .join(Store, Store.id == c.store_id)
            .join(Customer, Customer.id == c.customer_id)
            .outerjoin(Agent, Agent.id == c.assignee_id))


def _to_row(r) -> InboxRow:  # type: ignore[no-untyped-def]
    return InboxRow(id=r[0], store_id=r[1], store_name=r[2], store_colour=r[3],
                    platform=r[4].value, customer=r[5], preview=r[6] or "",
                    last_message_at=r[7], last_direction=r[8], unread=r[9], status=r[10],
                    priority=r[13],
                    assignee=_initials(r[11]) if r[11] else None,
                    reply_due_at=r[12] if r[8] == Direction.IN else None)


def page(session: Session, f: InboxFilter, after: tuple[datetime, int] | None = None,
         limit: int = PAGE) -> list[InboxRow]:
    """The next ``limit`` rows after ``after`` = (last_message_at, id) of the last row seen,
    newest activity first."""
    c = Conversation
    q = _filtered(_row_select().where(c.last_message_at.is_not(None)), f)
    if after is not None:
        at, last_id = after
        q = q.where(or_(c.last_message_at < at, and_(c.last_message_at == at, c.id < last_id)))
    q = q.order_by(c.last_message_at.desc(), c.id.desc()).limit(limit)
    return [_to_row(r) for r in session.execute(q)]


def _initials(name: str) -> str:
    parts = name.split()
    if len(parts) > 1:
        return (parts[0][0] + parts[-1][0]).upper()
    return name[:2].upper() if name.isascii() else name[-2:]


def row(session: Session, conversation_id: int) -> InboxRow | None:
    """One conversation as a list row (for a live update of a single row)."""
    found = session.execute(_row_select().where(Conversation.id == conversation_id)).first()
    return _to_row(found) if found else None


def rows(session: Session, conversation_ids: Sequence[int], f: InboxFilter
         ) -> dict[int, tuple[InboxRow, bool]]:
    """Changed conversations as list rows, each with whether it belongs in the list that
    ``f`` shows (a live update of many rows: one query per 500 ids, not one per row).
    Conversations that no longer exist are left out."""
    conditions = _conditions(f)
    listed = case((and_(*conditions), 1), else_=0) if conditions else literal(1)
    found: dict[int, tuple[InboxRow, bool]] = {}
    ids = sorted(set(conversation_ids))
    for start in range(0, len(ids), 500):
        q = _row_select().add_columns(listed).where(Conversation.id.in_(ids[start:start + 500]))
        for r in session.execute(q):
            found[r[0]] = (_to_row(r), bool(r[-1]))
    return found


@dataclass(frozen=True)
class ThreadMessage:
    id: int
    at: datetime
    direction: Direction
    author: str | None
    text: str
    send_state: SendState | None
    send_error: str | None
    warning: str | None = None  # the channel could not read it cleanly
    rule_name: str | None = None  # written by this automation rule
    attachments: tuple[AttachmentInfo, ...] = ()


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    mime_type: str
    size: int


MAX_ATTACHMENT = 10 * 1024 * 1024  # bytes; what chat platforms accept for an image
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp")


def _with_attachments(session: Session, rows) -> list[ThreadMessage]:  # type: ignore[no-untyped-def]
    messages = [ThreadMessage(*r) for r in rows]
    ids = [m.id for m in messages]
    if not ids:
        return messages
    found: dict[int, list[AttachmentInfo]] = {}
    for mid, aid, name, mime, size in session.execute(
            select(Attachment.message_id, Attachment.id, Attachment.filename,
                   Attachment.mime_type, Attachment.size)
            .where(Attachment.message_id.in_(ids)).order_by(Attachment.id)):
        found.setdefault(mid, []).append(AttachmentInfo(aid, name, mime, size))
    return [replace(m, attachments=tuple(found[m.id])) if m.id in found else m
            for m in messages]


def attachment_data(session: Session, attachment_id: int) -> tuple[str, bytes] | None:
    """(mime type, bytes) of one attachment, for showing it."""
    row = session.execute(select(Attachment.mime_type, Attachment.data)
                          .where(Attachment.id == attachment_id)).first()
    return (row[0], row[1]) if row else None


def attachment_name(session: Session, attachment_id: int) -> str | None:
    return session.scalar(select(Attachment.filename).where(Attachment.id == attachment_id))


def thread(session: Session, conversation_id: int, before: tuple[datetime, int] | None = None,
           limit: int = 100) -> list[ThreadMessage]:
    """Messages of a conversation, newest ``limit`` before ``before``, in time order."""
    m = Message
    q = (select(m.id, m.at, m.direction, Agent.name, m.text, m.send_state, m.send_error,
                 m.warning, m.rule_name)
         .outerjoin(Agent, Agent.id == m.author_id)
         .where(m.conversation_id == conversation_id))
    if before is not None:
        at, last_id = before
        q = q.where(or_(m.at < at, and_(m.at == at, m.id < last_id)))
    rows = session.execute(q.order_by(m.at.desc(), m.id.desc()).limit(limit)).all()
    return _with_attachments(session, list(reversed(rows)))


def thread_from(session: Session, conversation_id: int, message_id: int,
                context: int = 20) -> list[ThreadMessage]:
    """The thread from a little before ``message_id`` to the newest message (search opens a
    conversation at the message it found)."""
    anchor = session.execute(select(Message.at, Message.id).where(
        Message.id == message_id, Message.conversation_id == conversation_id)).first()
    if anchor is None:
        return thread(session, conversation_id)
    earlier = thread(session, conversation_id, (anchor[0], anchor[1]), context)
    m = Message
    q = (select(m.id, m.at, m.direction, Agent.name, m.text, m.send_state, m.send_error,
                 m.warning, m.rule_name)
         .outerjoin(Agent, Agent.id == m.author_id)
         .where(m.conversation_id == conversation_id,
                or_(m.at > anchor[0], and_(m.at == anchor[0], m.id >= anchor[1])))
         .order_by(m.at, m.id))
    return earlier + _with_attachments(session, session.execute(q).all())


def check_images(files: Sequence[tuple[str, str, bytes]], most: int | None = None) -> None:
    """Images ShopDesk can send and keep: PNG, JPEG, GIF, WebP or BMP, each up to 10 MB."""
    if most is not None and len(files) > most:
        raise ShopDeskError(f"At most {most} images.")
    for name, mime, data in files:
        if mime not in IMAGE_TYPES:
            raise ShopDeskError(f"{name} is not an image ShopDesk can send (PNG, JPEG, GIF, "
                                "WebP or BMP).")
        if len(data) > MAX_ATTACHMENT:
            raise ShopDeskError(f"{name} is larger than 10 MB.")


def queue_reply(session: Session, agent: Agent, conversation_id: int, text: str, *,
                note: bool = False,
                attachments: Sequence[tuple[str, str, bytes]] = ()) -> Message:
    """Write an agent's reply (state ``queued``; the store's channel sends it) or an internal
    note. Written first, sent after: nothing typed is lost if sending fails."""
    require(agent, Action.REPLY)
    body = text.strip()
    if not body and not attachments:
        raise ShopDeskError("The message is empty.")
    check_images(attachments)
    conv = _conversation(session, conversation_id)
    now = utcnow()
    message = Message(conversation_id=conv.id, store_id=conv.store_id, at=now,
                      direction=Direction.NOTE if note else Direction.OUT, author_id=agent.id,
                      text=body, send_state=None if note else SendState.QUEUED)
    for name, mime, data in attachments:
        message.attachments.append(Attachment(filename=name, mime_type=mime, size=len(data),
                                              data=data))
    session.add(message)
    if not note:
        conv.last_message_at = now
        conv.last_direction = Direction.OUT
        conv.last_preview = preview(body or " ".join(f"[{n}]" for n, _m, _d in attachments))
        conv.unread_count = 0
        conv.first_response_due_at = None
        if conv.first_response_at is None:
            conv.first_response_at = now
        if conv.assignee_id is None:
            conv.assignee_id = agent.id
        customer_list.touch_contact(session, {conv.customer_id: now})
    session.flush()
    audit.record(session, agent.id, "message.note" if note else "message.queue", "message",
                 message.id, None, {"conversation": conv.id})
    return message


# -- conversation actions ----------------------------------------------------------------------

def _conversation(session: Session, conversation_id: int) -> Conversation:
    return existing(session, Conversation, conversation_id, "conversation")


def _change(session: Session, agent: Agent, conversation_id: int, action: str,
            **changes: object) -> Conversation:
    """Apply ``changes`` to a conversation with an audit entry; the version column refuses
    a save based on a stale read."""
    require(agent, Action.REPLY)
    conv = _conversation(session, conversation_id)
    before = {k: _plain(getattr(conv, k)) for k in changes}
    for key, value in changes.items():
        setattr(conv, key, value)
    session.flush()
    audit.record(session, agent.id, f"conversation.{action}", "conversation", conv.id, before,
                 {k: _plain(v) for k, v in changes.items()})
    return conv


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    return value.value if isinstance(value, StrEnum) else value


def assign(session: Session, agent: Agent, conversation_id: int, to_agent_id: int | None
           ) -> Conversation:
    if to_agent_id is not None:
        target = session.get(Agent, to_agent_id)
        if target is None or not target.active:
            raise ShopDeskError("That agent cannot take conversations (deactivated or removed).")
    return _change(session, agent, conversation_id, "assign", assignee_id=to_agent_id)


def close(session: Session, agent: Agent, conversation_id: int) -> Conversation:
    """Close, and ask the customer for a score if the store's rules say so."""
    from shopdesk.services import surveys

    conv = _change(session, agent, conversation_id, "close", status=ConversationStatus.CLOSED,
                   snoozed_until=None)
    surveys.ask_after_close(session, agent, conv)
    return conv


def reopen(session: Session, agent: Agent, conversation_id: int) -> Conversation:
    return _change(session, agent, conversation_id, "reopen", status=ConversationStatus.OPEN,
                   snoozed_until=None)


def snooze(session: Session, agent: Agent, conversation_id: int, until: datetime
           ) -> Conversation:
    if until <= utcnow():
        raise ShopDeskError("Snooze until a time in the future.")
    return _change(session, agent, conversation_id, "snooze",
                   status=ConversationStatus.SNOOZED, snoozed_until=until)


def set_priority(session: Session, agent: Agent, conversation_id: int, priority: Priority
                 ) -> Conversation:
    return _change(session, agent, conversation_id, "priority", priority=Priority(priority))


@dataclass(frozen=True)
class ConversationState:
    """What an agent's action on a conversation changes, so that it can be undone."""
    assignee_id: int | None
    status: ConversationStatus
    snoozed_until: datetime | None
    priority: Priority


def state(session: Session, conversation_id: int) -> ConversationState:
    conv = _conversation(session, conversation_id)
    return ConversationState(conv.assignee_id, conv.status, conv.snoozed_until, conv.priority)


def restore(session: Session, agent: Agent, conversation_id: int, to: ConversationState
            ) -> Conversation:
    """Undo (or redo) an action: the conversation back to ``to``, with an audit entry."""
    if to.assignee_id is not None:
        target = session.get(Agent, to.assignee_id)
        if target is None or not target.active:
            raise ShopDeskError("That agent cannot take conversations (deactivated or removed).")
    return _change(session, agent, conversation_id, "restore", assignee_id=to.assignee_id,
                   status=to.status, snoozed_until=to.snoozed_until, priority=to.priority)


def wake_snoozed(session: Session, now: datetime | None = None) -> list[int]:
    """Snoozed conversations whose time has come go back to open. Returns their ids."""
    now = now or utcnow()
    due = list(session.scalars(select(Conversation).where(
        Conversation.status == ConversationStatus.SNOOZED, Conversation.snoozed_until <= now)))
    for conv in due:
        conv.status = ConversationStatus.OPEN
        conv.snoozed_until = None
    return [c.id for c in due]


def customer_tags_of(session: Session, conversation_id: int) -> set[int]:
    conv = _conversation(session, conversation_id)
    return set(session.scalars(select(customer_tags.c.tag_id)
                               .where(customer_tags.c.customer_id == conv.customer_id)))


def tag_customer(session: Session, agent: Agent, conversation_id: int, tag_id: int,
                 on: bool) -> None:
    """Tag (or untag) the customer of a conversation."""
    from shopdesk.services import tags

    conv = _conversation(session, conversation_id)
    tags.set_on_customer(session, agent, conv.customer_id, tag_id, on)
