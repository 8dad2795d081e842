"""Which articles fit what a customer wrote: the words of their messages against each
article's title, keywords and text.

Chinese has no spaces, so a run of Chinese characters gives its pairs of adjacent
characters (“退货运费” → 退货, 货运, 运费); other text gives its words, folded and cut to a
rough stem (returns → return, shipping → ship). Words every shop message has (你好, 请问,
the, please) count for nothing. A word found in an article's title or keywords counts three
times one found in its text, and a word rare among the articles counts more than a common
one (log(1 + N / articles having it)).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from shopdesk.textfold import fold

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+")

_STOP_ZH = """你好 您好 请问 可以 什么 怎么 一下 我的 你们 我们 谢谢 好的 是不 不是 这个
那个 一个 没有 还是 就是 这样 现在 已经 如果 因为 所以 但是 然后 时候 知道 需要 可能 应该 觉得
在吗 亲亲 麻烦 帮我 帮忙 能不 不能 是否 有没 吗吗 了吗 的话 一直 还没 怎样 多少 为什 什么时
"""
_STOP_EN = """the and for you your are was were with this that have has had not but can
could would should will what when where which who how why our out get got any all too very
just please thanks thank hello dear there their them they from been being into about also
its it's it let may might one two yes now yet still much many more most some such than then
"""
STOP_ZH = frozenset(_STOP_ZH.split())
STOP_EN = frozenset(_STOP_EN.split())
TITLE_WEIGHT = 3.0


def _stem(word: str) -> str:
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word[:-2].endswith(("s", "x", "ch", "sh")):
                continue
            if suffix == "s" and word.endswith("ss"):
                continue
            stem = word[: len(word) - len(suffix)] + keep
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # shipping → shipp → ship
            return stem
    return word


def terms(text: str) -> set[str]:
    """The words of ``text`` that say what it is about."""
    folded = fold(text)
    found: set[str] = set()
    for run in _CJK.findall(folded):
        found.update(p for p in (run[i:i + 2] for i in range(len(run) - 1))
                     if p not in STOP_ZH)
    for word in _WORD.findall(_CJK.sub(" ", folded)):
        if word.isdigit():
            if len(word) >= 2:
                found.add(word)  # sizes and amounts: 38, 350
            continue
        if len(word) >= 3 and word not in STOP_EN:
            found.add(_stem(word))
    return found


@dataclass(frozen=True)
class Scored:
    index: int  # of the article among those given
    score: float
    matched: tuple[str, ...]  # the customer's words it matched, strongest first


_CACHE: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}
CACHE_SIZE = 20_000


def _terms_of(head: str, body: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of an article's head and text, kept by the texts themselves, so that
    ranking thousands of articles does not cut every text again (an edit is a new text)."""
    found = _CACHE.get((head, body))
    if found is None:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        found = _CACHE[(head, body)] = (frozenset(terms(head)), frozenset(terms(body)))
    return found


def rank(wanted: set[str], articles: Sequence[tuple[str, str]]) -> list[Scored]:
    """``articles``: (title and keywords, text) of each candidate. Those matching at least
    one of the ``wanted`` words, best first (ties: in the order given)."""
    if not wanted or not articles:
        return []
    cut = [_terms_of(head, body) for head, body in articles]
    # Only the customer's few words are looked up in each article (not the article's many).
    found = [[t for t in wanted if t in head or t in body] for head, body in cut]
    df: dict[str, int] = {}
    for terms_found in found:
        for term in terms_found:
            df[term] = df.get(term, 0) + 1
    n = len(articles)
    idf = {t: math.log(1 + n / c) for t, c in df.items()}
    out = []
    for i, terms_found in enumerate(found):
        if not terms_found:
            continue
        head = cut[i][0]
        weights = {t: idf[t] * (TITLE_WEIGHT if t in head else 1.0) for t in terms_found}
        ordered = sorted(weights, key=lambda t: (-weights[t], t))
        out.append(Scored(i, round(sum(weights.values()), 4), tuple(ordered)))
    out.sort(key=lambda s: -s.score)
    return out


def customer_terms(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        found |= terms(text)
    return found
