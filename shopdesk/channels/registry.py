"""Which channel runs for a store: ``Store.settings["channel"]["kind"]`` names a module's
factory here. A new channel is one module plus one line in ``FACTORIES``."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.channels.base import Channel
from shopdesk.channels.demo import DemoChannel
from shopdesk.models import Conversation, Customer, CustomerIdentity, Store
from shopdesk.models.enums import Platform


def _demo(session: Session, store: Store) -> Channel:
    rows = session.execute(
        select(Conversation.external_id, CustomerIdentity.handle, Customer.name)
        .join(Customer, Customer.id == Conversation.customer_id)
        .join(CustomerIdentity, (CustomerIdentity.customer_id == Customer.id)
              & (CustomerIdentity.store_id == store.id))
        .where(Conversation.store_id == store.id, Conversation.external_id.is_not(None))
        .order_by(Conversation.last_message_at.desc()).limit(200)).all()
    language = "en" if store.platform in (Platform.SHOPIFY, Platform.AMAZON) else "zh"
    return DemoChannel(store.key, language, [tuple(r) for r in rows])  # type: ignore[misc]


FACTORIES: dict[str, Callable[[Session, Store], Channel]] = {"demo": _demo}


def channel_for(session: Session, store: Store) -> Channel | None:
    """The store's channel, or None when the store has none configured."""
    kind = ((store.settings or {}).get("channel") or {}).get("kind")
    factory = FACTORIES.get(kind) if kind else None
    return factory(session, store) if factory else None
