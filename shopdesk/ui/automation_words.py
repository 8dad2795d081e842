"""Automation in words: the names of triggers, conditions and actions, a rule's trigger as a
sentence, and what a tried rule would do (Settings → Automation, the editor's Try box)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from shopdesk.ui.i18n import listed
from shopdesk.ui.labels import (
    category_label,
    conversation_status_label,
    return_state_label,
    segment_label,
    severity_label,
)


def trigger_name(kind: str) -> str:
    return {
        "first_message": QCoreApplication.translate("AutomationWords", "First customer message"),
        "keyword": QCoreApplication.translate("AutomationWords", "Message contains words"),
        "outside_hours": QCoreApplication.translate("AutomationWords", "Message outside working hours"),
        "no_reply": QCoreApplication.translate("AutomationWords", "No reply for some minutes"),
        "return_state": QCoreApplication.translate("AutomationWords", "Return case reaches a state"),
        "order_delivered": QCoreApplication.translate("AutomationWords", "Days after delivery"),
        "refund_completed": QCoreApplication.translate("AutomationWords", "Days after a refund or exchange"),
        "complaint_stalled": QCoreApplication.translate("AutomationWords", "Complaint not progressed"),
        "care_date": QCoreApplication.translate("AutomationWords", "Care message on a date"),
    }.get(kind, kind)


def condition_name(kind: str) -> str:
    return {
        "store": QCoreApplication.translate("AutomationWords", "Store"), "segment": QCoreApplication.translate("AutomationWords", "Customer segment"), "tag": QCoreApplication.translate("AutomationWords", "Customer tag"),
        "language": QCoreApplication.translate("AutomationWords", "Language of the message"), "status": QCoreApplication.translate("AutomationWords", "Conversation status"),
        "assigned": QCoreApplication.translate("AutomationWords", "Assigned or not"), "hours": QCoreApplication.translate("AutomationWords", "Working hours"),
        "signed_in": QCoreApplication.translate("AutomationWords", "Agents signed in"), "answering": QCoreApplication.translate("AutomationWords", "Answers another rule"),
    }.get(kind, kind)


def action_name(kind: str) -> str:
    return {
        "send": QCoreApplication.translate("AutomationWords", "Send a message"), "assign": QCoreApplication.translate("AutomationWords", "Assign"), "tag": QCoreApplication.translate("AutomationWords", "Add a tag"),
        "priority": QCoreApplication.translate("AutomationWords", "Set priority"), "escalate": QCoreApplication.translate("AutomationWords", "Escalate the complaint"),
        "notify": QCoreApplication.translate("AutomationWords", "Notify the owner"), "complaint": QCoreApplication.translate("AutomationWords", "Open a complaint"),
    }.get(kind, kind)


def priority_name(value: str) -> str:
    return {"low": QCoreApplication.translate("AutomationWords", "Low"), "normal": QCoreApplication.translate("AutomationWords", "Normal"), "high": QCoreApplication.translate("AutomationWords", "High"),
            "urgent": QCoreApplication.translate("AutomationWords", "Urgent")}.get(value, value)


def assign_mode_name(mode: str) -> str:
    return {"agent": QCoreApplication.translate("AutomationWords", "To an agent"), "round_robin": QCoreApplication.translate("AutomationWords", "Round-robin"),
            "fewest_open": QCoreApplication.translate("AutomationWords", "Fewest open conversations")}.get(mode, mode)


def trigger_summary(trigger: dict[str, Any]) -> str:
    """The trigger as a short sentence: “Message contains 发票, invoice”."""
    kind = trigger.get("kind", "")
    if kind == "keyword":
        return QCoreApplication.translate("AutomationWords", "Message contains: %1").replace("%1", listed(trigger.get("words") or []))
    if kind == "no_reply":
        return QCoreApplication.translate("AutomationWords", "No reply for %1 min").replace("%1", str(trigger.get("minutes")))
    if kind == "return_state":
        state = trigger.get("state")
        return QCoreApplication.translate("AutomationWords", "Return case becomes “%1”").replace(
            "%1", return_state_label(state) if state else "?")
    if kind == "order_delivered":
        return QCoreApplication.translate("AutomationWords", "%1 days after delivery").replace("%1", str(trigger.get("days")))
    if kind == "refund_completed":
        return QCoreApplication.translate("AutomationWords", "%1 days after a refund or exchange").replace("%1", str(trigger.get("days")))
    if kind == "complaint_stalled":
        hours = trigger.get("hours")
        return (QCoreApplication.translate("AutomationWords", "Complaint without progress for %1 h").replace("%1", str(hours)) if hours
                else QCoreApplication.translate("AutomationWords", "Complaint past its tier's time limit"))
    if kind == "care_date":
        segments = listed(segment_label(s) for s in trigger.get("segments") or [])
        return QCoreApplication.translate("AutomationWords", "Care message on %1 to %2").replace("%1", str(trigger.get("date"))) \
            .replace("%2", segments)
    return trigger_name(kind)


def why_text(why: str) -> str:
    """The dry run's reasons in the UI's language (unknown ones stay as they are)."""
    return {
        "switched off": QCoreApplication.translate("AutomationWords", "Switched off"),
        "its trigger is not a customer message": QCoreApplication.translate("AutomationWords", "Its trigger is not a customer message"),
        "the trigger does not match": QCoreApplication.translate("AutomationWords", "The trigger does not match"),
        "the conversation is excluded from automation":
            QCoreApplication.translate("AutomationWords", "The conversation is excluded from automation"),
        "a condition does not hold": QCoreApplication.translate("AutomationWords", "A condition does not hold"),
        "an agent is typing": QCoreApplication.translate("AutomationWords", "An agent is typing"),
        "the store has no channel": QCoreApplication.translate("AutomationWords", "The store has no channel"),
        "the store's channel is offline": QCoreApplication.translate("AutomationWords", "The store's channel is offline"),
    }.get(why, why)


def _reason(reason: str) -> str:
    known = {
        "the quick reply does not exist": QCoreApplication.translate("AutomationWords", "the quick reply does not exist"),
        "no conversation": QCoreApplication.translate("AutomationWords", "no conversation"),
        "already assigned": QCoreApplication.translate("AutomationWords", "already assigned"),
        "the agent cannot take it": QCoreApplication.translate("AutomationWords", "the agent cannot take it"),
        "nobody is signed in": QCoreApplication.translate("AutomationWords", "nobody is signed in"),
        "no open complaint": QCoreApplication.translate("AutomationWords", "no open complaint"),
        "already at the top tier": QCoreApplication.translate("AutomationWords", "already at the top tier"),
        "no customer": QCoreApplication.translate("AutomationWords", "no customer"),
        "unknown action": QCoreApplication.translate("AutomationWords", "unknown action"),
    }
    if reason.startswith("no value for "):
        return QCoreApplication.translate("AutomationWords", "no value for %1").replace("%1", reason.removeprefix("no value for "))
    if reason.startswith("already ") and reason.endswith(" automatic messages in the last hour"):
        n = reason.removeprefix("already ").split(" ")[0]
        return QCoreApplication.translate("AutomationWords", "already %1 automatic messages in the last hour").replace("%1", n)
    return known.get(reason, reason)


def step_text(step: dict[str, Any]) -> str:
    """One planned step in plain words (as ``automation_dryrun.describe``, translated)."""
    kind = step.get("kind")
    if kind == "send":
        return QCoreApplication.translate("AutomationWords", "Send: %1").replace("%1", str(step.get("text", "")))
    if kind == "assign":
        return QCoreApplication.translate("AutomationWords", "Assign to %1").replace("%1", str(step.get("agent", "")))
    if kind == "tag":
        return QCoreApplication.translate("AutomationWords", "Tag the customer “%1”").replace("%1", str(step.get("tag", "")))
    if kind == "priority":
        return QCoreApplication.translate("AutomationWords", "Set priority: %1").replace("%1", priority_name(str(step.get("priority"))))
    if kind == "escalate":
        return QCoreApplication.translate("AutomationWords", "Move complaint %1 up to tier %2 and notify the owner").replace(
            "%1", str(step.get("number"))).replace("%2", str(step.get("tier")))
    if kind == "notify":
        return QCoreApplication.translate("AutomationWords", "Notify the owner: %1").replace("%1", str(step.get("text", "")))
    if kind == "complaint":
        return QCoreApplication.translate("AutomationWords", "Open a complaint (%1, %2): %3").replace(
            "%1", category_label(step.get("category", "other"))).replace(
            "%2", severity_label(step.get("severity", "normal"))).replace(
            "%3", str(step.get("summary", "")))
    return QCoreApplication.translate("AutomationWords", "Not done (%1): %2").replace("%1", action_name(str(step.get("action")))).replace(
        "%2", _reason(str(step.get("reason", ""))))


def status_names() -> list[tuple[str, str]]:
    return [(s, conversation_status_label(s)) for s in ("open", "pending", "snoozed", "closed")]
