"""Pinyin search keys: 王芳 is found by ``wangfang``, ``fang``, ``wf`` and ``wf``'s prefixes.

``keys_for(text)`` gives the words a record is found by, one string of space-separated
ASCII words, stored beside the record (``customers.pinyin``, ``quick_replies.pinyin``) and
indexed as words: SQLite FTS5, PostgreSQL a ``simple`` tsvector. A query matches when it is
the start of one of the words (``pinyin_query`` turns what was typed into such a start), so
the words begin at every syllable: the full spelling of up to ``FULL_SYLLABLES`` syllables
from each character on, and the initials of up to ``INITIALS`` characters from each one.
Polyphones give every reading (重 = zhong, chong) when pypinyin does not know the word
(within a known word such as 重庆 it reads the word's reading); a window of characters
gives at most ``VARIANTS`` spellings. Text without Chinese characters has no key: its
ordinary search already finds it.

Plain Python, no Qt and no database: the knowledge base (or anything else) can call
``keys_for`` on its own texts and ``matches`` to filter in memory.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from shopdesk.textfold import fold

FULL_SYLLABLES = 6
INITIALS = 8
VARIANTS = 16  # spellings of one window at most (a name of four polyphones has 81)
READINGS = 3  # readings of one character at most
MAX_CHARS = 400  # longer texts are keyed by their start
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ALNUM = re.compile(r"[a-z0-9]+")
_QUERY = re.compile(r"[a-z0-9]{2,}")


_NO_PHRASES = "PYPINYIN_NO_PHRASES"


@lru_cache(maxsize=1)
def _pypinyin():  # type: ignore[no-untyped-def]
    """pypinyin, imported on first use: loading its dictionaries takes as long as
    SQLAlchemy's import, and the window's start needs no pinyin. Its phrase dictionary
    (47,000 words, 2.5 MB of JSON) is read in pieces: pypinyin's own import decodes it in
    one call of 75 ms during which no other thread runs Python, so the sync thread meeting
    its first Chinese name stalled the window that long."""
    already = "pypinyin" in sys.modules
    before = os.environ.get(_NO_PHRASES)
    os.environ[_NO_PHRASES] = "1"  # read by pypinyin.constants at its import
    try:
        import pypinyin
        from pypinyin.constants import PHRASES_DICT
    finally:
        if before is None:
            del os.environ[_NO_PHRASES]
        else:
            os.environ[_NO_PHRASES] = before
    if not (already and PHRASES_DICT):  # (imported before by someone else: complete)
        for piece in phrase_pieces(Path(pypinyin.__file__).with_name("phrases_dict.json")):
            PHRASES_DICT.update(piece)
        pypinyin.load_phrases_dict({})  # trains its word cutter on the words
    return pypinyin


PHRASES_PER_PIECE = 2000
_PHRASE_START = re.compile(r'^"[^"\n]*": \[$', re.M)  # a word at the top of the file


def phrase_pieces(path: Path) -> Iterator[dict[str, list[list[str]]]]:
    """pypinyin's phrase dictionary, ``PHRASES_PER_PIECE`` words at a time, each piece a
    call of a few ms (the file has one word a line at its top level, its readings on the
    lines below); a file laid out otherwise is decoded whole."""
    text = path.read_text(encoding="utf-8")
    body = text.strip()
    starts = [m.start() for m in _PHRASE_START.finditer(body)]
    if not (body.startswith("{") and body.endswith("}") and starts):
        yield json.loads(text)
        return
    ends = starts[PHRASES_PER_PIECE::PHRASES_PER_PIECE] + [len(body) - 1]
    begin = starts[0]
    for end in ends:
        yield json.loads("{" + body[begin:end].rstrip().rstrip(",") + "}")
        begin = end


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def _units(folded: str, all_readings: bool) -> list[list[str]]:
    """The readings of each character, and each run of Latin letters or digits as one
    unit of its own; everything else is dropped (王 芳 and 王·芳 read as 王芳)."""
    units: list[list[str]] = []
    py = _pypinyin()
    for item in py.pinyin(folded, style=py.Style.NORMAL, heteronym=all_readings):
        if len(item) > 1:  # a polyphone: its readings, the likeliest first
            readings = [r for r in dict.fromkeys(item) if _ALNUM.fullmatch(r)][:READINGS]
            if readings:
                units.append(readings)
        else:  # one reading, or text pypinyin passed through (Latin, digits, punctuation)
            units.extend([run] for run in _ALNUM.findall(item[0]))
    return units


def _spellings(units: list[list[str]], start: int, length: int, initials: bool) -> list[str]:
    """The spellings of ``units[start:start + length]``, at most VARIANTS of them (past that
    budget a character keeps only its first reading)."""
    out = [""]
    for readings in units[start:start + length]:
        parts = [r[0] for r in readings] if initials else readings
        parts = list(dict.fromkeys(parts))
        if len(out) * len(parts) > VARIANTS:
            parts = parts[:1]
        out = [s + p for s in out for p in parts]
    return out


@lru_cache(maxsize=65536)
def keys_for(text: str | None, all_readings: bool = True) -> str:
    """The search words of ``text`` ('' when it has no Chinese). ``all_readings=False``
    keeps pypinyin's first reading of each character: smaller keys for long texts."""
    if not text or not has_chinese(text):
        return ""
    units = _units(fold(text)[:MAX_CHARS], all_readings)
    words: set[str] = set()
    for start in range(len(units)):
        words.update(_spellings(units, start, FULL_SYLLABLES, initials=False))
        words.update(_spellings(units, start, INITIALS, initials=True))
    # A word that starts another adds nothing: a query matching it matches the longer one.
    ordered = sorted(words)
    kept = [w for i, w in enumerate(ordered)
            if w and not (i + 1 < len(ordered) and ordered[i + 1].startswith(w))]
    return " ".join(kept)


def pinyin_query(query: str) -> str | None:
    """What a typed query looks up among the keys, or None when it is no pinyin query:
    letters and digits, two at least, spaces and apostrophes dropped (``wang fang``,
    ``xi'an``); Chinese characters typed with letters are spelled (``王f`` → ``wangf``).
    A query of Chinese characters alone is None: the ordinary search finds it exactly."""
    q = re.sub(r"[\s'’·]+", "", fold(query))
    if has_chinese(q):
        if not re.search(r"[a-z]", q):
            return None
        py = _pypinyin()
        q = "".join(first for first, *_ in py.pinyin(q, style=py.Style.NORMAL, heteronym=False,
                                                      errors=lambda chars: [chars]))
    if not _QUERY.fullmatch(q) or not re.search(r"[a-z]", q):
        return None
    return q


def matches(key: str, query: str | None) -> bool:
    """Whether a key (``keys_for``) has a word that starts with the query
    (``pinyin_query``): the in-memory twin of the database lookups."""
    if not query or not key:
        return False
    return (" " + key).find(" " + query) >= 0


BODY_CHARS = 120  # of a long text, the start is keyed (first readings only)


def keys_of(title: str | None, body: str | None = None) -> str:
    """The words of a record with a title (every reading) and a longer text (its first
    ``BODY_CHARS`` characters, first readings): quick replies, articles."""
    words = keys_for(title or "").split() + keys_for((body or "")[:BODY_CHARS], False).split()
    return " ".join(dict.fromkeys(words))
