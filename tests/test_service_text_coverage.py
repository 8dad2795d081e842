"""Every sentence that the services, channels, importers, exporters and dataset reader raise
and that can reach the window reads in Chinese in the Chinese window.

The sentences are found in the source (ast): the message of every call of a ``ShopDeskError``
class (a ``raise``, or an error built and raised later), of every ``RowError`` reason, and of
every ``found.append("…")`` / ``problems.append("…")`` that a form's check joins into one
error. A formatted value is sampled as "1". What a person never sees in the window (the
command line, programming errors) is listed below with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

import shopdesk
from shopdesk.errors import DatasetError

PACKAGE = Path(shopdesk.__file__).parent
PACKAGES = ("services", "channels", "importers", "exporters", "dataset")

# Modules whose errors only the command line reports.
COMMAND_LINE_ONLY = {
    "services/move.py": "shopdesk move (SQLite → PostgreSQL)",
    # the records of a dataset: `shopdesk load` reports them; a backup ShopDesk wrote
    # itself is consistent, and only its file-level problems (dataset/reading.py) can
    # show when it is restored
    "dataset/stage_articles.py": "shopdesk load", "dataset/stage_orders.py": "shopdesk load",
    "dataset/stage_rules.py": "shopdesk load", "dataset/stage_shop.py": "shopdesk load",
    "dataset/stage_talk.py": "shopdesk load", "dataset/staging.py": "shopdesk load",
}

# Sentences (as sampled) that never reach the window, and why.
NOT_IN_THE_WINDOW = {
    "line 1, field 'kind': unknown kind 1 (expected one of: 1)": "shopdesk load: a record's kind",
    "line 1, field '1': a field name 1": "shopdesk load: a hand-written file",
    "No store with the key '1'.": "shopdesk suggest --store",
    "Unknown kind of suggestion: 1.": "the inbox passes only its own kinds",
    "no store with the key 1": "shopdesk export --store",
    "language must be one of 1": "the export dialog offers only the languages",
    "the format must be one of 1": "the import dialog offers only the formats",
    "Unknown platform '1'.": "the pre-send rules panel offers only the platforms",
    "survey_enabled must be true or false": "a check box",
    "'1' is not a store rule": "the store rules panel sends only the rules",
    "“1” is not a date like 2026-10-01.": "holidays: shopdesk rules (command line)",
    "At most 1 holidays.": "holidays: shopdesk rules (command line)",
    # programming errors: the board and dialogs offer only what the state machine allows
    "“1” is not a step of this case.": "",
    "a return case starts as 'requested', not '1'": "",
    "a 1 case cannot go from '1' to '1'; allowed next: 1": "",
    "“1” is not an action on a complaint.": "",
}

# Sentences whose sampled form ("1" for a value) is not how they read: the sentences as they
# really read are checked instead.
AS_THEY_READ = {
    "That 1 no longer exists.": [f"That {what} no longer exists." for what in (
        "agent", "complaint", "conversation", "customer", "note", "order", "photo",
        "quick reply", "return case", "store", "tag")],
    "This 1 was changed by 11; reload it and try again.": [
        f"This {what} was changed by 林晓雨 at 12:00; reload it and try again."
        for what in ("case", "complaint", "conversation", "customer's tags")],
    "1 must be a whole number from 1 to 1.": [
        "The minutes must be a whole number from 1 to 10080.",
        "The days must be a whole number from 0 to 365.",
        "The hours must be a whole number from 1 to 720.",
        "The number of agents must be a whole number from 1 to 100."],
    "1 has no setting “1”.": ["The trigger has no setting “x”.",
                              "A condition has no setting “x”.", "An action has no setting “x”."],
    "1 must be a whole number from 1 to 1": [
        "rfm_vip_spent_minor must be a whole number from 0 to 100000000"],
    "1 is empty.": ["replies.xlsx is empty."],
    "1, row 1: 1": [
        "replies.xlsx, row 3: The code 'f p' must be one word (it is typed after /).",
        "replies.xlsx, row 3: A quick reply needs a category, a code, a title and a text."],
}
# Sentences made by a function and raised by its caller (channels/email._plain).
ALSO = ["SMTP: the server answered 550 'mailbox unavailable'.",
        "IMAP: the connection to imap.example.com:993 was lost.",
        "SMTP: smtp.example.com:465 did not answer within 20 seconds."]

# What the tester saw in English in the Chinese window, and what it must read now.
SEEN = {
    "A PIN is 4 to 8 digits.": "PIN 码须为 4 到 8 位数字。",
    "A refund limit cannot be negative.": "退款审批上限不能为负数。",
    "The code 'fp' is already used by '开发票'.": "编码“fp”已被“开发票”使用。",
    "The code 'f p' must be one word (it is typed after /).":
        "编码“f p”必须是一个词，不能有空格（在 / 后输入）。",
}


def _error_classes() -> set[str]:
    """ShopDeskError and every class derived from it in shopdesk (by name)."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.id for b in node.bases if isinstance(b, ast.Name))
    found = {"ShopDeskError"}
    while True:
        more = {name for name, of in bases.items() if of & found} - found
        if not more:
            return found
        found |= more


def _sample(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "1" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _sample(node.left), _sample(node.right)
        return None if left is None or right is None else left + right
    return None  # made elsewhere: its parts are found where they are made


def _constant(node: ast.expr | None) -> str | int | None:
    if node is None:
        return None
    return node.value if isinstance(node, ast.Constant) else 1


def raised_sentences() -> list[tuple[str, str]]:
    """(where, sentence) of every sentence the five packages raise."""
    classes = _error_classes()
    found = []
    for package in PACKAGES:
        for path in sorted((PACKAGE / package).rglob("*.py")):
            name = path.relative_to(PACKAGE).as_posix()
            if name in COMMAND_LINE_ONLY:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                called = (func.id if isinstance(func, ast.Name)
                          else func.attr if isinstance(func, ast.Attribute) else None)
                text = None
                if called in classes:
                    text = _sample(node.args[0])
                    if called == "DatasetError" and text is not None:
                        line = _constant(node.args[1]) if len(node.args) > 1 else None
                        field = _constant(node.args[2]) if len(node.args) > 2 else None
                        text = str(DatasetError(text, line, None if field is None
                                                else str(field)))
                elif called == "RowError" and len(node.args) == 2:
                    text = _sample(node.args[1])
                elif (called == "append" and isinstance(func, ast.Attribute)
                      and isinstance(func.value, ast.Name)
                      and func.value.id in ("found", "problems")):
                    text = _sample(node.args[0])
                if text is not None:
                    found.append((f"{name}:{node.lineno}", text))
    return found


def _english_left(text: str) -> bool:
    """No Chinese at all, or an English sentence left in it (three words in a row)."""
    import re

    return (not any("\u4e00" <= ch <= "\u9fff" for ch in text)
            or re.search(r"\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b", text) is not None)


def test_what_the_tester_saw_in_english_now_reads_in_chinese(chinese) -> None:
    from shopdesk.ui.service_text import translated

    assert {english: translated(english) for english in SEEN} == SEEN


def test_every_sentence_that_can_reach_the_window_is_translated(chinese) -> None:
    from shopdesk.ui.service_text import translated

    raised = raised_sentences()
    assert len(raised) > 200
    assert {"A PIN is 4 to 8 digits.", "The code '1' is already used by '1'.",
            "line 1: not valid JSON (1, column 1)"} <= {s for _w, s in raised}
    seen = {s for _w, s in raised}
    assert not (set(NOT_IN_THE_WINDOW) | set(AS_THEY_READ)) - seen, "a listed sentence is gone"
    untranslated = [f"{where}: {text!r} → {translated(text)!r}" for where, text in raised
                    if text not in NOT_IN_THE_WINDOW and text not in AS_THEY_READ
                    and _english_left(translated(text))]
    untranslated += [f"{text!r} → {translated(text)!r}" for texts in AS_THEY_READ.values()
                     for text in texts if _english_left(translated(text))]
    untranslated += [f"{text!r} → {translated(text)!r}" for text in ALSO
                     if _english_left(translated(text))]
    assert not untranslated, ("add a pattern to shopdesk/ui/service_text*.py and its "
                              "translation to the .ts: " + "\n".join(untranslated))


def test_in_english_the_sentences_stay_as_they_are(qapp) -> None:
    from shopdesk.ui.service_text import translated

    assert translated("A PIN is 4 to 8 digits.") == "A PIN is 4 to 8 digits."
    assert translated("The code 'fp' is already used by '开发票'.") == (
        "The code “fp” is already used by “开发票”.")
