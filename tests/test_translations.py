"""Every string of the interface has a Simplified Chinese translation."""

from __future__ import annotations

import ast
from pathlib import Path

import shopdesk.ui
from shopdesk.ui.i18n import read_ts, ts_path

UI = Path(shopdesk.ui.__file__).parent


def ui_strings() -> set[str]:
    """Literal strings passed to ``tr()`` or ``QCoreApplication.translate()`` in shopdesk/ui."""
    found: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            args = node.args
            if node.func.attr == "tr" and args:
                literal = args[0]
            elif node.func.attr == "translate" and len(args) >= 2:
                literal = args[1]
            else:
                continue
            assert isinstance(literal, ast.Constant) and isinstance(literal.value, str), (
                f"{path.name}:{node.lineno}: tr() needs a literal string for lupdate")
            found.add(literal.value)
    return found


def test_every_ui_string_is_translated_into_simplified_chinese() -> None:
    strings = ui_strings()
    assert len(strings) > 30
    translated = {source for (_ctx, source) in read_ts(ts_path("zh_CN"))}
    missing = sorted(strings - translated)
    assert not missing, f"add these to resources/translations/shopdesk_zh_CN.ts: {missing}"


def test_translations_keep_placeholders_and_accelerators() -> None:
    for (_ctx, source), text in read_ts(ts_path("zh_CN")).items():
        for placeholder in ("%1", "%2", "%n"):
            assert (placeholder in source) == (placeholder in text), (source, text)
        if "&" in source.replace("&&", ""):
            assert "&" in text, f"accelerator lost: {source!r} → {text!r}"
