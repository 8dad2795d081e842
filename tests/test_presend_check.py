"""The pre-send check: each kind of finding, no finding on ordinary replies, each platform's
rules as seeded and as the owner edits them, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation, Platform, PresendRule
from shopdesk.models.enums import Role
from shopdesk.services import presend_rules
from shopdesk.services.permissions import PermissionDenied
from shopdesk.services.presend_check import Kind, check, check_text
from shopdesk.services.presend_rules import default_rules
from tests import factories as f

TAOBAO = default_rules("taobao")


def kinds(text: str, rules=TAOBAO) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(x.kind.value, x.text) for x in check_text(text, rules)]


@pytest.mark.parametrize(("text", "expected"), [
    ("这是全网最低价", [("word", "全网最低")]),  # the longest entry, not 最 inside it as well
    ("质量最好的面料", [("word", "最")]),
    ("销量第一，国家级品质", [("word", "销量第一"), ("word", "国家级")]),
    ("顶级工艺，独家设计", [("word", "顶级"), ("word", "独家")]),
    ("Our NO.1 seller", [("word", "NO.1")]),
    ("电话13812345678", [("phone", "13812345678")]),
    ("打 138-1234-5678 或 +86 139 1234 5678", [("phone", "138-1234-5678"),
                                              ("phone", "+86 139 1234 5678")]),
    ("座机0571-88886666", [("phone", "0571-88886666")]),
    ("加我微信 abc_123456", [("wechat", "加我微信 abc_123456")]),
    ("vx：wang8888", [("wechat", "vx：wang8888")]),
    ("方便的话加个微信吧", [("wechat", "加个微信")]),
    ("QQ号：12345678", [("qq", "QQ号：12345678")]),
    ("写信到 abc@163.com", [("email", "abc@163.com")]),
    ("看这里 https://shop.example.com/a?b=1", [("link", "https://shop.example.com/a?b=1")]),
    ("去 www.other-shop.cn 下单", [("link", "www.other-shop.cn")]),
    ("亲爱的{customer}，订单{order_no}", [("variable", "{customer}"),
                                     ("variable", "{order_no}")]),
    ("Hi {name}!", [("variable", "{name}")]),  # an unknown variable too
])
def test_each_kind_of_finding(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "您最近好吗？最后一件已经发出，最多三天到，最晚周五。",
    "最快明天发货，您最好先拍照留证。",
    "我们第一时间为您处理，第一次购买有优惠，第一件八折。",
    "订单号2041586613212345678，快递单号SF1234567890，顺丰 SF13812345678。",
    "退款 129.00 元已原路退回，预计 1-3 个工作日到账。",
    "可以用微信支付，也可以用支付宝。",
    "宝贝链接：https://item.taobao.com/item.htm?id=123 和 detail.tmall.com",
    "stop1 and top10 are other words",
    "尺码表：S 160/84A，M 165/88A，建议 1.5kg 以内的洗衣机。",
    "请提供订单号和收件人手机后四位 5678 以便核对。",
    "",
])
def test_ordinary_replies_have_no_finding(text: str) -> None:
    assert check_text(text, TAOBAO) == []


def test_spans_point_into_the_text_as_written() -> None:
    text = "亲，ＱＱ：12345678，全网最低"
    for finding in check_text(text, TAOBAO):
        assert text[finding.start:finding.end] == finding.text
    assert [x.kind for x in check_text(text, TAOBAO)] == [Kind.QQ, Kind.WORD]


def test_contacts_are_checked_on_marketplaces_only() -> None:
    text = "电话13812345678，微信 abc_123456，https://example.com，最好"
    for platform in ("taobao", "tmall", "jd", "pinduoduo", "douyin"):
        assert {x.kind for x in check_text(text, default_rules(platform))} == {
            Kind.PHONE, Kind.WECHAT, Kind.LINK, Kind.WORD}
    for platform in ("shopify", "email", "amazon"):
        assert {x.kind for x in check_text(text, default_rules(platform))} == {Kind.WORD}
    # each platform's own sites are no finding there, and are elsewhere
    assert check_text("https://item.jd.com/1.html", default_rules("jd")) == []
    assert kinds("https://item.jd.com/1.html", TAOBAO) == [("link", "https://item.jd.com/1.html")]


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        st = f.store()  # Tmall
        conv = Conversation(store=st, customer=f.customer())
        s.add_all([conv, Agent(key="boss", name="Boss", role=Role.OWNER),
                   Agent(key="amy", name="Amy", role=Role.AGENT)])
        s.flush()
        conv_id = conv.id
    return db, conv_id


def test_rules_are_seeded_for_every_platform(shop) -> None:
    db, _conv = shop
    with db.read_session() as s:
        platforms = set(s.scalars(select(PresendRule.platform)))
        assert platforms == {p.value for p in Platform}
        tmall = presend_rules.rules_for(s, "tmall")
        assert "最" in tmall.words and "最近" in tmall.allowed and tmall.contacts
        assert not presend_rules.rules_for(s, "shopify").contacts


def test_the_owner_edits_a_platforms_list(shop) -> None:
    db, conv = shop
    text = "这款是爆款，加我微信 abc_123456，最近很火"
    with db.read_session() as s:
        assert [x.kind for x in check(s, conv, text)] == [Kind.WECHAT]
    with db.transaction() as s:
        boss = s.scalar(select(Agent).where(Agent.key == "boss"))
        presend_rules.save(s, boss, "tmall", "爆款\n\n 爆款 \n", "", contacts=False, domains="")
    with db.read_session() as s:
        found = check(s, conv, text)
        assert [(x.kind, x.text) for x in found] == [(Kind.WORD, "爆款")]
        assert presend_rules.rules_for(s, "tmall").words == ("爆款",)  # blanks and repeats go
        assert presend_rules.rules_for(s, "taobao").contacts  # other platforms keep theirs
    with db.transaction() as s:
        amy = s.scalar(select(Agent).where(Agent.key == "amy"))
        with pytest.raises(PermissionDenied):
            presend_rules.save(s, amy, "tmall", "", "", False, "")
        boss = s.scalar(select(Agent).where(Agent.key == "boss"))
        with pytest.raises(ShopDeskError):
            presend_rules.save(s, boss, "myspace", "", "", False, "")


def test_an_allowed_word_lets_a_forbidden_one_pass(shop) -> None:
    db, conv = shop
    with db.transaction() as s:
        boss = s.scalar(select(Agent).where(Agent.key == "boss"))
        rules = presend_rules.rules_for(s, "tmall")
        presend_rules.save(s, boss, "tmall", "\n".join(rules.words),
                           "\n".join((*rules.allowed, "最好看")), True, "\n".join(rules.domains))
    with db.read_session() as s:
        assert check(s, conv, "这件最好看") == []
        assert [x.text for x in check(s, conv, "这件最好")] == ["最"]
