"""The closed vocabularies of the domain (DESIGN.md, DATASET.md)."""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    TAOBAO = "taobao"
    TMALL = "tmall"
    JD = "jd"
    PINDUODUO = "pinduoduo"
    DOUYIN = "douyin"
    SHOPIFY = "shopify"
    WOOCOMMERCE = "woocommerce"
    AMAZON = "amazon"
    EMAIL = "email"
    WECHAT = "wechat"
    OTHER = "other"


class Role(StrEnum):
    OWNER = "owner"
    AGENT = "agent"
    BOOKKEEPER = "bookkeeper"


class OrderStatus(StrEnum):
    UNPAID = "unpaid"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class ConversationStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    SNOOZED = "snoozed"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"
    NOTE = "note"
    SYSTEM = "system"


class SendState(StrEnum):
    """Delivery state of an outgoing message: written first, sent after."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # the attempt was recorded, its outcome is not known


class ComplaintCategory(StrEnum):
    PRODUCT_QUALITY = "product_quality"
    WRONG_ITEM = "wrong_item"
    MISSING_ITEM = "missing_item"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    LOGISTICS_DELAY = "logistics_delay"
    DESCRIPTION_MISMATCH = "description_mismatch"
    SERVICE_ATTITUDE = "service_attitude"
    PRICE_DISPUTE = "price_dispute"
    AFTER_SALES = "after_sales"
    OTHER = "other"


class Severity(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class ComplaintStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    CLOSED = "closed"


class ReturnKind(StrEnum):
    REFUND_ONLY = "refund_only"
    RETURN_REFUND = "return_refund"
    EXCHANGE = "exchange"


class ReturnReason(StrEnum):
    NO_REASON_7_DAYS = "no_reason_7_days"
    QUALITY_ISSUE = "quality_issue"
    WRONG_ITEM = "wrong_item"
    MISSING_ITEM = "missing_item"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    NOT_AS_DESCRIBED = "not_as_described"
    SIZE_OR_FIT = "size_or_fit"
    CHANGED_MIND = "changed_mind"
    LATE_DELIVERY = "late_delivery"
    OTHER = "other"


class ReturnState(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    AWAITING_RETURN = "awaiting_return"
    RETURN_SHIPPED = "return_shipped"
    RECEIVED = "received"
    REFUNDED = "refunded"
    EXCHANGE_SHIPPED = "exchange_shipped"
    CLOSED = "closed"
    CANCELLED = "cancelled"
