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


# Where a CJK ideograph can come from in a text before folding: itself, or a compatibility
# character whose NFKC form holds it (⾦ → 金, ㈱ → (株), ㍻ → 平成, 🈚 → 無). All such
# characters lie in these blocks (tests/test_search_prefilter.py checks every code point).
_COMPAT_CJK_BLOCKS = ((0x2E80, 0x2FDF), (0x3000, 0x33FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
                      (0x1F200, 0x1F2FF), (0x2F800, 0x2FA1F))
_sources: dict[str, tuple[str, ...]] | None = None


def is_ideograph(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo" and "CJK UNIFIED IDEOGRAPH" in unicodedata.name(ch, "")


def raw_forms(ch: str) -> tuple[str, ...] | None:
    """The characters a text must hold, one at least, for its folded form to hold the CJK
    ideograph ``ch``: ``ch`` and the compatibility characters that fold into it. None when
    ``ch`` is no CJK ideograph (letters have too many sources to list)."""
    global _sources
    if not is_ideograph(ch):
        return None
    if _sources is None:
        sources: dict[str, list[str]] = {}
        for start, end in _COMPAT_CJK_BLOCKS:
            for code in range(start, end + 1):
                source = chr(code)
                for target in set(fold(source)):
                    if target != source and is_ideograph(target):
                        sources.setdefault(target, []).append(source)
        _sources = {target: tuple(found) for target, found in sources.items()}
    return (ch, *_sources.get(ch, ()))
