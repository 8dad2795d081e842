"""Store rules with their defaults: the one place that reads and writes ``Store.settings``.

Every rule a shop can change per store (return window, case deadlines, complaint SLAs, the
satisfaction survey) has its default and its allowed range here; services ask this module
and never read ``settings`` by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.models.enums import Severity
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing


@dataclass(frozen=True)
class RuleField:
    key: str  # in Store.settings
    low: int
    high: int
    default: int


RETURN_RULES = (
    RuleField("no_reason_return_days", 0, 90, 7),
    RuleField("answer_request_hours", 1, 720, 48),
    RuleField("ship_back_days", 1, 90, 7),
    RuleField("refund_hours", 1, 720, 48),
)
SLA_RULES = (  # hours to resolve a complaint, by severity
    RuleField("sla_critical_hours", 1, 720, 2),
    RuleField("sla_high_hours", 1, 720, 8),
    RuleField("sla_normal_hours", 1, 720, 24),
    RuleField("sla_low_hours", 1, 720, 72),
)
RFM_RULES = (  # customer segments
    RuleField("rfm_window_days", 7, 730, 90),
    RuleField("rfm_vip_orders", 1, 100, 3),
    RuleField("rfm_vip_spent_minor", 0, 100_000_000, 100_000),  # 1,000.00 in the currency
    RuleField("rfm_new_days", 1, 365, 30),
    RuleField("rfm_lost_days", 30, 1460, 180),
)
INT_RULES = RETURN_RULES + SLA_RULES + RFM_RULES
SLA_KEY = {Severity.CRITICAL: "sla_critical_hours", Severity.HIGH: "sla_high_hours",
           Severity.NORMAL: "sla_normal_hours", Severity.LOW: "sla_low_hours"}
MAX_TEMPLATE = 500


@dataclass(frozen=True)
class StoreRules:
    reply_target: timedelta = timedelta(minutes=60)
    no_reason_return_days: int = 7
    answer_request_within: timedelta = timedelta(hours=48)
    ship_back_within: timedelta = timedelta(days=7)
    refund_within: timedelta = timedelta(hours=48)
    survey_enabled: bool = True
    survey_template: str = ""  # empty: ShopDesk's own text in the customer's language
    sla_hours: tuple[tuple[Severity, int], ...] = tuple(
        (sev, next(f.default for f in SLA_RULES if f.key == key)) for sev, key in SLA_KEY.items())

    rfm_window_days: int = 90
    rfm_vip_orders: int = 3
    rfm_vip_spent_minor: int = 100_000
    rfm_new_days: int = 30
    rfm_lost_days: int = 180

    def complaint_sla(self, severity: Severity) -> timedelta:
        return timedelta(hours=dict(self.sla_hours)[Severity(severity)])


def rule_values(settings: dict[str, Any] | None) -> dict[str, Any]:
    """Every rule of a store (defaults filled in), as the settings page edits them."""
    s = settings or {}
    values: dict[str, Any] = {f.key: int(s.get(f.key, f.default)) for f in INT_RULES}
    values["survey_enabled"] = bool(s.get("survey_enabled", True))
    values["survey_template"] = str(s.get("survey_template", ""))
    return values


def rules_for(reply_target_minutes: int, settings: dict[str, Any] | None) -> StoreRules:
    """The rules of a store from its columns and its ``settings`` JSON (missing → default)."""
    v = rule_values(settings)
    return StoreRules(
        reply_target=timedelta(minutes=reply_target_minutes),
        no_reason_return_days=v["no_reason_return_days"],
        answer_request_within=timedelta(hours=v["answer_request_hours"]),
        ship_back_within=timedelta(days=v["ship_back_days"]),
        refund_within=timedelta(hours=v["refund_hours"]),
        survey_enabled=v["survey_enabled"],
        survey_template=v["survey_template"],
        sla_hours=tuple((sev, v[key]) for sev, key in SLA_KEY.items()),
        **{f.key: v[f.key] for f in RFM_RULES},
    )


def of_store(store: Store) -> StoreRules:
    return rules_for(store.reply_target_minutes, store.settings)


def check_rule_values(values: dict[str, Any]) -> dict[str, Any]:
    """Only known rules, each of the right type and in its range; else ``ShopDeskError``."""
    fields = {f.key: f for f in INT_RULES}
    clean: dict[str, Any] = {}
    for key, value in values.items():
        spec = fields.get(key)
        if key == "survey_enabled":
            if not isinstance(value, bool):
                raise ShopDeskError("survey_enabled must be true or false")
        elif key == "survey_template":
            if not isinstance(value, str) or len(value) > MAX_TEMPLATE:
                raise ShopDeskError(f"the survey text must be at most {MAX_TEMPLATE} characters")
            value = value.strip()
        elif spec is None:
            raise ShopDeskError(f"'{key}' is not a store rule")
        elif isinstance(value, bool) or not isinstance(value, int) or not (
                spec.low <= value <= spec.high):
            raise ShopDeskError(f"{key} must be a whole number from {spec.low} to {spec.high}")
        clean[key] = value
    return clean


def set_store_rules(session: Session, agent: Agent, store_id: int,
                    values: dict[str, Any]) -> Store:
    """Change a store's rules (owner; audited)."""
    require(agent, Action.MANAGE_SETTINGS)
    clean = check_rule_values(values)
    store = existing(session, Store, store_id, "store")
    before = rule_values(store.settings)
    store.settings = {**(store.settings or {}), **clean}  # a new dict: JSON change tracked
    audit.record(session, agent.id, "store.rules", "store", store.id, before,
                 rule_values(store.settings))
    return store
