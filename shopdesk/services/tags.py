"""Tags: put them on customers (creating one in place), and manage them (rename, recolour,
merge, delete). Every change is audited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Customer, Tag, customer_tags
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
PALETTE = ("#2563EB", "#16A34A", "#DC2626", "#9333EA", "#EA580C", "#0891B2", "#CA8A04",
           "#DB2777")
MAX_NAME = 100


@dataclass(frozen=True)
class TagInfo:
    id: int
    name: str
    colour: str | None
    customers: int


def all_tags(session: Session) -> list[TagInfo]:
    counts = {tag_id: n for tag_id, n in session.execute(
        select(customer_tags.c.tag_id, func.count()).group_by(customer_tags.c.tag_id))}
    return [TagInfo(t.id, t.name, t.colour, int(counts.get(t.id, 0)))
            for t in session.scalars(select(Tag).order_by(Tag.name))]


def _clean_name(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise ShopDeskError("A tag needs a name.")
    if len(text) > MAX_NAME:
        raise ShopDeskError(f"A tag name is at most {MAX_NAME} characters.")
    return text


def tags_of(session: Session, customer_id: int) -> list[Tag]:
    return list(session.scalars(select(Tag).join(customer_tags, customer_tags.c.tag_id == Tag.id)
                                .where(customer_tags.c.customer_id == customer_id)
                                .order_by(Tag.name)))


def add_to_customer(session: Session, agent: Agent, customer_id: int, name: str) -> Tag:
    """Tag a customer by name; a name no tag has yet creates the tag (with a colour)."""
    require(agent, Action.REPLY)
    customer = existing(session, Customer, customer_id, "customer")
    text = _clean_name(name)
    tag = session.scalar(select(Tag).where(func.lower(Tag.name) == text.lower()))
    if tag is None:
        count = session.scalar(select(func.count()).select_from(Tag)) or 0
        tag = Tag(name=text, colour=PALETTE[count % len(PALETTE)])
        session.add(tag)
        session.flush()
        audit.record(session, agent.id, "tag.create", "tag", tag.id, None, {"name": text})
    set_on_customer(session, agent, customer.id, tag.id, True)
    return tag


def set_on_customer(session: Session, agent: Agent, customer_id: int, tag_id: int,
                    on: bool) -> None:
    """Put an existing tag on a customer or take it off (audited when it changes)."""
    require(agent, Action.REPLY)
    customer = existing(session, Customer, customer_id, "customer")
    tag = existing(session, Tag, tag_id, "tag")
    if (tag in customer.tags) == on:
        return
    if on:
        customer.tags.append(tag)
    else:
        customer.tags.remove(tag)
    audit.record(session, agent.id, "customer.tag" if on else "customer.untag", "customer",
                 customer.id, None, {"tag": tag.name})


def remove_from_customer(session: Session, agent: Agent, customer_id: int, tag_id: int) -> None:
    set_on_customer(session, agent, customer_id, tag_id, False)


def rename(session: Session, agent: Agent, tag_id: int, name: str) -> Tag:
    require(agent, Action.MANAGE_SETTINGS)
    tag = existing(session, Tag, tag_id, "tag")
    text = _clean_name(name)
    clash = session.scalar(select(Tag).where(func.lower(Tag.name) == text.lower(),
                                             Tag.id != tag.id))
    if clash is not None:
        raise ShopDeskError(f"There is already a tag “{clash.name}”; merge them instead.")
    before = tag.name
    tag.name = text
    audit.record(session, agent.id, "tag.rename", "tag", tag.id, {"name": before},
                 {"name": text})
    return tag


def recolour(session: Session, agent: Agent, tag_id: int, colour: str) -> Tag:
    require(agent, Action.MANAGE_SETTINGS)
    if not COLOUR.match(colour):
        raise ShopDeskError(f"'{colour}' is not a colour like #2563EB.")
    tag = existing(session, Tag, tag_id, "tag")
    before = tag.colour
    tag.colour = colour.upper()
    audit.record(session, agent.id, "tag.recolour", "tag", tag.id, {"colour": before},
                 {"colour": tag.colour})
    return tag


def merge(session: Session, agent: Agent, tag_id: int, into_id: int) -> Tag:
    """Give every customer of ``tag_id`` the tag ``into_id`` instead; ``tag_id`` goes."""
    require(agent, Action.MANAGE_SETTINGS)
    if tag_id == into_id:
        raise ShopDeskError("Choose another tag to merge into.")
    tag = existing(session, Tag, tag_id, "tag")
    into = existing(session, Tag, into_id, "tag")
    moved = [cid for cid in session.scalars(select(customer_tags.c.customer_id)
                                            .where(customer_tags.c.tag_id == tag.id))]
    have = set(session.scalars(select(customer_tags.c.customer_id)
                               .where(customer_tags.c.tag_id == into.id)))
    new = [cid for cid in moved if cid not in have]
    if new:
        session.execute(insert(customer_tags), [{"customer_id": cid, "tag_id": into.id}
                                                for cid in new])
    session.execute(delete(customer_tags).where(customer_tags.c.tag_id == tag.id))
    audit.record(session, agent.id, "tag.merge", "tag", tag.id,
                 {"name": tag.name, "customers": moved}, {"into": into.name})
    session.delete(tag)
    session.flush()
    return into


def delete_tag(session: Session, agent: Agent, tag_id: int) -> None:
    require(agent, Action.MANAGE_SETTINGS)
    tag = existing(session, Tag, tag_id, "tag")
    customers = list(session.scalars(select(customer_tags.c.customer_id)
                                     .where(customer_tags.c.tag_id == tag.id)))
    session.execute(delete(customer_tags).where(customer_tags.c.tag_id == tag.id))
    audit.record(session, agent.id, "tag.delete", "tag", tag.id,
                 {"name": tag.name, "colour": tag.colour, "customers": customers}, None)
    session.delete(tag)
