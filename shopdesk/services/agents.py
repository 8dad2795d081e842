"""Agents: the owner's first set-up, adding and changing agents, PINs and signing in."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from time import monotonic

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.models.enums import Role
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing

PIN_RE = re.compile(r"^\d{4,8}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MAX_TRIES = 3
LOCKOUT_SECONDS = 30


class SignInError(ShopDeskError):
    """Wrong PIN, locked out, or an agent who may not sign in."""

    def __init__(self, message: str, *, wait_seconds: int = 0, tries_left: int | None = None):
        super().__init__(message)
        self.wait_seconds = wait_seconds
        self.tries_left = tries_left


# -- PINs ------------------------------------------------------------------------------------

def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin``: ``scrypt$<salt hex>$<hash hex>``. Never the PIN."""
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    if not stored:
        return True
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    return hmac.compare_digest(digest.hex(), digest_hex)


def check_pin_format(pin: str) -> None:
    if not PIN_RE.match(pin):
        raise ShopDeskError("A PIN is 4 to 8 digits.")


# -- reading ---------------------------------------------------------------------------------

ROLE_ORDER = {Role.OWNER: 0, Role.AGENT: 1, Role.BOOKKEEPER: 2}


def active_agents(session: Session) -> list[Agent]:
    """Active agents: the owner first, then agents, then bookkeepers, each by name."""
    agents = session.scalars(select(Agent).where(Agent.active.is_(True)))
    return sorted(agents, key=lambda a: (ROLE_ORDER[a.role], a.name))


def all_agents(session: Session) -> list[Agent]:
    return list(session.scalars(select(Agent).order_by(Agent.active.desc(), Agent.name)))


def agent_by_key(session: Session, key: str) -> Agent | None:
    return session.scalar(select(Agent).where(Agent.key == key))


def has_owner(session: Session) -> bool:
    return bool(session.scalar(
        select(func.count()).select_from(Agent).where(Agent.role == Role.OWNER)))


# -- changing --------------------------------------------------------------------------------

@dataclass
class AgentChanges:
    """What the agents page edits. ``pin``: None keeps it, "" removes it, digits set it."""

    name: str
    role: Role
    pin: str | None = None
    refund_limits: dict[str, int] = field(default_factory=dict)  # currency → minor units
    store_ids: Sequence[int] = field(default_factory=list)


def _key_for(session: Session, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "agent"
    key, n = base[:50], 1
    while session.scalar(select(func.count()).select_from(Agent).where(Agent.key == key)):
        n += 1
        key = f"{base[:50]}-{n}"
    return key


def _snapshot(agent: Agent) -> dict[str, object]:
    return {"name": agent.name, "role": agent.role.value, "pin": bool(agent.pin_hash),
            "refund_limits": agent.refund_limits or {}, "active": agent.active,
            "stores": sorted(s.id for s in agent.stores)}


def create_owner(session: Session, name: str, pin: str | None = None) -> Agent:
    """The first agent of a new database. Refused once an owner exists."""
    if has_owner(session):
        raise ShopDeskError("This shop already has an owner.")
    name = name.strip()
    if not name:
        raise ShopDeskError("Enter the owner's name.")
    taken = session.scalar(select(func.count()).select_from(Agent).where(Agent.key == "owner"))
    owner = Agent(key=_key_for(session, name) if taken else "owner", name=name,
                  role=Role.OWNER, pin_hash=hash_pin(pin) if pin else None, active=True)
    session.add(owner)
    session.flush()
    audit.record(session, owner.id, "agent.create", "agent", owner.id, None, _snapshot(owner))
    return owner


def _apply(session: Session, agent: Agent, changes: AgentChanges) -> None:
    name = changes.name.strip()
    if not name:
        raise ShopDeskError("Enter the agent's name.")
    limits = {}
    for currency, minor in changes.refund_limits.items():
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise ShopDeskError(f"'{currency}' is not a currency code such as CNY or USD.")
        if isinstance(minor, bool) or not isinstance(minor, int) or minor < 0:
            raise ShopDeskError("A refund limit cannot be negative.")
        if minor:
            limits[currency] = minor
    agent.name = name
    agent.role = changes.role
    agent.refund_limits = limits or None
    if changes.pin is not None:
        agent.pin_hash = hash_pin(changes.pin) if changes.pin else None
    agent.stores = list(session.scalars(select(Store).where(Store.id.in_(changes.store_ids))))


def add_agent(session: Session, actor: Agent, changes: AgentChanges) -> Agent:
    require(actor, Action.MANAGE_AGENTS)
    agent = Agent(key=_key_for(session, changes.name), name=changes.name, role=changes.role,
                  active=True)
    _apply(session, agent, changes)
    session.add(agent)
    session.flush()
    audit.record(session, actor.id, "agent.create", "agent", agent.id, None, _snapshot(agent))
    return agent


def update_agent(session: Session, actor: Agent, agent_id: int, changes: AgentChanges) -> Agent:
    require(actor, Action.MANAGE_AGENTS)
    agent = existing(session, Agent, agent_id, "agent")
    before = _snapshot(agent)
    if agent.role == Role.OWNER and changes.role != Role.OWNER and _owners(session) == 1:
        raise ShopDeskError("The shop needs an owner: make someone else owner first.")
    _apply(session, agent, changes)
    audit.record(session, actor.id, "agent.update", "agent", agent.id, before, _snapshot(agent))
    return agent


def set_active(session: Session, actor: Agent, agent_id: int, active: bool) -> Agent:
    """Deactivate (or reactivate) an agent. Agents are never deleted: history keeps them."""
    require(actor, Action.MANAGE_AGENTS)
    agent = existing(session, Agent, agent_id, "agent")
    if not active and agent.id == actor.id:
        raise ShopDeskError("You cannot deactivate yourself.")
    if not active and agent.role == Role.OWNER and _owners(session) == 1:
        raise ShopDeskError("The shop needs an active owner.")
    before = _snapshot(agent)
    agent.active = active
    audit.record(session, actor.id, "agent.activate" if active else "agent.deactivate",
                 "agent", agent.id, before, _snapshot(agent))
    return agent


def _owners(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Agent).where(
        Agent.role == Role.OWNER, Agent.active.is_(True))) or 0)


# -- signing in ------------------------------------------------------------------------------

class SignInGuard:
    """Checks PINs; three wrong PINs in a row lock that agent out for 30 seconds."""

    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self.clock = clock
        self._failures: dict[int, int] = {}
        self._locked_until: dict[int, float] = {}

    def wait_seconds(self, agent_id: int) -> int:
        left = self._locked_until.get(agent_id, 0.0) - self.clock()
        return max(0, int(left + 0.999))

    def sign_in(self, session: Session, agent_id: int, pin: str = "") -> Agent:
        agent = session.get(Agent, agent_id)
        if agent is None or not agent.active:
            raise SignInError("This agent cannot sign in (deactivated or removed).")
        wait = self.wait_seconds(agent_id)
        if wait:
            raise SignInError(f"Too many wrong PINs. Try again in {wait} s.", wait_seconds=wait)
        if not verify_pin(pin, agent.pin_hash):
            failures = self._failures.get(agent_id, 0) + 1
            if failures >= MAX_TRIES:
                self._failures[agent_id] = 0
                self._locked_until[agent_id] = self.clock() + LOCKOUT_SECONDS
                audit.record(session, agent.id, "agent.locked_out", "agent", agent.id)
                raise SignInError(
                    f"Too many wrong PINs. Try again in {LOCKOUT_SECONDS} s.",
                    wait_seconds=LOCKOUT_SECONDS)
            self._failures[agent_id] = failures
            raise SignInError("Wrong PIN.", tries_left=MAX_TRIES - failures)
        self._failures.pop(agent_id, None)
        audit.record(session, agent.id, "agent.sign_in", "agent", agent.id)
        return agent

    def sign_in_without_pin(self, session: Session, key: str) -> Agent:
        """``--agent KEY``: only for an active agent without a PIN."""
        agent = agent_by_key(session, key)
        if agent is None:
            raise SignInError(f"There is no agent '{key}'.")
        if agent.pin_hash:
            raise SignInError(f"Agent '{key}' has a PIN: sign in from the window.")
        return self.sign_in(session, agent.id, "")
