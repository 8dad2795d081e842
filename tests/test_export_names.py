"""Names that read as criteria patterns (``栖木*``, ``=Qimu``, ``<>x``, ``王*``, ``~``, ``?``,
an empty name, letters that differ only in case, text that looks like a date or a number)
as stores, agents and months: every workbook is recalculated by LibreOffice, and each
summary figure is compared with a count made in Python from the workbook's own rows.

The summaries compare names with EXACT (``shopdesk/exporters/formulas.py``), so whether the
application reads criteria as wildcards or as regular expressions does not matter; the
formulas hold no criterion at all (checked too). The workbooks have no tag columns; the
categories are ShopDesk's own words and are matched the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from shopdesk.exporters import EXPORTERS
from shopdesk.models import (
    Agent,
    Conversation,
    Customer,
    Order,
    OrderItem,
    Store,
    SurveyResponse,
)
from shopdesk.models.enums import (
    ComplaintCategory,
    ConversationStatus,
    OrderStatus,
    Platform,
    ReturnKind,
    ReturnReason,
    Role,
    Severity,
)
from shopdesk.services import agents as agent_svc
from shopdesk.services import complaint_actions, complaint_opening, return_opening, return_steps
from tests.xlsx_formulas import excel_text, recalculate

STORES = [("栖木*", "CNY"), ("栖木好物", "CNY"), ("=Qimu", "CNY"), ("Qimu", "USD"),
          ("qimu", "USD"), ("<>x", "CNY"), ("x", "CNY"), ("~t", "CNY"), ("a?c", "CNY"),
          ("abc", "CNY"), ("2026-11", "CNY"), ("1/2", "USD"), ("", "CNY"), (">=4", "CNY")]
AGENTS = ["<>x", "王*", "王芳", "王芳芳", "=Qimu", "qimu", "~", "?", "1"]
OCT = datetime(2026, 10, 14, 6, tzinfo=UTC)
NOV = datetime(2026, 11, 12, 6, tzinfo=UTC)
CATEGORIES = list(ComplaintCategory)


@pytest.fixture
def shop(db):
    """Complaints, survey responses and refunds spread over those stores and agents, in
    October and November, with uneven counts so that a wrong match changes a figure."""
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        # compensation counts against the refund limit: these agents may grant it
        agents = [Agent(key=f"a{i}", name=name, role=Role.AGENT,
                        refund_limits={"CNY": 10**9, "USD": 10**9})
                  for i, name in enumerate(AGENTS)]
        stores = [Store(key=f"s{i}", name=name, platform=Platform.OTHER, currency=currency,
                        timezone="Asia/Shanghai") for i, (name, currency) in enumerate(STORES)]
        customer = Customer(key="c", name="王芳")
        s.add_all([*agents, *stores, customer])
        s.flush()
        for i in range(90):
            store = stores[(i * 5) % len(stores)]
            agent = agents[(i * 4 + i // 10) % len(agents)]
            at = (OCT if i % 3 else NOV) + timedelta(hours=i)
            c = complaint_opening.create(s, agent, complaint_opening.NewComplaint(
                store.id, customer.id, CATEGORIES[(i * 5) % 4], Severity.NORMAL, f"#{i}"),
                now=at)
            if i % 4:
                complaint_actions.update(s, agent, c.id, c.version,
                                         complaint_actions.Change("start"), now=at)
                complaint_actions.update(s, agent, c.id, c.version, complaint_actions.Change(
                    "resolve", resolution="ok", compensation_minor=100 * i + 1), now=at)
            conv = Conversation(store=store, customer=customer, assignee_id=agent.id,
                                status=ConversationStatus.CLOSED)
            s.add(conv)
            s.flush()
            s.add(SurveyResponse(conversation_id=conv.id, agent_id=agent.id,
                                 score=1 + (i * i) % 5, answered_at=at))
        for i in range(30):
            store = stores[(i * 3) % len(stores)]
            at = (OCT if i % 2 else NOV) + timedelta(hours=i)
            amount = 1000 + 37 * i
            o = Order(store=store, customer=customer, order_no=f"N{i}", currency=store.currency,
                      placed_at=at - timedelta(days=5), status=OrderStatus.DELIVERED,
                      total_minor=amount, delivered_at=at - timedelta(days=3))
            o.items.append(OrderItem(sku="S", title="Item", qty=1, unit_price_minor=amount))
            s.add(o)
            s.flush()
            case = return_opening.create_case(s, owner, return_opening.NewCase(
                o.id, {"S": 1}, ReturnKind.REFUND_ONLY, ReturnReason.WRONG_ITEM, amount),
                now=at - timedelta(hours=2))
            for step, hours in (("approve", 1), ("refund", 0)):
                return_steps.take_step(s, owner, case.id, case.version,
                                       return_steps.StepInput(step),
                                       now=at - timedelta(hours=hours))
    return db


def data_rows(path: Path) -> list[tuple[Any, ...]]:
    return list(load_workbook(path).worksheets[0].iter_rows(min_row=2, values_only=True))


def same(a: Any, b: Any) -> bool:
    """Equal as the cells' text: what "the same name" means to a person."""
    return excel_text(a) == excel_text(b)


def where(rows: list[tuple[Any, ...]], **columns: Any) -> list[tuple[Any, ...]]:
    """The rows whose columns (index → value, given as c<index>=value) hold those values."""
    wanted = [(int(k[1:]), v) for k, v in columns.items()]
    return [r for r in rows if all(same(r[i], v) for i, v in wanted)]


def money(rows: list[tuple[Any, ...]], column: int) -> Decimal:
    return sum((Decimal(str(r[column])) for r in rows if r[column] is not None), Decimal(0))


def close(theirs: Any, ours: Decimal | int) -> bool:
    return theirs is not None and not isinstance(theirs, str) and \
        abs(Decimal(str(theirs)) - Decimal(ours)) < Decimal("0.0001")


def check_complaints(sheet: Any, rows: list[tuple[Any, ...]]) -> int:
    months = [sheet.cell(row=2, column=c).value for c in range(2, sheet.max_column + 1)]
    months = months[:months.index("Total")]
    checked = 0
    for r in range(3, 3 + len(CATEGORIES)):
        category = sheet.cell(row=r, column=1).value
        for j, month in enumerate(months):
            want = len(where(rows, c5=category, c16=month))
            assert close(sheet.cell(row=r, column=j + 2).value, want), (category, month)
            checked += 1
        want = len(where(rows, c5=category))
        assert close(sheet.cell(row=r, column=len(months) + 2).value, want), category
        checked += 1
    start = next(r for r in range(1, sheet.max_row + 1)
                 if sheet.cell(row=r, column=1).value == "Store") + 1
    for r in range(start, sheet.max_row + 1):
        store, currency = sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=2).value
        matching = where(rows, c2=store, c13=currency)
        assert matching, (store, currency)
        assert close(sheet.cell(row=r, column=3).value, len(matching)), store
        assert close(sheet.cell(row=r, column=4).value, money(matching, 12)), store
        checked += 2
    return checked


def check_satisfaction(sheet: Any, rows: list[tuple[Any, ...]]) -> int:
    checked, section = 0, None
    for r in range(1, sheet.max_row + 1):
        a, b = sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=2).value
        if a in ("By month and store", "By agent", "Score distribution", "CSAT by month"):
            section = a
            continue
        if (a, b) in (("Month", "Store"), ("Agent", None), ("Score", "Responses"),
                      ("Month", None)) or (a is None and b is None and section != "By month "
                                                                               "and store"):
            continue
        if section == "Score distribution":
            assert close(b, len(where(rows, c5=a))), a
            checked += 1
            continue
        by = {"By month and store": {"c7": a, "c1": b}, "By agent": {"c2": a},
              "CSAT by month": {"c7": a}}[section]
        matching = where(rows, **by)
        if not matching and a is None and b is None:
            continue  # the blank row between sections
        assert matching, (section, a, b)
        satisfied = [m for m in matching if m[5] >= 4]
        figures = [len(matching), len(satisfied),
                   Decimal(sum(m[5] for m in matching)) / len(matching),
                   Decimal(len(satisfied)) / len(matching)]
        for col, want in zip((3, 4, 5, 6), figures, strict=True):
            assert close(sheet.cell(row=r, column=col).value, want), (section, a, b, col)
            checked += 1
    return checked


def check_refunds(sheet: Any, rows: list[tuple[Any, ...]]) -> int:
    checked = 0
    for r in range(2, sheet.max_row + 1):
        month, store, currency = (sheet.cell(row=r, column=c).value for c in (1, 2, 3))
        if month is None and currency is None:
            continue
        matching = (where(rows, c7=currency) if month == "Total"
                    else where(rows, c8=month, c2=store, c7=currency))
        assert matching, (month, store, currency)
        assert close(sheet.cell(row=r, column=4).value, len(matching)), (month, store)
        assert close(sheet.cell(row=r, column=5).value, money(matching, 6)), (month, store)
        checked += 2
    return checked


CHECKS: dict[str, tuple[str, Callable[[Any, list[tuple[Any, ...]]], int]]] = {
    "complaints": ("Summary", check_complaints),
    "satisfaction": ("Summary", check_satisfaction),
    "refunds": ("Monthly totals", check_refunds),
}


@pytest.mark.slow
def test_libreoffice_figures_equal_python_counts_for_any_name(shop, tmp_path) -> None:
    paths = {}
    with shop.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.role == Role.OWNER))
        for what, export in EXPORTERS.items():
            paths[what] = tmp_path / f"{what}.xlsx"
            assert export(s, owner, paths[what], date(2026, 10, 1), date(2026, 11, 30)) > 0
    copies = recalculate(list(paths.values()), tmp_path)
    for what, path in paths.items():
        rows = data_rows(path)
        names = {excel_text(r[2 if what != "satisfaction" else 1]) for r in rows}
        assert {"栖木*", "=Qimu", "<>x", "Qimu", "qimu", ""} <= names  # the hard ones are there
        if what == "satisfaction":
            assert {"<>x", "王*", "=Qimu", "~", "?"} <= {r[2] for r in rows}
        summary_name, check = CHECKS[what]
        formulas = load_workbook(path)[summary_name]
        for row in formulas.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert "IFS(" not in c.value, c.value  # no criteria: exact matches only
        checked = check(load_workbook(copies[path], data_only=True)[summary_name], rows)
        assert checked > 20, what
