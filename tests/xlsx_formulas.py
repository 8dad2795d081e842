"""Evaluate the few formulas ShopDesk writes (COUNTIFS, SUMIFS, AVERAGEIFS with exact or
">=n" criteria over absolute column ranges, and a division of two cells) from a workbook
re-read with openpyxl, so that tests check a sheet's live formulas give the figures the
services compute. (A slow test recalculates with LibreOffice as well.)"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from openpyxl.utils import column_index_from_string

RANGE = re.compile(r"'?(?P<sheet>[^'!]+)'?!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$[A-Z]+\$(?P<last>\d+)")
REF = re.compile(r"^\$?(?P<col>[A-Z]+)\$?(?P<row>\d+)$")
CALL = re.compile(r"^=(?P<fn>COUNTIFS|SUMIFS|AVERAGEIFS)\((?P<args>.*)\)$")
DIVISION = re.compile(r"^=(?P<a>[A-Z]+\d+)/(?P<b>[A-Z]+\d+)$")


def _split(args: str) -> list[str]:
    out, quoted, cur = [], False, ""
    for ch in args:
        if ch in "'\"":
            quoted = not quoted
        if ch == "," and not quoted:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return [a.strip() for a in out]


def _column(book: Any, ref: str) -> list[Any]:
    m = RANGE.fullmatch(ref)
    assert m, f"not an absolute range: {ref}"
    sheet = book[m["sheet"]]
    col = column_index_from_string(m["col"])
    return [sheet.cell(row=r, column=col).value
            for r in range(int(m["first"]), int(m["last"]) + 1)]


def _cell(sheet: Any, ref: str) -> Any:
    m = REF.fullmatch(ref)
    assert m, ref
    return sheet.cell(row=int(m["row"]), column=column_index_from_string(m["col"])).value


def _matches(value: Any, criterion: Any) -> bool:
    if isinstance(criterion, str) and criterion.startswith(">="):
        return value is not None and Decimal(str(value)) >= Decimal(criterion[2:])
    return value == criterion


def _criterion(sheet: Any, arg: str) -> Any:
    if REF.fullmatch(arg):
        return _cell(sheet, arg)
    if arg.startswith('"'):
        return arg.strip('"')
    return Decimal(arg)


def evaluate(book: Any, sheet: Any, formula: str) -> Decimal | int | None:
    division = DIVISION.fullmatch(formula)
    if division:
        a = evaluate_cell(book, sheet, division["a"])
        b = evaluate_cell(book, sheet, division["b"])
        return None if not b else Decimal(a) / Decimal(b)
    m = CALL.fullmatch(formula)
    assert m, f"unsupported formula: {formula}"
    args = _split(m["args"])
    values = None
    if m["fn"] in ("SUMIFS", "AVERAGEIFS"):
        values, args = _column(book, args[0]), args[1:]
    pairs = [(_column(book, args[i]), _criterion(sheet, args[i + 1]))
             for i in range(0, len(args), 2)]
    hits = [r for r in range(len(pairs[0][0])) if all(_matches(col[r], want)
                                                      for col, want in pairs)]
    if values is None:
        return len(hits)
    numbers = [Decimal(str(values[r])) for r in hits if values[r] is not None]
    if m["fn"] == "SUMIFS":
        return sum(numbers, Decimal(0))
    return sum(numbers, Decimal(0)) / len(numbers) if numbers else None


def evaluate_cell(book: Any, sheet: Any, ref: str) -> Any:
    value = _cell(sheet, ref)
    if isinstance(value, str) and value.startswith("="):
        return evaluate(book, sheet, value)
    return value
