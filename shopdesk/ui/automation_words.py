"""Automation in words: the names of triggers, conditions and actions, a rule's trigger as a
sentence, and what a tried rule would do (Settings → Automation, the editor's Try box)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from shopdesk.ui.labels import (
    category_label,
    conversation_status_label,
    return_state_label,
    segment_label,
    severity_label,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("AutomationWords", text)


def trigger_name(kind: str) -> str:
    return {
        "first_message": _t("First customer message"),
        "keyword": _t("Message contains words"),
        "outside_hours": _t("Message outside working hours"),
        "no_reply": _t("No reply for some minutes"),
        "return_state": _t("Return case reaches a state"),
        "order_delivered": _t("Days after delivery"),
        "refund_completed": _t("Days after a refund or exchange"),
        "complaint_stalled": _t("Complaint not progressed"),
        "care_date": _t("Care message on a date"),
    }.get(kind, kind)


def condition_name(kind: str) -> str:
    return {
        "store": _t("Store"), "segment": _t("Customer segment"), "tag": _t("Customer tag"),
        "language": _t("Language of the message"), "status": _t("Conversation status"),
        "assigned": _t("Assigned or not"), "hours": _t("Working hours"),
        "signed_in": _t("Agents signed in"), "answering": _t("Answers another rule"),
    }.get(kind, kind)


def action_name(kind: str) -> str:
    return {
        "send": _t("Send a message"), "assign": _t("Assign"), "tag": _t("Add a tag"),
        "priority": _t("Set priority"), "escalate": _t("Escalate the complaint"),
        "notify": _t("Notify the owner"), "complaint": _t("Open a complaint"),
    }.get(kind, kind)


def priority_name(value: str) -> str:
    return {"low": _t("Low"), "normal": _t("Normal"), "high": _t("High"),
            "urgent": _t("Urgent")}.get(value, value)


def assign_mode_name(mode: str) -> str:
    return {"agent": _t("To an agent"), "round_robin": _t("Round-robin"),
            "fewest_open": _t("Fewest open conversations")}.get(mode, mode)


def trigger_summary(trigger: dict[str, Any]) -> str:
    """The trigger as a short sentence: “Message contains 发票, invoice”."""
    kind = trigger.get("kind", "")
    if kind == "keyword":
        return _t("Message contains: %1").replace("%1", ", ".join(trigger.get("words") or []))
    if kind == "no_reply":
        return _t("No reply for %1 min").replace("%1", str(trigger.get("minutes")))
    if kind == "return_state":
        state = trigger.get("state")
        return _t("Return case becomes “%1”").replace(
            "%1", return_state_label(state) if state else "?")
    if kind == "order_delivered":
        return _t("%1 days after delivery").replace("%1", str(trigger.get("days")))
    if kind == "refund_completed":
        return _t("%1 days after a refund or exchange").replace("%1", str(trigger.get("days")))
    if kind == "complaint_stalled":
        hours = trigger.get("hours")
        return (_t("Complaint without progress for %1 h").replace("%1", str(hours)) if hours
                else _t("Complaint past its tier's time limit"))
    if kind == "care_date":
        segments = ", ".join(segment_label(s) for s in trigger.get("segments") or [])
        return _t("Care message on %1 to %2").replace("%1", str(trigger.get("date"))) \
            .replace("%2", segments)
    return trigger_name(kind)


def why_text(why: str) -> str:
    """The dry run's reasons in the UI's language (unknown ones stay as they are)."""
    return {
        "switched off": _t("Switched off"),
        "its trigger is not a customer message": _t("Its trigger is not a customer message"),
        "the trigger does not match": _t("The trigger does not match"),
        "the conversation is excluded from automation":
            _t("The conversation is excluded from automation"),
        "a condition does not hold": _t("A condition does not hold"),
        "an agent is typing": _t("An agent is typing"),
        "the store has no channel": _t("The store has no channel"),
        "the store's channel is offline": _t("The store's channel is offline"),
    }.get(why, why)


def _reason(reason: str) -> str:
    known = {
        "the quick reply does not exist": _t("the quick reply does not exist"),
        "no conversation": _t("no conversation"),
        "already assigned": _t("already assigned"),
        "the agent cannot take it": _t("the agent cannot take it"),
        "nobody is signed in": _t("nobody is signed in"),
        "no open complaint": _t("no open complaint"),
        "already at the top tier": _t("already at the top tier"),
        "no customer": _t("no customer"),
        "unknown action": _t("unknown action"),
    }
    if reason.startswith("no value for "):
        return _t("no value for %1").replace("%1", reason.removeprefix("no value for "))
    if reason.startswith("already ") and reason.endswith(" automatic messages in the last hour"):
        n = reason.removeprefix("already ").split(" ")[0]
        return _t("already %1 automatic messages in the last hour").replace("%1", n)
    return known.get(reason, reason)


def step_text(step: dict[str, Any]) -> str:
    """One planned step in plain words (as ``automation_dryrun.describe``, translated)."""
    kind = step.get("kind")
    if kind == "send":
        return _t("Send: %1").replace("%1", str(step.get("text", "")))
    if kind == "assign":
        return _t("Assign to %1").replace("%1", str(step.get("agent", "")))
    if kind == "tag":
        return _t("Tag the customer “%1”").replace("%1", str(step.get("tag", "")))
    if kind == "priority":
        return _t("Set priority: %1").replace("%1", priority_name(str(step.get("priority"))))
    if kind == "escalate":
        return _t("Move complaint %1 up to tier %2 and notify the owner").replace(
            "%1", str(step.get("number"))).replace("%2", str(step.get("tier")))
    if kind == "notify":
        return _t("Notify the owner: %1").replace("%1", str(step.get("text", "")))
    if kind == "complaint":
        return _t("Open a complaint (%1, %2): %3").replace(
            "%1", category_label(step.get("category", "other"))).replace(
            "%2", severity_label(step.get("severity", "normal"))).replace(
            "%3", str(step.get("summary", "")))
    return _t("Not done (%1): %2").replace("%1", action_name(str(step.get("action")))).replace(
        "%2", _reason(str(step.get("reason", ""))))


def status_names() -> list[tuple[str, str]]:
    return [(s, conversation_status_label(s)) for s in ("open", "pending", "snoozed", "closed")]
