"""Store rules with their defaults: one place that reads ``Store.settings``.

Every rule a shop can change per store (return window, case deadlines, complaint SLAs)
has its default here; services ask this module and never read ``settings`` by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from shopdesk.errors import ShopDeskError
from shopdesk.models.enums import Severity

DEFAULT_SLA_HOURS = {
    Severity.CRITICAL: 2,
    Severity.HIGH: 8,
    Severity.NORMAL: 24,
    Severity.LOW: 72,
}


@dataclass(frozen=True)
class StoreRules:
    reply_target: timedelta = timedelta(minutes=60)
    no_reason_return_days: int = 7
    answer_request_within: timedelta = timedelta(hours=48)
    ship_back_within: timedelta = timedelta(days=7)
    refund_within: timedelta = timedelta(hours=48)
    survey_enabled: bool = True

    def complaint_sla(self, severity: Severity) -> timedelta:
        return timedelta(hours=DEFAULT_SLA_HOURS[Severity(severity)])


def rules_for(reply_target_minutes: int, settings: dict[str, Any] | None) -> StoreRules:
    """The rules of a store from its columns and its ``settings`` JSON (missing → default)."""
    s = settings or {}
    base = StoreRules()
    return StoreRules(
        reply_target=timedelta(minutes=reply_target_minutes),
        no_reason_return_days=int(s.get("no_reason_return_days", base.no_reason_return_days)),
        answer_request_within=timedelta(
            hours=int(s.get("answer_request_hours", base.answer_request_within.total_seconds() // 3600))
        ),
        ship_back_within=timedelta(
            days=int(s.get("ship_back_days", base.ship_back_within.days))
        ),
        refund_within=timedelta(
            hours=int(s.get("refund_hours", base.refund_within.total_seconds() // 3600))
        ),
        survey_enabled=bool(s.get("survey_enabled", base.survey_enabled)),
    )


@dataclass(frozen=True)
class RuleField:
    key: str  # in Store.settings
    low: int
    high: int
    default: int


RETURN_RULES = (
    RuleField("no_reason_return_days", 0, 90, StoreRules().no_reason_return_days),
    RuleField("answer_request_hours", 1, 720, 48),
    RuleField("ship_back_days", 1, 90, StoreRules().ship_back_within.days),
    RuleField("refund_hours", 1, 720, 48),
)


def rule_values(settings: dict[str, Any] | None) -> dict[str, int]:
    """The return rules of a store as the settings page edits them (defaults filled in)."""
    s = settings or {}
    return {f.key: int(s.get(f.key, f.default)) for f in RETURN_RULES}


def check_rule_values(values: dict[str, int]) -> dict[str, int]:
    """Only known rules, each a whole number in its range; else ``ShopDeskError``."""
    fields = {f.key: f for f in RETURN_RULES}
    clean = {}
    for key, value in values.items():
        spec = fields.get(key)
        if spec is None:
            raise ShopDeskError(f"'{key}' is not a store rule")
        if isinstance(value, bool) or not isinstance(value, int) or not (
                spec.low <= value <= spec.high):
            raise ShopDeskError(f"{key} must be a whole number from {spec.low} to {spec.high}")
        clean[key] = value
    return clean
