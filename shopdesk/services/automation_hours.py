"""A store's opening times for automation: working hours and days (Settings → Stores) in
the store's time zone, and the holidays the owner lists (``Store.settings["holidays"]``,
ISO dates, closed all day).

    is_open(store, at) -> bool
    next_opening(store, at) -> datetime (UTC)   the first open minute at or after ``at``
    holidays(store) -> list[date]
    set_holidays(session, actor, store_id, dates) -> Store   (owner; audited)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing

MAX_HOLIDAYS = 400


@dataclass(frozen=True)
class Hours:
    zone: ZoneInfo
    start: time
    end: time
    days: frozenset[int]  # Monday = 0
    holidays: frozenset[date]

    def open_on(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.holidays


def _hhmm(value: str, default: str) -> time:
    try:
        h, m = (value or default).split(":")
        return time(int(h), int(m))
    except (ValueError, AttributeError):
        h, m = default.split(":")
        return time(int(h), int(m))


def hours_of(store: Store) -> Hours:
    s = store.settings or {}
    wh = s.get("working_hours") or {}
    try:
        zone = ZoneInfo(store.timezone)
    except Exception:  # noqa: BLE001 - a broken zone must not stop automation
        zone = ZoneInfo("Asia/Shanghai")
    days = frozenset(int(d) for d in wh.get("days", range(7)))
    return Hours(zone, _hhmm(wh.get("start"), "09:00"), _hhmm(wh.get("end"), "18:00"),
                 days, frozenset(holidays(store)))


def holidays(store: Store) -> list[date]:
    found = []
    for value in (store.settings or {}).get("holidays") or []:
        try:
            found.append(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return sorted(set(found))


def is_open(store: Store, at: datetime) -> bool:
    h = hours_of(store)
    local = at.astimezone(h.zone)
    return h.open_on(local.date()) and h.start <= local.time() < h.end


def next_opening(store: Store, at: datetime) -> datetime:
    """When the store opens next (``at`` itself when it is open then), in UTC."""
    h = hours_of(store)
    local = at.astimezone(h.zone)
    if h.open_on(local.date()) and h.start <= local.time() < h.end:
        return at.astimezone(UTC)
    day = local.date()
    if h.open_on(day) and local.time() < h.start:
        return datetime.combine(day, h.start, h.zone).astimezone(UTC)
    for _ in range(MAX_HOLIDAYS + 8):
        day += timedelta(days=1)
        if h.open_on(day):
            return datetime.combine(day, h.start, h.zone).astimezone(UTC)
    return (at + timedelta(days=1)).astimezone(UTC)  # never open: say tomorrow


def local_text(store: Store, at: datetime, lang: str = "zh") -> str:
    """``at`` in the store's time zone, as a customer reads it (12月2日 09:00 / Dec 2, 09:00)."""
    local = at.astimezone(hours_of(store).zone)
    if lang.startswith("zh"):
        return f"{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local:%b} {local.day}, {local:%H:%M}"


def set_holidays(session: Session, actor: Agent, store_id: int,
                 dates: Iterable[date | str]) -> Store:
    """The store's holidays (closed all day), replacing the list (owner; audited)."""
    require(actor, Action.MANAGE_SETTINGS)
    clean: set[date] = set()
    for value in dates:
        try:
            clean.add(value if isinstance(value, date) else date.fromisoformat(str(value)))
        except ValueError:
            raise ShopDeskError(f"“{value}” is not a date like 2026-10-01.") from None
    if len(clean) > MAX_HOLIDAYS:
        raise ShopDeskError(f"At most {MAX_HOLIDAYS} holidays.")
    store = existing(session, Store, store_id, "store")
    before = [d.isoformat() for d in holidays(store)]
    after = sorted(d.isoformat() for d in clean)
    store.settings = {**(store.settings or {}), "holidays": after}
    audit.record(session, actor.id, "store.holidays", "store", store.id,
                 {"holidays": before}, {"holidays": after})
    return store
