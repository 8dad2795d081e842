"""The Customers page's service on both backends: summaries, search, filters, sorting,
duplicate suggestions, merge and undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shopdesk.channels.base import Incoming
from shopdesk.channels.sync import ingest
from shopdesk.cli import build_demo
from shopdesk.dataset.dump import dump_records
from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    AuditEvent,
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    CustomerNote,
    Order,
    Store,
    Tag,
    customer_tags,
)
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ConversationStatus,
    OrderStatus,
    Role,
    Severity,
)
from shopdesk.services import customer_list as cl
from shopdesk.services import duplicates
from shopdesk.services.customers import SPENDING, find_customers
from shopdesk.services.inbox import queue_reply
from tests import factories as f

ANCHOR = datetime(2026, 11, 1, tzinfo=UTC)


def _agent(s, key: str) -> Agent:
    return s.scalar(select(Agent).where(Agent.key == key))


def test_summaries_match_the_orders_and_sorting_follows_them(db) -> None:
    build_demo(db, "small", 1, ANCHOR)
    with db.read_session() as s:
        expected = {}
        for cid, cur, n, total, last in s.execute(
                select(Order.customer_id, Order.currency, func.count(),
                       func.sum(Order.total_minor), func.max(Order.placed_at))
                .where(Order.status.in_(SPENDING)).group_by(Order.customer_id, Order.currency)):
            expected.setdefault(cid, []).append((cur, n, int(total), last))
        owner = _agent(s, "owner")
        everyone = cl.page(s, cl.CustomerFilter(sort=cl.Sort.SPENT), owner, None, 1000)
        assert len(everyone) == cl.count(s, cl.CustomerFilter(), None) == 306
        for row in everyone:
            rows = expected.get(row.id, [])
            assert row.orders == sum(n for _c, n, _t, _l in rows)
            if rows:
                main = max(rows, key=lambda r: (r[2], r[0]))
                assert (row.spent_currency, row.spent_minor) == (main[0], main[2])
                assert row.last_order_at == max(r[3] for r in rows)
            else:
                assert row.spent_minor == 0 and row.last_order_at is None
            last_contact = s.scalar(select(func.max(Conversation.last_message_at))
                                    .where(Conversation.customer_id == row.id))
            assert row.last_contact_at == last_contact
        spent = [r.spent_minor for r in everyone]
        assert spent == sorted(spent, reverse=True)
        by_order = cl.page(s, cl.CustomerFilter(sort=cl.Sort.LAST_ORDER), owner, None, 1000)
        dated = [r.last_order_at for r in by_order if r.last_order_at]
        assert dated == sorted(dated, reverse=True)
        assert all(r.last_order_at is None for r in by_order[len(dated):])  # no orders: last
        by_contact = cl.page(s, cl.CustomerFilter(sort=cl.Sort.LAST_CONTACT), owner, None, 1000)
        contacted = [r.last_contact_at for r in by_contact if r.last_contact_at]
        assert contacted == sorted(contacted, reverse=True)
        # pages join up without gaps or repeats, in every order (ties, customers without
        # orders or messages at the end)
        for sort in cl.Sort:
            flt = cl.CustomerFilter(sort=sort)
            whole = [r.id for r in cl.page(s, flt, owner, None, 1000)]
            walked, after = [], None
            while batch := cl.page(s, flt, owner, after, 7):
                walked += [r.id for r in batch]
                after = batch[-1]
            assert walked == whole, sort


def _shop(db):
    """Two stores, three customers with orders, identities, a tag; returns their ids."""
    with db.transaction() as s:
        tm, sh = f.store("tm"), f.store("sh", "USD")
        wang = Customer(key="c1", name="王芳芳", phone="13812345678", email="Fang@QQ.com")
        li = Customer(key="c2", name="李雷", phone="+86 138 1234 5678")
        emma = Customer(key="c3", name="Emma Stone", email="fang@qq.com ")
        vip = Tag(name="VIP", colour="#F59E0B")
        s.add_all([tm, sh, wang, li, emma, vip])
        s.flush()
        s.add_all([CustomerIdentity(customer=wang, store_id=tm.id, handle="tb_fangfang"),
                   CustomerIdentity(customer=li, store_id=tm.id, handle="li_lei%x"),
                   CustomerIdentity(customer=emma, store_id=sh.id, handle="emma@example.com"),
                   f.order(tm, wang, "2041586613212345678", 12800),
                   f.order(tm, li, "2041586613299999999", 5000),
                   f.order(sh, emma, "#1001", 39900)])
        s.flush()
        s.execute(customer_tags.insert().values(customer_id=li.id, tag_id=vip.id))
        cl.refresh(s)
        return wang.id, li.id, emma.id, tm.id, sh.id, vip.id


BOSS = Agent(key="boss", name="Boss", role=Role.OWNER, active=True)


def _ids(s, viewer: Agent | None = BOSS, **kw) -> list[int]:
    return [r.id for r in cl.page(s, cl.CustomerFilter(**kw), viewer, None, 100)]


def test_search_filters_and_masking(db) -> None:
    wang, li, emma, tm, sh, vip = _shop(db)
    with db.transaction() as s:
        s.add(Agent(key="amy", name="Amy", role=Role.AGENT))
    with db.read_session() as s:
        assert set(_ids(s, text="芳")) == {wang}  # one Chinese character
        assert set(_ids(s, text="李雷")) == {li}
        assert set(_ids(s, text="ＥＭＭＡ")) == {emma}  # full width, any case
        assert set(_ids(s, text="tb_fang")) == {wang}  # store handle
        assert set(_ids(s, text="fang@qq")) == {wang, emma}  # e-mail, case ignored
        assert set(_ids(s, text="1234 5678")) == {li}  # phone as written
        assert set(_ids(s, text="99999")) == {li}  # order number
        assert set(_ids(s, text="#1001")) == {emma}
        assert _ids(s, text="%%") == [] and set(_ids(s, text="i_lei%")) == {li}  # literal
        assert set(_ids(s, store_id=sh)) == {emma}
        assert set(_ids(s, tag_id=vip)) == {li}
        assert _ids(s, text="芳", store_id=sh) == []
        assert cl.count(s, cl.CustomerFilter(text="qq"), BOSS) == 2
        amy = _agent(s, "amy")
        row = next(r for r in cl.page(s, cl.CustomerFilter(text="王"), amy) if r.id == wang)
        assert row.phone == "138****5678" and row.stores == [("Store tm", None)]
        owner_view = cl.page(s, cl.CustomerFilter(text="王"), BOSS)[0]
        assert owner_view.phone == "13812345678"
        seg = s.scalar(select(Customer.segment).where(Customer.id == emma))
        assert emma in _ids(s, segment=seg)
        # the complaint dialog's customer search is the same search, by name
        assert find_customers(s, "fang@", BOSS) == [(emma, "Emma Stone"), (wang, "王芳芳")]
        assert find_customers(s, "#1001", BOSS) == [(emma, "Emma Stone")]
        assert find_customers(s, " ", BOSS) == []


def test_an_agent_finds_a_customer_by_the_whole_phone_or_e_mail_only(db) -> None:
    """What an agent sees masked (138****5678, f***@qq.com) is not found by a part: each try
    would tell a hidden digit or letter. Names, handles and order numbers are found by a
    part, and the whole number or address the customer gives finds them."""
    wang, li, emma, *_rest = _shop(db)
    with db.transaction() as s:
        s.add(Agent(key="amy", name="Amy", role=Role.AGENT))
    with db.read_session() as s:
        amy = _agent(s, "amy")
        for viewer in (amy, None):  # an agent, and nobody signed in
            assert set(_ids(s, viewer, text="芳")) == {wang}
            assert set(_ids(s, viewer, text="tb_fang")) == {wang}  # a handle by a part
            assert set(_ids(s, viewer, text="99999")) == {li}  # an order number by a part
            assert _ids(s, viewer, text="8123") == [] and _ids(s, viewer, text="1234 5678") == []
            assert _ids(s, viewer, text="fang@qq") == [] and _ids(s, viewer, text="qq.com") == []
            assert _ids(s, viewer, text="emma@exa") == []  # a handle that is an e-mail address
            assert set(_ids(s, viewer, text="13812345678")) == {wang, li}  # li: +86 138 1234 5678
            assert set(_ids(s, viewer, text="138-1234-5678")) == {wang, li}
            assert set(_ids(s, viewer, text=" FANG@qq.com")) == {wang, emma}
            assert set(_ids(s, viewer, text="Emma@Example.com")) == {emma}
        assert cl.count(s, cl.CustomerFilter(text="8123"), amy) == 0
        assert cl.count(s, cl.CustomerFilter(text="8123"), BOSS) == 1  # the owner: any part
        assert find_customers(s, "fang@", amy) == []
        assert find_customers(s, "fang@qq.com", amy) == [(emma, "Emma Stone"), (wang, "王芳芳")]


def test_last_contact_follows_messages_and_replies(db) -> None:
    wang, *_rest = _shop(db)
    at = datetime.now(UTC) - timedelta(hours=1)
    with db.transaction() as s:
        store = s.scalar(select(Store).where(Store.key == "tm"))
        ingest(s, store, [Incoming("m1", "t1", "tb_fangfang", "王芳芳", at, "在吗")])
        ingest(s, store, [Incoming("m2", "t2", "new_buyer", "新买家", at, "你好")])
    with db.read_session() as s:
        assert s.get(Customer, wang).last_contact_at == at
        newcomer = s.scalar(select(Customer).where(Customer.name == "新买家"))
        assert newcomer.last_contact_at == at
        assert _ids(s, text="new_buy") == [newcomer.id]  # searchable as soon as it arrives
        conv = s.scalar(select(Conversation.id).where(Conversation.customer_id == wang))
    with db.transaction() as s:
        owner = Agent(key="boss", name="Boss", role=Role.OWNER)
        s.add(owner)
        s.flush()
        queue_reply(s, owner, conv, "在的")
    with db.read_session() as s:
        assert s.get(Customer, wang).last_contact_at > at


def test_duplicate_suggestions(db) -> None:
    wang, li, emma, *_ = _shop(db)
    with db.read_session() as s:
        found = {(d.a, d.b): d.reasons for d in duplicates.suggestions(s)}
    assert found == {(wang, li): ("phone",), (wang, emma): ("email",)}
    with db.transaction() as s:
        s.get(Customer, li).address = "广东省深圳市南山区科技园路1号"
        s.add(Customer(key="c4", name="李 雷", address="广东省深圳市南山区 科技园路1号"))
    with db.read_session() as s:
        reasons = {d.reasons for d in duplicates.suggestions(s)}
    assert ("name_address",) in reasons


def test_duplicate_suggestions_report_progress_and_stop_when_asked(db) -> None:
    build_demo(db, "small", 1, ANCHOR)
    seen: list[tuple[int, int]] = []

    class Stop(Exception):
        pass

    def stop_at_once(done: int, total: int) -> None:
        seen.append((done, total))
        raise Stop

    with db.read_session() as s:
        total = s.scalar(select(func.count()).select_from(Customer)
                         .where(Customer.merged_into_id.is_(None)))
        with pytest.raises(Stop):
            duplicates.suggestions(s, progress=stop_at_once)
    assert seen == [(0, total)]
    # plain digits, spaces and a country code meet on the same number
    with db.transaction() as s:
        pair = [Customer(key="p1", name="甲", phone="13812345678"),
                Customer(key="p2", name="乙", phone="+86 138 1234 5678")]
        s.add_all(pair)
        s.flush()
        ids = {c.id for c in pair}
    with db.read_session() as s:
        found = [d for d in duplicates.suggestions(s) if {d.a, d.b} == ids]
    assert [d.reasons for d in found] == [("phone",)]


def test_the_demo_suggests_its_second_accounts(db) -> None:
    build_demo(db, "small", 1, ANCHOR)
    with db.read_session() as s:
        pairs = duplicates.suggestions(s)
        keys = {s.get(Customer, d.b).key for d in pairs}
    assert keys == {f"d{n}" for n in range(1, 7)}  # and nobody else


def _snapshot(s, cid: int) -> dict[str, object]:
    c = s.get(Customer, cid)
    return {
        "contact": (c.name, c.phone, c.email, c.address, c.merged_into_id),
        "summary": (c.orders_count, c.spent_minor, c.spent_currency, c.last_order_at,
                    c.search_text),
        **{name: sorted(s.scalars(select(model.id).where(model.customer_id == cid)))
           for name, model in duplicates.OWNED.items()},
        "tags": sorted(s.scalars(select(customer_tags.c.tag_id)
                                 .where(customer_tags.c.customer_id == cid))),
    }


def test_merge_keeps_everything_and_undo_restores_it(db) -> None:
    wang, li, emma, tm, sh, vip = _shop(db)
    with db.transaction() as s:
        owner = Agent(key="boss", name="Boss", role=Role.OWNER)
        s.add(owner)
        s.flush()
        order = s.scalar(select(Order).where(Order.customer_id == li))
        conv = Conversation(store_id=tm, customer_id=li, external_id="t9",
                            status=ConversationStatus.OPEN, created_at=f.T0,
                            last_message_at=f.T0)
        s.add_all([conv, CustomerNote(customer_id=li, text="要顺丰", at=f.T0),
                   f.return_case(order),
                   Complaint(store_id=tm, customer_id=li, order_id=order.id,
                             category=ComplaintCategory.PRODUCT_QUALITY, severity=Severity.HIGH,
                             status=ComplaintStatus.NEW, summary="杯子有裂纹", opened_at=f.T0, currency="CNY",
                             sla_due_at=f.T0 + timedelta(days=2))])
    with db.read_session() as s:
        before_keep, before_other = _snapshot(s, wang), _snapshot(s, li)
    with db.transaction() as s:
        event = duplicates.merge(s, _agent(s, "boss"), wang, li)
        event_id = event.id
    with db.read_session() as s:
        merged = _snapshot(s, wang)
        for name in duplicates.OWNED:
            assert merged[name] == sorted(before_keep[name] + before_other[name]), name
        assert merged["tags"] == [vip]
        keep = s.get(Customer, wang)
        assert keep.orders_count == 2 and keep.spent_minor == 12800 + 5000
        assert keep.address is None  # li had none either
        assert s.get(Customer, li).merged_into_id == wang
        assert cl.count(s, cl.CustomerFilter(), None) == 2  # the merged one is hidden
        assert _ids(s, text="li_lei") == [wang]  # its handle now finds the kept customer
        assert [m.customer_id for m in duplicates.merged_into(s, wang)] == [li]
        assert not any(d.b == li or d.a == li for d in duplicates.suggestions(s))
        assert "c2" not in {r.get("key") for r in dump_records(s) if r.get("kind") == "customer"}
        with pytest.raises(ShopDeskError, match="already merged"):
            duplicates.merge(s, _agent(s, "boss"), emma, li)
    with db.transaction() as s:
        duplicates.undo_merge(s, _agent(s, "boss"), event_id)
    with db.read_session() as s:
        assert _snapshot(s, wang) == before_keep
        assert _snapshot(s, li) == before_other
        assert duplicates.merged_into(s, wang) == []
        actions = s.scalars(select(AuditEvent.action).where(
            AuditEvent.action.like("customer.%")).order_by(AuditEvent.id)).all()
        assert actions == ["customer.merge", "customer.unmerge"]
    with db.transaction() as s, pytest.raises(ShopDeskError, match="already undone"):
        duplicates.undo_merge(s, _agent(s, "boss"), event_id)


def test_merge_fills_missing_contact_and_undo_clears_only_that(db) -> None:
    wang, li, emma, *_ = _shop(db)
    with db.transaction() as s:
        s.add(Agent(key="amy", name="Amy", role=Role.AGENT))
        s.get(Customer, li).address = "广东省深圳市南山区科技园路1号"
    with db.transaction() as s:
        event_id = duplicates.merge(s, _agent(s, "amy"), emma, li).id
    with db.read_session() as s:
        emma_c = s.get(Customer, emma)
        assert emma_c.phone == "+86 138 1234 5678"
        assert emma_c.address == "广东省深圳市南山区科技园路1号"
        assert emma_c.email == "fang@qq.com "  # kept, never overwritten
        view = duplicates.side(s, emma, _agent(s, "amy"))
        assert view.phone == "+86 138 **** 5678" and view.address.endswith("****")
    with db.transaction() as s:
        duplicates.undo_merge(s, _agent(s, "amy"), event_id)
    with db.read_session() as s:
        emma_c = s.get(Customer, emma)
        assert emma_c.phone is None and emma_c.address is None


def test_merge_refusals(db) -> None:
    wang, li, *_ = _shop(db)
    with db.transaction() as s:
        s.add(Agent(key="bk", name="Books", role=Role.BOOKKEEPER))
        s.add(Agent(key="boss", name="Boss", role=Role.OWNER))
    with db.transaction() as s:
        with pytest.raises(ShopDeskError):
            duplicates.merge(s, _agent(s, "bk"), wang, li)  # a bookkeeper does not change
        with pytest.raises(ShopDeskError, match="itself"):
            duplicates.merge(s, _agent(s, "boss"), wang, wang)
    with db.transaction() as s:  # a chain: undo the later merge first
        boss = _agent(s, "boss")
        first = duplicates.merge(s, boss, wang, li).id
        third = s.scalar(select(Customer.id).where(Customer.key == "c3"))
        duplicates.merge(s, boss, third, wang)
    with db.transaction() as s, pytest.raises(ShopDeskError, match="undo that merge first"):
        duplicates.undo_merge(s, _agent(s, "boss"), first)


def test_order_import_refreshes_the_summary(db) -> None:
    wang, *_ = _shop(db)
    with db.transaction() as s:
        order = s.scalar(select(Order).where(Order.customer_id == wang))
        order.status = OrderStatus.CANCELLED
        cl.refresh(s, [wang])
    with db.read_session() as s:
        c = s.get(Customer, wang)
        assert (c.orders_count, c.spent_minor, c.last_order_at) == (0, 0, None)
        assert _ids(s, sort=cl.Sort.SPENT)[-1] == wang


def test_customers_written_anywhere_are_searchable(db) -> None:
    with db.transaction() as s:
        tm = f.store("tm")
        s.add(tm)
        s.flush()
        plain = Customer(key="x1", name="Ｚhang 三", phone="13900001111")  # full-width Z
        s.add(plain)
        s.flush()
        s.add(CustomerIdentity(customer_id=plain.id, store_id=tm.id, handle="ZS_Buyer"))
        both = Customer(key="x2", name="李四", email="LiSi@Example.com")
        both.identities.append(CustomerIdentity(store_id=tm.id, handle="lisi_88"))
        s.add(both)
        s.flush()
        ids = plain.id, both.id
    with db.read_session() as s:
        assert _ids(s, text="zhang") == [ids[0]] and _ids(s, text="zs_buy") == [ids[0]]
        assert _ids(s, text="0000111") == [ids[0]]
        assert _ids(s, text="lisi@example") == [ids[1]] and _ids(s, text="isi_8") == [ids[1]]
        assert s.get(Customer, ids[1]).search_text.count("lisi_88") == 1


def test_not_the_same_person_is_not_suggested_again(db) -> None:
    wang, li, emma, *_ = _shop(db)
    with db.transaction() as s:
        s.add(Agent(key="amy", name="Amy", role=Role.AGENT, active=True))
    with db.transaction() as s:
        duplicates.mark_distinct(s, _agent(s, "amy"), li, wang)  # any order
        duplicates.mark_distinct(s, _agent(s, "amy"), wang, li)  # twice: once
        with pytest.raises(ShopDeskError):
            duplicates.mark_distinct(s, _agent(s, "amy"), wang, wang)
    with db.read_session() as s:
        assert [(d.a, d.b) for d in duplicates.suggestions(s)] == [(wang, emma)]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "customer.distinct")) == 1
    with db.transaction() as s:
        duplicates.unmark_distinct(s, _agent(s, "amy"), wang, li)
    with db.read_session() as s:
        assert {(d.a, d.b) for d in duplicates.suggestions(s)} == {(wang, li), (wang, emma)}
