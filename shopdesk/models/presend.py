"""Each platform's pre-send rules (Settings → Sending rules; services/presend_rules.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.models.base import Base
from shopdesk.times import utcnow


class PresendRule(Base):
    """What a reply on one platform is checked for before it leaves. The lists hold one
    entry a line."""

    __tablename__ = "presend_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(32), unique=True)  # a Platform value
    words: Mapped[str] = mapped_column(Text, default="")  # forbidden words
    allowed: Mapped[str] = mapped_column(Text, default="")  # ordinary words holding one
    contacts: Mapped[bool] = mapped_column(Boolean, default=False)  # phone, WeChat, QQ, links
    domains: Mapped[str] = mapped_column(Text, default="")  # the platform's own sites
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
