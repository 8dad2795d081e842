"""Safe spreadsheet cells: the one place that turns values into what Excel shows.

* Text a customer or an agent wrote is always a literal string, never a formula: openpyxl
  writes any text starting with "=" as a formula, and Excel treats "+", "-", "@" and a
  leading tab or carriage return the same way, so every text cell is typed as a string.
* Control characters Excel refuses are removed.
* Times are written as the computer's local time (Excel has no time zones); the workbook's
  About sheet says which zone that is.
* Order numbers and other ids stay text (19 digits must not become 2.04158E+18).

Large sheets write their rows through ``RowCells``: a value openpyxl writes as it is (text
that cannot turn into a formula or an error, a plain number) goes as a plain value, and a
cell object is made only for what needs a type or a format. The workbook is the same; the
time goes to openpyxl's XML writing instead of to cell objects.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
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


class _RowCell(Cell):
    """A formatted cell of a data row. Its format is set once, so its place among the
    workbook's styles is looked up once (openpyxl hashes the style at every cell written)."""

    __slots__ = ("_style_id",)

    def __init__(self, sheet: WriteOnlyWorksheet, number_format: str) -> None:
        super().__init__(sheet, row=1, column=1)
        self.number_format = number_format
        self._style_id = super().style_id

    @property
    def style_id(self) -> int:
        return self._style_id

    @property
    def has_style(self) -> bool:
        return True

    def __repr__(self) -> str:  # named in openpyxl's error for a cell on a sheet of its own
        return "<row cell>"


class Formatted:
    """One column's cells shown with one number format: the same cell object is filled for
    each row (openpyxl writes an appended row at once), so use it once per row."""

    def __init__(self, sheet: WriteOnlyWorksheet, number_format: str) -> None:
        self.cell = _RowCell(sheet, number_format)

    def __call__(self, value: Any) -> Cell | None:
        """``value`` (a number, or a naive local time) in this format; None stays blank."""
        if value is None:
            return None
        self.cell.value = value
        return self.cell


class _RowSheet(WriteOnlyWorksheet):
    """openpyxl's write-only sheet, but a cell object in an appended row is taken as it is:
    openpyxl tries every value as a plain value first and takes a cell from the error that
    raises (a formatted message and an exception per formatted cell: a tenth of the
    complaints export). Plain values are bound as openpyxl binds them."""

    def _values_to_row(self, values, row_idx):  # type: ignore[no-untyped-def]
        plain = WriteOnlyCell(self)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                plain.value = value
                cell = plain
            cell.column = col_idx
            cell.row = row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell
            if cell is plain and (plain.has_style or plain.hyperlink):
                plain = WriteOnlyCell(self)  # a format or a link stays with its cell


def row_sheet(book: Workbook, title: str) -> WriteOnlyWorksheet:
    """A new sheet of a write-only ``book`` for rows of ``RowCells``."""
    sheet = _RowSheet(parent=book, title=title)
    book._add_sheet(sheet)
    return sheet


class RowCells:
    """The cells of one sheet's data rows, fast: see the module's docstring."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet

    def text(self, value: str | None) -> str | WriteOnlyCell | None:
        """Literal text: a plain value unless openpyxl would read it as a formula ("=…") or
        an error code ("#N/A"); those get a cell typed as text (``text_cell``)."""
        if not value:
            return None
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = clean_text(value)
        if value[:1] == "=" or (value[:1] == "#" and value in ERROR_CODES):
            return text_cell(self.sheet, value)
        return value

    def formatted(self, number_format: str) -> Formatted:
        """A column of numbers or times in ``number_format`` (one cell per row)."""
        return Formatted(self.sheet, number_format)

    def times(self) -> Callable[[datetime | None], Cell | None]:
        """A column of times (``time_cell``): local time, no zone (Excel has none)."""
        column = self.formatted(DATETIME_FORMAT)
        return lambda value: column(to_local(value).replace(tzinfo=None) if value else None)
