"""Who may do what: one permission check for the whole program.

``can(agent, action)`` answers for every page and command; ``require`` is the same check in
the service layer, raising ``PermissionDenied`` with a reason a person understands. The UI
hides or disables what a role cannot do and says why; the services refuse it as well, so a
missed button is never a hole.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from shopdesk.errors import ShopDeskError
from shopdesk.models.enums import Role


class Action(StrEnum):
    VIEW = "view"                          # read conversations, customers, cases, reports
    REPLY = "reply"                        # answer customers, notes, tags, assign
    SEE_PERSONAL_DATA = "see_personal_data"  # unmasked phone numbers and addresses
    HANDLE_CASES = "handle_cases"          # create and work returns and complaints
    APPROVE_REFUND = "approve_refund"      # up to the agent's refund limit; owner: any amount
    EXPORT = "export"                      # Excel workbooks, dataset dump
    MANAGE_SETTINGS = "manage_settings"    # shop rules, quick replies, tags
    MANAGE_STORES = "manage_stores"
    MANAGE_AGENTS = "manage_agents"
    END_SHIFT = "end_shift"                # write a handover, reassign own work
    RESTORE_BACKUP = "restore_backup"      # replace the shop with a backup, choose the folder


ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.AGENT: frozenset({
        Action.VIEW, Action.REPLY, Action.HANDLE_CASES, Action.APPROVE_REFUND, Action.END_SHIFT,
    }),
    Role.BOOKKEEPER: frozenset({
        Action.VIEW, Action.SEE_PERSONAL_DATA, Action.EXPORT,
    }),
}

_ROLE_NAMES = {Role.OWNER: "the owner", Role.AGENT: "an agent", Role.BOOKKEEPER: "a bookkeeper"}


class AgentLike(Protocol):
    role: Role
    active: bool
    refund_limits: dict[str, int] | None


class PermissionDenied(ShopDeskError):
    def __init__(self, message: str, action: Action) -> None:
        super().__init__(message)
        self.action = action


def can(agent: AgentLike | None, action: Action, *, amount_minor: int | None = None,
        currency: str | None = None) -> bool:
    """Whether ``agent`` may do ``action`` (for a refund: of ``amount_minor`` in
    ``currency``)."""
    return denial(agent, action, amount_minor=amount_minor, currency=currency) is None


def refund_limit(agent: AgentLike, currency: str) -> int:
    """What ``agent`` may refund alone in ``currency``, in minor units (0: nothing)."""
    return int((agent.refund_limits or {}).get(currency.upper(), 0))


def denial(agent: AgentLike | None, action: Action, *,
           amount_minor: int | None = None, currency: str | None = None) -> str | None:
    """Why ``agent`` may not do ``action``, or None when it may."""
    if agent is None:
        return "nobody is signed in"
    if not agent.active:
        return "this agent has been deactivated"
    role = Role(agent.role)
    if action not in ROLE_ACTIONS[role]:
        return f"{_ROLE_NAMES[role]} cannot {_describe(action)}"
    if action == Action.APPROVE_REFUND and role != Role.OWNER and amount_minor is not None:
        if currency is None:
            raise TypeError("a refund limit is checked in a currency")
        if amount_minor > refund_limit(agent, currency):
            return "the amount is above your refund limit; the owner must approve it"
    return None


def require(agent: AgentLike | None, action: Action, *, amount_minor: int | None = None,
            currency: str | None = None) -> None:
    reason = denial(agent, action, amount_minor=amount_minor, currency=currency)
    if reason is not None:
        raise PermissionDenied(reason[0].upper() + reason[1:] + ".", action)


def _describe(action: Action) -> str:
    return {
        Action.VIEW: "view the shop",
        Action.REPLY: "answer customers or change conversations",
        Action.SEE_PERSONAL_DATA: "see unmasked phone numbers and addresses",
        Action.HANDLE_CASES: "change returns or complaints",
        Action.APPROVE_REFUND: "approve refunds",
        Action.EXPORT: "export data",
        Action.MANAGE_SETTINGS: "change settings",
        Action.MANAGE_STORES: "change stores",
        Action.MANAGE_AGENTS: "change agents",
        Action.END_SHIFT: "hand over a shift",
        Action.RESTORE_BACKUP: "restore backups",
    }[action]
