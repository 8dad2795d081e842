"""The refunds ledger for the bookkeeper: one row per refund or compensation granted on a
complaint (services/payouts.py), monthly totals per store and currency as live formulas
over those rows, and what was exported, when and by whom.

Amounts come from minor units as ``Decimal`` (never ``float``), so the sheet adds up to the
cent; the month of a refund is the local calendar month the About sheet names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from shopdesk.exporters.cells import Formatted, RowCells, formula_cell, row_sheet, text_cell
from shopdesk.exporters.formulas import count, equals, total
from shopdesk.exporters.words import CATEGORIES, REASONS
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
from shopdesk.models import Agent
from shopdesk.models.enums import ReturnReason
from shopdesk.money import to_decimal
from shopdesk.services.payouts import Payout, payouts_between
from shopdesk.services.privacy import mask_name
from shopdesk.times import to_local

HEADERS = {
    "en": ["Date", "Case", "Store", "Order number", "Customer", "Reason", "Amount", "Currency",
           "Month"],
    "zh_CN": ["日期", "售后单", "店铺", "订单号", "客户", "原因", "金额", "币种", "月份"],
}
TOTAL_HEADERS = {
    "en": ["Month", "Store", "Currency", "Refunds", "Amount"],
    "zh_CN": ["月份", "店铺", "币种", "退款笔数", "金额"],
}
WORDS = {
    "en": {"sheet": "Refunds", "totals": "Monthly totals", "what": "Refunds ledger",
           "all_months": "All months", "grand": "Total",
           "compensation": "Compensation"},
    "zh_CN": {"sheet": "退款明细", "totals": "月度汇总", "what": "退款台账",
              "all_months": "全部月份", "grand": "合计",
              "compensation": "投诉补偿"},
}
WIDTHS = [18, 10, 18, 24, 18, 20, 14, 9, 10]


def _reason(r: Payout, lang: str) -> str:
    if isinstance(r.reason, ReturnReason):
        return REASONS[lang][r.reason]
    return f"{WORDS[lang]['compensation']}: {CATEGORIES[lang][r.reason]}"


def export_refunds(session: Session, actor: Agent, path: Path, first: date, last: date, *,
                   lang: str = "en", store_keys: Sequence[str] | None = None,
                   agent_ids: Sequence[int] = (),
                   progress: Callable[[int, int], None] | None = None) -> int:
    """Write the refunds ledger to ``path`` as ``actor`` (who must be allowed to export;
    customer names masked unless the role may see personal data): the refunds recorded from
    ``first`` to ``last`` (local days) in the stores ``store_keys`` by ``agent_ids`` (none:
    all). Returns the number of refunds."""
    mask = masks_for(actor)
    check_lang(lang)
    words = WORDS[lang]
    start, end = local_day_bounds(first, last)
    rows = payouts_between(session, start, end, store_ids(session, store_keys),
                           agent_ids)  # refunds and compensation
    book = Workbook(write_only=True)
    sheet = row_sheet(book, words["sheet"])
    header(sheet, HEADERS[lang], WIDTHS)
    months: set[tuple[str, str, str]] = set()
    row = _Rows(sheet, lang, mask)
    for n, r in enumerate(rows, start=1):
        month = f"{to_local(r.at):%Y-%m}"
        months.add((month, r.store, r.currency))
        sheet.append(row(r, month))
        if progress and (n % 500 == 0 or n == len(rows)):
            progress(n, len(rows))
    add_table(sheet, "RefundsLedger", HEADERS[lang], len(rows))
    _totals(book, words, lang, len(rows), sorted(months))
    about_sheet(book, lang, what=words["what"], first=first, last=last, rows=len(rows),
                exported_by=actor.name, store_keys=store_keys,
                agents=agent_names(session, agent_ids), mask=mask)
    save(book, path)
    return len(rows)


class _Rows:
    """Ledger rows in the order of ``HEADERS``, from ``payouts_between`` rows (plain values,
    a cell object only where a format is needed: ``cells.RowCells``)."""

    def __init__(self, sheet: WriteOnlyWorksheet, lang: str, mask: bool) -> None:
        self.cells = RowCells(sheet)
        self.times = self.cells.times()
        self.amounts: dict[str, Formatted] = {}  # currency → its column of amounts
        self.lang, self.mask = lang, mask

    def __call__(self, r: Payout, month: str) -> list[Any]:
        text = self.cells.text
        if r.currency not in self.amounts:
            self.amounts[r.currency] = self.cells.formatted(money_format(r.currency))
        return [self.times(r.at), r.number, text(r.store), text(r.order_no),
                text(mask_name(r.customer) if self.mask else r.customer),
                text(_reason(r, self.lang)),
                self.amounts[r.currency](to_decimal(r.amount_minor, r.currency)),
                r.currency, month]


def _totals(book: Workbook, words: dict[str, str], lang: str, rows: int,
            months: list[tuple[str, str, str]]) -> None:
    """Count and amount per month × store × currency, then per currency, as formulas over
    the ledger (exact matches: ``formulas``)."""
    totals = book.create_sheet(words["totals"])
    header(totals, TOTAL_HEADERS[lang], [12, 22, 10, 12, 16])
    ref = column_ranges(words["sheet"], rows, "CGHI")
    row = 1
    for month, store, currency in months:
        row += 1
        same = (equals(ref["I"], f"$A{row}"), equals(ref["C"], f"$B{row}"),
                equals(ref["H"], f"$C{row}"))
        totals.append([text_cell(totals, month), text_cell(totals, store),
                       text_cell(totals, currency), formula_cell(totals, count(*same)),
                       formula_cell(totals, total(ref["G"], *same), money_format(currency))])
    totals.append([])
    row += 1
    for currency in sorted({c for _m, _s, c in months}):
        row += 1
        same = (equals(ref["H"], f"$C{row}"),)
        cells = [text_cell(totals, words["grand"]), text_cell(totals, words["all_months"]),
                 text_cell(totals, currency), formula_cell(totals, count(*same)),
                 formula_cell(totals, total(ref["G"], *same), money_format(currency))]
        for c in cells:
            c.font = Font(bold=True)
        totals.append(cells)
