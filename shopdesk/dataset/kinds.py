"""The record kinds of the dataset format, version 1 (shared/DATASET.md): each kind's fields
with the checker of each (``dataset/fields.py``); fields that may be missing are wrapped in
``optional``. ``docs/dataset.schema.json`` says the same for other tools, and a test keeps
the two in step."""

from __future__ import annotations

from typing import Any

from shopdesk.dataset.fields import (
    any_value,
    boolean,
    choice,
    colour,
    currency,
    json_list,
    json_object,
    key,
    limited,
    list_of,
    money,
    nonempty,
    obj,
    optional,
    quantity,
    score,
    shown,
    text,
    tier,
    timezone,
    when,
)
from shopdesk.models import (
    Agent,
    Article,
    ArticleImage,
    ArticleKind,
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    CustomerNote,
    Message,
    Order,
    OrderItem,
    QuickReply,
    ReturnCase,
    ReturnEvent,
    Store,
    SurveyResponse,
    Tag,
    enums,
)

ITEM = obj({"sku": limited(nonempty, OrderItem.sku), "title": limited(nonempty, OrderItem.title),
            "qty": quantity, "unit_price": money})
RETURN_ITEM = obj({"sku": limited(nonempty, OrderItem.sku), "qty": quantity})
IDENTITY = obj({"store": key, "handle": limited(nonempty, CustomerIdentity.handle)})
RETURN_EVENT = obj({
    "at": when,
    "state": choice(enums.ReturnState),
    "by": optional(key),
    "amount": optional(money),
    "carrier": optional(limited(text, ReturnEvent.carrier)),
    "tracking_no": optional(limited(text, ReturnEvent.tracking_no)),
    "note": optional(limited(text, ReturnEvent.note)),
})



def language(value: Any) -> str:
    if value not in ("zh", "en"):
        raise ValueError(f"{shown(value, False)} is not one of: zh, en")
    return value


def base64_data(value: Any) -> bytes:
    import base64
    import binascii

    try:
        return base64.b64decode(text(value), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("must be the file's bytes in base64") from None


IMAGE = obj({"filename": limited(nonempty, ArticleImage.filename),
             "mime_type": limited(nonempty, ArticleImage.mime_type), "data": base64_data})

KINDS: dict[str, dict[str, Any]] = {
    "store": {
        "kind": any_value, "key": key, "name": limited(nonempty, Store.name),
        "platform": choice(enums.Platform), "currency": currency, "timezone": timezone,
        "colour": optional(colour), "external_id": optional(limited(nonempty, Store.external_id)),
    },
    "agent": {"kind": any_value, "key": key, "name": limited(nonempty, Agent.name),
              "role": choice(enums.Role)},
    "tag": {"kind": any_value, "key": key, "name": limited(nonempty, Tag.name),
            "colour": optional(colour)},
    "customer": {
        "kind": any_value, "key": key, "name": limited(nonempty, Customer.name),
        "phone": optional(limited(text, Customer.phone)),
        "email": optional(limited(text, Customer.email)), "created_at": optional(when),
        "tags": optional(list_of(key)), "identities": optional(list_of(IDENTITY)),
    },
    "note": {
        "kind": any_value, "customer": key, "author": optional(key), "at": when,
        "text": limited(nonempty, CustomerNote.text), "pinned": optional(boolean),
    },
    "order": {
        "kind": any_value, "key": key, "store": key, "customer": key,
        "order_no": limited(nonempty, Order.order_no),
        "placed_at": when, "paid_at": optional(when), "delivered_at": optional(when),
        "status": choice(enums.OrderStatus),
        "currency": currency, "total": money, "shipping": optional(money),
        "items": list_of(ITEM), "carrier": optional(limited(text, Order.carrier)),
        "tracking_no": optional(limited(text, Order.tracking_no)),
    },
    "conversation": {
        "kind": any_value, "key": key, "store": key, "customer": key,
        "status": choice(enums.ConversationStatus), "assignee": optional(key),
        "subject": optional(limited(text, Conversation.subject)), "created_at": when,
        "external_id": optional(limited(nonempty, Conversation.external_id)),
    },
    "message": {
        "kind": any_value, "conversation": key, "at": when, "direction": choice(enums.Direction),
        "author": optional(key), "text": limited(text, Message.text),
        "external_id": optional(limited(nonempty, Message.external_id)),
    },
    "quick_reply": {
        "kind": any_value, "key": key, "category": limited(nonempty, QuickReply.category),
        "code": limited(nonempty, QuickReply.code), "title": limited(nonempty, QuickReply.title),
        "body": limited(nonempty, QuickReply.body),
    },
    "article": {  # the knowledge base; "type" is the article's kind
        "kind": any_value, "key": key, "store": optional(key), "type": choice(ArticleKind),
        "language": language, "title": limited(nonempty, Article.title),
        "body": limited(nonempty, Article.body),
        "keywords": optional(limited(text, Article.keywords)),
        "valid_from": optional(when), "valid_to": optional(when),
        "images": optional(list_of(IMAGE)), "created_at": optional(when),
        "created_by": optional(key), "updated_at": optional(when), "updated_by": optional(key),
    },
    "complaint": {
        "kind": any_value, "key": key, "store": key, "customer": key, "order": optional(key),
        "conversation": optional(key), "category": choice(enums.ComplaintCategory),
        "severity": choice(enums.Severity), "tier": tier,
        "status": choice(enums.ComplaintStatus), "opened_at": when,
        "first_response_at": optional(when), "resolved_at": optional(when),
        "assignee": optional(key), "summary": limited(nonempty, Complaint.summary),
        "resolution": optional(limited(text, Complaint.resolution)),
        "compensation": optional(money),
    },
    "survey": {
        "kind": any_value, "conversation": key, "agent": optional(key), "score": score,
        "comment": optional(limited(text, SurveyResponse.comment)), "sent_at": optional(when),
        "answered_at": when,
    },
    "return": {
        "kind": any_value, "key": key, "store": key, "order": key, "customer": key,
        "type": choice(enums.ReturnKind), "reason": choice(enums.ReturnReason),
        "reason_text": optional(limited(text, ReturnCase.reason_text)),
        "items": list_of(RETURN_ITEM), "requested": money, "events": list_of(RETURN_EVENT),
    },
    "rule": {  # automation (dataset/stage_rules.py checks the rule itself)
        "kind": any_value, "key": key, "store": optional(key), "name": nonempty,
        "enabled": boolean, "builtin": optional(nonempty), "trigger": json_object,
        "conditions": optional(json_list), "actions": json_list,
    },
}
