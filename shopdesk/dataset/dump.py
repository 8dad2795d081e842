"""``shopdesk dump``: write the database out as a dataset (shared/DATASET.md, version 1).

Records come out in an order where every reference points to an earlier line, so the file
loads back (``shopdesk load``) into the same data. Large tables are streamed.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.dataset.dump_articles import article_records
from shopdesk.dataset.fields import FORMAT_NAME, FORMAT_VERSION
from shopdesk.dataset.stage_rules import rule_records
from shopdesk.db import Database
from shopdesk.models import (
    Agent,
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
    ReturnItem,
    Store,
    SurveyResponse,
    Tag,
    customer_tags,
)
from shopdesk.money import format_plain

Progress = Callable[[str, int, int], None]


def _t(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    """Optional fields that are null are left out (a missing optional field is null)."""
    return {k: v for k, v in record.items() if v is not None}


def dump_records(session: Session) -> Iterator[dict[str, Any]]:
    """Every record of the database in dataset form, header first."""
    yield {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    stores = {s.id: s for s in session.scalars(select(Store).order_by(Store.id))}
    for s in stores.values():
        yield _drop_none({"kind": "store", "key": s.key, "name": s.name,
                          "platform": s.platform.value, "currency": s.currency,
                          "timezone": s.timezone, "colour": s.colour,
                          "external_id": s.external_id})
    agents = {}
    for a in session.scalars(select(Agent).order_by(Agent.id)):
        agents[a.id] = a.key
        yield {"kind": "agent", "key": a.key, "name": a.name, "role": a.role.value}
    tags = {}
    for t in session.scalars(select(Tag).order_by(Tag.id)):
        tags[t.id] = t.key
        yield _drop_none({"kind": "tag", "key": t.key, "name": t.name, "colour": t.colour})

    tags_of: dict[int, list[str]] = defaultdict(list)
    for cid, tid in session.execute(
        select(customer_tags.c.customer_id, customer_tags.c.tag_id).order_by(
            customer_tags.c.customer_id, customer_tags.c.tag_id)
    ):
        tags_of[cid].append(tags[tid])
    idents_of: dict[int, list[dict[str, str]]] = defaultdict(list)
    for ident in session.scalars(select(CustomerIdentity).order_by(CustomerIdentity.id)):
        idents_of[ident.customer_id].append(
            {"store": stores[ident.store_id].key, "handle": ident.handle})
    customers: dict[int, str] = {}
    # A customer merged into another owns nothing any more; it stays only for the undo.
    for c in session.scalars(select(Customer).where(Customer.merged_into_id.is_(None))
                             .order_by(Customer.id)).yield_per(5000):
        customers[c.id] = c.key
        yield _drop_none({"kind": "customer", "key": c.key, "name": c.name, "phone": c.phone,
                          "email": c.email, "created_at": _t(c.created_at),
                          "tags": tags_of.get(c.id), "identities": idents_of.get(c.id)})
    for note in session.scalars(select(CustomerNote).order_by(CustomerNote.id)).yield_per(5000):
        yield _drop_none({"kind": "note", "customer": customers[note.customer_id],
                          "author": agents.get(note.author_id) if note.author_id else None,
                          "at": _t(note.at), "text": note.text,
                          "pinned": True if note.pinned else None})

    items_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    orders: dict[int, str] = {}
    order_cur: dict[int, str] = {}
    for o in session.scalars(select(Order).order_by(Order.id)).yield_per(5000):
        orders[o.id] = o.key
        order_cur[o.id] = o.currency
    for it in session.scalars(select(OrderItem).order_by(OrderItem.id)).yield_per(10000):
        items_of[it.order_id].append({
            "sku": it.sku, "title": it.title, "qty": it.qty,
            "unit_price": format_plain(it.unit_price_minor, order_cur[it.order_id])})
    for o in session.scalars(select(Order).order_by(Order.id)).yield_per(5000):
        yield _drop_none({
            "kind": "order", "key": o.key, "store": stores[o.store_id].key,
            "customer": customers[o.customer_id], "order_no": o.order_no,
            "placed_at": _t(o.placed_at), "paid_at": _t(o.paid_at),
            "delivered_at": _t(o.delivered_at), "status": o.status.value,
            "currency": o.currency, "total": format_plain(o.total_minor, o.currency),
            "shipping": format_plain(o.shipping_minor, o.currency) if o.shipping_minor else None,
            "items": items_of.pop(o.id, []), "carrier": o.carrier, "tracking_no": o.tracking_no})

    convs: dict[int, str] = {}
    for c in session.scalars(select(Conversation).order_by(Conversation.id)).yield_per(5000):
        convs[c.id] = c.key
        yield _drop_none({
            "kind": "conversation", "key": c.key, "store": stores[c.store_id].key,
            "customer": customers[c.customer_id], "status": c.status.value,
            "assignee": agents.get(c.assignee_id) if c.assignee_id else None,
            "subject": c.subject, "created_at": _t(c.created_at), "external_id": c.external_id})
    rows = session.execute(
        select(Message.conversation_id, Message.at, Message.direction, Message.author_id,
               Message.text, Message.external_id).order_by(Message.id)
    ).yield_per(20000)
    for conv_id, at, direction, author_id, body, ext in rows:
        yield _drop_none({"kind": "message", "conversation": convs[conv_id], "at": at.isoformat(),
                          "direction": direction.value,
                          "author": agents[author_id] if author_id else None,
                          "text": body, "external_id": ext})

    for q in session.scalars(select(QuickReply).order_by(QuickReply.position, QuickReply.id)):
        yield {"kind": "quick_reply", "key": q.key, "category": q.category, "code": q.code,
               "title": q.title, "body": q.body}
    yield from article_records(session, {i: s.key for i, s in stores.items()}, agents)
    for c in session.scalars(select(Complaint).order_by(Complaint.id)).yield_per(5000):
        yield _drop_none({
            "kind": "complaint", "key": c.key, "store": stores[c.store_id].key,
            "customer": customers[c.customer_id],
            "order": orders.get(c.order_id) if c.order_id else None,
            "conversation": convs.get(c.conversation_id) if c.conversation_id else None,
            "category": c.category.value, "severity": c.severity.value, "tier": c.tier,
            "status": c.status.value, "opened_at": _t(c.opened_at),
            "first_response_at": _t(c.first_response_at), "resolved_at": _t(c.resolved_at),
            "assignee": agents.get(c.assignee_id) if c.assignee_id else None,
            "summary": c.summary, "resolution": c.resolution,
            "compensation": format_plain(c.compensation_minor, c.currency)
            if c.compensation_minor is not None else None})
    for sv in session.scalars(select(SurveyResponse).order_by(SurveyResponse.id)).yield_per(5000):
        yield _drop_none({"kind": "survey", "conversation": convs[sv.conversation_id],
                          "agent": agents.get(sv.agent_id) if sv.agent_id else None,
                          "score": sv.score, "comment": sv.comment, "sent_at": _t(sv.sent_at),
                          "answered_at": _t(sv.answered_at)})

    ritems: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for ri in session.scalars(select(ReturnItem).order_by(ReturnItem.id)):
        ritems[ri.case_id].append({"sku": ri.sku, "qty": ri.qty})
    revents: dict[int, list[ReturnEvent]] = defaultdict(list)
    for ev in session.scalars(select(ReturnEvent).order_by(ReturnEvent.at, ReturnEvent.id)):
        revents[ev.case_id].append(ev)
    for r in session.scalars(select(ReturnCase).order_by(ReturnCase.id)):
        yield _drop_none({
            "kind": "return", "key": r.key, "store": stores[r.store_id].key,
            "order": orders[r.order_id], "customer": customers[r.customer_id],
            "type": r.kind.value, "reason": r.reason.value, "reason_text": r.reason_text,
            "items": ritems.get(r.id, []),
            "requested": format_plain(r.requested_minor, r.currency),
            "events": [_drop_none({
                "at": _t(ev.at), "state": ev.state.value,
                "by": agents.get(ev.by_id) if ev.by_id else None,
                "amount": format_plain(ev.amount_minor, r.currency)
                if ev.amount_minor is not None else None,
                "carrier": ev.carrier, "tracking_no": ev.tracking_no, "note": ev.note,
            }) for ev in revents[r.id]]})
    yield from (_drop_none(rule) for rule in rule_records(session))


def dump_file(db: Database, path: Path, progress: Progress | None = None) -> int:
    """Write the whole database to ``path`` (gzip when it ends in .gz). Returns records."""
    count = 0
    tmp = path.with_name(path.name + ".part")
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with db.read_session() as session, opener(tmp, "wt", encoding="utf-8", newline="\n") as fh:
            dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
            for record in dump_records(session):
                fh.write(dumps(record))
                fh.write("\n")
                count += 1
                if progress and count % 50_000 == 0:
                    progress("writing records", count, 0)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return count - 1  # the header is not a record
