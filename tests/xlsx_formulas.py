"""Evaluate the few formulas ShopDesk writes (COUNTIFS, SUMIFS with exact-match criteria
over absolute column ranges) from a workbook re-read with openpyxl, so that tests check a
sheet's live formulas give the figures the services compute."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from openpyxl.utils import column_index_from_string

RANGE = re.compile(r"'?(?P<sheet>[^'!]+)'?!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$[A-Z]+\$(?P<last>\d+)")
REF = re.compile(r"^\$?(?P<col>[A-Z]+)\$?(?P<row>\d+)$")
CALL = re.compile(r"^=(?P<fn>COUNTIFS|SUMIFS)\((?P<args>.*)\)$")


def _split(args: str) -> list[str]:
    out, depth, quoted, cur = [], 0, False, ""
    for ch in args:
        if ch == "'" :
            quoted = not quoted
        if ch == "," and not quoted and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
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


def _value(book: Any, sheet: Any, arg: str) -> Any:
    m = REF.fullmatch(arg)
    if m:
        return sheet.cell(row=int(m["row"]), column=column_index_from_string(m["col"])).value
    if arg.startswith('"'):
        return arg.strip('"')
    return Decimal(arg)


def evaluate(book: Any, sheet: Any, formula: str) -> Decimal | int:
    m = CALL.fullmatch(formula)
    assert m, f"unsupported formula: {formula}"
    args = _split(m["args"])
    total_range = None
    if m["fn"] == "SUMIFS":
        total_range, args = _column(book, args[0]), args[1:]
    pairs = [(_column(book, args[i]), _value(book, sheet, args[i + 1]))
             for i in range(0, len(args), 2)]
    rows = range(len(pairs[0][0]))
    hits = [r for r in rows if all(col[r] == want for col, want in pairs)]
    if total_range is None:
        return len(hits)
    return sum((Decimal(str(total_range[r])) for r in hits if total_range[r] is not None),
               Decimal(0))
