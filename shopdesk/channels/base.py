"""The channel interface: where a store's messages come from and where replies go.

A channel module (demo, e-mail, a marketplace's API) implements ``Channel``: fetch new
messages since a cursor, send one reply, and say whether it can reach its service. The sync
service (``shopdesk.channels.sync``) stores what it fetches idempotently and sends the
outbox; the channel itself never touches the database. See docs/channels.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shopdesk.errors import ShopDeskError


@dataclass(frozen=True)
class Incoming:
    """One customer message as the channel sees it."""

    external_id: str  # the platform's message id: unique within the store
    thread_id: str  # the platform's conversation id (or e-mail thread root)
    handle: str  # who wrote it: buyer nick, e-mail address, …
    customer_name: str
    at: datetime
    text: str
    subject: str | None = None
    attachments: tuple[tuple[str, str, bytes], ...] = ()  # (file name, MIME type, bytes)
    # Ids of earlier messages this one answers (e-mail: In-Reply-To and References): when
    # ``thread_id`` is new, a conversation holding one of them takes the message.
    references: tuple[str, ...] = ()
    warning: str | None = None  # the message could not be read cleanly: why


@dataclass(frozen=True)
class Outgoing:
    """A reply to send: its text and where it goes."""

    message_id: int
    thread_id: str | None
    handle: str | None
    text: str
    attachments: tuple[tuple[str, str, bytes], ...] = ()  # (file name, MIME type, bytes)
    subject: str | None = None  # the conversation's subject
    references: tuple[str, ...] = ()  # external ids of the thread's messages, oldest first
    # The same at every attempt to send this reply, and never the same for two replies: a
    # channel that can look up what it sent names the reply by it and so never sends one
    # twice (a crash between sending and recording it, a retry after a time-out).
    key: str = ""


@dataclass(frozen=True)
class Fetched:
    messages: list[Incoming]
    cursor: str | None  # pass back on the next fetch


class ChannelError(ShopDeskError):
    """The channel could not do its work. ``temporary``: worth trying again later.
    ``maybe_sent``: a send failed at a point where the service may have taken the reply
    (the connection was lost while it was being handed over): it is not tried again alone."""

    def __init__(self, message: str, *, temporary: bool = True,
                 maybe_sent: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary
        self.maybe_sent = maybe_sent


class Channel(Protocol):
    def fetch(self, cursor: str | None) -> Fetched: ...

    def send(self, reply: Outgoing) -> str | None:
        """Send; returns the platform's id of the sent message, if it gives one. Raising
        ``ChannelError`` means the reply was not sent, unless it says ``maybe_sent``."""
        ...

    # Optional: ``find_sent(reply) -> str | None``, the platform's id of ``reply`` when it
    # is among what was sent (e-mail: the Sent folder), else None. After a crash while
    # sending, a channel without it cannot tell, and the reply waits for a person.


@dataclass
class ChannelSettings:
    kind: str
    options: dict[str, Any] = field(default_factory=dict)
