"""The refunds ledger on both backends: re-read, totals to the cent, formulas that compute
the same figures, order numbers as text, hostile text literal, filters and the CLI. (Who may
export and what is masked: test_export_actor.py.)"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from shopdesk.cli import main
from shopdesk.errors import ShopDeskError
from shopdesk.exporters.refunds import export_refunds
from shopdesk.models import Agent, Customer, Order, OrderItem, ReturnCase, ReturnEvent, Store
from shopdesk.models.enums import OrderStatus, Platform, ReturnKind, ReturnReason, ReturnState
from shopdesk.services import agents as agent_svc
from shopdesk.services import return_opening, return_steps
from tests.xlsx_formulas import evaluate

HOSTILE = "=HYPERLINK(\"http://x\",\"y\")"
DAY1 = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
DAY2 = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
def ledger(db):
    """Refunds: CNY store in October (¥12.34 + ¥1,299.00) and November (¥0.01), USD store
    in November ($19.99); one more case approved but not refunded."""
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        tm = Store(key="tm", name="天猫旗舰店", platform=Platform.TMALL, currency="CNY",
                   timezone="Asia/Shanghai")
        sh = Store(key="sh", name="Shopify US", platform=Platform.SHOPIFY, currency="USD",
                   timezone="America/New_York")
        wang = Customer(key="c1", name="王芳")
        evil = Customer(key="c2", name=HOSTILE)
        s.add_all([tm, sh, wang, evil])
        plan = [(tm, wang, "2041586613212345678", 1234, DAY1),
                (tm, evil, "2041586613212345679", 129900, DAY1 + timedelta(hours=1)),
                (tm, wang, "3041586613212345670", 1, DAY2),
                (sh, evil, "#1001", 1999, DAY2),
                (sh, wang, "#1002", 500, None)]
        for n, (store, cu, order_no, amount, refunded_at) in enumerate(plan):
            o = Order(store=store, customer=cu, order_no=order_no, placed_at=DAY1 - timedelta(
                days=5), status=OrderStatus.DELIVERED, currency=store.currency,
                total_minor=amount, delivered_at=DAY1 - timedelta(days=3))
            o.items.append(OrderItem(sku=f"S{n}", title="Item", qty=1, unit_price_minor=amount))
            s.add(o)
            s.flush()
            case = return_opening.create_case(s, owner, return_opening.NewCase(
                o.id, {f"S{n}": 1}, ReturnKind.REFUND_ONLY, ReturnReason.QUALITY_ISSUE, amount),
                now=DAY1 - timedelta(days=1))
            return_steps.take_step(s, owner, case.id, case.version,
                                   return_steps.StepInput("approve"),
                                   now=DAY1 - timedelta(hours=2))
            if refunded_at:
                return_steps.take_step(s, owner, case.id, case.version,
                                       return_steps.StepInput("refund"),
                                       now=refunded_at)
    return db


def owner(session) -> Agent:
    return session.scalar(select(Agent).where(Agent.key == "owner"))


def export(db, tmp_path, **kw):
    path = tmp_path / "refunds.xlsx"
    with db.read_session() as s:
        rows = export_refunds(s, owner(s), path, date(2026, 10, 1), date(2026, 11, 30), **kw)
    return rows, load_workbook(path)


def test_ledger_rows_totals_and_formulas(ledger, tmp_path) -> None:
    rows, book = export(ledger, tmp_path)
    assert rows == 4
    assert book.sheetnames == ["Refunds", "Monthly totals", "About"]
    sheet = book["Refunds"]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [v[3] for v in values] == ["2041586613212345678", "2041586613212345679",
                                      "3041586613212345670", "#1001"]  # text, never 2.04E+18
    assert values[1][4] == HOSTILE  # a literal string, not a formula
    assert sheet.cell(row=3, column=5).data_type == "s"
    assert [v[8] for v in values] == ["2026-10", "2026-10", "2026-11", "2026-11"]
    assert sheet.cell(row=2, column=7).number_format == "#,##0.00"
    assert isinstance(sheet.cell(row=2, column=1).value, datetime)

    # Reconciles with the database to the cent, per currency.
    with ledger.read_session() as s:
        in_db = dict(s.execute(select(ReturnCase.currency, func.sum(ReturnCase.refunded_minor))
                               .group_by(ReturnCase.currency)).all())
    written: dict[str, Decimal] = {}
    for v in values:
        written[v[7]] = written.get(v[7], Decimal(0)) + Decimal(str(v[6]))
    assert written == {"CNY": Decimal(in_db["CNY"]) / 100, "USD": Decimal(in_db["USD"]) / 100}
    assert written == {"CNY": Decimal("1311.35"), "USD": Decimal("19.99")}

    totals = book["Monthly totals"]
    figures = {}
    for r in range(2, totals.max_row + 1):
        month, store, currency = (totals.cell(row=r, column=c).value for c in (1, 2, 3))
        if month is None:
            continue
        count = evaluate(book, totals, totals.cell(row=r, column=4).value)
        amount = evaluate(book, totals, totals.cell(row=r, column=5).value)
        figures[(month, store, currency)] = (count, amount)
    assert figures == {
        ("2026-10", "天猫旗舰店", "CNY"): (2, Decimal("1311.34")),
        ("2026-11", "天猫旗舰店", "CNY"): (1, Decimal("0.01")),
        ("2026-11", "Shopify US", "USD"): (1, Decimal("19.99")),
        ("Total", "All months", "CNY"): (3, Decimal("1311.35")),
        ("Total", "All months", "USD"): (1, Decimal("19.99")),
    }
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert about["Exported by"] == "Owner" and about["Rows"] == 4
    assert about["Personal data masked"] == "No"
    assert about["Dates (local calendar days)"] == "2026-10-01 – 2026-11-30"


def test_store_filter_and_chinese(ledger, tmp_path) -> None:
    rows, book = export(ledger, tmp_path, store_keys=["tm"], lang="zh_CN")
    assert rows == 3
    assert book.sheetnames == ["退款明细", "月度汇总", "关于"]
    names = [r[4] for r in book["退款明细"].iter_rows(min_row=2, values_only=True)]
    assert names == ["王芳", HOSTILE, "王芳"]
    assert book["退款明细"]["F2"].value == "质量问题"
    with pytest.raises(ShopDeskError, match="no store with the key nope"):
        export(ledger, tmp_path, store_keys=["nope"])


def test_dates_are_local_days_and_an_empty_ledger_still_opens(ledger, tmp_path) -> None:
    path = tmp_path / "empty.xlsx"
    with ledger.read_session() as s:
        assert export_refunds(s, owner(s), path, date(2025, 1, 1), date(2025, 1, 31)) == 0
        with pytest.raises(ShopDeskError, match="before the start"):
            export_refunds(s, owner(s), path, date(2025, 2, 1), date(2025, 1, 31))
    book = load_workbook(path)
    assert book["Refunds"].max_row == 1


def test_refund_without_an_event_amount_uses_the_case_amount(ledger, tmp_path) -> None:
    with ledger.transaction() as s:
        for event in s.scalars(select(ReturnEvent).where(
                ReturnEvent.state == ReturnState.REFUNDED)):
            event.amount_minor = None  # as a loaded dataset may have it
    _rows, book = export(ledger, tmp_path)
    amounts = [r[6] for r in book["Refunds"].iter_rows(min_row=2, values_only=True)]
    assert amounts == [12.34, 1299, 0.01, 19.99]


def test_cli_export_refunds(ledger, tmp_path, capsys) -> None:
    out = tmp_path / "cli.xlsx"
    url = str(ledger.engine.url.render_as_string(hide_password=False))
    code = main(["export", "refunds", "--from", "2026-10-01", "--to", "2026-10-31",
                 "--store", "tm", "-o", str(out), "--db", url])
    assert code == 0 and "wrote 2 refunds" in capsys.readouterr().out
    names = [r[4] for r in load_workbook(out)["Refunds"].iter_rows(min_row=2, values_only=True)]
    assert names == ["王芳", HOSTILE]
    assert main(["export", "handovers", "--from", "2026-10-01", "--to", "2026-10-31",
                 "--store", "tm", "-o", str(out), "--db", url]) != 0
    assert "does not apply" in capsys.readouterr().err
