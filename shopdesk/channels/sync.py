"""Running a store's channel: store what it fetches (idempotently) and send the outbox.

Plain Python, called by the UI's sync worker off the GUI thread with its own sessions.
Every fetched message is keyed by its external id, so fetching the same message twice,
after a crash or a re-sync, stores it once. Replies are sent from the outbox (messages in
state ``queued``, or ``failed`` whose retry time has come); a failed send waits longer each
time (30 s, 2 min, 10 min, 30 min, then hourly) and stays visible with its error. A reply is
marked ``sending`` (committed) before the channel sends it, so that one interrupted by a
crash is never sent again without a person's word (``settle_interrupted``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from shopdesk.channels.base import Channel, ChannelError, Incoming, Outgoing
from shopdesk.db import Database
from shopdesk.models import (
    Attachment,
    ChannelState,
    Conversation,
    Customer,
    CustomerIdentity,
    Message,
    Store,
)
from shopdesk.models.enums import ConversationStatus, Direction, SendState
from shopdesk.services import customer_list, surveys
from shopdesk.services.conversations import preview
from shopdesk.services.outbox import retry_now  # noqa: F401  (moved; ui/inbox.py imports it here)
from shopdesk.services.records import existing
from shopdesk.times import as_utc, utcnow

log = logging.getLogger(__name__)

BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10),
           timedelta(minutes=30), timedelta(hours=1))
OUTBOX_BATCH = 50
REFERENCES = 20  # earlier message ids a reply names (the thread's first and the latest)


def backoff(attempts: int) -> timedelta:
    return BACKOFF[min(attempts, len(BACKOFF)) - 1] if attempts > 0 else timedelta(0)


@dataclass
class SyncResult:
    changed: set[int] = field(default_factory=set)  # conversation ids
    arrived: set[int] = field(default_factory=set)  # of those, with new customer messages
    fetched: int = 0
    sent: int = 0
    failed: int = 0
    error: str | None = None


def ingest(session: Session, store: Store, messages: list[Incoming]) -> set[int]:
    """Store fetched messages once each; returns the conversations that changed."""
    changed: set[int] = set()
    contact: dict[int, datetime] = {}  # customer → latest message
    target = timedelta(minutes=store.reply_target_minutes)
    for m in messages:
        known = session.scalar(select(Message.id).where(
            Message.store_id == store.id, Message.external_id == m.external_id))
        if known is not None:
            continue
        conv = session.scalar(select(Conversation).where(
            Conversation.store_id == store.id, Conversation.external_id == m.thread_id))
        if conv is None and m.references:  # an answer to a message we know (or sent)
            conv = session.scalar(
                select(Conversation).join(Message, Message.conversation_id == Conversation.id)
                .where(Message.store_id == store.id,
                       Message.external_id.in_(list(m.references)))
                .order_by(Message.at.desc()).limit(1))
        if conv is None:
            conv = Conversation(store_id=store.id, customer_id=_customer(session, store, m).id,
                                external_id=m.thread_id, subject=m.subject, created_at=m.at,
                                status=ConversationStatus.OPEN)
            session.add(conv)
            session.flush()
        message = Message(conversation_id=conv.id, store_id=store.id, at=m.at,
                          direction=Direction.IN, text=m.text, external_id=m.external_id,
                          warning=m.warning)
        for name, mime, data in m.attachments:
            message.attachments.append(Attachment(filename=name, mime_type=mime,
                                                  size=len(data), data=data))
        session.add(message)
        contact[conv.customer_id] = max(m.at, contact.get(conv.customer_id, m.at))
        if surveys.take_answer(session, conv, m.text, m.at):
            # A score for the survey: recorded; the conversation stays closed.
            conv.last_message_at = max(filter(None, (conv.last_message_at, m.at)))
            conv.last_preview = preview(m.text)
            session.flush()
            changed.add(conv.id)
            continue
        reopened = conv.status in (ConversationStatus.CLOSED, ConversationStatus.PENDING)
        if conv.last_message_at is None or m.at >= conv.last_message_at:
            if (reopened or conv.last_direction != Direction.IN
                    or conv.first_response_due_at is None):
                conv.first_response_due_at = m.at + target  # the clock starts now
            conv.last_message_at = m.at
            conv.last_direction = Direction.IN
            conv.last_preview = preview(m.text or " ".join(f"[{n}]" for n, _t, _d in
                                                           m.attachments))
        conv.unread_count += 1
        if reopened:
            conv.status = ConversationStatus.OPEN  # the customer wrote again
        session.flush()
        changed.add(conv.id)
    customer_list.touch_contact(session, contact)
    return changed


def _customer(session: Session, store: Store, m: Incoming) -> Customer:
    ident = session.scalar(select(CustomerIdentity).where(
        CustomerIdentity.store_id == store.id, CustomerIdentity.handle == m.handle))
    if ident is not None:
        return ident.customer
    email = m.handle if "@" in m.handle else None
    if email:  # known by this address (an order, another store): the same person
        known = session.scalar(select(Customer).where(
            func.lower(Customer.email) == email.lower(), Customer.merged_into_id.is_(None))
            .order_by(Customer.id).limit(1))
        if known is not None:
            known.identities.append(CustomerIdentity(store_id=store.id, handle=m.handle))
            session.flush()
            customer_list.refresh(session, [known.id])
            return known
    customer = Customer(name=m.customer_name or m.handle, created_at=m.at, email=email)
    customer.identities.append(CustomerIdentity(store_id=store.id, handle=m.handle))
    session.add(customer)
    session.flush()
    return customer


def _state(session: Session, store_id: int) -> ChannelState:
    state = session.get(ChannelState, store_id)
    if state is None:
        state = ChannelState(store_id=store_id, online=True)
        session.add(state)
    return state


def sync_store(db: Database, store_id: int, channel: Channel,
               now: Callable[[], datetime] = utcnow) -> SyncResult:
    """Fetch, store and send for one store. Never raises for a channel's failure: the store
    is marked offline with the reason and the outbox waits."""
    result = SyncResult()
    with db.read_session() as session:
        state = session.get(ChannelState, store_id)
        cursor = state.cursor if state else None
        if state is not None and not state.online and state.failures and state.checked_at \
                and now() < as_utc(state.checked_at) + backoff(state.failures):
            result.error = state.error  # still offline; not tried again before the backoff
            return result
    try:
        fetched = channel.fetch(cursor)
    except ChannelError as exc:
        result.error = str(exc)
        with db.transaction() as session:
            state = _state(session, store_id)
            state.online, state.error, state.checked_at = False, str(exc), now()
            state.failures = (state.failures or 0) + 1
        return result
    with db.transaction() as session:
        store = existing(session, Store, store_id, "store")
        result.arrived = ingest(session, store, fetched.messages)
        result.changed |= result.arrived
        result.fetched = len(fetched.messages)
        state = _state(session, store_id)
        state.cursor, state.online, state.error, state.checked_at = (
            fetched.cursor, True, None, now())
        state.failures = 0
    send_outbox(db, store_id, channel, result, now)
    return result


def send_outbox(db: Database, store_id: int, channel: Channel, result: SyncResult,
                now: Callable[[], datetime] = utcnow) -> None:
    """Send what waits in the outbox, oldest first. Each reply is marked ``sending`` and
    committed before the channel sends it; one found so at the start (the program stopped
    while sending it) is settled first, never sent again on its own (``settle_interrupted``).
    """
    settle_interrupted(db, store_id, channel, result)
    with db.read_session() as session:
        waiting = [r.id for r in session.execute(
            select(Message.id).where(
                Message.store_id == store_id, Message.direction == Direction.OUT,
                Message.send_state.in_([SendState.QUEUED, SendState.FAILED]),
                or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now()))
            .order_by(Message.id).limit(OUTBOX_BATCH))]
    for message_id in waiting:
        with db.transaction() as session:
            # The claim, committed before sending: a crash from here on leaves the reply
            # ``sending``, and the next start knows it may have gone out.
            claimed = session.execute(
                update(Message).where(Message.id == message_id, Message.send_state.in_(
                    [SendState.QUEUED, SendState.FAILED]))
                .values(send_state=SendState.SENDING)
                .execution_options(synchronize_session=False)).rowcount
            outgoing, conv_id = _outgoing(session, message_id) if claimed else (None, 0)
        if outgoing is None:
            continue  # sent or claimed by another PC meanwhile
        try:
            external = channel.send(outgoing)
            error, maybe_sent = None, False
        except ChannelError as exc:
            external, error, maybe_sent = None, str(exc), exc.maybe_sent
        with db.transaction() as session:
            message = session.get(Message, message_id)
            if message is None or message.send_state == SendState.SENT:
                continue
            if error is None:
                _record_sent(session, message, external)
                result.sent += 1
            elif maybe_sent:  # waits for Resend or Mark as sent, like an interrupted send
                message.send_state, message.send_error = SendState.UNCERTAIN, error
                message.next_attempt_at = None
                result.failed += 1
            else:
                message.send_attempts += 1
                message.send_state, message.send_error = SendState.FAILED, error
                message.next_attempt_at = now() + backoff(message.send_attempts)
                result.failed += 1
        result.changed.add(conv_id)


INTERRUPTED = "ShopDesk stopped while sending this reply; it may have been sent."


def settle_interrupted(db: Database, store_id: int, channel: Channel,
                       result: SyncResult) -> None:
    """Replies left ``sending`` by a crash: the channel looks for each among what it sent
    (e-mail: the Sent folder, by Message-ID). Found: ``sent``. Not found, or the channel
    cannot tell: ``uncertain`` ("may have been sent"), for a person to Resend or Mark as
    sent. A channel that cannot look right now (``ChannelError``) is asked again next time.
    """
    find_sent = getattr(channel, "find_sent", None)
    with db.read_session() as session:
        stuck = list(session.scalars(select(Message.id).where(
            Message.store_id == store_id, Message.send_state == SendState.SENDING)
            .order_by(Message.id)))
    for message_id in stuck:
        with db.read_session() as session:
            outgoing, conv_id = _outgoing(session, message_id)
        if outgoing is None:
            continue
        try:
            found = find_sent(outgoing) if find_sent is not None else None
        except ChannelError as exc:
            log.warning("could not look for interrupted reply %s: %s", message_id, exc)
            continue
        with db.transaction() as session:
            message = session.get(Message, message_id)
            if message is None or message.send_state != SendState.SENDING:
                continue
            if found:
                _record_sent(session, message, found)
                result.sent += 1
            else:
                message.send_state, message.send_error = SendState.UNCERTAIN, INTERRUPTED
                message.next_attempt_at = None
                log.warning("reply %s may have been sent: waiting for Resend or Mark as sent",
                            message_id)
        result.changed.add(conv_id)


def _record_sent(session: Session, message: Message, external: str | None) -> None:
    message.send_state, message.send_error = SendState.SENT, None
    message.next_attempt_at = None
    if external and not session.scalar(select(Message.id).where(
            Message.store_id == message.store_id, Message.external_id == external)):
        message.external_id = external


def _outgoing(session: Session, message_id: int) -> tuple[Outgoing | None, int]:
    """The reply as the channel sends it (also to look it up): (reply, conversation id)."""
    row = session.execute(
        select(Message.text, Message.at, Conversation.id, Conversation.external_id,
               Conversation.subject, CustomerIdentity.handle)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .outerjoin(CustomerIdentity, (CustomerIdentity.customer_id == Conversation.customer_id)
                   & (CustomerIdentity.store_id == Message.store_id))
        .where(Message.id == message_id).limit(1)).first()
    if row is None:
        return None, 0
    text, at, conv_id, thread, subject, handle = row
    files = tuple((a.filename, a.mime_type, a.data) for a in session.scalars(
        select(Attachment).where(Attachment.message_id == message_id)))
    earlier = list(session.scalars(
        select(Message.external_id).where(Message.conversation_id == conv_id,
                                          Message.external_id.is_not(None),
                                          Message.id != message_id)
        .order_by(Message.at, Message.id)))
    references = tuple(earlier[:1] + earlier[1:][-(REFERENCES - 1):])  # root + latest
    return Outgoing(message_id, thread, handle, text, files, subject, references,
                    key=reply_key(message_id, at)), conv_id


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def reply_key(message_id: int, at: datetime) -> str:
    """Outgoing.key: the reply's row and the microsecond it was written (two shops' databases
    sending from one address do not share it)."""
    micros = (at.replace(tzinfo=at.tzinfo or UTC) - EPOCH) // timedelta(microseconds=1)
    return f"{message_id}.{micros:x}"
