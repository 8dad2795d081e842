"""The complaints and satisfaction workbooks on both backends: re-read values, hostile text
stays literal, order numbers stay text, the summary formulas compute the services' figures
(evaluated here, and recalculated by LibreOffice in a slow test), the filters and the CLI.
(Who may export and what is masked: test_export_actor.py; names that look like criteria:
test_export_names.py.)"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from shopdesk.cli import main
from shopdesk.exporters.complaints import export_complaints
from shopdesk.exporters.satisfaction import export_satisfaction
from shopdesk.exporters.words import CATEGORIES
from shopdesk.models import Agent, Conversation, Customer, Order, Store, SurveyResponse
from shopdesk.models.enums import (
    ComplaintCategory,
    ConversationStatus,
    OrderStatus,
    Platform,
    Role,
    Severity,
)
from shopdesk.services import agents as agent_svc
from shopdesk.services import complaint_actions, complaint_opening, surveys
from tests.xlsx_formulas import evaluate, evaluate_cell, recalculate

HOSTILE = ['=HYPERLINK("http://evil","click")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)"]
OCT = datetime(2026, 10, 20, 12, tzinfo=UTC)
NOV = datetime(2026, 11, 5, 12, tzinfo=UTC)


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Wang", Role.AGENT, refund_limits={"CNY": 20000, "USD": 20000}))
        tm = Store(key="tm", name="天猫旗舰店", platform=Platform.TMALL, currency="CNY",
                   timezone="Asia/Shanghai")
        sh = Store(key="sh", name="Shopify US", platform=Platform.SHOPIFY, currency="USD",
                   timezone="America/New_York")
        cu = Customer(key="c1", name="王芳")
        evil = Customer(key="c2", name=HOSTILE[0])
        s.add_all([tm, sh, cu, evil])
        o = Order(store=tm, customer=cu, order_no="2041586613212345678", placed_at=OCT,
                  status=OrderStatus.DELIVERED, currency="CNY", total_minor=12800)
        s.add(o)
        s.flush()
        plan = [(tm, cu, ComplaintCategory.DAMAGED_IN_TRANSIT, OCT, 1250, o.id),
                (tm, evil, ComplaintCategory.DAMAGED_IN_TRANSIT, NOV, 99, None),
                (tm, cu, ComplaintCategory.SERVICE_ATTITUDE, NOV, None, None),
                (sh, evil, ComplaintCategory.WRONG_ITEM, NOV + timedelta(days=1), 500, None)]
        for n, (store, customer, category, at, compensation, order_id) in enumerate(plan):
            c = complaint_opening.create(s, wang, complaint_opening.NewComplaint(
                store.id, customer.id, category, Severity.HIGH, HOSTILE[n % 4],
                order_id=order_id), now=at)
            complaint_actions.update(s, wang, c.id, c.version, complaint_actions.Change("start"),
                                     now=at + timedelta(minutes=30))
            if compensation is not None:
                complaint_actions.update(s, wang, c.id, c.version, complaint_actions.Change(
                    "resolve", resolution=HOSTILE[(n + 1) % 4], compensation_minor=compensation),
                    now=at + timedelta(hours=3))
        convs = []
        for store, customer, agent in ((tm, cu, wang), (tm, evil, owner), (sh, evil, wang)):
            conv = Conversation(store=store, customer=customer, status=ConversationStatus.CLOSED,
                                assignee_id=agent.id)
            s.add(conv)
            convs.append(conv)
        s.flush()
        scores = [(0, 5, OCT), (0, 4, NOV), (1, 2, NOV), (2, 5, NOV), (2, 1, NOV),
                  (0, 3, NOV)]
        for i, (conv, score, at) in enumerate(scores):
            s.add(SurveyResponse(conversation_id=convs[conv].id, agent_id=convs[conv].assignee_id,
                                 score=score, comment=HOSTILE[i % 4],
                                 answered_at=at + timedelta(hours=i)))
    return db


def owner(session) -> Agent:
    return session.scalar(select(Agent).where(Agent.key == "owner"))


def complaints_book(db, tmp_path: Path, **kw):
    path = tmp_path / "complaints.xlsx"
    with db.read_session() as s:
        rows = export_complaints(s, owner(s), path, date(2026, 10, 1), date(2026, 11, 30),
                                 **kw)
    return rows, path


def satisfaction_book(db, tmp_path: Path, **kw):
    path = tmp_path / "satisfaction.xlsx"
    with db.read_session() as s:
        rows = export_satisfaction(s, owner(s), path, date(2026, 10, 1), date(2026, 11, 30),
                                   **kw)
    return rows, path


def test_complaints_workbook(shop, tmp_path) -> None:
    rows, path = complaints_book(shop, tmp_path)
    assert rows == 4
    book = load_workbook(path)
    assert book.sheetnames == ["Complaints", "Summary", "About"]
    sheet = book["Complaints"]
    assert sheet.freeze_panes == "A2" and "ComplaintsTable" in sheet.tables
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert values[0][4] == "2041586613212345678"  # text, never 2.04E+18
    assert [v[14] for v in values] == HOSTILE  # summaries exactly as typed
    assert values[1][3] == HOSTILE[0]  # customer name
    for row in range(2, 6):
        for col in (4, 15, 16):
            if sheet.cell(row=row, column=col).value is not None:
                assert sheet.cell(row=row, column=col).data_type == "s"
    assert [v[10] for v in values] == [30, 30, 30, 30]  # first response in minutes
    assert values[0][11] == 3.0 and values[2][11] is None  # resolution in hours
    assert values[0][12] == 12.5 and sheet.cell(row=2, column=13).number_format == "#,##0.00"
    assert isinstance(values[0][1], datetime)
    assert values[0][5] == "Damaged in transit" and values[0][8] == "Resolved"

    summary = book["Summary"]
    grid = {}
    months = [summary.cell(row=2, column=c).value for c in range(2, 4)]
    assert months == ["2026-10", "2026-11"]
    for r in range(3, 13):
        category = summary.cell(row=r, column=1).value
        grid[category] = [evaluate_cell(book, summary, f"{col}{r}") for col in "BCD"]
    assert grid["Damaged in transit"] == [1, 1, 2]
    assert grid["Service attitude"] == [0, 1, 1]
    assert grid["Wrong item"] == [0, 1, 1]
    assert sum(v[2] for v in grid.values()) == 4
    money = {}
    for r in range(16, summary.max_row + 1):
        store, currency = summary.cell(row=r, column=1).value, summary.cell(row=r, column=2).value
        if store:
            money[(store, currency)] = (evaluate_cell(book, summary, f"C{r}"),
                                        evaluate_cell(book, summary, f"D{r}"))
    assert money == {("天猫旗舰店", "CNY"): (3, Decimal("13.49")),
                     ("Shopify US", "USD"): (1, Decimal("5.00"))}
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert about["Rows"] == 4 and about["Personal data masked"] == "No"
    assert about["Exported by"] == "Owner" and about["Agents"] == "All"


def test_complaints_workbook_in_chinese_filtered(shop, tmp_path) -> None:
    rows, path = complaints_book(shop, tmp_path, lang="zh_CN", store_keys=["sh"])
    assert rows == 1
    book = load_workbook(path)
    assert book.sheetnames == ["投诉", "汇总", "关于"]
    row = next(book["投诉"].iter_rows(min_row=2, values_only=True))
    assert row[5] == "发错货" and row[8] == "已解决"
    assert row[3] == HOSTILE[0]
    assert book["投诉"].cell(row=1, column=1).value == "工单"


def test_workbooks_filtered_by_agent_as_the_charts_are(shop, tmp_path) -> None:
    from shopdesk.services import reports

    with shop.read_session() as s:
        wang = s.scalar(select(Agent).where(Agent.name == "Wang"))
        wang_id = wang.id
        fig = reports.figures(s, datetime(2026, 10, 1).astimezone(),
                              datetime(2026, 12, 1).astimezone(), agent_ids=[wang_id])
    rows, path = satisfaction_book(shop, tmp_path, agent_ids=[wang_id])
    assert rows == sum(fig.scores.values()) == 5
    book = load_workbook(path)
    assert {r[2] for r in book["Responses"].iter_rows(min_row=2, values_only=True)} == {"Wang"}
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert about["Agents"] == "Wang"
    rows, _path = complaints_book(shop, tmp_path, agent_ids=[wang_id + 100])
    assert rows == 0


def test_satisfaction_workbook(shop, tmp_path) -> None:
    rows, path = satisfaction_book(shop, tmp_path)
    assert rows == 6
    book = load_workbook(path)
    assert book.sheetnames == ["Responses", "Summary", "Automation", "About"]
    values = list(book["Responses"].iter_rows(min_row=2, values_only=True))
    assert [v[6] for v in values] == [HOSTILE[i % 4] for i in range(6)]
    assert [v[5] for v in values] == [5, 4, 2, 5, 1, 3]
    summary = book["Summary"]
    with shop.read_session() as s:
        expected = surveys.responses(s, datetime(2026, 10, 1).astimezone(),
                                     datetime(2026, 12, 1).astimezone())
    by_month_store, by_agent, trend = {}, {}, {}
    section = None
    for r in range(1, summary.max_row + 1):
        a = summary.cell(row=r, column=1).value
        if a in ("By month and store", "By agent", "Score distribution", "CSAT by month"):
            section = a
            continue
        if a in (None, "Month", "Agent", "Score"):
            continue
        figures = tuple(evaluate_cell(book, summary, f"{c}{r}") for c in "CDEF")
        if section == "By month and store":
            by_month_store[(a, summary.cell(row=r, column=2).value)] = figures
        elif section == "By agent":
            by_agent[a] = figures
        elif section == "CSAT by month":
            trend[a] = figures
        elif section == "Score distribution":
            assert evaluate_cell(book, summary, f"B{r}") == surveys.distribution(expected)[a]
    for key, csat in surveys.csat_by(expected, "agent").items():
        responses, satisfied, average, share = by_agent[key]
        assert (responses, satisfied) == (csat.responses, csat.satisfied)
        assert Decimal(average).quantize(Decimal("0.01")) == csat.average
        assert (Decimal(share) * 100).quantize(Decimal("0.1")) == csat.percent
    for key, csat in surveys.csat_by(expected, "month").items():
        assert trend[key][:2] == (csat.responses, csat.satisfied)
    assert by_month_store[("2026-11", "天猫旗舰店")][:2] == (3, 1)
    assert by_month_store[("2026-11", "Shopify US")][:2] == (2, 1)
    assert sum(v[0] for v in by_month_store.values()) == 6


def test_cli_exports_both_workbooks(shop, tmp_path, capsys) -> None:
    url = shop.engine.url.render_as_string(hide_password=False)
    for what, count in (("complaints", 4), ("satisfaction", 6)):
        out = tmp_path / f"{what}.xlsx"
        code = main(["export", what, "--from", "2026-10-01", "--to", "2026-11-30",
                     "--lang", "zh_CN", "-o", str(out), "--db", url])
        assert code == 0 and f"wrote {count} {what}" in capsys.readouterr().out
        assert load_workbook(out).sheetnames[-1] == "关于"
    assert main(["export", "complaints", "--from", "2026-11-30", "--to", "2026-10-01",
                 "-o", str(tmp_path / "x.xlsx"), "--db", url]) == 1
    assert "before the start" in capsys.readouterr().err


@pytest.mark.slow
def test_libreoffice_recalculates_the_same_figures(shop, tmp_path) -> None:
    """Open both workbooks in LibreOffice headless, recalculate, and compare every formula's
    value with what the evaluator (and so the services) says."""
    _rows, complaints = complaints_book(shop, tmp_path)
    _rows, satisfaction = satisfaction_book(shop, tmp_path)
    copies = recalculate([complaints, satisfaction], tmp_path)
    for path in (complaints, satisfaction):
        formulas = load_workbook(path)
        values = load_workbook(copies[path], data_only=True)
        checked = 0
        for sheet in formulas.worksheets:
            for row in sheet.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f":
                        ours = evaluate(formulas, sheet, c.value)
                        theirs = values[sheet.title][c.coordinate].value
                        if ours is None:
                            continue
                        assert Decimal(str(theirs)).quantize(Decimal("0.0001")) == \
                            Decimal(ours).quantize(Decimal("0.0001")), (path.name, c.coordinate)
                        checked += 1
        assert checked > 10
        # Hostile text came through as text, not as formulas.
        data = values.worksheets[0]
        texts = {c.value for row in data.iter_rows(min_row=2) for c in row}
        assert HOSTILE[0] in texts and "-1+1" in texts


def test_report_figures_match_the_workbooks(shop, tmp_path) -> None:
    from shopdesk.services import reports

    start, end = datetime(2026, 10, 1).astimezone(), datetime(2026, 12, 1).astimezone()
    with shop.read_session() as s:
        fig = reports.figures(s, start, end)
    _rows, path = complaints_book(shop, tmp_path)
    book = load_workbook(path)
    summary = book["Summary"]
    months = [summary.cell(row=2, column=c).value for c in (2, 3)]
    for r in range(3, 13):
        name = summary.cell(row=r, column=1).value
        category = next(c for c, n in CATEGORIES["en"].items() if n == name)
        for col, month in zip("BC", months, strict=True):
            assert evaluate_cell(book, summary, f"{col}{r}") == fig.complaints[month][category]
    _rows, path = satisfaction_book(shop, tmp_path)
    book = load_workbook(path)
    summary = book["Summary"]
    written = {}
    for r in range(1, summary.max_row + 1):
        if summary.cell(row=r, column=1).value == "Score distribution":
            for k in range(1, 6):
                written[k] = evaluate_cell(book, summary, f"B{r + 1 + k}")
    assert written == fig.scores
    assert sum(c.responses for c in fig.csat_by_week.values()) == 6
