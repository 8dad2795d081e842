"""The text matching behind suggested replies and frequent questions, in plain Python.

A text becomes weighted features:

- Chinese: character bigrams (and single characters at a lower weight), or with
  ``segmenter="jieba"`` the words of jieba (optional, measured in bench/suggest.py: it
  ranked no better on the labelled set and costs a second and 50 MB to load, so the
  default is n-grams);
- Latin words, lightly stemmed, and their character trigrams (typos: "recieve", "refnd");
- concepts of the after-sales thesaurus (``suggest_lexicon``), which bridge wording and
  language.

``Index`` holds TF-IDF vectors (L2-normalised) of candidates in an inverted index; a query's
score against a candidate is the cosine of the two vectors, 0…1."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from shopdesk.services.suggest_lexicon import triggers
from shopdesk.textfold import fold

VARIABLES = re.compile(r"\{[a-z_]+\}")
CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
WORD = re.compile(r"[a-z0-9']+")
_STOP_WORDS = ("a an the i my me you your we our is are was were be been am do does did to of in "
               "on at for it its this that and or but so can could would will with have has "
               "had please pls there here what how when any just")
STOP = frozenset(_STOP_WORDS.split())
CJK_STOP = frozenset("的了吗呢啊吧呀么是我你您亲这那个有在和就也都还")
# features' weights by kind: the concept of a message counts most, single characters least
W_CONCEPT, W_BIGRAM, W_CHAR, W_WORD, W_TRIGRAM, W_JIEBA = 2.0, 1.0, 0.3, 1.0, 0.25, 1.0

_CJK: list[tuple[str, str]] = []
_LATIN: dict[str, set[str]] = {}
for _word, _concept in triggers():
    if CJK_RUN.search(_word):
        _CJK.append((_word, _concept))
    else:
        _LATIN.setdefault(_word, set()).add(_concept)
# one pattern for all Latin triggers, longest first, each at the start of a word
_LATIN_RE = re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, _LATIN)) + ")")
SOCIAL = frozenset({"greeting", "thanks"})
COMMON = 0.4  # a feature in more than this share of a large index is left out of queries
COMMON_WEAK = 0.05  # the same for single characters and trigrams: common ones rank nothing


def stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def concepts(folded: str) -> set[str]:
    found = {c for w, c in _CJK if w in folded}
    if any("a" <= ch <= "z" for ch in folded):
        for match in _LATIN_RE.finditer(folded):
            found.update(_LATIN[match.group()])
    return found


_jieba = None


def _jieba_words(run: str) -> list[str]:
    global _jieba
    if _jieba is None:
        import logging

        import jieba  # optional: only the benchmark asks for it

        jieba.setLogLevel(logging.WARNING)
        _jieba = jieba
    return _jieba.lcut(run)


def features(text: str, segmenter: str = "ngram", thesaurus: bool = True
             ) -> dict[str, float]:
    """The weighted features of ``text`` (not normalised)."""
    folded = VARIABLES.sub(" ", fold(text))
    out: Counter[str] = Counter()
    found = concepts(folded) if thesaurus else set()
    # "thanks, but the cup is broken": a greeting or a thank-you beside a question is
    # politeness; the question is what needs the answer
    polite = 0.25 if found - SOCIAL else 1.0
    for concept in found:
        out["c:" + concept] += W_CONCEPT * (polite if concept in SOCIAL else 1.0)
    for run in CJK_RUN.findall(folded):
        if segmenter == "jieba":
            for word in _jieba_words(run):
                if word not in CJK_STOP:
                    out["j:" + word] += W_JIEBA
            continue
        for ch in run:
            if ch not in CJK_STOP:
                out["u:" + ch] += W_CHAR
        for i in range(len(run) - 1):
            out["b:" + run[i:i + 2]] += W_BIGRAM
    for word in WORD.findall(folded):
        if word in STOP or (len(word) == 1 and not word.isdigit()):
            continue
        word = stem(word.replace("'", ""))
        out["w:" + word] += W_WORD
        padded = f"^{word}$"
        for i in range(len(padded) - 2):
            out["t:" + padded[i:i + 3]] += W_TRIGRAM
    return dict(out)


class Index:
    """TF-IDF vectors of ``texts`` in an inverted index; ``search`` gives (position, score)
    of the best ones, score 0…1."""

    def __init__(self, texts: Sequence[str], segmenter: str = "ngram",
                 thesaurus: bool = True) -> None:
        self.segmenter = segmenter
        self.thesaurus = thesaurus
        self.size = len(texts)
        vectors = [features(t, segmenter, thesaurus) for t in texts]
        df: Counter[str] = Counter()
        for vector in vectors:
            df.update(vector.keys())
        n = max(1, self.size)
        self.idf = {f: math.log(1 + n / d) for f, d in df.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for position, vector in enumerate(vectors):
            weighted = {f: w * self.idf[f] for f, w in vector.items()}
            norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
            for f, w in weighted.items():
                self.postings[f].append((position, w / norm))
        self.postings = dict(self.postings)
        self.unknown_idf = math.log(1 + n)  # a query's feature that no candidate has
        # Left out of queries: features so common that they rank nothing but cost the
        # longest loops (in a large index only).
        self.common = {f for f, d in df.items()
                       if d > (COMMON_WEAK if f[0] in "ut" else COMMON) * n} if n >= 200 else set()

    def query_vector(self, text: str) -> dict[str, float]:
        vector = features(text, self.segmenter, self.thesaurus)
        known = {f[2:] for f in vector if f.startswith("w:") and f in self.postings}
        for f in [f for f in vector if f.startswith("t:")]:
            # a word the index knows needs no trigrams (they are for typos)
            if any(f[2:].strip("^$") in word for word in known):
                del vector[f]
        weighted = {f: w * self.idf.get(f, self.unknown_idf) for f, w in vector.items()}
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        return {f: w / norm for f, w in weighted.items()
                if f in self.postings and f not in self.common}

    def scores(self, text: str) -> dict[int, float]:
        """Every candidate that shares a feature with ``text``, with its cosine."""
        acc: dict[int, float] = defaultdict(float)
        for f, q in self.query_vector(text).items():
            for position, w in self.postings[f]:
                acc[position] += q * w
        return acc

    def search(self, text: str, limit: int = 3) -> list[tuple[int, float]]:
        acc = self.scores(text)
        best = sorted(acc.items(), key=lambda p: (-p[1], p[0]))[:limit]
        return [(position, score) for position, score in best if score > 0]
