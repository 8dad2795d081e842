"""Order import from the Taobao report and the Shopify export (tests/fixtures), on both
backends: preview, all or nothing, idempotent re-import, customer matching, and broken
files (bad encoding, missing columns, bad amounts) that name the line and write nothing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from shopdesk.cli import main
from shopdesk.errors import ShopDeskError
from shopdesk.importers import orders as imp
from shopdesk.models import Agent, Customer, CustomerIdentity, Order, OrderItem, Store
from shopdesk.models.enums import OrderStatus, Platform, Role
from shopdesk.services import agents as agent_svc
from tests.conftest import SAMPLES

TAOBAO = (SAMPLES / "taobao-orders.csv").read_bytes()
SHOPIFY = (SAMPLES / "shopify-orders.csv").read_bytes()


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        tb = Store(key="tb", name="小鹿家居旗舰店", platform=Platform.TAOBAO, currency="CNY",
                   timezone="Asia/Shanghai")
        sh = Store(key="sh", name="Shopify", platform=Platform.SHOPIFY, currency="USD",
                   timezone="America/New_York")
        s.add_all([tb, sh])
        s.flush()
        return {"owner": owner.id, "wang": wang.id, "tb": tb.id, "sh": sh.id}


def run(db, shop, fmt: str, data: bytes, store: str, who: str = "owner") -> imp.Preview:
    with db.transaction() as s:
        tz = s.get(Store, shop[store]).timezone
        return imp.apply(s, s.get(Agent, shop[who]), shop[store], imp.parse(fmt, data, tz))


def counts(db) -> tuple[int, int, int]:
    with db.read_session() as s:
        return (s.scalar(select(func.count()).select_from(Order)),
                s.scalar(select(func.count()).select_from(OrderItem)),
                s.scalar(select(func.count()).select_from(Customer)))


def test_taobao_report(db, shop) -> None:
    parsed = imp.parse("taobao", TAOBAO, "Asia/Shanghai")
    assert parsed.errors == []
    with db.read_session() as s:
        p = imp.preview(s, shop["tb"], parsed)
    assert (p.orders_new, p.orders_updated, p.customers_new) == (3, 0, 3)
    run(db, shop, "taobao", TAOBAO, "tb")
    with db.read_session() as s:
        order = s.scalar(select(Order).where(Order.order_no == "2041577302398812345"))
        assert order.total_minor == 12800 and order.status == OrderStatus.COMPLETED
        assert order.placed_at == datetime(2026, 11, 11, 0, 3, 12, tzinfo=ZoneInfo(
            "Asia/Shanghai"))
        assert (order.carrier, order.tracking_no) == ("顺丰速运", "SF1409876543210")
        assert [(i.title, i.qty, i.unit_price_minor) for i in order.items] == [
            ("小鹿 保温杯 500ml 316不锈钢 ×2", 2, 6400)]
        li = order.customer
        assert (li.name, li.phone) == ("李明", "13812345678")
        assert li.segment is not None  # the import recomputed the customer's segment
        assert li.address.startswith("浙江省 杭州市")
        shipped = s.scalar(select(Order).where(Order.order_no == "2041577302398812346"))
        assert (shipped.status, shipped.shipping_minor, shipped.total_minor) == (
            OrderStatus.SHIPPED, 600, 6590)
        closed = s.scalar(select(Order).where(Order.order_no == "2041577302398812347"))
        assert closed.status == OrderStatus.REFUNDED
        handles = set(s.scalars(select(CustomerIdentity.handle)))
        assert handles == {"tb_liming88", "阿花_1990", "zhang.wei"}


def test_encodings_gbk_gb18030_and_utf8_with_bom(db, shop) -> None:
    text = TAOBAO.decode("gb18030")
    for data in (text.encode("gbk"), text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode()):
        assert len(imp.parse("taobao", data, "Asia/Shanghai").orders) == 3


def test_shopify_export_and_idempotent_reimport(db, shop) -> None:
    run(db, shop, "shopify", SHOPIFY, "sh")
    assert counts(db) == (3, 4, 3)
    with db.read_session() as s:
        first = s.scalar(select(Order).where(Order.order_no == "#1001"))
        assert [(i.sku, i.qty, i.unit_price_minor) for i in first.items] == [
            ("MUG-SAGE", 2, 1800), ("CST-BAM", 1, 1250)]
        assert (first.total_minor, first.shipping_minor, first.currency) == (5350, 500, "USD")
        assert first.customer.email == "emma.jones@example.com"
        assert s.scalar(select(Order.status).where(Order.order_no == "#1003")) == \
            OrderStatus.REFUNDED
    again = run(db, shop, "shopify", SHOPIFY, "sh")
    assert (again.orders_new, again.orders_updated, again.customers_new) == (0, 3, 0)
    assert counts(db) == (3, 4, 3)  # nothing doubled


def test_customers_are_matched_by_phone_or_email(db, shop) -> None:
    with db.transaction() as s:
        s.add_all([Customer(key="known1", name="李明 (老客户)", phone="13812345678"),
                   Customer(key="known2", name="Emma", email="emma.jones@example.com")])
    run(db, shop, "taobao", TAOBAO, "tb")
    run(db, shop, "shopify", SHOPIFY, "sh")
    with db.read_session() as s:
        li = s.scalar(select(Customer).where(Customer.key == "known1"))
        assert [i.handle for i in li.identities] == ["tb_liming88"]
        assert li.address is not None  # filled in, the name kept
        emma = s.scalar(select(Customer).where(Customer.key == "known2"))
        assert len(emma.identities) == 1
        assert s.scalar(select(func.count()).select_from(Customer)) == 6


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfe\xff\xfe broken", "neither UTF-8 nor GBK"),
    ("订单编号,买家会员名\n1,x\n".encode("gbk"), "columns"),
    (b"", "empty"),
])
def test_unreadable_files_are_refused(data, message) -> None:
    with pytest.raises(ShopDeskError, match=message):
        imp.parse("taobao", data, "Asia/Shanghai")


def test_bad_rows_name_their_line_and_nothing_is_written(db, shop) -> None:
    text = TAOBAO.decode("gb18030").replace(",128.00,,交易成功", ",12a8.00,,交易成功", 1)
    parsed = imp.parse("taobao", text.encode("gbk"), "Asia/Shanghai")
    assert [e.line for e in parsed.errors] == [2]
    assert "is not an amount" in parsed.errors[0].reason
    assert len(parsed.orders) == 2
    with pytest.raises(ShopDeskError, match="line 2"):
        run(db, shop, "taobao", text.encode("gbk"), "tb")
    assert counts(db) == (0, 0, 0)
    bad = SHOPIFY.decode().replace(",2,Ceramic Mug", ",two,Ceramic Mug")
    parsed = imp.parse("shopify", bad.encode(), "UTC")
    assert [e.line for e in parsed.errors] == [2]
    assert [o.order_no for o in parsed.orders] == ["#1002", "#1003"]  # #1001 skipped whole


def test_wrong_currency_and_permissions(db, shop) -> None:
    with pytest.raises(ShopDeskError, match="sells in CNY"):
        run(db, shop, "shopify", SHOPIFY, "tb")
    assert counts(db) == (0, 0, 0)
    with pytest.raises(ShopDeskError, match="cannot"):
        run(db, shop, "taobao", TAOBAO, "tb", who="wang")


def test_cli_import_orders(db, shop, capsys, tmp_path) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    code = main(["import", "orders", "--format", "taobao", "--store", "tb",
                 str(SAMPLES / "taobao-orders.csv"), "--db", url])
    assert code == 0
    out = capsys.readouterr().out
    assert "3 new orders" in out and "3 new customers" in out
    broken = tmp_path / "broken.csv"
    broken.write_bytes(TAOBAO.decode("gb18030").replace("交易成功", "神秘状态").encode("gbk"))
    assert main(["import", "orders", "--format", "taobao", "--store", "tb", str(broken),
                 "--db", url]) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "神秘状态" in err
    assert main(["import", "orders", "--format", "taobao", "--store", "nope",
                 str(broken), "--db", url]) == 1
    assert "no store" in capsys.readouterr().err


@pytest.mark.gui
def test_import_dialog_previews_then_imports(qtbot, sqlite_db, tmp_path) -> None:
    from shopdesk.ui.import_dialog import ImportOrdersDialog

    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        s.add(Store(key="tb", name="小鹿家居旗舰店", platform=Platform.TAOBAO, currency="CNY",
                    timezone="Asia/Shanghai"))
    with sqlite_db.read_session() as s:
        owner = s.get(Agent, owner.id)
    dialog = ImportOrdersDialog(sqlite_db, owner)
    qtbot.addWidget(dialog)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(TAOBAO.decode("gb18030").replace("交易成功", "神秘状态").encode("gbk"))
    dialog.path.setText(str(broken))
    dialog.run_preview()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.parsed is not None)
    assert dialog.errors.count() == 1 and dialog.errors.item(0).text().startswith("line 2:")
    assert not dialog.import_button.isEnabled()
    dialog.path.setText(str(SAMPLES / "taobao-orders.csv"))
    dialog.run_preview()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.parsed is not None)
    assert "3 new orders" in dialog.summary.text() and dialog.import_button.isEnabled()
    dialog.run_import()
    qtbot.waitUntil(lambda: dialog.imported is not None)
    assert counts(sqlite_db) == (3, 3, 3)
    assert "Imported: 3 new orders" in dialog.summary.text()


# -- files that must be refused, never guessed at (issue 15) -----------------------------------

def _taobao_rows(n: int) -> tuple[str, list[list[str]]]:
    """The sample report's header and ``n`` rows made from its first order (numbers ..00,
    ..01, …), as text to write back."""
    import csv
    import io

    header, first = list(csv.reader(io.StringIO(TAOBAO.decode("gb18030"))))[:2]
    rows = []
    for i in range(n):
        values = list(first)
        values[0] = f'="20415773023988100{i:02d}"'
        rows.append(values)
    return ",".join(header), rows


def _csv(values: list[str]) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(values)
    return out.getvalue()


def _report(header: str, lines: list[str]) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("gb18030")


def _cli_import(db, tmp_path, data: bytes, fmt: str = "taobao", store: str = "tb"):
    path = tmp_path / f"orders.{fmt}.csv"
    path.write_bytes(data)
    url = db.engine.url.render_as_string(hide_password=False)
    return main(["import", "orders", "--format", fmt, "--store", store, str(path), "--db", url])


def _with(values: list[str], **changes: str) -> list[str]:
    header = _taobao_rows(0)[0].split(",")
    out = list(values)
    for name, value in changes.items():
        out[header.index(name)] = value
    return out


TITLE = "宝贝标题"


def _bad_taobao(case: str) -> tuple[bytes, str]:
    """A report of ten orders with one thing wrong, and what stderr must say."""
    header, rows = _taobao_rows(10)
    lines = [_csv(r) for r in rows]
    if case == "unmatched quote":  # the title opens a quote and swallows the next row
        lines[3] = _csv(rows[3]).replace("小鹿 保温杯", '"小鹿 保温杯', 1)
        return _report(header, lines), "line 5: a quote"
    if case in ("quote closed in a later title", "quote closed in a later message"):
        # order numbers without ="…" and messages without commas: nothing between the two
        # quotes breaks the CSV, and rows 5–8 read as one row of the header's 46 fields
        column = TITLE if case.endswith("title") else "买家留言"
        plain = [_with(r, 订单编号=f"20415773023988100{i:02d}", 买家留言="请发顺丰")
                 for i, r in enumerate(rows)]
        lines = [_csv(r) for r in plain]
        lines[3] = _csv(_with(plain[3], **{column: "OPEN"})).replace("OPEN", '"小鹿', 1)
        lines[6] = _csv(_with(plain[6], **{column: "SHUT"})).replace("SHUT", '保温杯"', 1)
        return _report(header, lines), (f"line 5: the field {column} runs from line 5 to line "
                                        "8: a quote (\") in it closes only in a later row")
    if case == "unquoted comma":  # every later column shifts by one
        lines[6] = _csv(rows[6]).replace("小鹿 保温杯 500ml", "小鹿 保温杯,500ml", 1)
        return _report(header, lines), "line 8: the row has 47 fields but the header has 46"
    if case == "formula order number":
        lines[2] = _csv(_with(rows[2], 订单编号='="=HYPERLINK(1)"'))
        return _report(header, lines), "line 4: the order number (订单编号) '=HYPERLINK(1)'"
    if case == "quantity of 23 digits":
        lines[1] = _csv(_with(rows[1], 宝贝总数量="1" * 23))
        return _report(header, lines), "line 3: the quantity (宝贝总数量) '" + "1" * 23 + \
            "' must be at most 100,000"
    if case == "amount of 10**30":
        lines[1] = _csv(_with(rows[1], 买家实际支付金额="1" + "0" * 30 + ".00"))
        return _report(header, lines), "must be at most 1,000,000,000"
    if case == "order number twice":
        lines[8] = _csv(_with(rows[2], 买家实际支付金额="99.00"))
        return _report(header, lines), "line 10: order 2041577302398810002 is already on line 4"
    if case == "NUL byte":
        lines[4] = _csv(rows[4]).replace("保温杯", "保温\x00杯", 1)
        return _report(header, lines), "line 6: the row contains a NUL character"
    if case == "order number of 100,000 characters":  # said, not dumped on the screen
        lines[0] = _csv(_with(rows[0], 订单编号="A" * 100_000))
        return _report(header, lines), "line 2: the order number (订单编号) '" + "A" * 60 + \
            "… (100,000 characters)' is not a Taobao order number"
    if case == "title of 501 characters":
        lines[0] = _csv(_with(rows[0], 宝贝标题="杯" * 501))
        return _report(header, lines), "line 2: the item title is longer than 500 characters"
    raise AssertionError(case)


@pytest.mark.parametrize("case", [
    "unmatched quote", "quote closed in a later title", "quote closed in a later message",
    "unquoted comma", "formula order number", "quantity of 23 digits",
    "amount of 10**30", "order number twice", "NUL byte", "title of 501 characters",
    "order number of 100,000 characters"])
def test_a_broken_taobao_report_is_refused_with_its_line(db, shop, capsys, tmp_path,
                                                         case) -> None:
    header, rows = _taobao_rows(10)
    good = imp.parse("taobao", _report(header, [_csv(r) for r in rows]), "Asia/Shanghai")
    assert (good.errors, len(good.orders)) == ([], 10)  # the same file without the fault
    data, says = _bad_taobao(case)
    assert _cli_import(db, tmp_path, data) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err, err[-600:]
    assert "nothing was imported" in err and len(err) < 600
    assert counts(db) == (0, 0, 0)


def test_a_message_of_several_lines_is_read_as_written() -> None:
    """A buyer's message may hold line breaks (and commas): its row is one order."""
    header, rows = _taobao_rows(3)
    lines = [_csv(_with(rows[1], 买家留言="请发顺丰,谢谢\n周末也能收货,\n送到门口"))
             if i == 1 else _csv(r) for i, r in enumerate(rows)]
    parsed = imp.parse("taobao", _report(header, lines), "Asia/Shanghai")
    assert (parsed.errors, [o.line for o in parsed.orders]) == ([], [2, 3, 6])


def test_a_header_only_file_says_it_holds_no_orders(db, shop, capsys, tmp_path) -> None:
    header, _rows = _taobao_rows(0)
    assert _cli_import(db, tmp_path, (header + "\n\n").encode("gb18030")) == 1
    assert "holds no orders" in capsys.readouterr().err
    assert counts(db) == (0, 0, 0)


@pytest.mark.parametrize(("change", "says"), [
    (lambda t: t.replace("#1002,", "=HYPERLINK(1),", 1),
     "line 4: the order name (Name) '=HYPERLINK(1)' is not a Shopify order name"),
    (lambda t: t.replace("#1003,", "#1001,", 1), "line 5: order #1001 is already on line 2"),
    (lambda t: t.replace(",53.50,", ",1" + "0" * 30 + ",", 1), "line 2: Total"),
    (lambda t: t.replace(",2,Ceramic Mug", ",99999999999999999999999,Ceramic Mug", 1),
     "line 2: the quantity (Lineitem quantity)"),
])
def test_a_broken_shopify_export_is_refused_with_its_line(db, shop, capsys, tmp_path, change,
                                                          says) -> None:
    data = change(SHOPIFY.decode()).encode()
    assert _cli_import(db, tmp_path, data, "shopify", "sh") == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err, err[-600:]
    assert counts(db) == (0, 0, 0)


@pytest.mark.gui
def test_import_dialog_says_why_a_row_is_refused_in_chinese(qtbot, sqlite_db, tmp_path) -> None:
    from shopdesk.ui.i18n import LanguageSwitcher
    from shopdesk.ui.import_dialog import ImportOrdersDialog

    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        s.add(Store(key="tb", name="小鹿家居旗舰店", platform=Platform.TAOBAO, currency="CNY",
                    timezone="Asia/Shanghai"))
    with sqlite_db.read_session() as s:
        owner = s.get(Agent, owner.id)
    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        dialog = ImportOrdersDialog(sqlite_db, owner)
        qtbot.addWidget(dialog)
        broken = tmp_path / "broken.csv"
        broken.write_bytes(_bad_taobao("unquoted comma")[0])
        dialog.path.setText(str(broken))
        dialog.run_preview()
        qtbot.waitUntil(lambda: dialog.job is None and dialog.parsed is not None)
        assert dialog.errors.item(0).text() == (
            "第 8 行：这一行有 47 个字段，而表头有 46 个（是否有字段中的逗号或引号没有用引号括起来？）")
        assert not dialog.import_button.isEnabled()
        header_only = tmp_path / "header.csv"
        header_only.write_bytes((_taobao_rows(0)[0] + "\n").encode("gb18030"))
        dialog.path.setText(str(header_only))
        dialog.run_preview()
        qtbot.waitUntil(lambda: dialog.job is None and bool(dialog.error.text()))
        assert dialog.error.text() == "文件里没有订单：只有表头，没有其他内容。"
    finally:
        languages.apply("en")
