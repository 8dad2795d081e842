"""The knowledge base: articles agents look up while they answer (product facts, size
charts, care, shipping and return policies, promotions valid from … to …), for one store
or every store, in Chinese or English, with images.

Who may do what: everyone signed in reads articles (``Action.VIEW``: agents answer with
them, the bookkeeper may check a promotion); only the owner writes them
(``Action.MANAGE_SETTINGS``, as for quick replies): an article is what the shop promises.
Every change is written to the audit trail (entity ``article``: create, update with the
fields before → after, delete), which ``history`` reads back; a save based on a stale read
is refused (``version``).

A promotion (any article) whose ``valid_to`` has passed is *expired*: it is listed,
flagged, but never offered beside a conversation; one whose ``valid_from`` is still ahead
is *upcoming* and not offered either. Other helpers use ``current_articles`` (what may be
offered in a store now) and ``articles_for_conversation`` (those that fit it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete as delete_rows
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from shopdesk import bounds
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Article, ArticleImage, ArticleKind, Store
from shopdesk.models.knowledge import LANGUAGES
from shopdesk.services import audit
from shopdesk.services.inbox import check_images
from shopdesk.services.knowledge_history import (  # noqa: F401 - part of this API
    Change,
    HistoryEntry,
    history,
)
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.services.search import snippet
from shopdesk.textfold import fold
from shopdesk.times import as_utc, utcnow

MAX_IMAGES = 9
EVERY_STORE = 0  # ``store`` filter: only the articles written for every store
ACTIVE, EXPIRED, UPCOMING = "active", "expired", "upcoming"


@dataclass(frozen=True)
class ImageInfo:
    id: int
    filename: str
    mime_type: str
    size: int


@dataclass(frozen=True)
class ArticleItem:
    id: int
    key: str
    store_id: int | None  # None: every store
    store_name: str | None
    kind: ArticleKind
    language: str  # "zh" or "en"
    title: str
    body: str
    keywords: str
    valid_from: datetime | None
    valid_to: datetime | None
    state: str  # ACTIVE, EXPIRED or UPCOMING (at the time it was read)
    created_at: datetime
    created_by: str | None
    updated_at: datetime
    updated_by: str | None
    version: int
    images: tuple[ImageInfo, ...] = ()

    @property
    def expired(self) -> bool:
        return self.state == EXPIRED

    @property
    def offered(self) -> bool:
        """Whether it may be offered beside a conversation (valid now)."""
        return self.state == ACTIVE

    def summary(self, length: int = 120) -> str:
        """The text's first lines, up to ``length`` characters (a snippet to show or insert)."""
        flat = " ".join(self.body.split())
        return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


@dataclass(frozen=True)
class ArticleDraft:
    """What the editor (or a caller) gives to ``create`` and ``update``. ``images``: (file
    name, MIME type, bytes) that replace the article's images; None keeps them."""
    kind: ArticleKind | str
    language: str
    title: str
    body: str
    store_id: int | None = None
    keywords: str = ""
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    images: Sequence[tuple[str, str, bytes]] | None = None


@dataclass(frozen=True)
class ArticleMatch:
    article: ArticleItem
    score: float
    matched: tuple[str, ...]  # the customer's words that matched, strongest first


def state_of(valid_from: datetime | None, valid_to: datetime | None,
             now: datetime | None = None) -> str:
    now = now or utcnow()
    if valid_to is not None and as_utc(valid_to) <= now:
        return EXPIRED
    if valid_from is not None and as_utc(valid_from) > now:
        return UPCOMING
    return ACTIVE


# -- reading ----------------------------------------------------------------------------------

def _items(session: Session, query: Any, now: datetime) -> list[ArticleItem]:
    made, changed = aliased(Agent), aliased(Agent)
    rows = session.execute(
        query.add_columns(Store.name, made.name, changed.name)
        .outerjoin(Store, Store.id == Article.store_id)
        .outerjoin(made, made.id == Article.created_by_id)
        .outerjoin(changed, changed.id == Article.updated_by_id)).all()
    ids = [r[0].id for r in rows]
    images: dict[int, list[ImageInfo]] = {}
    for start in range(0, len(ids), 500):
        for aid, iid, name, mime, size in session.execute(
                select(ArticleImage.article_id, ArticleImage.id, ArticleImage.filename,
                       ArticleImage.mime_type, ArticleImage.size)
                .where(ArticleImage.article_id.in_(ids[start:start + 500]))
                .order_by(ArticleImage.id)):
            images.setdefault(aid, []).append(ImageInfo(iid, name, mime, size))
    return [ArticleItem(a.id, a.key, a.store_id, store, ArticleKind(a.kind), a.language,
                        a.title, a.body, a.keywords or "", a.valid_from, a.valid_to,
                        state_of(a.valid_from, a.valid_to, now), a.created_at, by, a.updated_at,
                        upd, a.version, tuple(images.get(a.id, ())))
            for a, store, by, upd in rows]


def get(session: Session, actor: Agent | None, article_id: int,
        now: datetime | None = None) -> ArticleItem:
    require(actor, Action.VIEW)
    found = _items(session, select(Article).where(Article.id == article_id), now or utcnow())
    if not found:
        raise ShopDeskError("That article no longer exists.")
    return found[0]


def list_articles(session: Session, actor: Agent | None, *, query: str = "",
                  store: int | None = None, kind: ArticleKind | str | None = None,
                  language: str | None = None, include_expired: bool = True,
                  now: datetime | None = None, limit: int = 1000) -> list[ArticleItem]:
    """Articles by filter. ``store``: None any; a store's id: that store's and those for
    every store; ``EVERY_STORE``: only those for every store. ``query``: any part of the
    title, text or keywords (one Chinese character is enough); titles that contain it come
    first. Otherwise by kind, then title."""
    require(actor, Action.VIEW)
    now = now or utcnow()
    q = select(Article)
    if store == EVERY_STORE:
        q = q.where(Article.store_id.is_(None))
    elif store is not None:
        q = q.where(or_(Article.store_id == store, Article.store_id.is_(None)))
    if kind is not None:
        q = q.where(Article.kind == ArticleKind(kind))
    if language is not None:
        q = q.where(Article.language == language)
    if not include_expired:
        q = q.where(or_(Article.valid_to.is_(None), Article.valid_to > now))
    needle = fold(query).strip()
    if needle:
        from shopdesk.services.knowledge_search import article_ids

        ids = article_ids(session, needle)
        if not ids:
            return []
        q = q.where(Article.id.in_(ids))
    q = q.order_by(Article.kind, Article.title, Article.id).limit(limit)
    items = _items(session, q, now)
    if needle:
        items.sort(key=lambda a: (needle not in fold(a.title), -a.updated_at.timestamp()))
    return items


def search(session: Session, actor: Agent | None, query: str, *, store: int | None = None,
           limit: int = 50, now: datetime | None = None) -> list[ArticleItem]:
    """``list_articles`` with a query (what a search box calls)."""
    return list_articles(session, actor, query=query, store=store, limit=limit, now=now)


def highlighted(item: ArticleItem, query: str) -> str:
    """The article's text around the first match, escaped, the match in <b>…</b>."""
    return snippet(item.body, fold(query).strip())


def current_articles(session: Session, actor: Agent | None, store_id: int | None,
                     now: datetime | None = None) -> list[ArticleItem]:
    """What may be offered in ``store_id`` now (None: in any store): its own articles and
    those for every store, neither expired nor upcoming."""
    now = now or utcnow()
    items = list_articles(session, actor, store=store_id, include_expired=False, now=now,
                          limit=100_000)
    return [a for a in items if a.offered]


def image_data(session: Session, actor: Agent | None, image_id: int) -> tuple[str, str, bytes]:
    """(file name, MIME type, bytes) of one image, to show it or send it."""
    require(actor, Action.VIEW)
    image = existing(session, ArticleImage, image_id, "image")
    return image.filename, image.mime_type, image.data


def images_of(session: Session, actor: Agent | None,
              article_id: int) -> list[tuple[str, str, bytes]]:
    """The images of an article, (file name, MIME type, bytes), to attach to a reply."""
    require(actor, Action.VIEW)
    return [(i.filename, i.mime_type, i.data) for i in session.scalars(
        select(ArticleImage).where(ArticleImage.article_id == article_id)
        .order_by(ArticleImage.id))]


# -- writing ----------------------------------------------------------------------------------

def _checked(session: Session, draft: ArticleDraft) -> dict[str, Any]:
    title, body, keywords = draft.title.strip(), draft.body.strip(), " ".join(
        draft.keywords.split())
    if not title or not body:
        raise ShopDeskError("An article needs a title and a text.")
    if len(title) > 200:
        raise ShopDeskError("The title is longer than 200 characters.")
    if len(keywords) > 500:
        raise ShopDeskError("The keywords are longer than 500 characters.")
    for value in (title, body, keywords):
        if bounds.text_problem(value):
            raise ShopDeskError("The article contains a character that cannot be stored "
                                "(NUL or a lone surrogate).")
    if draft.language not in LANGUAGES:
        raise ShopDeskError("Choose the article's language: Chinese or English.")
    try:
        kind = ArticleKind(draft.kind)
    except ValueError:
        raise ShopDeskError(f"“{draft.kind}” is not a kind of article.") from None
    start = as_utc(draft.valid_from) if draft.valid_from is not None else None
    end = as_utc(draft.valid_to) if draft.valid_to is not None else None
    if start is not None and end is not None and end <= start:
        raise ShopDeskError("The end of the validity must come after its start.")
    if draft.store_id is not None:
        existing(session, Store, draft.store_id, "store")
    if draft.images is not None:
        check_images(draft.images, MAX_IMAGES)
    return {"store_id": draft.store_id, "kind": kind, "language": draft.language,
            "title": title, "body": body, "keywords": keywords, "valid_from": start,
            "valid_to": end}


def _plain(values: dict[str, Any], session: Session) -> dict[str, Any]:
    """Values as the audit trail keeps them (JSON): the store by its key, times as text."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "store_id":
            name = "store"
            value = session.scalar(select(Store.key).where(Store.id == value)) if value else None
        elif isinstance(value, datetime):
            value = as_utc(value).isoformat()
        elif isinstance(value, ArticleKind):
            value = value.value
        out[name] = value
    return out


def _set_images(session: Session, article: Article,
                images: Sequence[tuple[str, str, bytes]]) -> None:
    session.execute(delete_rows(ArticleImage).where(ArticleImage.article_id == article.id))
    session.expire(article, ["images"])
    for name, mime, data in images:
        session.add(ArticleImage(article_id=article.id, filename=name, mime_type=mime,
                                 size=len(data), data=data))
    session.flush()


def create(session: Session, actor: Agent, draft: ArticleDraft,
           now: datetime | None = None) -> ArticleItem:
    require(actor, Action.MANAGE_SETTINGS)
    values = _checked(session, draft)
    now = now or utcnow()
    article = Article(**values, created_at=now, created_by_id=actor.id, updated_at=now,
                      updated_by_id=actor.id)
    session.add(article)
    session.flush()
    if draft.images:
        _set_images(session, article, draft.images)
    after = _plain(values, session)
    after["images"] = [name for name, _m, _d in draft.images or ()]
    audit.record(session, actor.id, "article.create", "article", article.id, None, after, at=now)
    return get(session, actor, article.id, now)


def update(session: Session, actor: Agent, article_id: int, expected_version: int,
           draft: ArticleDraft, now: datetime | None = None) -> ArticleItem:
    """Change an article read at ``expected_version``; refused if someone saved it since."""
    require(actor, Action.MANAGE_SETTINGS)
    article = session.scalars(select(Article).where(Article.id == article_id)
                              .execution_options(populate_existing=True)).first()
    if article is None:
        raise ShopDeskError("That article no longer exists.")
    if article.version != expected_version:
        raise audit.stale(session, "article", article.id, "article")
    values = _checked(session, draft)
    now = now or utcnow()
    old = {name: getattr(article, name) for name in values}
    changed = {n for n in values if _plain({n: old[n]}, session) != _plain({n: values[n]},
                                                                           session)}
    before, after = _plain({n: old[n] for n in changed}, session), _plain(
        {n: values[n] for n in changed}, session)
    if draft.images is not None:
        old_names = [i.filename for i in article.images]
        old_data = [(i.filename, i.mime_type, i.data) for i in article.images]
        if old_data != [tuple(i) for i in draft.images]:
            before["images"], after["images"] = old_names, [n for n, _m, _d in draft.images]
            _set_images(session, article, draft.images)
    if not before and not after:
        return get(session, actor, article.id, now)
    for name in changed:
        setattr(article, name, values[name])
    article.updated_at, article.updated_by_id = now, actor.id
    audit.record(session, actor.id, "article.update", "article", article.id, before, after,
                 at=now)
    session.flush()
    return get(session, actor, article.id, now)


def delete(session: Session, actor: Agent, article_id: int,
           expected_version: int | None = None, now: datetime | None = None) -> None:
    """Delete an article (its images with it); its history stays in the audit trail."""
    require(actor, Action.MANAGE_SETTINGS)
    article = session.get(Article, article_id)
    if article is None:
        return
    if expected_version is not None and article.version != expected_version:
        raise audit.stale(session, "article", article.id, "article")
    before = _plain({n: getattr(article, n) for n in (
        "store_id", "kind", "language", "title", "body", "keywords", "valid_from",
        "valid_to")}, session)
    before["images"] = [i.filename for i in article.images]
    audit.record(session, actor.id, "article.delete", "article", article.id, before, None,
                 at=now)
    session.delete(article)
    session.flush()


# -- beside a conversation --------------------------------------------------------------------

RECENT = 5  # the customer's last messages that say what the conversation is about
RELATIVE = 0.3  # an article scoring below this share of the best one is left out


def articles_for_conversation(session: Session, actor: Agent | None, conversation_id: int,
                              now: datetime | None = None,
                              limit: int = 5) -> list[ArticleMatch]:
    """The articles that fit an open conversation: of its store or every store, valid now
    (never an expired promotion), matching the words of the customer's last messages; best
    first. Empty when nothing matches."""
    from shopdesk.models import Conversation, Message
    from shopdesk.models.enums import Direction
    from shopdesk.services.conversations import has_chinese
    from shopdesk.services.knowledge_match import customer_terms, rank

    require(actor, Action.VIEW)
    store_id = session.scalar(select(Conversation.store_id)
                              .where(Conversation.id == conversation_id))
    if store_id is None:
        return []
    texts = list(session.scalars(
        select(Message.text).where(Message.conversation_id == conversation_id,
                                   Message.direction == Direction.IN)
        .order_by(Message.at.desc(), Message.id.desc()).limit(RECENT)))
    wanted = customer_terms(texts)
    if not wanted:
        return []
    language = "zh" if any(has_chinese(t) for t in texts) else "en"
    candidates = current_articles(session, actor, store_id, now)
    # In the customer's language (another's only when the store has none in it).
    candidates = [a for a in candidates if a.language == language] or candidates
    ranked = rank(wanted, [(f"{a.title}\n{a.keywords}", a.body) for a in candidates])
    best = ranked[0].score if ranked else 0.0
    return [ArticleMatch(candidates[r.index], r.score, r.matched) for r in ranked[:limit]
            if r.score >= RELATIVE * best]
