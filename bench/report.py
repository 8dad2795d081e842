"""Write a benchmark's figures into docs/benchmarks.md between its own markers."""

from __future__ import annotations

import platform
import re
from datetime import date
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def machine() -> str:
    import os

    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def record(section: str, body: str) -> None:
    """Replace the block ``<!-- section -->…<!-- /section -->`` of docs/benchmarks.md."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    block = (f"<!-- {section} -->\n_Measured {date.today().isoformat()} on {machine()}._\n\n"
             f"{body.strip()}\n<!-- /{section} -->")
    pattern = re.compile(rf"<!-- {re.escape(section)} -->.*?<!-- /{re.escape(section)} -->", re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else (
        text.rstrip() + f"\n\n## {section}\n\n{block}\n")
    DOC.write_text(text, encoding="utf-8")
