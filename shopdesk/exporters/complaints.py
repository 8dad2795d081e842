"""The complaints workbook: every ticket opened in the chosen days as an Excel table, a
summary of counts by category × month and compensation by store as live formulas over that
table with a bar chart, and what was exported.

Rows are streamed (write-only mode, the query's columns read in batches), so 100,000 tickets
export with flat memory; they are written as plain values with a cell object only where a
format or a text type is needed (``cells.RowCells``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.exporters.cells import (
    DATETIME_FORMAT,
    Formatted,
    RowCells,
    formula_cell,
    row_sheet,
    text_cell,
)
from shopdesk.exporters.formulas import count, equals, total
from shopdesk.exporters.words import CATEGORIES, SEVERITIES, STATUSES
from shopdesk.exporters.workbook import (
    about_sheet,
    add_table,
    agent_names,
    check_lang,
    column_ranges,
    header,
    local_day_bounds,
    masks_for,
    money_format,
    save,
    store_ids,
)
from shopdesk.models import Agent, Complaint, Customer, Order, Store
from shopdesk.models.enums import ComplaintCategory
from shopdesk.money import to_decimal
from shopdesk.services.complaints import ticket_number
from shopdesk.services.privacy import mask_name
from shopdesk.times import to_local

HEADERS = {
    "en": ["Ticket", "Opened", "Store", "Customer", "Order number", "Category", "Severity",
           "Tier", "Status", "Agent", "First response (min)", "Resolution (h)",
           "Compensation", "Currency", "Summary", "Resolution", "Month"],
    "zh_CN": ["工单", "创建时间", "店铺", "客户", "订单号", "类别", "严重程度", "层级", "状态",
              "负责人", "首次响应（分钟）", "解决用时（小时）", "补偿金额", "币种", "摘要",
              "处理结果", "月份"],
}
WIDTHS = [10, 17, 18, 14, 22, 16, 10, 6, 11, 12, 12, 12, 13, 8, 40, 40, 9]
WORDS = {
    "en": {"sheet": "Complaints", "summary": "Summary", "what": "Complaints",
           "by_category": "Complaints by category and month", "category": "Category",
           "total": "Total", "by_store": "Compensation by store", "store": "Store",
           "currency": "Currency", "tickets": "Tickets", "amount": "Compensation",
           "chart": "Complaints by category"},
    "zh_CN": {"sheet": "投诉", "summary": "汇总", "what": "投诉",
              "by_category": "按类别和月份统计投诉", "category": "类别", "total": "合计",
              "by_store": "按店铺统计补偿", "store": "店铺", "currency": "币种",
              "tickets": "工单数", "amount": "补偿金额", "chart": "各类别投诉数"},
}
BATCH = 2000
TENTH = Decimal("0.1")


def export_complaints(session: Session, actor: Agent, path: Path, first: date, last: date,
                      *, lang: str = "en", store_keys: Sequence[str] | None = None,
                      agent_ids: Sequence[int] = (),
                      progress: Callable[[int, int], None] | None = None) -> int:
    """Write the complaints opened from ``first`` to ``last`` (local days) in the stores
    ``store_keys`` assigned to ``agent_ids`` (none: all), as ``actor`` (who must be allowed
    to export; customer names masked unless the role may see personal data). Returns rows."""
    mask = masks_for(actor)
    check_lang(lang)
    words = WORDS[lang]
    start, end = local_day_bounds(first, last)
    q = (select(Complaint.id, Complaint.opened_at, Store.name, Customer.name, Order.order_no,
                Complaint.category, Complaint.severity, Complaint.tier, Complaint.status,
                Agent.name, Complaint.first_response_at, Complaint.resolved_at,
                Complaint.compensation_minor, Complaint.currency, Complaint.summary,
                Complaint.resolution)
         .join(Store, Store.id == Complaint.store_id)
         .join(Customer, Customer.id == Complaint.customer_id)
         .outerjoin(Order, Order.id == Complaint.order_id)
         .outerjoin(Agent, Agent.id == Complaint.assignee_id)
         .where(Complaint.opened_at >= start, Complaint.opened_at < end)
         .order_by(Complaint.opened_at, Complaint.id))
    if store_keys:
        q = q.where(Complaint.store_id.in_(store_ids(session, store_keys)))
    if agent_ids:
        q = q.where(Complaint.assignee_id.in_(list(agent_ids)))
    total = int(session.scalar(q.with_only_columns(func.count()).order_by(None)) or 0)

    book = Workbook(write_only=True)
    sheet = row_sheet(book, words["sheet"])
    header(sheet, HEADERS[lang], WIDTHS)
    months: set[str] = set()
    money: set[tuple[str, str]] = set()
    categories, severities, statuses = CATEGORIES[lang], SEVERITIES[lang], STATUSES[lang]
    cells = RowCells(sheet)
    text, opened_at = cells.text, cells.formatted(DATETIME_FORMAT)
    hours_of = cells.formatted("0.0")
    amounts: dict[str, Formatted] = {}  # currency → its column of amounts
    n = 0
    for (cid, opened, store, customer, order_no, category, severity, tier, status, agent,
         answered, resolved, compensation, currency, summary, resolution) in session.execute(
            q.execution_options(yield_per=BATCH)):
        n += 1
        opened = to_local(opened)
        month = f"{opened.year:04d}-{opened.month:02d}"
        months.add(month)
        money.add((store, currency))
        if currency not in amounts:
            amounts[currency] = cells.formatted(money_format(currency))
        # Our own words (ticket number, category, severity, status, currency, month) cannot
        # start with "=": plain values; a cell object only where a format is needed.
        sheet.append([
            ticket_number(cid), opened_at(opened.replace(tzinfo=None)),
            text(store), text(mask_name(customer) if mask else customer), text(order_no),
            categories[category], severities[severity], tier, statuses[status], text(agent),
            int((answered - opened).total_seconds() // 60) if answered else None,
            hours_of((Decimal((resolved - opened).total_seconds()) / 3600).quantize(
                TENTH, ROUND_HALF_UP)) if resolved else None,
            amounts[currency](to_decimal(compensation, currency))
            if compensation is not None else None,
            currency, text(summary), text(resolution), month])
        if progress and (n % 1000 == 0 or n == total):
            progress(n, total)
    add_table(sheet, "ComplaintsTable", HEADERS[lang], n)
    _summary(book, words, lang, n, sorted(months), sorted(money))
    about_sheet(book, lang, what=words["what"], first=first, last=last, rows=n,
                exported_by=actor.name, store_keys=store_keys,
                agents=agent_names(session, agent_ids), mask=mask)
    save(book, path)
    return n


def _summary(book: Workbook, words: dict[str, str], lang: str, rows: int,
             months: list[str], money: list[tuple[str, str]]) -> None:
    """Counts by category × month and compensation by store, as formulas over the data
    sheet (exact matches: ``formulas``), and a bar chart of the counts."""
    sheet = book.create_sheet(words["summary"])
    ref = column_ranges(words["sheet"], rows, "CFMNQ")
    bold = Font(bold=True)
    sheet.column_dimensions["A"].width = 22
    title = text_cell(sheet, words["by_category"])
    title.font = bold
    sheet.append([title])
    head = [text_cell(sheet, words["category"]), *(text_cell(sheet, m) for m in months),
            text_cell(sheet, words["total"])]
    for c in head:
        c.font = bold
    sheet.append(head)  # row 2
    categories = list(ComplaintCategory)
    first_row = 3
    for i, category in enumerate(categories):
        row = first_row + i
        cells = [text_cell(sheet, CATEGORIES[lang][category])]
        for j in range(len(months)):
            col = _col(j + 2)
            cells.append(formula_cell(sheet, count(equals(ref["F"], f"$A{row}"),
                                                   equals(ref["Q"], f"{col}$2"))))
        cells.append(formula_cell(sheet, count(equals(ref["F"], f"$A{row}"))))
        sheet.append(cells)
    last_row = first_row + len(categories) - 1
    if months:
        chart = BarChart()
        chart.type = "bar"
        chart.title = words["chart"]
        chart.height, chart.width = 9, 18
        total_col = len(months) + 2
        data = Reference(sheet, min_col=total_col, max_col=total_col, min_row=2,
                         max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first_row, max_row=last_row))
        chart.legend = None
        sheet.add_chart(chart, f"{_col(total_col + 2)}2")
    sheet.append([])
    store_title = text_cell(sheet, words["by_store"])
    store_title.font = bold
    sheet.append([store_title])
    head = [text_cell(sheet, words["store"]), text_cell(sheet, words["currency"]),
            text_cell(sheet, words["tickets"]), text_cell(sheet, words["amount"])]
    for c in head:
        c.font = bold
    sheet.append(head)
    row = last_row + 3
    for store, currency in money:
        row += 1
        same = (equals(ref["C"], f"$A{row}"), equals(ref["N"], f"$B{row}"))
        sheet.append([
            text_cell(sheet, store), text_cell(sheet, currency),
            formula_cell(sheet, count(*same)),
            formula_cell(sheet, total(ref["M"], *same), money_format(currency))])


def _col(n: int) -> str:
    return get_column_letter(n)
