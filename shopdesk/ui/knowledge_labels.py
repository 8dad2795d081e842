"""Translated names of the knowledge base's codes: kinds of article, languages, validity,
and what the history says. One place for the Knowledge page and the inbox's panel."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from shopdesk.models.knowledge import ArticleKind
from shopdesk.services import knowledge as kb
from shopdesk.times import to_local


def kind_label(kind: ArticleKind | str) -> str:
    t = QCoreApplication.translate
    return {
        ArticleKind.PRODUCT: t("KnowledgeLabels", "Product facts"),
        ArticleKind.SIZE_CHART: t("KnowledgeLabels", "Size chart"),
        ArticleKind.CARE: t("KnowledgeLabels", "Care instructions"),
        ArticleKind.SHIPPING: t("KnowledgeLabels", "Shipping policy"),
        ArticleKind.RETURNS: t("KnowledgeLabels", "Return policy"),
        ArticleKind.PROMOTION: t("KnowledgeLabels", "Promotion"),
    }[ArticleKind(kind)]


def language_label(language: str) -> str:
    t = QCoreApplication.translate
    return {"zh": t("KnowledgeLabels", "Chinese"), "en": t("KnowledgeLabels", "English")}[
        language]


def state_label(state: str) -> str:
    t = QCoreApplication.translate
    return {kb.ACTIVE: t("KnowledgeLabels", "Valid"), kb.EXPIRED: t("KnowledgeLabels", "Expired"),
            kb.UPCOMING: t("KnowledgeLabels", "Not yet valid")}[state]


def every_store() -> str:
    return QCoreApplication.translate("KnowledgeLabels", "Every store")


def local_day(value: datetime | None) -> str:
    return f"{to_local(value):%Y-%m-%d %H:%M}" if value is not None else ""


def validity(item: kb.ArticleItem) -> str:
    """“Valid 2026-12-01 00:00 – 2026-12-12 23:59” or “” when it has no dates."""
    t = QCoreApplication.translate
    start, end = item.valid_from, item.valid_to
    if start and end:
        return t("KnowledgeLabels", "%1 – %2").replace("%1", local_day(start)).replace(
            "%2", local_day(end))
    if end:
        return t("KnowledgeLabels", "until %1").replace("%1", local_day(end))
    if start:
        return t("KnowledgeLabels", "from %1").replace("%1", local_day(start))
    return ""


def field_label(field: str) -> str:
    t = QCoreApplication.translate
    return {"store": t("KnowledgeLabels", "store"), "kind": t("KnowledgeLabels", "kind"),
            "language": t("KnowledgeLabels", "language"), "title": t("KnowledgeLabels", "title"),
            "body": t("KnowledgeLabels", "text"), "keywords": t("KnowledgeLabels", "keywords"),
            "valid_from": t("KnowledgeLabels", "valid from"),
            "valid_to": t("KnowledgeLabels", "valid until"),
            "images": t("KnowledgeLabels", "images")}.get(field, field)


def history_line(entry: kb.HistoryEntry) -> str:
    """“2026-11-20 12:00 · 林晓雨 · changed title, text”."""
    t = QCoreApplication.translate
    who = entry.agent or t("KnowledgeLabels", "someone")
    what = {"create": t("KnowledgeLabels", "created the article"),
            "delete": t("KnowledgeLabels", "deleted the article")}.get(entry.action)
    if what is None:
        what = t("KnowledgeLabels", "changed %1").replace(
            "%1", t("KnowledgeLabels", ", ").join(field_label(c.field) for c in entry.changes))
    return f"{local_day(entry.at)} · {who} · {what}"
