"""Which channel runs for a store: ``Store.settings["channel"]["kind"]`` names a module's
factory here. A new channel is one module plus one line in ``FACTORIES`` (docs/channels.md).

A factory gets the store and the program's ``Credentials`` (the OS keyring) and returns a
ready channel; settings without secrets live in the store's settings, secrets only in the
keyring.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.channels.base import Channel
from shopdesk.channels.demo import DemoChannel
from shopdesk.channels.email import EmailChannel, EmailSettings
from shopdesk.credentials import Credentials
from shopdesk.models import Conversation, Customer, CustomerIdentity, Store
from shopdesk.models.enums import Platform

Factory = Callable[[Session, Store, Credentials], Channel]


def _demo(session: Session, store: Store, _credentials: Credentials) -> Channel:
    rows = session.execute(
        select(Conversation.external_id, CustomerIdentity.handle, Customer.name)
        .join(Customer, Customer.id == Conversation.customer_id)
        .join(CustomerIdentity, (CustomerIdentity.customer_id == Customer.id)
              & (CustomerIdentity.store_id == store.id))
        .where(Conversation.store_id == store.id, Conversation.external_id.is_not(None))
        .order_by(Conversation.last_message_at.desc()).limit(200)).all()
    language = "en" if store.platform in (Platform.SHOPIFY, Platform.AMAZON) else "zh"
    # One thread per customer, their newest, as a chat platform keeps it: a customer who
    # writes again continues that conversation instead of reopening old closed ones.
    threads: dict[str, tuple[str, str, str]] = {}
    for thread, handle, name in rows:
        threads.setdefault(handle, (thread, handle, name))
    # About one new message a minute per store: busy, but a person can keep up.
    return DemoChannel(store.key, language, list(threads.values()), every_seconds=40.0)


def _email(_session: Session, store: Store, credentials: Credentials) -> Channel:
    settings = EmailSettings.from_dict(channel_settings(store))
    return EmailChannel(store.name, settings, credentials.get(store.key, "password"))


FACTORIES: dict[str, Factory] = {"demo": _demo, "email": _email}
# The secrets each kind keeps in the keyring (Settings → Stores asks for them).
SECRETS: dict[str, tuple[str, ...]] = {"demo": (), "email": ("password",)}


def channel_settings(store: Store) -> dict:
    return dict((store.settings or {}).get("channel") or {})


def channel_for(session: Session, store: Store, credentials: Credentials) -> Channel | None:
    """The store's channel, or None when the store has none configured."""
    kind = channel_settings(store).get("kind")
    factory = FACTORIES.get(kind) if kind else None
    return factory(session, store, credentials) if factory else None
