"""Agents, roles, PINs, sign-in and the permission table (service layer)."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, AuditEvent
from shopdesk.models.enums import Role
from shopdesk.services import agents as svc
from shopdesk.services.permissions import Action, PermissionDenied, can, denial, require
from tests import factories as f

A = Action
# Written out by hand from the issue, so that a change to ROLE_ACTIONS is a test failure.
EXPECTED = {
    Role.OWNER: set(A),
    Role.AGENT: {A.VIEW, A.REPLY, A.HANDLE_CASES, A.APPROVE_REFUND, A.END_SHIFT},
    Role.BOOKKEEPER: {A.VIEW, A.SEE_PERSONAL_DATA, A.EXPORT},
}


def person(role: Role, limit: int | None = None, active: bool = True) -> Agent:
    """An agent with a refund limit of ``limit`` in CNY."""
    return Agent(key=role.value, name=role.value, role=role,
                 refund_limits={"CNY": limit} if limit is not None else None, active=active)


@pytest.mark.parametrize(("role", "action"), list(itertools.product(Role, Action)))
def test_permission_table(role: Role, action: Action) -> None:
    agent = person(role, limit=10_000)
    allowed = action in EXPECTED[role]
    assert can(agent, action) is allowed
    if allowed:
        require(agent, action)
    else:
        with pytest.raises(PermissionDenied) as err:
            require(agent, action)
        assert "cannot" in str(err.value)


def test_refund_limits() -> None:
    agent = person(Role.AGENT, limit=20_000)
    assert can(agent, A.APPROVE_REFUND, amount_minor=20_000, currency="CNY")
    assert not can(agent, A.APPROVE_REFUND, amount_minor=20_001, currency="CNY")
    assert "owner must approve" in denial(agent, A.APPROVE_REFUND, amount_minor=20_001,
                                          currency="CNY")
    assert not can(person(Role.AGENT, limit=None), A.APPROVE_REFUND, amount_minor=1,
                   currency="CNY")
    assert can(person(Role.OWNER), A.APPROVE_REFUND, amount_minor=10**12, currency="USD")
    assert not can(person(Role.BOOKKEEPER), A.APPROVE_REFUND, amount_minor=1, currency="CNY")


def test_a_refund_limit_holds_in_its_own_currency_only() -> None:
    """¥200.00 is not $200.00: a limit in yuan allows no dollars, and each currency has its
    own."""
    yuan_only = person(Role.AGENT, limit=20_000)
    assert not can(yuan_only, A.APPROVE_REFUND, amount_minor=1, currency="USD")
    both = Agent(key="b", name="b", role=Role.AGENT, active=True,
                 refund_limits={"CNY": 20_000, "USD": 3_000})
    assert can(both, A.APPROVE_REFUND, amount_minor=3_000, currency="USD")
    assert not can(both, A.APPROVE_REFUND, amount_minor=3_001, currency="USD")
    assert can(both, A.APPROVE_REFUND, amount_minor=20_000, currency="cny")
    with pytest.raises(TypeError):  # an amount without its currency is a bug
        can(both, A.APPROVE_REFUND, amount_minor=1)


def test_deactivated_and_nobody_can_do_nothing() -> None:
    assert not can(person(Role.OWNER, active=False), A.VIEW)
    assert not can(None, A.VIEW)


def test_pin_is_salted_and_never_stored_in_clear() -> None:
    first, second = svc.hash_pin("1234"), svc.hash_pin("1234")
    assert first != second and "1234" not in first
    assert svc.verify_pin("1234", first) and not svc.verify_pin("4321", first)
    assert svc.verify_pin("", None)  # no PIN set
    for bad in ("12", "abcd", "123456789"):
        with pytest.raises(ShopDeskError, match="4 to 8 digits"):
            svc.hash_pin(bad)


def test_owner_first_then_agents_are_managed_by_the_owner_only(db) -> None:
    with db.transaction() as s:
        owner = svc.create_owner(s, "林晓雨", "2468")
        assert owner.key == "owner" and owner.role == Role.OWNER
        with pytest.raises(ShopDeskError, match="already has an owner"):
            svc.create_owner(s, "Someone")
        st = f.store()
        s.add(st)
        s.flush()
        agent = svc.add_agent(s, owner, svc.AgentChanges(
            "Emma Brooks", Role.AGENT, pin="1357", refund_limits={"CNY": 20000},
            store_ids=[st.id]))
        assert agent.key == "emma-brooks" and agent.stores == [st]
        with pytest.raises(PermissionDenied):
            svc.add_agent(s, agent, svc.AgentChanges("Eve", Role.OWNER))
        svc.update_agent(s, owner, agent.id, svc.AgentChanges(
            "Emma B.", Role.AGENT, pin="", refund_limits={"CNY": 5000, "USD": 0}))
        assert agent.pin_hash is None and agent.refund_limits == {"CNY": 5000}
        for bad in ({"CNY": -1}, {"yuan": 100}, {"USD": True}):
            with pytest.raises(ShopDeskError):
                svc.update_agent(s, owner, agent.id, svc.AgentChanges(
                    "Emma B.", Role.AGENT, refund_limits=bad))
        with pytest.raises(ShopDeskError, match="needs an owner"):
            svc.update_agent(s, owner, owner.id, svc.AgentChanges("林晓雨", Role.AGENT))
        with pytest.raises(ShopDeskError, match="yourself"):
            svc.set_active(s, owner, owner.id, False)
        svc.set_active(s, owner, agent.id, False)
    with db.read_session() as s:
        actions = s.execute(select(AuditEvent.action, AuditEvent.agent_id)
                            .order_by(AuditEvent.id)).all()
        owner_id = s.scalar(select(Agent.id).where(Agent.key == "owner"))
        assert [a for a, _ in actions] == [
            "agent.create", "agent.create", "agent.update", "agent.deactivate"]
        assert all(agent_id == owner_id for _, agent_id in actions)  # audit names the agent
        assert [a.name for a in svc.active_agents(s)] == ["林晓雨"]
        assert len(svc.all_agents(s)) == 2  # never deleted


def test_sign_in_with_pin_and_lockout(db) -> None:
    now = [1000.0]
    guard = svc.SignInGuard(clock=lambda: now[0])
    with db.transaction() as s:
        owner = svc.create_owner(s, "Owner", "2468")
        oid = owner.id
    with db.transaction() as s:
        assert guard.sign_in(s, oid, "2468").id == oid
        for left in (2, 1):
            with pytest.raises(svc.SignInError) as err:
                guard.sign_in(s, oid, "0000")
            assert err.value.tries_left == left
        with pytest.raises(svc.SignInError, match="Try again in 30 s") as err:
            guard.sign_in(s, oid, "0000")
        assert err.value.wait_seconds == 30
        now[0] += 10
        with pytest.raises(svc.SignInError, match="20 s"):
            guard.sign_in(s, oid, "2468")  # even the right PIN waits
        now[0] += 20
        assert guard.sign_in(s, oid, "2468").id == oid
    with db.read_session() as s:
        assert "agent.locked_out" in s.scalars(select(AuditEvent.action)).all()


def test_sign_in_by_key_needs_an_agent_without_pin(db) -> None:
    guard = svc.SignInGuard()
    with db.transaction() as s:
        owner = svc.create_owner(s, "Owner", "2468")
        svc.add_agent(s, owner, svc.AgentChanges("Wang", Role.AGENT))
    with db.transaction() as s:
        assert guard.sign_in_without_pin(s, "wang").name == "Wang"
        with pytest.raises(svc.SignInError, match="has a PIN"):
            guard.sign_in_without_pin(s, "owner")
        with pytest.raises(svc.SignInError, match="no agent 'nobody'"):
            guard.sign_in_without_pin(s, "nobody")
