"""Orders and their items."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.models.base import Base, new_key, str_enum
from shopdesk.models.customer import Customer
from shopdesk.models.enums import OrderStatus
from shopdesk.models.shop import Store


class Order(Base):
    """An order placed in one store. ``order_no`` is the platform's id, unique per store."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("store_id", "order_no"),
        CheckConstraint("total_minor >= 0", name="total_not_negative"),
        CheckConstraint("shipping_minor >= 0", name="shipping_not_negative"),
        Index("ix_orders_customer_placed", "customer_id", "placed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    order_no: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    # When the buyer received the goods: the no-reason return window counts from here.
    delivered_at: Mapped[datetime | None]
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus, "order_status"))
    currency: Mapped[str] = mapped_column(String(3))
    # What the buyer paid for the whole order, shipping included, in minor units.
    total_minor: Mapped[int]
    shipping_minor: Mapped[int] = mapped_column(default=0)
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking_no: Mapped[str | None] = mapped_column(String(100))

    store: Mapped[Store] = relationship()
    customer: Mapped[Customer] = relationship()
    items: Mapped[list[OrderItem]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderItem.id"
    )


class OrderItem(Base):
    __tablename__ = "order_items"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("unit_price_minor >= 0", name="unit_price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    sku: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(500))
    qty: Mapped[int]
    unit_price_minor: Mapped[int]

    order: Mapped[Order] = relationship(back_populates="items")
