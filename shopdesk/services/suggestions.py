"""Suggested replies: the quick replies and article snippets that best answer a customer's
message, ranked locally (``suggest_index``) and boosted by what agents of the same store
sent before for similar messages (``suggestion_choices``).

Candidates come from providers. A provider has ``kind`` and two functions of a session and
a store id: ``stamp`` (cheap, changes whenever its candidates change) and ``candidates``
(the list). The quick replies' provider is built in; the knowledge base plugs its
articles in with ``register_provider`` (see ``ArticleProvider`` below for the shape). Each
store's index is cached per database and rebuilt only when a provider's stamp changes,
so that one message costs a few milliseconds with thousands of candidates."""

from __future__ import annotations

import heapq
import threading
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    Article,
    AuditEvent,
    Conversation,
    Message,
    QuickReply,
    Store,
    SuggestionChoice,
)
from shopdesk.models.enums import Direction
from shopdesk.services.conversations import has_chinese
from shopdesk.services.permissions import Action, require
from shopdesk.services.suggest_index import Index
from shopdesk.textfold import fold
from shopdesk.times import utcnow

KINDS = ("quick_reply", "article")
OTHER_LANGUAGE = 0.5  # a candidate in the other language than the message's counts less
WEAK = 0.2  # a candidate scoring under this share of the best one is no suggestion
CHOICE_WEIGHT = 0.5  # how much what agents sent before adds, at most
CHOICE_SIMILAR = 0.35  # a past message at least this similar passes its choice on
MEMORY = 2000  # the newest choices of a store that are remembered


@dataclass(frozen=True)
class Candidate:
    kind: str  # "quick_reply" | "article"
    code: str  # the quick reply's code, the article's key
    title: str
    text: str  # what is inserted (variables are filled then)
    store: int | None = None  # None: for every store
    ref_id: int | None = None  # the row's id (a quick reply's, for its images)
    keywords: str = ""  # indexed, never shown (an article's tags, a category)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    code: str
    title: str
    text: str
    score: float
    ref_id: int | None = None

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "code": self.code, "title": self.title,
                "score": round(self.score, 4)}


class Provider(Protocol):
    kind: str

    def stamp(self, session: Session, store_id: int | None) -> Hashable: ...

    def candidates(self, session: Session, store_id: int | None) -> list[Candidate]: ...


class QuickReplyProvider:
    """Every quick reply (they are shared by all stores)."""

    kind = "quick_reply"

    # Rows added or removed change the count, the newest id and time (another database at
    # the same address, a restored backup: a new newest time); a change through Settings
    # leaves an audit event.
    _count = select(func.count(QuickReply.id), func.max(QuickReply.id),
                    func.max(QuickReply.created_at))
    _changed = select(func.max(AuditEvent.id)).where(AuditEvent.entity == "quick_reply")

    def stamp(self, session: Session, store_id: int | None) -> Hashable:
        return (*session.execute(self._count).one(), session.scalar(self._changed))

    def candidates(self, session: Session, store_id: int | None) -> list[Candidate]:
        return [Candidate("quick_reply", r.code, r.title, r.body, None, r.id, r.category)
                for r in session.scalars(select(QuickReply).order_by(
                    QuickReply.category, QuickReply.position, QuickReply.id))]


class ArticleProvider:
    """The knowledge base's articles that may be offered in the store now (its own and those
    for every store; never an expired or not yet valid promotion), their snippet inserted."""

    kind = "article"
    SNIPPET = 300  # characters of the article's text that are inserted

    @staticmethod
    def _offered(store_id: int | None, now: datetime):  # type: ignore[no-untyped-def]
        where = [or_(Article.valid_from.is_(None), Article.valid_from <= now),
                 or_(Article.valid_to.is_(None), Article.valid_to > now)]
        if store_id is not None:
            where.append(or_(Article.store_id.is_(None), Article.store_id == store_id))
        return where

    def stamp(self, session: Session, store_id: int | None) -> Hashable:
        # Which articles are offered changes when one is edited (its version, its time) and
        # when a promotion starts or ends (the count of those offered now).
        return session.execute(
            select(func.count(Article.id), func.max(Article.id), func.max(Article.updated_at),
                   func.sum(Article.version)).where(*self._offered(store_id, utcnow()))).one()

    def candidates(self, session: Session, store_id: int | None) -> list[Candidate]:
        rows = session.scalars(select(Article).where(*self._offered(store_id, utcnow()))
                               .order_by(Article.id))
        return [Candidate("article", a.key, a.title, a.body[:self.SNIPPET], a.store_id, None,
                          a.keywords) for a in rows]


PROVIDERS: list[Provider] = [QuickReplyProvider(), ArticleProvider()]


def register_provider(provider: Provider) -> None:
    """Add a source of candidates (once; a provider of the same class is replaced)."""
    PROVIDERS[:] = [p for p in PROVIDERS if type(p) is not type(provider)] + [provider]
    clear_cache()


# -- the cached index of a store --------------------------------------------------------------


@dataclass
class _StoreIndex:
    stamp: tuple[Hashable, ...]
    candidates: list[Candidate]
    index: Index
    chinese: list[bool]
    choice_stamp: Hashable = None
    choice_index: Index | None = None
    choice_keys: list[Counter[tuple[str, str]]] = field(default_factory=list)


_CACHE: dict[tuple[str, int | None, str], _StoreIndex] = {}
_LOCK = threading.Lock()


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def _new_index(texts: list[str], analyzer: str) -> Index:
    """``analyzer``: "ngram" (the default) or "jieba", "-plain" for no thesaurus (the
    benchmark's comparisons)."""
    segmenter, _, plain = analyzer.partition("-")
    return Index(texts, segmenter, thesaurus=not plain)


def _index_of(session: Session, store_id: int | None, segmenter: str) -> _StoreIndex:
    bind = session.get_bind()
    key = (f"{id(bind)}:{bind.url}", store_id, segmenter)
    stamp = tuple(p.stamp(session, store_id) for p in PROVIDERS)
    with _LOCK:
        entry = _CACHE.get(key)
    if entry is None or entry.stamp != stamp:
        candidates = [c for p in PROVIDERS for c in p.candidates(session, store_id)
                      if c.store is None or store_id is None or c.store == store_id]
        index = _new_index([f"{c.title}\n{c.keywords}\n{c.text}" for c in candidates],
                           segmenter)
        entry = _StoreIndex(stamp, candidates, index,
                            [has_chinese(c.title + c.text) for c in candidates])
    if store_id is not None:
        _refresh_choices(session, store_id, entry, segmenter)
    with _LOCK:
        _CACHE[key] = entry
    return entry


def _refresh_choices(session: Session, store_id: int, entry: _StoreIndex,
                     segmenter: str) -> None:
    stamp = tuple(session.execute(select(func.count(SuggestionChoice.id),
                                         func.max(SuggestionChoice.id),
                                         func.max(SuggestionChoice.at))
                                  .where(SuggestionChoice.store_id == store_id)).one())
    if stamp == entry.choice_stamp:
        return
    rows = session.execute(select(SuggestionChoice.message_text, SuggestionChoice.kind,
                                  SuggestionChoice.code)
                           .where(SuggestionChoice.store_id == store_id)
                           .order_by(SuggestionChoice.id.desc()).limit(MEMORY)).all()
    by_text: dict[str, Counter[tuple[str, str]]] = {}
    for text, kind, code in rows:
        by_text.setdefault(fold(text).strip(), Counter())[(kind, code)] += 1
    texts = list(by_text)
    entry.choice_index = _new_index(texts, segmenter) if texts else None
    entry.choice_keys = [by_text[t] for t in texts]
    entry.choice_stamp = stamp


def suggest(session: Session, store_id: int | None, text: str, limit: int = 3,
            segmenter: str = "ngram", use_choices: bool = True) -> list[Suggestion]:
    """The best ``limit`` candidates for a customer's message in a store, best first."""
    if not text.strip():
        return []
    entry = _index_of(session, store_id, segmenter)
    chinese = has_chinese(text)
    scores: dict[int, float] = {}
    for position, score in entry.index.scores(text).items():
        scores[position] = score * (1.0 if entry.chinese[position] == chinese
                                    else OTHER_LANGUAGE)
    if use_choices and entry.choice_index is not None:
        where = {(c.kind, c.code): i for i, c in enumerate(entry.candidates)}
        boost: dict[int, float] = {}
        for past, similarity in entry.choice_index.search(text, limit=20):
            if similarity < CHOICE_SIMILAR:
                continue
            for key, count in entry.choice_keys[past].items():
                position = where.get(key)
                if position is not None:
                    value = similarity * (1 - 0.5 ** count)
                    boost[position] = max(boost.get(position, 0.0), value)
        for position, value in boost.items():
            scores[position] = scores.get(position, 0.0) + CHOICE_WEIGHT * value
    best = heapq.nsmallest(limit, scores.items(), key=lambda p: (-p[1], p[0]))
    out = []
    for position, score in best:
        if score <= 0 or score < WEAK * best[0][1]:
            continue
        c = entry.candidates[position]
        out.append(Suggestion(c.kind, c.code, c.title, c.text, score, c.ref_id))
    return out


# -- the conversation's side ------------------------------------------------------------------


def latest_customer_message(session: Session, conversation_id: int
                            ) -> tuple[int, str] | None:
    """(store id, text) of the customer's newest message in a conversation."""
    row = session.execute(
        select(Conversation.store_id, Message.text)
        .join(Message, Message.conversation_id == Conversation.id)
        .where(Conversation.id == conversation_id, Message.direction == Direction.IN)
        .order_by(Message.at.desc(), Message.id.desc()).limit(1)).first()
    return (row[0], row[1] or "") if row else None


def for_conversation(session: Session, conversation_id: int, limit: int = 3
                     ) -> tuple[str, list[Suggestion]]:
    """The customer's latest message and the suggestions for it."""
    latest = latest_customer_message(session, conversation_id)
    if latest is None:
        return "", []
    store_id, text = latest
    return text, suggest(session, store_id, text, limit)


def record_choice(session: Session, actor: Agent, conversation_id: int, kind: str,
                  code: str) -> SuggestionChoice | None:
    """Remember that ``actor`` sent this candidate in answer to the customer's latest
    message of the conversation (called when the reply is sent)."""
    require(actor, Action.REPLY)
    if kind not in KINDS:
        raise ShopDeskError(f"Unknown kind of suggestion: {kind}.")
    latest = latest_customer_message(session, conversation_id)
    if latest is None or not latest[1].strip():
        return None
    choice = SuggestionChoice(store_id=latest[0], message_text=latest[1][:2000], kind=kind,
                              code=code, agent_id=actor.id)
    session.add(choice)
    session.flush()
    return choice


def store_by_key(session: Session, key: str) -> Store:
    store = session.scalar(select(Store).where(Store.key == key))
    if store is None:
        raise ShopDeskError(f"No store with the key '{key}'.")
    return store


def suggest_many(session: Session, store_id: int | None, texts: Sequence[str],
                 limit: int = 3) -> list[tuple[str, list[Suggestion]]]:
    return [(t, suggest(session, store_id, t, limit)) for t in texts]
