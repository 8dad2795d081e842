"""Text folding for search: NFKC (full-width ＲＥＦＵＮＤ → REFUND) and case folding.
The index and the query both go through ``fold`` so that they meet."""

from __future__ import annotations

import unicodedata

SQL_FUNCTION = "shopdesk_fold"  # the same function inside SQLite (registered per connection)


def fold(text: str | None) -> str:
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).casefold()
