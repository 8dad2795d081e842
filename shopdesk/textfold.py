"""Text folding for search: NFKC (full-width ＲＥＦＵＮＤ → REFUND) and case folding.
The index and the query both go through ``fold`` so that they meet."""

from __future__ import annotations

import unicodedata

SQL_FUNCTION = "shopdesk_fold"  # the same function inside SQLite (registered per connection)
CHARS_FUNCTION = "shopdesk_chars"  # ``chars`` inside SQLite


def fold(text: str | None) -> str:
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).casefold()


def spaced(folded: str) -> str:
    """Every character its own word: SQLite's unicode61 tokenizer then makes each letter,
    digit and CJK character one token (it keeps a run of CJK characters as one word)."""
    return " ".join(folded)


def chars(text: str | None) -> str:
    """What the one-character index holds for a text: folded, then spaced."""
    return spaced(fold(text))
