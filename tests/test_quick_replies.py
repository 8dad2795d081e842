from datetime import UTC, datetime

from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Conversation, Order
from shopdesk.services import quick_replies as qr


def test_find_by_code_title_and_text(db) -> None:
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.read_session() as s:
        assert len(qr.find(s)) == 10
        assert qr.find(s, "wl")[0].code == "wl"  # code first
        assert {r.code for r in qr.find(s, "快递单号")} == {"wl", "th"}
        assert {r.code for r in qr.find(s, "TRACKING")} == {"track", "wl"}  # {tracking_no}
        assert qr.find(s, "没有这个") == []


def test_variables_come_from_the_latest_order_in_that_store(db) -> None:
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.read_session() as s:
        conv = s.scalar(select(Conversation).join(Order, (Order.customer_id == Conversation.customer_id)
                                                  & (Order.store_id == Conversation.store_id))
                        .where(Order.tracking_no.is_not(None)).limit(1))
        latest = s.scalar(select(Order).where(Order.customer_id == conv.customer_id,
                                              Order.store_id == conv.store_id)
                          .order_by(Order.placed_at.desc()).limit(1))
        agent = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        values = qr.variables(s, conv.id, agent)
    assert values["order_no"] == latest.order_no and values["agent"] == "王芳"
    text = qr.fill("亲，{customer}，订单{order_no}由{agent}跟进，单号{tracking_no}，{unknown}", values)
    assert latest.order_no in text and "王芳" in text and "{unknown}" in text
    assert qr.fill("{tracking_no}", {}) == "{tracking_no}"  # missing stays visible


def _owner(s):
    return s.scalar(select(Agent).where(Agent.key == "owner"))


def test_manage_reorder_and_permissions(db) -> None:
    import pytest

    from shopdesk.errors import ShopDeskError
    from shopdesk.services.permissions import PermissionDenied

    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.transaction() as s:
        new = qr.save(s, _owner(s), None, "物流", "/kd", "快递查询", "亲，{order_no} 已发出")
        assert new.code == "kd"
        with pytest.raises(ShopDeskError, match="already used"):
            qr.save(s, _owner(s), None, "X", "wl", "dup", "x")
        with pytest.raises(ShopDeskError, match="one word"):
            qr.save(s, _owner(s), None, "X", "a b", "t", "x")
        with pytest.raises(PermissionDenied):
            qr.save(s, s.scalar(select(Agent).where(Agent.key == "emma")), None, "X", "y", "t", "x")
    with db.transaction() as s:
        shipping = [r.code for r in qr.find(s) if r.category == "物流"]
        assert shipping[-1] == "kd"
        qr.move(s, _owner(s), new.id, -1)
    with db.transaction() as s:
        shipping = [r.code for r in qr.find(s) if r.category == "物流"]
        assert shipping[-2:] == ["kd", "cui"]
        qr.delete(s, _owner(s), new.id)
    with db.read_session() as s:
        assert "kd" not in [r.code for r in qr.find(s)]


def test_xlsx_round_trip_and_bad_files(db, tmp_path) -> None:
    import pytest
    from openpyxl import Workbook

    from shopdesk.errors import ShopDeskError

    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    path = tmp_path / "qr.xlsx"
    with db.read_session() as s:
        assert qr.export_xlsx(s, path) == 10
    with db.transaction() as s:
        assert qr.import_xlsx(s, _owner(s), path) == (0, 10)  # the same codes: updated
    book = Workbook()
    sheet = book.active
    sheet.append(["Category", "Code", "Title", "Body"])
    sheet.append(["售后", "=cmd", "公式样子的编码", "=HYPERLINK(\"x\")"])
    for cell in sheet[2]:
        cell.data_type = "s"  # text as Excel would save what a person typed with a '
    sheet.append([None, None, None, None])
    sheet.append(["售后", "bz", "保修", "保修一年"])
    book.save(tmp_path / "new.xlsx")
    with db.transaction() as s:
        assert qr.import_xlsx(s, _owner(s), tmp_path / "new.xlsx") == (2, 0)
    with db.read_session() as s:
        bodies = {r.code: r.body for r in qr.find(s)}
        assert bodies["=cmd"] == '=HYPERLINK("x")'
    bad = Workbook()
    bad.active.append(["category", "code", "title", "body"])
    bad.active.append(["售后", "zz", "", "x"])
    bad.save(tmp_path / "bad.xlsx")
    with pytest.raises(ShopDeskError, match="row 2"), db.transaction() as s:
        qr.import_xlsx(s, _owner(s), tmp_path / "bad.xlsx")
    (tmp_path / "not.xlsx").write_text("hello")
    with pytest.raises(ShopDeskError, match="not an Excel workbook"), db.transaction() as s:
        qr.import_xlsx(s, _owner(s), tmp_path / "not.xlsx")
    with db.read_session() as s:
        assert "zz" not in [r.code for r in qr.find(s)]


def test_quick_reply_images_are_kept_replaced_and_checked(db) -> None:
    import pytest

    from shopdesk.errors import ShopDeskError

    png = b"\x89PNG\r\n\x1a\n" + b"0" * 10
    with db.transaction() as s:
        s.add(Agent(key="owner", name="Owner", role="owner"))
    with db.transaction() as s:
        reply = qr.save(s, _owner(s), None, "物流", "pic", "尺码表", "尺码表见图",
                        images=[("size.png", "image/png", png)])
        rid = reply.id
    with db.transaction() as s:  # editing the text without images keeps them
        qr.save(s, _owner(s), rid, "物流", "pic", "尺码表", "尺码表见图片")
    with db.read_session() as s:
        assert qr.images_of(s, rid) == [("size.png", "image/png", png)]
        assert qr.find(s, "pic")[0].images == ("size.png",)
    with pytest.raises(ShopDeskError, match="not an image"), db.transaction() as s:
        qr.save(s, _owner(s), rid, "物流", "pic", "尺码表", "x",
                images=[("a.txt", "text/plain", b"x")])
    with db.transaction() as s:
        qr.save(s, _owner(s), rid, "物流", "pic", "尺码表", "x", images=[])
    with db.read_session() as s:
        assert qr.images_of(s, rid) == []


def test_the_customers_language_comes_first(db) -> None:
    """A Chinese customer's picker opens on the Chinese replies, an English one's on the
    English replies; within each, the usual category order."""
    from shopdesk.services.conversations import has_chinese

    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.read_session() as s:
        plain = qr.find(s)
        chinese = qr.find(s, language="zh_CN")
        english = qr.find(s, language="en")
    assert {has_chinese(r.body) for r in plain} == {True, False}
    assert has_chinese(chinese[0].body) and not has_chinese(english[0].body)
    flags = [has_chinese(r.body) for r in chinese]
    assert flags == sorted(flags, reverse=True)  # every Chinese reply before any English one
    assert [r.id for r in chinese if has_chinese(r.body)] == [
        r.id for r in plain if has_chinese(r.body)]
