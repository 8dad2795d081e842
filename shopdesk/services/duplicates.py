"""Customers that are probably one person across stores, and merging them (with undo).

Suggested when two customers share a phone number (compared by its last ten digits, so
``+86 138 1234 5678`` meets ``13812345678``), an e-mail address (case ignored), or a name
and an address. A merge moves every identity, note, order, conversation, return and
complaint of one customer to the other, adds their tags, fills contact details the kept
customer lacks, and marks the merged customer (hidden from lists, kept for undo). The
audit entry lists exactly what moved, which is what the undo moves back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    AuditEvent,
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    CustomerNote,
    DistinctCustomers,
    Order,
    ReturnCase,
    Store,
    Tag,
    customer_tags,
)
from shopdesk.services import audit, customer_list
from shopdesk.services.permissions import Action, require
from shopdesk.services.privacy import address_for, email_for, handle_for, phone_for
from shopdesk.services.records import existing
from shopdesk.textfold import fold

# What belongs to a customer, by the name the audit entry uses.
OWNED: dict[str, Any] = {
    "identities": CustomerIdentity, "notes": CustomerNote, "orders": Order,
    "conversations": Conversation, "returns": ReturnCase, "complaints": Complaint,
}
CONTACT = ("phone", "email", "address")
_DIGIT = re.compile(r"\d")
PROGRESS_EVERY = 5000  # customers between two progress reports (and chances to cancel)


class Reason:
    PHONE = "phone"
    EMAIL = "email"
    NAME_ADDRESS = "name_address"


@dataclass(frozen=True)
class Suggestion:
    a: int
    a_name: str
    b: int
    b_name: str
    reasons: tuple[str, ...]  # Reason values


def _phone_key(phone: str) -> str:
    digits = "".join(_DIGIT.findall(phone))
    return digits[-10:] if len(digits) >= 7 else ""


def suggestions(session: Session, limit: int = 500,
                progress: Callable[[int, int], None] | None = None) -> list[Suggestion]:
    """Pairs of customers (the older first) that look like one person, most reasons first.

    ``progress(done, total)`` is called every few thousand customers (a caller's Cancel raises
    from it)."""
    groups: dict[str, dict[str, list[int]]] = {reason: defaultdict(list) for reason in (
        Reason.PHONE, Reason.EMAIL, Reason.NAME_ADDRESS)}
    names: dict[int, str] = {}
    # Plain rows from the connection: the ORM's row handling cost more than the search.
    rows = session.connection().execute(
        select(Customer.id, Customer.name, Customer.phone, Customer.email, Customer.address)
        .where(Customer.merged_into_id.is_(None)).order_by(Customer.id)).all()
    by_phone, by_email, by_name_address = (groups[Reason.PHONE], groups[Reason.EMAIL],
                                           groups[Reason.NAME_ADDRESS])
    for start in range(0, len(rows), PROGRESS_EVERY):
        if progress is not None:
            progress(start, len(rows))
        for cid, name, phone, email, address in rows[start:start + PROGRESS_EVERY]:
            names[cid] = name
            if phone:
                # (most phones are plain digits: the regular expression only for the others)
                key = phone[-10:] if phone.isascii() and phone.isdigit() else _phone_key(phone)
                if len(key) >= 7:
                    by_phone[key].append(cid)
            if email and (key := email.strip()):
                by_email[key.casefold()].append(cid)
            if address and name and address.strip() and name.strip():
                by_name_address[fold(name).replace(" ", "") + "\n"
                                + fold(address).replace(" ", "")].append(cid)
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for reason, keyed in groups.items():
        for ids in keyed.values():
            first = ids[0]
            for other in ids[1:]:
                pairs[(first, other)].add(reason)
    for first, second in session.execute(select(DistinctCustomers.first_id,
                                                DistinctCustomers.second_id)):
        pairs.pop((first, second), None)  # an agent said: not one person
    # More reasons first; among equals, the same name first (a shared family phone is a
    # weaker hint than one person with two accounts); then the newest.
    ranked = sorted(pairs.items(), key=lambda kv: (
        -len(kv[1]), fold(names[kv[0][0]]) != fold(names[kv[0][1]]), -kv[0][1]))
    return [Suggestion(a, names[a], b, names[b], tuple(sorted(reasons)))
            for (a, b), reasons in ranked[:limit]]


# -- what a merge combines -------------------------------------------------------------------

@dataclass
class Side:
    id: int
    name: str
    phone: str | None
    email: str | None
    address: str | None
    identities: list[tuple[str, str]] = field(default_factory=list)  # store, handle
    tags: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # OWNED name → how many


def side(session: Session, customer_id: int, viewer: Agent | None) -> Side:
    customer = existing(session, Customer, customer_id, "customer")
    result = Side(customer.id, customer.name, phone_for(viewer, customer.phone),
                  email_for(viewer, customer.email), address_for(viewer, customer.address))
    result.identities = [(store, handle_for(viewer, handle)) for store, handle in session.execute(
        select(Store.name, CustomerIdentity.handle)
        .join(Store, Store.id == CustomerIdentity.store_id)
        .where(CustomerIdentity.customer_id == customer_id).order_by(Store.id))]
    result.tags = list(session.scalars(
        select(Tag.name).join(customer_tags, customer_tags.c.tag_id == Tag.id)
        .where(customer_tags.c.customer_id == customer_id).order_by(Tag.name)))
    for name, model in OWNED.items():
        result.counts[name] = int(session.scalar(
            select(func.count()).select_from(model).where(model.customer_id == customer_id))
            or 0)
    return result


# -- merge and undo --------------------------------------------------------------------------

def merge(session: Session, agent: Agent, keep_id: int, other_id: int) -> AuditEvent:
    """Move everything of ``other_id`` to ``keep_id``; returns the audit entry (its id is
    what ``undo_merge`` takes)."""
    require(agent, Action.REPLY)
    if keep_id == other_id:
        raise ShopDeskError("A customer cannot be merged with itself.")
    keep = existing(session, Customer, keep_id, "customer")
    other = existing(session, Customer, other_id, "customer")
    for c in (keep, other):
        if c.merged_into_id is not None:
            raise ShopDeskError(f"{c.name} was already merged into another customer.")
    moved: dict[str, list[int]] = {}
    for name, model in OWNED.items():
        ids = list(session.scalars(select(model.id).where(model.customer_id == other_id)
                                   .order_by(model.id)))
        if ids:
            session.execute(update(model).where(model.id.in_(ids)).values(customer_id=keep_id))
        moved[name] = ids
    have = set(session.scalars(select(customer_tags.c.tag_id)
                               .where(customer_tags.c.customer_id == keep_id)))
    added = sorted(set(session.scalars(select(customer_tags.c.tag_id)
                                       .where(customer_tags.c.customer_id == other_id))) - have)
    if added:
        session.execute(insert(customer_tags),
                        [{"customer_id": keep_id, "tag_id": t} for t in added])
    filled = {}
    for attr in CONTACT:
        if not getattr(keep, attr) and getattr(other, attr):
            setattr(keep, attr, getattr(other, attr))
            filled[attr] = getattr(other, attr)
    other.merged_into_id = keep_id
    session.flush()
    session.expire_all()  # relationships loaded before the bulk updates are stale
    event = audit.record(session, agent.id, "customer.merge", "customer", keep_id,
                         {"customer": other_id},
                         {"customer": other_id, "moved": moved, "tags": added,
                          "filled": sorted(filled)})
    session.flush()
    customer_list.refresh(session, [keep_id, other_id])
    return event


def undo_merge(session: Session, agent: Agent, event_id: int) -> None:
    """Put back what one merge moved: the merged customer returns with its identities,
    notes, orders, conversations, returns, complaints, tags and nothing else."""
    require(agent, Action.REPLY)
    event = session.get(AuditEvent, event_id)
    if event is None or event.action != "customer.merge" or not event.after:
        raise ShopDeskError("That merge is not in the audit trail.")
    keep_id, after = int(event.entity_id or 0), event.after
    other_id = int(after["customer"])
    keep = existing(session, Customer, keep_id, "customer")
    other = existing(session, Customer, other_id, "customer")
    if other.merged_into_id != keep_id:
        raise ShopDeskError(f"The merge of {other.name} into {keep.name} was already undone.")
    if keep.merged_into_id is not None:
        raise ShopDeskError(f"{keep.name} was merged again later; undo that merge first.")
    for name, model in OWNED.items():
        ids = [int(i) for i in after["moved"].get(name, [])]
        if ids:
            session.execute(update(model).where(model.id.in_(ids),
                                                model.customer_id == keep_id)
                            .values(customer_id=other_id))
    tags = [int(t) for t in after.get("tags", [])]
    if tags:
        session.execute(delete(customer_tags).where(customer_tags.c.customer_id == keep_id,
                                                    customer_tags.c.tag_id.in_(tags)))
    for attr in after.get("filled", []):
        if getattr(keep, attr) == getattr(other, attr):
            setattr(keep, attr, None)
    other.merged_into_id = None
    session.flush()
    session.expire_all()
    audit.record(session, agent.id, "customer.unmerge", "customer", keep_id,
                 {"customer": other_id, "merge": event_id}, {"customer": other_id})
    session.flush()
    customer_list.refresh(session, [keep_id, other_id])


@dataclass(frozen=True)
class Merged:
    event_id: int
    customer_id: int  # the merged customer
    name: str
    at: datetime
    by: str | None


def merged_into(session: Session, customer_id: int) -> list[Merged]:
    """The merges into this customer that are in effect, newest first (each can be undone)."""
    others = {cid: name for cid, name in session.execute(
        select(Customer.id, Customer.name).where(Customer.merged_into_id == customer_id))}
    if not others:
        return []
    latest: dict[int, Merged] = {}
    for event, by in session.execute(
            select(AuditEvent, Agent.name).outerjoin(Agent, Agent.id == AuditEvent.agent_id)
            .where(AuditEvent.action == "customer.merge", AuditEvent.entity == "customer",
                   AuditEvent.entity_id == customer_id).order_by(AuditEvent.id)):
        other = int((event.after or {}).get("customer", 0))
        if other in others:
            latest[other] = Merged(event.id, other, others[other], event.at, by)
    return sorted(latest.values(), key=lambda m: m.event_id, reverse=True)


def mark_distinct(session: Session, agent: Agent, a: int, b: int) -> None:
    """"Not the same person": the pair is not suggested again (audited; ``unmark_distinct``
    undoes it)."""
    require(agent, Action.REPLY)
    first, second = sorted((a, b))
    if first == second:
        raise ShopDeskError("A customer cannot be told apart from itself.")
    existing(session, Customer, first, "customer")
    existing(session, Customer, second, "customer")
    if session.get(DistinctCustomers, (first, second)) is None:
        session.add(DistinctCustomers(first_id=first, second_id=second, by_id=agent.id))
        audit.record(session, agent.id, "customer.distinct", "customer", first, None,
                     {"customer": second})


def unmark_distinct(session: Session, agent: Agent, a: int, b: int) -> None:
    require(agent, Action.REPLY)
    row = session.get(DistinctCustomers, tuple(sorted((a, b))))
    if row is not None:
        session.delete(row)
        audit.record(session, agent.id, "customer.not_distinct", "customer", row.first_id,
                     {"customer": row.second_id}, None)
