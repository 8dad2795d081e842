"""Stores, agents and tags: the shop's own set-up."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.models.base import Base, new_key, str_enum
from shopdesk.models.enums import Platform, Role
from shopdesk.times import utcnow

agent_stores = Table(
    "agent_stores",
    Base.metadata,
    Column("agent_id", ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True),
    Column("store_id", ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True),
)


class Store(Base):
    """One storefront of the owner. Credentials live in the OS keyring, never here."""

    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    platform: Mapped[Platform] = mapped_column(str_enum(Platform, "platform"))
    currency: Mapped[str] = mapped_column(String(3))
    timezone: Mapped[str] = mapped_column(String(64))
    colour: Mapped[str | None] = mapped_column(String(16))
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    reply_target_minutes: Mapped[int] = mapped_column(default=60)
    # Store rules (return window, deadlines, survey template, channel settings without
    # secrets). A JSON object so that a new rule needs no migration; services read it with
    # defaults (see shopdesk.services.rules).
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Agent(Base):
    """A person who works in ShopDesk. Never deleted: history keeps their name."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    # Refunds an agent may approve alone, in minor units per currency ({"CNY": 20000,
    # "USD": 3000}); a currency not named: none. The owner has no limit.
    refund_limits: Mapped[dict[str, int] | None] = mapped_column(JSON(none_as_null=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    stores: Mapped[list[Store]] = relationship(secondary=agent_stores)


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    name: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str | None] = mapped_column(String(16))


class ChannelState(Base):
    """Where a store's channel stands: its sync cursor and whether it is reachable."""

    __tablename__ = "channel_states"

    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"),
                                          primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(500))
    online: Mapped[bool] = mapped_column(Boolean, default=True)
    error: Mapped[str | None] = mapped_column(String(1000))
    checked_at: Mapped[datetime | None]
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # in a row
    # The lease: only the PC that holds it fetches and sends this store's channel
    # (channels/lease.py). ``holder`` names one running program, ``holder_name`` its PC.
    holder: Mapped[str | None] = mapped_column(String(200))
    holder_name: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None]
