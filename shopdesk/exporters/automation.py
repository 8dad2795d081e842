"""The satisfaction workbook's "Automation" sheet: per rule how often it fired, in how many
conversations, how many messages it sent, how many of those conversations still needed a
person (and the share), and the latest answer; below, the customer's wait for the first
reply, automatic and by a person apart. Exact integers and decimals, from
``services.automation_reports`` (the same figures as Reports → Automation)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy.orm import Session

from shopdesk.exporters.cells import number_cell, text_cell
from shopdesk.exporters.workbook import add_table, header
from shopdesk.services.automation_reports import first_reply_times, rule_figures

HEADERS = {
    "en": ["Rule", "Fired", "Conversations", "Messages sent", "Still needed a person",
           "Needed a person (%)", "Latest answer"],
    "zh_CN": ["规则", "触发次数", "会话数", "发送消息数", "仍需人工", "需人工占比（%）", "最近一次回复"],
}
WORDS = {
    "en": {"sheet": "Automation", "first": "First reply to the customer", "kind": "Reply",
           "conversations": "Conversations", "minutes": "Average wait (min)",
           "automatic": "Automatic", "human": "By a person"},
    "zh_CN": {"sheet": "自动化", "first": "首次回复客户", "kind": "回复方式",
              "conversations": "会话数", "minutes": "平均等待（分钟）",
              "automatic": "自动回复", "human": "人工回复"},
}


def automation_sheet(book: Workbook, session: Session, lang: str, start: datetime,
                     end: datetime, store_ids: Sequence[int] = ()) -> int:
    """Add the sheet to ``book`` (write-only); returns its rule rows."""
    words = WORDS[lang]
    sheet = book.create_sheet(words["sheet"])
    header(sheet, HEADERS[lang], [24, 10, 13, 13, 15, 16, 60])
    rules = rule_figures(session, start, end, store_ids)
    for r in rules:
        sheet.append([text_cell(sheet, r.name), number_cell(sheet, r.fired),
                      number_cell(sheet, r.conversations), number_cell(sheet, r.answered),
                      number_cell(sheet, r.needed_person),
                      number_cell(sheet, r.needed_share, "0.0"),
                      text_cell(sheet, r.latest_text)])
    add_table(sheet, "AutomationRules", HEADERS[lang], len(rules))
    times = first_reply_times(session, start, end, store_ids)
    sheet.append([])
    title = text_cell(sheet, words["first"])
    title.font = Font(bold=True, size=12)
    sheet.append([title])
    heads = [text_cell(sheet, words[k]) for k in ("kind", "conversations", "minutes")]
    for c in heads:
        c.font = Font(bold=True)
    sheet.append(heads)
    for kind, n, minutes in (("automatic", times.automatic, times.automatic_minutes),
                             ("human", times.human, times.human_minutes)):
        sheet.append([text_cell(sheet, words[kind]), number_cell(sheet, n),
                      number_cell(sheet, minutes, "0.0")])
    return len(rules)
