"""Reports → Frequent questions: the kinds of question customers asked most in a period,
grouped by similar wording (the features of ``suggest_index``: a message joins the group
of the first more frequent wording it is close enough to), and for each whether a quick
reply or an article answers it (``suggestions``), with the answer agents gave most often
right after such a message: the draft of a new quick reply.

Greetings and thank-yous alone ("在吗", "谢谢") are left out: they are not questions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Agent, Message, QuickReply
from shopdesk.models.enums import Direction
from shopdesk.services import suggestions as sg
from shopdesk.services.conversations import has_chinese
from shopdesk.services.permissions import Action, require
from shopdesk.services.suggest_index import SOCIAL, Index, concepts, features
from shopdesk.textfold import fold

SAME = 0.4  # cosine at which two wordings are the same question
ANSWERED = 0.1  # a suggestion at least this good answers the group
SAMPLE = 20000  # the newest customer messages of the period that are read
WORDINGS = 3000  # the most frequent distinct wordings that are grouped
PUNCT = re.compile(r"[\s\W_]+")
LONG_NUMBER = re.compile(r"\d{8,}")


@dataclass
class QuestionGroup:
    question: str  # the most frequent wording
    count: int = 0  # customer messages in the group
    wordings: list[str] = field(default_factory=list)  # the group's wordings, most frequent first
    conversations: int = 0
    store_id: int | None = None  # where it was asked most
    answered_by: sg.Suggestion | None = None
    best_answer: str | None = None  # the agents' most frequent reply right after it
    answer_count: int = 0  # how often that reply was given
    message_ids: list[int] = field(default_factory=list, repr=False)


def _key(text: str) -> str:
    return PUNCT.sub("", fold(text))


def _social(text: str) -> bool:
    found = concepts(fold(text))
    rest = {f for f in features(text, thesaurus=False) if f.startswith(("b:", "w:"))}
    return bool(found) and found <= SOCIAL and len(rest) <= 4


def frequent_questions(session: Session, actor: Agent | None, start: datetime, end: datetime,
                       store_ids: Sequence[int] = (), limit: int = 20) -> list[QuestionGroup]:
    """The ``limit`` most frequent questions of customers between ``start`` and ``end``."""
    require(actor, Action.VIEW)
    q = (select(Message.id, Message.conversation_id, Message.store_id, Message.text)
         .where(Message.direction == Direction.IN, Message.at >= start, Message.at < end)
         .order_by(Message.at.desc()).limit(SAMPLE))
    if store_ids:
        q = q.where(Message.store_id.in_(store_ids))
    rows = [r for r in session.execute(q) if r.text and r.text.strip()]
    by_key: dict[str, list] = {}
    for row in rows:
        key = _key(row.text)
        if key:
            by_key.setdefault(key, []).append(row)
    keys = sorted(by_key, key=lambda k: (-len(by_key[k]), k))[:WORDINGS]
    wording = {k: Counter(r.text.strip() for r in by_key[k]).most_common(1)[0][0]
               for k in keys}  # the most frequent spelling of a wording
    keys = [k for k in keys if not _social(wording[k])]
    texts = [wording[k] for k in keys]
    index = Index(texts)  # the weights of the features over all wordings
    # the same question names the same concepts: "the candle set is broken" and "a discount
    # on the candle set?" share a product, not a question
    meaning = [frozenset(concepts(fold(t)) - SOCIAL) for t in texts]
    leaders: dict[str, list[tuple[int, float]]] = {}  # feature → (leader, weight)
    groups: dict[int, QuestionGroup] = {}
    for i, text in enumerate(texts):
        vector = index.query_vector(text)
        near: dict[int, float] = defaultdict(float)
        for f, w in vector.items():
            for j, wj in leaders.get(f, ()):
                near[j] += w * wj
        best = max(((s, j) for j, s in near.items() if s >= SAME and meaning[j] == meaning[i]),
                   default=None)
        leader = best[1] if best else i
        if best is None:
            for f, w in vector.items():
                leaders.setdefault(f, []).append((i, w))
        group = groups.setdefault(leader, QuestionGroup(text))
        messages = by_key[keys[i]]
        group.count += len(messages)
        group.wordings.append(text)
        group.message_ids.extend(m.id for m in messages)
    top = sorted(groups.values(), key=lambda g: -g.count)[:limit]
    rows_by_id = {r.id: r for r in rows}
    for group in top:
        members = [rows_by_id[m] for m in group.message_ids]
        group.conversations = len({m.conversation_id for m in members})
        group.store_id = Counter(m.store_id for m in members).most_common(1)[0][0]
        found = sg.suggest(session, group.store_id, group.question, limit=1)
        group.answered_by = found[0] if found and found[0].score >= ANSWERED else None
    _best_answers(session, top)
    return top


def _best_answers(session: Session, groups: list[QuestionGroup]) -> None:
    """For each group, the agents' reply given most often right after one of its messages."""
    asked = {m for g in groups for m in g.message_ids}
    if not asked:
        return
    ins = {}
    ids = sorted(asked)
    for n in range(0, len(ids), 500):
        for row in session.execute(select(Message.id, Message.conversation_id, Message.at)
                                   .where(Message.id.in_(ids[n:n + 500]))):
            ins[row.id] = row
    conversations = sorted({r.conversation_id for r in ins.values()})
    replies: dict[int, list[tuple[datetime, int, str]]] = {}
    for n in range(0, len(conversations), 500):
        for row in session.execute(
                select(Message.conversation_id, Message.at, Message.id, Message.text)
                .where(Message.conversation_id.in_(conversations[n:n + 500]),
                       Message.direction == Direction.OUT, Message.author_id.is_not(None))
                .order_by(Message.conversation_id, Message.at, Message.id)):
            replies.setdefault(row.conversation_id, []).append((row.at, row.id, row.text))
    for group in groups:
        answers: Counter[str] = Counter()
        wording: dict[str, str] = {}
        for message_id in group.message_ids:
            m = ins.get(message_id)
            after = replies.get(m.conversation_id, []) if m else []
            at = bisect_right(after, (m.at, m.id, "\uffff")) if m else 0
            if at < len(after) and after[at][2].strip():
                key = _key(after[at][2])
                answers[key] += 1
                wording.setdefault(key, after[at][2].strip())
        if answers:
            key, count = max(answers.items(), key=lambda kv: (kv[1], len(kv[0])))
            group.best_answer, group.answer_count = wording[key], count


def draft(session: Session, group: QuestionGroup) -> tuple[str, str, str, str]:
    """(category, code, title, text) of a new quick reply from the group's best answer:
    long numbers (an order's) become {order_no}; the code is the first free ``faqN``."""
    body = LONG_NUMBER.sub("{order_no}", group.best_answer or "")
    chinese = has_chinese(group.question)
    used = set(session.scalars(select(QuickReply.code).where(QuickReply.code.like("faq%"))))
    n = 1
    while f"faq{n}" in used:
        n += 1
    title = group.question.strip().splitlines()[0][:40]
    return ("常见问题" if chinese else "FAQ"), f"faq{n}", title, body
