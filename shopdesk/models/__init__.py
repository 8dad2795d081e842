"""SQLAlchemy ORM classes of the whole domain. No logic here beyond invariants."""

from shopdesk.models.automation import (
    AgentPresence,
    AutomationFiring,
    AutomationRule,
    Notification,
)
from shopdesk.models.base import Base, UTCDateTime, new_key
from shopdesk.models.casework import (
    AuditEvent,
    Complaint,
    ComplaintEvent,
    ReturnCase,
    ReturnEvent,
    ReturnItem,
    ReturnPhoto,
    SurveyResponse,
)
from shopdesk.models.conversation import (
    Attachment,
    Conversation,
    Message,
    QuickReply,
    QuickReplyImage,
)
from shopdesk.models.customer import (
    Customer,
    CustomerIdentity,
    CustomerNote,
    DistinctCustomers,
    customer_tags,
)
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ConversationStatus,
    Direction,
    OrderStatus,
    Platform,
    Priority,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Role,
    SendState,
    Severity,
)
from shopdesk.models.handover import Handover, HandoverRead
from shopdesk.models.knowledge import Article, ArticleImage, ArticleKind
from shopdesk.models.live import ChangeLog, Presence
from shopdesk.models.order import Order, OrderItem
from shopdesk.models.presend import PresendRule
from shopdesk.models.shop import Agent, ChannelState, Store, Tag, agent_stores
from shopdesk.models.suggestion import SuggestionChoice

__all__ = [
    "AgentPresence", "AutomationFiring", "AutomationRule", "Notification",
    "Agent", "Article", "ArticleImage", "ArticleKind", "Attachment", "ChangeLog", "ChannelState", "AuditEvent", "Base", "Complaint", "ComplaintEvent", "ComplaintCategory",
    "ComplaintStatus", "Conversation", "ConversationStatus", "Customer", "CustomerIdentity",
    "CustomerNote", "DistinctCustomers", "Direction", "Handover", "HandoverRead", "Message", "Order", "OrderItem", "OrderStatus", "Platform", "PresendRule",
    "Presence", "Priority", "QuickReply", "QuickReplyImage", "ReturnCase", "ReturnEvent", "ReturnItem", "ReturnPhoto",
    "ReturnKind", "ReturnReason", "ReturnState", "Role", "SendState", "Severity", "Store",
    "SuggestionChoice", "SurveyResponse", "Tag", "UTCDateTime", "agent_stores", "customer_tags", "new_key",
]
