"""One PC at a time runs a store's channel: a lease on the store's ``channel_states`` row.

Every running ShopDesk has a holder id (PC name, process, a random part). Before it fetches
and sends a store's channel it claims the lease: it takes it when nobody holds it, when it
holds it already (renewal) or when the holder's time ran out (the holder stopped, crashed or
was killed). The claim is one conditional UPDATE, so two PCs claiming at once cannot both
win. On PostgreSQL the database's clock decides expiry, so PCs whose clocks differ agree.
A program that stops cleanly gives its leases back at once.

Sending is safe even while two PCs disagree for a moment (a claim runs out mid-sync): a reply
is claimed ``queued → sending`` by one conditional UPDATE before it is sent, and fetched
messages are stored once by their external id.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopdesk.channels.base import Channel
from shopdesk.channels.sync import SyncResult, sync_store
from shopdesk.db import Database
from shopdesk.models import ChannelState, Store
from shopdesk.times import as_utc, utcnow

LEASE = timedelta(seconds=45)  # renewed every few seconds while the holder runs


@dataclass(frozen=True)
class Holder:
    """One running program: ``key`` is unique to it, ``name`` is what people see (the PC)."""

    key: str
    name: str

    @classmethod
    def here(cls) -> Holder:
        name = socket.gethostname() or "this PC"
        return cls(f"{name}:{os.getpid()}:{uuid.uuid4().hex[:8]}", name)


@dataclass(frozen=True)
class Lease:
    store_id: int
    store: str
    holder_name: str
    mine: bool
    until: datetime


def database_now(session: Session) -> datetime:
    """The time by the database's clock (PostgreSQL: the server's; SQLite: this PC's)."""
    if session.get_bind().dialect.name == "postgresql":
        return as_utc(session.execute(text("SELECT now()")).scalar_one())
    return utcnow()


def claim(db: Database, store_id: int, holder: Holder, ttl: timedelta = LEASE) -> bool:
    """Take or renew the lease of ``store_id`` for ``holder``. False: another PC holds it."""
    try:
        with db.transaction() as session:
            now = database_now(session)
            taken = session.execute(
                update(ChannelState)
                .where(ChannelState.store_id == store_id,
                       or_(ChannelState.holder == holder.key, ChannelState.holder.is_(None),
                           ChannelState.lease_until.is_(None),
                           ChannelState.lease_until < now))
                .values(holder=holder.key, holder_name=holder.name, lease_until=now + ttl)
                .execution_options(synchronize_session=False)).rowcount
            if taken:
                return True
            if session.get(ChannelState, store_id) is not None:
                return False  # held by another program whose time has not run out
            session.add(ChannelState(store_id=store_id, online=True, holder=holder.key,
                                     holder_name=holder.name, lease_until=now + ttl))
        return True
    except IntegrityError:  # another PC created the row at the same moment: it holds it
        return False


def release(db: Database, holder: Holder) -> None:
    """Give back every lease ``holder`` has (a clean stop): another PC takes over at once."""
    with db.transaction() as session:
        session.execute(update(ChannelState).where(ChannelState.holder == holder.key)
                        .values(holder=None, holder_name=None, lease_until=None)
                        .execution_options(synchronize_session=False))


def leases(session: Session, holder: Holder | None = None) -> list[Lease]:
    """The leases that are running now, by store name."""
    now = database_now(session)
    rows = session.execute(
        select(ChannelState.store_id, Store.name, ChannelState.holder,
               ChannelState.holder_name, ChannelState.lease_until)
        .join(Store, Store.id == ChannelState.store_id)
        .where(ChannelState.lease_until >= now).order_by(Store.name))
    return [Lease(sid, name, holder_name or "?", holder is not None and key == holder.key,
                  as_utc(until)) for sid, name, key, holder_name, until in rows]


def sync_if_held(db: Database, store_id: int, channel: Channel, holder: Holder,
                 ttl: timedelta = LEASE, now: Callable[[], datetime] = utcnow
                 ) -> SyncResult | None:
    """Fetch, store and send for one store if this program holds its lease (taking it
    when free); None when another PC runs the store."""
    if not claim(db, store_id, holder, ttl):
        return None
    return sync_store(db, store_id, channel, now)
