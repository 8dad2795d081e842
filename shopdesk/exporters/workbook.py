"""What every ShopDesk workbook shares: local calendar-day bounds, a bold header row with
fitted widths, the "About" sheet saying what was exported, and an atomic save (a half
written file never replaces a good one)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shopdesk import __version__
from shopdesk.errors import ShopDeskError
from shopdesk.exporters.cells import cell, text_cell

LANGS = ("en", "zh_CN")
ABOUT = {
    "en": {"sheet": "About", "exported": "Exported", "by": "Exported by",
           "range": "Dates (local calendar days)", "zone": "Time zone", "rows": "Rows",
           "version": "ShopDesk version", "stores": "Stores", "all": "All",
           "masked": "Personal data masked", "yes": "Yes", "no": "No", "what": "Contents"},
    "zh_CN": {"sheet": "关于", "exported": "导出时间", "by": "导出人", "range": "日期（本地日历日）",
              "zone": "时区", "rows": "行数", "version": "ShopDesk 版本", "stores": "店铺",
              "all": "全部", "masked": "个人信息已脱敏", "yes": "是", "no": "否",
              "what": "内容"},
}


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ShopDeskError(f"language must be one of {', '.join(LANGS)}")


def local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of ``first``, start of the day after ``last``) in the computer's local time."""
    if last < first:
        raise ShopDeskError("The end date is before the start date.")
    start = datetime(first.year, first.month, first.day).astimezone()
    end = datetime(last.year, last.month, last.day).astimezone() + timedelta(days=1)
    return start, end


def header(sheet: WriteOnlyWorksheet, titles: Sequence[str], widths: Sequence[int]) -> None:
    """Bold titles in row 1, frozen, with the columns' widths."""
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    cells = []
    for title in titles:
        c = text_cell(sheet, title)
        c.font = Font(bold=True)
        cells.append(c)
    sheet.append(cells)


def about_sheet(book: Workbook, lang: str, *, what: str, first: date, last: date,
                rows: int, exported_by: str,
                extra: Sequence[tuple[str, str]] = ()) -> None:
    words = ABOUT[lang]
    about = book.create_sheet(words["sheet"])
    about.column_dimensions["A"].width = 26
    about.column_dimensions["B"].width = 60
    zone = time.strftime("%Z") or "local"
    for key, value in [
        (words["what"], text_cell(about, what)),
        (words["exported"], cell(about, datetime.now().astimezone())),
        (words["by"], text_cell(about, exported_by)),
        (words["range"], text_cell(about, f"{first.isoformat()} – {last.isoformat()}")),
        (words["zone"], text_cell(about, f"{zone} (UTC{datetime.now().astimezone():%z})")),
        *((k, text_cell(about, v)) for k, v in extra),
        (words["rows"], cell(about, rows)),
        (words["version"], text_cell(about, __version__)),
    ]:
        about.append([text_cell(about, key), value])


def save(book: Workbook, path: Path) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        book.save(tmp)
        tmp.replace(path)
    except OSError as exc:
        raise ShopDeskError(f"Could not write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
