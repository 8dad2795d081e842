"""The repository carries everything its tests read: the fixtures are the output of
tests/fixtures/make_fixtures.py, and no code in shopdesk/ or tests/ reaches outside the
repository (a fresh clone with nothing beside it passes the tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.fixtures import make_fixtures

REPO = Path(__file__).resolve().parent.parent

# Ways a path escapes the repository: the old ../shared samples, three levels up from a file
# in tests/ or shopdesk/ (parents[2] and beyond, .parent chained three times), "..", or an
# absolute path of this machine's folders. (This file's examples are the only exception.)
ESCAPES = re.compile(
    r"\.\.[/\\]|['\"]\.\.['\"]|shared[/\\]samples|\bshared['\"]\s*/|parents\[\s*[2-9]\s*\]"
    r"|(?:\.parent){3}|['\"]/(?:work|home|root|mnt|srv)/|os\.pardir")


def escapes(text: str) -> list[str]:
    return [m.group(0) for m in ESCAPES.finditer(text)]


def test_fixtures_are_the_generators_output() -> None:
    made = make_fixtures.build()
    assert sorted(made) == sorted(p.name for p in SAMPLES.iterdir() if p.suffix != ".py")
    for name, data in made.items():
        assert (SAMPLES / name).read_bytes() == data, (
            f"{name}: run python -m tests.fixtures.make_fixtures")
    taobao = made["taobao-orders.csv"]  # GB18030 (not UTF-8), CRLF, ="…" order numbers
    assert taobao.endswith(b"\r\n") and b'="2041577302398812345"' in taobao
    with pytest.raises(UnicodeDecodeError):
        taobao.decode("utf-8")
    assert "小鹿家居旗舰店" in taobao.decode("gb18030")
    assert b'charset="gbk"' in made["customer-gbk-with-photo.eml"]


def test_the_pattern_finds_paths_out_of_the_repository() -> None:
    assert escapes('Path(__file__).parents[2] / "shared" / "samples"') == [
        "parents[2]", 'shared" /']
    assert escapes('open("../shared/samples/x.csv")') == ["../", "shared/samples"]
    assert escapes("here.parent.parent.parent / 'x'") == [".parent.parent.parent"]
    assert escapes('Path("/work/shared")') == ['"/work/']
    assert escapes('Path(__file__).resolve().parents[1] / "docs"') == []


def test_nothing_in_shopdesk_or_tests_reads_outside_the_repository() -> None:
    found = []
    for folder in ("shopdesk", "tests"):
        for path in sorted((REPO / folder).rglob("*.py")):
            if path == Path(__file__).resolve():
                continue
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if line.lstrip().startswith("#"):
                    continue
                found += [f"{path.relative_to(REPO)}:{number}: {hit}" for hit in escapes(line)]
    assert found == []
