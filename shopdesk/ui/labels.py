"""Translated names of the domain's codes (roles, severities, return kinds and states).
One place, so that every page shows "高" for ``high`` the same way."""

from __future__ import annotations

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
