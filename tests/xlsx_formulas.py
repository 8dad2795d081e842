"""Evaluate the few formulas ShopDesk writes (``shopdesk/exporters/formulas.py``: SUMPRODUCT
of exact matches ``--EXACT(range,cell)``, of ``--(range=cell)`` and ``--(range>=n)`` over numbers, and of a value range; a
quotient of two of them or of two cells) from a workbook re-read with openpyxl, so that
tests check a sheet's live formulas give the figures the services compute. (A slow test
recalculates with LibreOffice as well; ``recalculate`` runs it.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string

RANGE = re.compile(r"'?(?P<sheet>[^'!]+)'?!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$[A-Z]+\$(?P<last>\d+)")
REF = re.compile(r"^\$?(?P<col>[A-Z]+)\$?(?P<row>\d+)$")
SUMPRODUCT = re.compile(r"^SUMPRODUCT\((?P<args>.*)\)$")
EXACT = re.compile(r"^--EXACT\((?P<range>[^,]+),(?P<ref>[^,]+)\)$")
AT_LEAST = re.compile(r"^--\((?P<range>[^>]+)>=(?P<number>\d+)\)$")
SAME_NUMBER = re.compile(r"^--\((?P<range>[^=>]+)=(?P<ref>\$?[A-Z]+\$?\d+)\)$")


def _split(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside quotes and parentheses."""
    out, depth, quoted, cur = [], 0, False, ""
    for ch in text:
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        elif not quoted and depth == 0 and ch == sep:
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


def excel_text(value: Any) -> str:
    """What EXACT compares: a cell's value as text (a blank is "")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _array(book: Any, sheet: Any, arg: str) -> tuple[list[Decimal], bool]:
    """One SUMPRODUCT argument per row, and whether it was a condition (1 or 0)."""
    exact = EXACT.fullmatch(arg)
    if exact:
        want = excel_text(_cell(sheet, exact["ref"]))
        return [Decimal(excel_text(v) == want) for v in _column(book, exact["range"])], True
    same = SAME_NUMBER.fullmatch(arg)
    if same:
        want = _cell(sheet, same["ref"])
        return [Decimal(v is not None and Decimal(str(v)) == Decimal(str(want)))
                for v in _column(book, same["range"])], True
    at_least = AT_LEAST.fullmatch(arg)
    if at_least:
        bound = Decimal(at_least["number"])
        return [Decimal(v is not None and Decimal(str(v)) >= bound)
                for v in _column(book, at_least["range"])], True
    return [Decimal(0) if v is None else Decimal(str(v)) for v in _column(book, arg)], False


def _term(book: Any, sheet: Any, text: str) -> Decimal | int | None:
    if REF.fullmatch(text):
        return evaluate_cell(book, sheet, text)
    m = SUMPRODUCT.fullmatch(text)
    assert m, f"unsupported formula part: {text}"
    arrays = [_array(book, sheet, arg) for arg in _split(m["args"], ",")]
    products = [Decimal(1)] * len(arrays[0][0])
    for values, _condition in arrays:
        assert len(values) == len(products), "ranges of different lengths"
        products = [p * v for p, v in zip(products, values, strict=True)]
    result = sum(products, Decimal(0))
    return int(result) if all(condition for _v, condition in arrays) else result


def evaluate(book: Any, sheet: Any, formula: str) -> Decimal | int | None:
    assert formula.startswith("="), formula
    parts = _split(formula[1:], "/")
    assert len(parts) in (1, 2), f"unsupported formula: {formula}"
    value = _term(book, sheet, parts[0])
    if len(parts) == 1:
        return value
    divisor = _term(book, sheet, parts[1])
    return None if not divisor or value is None else Decimal(value) / Decimal(divisor)


def evaluate_cell(book: Any, sheet: Any, ref: str) -> Any:
    value = _cell(sheet, ref)
    if isinstance(value, str) and value.startswith("="):
        return evaluate(book, sheet, value)
    return value


def libreoffice() -> str | None:
    """LibreOffice's program, or None (CI sets SHOPDESK_REQUIRE_LIBREOFFICE=1: then a
    missing LibreOffice fails the test instead of skipping it)."""
    import pytest

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("SHOPDESK_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("SHOPDESK_REQUIRE_LIBREOFFICE=1 but LibreOffice is not installed")
        pytest.skip("LibreOffice is not installed")
    return found


def recalculate(paths: list[Path], work: Path) -> dict[Path, Path]:
    """Open each workbook in LibreOffice headless, recalculate and save a copy; returns
    each original's recalculated copy (read it with ``load_workbook(data_only=True)``)."""
    soffice = libreoffice()
    out = work / "recalculated"
    out.mkdir(exist_ok=True)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation=file://{work / 'lo-profile'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    *map(str, paths)], check=True, capture_output=True, timeout=300)
    copies = {p: out / p.name for p in paths}
    for copy in copies.values():
        assert copy.exists(), f"LibreOffice wrote no {copy.name}"
    return copies
