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


# -- what the services say -------------------------------------------------------------------

SERVICE_MODULES = ["services/return_cases.py", "services/returns.py", "money.py",
                   "services/inbox.py", "services/complaints.py", "services/tags.py",
                   "services/customers.py", "services/duplicates.py", "services/handover.py",
                   "services/surveys.py", "services/records.py", "importers/orders.py",
                   "importers/taobao.py", "importers/shopify.py"]
INTERNAL = {  # programming errors: never shown to a person who could act on them
    "amount must be written as text like \"12.50\", not 1", "money must never be a float",
    "“1” is not a step of this case.", "a return case starts as 'requested', not '1'",
    # the board offers only the steps the state machine allows; a stale one is StaleDataError
    "a 1 case cannot go from '1' to '1'; allowed next: 1",
    "“1” is not an action on a complaint.",
    "That 1 no longer exists.",  # the sentence of each record is listed in the test below
    "the format must be one of 1",  # the dialog and the command offer only the formats
}


def _sample(node: ast.expr) -> str | None:
    """A raised message with every ``{…}`` replaced by 1."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "1" for v in node.values)
    return None


def service_sentences() -> list[str]:
    package = UI.parent
    found = []
    for name in SERVICE_MODULES:
        for node in ast.walk(ast.parse((package / name).read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and isinstance(node.exc.func, ast.Name)
                    and node.exc.func.id in ("ShopDeskError", "MoneyError", "TransitionError")
                    and node.exc.args):
                text = _sample(node.exc.args[0])
                if text is not None and text not in INTERNAL:
                    found.append(text)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id == "RowError" and len(node.args) == 2):
                text = _sample(node.args[1])  # an import row's reason, shown line by line
                if text is not None:
                    found.append(text)
    return found


def test_what_the_returns_and_money_rules_say_is_translated(qapp) -> None:
    from shopdesk.models import Agent
    from shopdesk.models.enums import Role
    from shopdesk.services.permissions import Action, denial
    from shopdesk.ui.i18n import LanguageSwitcher
    from shopdesk.ui.service_text import translated

    sentences = service_sentences()
    assert len(sentences) > 15
    agent = Agent(key="a", name="a", role=Role.AGENT, active=True, refund_limits=None)
    books = Agent(key="b", name="b", role=Role.BOOKKEEPER, active=True, refund_limits=None)
    sentences += [denial(agent, a) for a in Action if denial(agent, a)]
    sentences += [denial(books, a) for a in Action if denial(books, a)]
    sentences += [f"That {what} no longer exists." for what in (
        "agent", "complaint", "conversation", "customer", "note", "order", "photo",
        "quick reply", "return case", "store", "tag")]
    sentences += [denial(agent, Action.APPROVE_REFUND, amount_minor=1, currency="CNY"),
                  "¥300.00 is above your refund limit of ¥200.00; the case waits for the owner. "
                  "Hand it to the owner with “Ask the owner”."]
    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        untranslated = [s for s in sentences if translated(s) == s
                        or not any("\u4e00" <= ch <= "\u9fff" for ch in translated(s))]
        assert not untranslated, f"add a pattern to shopdesk/ui/service_text.py: {untranslated}"
        assert translated("¥300.00 is above your refund limit of ¥200.00; the case waits for "
                          "the owner. Hand it to the owner with “Ask the owner”.").startswith(
            "¥300.00 超过了你的退款审批上限 ¥200.00")
        assert translated("An agent cannot export data.") == "客服不能导出数据。"
    finally:
        languages.apply("en")
    assert translated("Enter the tracking number.") == "Enter the tracking number."
