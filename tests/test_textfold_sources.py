"""The characters that fold into a CJK ideograph (textfold.raw_forms), which PostgreSQL's
search looks for before it folds a text: complete for every code point of Unicode."""

from __future__ import annotations

import sys

from shopdesk.textfold import fold, is_ideograph, raw_forms


def test_every_character_that_folds_into_an_ideograph_is_known() -> None:
    missing = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:  # surrogates: no text holds them alone
            continue
        source = chr(code)
        for target in set(fold(source)):
            if target != source and is_ideograph(target) and source not in raw_forms(target):
                missing.append(f"U+{code:04X} → {target}")
    assert missing == []


def test_raw_forms() -> None:
    assert raw_forms("金")[0] == "金" and "⾦" in raw_forms("金")  # the Kangxi radical
    assert "㈱" in raw_forms("株")
    assert raw_forms("发") == ("发",)
    assert raw_forms("a") is None and raw_forms("，") is None
