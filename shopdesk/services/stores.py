"""Stores: add, edit and archive them, with their channel; secrets go to the keyring.

A store's channel settings (server names, ports, mailbox…) live in ``Store.settings
["channel"]``; its passwords and tokens only in the OS keyring through ``Credentials``,
never in the database, the audit trail, the settings file or the log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.channels.email import EmailChannel, EmailSettings
from shopdesk.channels.registry import SECRETS, channel_settings
from shopdesk.credentials import Credentials
from shopdesk.errors import ShopDeskError
from shopdesk.models import ChannelState, Order, Store
from shopdesk.models.enums import Platform
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing

CURRENCIES = ("CNY", "USD", "EUR", "HKD", "TWD", "JPY", "KRW", "GBP", "AUD", "CAD", "SGD")
CHANNELS = ("", "email", "demo")  # "": no channel (orders and records only)
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


@dataclass
class StoreForm:
    name: str = ""
    platform: str = Platform.EMAIL.value
    colour: str = "#2563EB"
    currency: str = "CNY"
    timezone: str = "Asia/Shanghai"
    reply_target_minutes: int = 60
    hours_start: str = "09:00"
    hours_end: str = "18:00"
    days: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4, 5, 6])  # Monday = 0
    channel: dict[str, Any] = field(default_factory=dict)  # kind + settings, no secrets
    secrets: dict[str, str] = field(default_factory=dict)  # only those typed in this time

    @classmethod
    def of(cls, store: Store) -> StoreForm:
        hours = (store.settings or {}).get("working_hours") or {}
        return cls(store.name, store.platform.value, store.colour or "#2563EB", store.currency,
                   store.timezone, store.reply_target_minutes, hours.get("start", "09:00"),
                   hours.get("end", "18:00"), list(hours.get("days", range(7))),
                   channel_settings(store))

    def problems(self) -> list[str]:
        found = []
        if not self.name.strip():
            found.append("The store needs a name.")
        if self.platform not in {p.value for p in Platform}:
            found.append("Choose the store's platform.")
        if not _COLOUR.fullmatch(self.colour or ""):
            found.append("The colour must look like #FF5000.")
        if not re.fullmatch(r"[A-Z]{3}", self.currency or ""):
            found.append("The currency must be a three-letter code such as CNY or USD.")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            found.append(f"“{self.timezone}” is not a time zone (for example Asia/Shanghai).")
        if not 1 <= int(self.reply_target_minutes) <= 7 * 24 * 60:
            found.append("The reply target must be between 1 minute and 7 days.")
        if not (_TIME.fullmatch(self.hours_start) and _TIME.fullmatch(self.hours_end)):
            found.append("Working hours must be times like 09:00 and 18:00.")
        elif self.hours_start >= self.hours_end:
            found.append("Working hours must end after they start.")
        if not self.days or any(d not in range(7) for d in self.days):
            found.append("Choose at least one working day.")
        kind = self.channel.get("kind", "")
        if kind not in CHANNELS:
            found.append(f"Unknown channel “{kind}”.")
        if kind == "email":
            found += EmailSettings.from_dict(self.channel).problems()
        return found


def time_zones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def _key(session: Session, name: str, platform: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or platform
    key, n = base, 1
    while session.scalar(select(func.count()).select_from(Store).where(Store.key == key)):
        n += 1
        key = f"{base}-{n}"
    return key


def _values(store: Store) -> dict[str, Any]:
    """What the audit trail keeps of a store (never a secret)."""
    return {"name": store.name, "platform": store.platform.value, "colour": store.colour,
            "currency": store.currency, "timezone": store.timezone,
            "reply_target_minutes": store.reply_target_minutes, "archived": store.archived,
            "channel": channel_settings(store),
            "working_hours": (store.settings or {}).get("working_hours")}


def save_store(session: Session, agent: Any, form: StoreForm, credentials: Credentials,
               store_id: int | None = None) -> Store:
    """Add a store (``store_id`` None) or change one. Secrets typed in the form go to the
    keyring; the database keeps the rest."""
    require(agent, Action.MANAGE_STORES)
    problems = form.problems()
    if problems:
        raise ShopDeskError(" ".join(problems))
    kind = form.channel.get("kind", "")
    channel: dict[str, Any] = {}
    if kind == "email":
        channel = EmailSettings.from_dict(form.channel).to_dict()
    elif kind:
        channel = {"kind": kind}
    if store_id is None:
        store = Store(key=_key(session, form.name, form.platform), settings={})
        session.add(store)
        before = None
    else:
        store = existing(session, Store, store_id, "store")
        before = _values(store)
    if store_id is not None and store.currency != form.currency and session.scalar(
            select(func.count()).select_from(Order).where(Order.store_id == store.id)):
        raise ShopDeskError(f"This store has orders in {store.currency}; its currency "
                            "cannot change.")
    store.name, store.platform = form.name.strip(), Platform(form.platform)
    store.colour, store.currency, store.timezone = form.colour, form.currency, form.timezone
    store.reply_target_minutes = int(form.reply_target_minutes)
    old_channel = channel_settings(store)
    store.settings = {**(store.settings or {}), "channel": channel,
                      "working_hours": {"start": form.hours_start, "end": form.hours_end,
                                        "days": sorted(set(form.days))}}
    session.flush()
    if old_channel != channel:  # a new server or mailbox: read it from its start
        state = session.get(ChannelState, store.id)
        if state is not None:
            state.cursor, state.failures, state.online, state.error = None, 0, True, None
    for name in SECRETS.get(kind, ()):
        value = form.secrets.get(name)
        if value:
            credentials.set(store.key, name, value)
    audit.record(session, agent.id, "store.create" if before is None else "store.update",
                 "store", store.id, before, _values(store))
    return store


def set_archived(session: Session, agent: Any, store_id: int, archived: bool) -> Store:
    """Archive a store (its channel stops, its records stay) or bring it back."""
    require(agent, Action.MANAGE_STORES)
    store = existing(session, Store, store_id, "store")
    before = _values(store)
    store.archived = archived
    audit.record(session, agent.id, "store.archive" if archived else "store.unarchive",
                 "store", store.id, before, _values(store))
    return store


def missing_secrets(session: Session, credentials: Credentials) -> list[tuple[str, str, str]]:
    """(store key, store name, secret) of active stores whose channel needs a secret this
    computer does not have: what the program asks for when the keyring is not usable."""
    found = []
    for store in session.scalars(select(Store).where(Store.archived.is_(False))
                                 .order_by(Store.id)):
        for name in SECRETS.get(channel_settings(store).get("kind", ""), ()):
            if not credentials.get(store.key, name):
                found.append((store.key, store.name, name))
    return found


def test_connection(form: StoreForm, credentials: Credentials,
                    store_key: str | None = None) -> list[tuple[bool, str]]:
    """Try the form's channel (typed secrets first, else the stored ones): what worked and
    what did not, in plain words. Slow (network): run it off the GUI thread."""
    kind = form.channel.get("kind", "")
    if kind == "demo":
        return [(True, "The demo channel needs no connection.")]
    if kind != "email":
        return [(False, "This store has no channel to test.")]
    problems = EmailSettings.from_dict(form.channel).problems()
    if problems:
        return [(False, p) for p in problems]
    password = form.secrets.get("password") or (
        credentials.get(store_key, "password") if store_key else None)
    channel = EmailChannel(form.name or "ShopDesk",
                           EmailSettings.from_dict(form.channel), password)
    return channel.test()


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
