"""Automation (issue #18): the one place to read how it fits together and what to call.

Modules
    automation_rules      rules as validated data (TRIGGERS, CONDITIONS, ACTIONS), keeping them
    automation_builtin    the built-in rules (off in a new shop, on in the demo)
    automation_triggers   events of each trigger kind, with their once-only keys; loop guards
    automation_conditions whether a rule's conditions hold
    automation_actions    plan each action as a plain step, then apply it; stale replies
    automation_engine     run_cycle: find, check, record once, act (run by the sync worker)
    automation_care       care messages (节日问候): proposed list → owner approves → sent
    automation_dryrun     try_message: what would fire and do, changing nothing
    automation_hours      working hours, weekdays and holidays in the store's time zone
    automation_presence   who is signed in now; notifications for the owner
    automation_reports    what automation did: per rule, first response auto vs human

For the Settings → Automation editor (every call inside one transaction, as the owner):

    list_rules(session, store_id=None) -> [AutomationRule]   .enabled .name .builtin .trigger …
    spec_of(rule) -> RuleSpec(name, trigger, conditions, actions, store_id, enabled)
    problems(spec) -> [str]          what is wrong, in plain words (empty: it can be saved)
    save_rule(session, owner, spec, rule_id=None) -> AutomationRule
    set_enabled(session, owner, rule_id, on) -> AutomationRule       the list's switch
    delete_rule(session, owner, rule_id)       refused for built-in rules (switch them off)
    TRIGGERS / CONDITIONS / ACTIONS            kind → {setting: what it is}: the pickers
    try_message(session, store_id, text, at, rules=[spec], conversation_id=None)
        -> [TryResult(rule, enabled, fires, steps, why_not, waits)]; describe(step) -> str
    set_holidays(session, owner, store_id, ["2026-10-01", …]); holidays(store)
    care_list(session, rule_id) -> [CareRow]; approve_care / reject_care(session, owner,
        rule_id, firing_ids=None)

For the inbox and composer:

    hold_for_typing(session, conversation_id, until)     call every few seconds while typing
    set_excluded(session, agent, conversation_id, excluded)   the conversation's switch
    Message.rule_id / Message.rule_name                  an automatic message (or system line)
    history(session, conversation_id) -> [AutomationFiring]   what rules did there
    signed_in(session, agent_id, now=None, place=None) / signed_out(session, agent_id)
        at sign-in and sign-out (and now and then while working): auto-assignment counts
        who is signed in; without these records it counts agents active in 15 minutes
    unread_notifications(session, agent) / mark_read(session, agent, ids)

For reports:

    rule_figures(session, start, end, store_ids=()) -> [RuleFigures]
    first_reply_times(session, start, end, store_ids=()) -> ReplyTimes   automatic and human

The sync worker calls ``run_cycle(db)`` every tick, before the channels send their outbox.
"""

from __future__ import annotations

from shopdesk.services.automation_care import approve_care, care_list, reject_care
from shopdesk.services.automation_dryrun import describe, try_message
from shopdesk.services.automation_engine import history, run_cycle
from shopdesk.services.automation_hours import holidays, set_holidays
from shopdesk.services.automation_presence import (
    mark_read,
    signed_in,
    signed_out,
    unread_notifications,
)
from shopdesk.services.automation_reports import first_reply_times, rule_figures
from shopdesk.services.automation_rules import (
    ACTIONS,
    CONDITIONS,
    TRIGGERS,
    RuleSpec,
    delete_rule,
    hold_for_typing,
    list_rules,
    problems,
    save_rule,
    set_enabled,
    set_excluded,
    spec_of,
)

__all__ = [
    "ACTIONS", "CONDITIONS", "TRIGGERS", "RuleSpec", "approve_care", "care_list",
    "delete_rule", "describe", "first_reply_times", "history", "hold_for_typing", "holidays",
    "list_rules", "mark_read", "problems", "reject_care", "rule_figures",
    "run_cycle", "save_rule", "set_enabled", "set_excluded", "set_holidays", "signed_in",
    "signed_out", "spec_of", "try_message", "unread_notifications",
]
