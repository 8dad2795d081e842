"""The knowledge base: articles for agents (product facts, size charts, care, shipping and
return policies, promotions with a validity) for one store or every store, with images.
Who changed what is in the audit trail (entity ``article``)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.models.base import Base, new_key, str_enum
from shopdesk.models.shop import Agent, Store
from shopdesk.times import utcnow


class ArticleKind(StrEnum):
    PRODUCT = "product"          # product facts: material, sizes, what is in the box
    SIZE_CHART = "size_chart"
    CARE = "care"                # care and use instructions
    SHIPPING = "shipping"        # shipping policy
    RETURNS = "returns"          # return policy
    PROMOTION = "promotion"      # valid from … to …


LANGUAGES = ("zh", "en")


class Article(Base):
    """One article. ``store_id`` None: for every store. ``valid_from``/``valid_to`` (either
    may be None) bound when it applies; one whose ``valid_to`` has passed is expired and is
    never offered beside a conversation."""

    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint("language IN ('zh', 'en')", name="language"),
        CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from",
                        name="validity"),
        Index("ix_articles_store_id_kind", "store_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=new_key)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    kind: Mapped[ArticleKind] = mapped_column(str_enum(ArticleKind, "article_kind"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    keywords: Mapped[str] = mapped_column(String(500), default="", server_default="")  # words customers use
    valid_from: Mapped[datetime | None]
    valid_to: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    version: Mapped[int] = mapped_column(default=1)

    store: Mapped[Store | None] = relationship()
    created_by: Mapped[Agent | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[Agent | None] = relationship(foreign_keys=[updated_by_id])
    images: Mapped[list[ArticleImage]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleImage.id")

    __mapper_args__ = {"version_id_col": version}


class ArticleImage(Base):
    """An image of an article (a size chart, a care label), kept like a return's photos."""

    __tablename__ = "article_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)

    article: Mapped[Article] = relationship(back_populates="images")
