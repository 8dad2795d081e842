"""Customers, their identities in each store, tags and notes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.models.base import Base, new_key, partial_index
from shopdesk.models.shop import Agent, Store, Tag
from shopdesk.pinyin_keys import keys_for
from shopdesk.textfold import fold
from shopdesk.times import utcnow

customer_tags = Table(
    "customer_tags",
    Base.metadata,
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Customer(Base):
    """One person, possibly known in several stores."""

    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_phone", "phone"), Index("ix_customers_email", "email"),
        Index("ix_customers_last_order_at", "last_order_at"),
        Index("ix_customers_spent_minor", "spent_minor"),
        Index("ix_customers_last_contact_at", "last_contact_at"),
        # Partial: only merged customers are in it, so "not merged" never walks it.
        partial_index("ix_customers_merged_into_id", "merged_into_id",
                      where="merged_into_id IS NOT NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    name: Mapped[str] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))
    address: Mapped[str | None] = mapped_column(Text)
    segment: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Summary kept by ``services.customer_list.refresh`` for the Customers page (sorting and
    # searching 100,000 customers without adding up their orders on every page).
    orders_count: Mapped[int] = mapped_column(default=0, server_default="0")
    spent_minor: Mapped[int] = mapped_column(default=0, server_default="0")
    spent_currency: Mapped[str | None] = mapped_column(String(3))  # of ``spent_minor``
    last_order_at: Mapped[datetime | None] = mapped_column()
    last_contact_at: Mapped[datetime | None] = mapped_column()
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")  # folded
    pinyin: Mapped[str] = mapped_column(Text, default="", server_default="")  # pinyin_keys
    # Set when this customer was merged into another; hidden from lists, kept for undo.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))

    identities: Mapped[list[CustomerIdentity]] = relationship(
        back_populates="customer", cascade="all, delete-orphan"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=customer_tags)
    notes: Mapped[list[CustomerNote]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerNote.at"
    )


class CustomerIdentity(Base):
    """How a customer is known in one store (their handle there)."""

    __tablename__ = "customer_identities"
    __table_args__ = (UniqueConstraint("store_id", "handle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    handle: Mapped[str] = mapped_column(String(200))

    customer: Mapped[Customer] = relationship(back_populates="identities")
    store: Mapped[Store] = relationship()


class DistinctCustomers(Base):
    """Two customers an agent said are not one person: never suggested for a merge again.
    The smaller id first."""

    __tablename__ = "distinct_customers"

    first_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"),
                                          primary_key=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"),
                                           primary_key=True)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class CustomerNote(Base):
    __tablename__ = "customer_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="notes")
    author: Mapped[Agent | None] = relationship()


# -- the folded search text, kept as customers and their store handles are written ----------

# In ``search_text``, what comes after this mark (the phone and the e-mail) is found by a
# part only by a role that may see personal data (services/customer_list.py).
CONTACT_MARK = "\x1f"


def search_text(name: str | None, phone: str | None, email: str | None,
                handles: Iterable[str]) -> str:
    """What the Customers page searches, folded as the query is: the name and the store
    handles, then ``CONTACT_MARK`` and the phone, the e-mail and a handle that is an
    e-mail address (masked as one: services/privacy.handle_for)."""
    handles = list(handles)
    seen = fold(" ".join(filter(None, (name, *(h for h in handles if "@" not in h)))))
    hidden = fold(" ".join(filter(None, (phone, email, *(h for h in handles if "@" in h)))))
    return f"{seen} {CONTACT_MARK} {hidden}"


def with_handle(text: str, handle: str) -> str:
    """``search_text`` with one more handle: before the mark, after it when it is an e-mail
    address. (Not ``strip()``: Python counts the mark as white space.)"""
    folded = fold(handle)
    seen, _mark, hidden = text.partition(CONTACT_MARK)
    if folded in seen.split(" ") + hidden.split(" "):
        return text
    if "@" in handle:
        return f"{seen}{CONTACT_MARK}{hidden.rstrip(' ')} {folded}"
    return f"{seen.rstrip(' ')} {folded} {CONTACT_MARK}{hidden}"


@event.listens_for(Customer, "before_insert")
def _new_customer_search_text(_mapper, _connection, target: Customer) -> None:
    target.pinyin = keys_for(target.name)
    if not target.search_text:
        handles = [i.handle for i in target.__dict__.get("identities", [])]
        target.search_text = search_text(target.name, target.phone, target.email, handles)


@event.listens_for(Customer, "before_update")
def _renamed_customer_pinyin(_mapper, _connection, target: Customer) -> None:
    target.pinyin = keys_for(target.name)


@event.listens_for(CustomerIdentity, "after_insert")
def _new_handle_is_searchable(_mapper, connection, target: CustomerIdentity) -> None:
    """A customer known in one more store is found by that handle too (the customer row
    is updated in the same flush, by SQL: the ORM must not change it mid-flush)."""
    table = Customer.__table__
    current = connection.scalar(select(table.c.search_text)
                                .where(table.c.id == target.customer_id)) or ""
    changed = with_handle(current, target.handle)
    if changed != current:
        connection.execute(update(table).where(table.c.id == target.customer_id)
                           .values(search_text=changed))
