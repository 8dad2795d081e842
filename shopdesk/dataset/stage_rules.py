"""Automation rules in the dataset: the ``rule`` kind, read and written.

    {"kind": "rule", "key": "r1", "store": "tm" | null, "name": "…", "enabled": false,
     "builtin": "greeting" | null, "trigger": {"kind": "keyword", "words": [...]},
     "conditions": [...], "actions": [...]}

Trigger, conditions and actions are the JSON of ``services/automation_rules.py`` and are
checked by it; a file without rules (every file before them) loads as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.dataset.staging import Staging
from shopdesk.errors import DatasetError
from shopdesk.models import AutomationRule, Store
from shopdesk.services.automation_rules import RuleSpec, problems


class RuleRecords(Staging):
    def _stage_rule(self, n: int, v: dict[str, Any]) -> None:
        self.define("rule", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        spec = RuleSpec(v["name"], v["trigger"], v["conditions"] or [], v["actions"],
                        store["id"] if store else None, bool(v["enabled"]))
        found = problems(spec)
        if found:
            raise DatasetError(found[0], n, "trigger")
        trigger = dict(v["trigger"])
        kind = trigger.pop("kind")
        existing = self._existing.id_of(AutomationRule, v["key"])
        now = datetime.now(UTC)
        row = {"key": v["key"], "store_id": spec.store_id, "name": v["name"].strip(),
               "enabled": spec.enabled, "builtin": v["builtin"], "trigger": kind,
               "trigger_params": trigger, "conditions": spec.conditions,
               "actions": spec.actions, "updated_at": now}
        if existing is None:
            row.update(position=self.report.inserted["rule"] + 1, created_at=now, version=1)
        self.put(AutomationRule.__table__, "rule", row, existing)


def rule_records(session: Session) -> Iterator[dict[str, Any]]:
    stores = dict(session.execute(select(Store.id, Store.key)).all())
    for r in session.scalars(select(AutomationRule).order_by(AutomationRule.position,
                                                             AutomationRule.id)):
        yield {"kind": "rule", "key": r.key,
               "store": stores.get(r.store_id) if r.store_id else None, "name": r.name,
               "enabled": r.enabled, "builtin": r.builtin,
               "trigger": {"kind": r.trigger, **(r.trigger_params or {})},
               "conditions": r.conditions or [], "actions": r.actions or []}
