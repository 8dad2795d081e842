"""Translated names of the domain's codes (roles, severities, return kinds and states).
One place, so that every page shows "高" for ``high`` the same way."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ConversationStatus,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Role,
    Severity,
)
from shopdesk.money import format_money

# The platforms by their own names (brands, written the same in every language); the two
# that are words, not brands, are translated by ``platform_name``.
PLATFORM_NAMES = {
    "taobao": "Taobao 淘宝", "tmall": "Tmall 天猫", "jd": "JD 京东", "pinduoduo": "Pinduoduo 拼多多",
    "douyin": "Douyin 抖音", "shopify": "Shopify", "woocommerce": "WooCommerce",
    "amazon": "Amazon", "wechat": "WeChat 微信",
}


def platform_name(platform: str) -> str:
    """A store's platform as the UI shows it: a brand by its name, "E-mail" and "Other" in
    the UI's language; an unknown code as it is."""
    if platform == "email":
        return QCoreApplication.translate("Labels", "E-mail")
    if platform == "other":
        return QCoreApplication.translate("Labels", "Other")
    return PLATFORM_NAMES.get(platform, platform)


def role_label(role: Role | str) -> str:
    return {
        Role.OWNER: QCoreApplication.translate("Labels", "Owner"), Role.AGENT: QCoreApplication.translate("Labels", "Agent"), Role.BOOKKEEPER: QCoreApplication.translate("Labels", "Bookkeeper"),
    }[Role(role)]


def severity_label(severity: Severity | str) -> str:
    return {
        Severity.LOW: QCoreApplication.translate("Labels", "Low"), Severity.NORMAL: QCoreApplication.translate("Labels", "Normal"), Severity.HIGH: QCoreApplication.translate("Labels", "High"),
        Severity.CRITICAL: QCoreApplication.translate("Labels", "Critical"),
    }[Severity(severity)]


def return_kind_label(kind: ReturnKind | str) -> str:
    return {
        ReturnKind.REFUND_ONLY: QCoreApplication.translate("Labels", "Refund only"),
        ReturnKind.RETURN_REFUND: QCoreApplication.translate("Labels", "Return and refund"),
        ReturnKind.EXCHANGE: QCoreApplication.translate("Labels", "Exchange"),
    }[ReturnKind(kind)]


def return_state_label(state: ReturnState | str) -> str:
    return {
        ReturnState.REQUESTED: QCoreApplication.translate("Labels", "Requested"),
        ReturnState.APPROVED: QCoreApplication.translate("Labels", "Approved"),
        ReturnState.REJECTED: QCoreApplication.translate("Labels", "Rejected"),
        ReturnState.AWAITING_RETURN: QCoreApplication.translate("Labels", "Awaiting return"),
        ReturnState.RETURN_SHIPPED: QCoreApplication.translate("Labels", "Return shipped"),
        ReturnState.RECEIVED: QCoreApplication.translate("Labels", "Received"),
        ReturnState.REFUNDED: QCoreApplication.translate("Labels", "Refunded"),
        ReturnState.EXCHANGE_SHIPPED: QCoreApplication.translate("Labels", "Exchange shipped"),
        ReturnState.CLOSED: QCoreApplication.translate("Labels", "Closed"),
        ReturnState.CANCELLED: QCoreApplication.translate("Labels", "Cancelled"),
    }[ReturnState(state)]


def return_reason_label(reason: ReturnReason | str) -> str:
    return {
        ReturnReason.NO_REASON_7_DAYS: QCoreApplication.translate("Labels", "No reason (within the return window)"),
        ReturnReason.QUALITY_ISSUE: QCoreApplication.translate("Labels", "Quality issue"),
        ReturnReason.WRONG_ITEM: QCoreApplication.translate("Labels", "Wrong item sent"),
        ReturnReason.MISSING_ITEM: QCoreApplication.translate("Labels", "Item missing"),
        ReturnReason.DAMAGED_IN_TRANSIT: QCoreApplication.translate("Labels", "Damaged in transit"),
        ReturnReason.NOT_AS_DESCRIBED: QCoreApplication.translate("Labels", "Not as described"),
        ReturnReason.SIZE_OR_FIT: QCoreApplication.translate("Labels", "Size or fit"),
        ReturnReason.CHANGED_MIND: QCoreApplication.translate("Labels", "Changed mind"),
        ReturnReason.LATE_DELIVERY: QCoreApplication.translate("Labels", "Late delivery"),
        ReturnReason.OTHER: QCoreApplication.translate("Labels", "Other"),
    }[ReturnReason(reason)]


def category_label(category: ComplaintCategory | str) -> str:
    C = ComplaintCategory  # noqa: N806
    return {
        C.PRODUCT_QUALITY: QCoreApplication.translate("Labels", "Product quality"),
        C.WRONG_ITEM: QCoreApplication.translate("Labels", "Wrong item"),
        C.MISSING_ITEM: QCoreApplication.translate("Labels", "Missing item"),
        C.DAMAGED_IN_TRANSIT: QCoreApplication.translate("Labels", "Damaged in transit"),
        C.LOGISTICS_DELAY: QCoreApplication.translate("Labels", "Logistics delay"),
        C.DESCRIPTION_MISMATCH: QCoreApplication.translate("Labels", "Not as described"),
        C.SERVICE_ATTITUDE: QCoreApplication.translate("Labels", "Service attitude"),
        C.PRICE_DISPUTE: QCoreApplication.translate("Labels", "Price dispute"),
        C.AFTER_SALES: QCoreApplication.translate("Labels", "After-sales"),
        C.OTHER: QCoreApplication.translate("Labels", "Other"),
    }[ComplaintCategory(category)]


def complaint_status_label(status: ComplaintStatus | str) -> str:
    St = ComplaintStatus  # noqa: N806
    return {
        St.NEW: QCoreApplication.translate("Labels", "New"),
        St.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),
        St.ESCALATED: QCoreApplication.translate("Labels", "Escalated"),
        St.RESOLVED: QCoreApplication.translate("Labels", "Resolved"),
        St.CLOSED: QCoreApplication.translate("Labels", "Closed"),
    }[ComplaintStatus(status)]


def conversation_status_label(status: ConversationStatus | str) -> str:
    St = ConversationStatus  # noqa: N806
    return {
        St.OPEN: QCoreApplication.translate("Labels", "Open"),
        St.PENDING: QCoreApplication.translate("Labels", "Pending"),
        St.SNOOZED: QCoreApplication.translate("Labels", "Snoozed"),
        St.CLOSED: QCoreApplication.translate("Labels", "Closed"),
    }[ConversationStatus(status)]


def tier_label(tier: int) -> str:
    return {
        1: QCoreApplication.translate("Labels", "Tier 1 · agent"),
        2: QCoreApplication.translate("Labels", "Tier 2 · specialist"),
        3: QCoreApplication.translate("Labels", "Tier 3 · supplier or platform"),
    }[tier]


def segment_label(segment: str) -> str:
    return {
        "new": QCoreApplication.translate("Labels", "New customer"),
        "active": QCoreApplication.translate("Labels", "Active"),
        "vip": QCoreApplication.translate("Labels", "VIP"),
        "at_risk": QCoreApplication.translate("Labels", "At risk"),
        "lost": QCoreApplication.translate("Labels", "Lost"),
    }[segment]


SEGMENT_COLOURS = {"new": "#0891B2", "active": "#16A34A", "vip": "#CA8A04",
                   "at_risk": "#EA580C", "lost": "#6B7280"}


def complaint_action_label(action: str) -> str:
    return {
        "assign": QCoreApplication.translate("ComplaintActions", "Assign"),
        "start": QCoreApplication.translate("ComplaintActions", "Start working"),
        "escalate": QCoreApplication.translate("ComplaintActions", "Escalate"),
        "resolve": QCoreApplication.translate("ComplaintActions", "Resolve"),
        "close": QCoreApplication.translate("ComplaintActions", "Close complaint"),
        "reopen": QCoreApplication.translate("ComplaintActions", "Reopen"),
        "severity": QCoreApplication.translate("ComplaintActions", "Change severity"),
        "note": QCoreApplication.translate("ComplaintActions", "Add note"),
        "created": QCoreApplication.translate("ComplaintActions", "Opened"),
    }.get(action) or QCoreApplication.translate("ComplaintActions", "Changed")


def complaint_field_label(name: str) -> str:
    return {
        "status": QCoreApplication.translate("Labels", "Status"),
        "tier": QCoreApplication.translate("Labels", "Tier"),
        "assignee": QCoreApplication.translate("Labels", "Assigned agent"),
        "severity": QCoreApplication.translate("Labels", "Severity"),
        "category": QCoreApplication.translate("Labels", "Category"),
        "compensation": QCoreApplication.translate("Labels", "Compensation"),
        "resolution": QCoreApplication.translate("Labels", "Resolution"),
        "confirmation": QCoreApplication.translate("Labels", "Owner's confirmation"),
    }.get(name) or QCoreApplication.translate("Labels", "Other change")


def complaint_change_text(before: dict[str, Any] | None, after: dict[str, Any] | None,
                          currency: str, agents: dict[int, str]) -> str:
    """What one timeline event of a complaint changed, in words of the interface's language
    ("Severity: Normal → High"), read from the event's stored codes (so old events too)."""

    def value(name: str, raw: Any) -> str:
        nobody = QCoreApplication.translate("Labels", "(nobody)")
        try:
            if raw is None:
                return nobody if name == "assignee" else "—"
            if name == "status":
                return complaint_status_label(raw)
            if name == "severity":
                return severity_label(raw)
            if name == "category":
                return category_label(raw)
            if name == "tier":
                return tier_label(int(raw))
            if name == "assignee":
                return agents.get(int(raw)) or QCoreApplication.translate(
                    "Labels", "a removed agent")
            if name == "compensation":
                return format_money(int(raw), currency)
        except (KeyError, ValueError, TypeError):
            pass
        return str(raw)

    parts = []
    for name, new in (after or {}).items():
        text = value(name, new)
        if before and name in before:
            text = f"{value(name, before[name])} → {text}"
        parts.append(QCoreApplication.translate("Labels", "%1: %2")
                     .replace("%1", complaint_field_label(name)).replace("%2", text))
    return " · ".join(parts)


def rule_label(name: str) -> str:
    """An automation rule's name in the UI's language: the built-in rules keep the name they
    were created with (both languages, "欢迎语 Greeting"), and show the one that fits; a name
    the owner gave shows as it is."""
    builtin = {
        "欢迎语 Greeting": QCoreApplication.translate("Labels", "Greeting"),
        "休息时间自动回复 Away message": QCoreApplication.translate("Labels", "Away message"),
        "关键词：发票 Keyword: invoice": QCoreApplication.translate("Labels", "Keyword: invoice"),
        "关键词：发货/物流 Keyword: shipping": QCoreApplication.translate(
            "Labels", "Keyword: shipping"),
        "关键词：尺码 Keyword: size": QCoreApplication.translate("Labels", "Keyword: size"),
        "自动分配 Auto-assignment": QCoreApplication.translate("Labels", "Auto-assignment"),
        "售后跟踪 After-sales follow-up": QCoreApplication.translate(
            "Labels", "After-sales follow-up"),
        "售后跟踪：不满意时建投诉 After-sales: a bad answer opens a complaint":
            QCoreApplication.translate("Labels", "After-sales: a bad answer opens a complaint"),
        "投诉超时升级 Complaint moves up a tier": QCoreApplication.translate(
            "Labels", "Complaint moves up a tier"),
        "节日问候 Care message": QCoreApplication.translate("Labels", "Care message"),
    }
    return builtin.get(name, name)
