"""The satisfaction workbook: every survey response in the chosen days, a summary with
responses, average score and CSAT per month × store and per agent as live formulas over the
responses, a score-distribution chart and a CSAT trend chart, and what was exported.

The rows come from ``services.surveys.responses``, the same function the Reports page
charts, so the figures agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from sqlalchemy.orm import Session

from shopdesk.exporters.automation import automation_sheet
from shopdesk.exporters.cells import RowCells, formula_cell, number_cell, row_sheet, text_cell
from shopdesk.exporters.formulas import at_least, average, count, equals, same_number
from shopdesk.exporters.workbook import (
    about_sheet,
    add_table,
    agent_names,
    check_lang,
    column_ranges,
    header,
    local_day_bounds,
    masks_for,
    save,
    store_ids,
)
from shopdesk.models import Agent
from shopdesk.services.numbering import conversation_number
from shopdesk.services.privacy import mask_name
from shopdesk.services.surveys import month_of, responses

HEADERS = {
    "en": ["Time", "Store", "Agent", "Customer", "Conversation", "Score", "Comment", "Month"],
    "zh_CN": ["时间", "店铺", "客服", "客户", "会话", "评分", "评价内容", "月份"],
}
WORDS = {
    "en": {"sheet": "Responses", "summary": "Summary", "what": "Satisfaction survey",
           "by_store": "By month and store", "by_agent": "By agent", "month": "Month",
           "store": "Store", "agent": "Agent", "responses": "Responses",
           "satisfied": "Satisfied (4–5)", "average": "Average score", "csat": "CSAT",
           "distribution": "Score distribution", "score": "Score", "count": "Responses",
           "trend": "CSAT by month", "nobody": "(no agent)"},
    "zh_CN": {"sheet": "评价明细", "summary": "汇总", "what": "满意度调查",
              "by_store": "按月份和店铺", "by_agent": "按客服", "month": "月份",
              "store": "店铺", "agent": "客服", "responses": "评价数",
              "satisfied": "满意（4–5 分）", "average": "平均分", "csat": "满意度",
              "distribution": "评分分布", "score": "评分", "count": "评价数",
              "trend": "每月满意度", "nobody": "（无客服）"},
}


def export_satisfaction(session: Session, actor: Agent, path: Path, first: date, last: date,
                        *, lang: str = "en", store_keys: Sequence[str] | None = None,
                        agent_ids: Sequence[int] = (),
                        progress: Callable[[int, int], None] | None = None) -> int:
    """Write the responses answered from ``first`` to ``last`` (local days) in the stores
    ``store_keys`` for ``agent_ids`` (none: all), as ``actor`` (who must be allowed to
    export; customer names masked unless the role may see personal data). Returns rows."""
    mask = masks_for(actor)
    check_lang(lang)
    words = WORDS[lang]
    start, end = local_day_bounds(first, last)
    stores = store_ids(session, store_keys)
    rows = responses(session, start, end, stores, agent_ids)
    book = Workbook(write_only=True)
    sheet = row_sheet(book, words["sheet"])
    header(sheet, HEADERS[lang], [17, 18, 12, 14, 12, 7, 50, 9])
    cells = RowCells(sheet)
    text, answered, score = cells.text, cells.times(), cells.formatted("0")
    for n, r in enumerate(rows, start=1):
        sheet.append([
            answered(r.answered_at), text(r.store), text(r.agent or words["nobody"]),
            text(mask_name(r.customer) if mask else r.customer),
            text(conversation_number(r.conversation_id)), score(r.score), text(r.comment),
            month_of(r.answered_at)])
        if progress and (n % 1000 == 0 or n == len(rows)):
            progress(n, len(rows))
    add_table(sheet, "SurveyResponses", HEADERS[lang], len(rows))
    _summary(book, words, len(rows),
             sorted({(month_of(r.answered_at), r.store) for r in rows}),
             sorted({r.agent or words["nobody"] for r in rows}),
             sorted({month_of(r.answered_at) for r in rows}))
    automation_sheet(book, session, lang, start, end, stores)
    about_sheet(book, lang, what=words["what"], first=first, last=last, rows=len(rows),
                exported_by=actor.name, store_keys=store_keys,
                agents=agent_names(session, agent_ids), mask=mask)
    save(book, path)
    return len(rows)


class _Writer:
    """Appends rows to the write-only summary sheet, knowing which row comes next."""

    def __init__(self, sheet) -> None:  # type: ignore[no-untyped-def]
        self.sheet = sheet
        self.row = 0

    def title(self, text: str) -> None:
        cell = text_cell(self.sheet, text)
        cell.font = Font(bold=True, size=12)
        self.append([cell])

    def head(self, titles: list[str]) -> None:
        cells = [text_cell(self.sheet, t) for t in titles]
        for c in cells:
            c.font = Font(bold=True)
        self.append(cells)

    def append(self, cells: list) -> int:  # type: ignore[type-arg]
        self.sheet.append(cells)
        self.row += 1
        return self.row


def _summary(book: Workbook, words: dict[str, str], rows: int,
             month_store: list[tuple[str, str]], agents: list[str], months: list[str]) -> None:
    sheet = book.create_sheet(words["summary"])
    for col, width in zip("ABCDEF", (14, 20, 12, 15, 13, 10), strict=True):
        sheet.column_dimensions[col].width = width
    ref = column_ranges(words["sheet"], rows, "BCFH")
    out = _Writer(sheet)

    def figures(row: int, *same: str) -> list:  # type: ignore[type-arg]
        """Responses, satisfied, average, CSAT for the rows meeting the conditions
        ``same``; columns C–F of ``row``."""
        return [formula_cell(sheet, count(*same)),
                formula_cell(sheet, count(*same, at_least(ref["F"], 4))),
                formula_cell(sheet, average(ref["F"], *same), "0.00"),
                formula_cell(sheet, f"=D{row}/C{row}", "0.0%")]

    out.title(words["by_store"])
    out.head([words["month"], words["store"], words["responses"], words["satisfied"],
              words["average"], words["csat"]])
    for month, store in month_store:
        row = out.row + 1
        out.append([text_cell(sheet, month), text_cell(sheet, store),
                    *figures(row, equals(ref["H"], f"$A{row}"),
                             equals(ref["B"], f"$B{row}"))])
    out.append([])
    out.title(words["by_agent"])
    out.head([words["agent"], "", words["responses"], words["satisfied"], words["average"],
              words["csat"]])
    for agent in agents:
        row = out.row + 1
        out.append([text_cell(sheet, agent), text_cell(sheet, None),
                    *figures(row, equals(ref["C"], f"$A{row}"))])
    out.append([])
    out.title(words["distribution"])
    out.head([words["score"], words["count"]])
    dist_first = out.row + 1
    for score in range(1, 6):
        row = out.row + 1
        out.append([number_cell(sheet, score),
                    formula_cell(sheet, count(same_number(ref["F"], f"$A{row}")))])
    dist_last = out.row
    out.append([])
    out.title(words["trend"])
    out.head([words["month"], "", words["responses"], words["satisfied"], words["average"],
              words["csat"]])
    trend_first = out.row + 1
    for month in months:
        row = out.row + 1
        out.append([text_cell(sheet, month), text_cell(sheet, None),
                    *figures(row, equals(ref["H"], f"$A{row}"))])
    trend_last = out.row

    bars = BarChart()
    bars.title = words["distribution"]
    bars.height, bars.width = 7, 14
    bars.add_data(Reference(sheet, min_col=2, min_row=dist_first - 1, max_row=dist_last),
                  titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=1, min_row=dist_first, max_row=dist_last))
    bars.legend = None
    sheet.add_chart(bars, "H2")
    if months:
        line = LineChart()
        line.title = words["trend"]
        line.height, line.width = 7, 14
        line.y_axis.number_format = "0%"
        line.add_data(Reference(sheet, min_col=6, min_row=trend_first - 1, max_row=trend_last),
                      titles_from_data=True)
        line.set_categories(Reference(sheet, min_col=1, min_row=trend_first,
                                      max_row=trend_last))
        line.legend = None
        sheet.add_chart(line, "H18")
