"""The refunds ledger for the bookkeeper: one row per refund or compensation granted on a
complaint (services/payouts.py), monthly totals per store and currency as live formulas
over those rows, and what was exported, when and by whom.

Amounts come from minor units as ``Decimal`` (never ``float``), so the sheet adds up to the
cent; the month of a refund is the local calendar month the About sheet names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy.orm import Session

from shopdesk.exporters.cells import formula_cell, number_cell, text_cell, time_cell
from shopdesk.exporters.words import CATEGORIES, REASONS
from shopdesk.exporters.workbook import (
    about_sheet,
    add_table,
    check_lang,
    column_ranges,
    header,
    local_day_bounds,
    money_format,
    save,
    store_ids,
)
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
def _reason(r: Payout, lang: str) -> str:
    if isinstance(r.reason, ReturnReason):
        return REASONS[lang][r.reason]
    return f"{WORDS[lang]['compensation']}: {CATEGORIES[lang][r.reason]}"


def export_refunds(session: Session, path: Path, first: date, last: date, *,
                   lang: str = "en", store_keys: list[str] | None = None, mask: bool = True,
                   exported_by: str = "",
                   progress: Callable[[int, int], None] | None = None) -> int:
    """Write the refunds ledger to ``path``. Returns the number of refunds."""
    check_lang(lang)
    words = WORDS[lang]
    start, end = local_day_bounds(first, last)
    stores = store_ids(session, store_keys)
    rows = payouts_between(session, start, end, stores)  # refunds and compensation
    book = Workbook(write_only=True)
    sheet = book.create_sheet(words["sheet"])
    header(sheet, HEADERS[lang], [18, 10, 18, 24, 18, 20, 14, 9, 10])
    months: set[tuple[str, str, str]] = set()
    for n, r in enumerate(rows, start=1):
        month = f"{to_local(r.at):%Y-%m}"
        months.add((month, r.store, r.currency))
        sheet.append([
            time_cell(sheet, r.at), text_cell(sheet, r.number),
            text_cell(sheet, r.store), text_cell(sheet, r.order_no),
            text_cell(sheet, mask_name(r.customer) if mask else r.customer),
            text_cell(sheet, _reason(r, lang)),
            number_cell(sheet, to_decimal(r.amount_minor, r.currency), money_format(r.currency)),
            text_cell(sheet, r.currency), text_cell(sheet, month)])
        if progress and (n % 500 == 0 or n == len(rows)):
            progress(n, len(rows))
    add_table(sheet, "RefundsLedger", HEADERS[lang], len(rows))

    totals = book.create_sheet(words["totals"])
    header(totals, TOTAL_HEADERS[lang], [12, 22, 10, 12, 16])
    ref = column_ranges(words["sheet"], len(rows), "CGHI")
    row = 1
    for month, store, currency in sorted(months):
        row += 1
        criteria = f'{ref["I"]},$A{row},{ref["C"]},$B{row},{ref["H"]},$C{row}'
        totals.append([text_cell(totals, month), text_cell(totals, store),
                       text_cell(totals, currency),
                       formula_cell(totals, f"=COUNTIFS({criteria})"),
                       formula_cell(totals, f'=SUMIFS({ref["G"]},{criteria})',
                                    money_format(currency))])
    totals.append([])
    row += 1
    for currency in sorted({c for _m, _s, c in months}):
        row += 1
        cells = [text_cell(totals, words["grand"]), text_cell(totals, words["all_months"]),
                 text_cell(totals, currency),
                 formula_cell(totals, f'=COUNTIFS({ref["H"]},$C{row})'),
                 formula_cell(totals, f'=SUMIFS({ref["G"]},{ref["H"]},$C{row})',
                              money_format(currency))]
        for c in cells:
            c.font = Font(bold=True)
        totals.append(cells)

    about_sheet(book, lang, what=words["what"], first=first, last=last, rows=len(rows),
                exported_by=exported_by, store_keys=store_keys, mask=mask)
    save(book, path)
    return len(rows)
