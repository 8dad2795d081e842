"""Safe spreadsheet cells: the one place that turns values into what Excel shows.

* Text a customer or an agent wrote is always a literal string, never a formula: openpyxl
  writes any text starting with "=" as a formula, and Excel treats "+", "-", "@" and a
  leading tab or carriage return the same way, so every text cell is typed as a string.
* Control characters Excel refuses are removed.
* Times are written as the computer's local time (Excel has no time zones); the workbook's
  About sheet says which zone that is.
* Order numbers and other ids stay text (19 digits must not become 2.04158E+18).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shopdesk.times import to_local

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def clean_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def text_cell(sheet: WriteOnlyWorksheet, value: str | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=clean_text(value) if value else None)
    if value:
        cell.data_type = "s"  # literal text, whatever its first character
    return cell


def time_cell(sheet: WriteOnlyWorksheet, value: datetime | None) -> WriteOnlyCell:
    local = to_local(value).replace(tzinfo=None) if value else None
    cell = WriteOnlyCell(sheet, value=local)
    cell.number_format = DATETIME_FORMAT
    return cell


def number_cell(sheet: WriteOnlyWorksheet, value: int | Decimal | None,
                number_format: str = "0") -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def formula_cell(sheet: WriteOnlyWorksheet, formula: str, number_format: str = "0"
                 ) -> WriteOnlyCell:
    """A formula ShopDesk wrote (never text from a person: see ``text_cell``)."""
    assert formula.startswith("=")
    cell = WriteOnlyCell(sheet, value=formula)
    cell.data_type = "f"
    cell.number_format = number_format
    return cell


def cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    """The right cell for a plain value."""
    if isinstance(value, datetime):
        return time_cell(sheet, value)
    if isinstance(value, bool) or value is None:
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, int | Decimal):
        return number_cell(sheet, value)
    return text_cell(sheet, str(value))
