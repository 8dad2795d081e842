"""Reading a dataset file: its lines (plain or gzip), each decoded as one JSON object, the
header line checked. Every problem names its line."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from shopdesk import bounds
from shopdesk.dataset.fields import FORMAT_NAME, FORMAT_VERSION
from shopdesk.errors import DatasetError


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a ``.jsonl`` or ``.jsonl.gz`` file (gzip recognised by its magic bytes)."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    raw = gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as fh:
        try:
            yield from fh
        except UnicodeDecodeError as exc:
            raise DatasetError(f"the file is not UTF-8 text ({exc.reason})") from None
        except (OSError, EOFError) as exc:
            raise DatasetError(f"the file cannot be read: {exc}") from None


_raw_decode = json.JSONDecoder().raw_decode


def _decode(line: str) -> Any:
    """One JSON value from a line. The fast decoder first; ``json.loads`` for what it does
    not take (leading white space) and for the error message."""
    try:
        value, end = _raw_decode(line)
        if end == len(line) or not line[end:].strip():
            return value
    except json.JSONDecodeError:
        pass
    return json.loads(line)


def _refuse_bad_text(record: dict[str, Any], lineno: int) -> None:
    """Every text and field name of ``record`` (walked without recursion: JSON nests up to
    Python's recursion limit) is one a database stores."""
    stack: list[tuple[str, Any]] = [("", record)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            problem = bounds.text_problem(value)
            if problem:
                raise DatasetError(problem, lineno, path or None)
        elif isinstance(value, dict):
            for name, item in value.items():
                problem = bounds.text_problem(name)
                if problem:
                    raise DatasetError(f"a field name {problem}", lineno, path or None)
                stack.append((f"{path}.{name}" if path else name, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))


def parse_lines(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line; checks the header line."""
    header_seen = False
    for lineno, line in enumerate(lines, start=1):
        if len(line) < 3 and not line.strip():
            continue
        try:
            record = _decode(line)
        except json.JSONDecodeError as exc:
            if not line.strip():
                continue
            raise DatasetError(f"not valid JSON ({exc.msg}, column {exc.colno})", lineno) from None
        except ValueError:  # a number of more than 4,300 digits
            raise DatasetError("not valid JSON (a number of more than 4,300 digits)",
                               lineno) from None
        except RecursionError:
            raise DatasetError("not valid JSON (nested too deeply)", lineno) from None
        if not isinstance(record, dict):
            raise DatasetError("a record must be a JSON object", lineno)
        if "\\u" in line:  # only an escape makes a NUL or a lone surrogate
            _refuse_bad_text(record, lineno)
        if not header_seen:
            if record.get("format") != FORMAT_NAME:
                raise DatasetError(
                    f'the first line must be {{"format": "{FORMAT_NAME}", "version": 1}}',
                    lineno, "format",
                )
            if record.get("version") != FORMAT_VERSION:
                raise DatasetError(
                    f"version {record.get('version')!r} is not supported (this ShopDesk reads "
                    f"version {FORMAT_VERSION})", lineno, "version",
                )
            extra = set(record) - {"format", "version"}
            if extra:
                raise DatasetError("unknown field", lineno, sorted(extra)[0])
            header_seen = True
            continue
        yield lineno, record
    if not header_seen:
        raise DatasetError("the file is empty: it has no dataset header line")

