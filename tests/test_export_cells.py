"""The fast row cells (``exporters.cells.RowCells``) write what the safe cells write: text
that starts with = + - @, a tab, or equals an error code stays literal text; control
characters go; numbers and times keep their formats; an empty value stays blank."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shopdesk.exporters.cells import (
    DATETIME_FORMAT,
    RowCells,
    number_cell,
    row_sheet,
    text_cell,
    time_cell,
)

TEXTS = ['=HYPERLINK("http://evil","x")', "=1+1", "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)",
         "\t=1+1", "#N/A", "#DIV/0!", "退款\x07完成", "=", "#", " 王芳 ", "", None]
AT = datetime(2026, 11, 5, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize("rows_sheet", [row_sheet, Workbook.create_sheet],
                         ids=["row sheet", "openpyxl's sheet"])
def test_row_cells_write_what_the_safe_cells_write(tmp_path, rows_sheet) -> None:
    book = Workbook(write_only=True)
    sheet = rows_sheet(book, "Fast")
    slow = book.create_sheet("Safe")
    cells = RowCells(sheet)
    times, money = cells.times(), cells.formatted("#,##0.00")
    for value in TEXTS:  # plain values between formatted cells, one plain time (styled)
        sheet.append([cells.text(value), times(AT), money(Decimal("1299.50")), money(None),
                      7, AT.replace(tzinfo=None)])
        slow.append([text_cell(slow, value), time_cell(slow, AT),
                     number_cell(slow, Decimal("1299.50"), "#,##0.00"), None,
                     7, AT.replace(tzinfo=None)])
    book.save(tmp_path / "cells.xlsx")

    saved = load_workbook(tmp_path / "cells.xlsx")
    fast, safe = saved["Fast"], saved["Safe"]
    for row in range(1, len(TEXTS) + 1):
        for col in range(1, 7):
            a, b = fast.cell(row=row, column=col), safe.cell(row=row, column=col)
            assert (a.value, a.data_type, a.number_format) == \
                (b.value, b.data_type, b.number_format), (row, col)
    values = [fast.cell(row=r, column=1).value for r in range(1, len(TEXTS) + 1)]
    assert values[:8] == TEXTS[:8]  # literal, never a formula or an error
    assert values[8] == "退款完成" and values[-2:] == [None, None]
    assert {fast.cell(row=r, column=1).data_type for r in range(1, 12)} == {"s"}
    assert fast["B1"].number_format == DATETIME_FORMAT and isinstance(fast["B1"].value, datetime)
    assert fast["C1"].number_format == "#,##0.00" and fast["D1"].value is None


def test_the_row_sheet_still_replaces_openpyxls_way_of_reading_a_row() -> None:
    """The row sheet overrides openpyxl's ``_values_to_row``: were it renamed, the exports
    would stay right but lose their fast path without a word."""
    assert callable(getattr(WriteOnlyWorksheet, "_values_to_row", None))
    book = Workbook(write_only=True)
    sheet = row_sheet(book, "Rows")
    assert book.sheetnames == ["Rows"] and book["Rows"] is sheet
