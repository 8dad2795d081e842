"""What every ShopDesk workbook shares: local calendar-day bounds, a bold header row with
fitted widths, the "About" sheet saying what was exported, and an atomic save (a half
written file never replaces a good one)."""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.table import Table, TableStyleInfo
from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk import __version__
from shopdesk.errors import ShopDeskError
from shopdesk.exporters.cells import cell, text_cell
from shopdesk.models import Agent, Store
from shopdesk.money import exponent
from shopdesk.services.permissions import Action, AgentLike, can, require

LANGS = ("en", "zh_CN")
ABOUT = {
    "en": {"sheet": "About", "exported": "Exported", "by": "Exported by",
           "range": "Dates (local calendar days)", "zone": "Time zone", "rows": "Rows",
           "version": "ShopDesk version", "stores": "Stores", "all": "All",
           "masked": "Personal data masked", "yes": "Yes", "no": "No", "what": "Contents",
           "agents": "Agents"},
    "zh_CN": {"sheet": "关于", "exported": "导出时间", "by": "导出人", "range": "日期（本地日历日）",
              "zone": "时区", "rows": "行数", "version": "ShopDesk 版本", "stores": "店铺",
              "all": "全部", "masked": "个人信息已脱敏", "yes": "是", "no": "否",
              "what": "内容", "agents": "客服"},
}


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ShopDeskError(f"language must be one of {', '.join(LANGS)}")


def masks_for(actor: AgentLike) -> bool:
    """Refuse ``actor`` unless its role may export; whether its workbooks mask personal data
    (the permission table decides both, as everywhere: ``services/permissions.py``)."""
    require(actor, Action.EXPORT)
    return not can(actor, Action.SEE_PERSONAL_DATA)


def agent_names(session: Session, ids: Sequence[int]) -> list[str]:
    """The names of the agents a workbook is filtered to, for its About sheet."""
    if not ids:
        return []
    names = {i: name for i, name in session.execute(
        select(Agent.id, Agent.name).where(Agent.id.in_(list(ids))))}
    return [names[i] for i in ids if i in names]


def store_ids(session: Session, keys: Sequence[str] | None) -> list[int]:
    """The ids of the stores ``keys`` names (none: no filter); an unknown key is an error."""
    if not keys:
        return []
    found = {key: sid for key, sid in session.execute(
        select(Store.key, Store.id).where(Store.key.in_(list(keys))))}
    unknown = sorted(set(keys) - set(found))
    if unknown:
        raise ShopDeskError(f"no store with the key {', '.join(unknown)}")
    return [found[k] for k in keys]


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


def add_table(sheet: WriteOnlyWorksheet, name: str, titles: Sequence[str], rows: int) -> None:
    """Make the header and ``rows`` data rows an Excel table (filters, banded rows). In
    write-only mode openpyxl needs the columns named by hand, as the header says."""
    if rows == 0:
        return  # Excel refuses a table without data rows
    table = Table(displayName=name, ref=f"A1:{get_column_letter(len(titles))}{rows + 1}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    table._initialise_columns()
    for column, title in zip(table.tableColumns, titles, strict=True):
        column.name = title
    with warnings.catch_warnings():  # "add table columns manually": done just above
        warnings.simplefilter("ignore", UserWarning)
        sheet.add_table(table)


def column_ranges(sheet_title: str, rows: int, columns: str) -> dict[str, str]:
    """Absolute ranges of a data sheet's columns, rows 2…last (at least row 2, so that an
    empty sheet still gives formulas Excel accepts)."""
    end = max(rows + 1, 2)
    return {col: f"'{sheet_title}'!${col}$2:${col}${end}" for col in columns}


def money_format(currency: str) -> str:
    places = exponent(currency)
    return "#,##0" + ("." + "0" * places if places else "")


def about_sheet(book: Workbook, lang: str, *, what: str, first: date, last: date,
                rows: int, exported_by: str, store_keys: Sequence[str] | None = None,
                agents: Sequence[str] = (), mask: bool | None = None) -> None:
    """What was exported, when, by whom, for which days, stores and agents, masked or not."""
    words = ABOUT[lang]
    extra = []
    if mask is not None:
        extra = [(words["stores"], ", ".join(store_keys) if store_keys else words["all"]),
                 (words["agents"], ", ".join(agents) if agents else words["all"]),
                 (words["masked"], words["yes" if mask else "no"])]
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
