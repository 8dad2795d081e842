"""Every string of the interface has a Simplified Chinese translation."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

import shopdesk.ui
from shopdesk.ui.i18n import qm_path, ts_path
from shopdesk.ui.qm_compile import read_ts

UI = Path(shopdesk.ui.__file__).parent


def _is_qcoreapplication(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "QCoreApplication"


def tr_calls() -> list[tuple[str, list[str], str, str | None]]:
    """Every ``tr()`` and ``QCoreApplication.translate()`` in shopdesk/ui: where, the contexts
    Qt looks in (``self.tr`` in a class: the class and its bases, as PySide6 does), the text
    and the disambiguation."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        module = importlib.import_module(f"shopdesk.ui.{path.stem}")
        classes: list[str] = []

        def visit(node: ast.AST, module=module, path=path, classes=classes) -> None:
            if isinstance(node, ast.ClassDef):
                classes.append(node.name)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                where = f"{path.name}:{node.lineno}"
                args = node.args
                text = None
                if node.func.attr == "tr" and args:
                    assert (isinstance(node.func.value, ast.Name) and node.func.value.id == "self"
                            and classes), (
                        f"{where}: call self.tr() in the class whose context holds the text, or "
                        "QCoreApplication.translate(\"Context\", …): another object's tr() "
                        "looks in that object's class")
                    contexts = [k.__name__ for k in getattr(module, classes[0]).__mro__]
                    text, rest = args[0], args[1:]
                elif (node.func.attr == "translate" and len(args) >= 2
                      and _is_qcoreapplication(node.func.value)):
                    assert isinstance(args[0], ast.Constant), f"{where}: a literal context"
                    contexts, text, rest = [args[0].value], args[1], args[2:]
                if text is not None:
                    assert isinstance(text, ast.Constant) and isinstance(text.value, str), (
                        f"{where}: tr() needs a literal string for lupdate")
                    comment = rest[0].value if rest and isinstance(rest[0], ast.Constant) else None
                    found.append((where, contexts, text.value, comment))
            for child in ast.iter_child_nodes(node):
                visit(child)
            if isinstance(node, ast.ClassDef):
                classes.pop()

        visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_every_ui_string_resolves_in_chinese_through_qts_own_translator(qapp) -> None:
    """Looked up the way Qt does at run time: by context, in the compiled .qm."""
    calls = tr_calls()
    assert len(calls) > 800
    translator = QTranslator()
    assert translator.load(str(qm_path("zh_CN")))
    missing = [f"{where} [{contexts[0]}] {text!r}" for where, contexts, text, comment in calls
               if not any(translator.translate(c, text, comment) for c in contexts)]
    assert not missing, ("add these to resources/translations/shopdesk_zh_CN.ts in the "
                         f"context of the class that calls tr(): {missing}")


def test_translations_keep_placeholders_and_accelerators() -> None:
    for (_ctx, source), text in read_ts(ts_path("zh_CN")).items():
        for placeholder in ("%1", "%2", "%n"):
            assert (placeholder in source) == (placeholder in text), (source, text)
        if "&" in source.replace("&&", ""):
            assert "&" in text, f"accelerator lost: {source!r} → {text!r}"


# -- what the services say -------------------------------------------------------------------

SERVICE_MODULES = ["services/return_opening.py", "services/return_steps.py",
                   "services/returns.py", "money.py", "services/inbox.py",
                   "services/complaint_opening.py", "services/complaint_actions.py",
                   "services/tags.py",
                   "services/customers.py", "services/duplicates.py", "services/handover.py",
                   "services/surveys.py", "services/records.py", "services/backup.py",
                   "services/outbox.py", "services/compensation.py", "importers/orders.py",
                   "importers/taobao.py", "importers/shopify.py", "services/knowledge.py"]
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
                    and node.exc.func.id in ("ShopDeskError", "MoneyError", "TransitionError",
                                         "BackupError", "OutboxError")
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
        "quick reply", "return case", "store", "tag", "article", "image")]
    sentences += ["This article was changed by 林晓雨 at 12:00; reload it and try again.",
                  "This article was changed by someone else; reload it and try again."]
    from shopdesk.channels.sync import INTERRUPTED

    sentences.append(INTERRUPTED)  # a reply's state, shown where it would be sent
    sentences.append("SMTP: the connection to 127.0.0.1:25 was lost. The reply may have been "
                     "sent.")  # a send cut off while the server took it
    sentences += [denial(agent, Action.APPROVE_REFUND, amount_minor=1, currency="CNY"),
                  "¥300.00 is above your refund limit of ¥200.00; the case waits for the owner. "
                  "Hand it to the owner with “Ask the owner”.",
                  # compensation (PermissionDenied, not found by the scan above)
                  "¥1,000,000.00 is above your refund limit of ¥200.00; the complaint waits for "
                  "the owner. Hand it to the owner with “Ask the owner”.",
                  "¥50.00 of compensation and ¥100.00 already refunded or compensated come to "
                  "more than the ¥128.00 paid for order 2041586613212345678; only the owner can "
                  "allow that. Hand it to the owner with “Ask the owner”."]
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


# -- how the translations are compiled and found ---------------------------------------------

def test_the_qm_written_without_lrelease_answers_like_lreleases(qapp, tmp_path) -> None:
    from shopdesk.ui import qm_compile

    lrelease = qm_compile.find_lrelease()
    if lrelease is None:
        pytest.skip("no lrelease in this PySide6")
    ours, qts = tmp_path / "ours.qm", tmp_path / "lrelease.qm"
    qm_compile.compile_ts(ts_path("zh_CN"), ours, None)
    qm_compile.compile_ts(ts_path("zh_CN"), qts, lrelease)
    a, b = QTranslator(), QTranslator()
    assert a.load(str(ours)) and b.load(str(qts))
    messages = qm_compile.ts_messages(ts_path("zh_CN"))
    assert len(messages) > 800
    for context, source, comment, text in messages:
        assert a.translate(context, source, comment or None) == text, (context, source)
        assert b.translate(context, source, comment or None) == text, (context, source)
    assert a.translate("BoardModel", "%1 d") == b.translate("BoardModel", "%1 d") == "%1 天"
    assert a.translate("MainWindow", "Not ours") == b.translate("MainWindow", "Not ours") == ""


def test_the_qm_is_compiled_once_into_the_cache_and_again_after_an_edit(
        qapp, tmp_path, monkeypatch, _isolated_home) -> None:
    from shopdesk.ui import i18n

    folder = tmp_path / "translations"
    folder.mkdir()
    ts = folder / "shopdesk_zh_CN.ts"
    ts.write_bytes(ts_path("zh_CN").read_bytes())
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    first = i18n.qm_path("zh_CN")
    assert first.parent == _isolated_home / "cache" / "translations"
    stamp = first.stat().st_mtime_ns
    assert i18n.qm_path("zh_CN") == first and first.stat().st_mtime_ns == stamp
    ts.write_text(ts.read_text(encoding="utf-8").replace("<translation>店主</translation>",
                                                         "<translation>老板</translation>"),
                  encoding="utf-8")
    second = i18n.qm_path("zh_CN")
    assert second != first
    translator = QTranslator()
    assert translator.load(str(second)) and translator.translate("Labels", "Owner") == "老板"
    # a frozen build ships the .qm beside the .ts: that one is taken, nothing is compiled
    shipped = folder / second.name
    shipped.write_bytes(second.read_bytes())
    assert i18n.qm_path("zh_CN") == shipped


def test_without_lrelease_the_qm_is_written_by_shopdesk(qapp, tmp_path, monkeypatch) -> None:
    from shopdesk.ui import i18n, qm_compile

    monkeypatch.setattr(qm_compile, "find_lrelease", lambda: None)
    translator = QTranslator()
    assert translator.load(str(i18n.qm_path("zh_CN")))
    assert translator.translate("Labels", "Owner") == "店主"


def test_qts_own_strings_come_from_qtbase_and_unknown_ones_stay_english(qapp, tmp_path) -> None:
    from PySide6.QtCore import QCoreApplication, QFileInfo
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QFileIconProvider, QLabel

    from shopdesk.ui.i18n import LanguageSwitcher

    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "OK") == "确定"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert QCoreApplication.translate("MainWindow", "Not a sentence of ours") == (
            "Not a sentence of ours")
        assert QCoreApplication.translate("Labels", "Owner") == "店主"
        # Qt 6's file dialog: what qtbase_zh_CN.qm lacks is in our .ts
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = {name: dialog.findChild(QLabel, name).text()
                  for name in ("lookInLabel", "fileTypeLabel", "fileNameLabel")}
        assert labels == {"lookInLabel": "查找范围(&L)：", "fileTypeLabel": "文件类型(&T)：",
                          "fileNameLabel": "文件名称(&N)："}
        buttons = dialog.findChild(QDialogButtonBox).buttons()
        assert {b.text() for b in buttons} == {"打开(&O)", "取消"}
        # its Type column (Qt 6 asks QAbstractFileIconProvider, qtbase has QFileDialog's)
        assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"
        dialog.deleteLater()
    finally:
        languages.apply("en")
    assert QCoreApplication.translate("Labels", "Owner") == "Owner"


def test_disambiguations_are_looked_up_like_lreleases(qapp, tmp_path) -> None:
    from shopdesk.ui import qm_compile

    lrelease = qm_compile.find_lrelease()
    if lrelease is None:
        pytest.skip("no lrelease in this PySide6")
    ts = tmp_path / "t.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN"><context>'
        "<name>C</name>"
        "<message><source>Open</source><comment>verb</comment><translation>打开</translation>"
        "</message><message><source>Open</source><translation>未结</translation></message>"
        "<message><source>Age</source><comment>days</comment><translation>天数</translation>"
        "</message></context></TS>", encoding="utf-8")
    translators = []
    for name, tool in (("ours.qm", None), ("lrelease.qm", lrelease)):
        qm_compile.compile_ts(ts, tmp_path / name, tool)
        translators.append(QTranslator())
        assert translators[-1].load(str(tmp_path / name))
    for query in [("C", "Open", "verb"), ("C", "Open", None), ("C", "Open", "other"),
                  ("C", "Age", None), ("C", "Age", "days"), ("C", "Age", "x"), ("D", "Age", None)]:
        assert translators[0].translate(*query) == translators[1].translate(*query), query
    assert translators[0].translate("C", "Open", "verb") == "打开"
    assert translators[0].translate("C", "Open") == "未结"


def test_lists_are_joined_as_the_language_joins_them(qapp) -> None:
    """"VIP, 活跃" in the Chinese window reads as a stray English comma: 、 there."""
    from shopdesk.models import Agent
    from shopdesk.ui.agents import limits_text
    from shopdesk.ui.i18n import LanguageSwitcher, listed

    agent = Agent(key="a", name="a", refund_limits={"CNY": 20000, "USD": 3000})
    assert listed(["VIP", "Active"]) == "VIP, Active"
    assert limits_text(agent) == "¥200.00, $30.00"
    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        assert listed(["VIP", "活跃"]) == "VIP、活跃"
        assert limits_text(agent) == "¥200.00、$30.00"
        assert listed([]) == "" and listed(["一"]) == "一"
    finally:
        languages.apply("en")
