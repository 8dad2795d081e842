"""The knowledge base (services/knowledge.py) on SQLite and PostgreSQL: writing with
permissions and history, search of one, two and more characters, validity, and the
articles that fit a conversation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shopdesk.errors import ShopDeskError, StaleDataError
from shopdesk.models import Agent, Article, ArticleImage, Conversation, Message, Store
from shopdesk.models.enums import Direction, Role
from shopdesk.services import knowledge as kb
from shopdesk.services.permissions import PermissionDenied
from tests import factories as f

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # noon of a fixed day
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@pytest.fixture
def shop(db):
    """Two stores, the owner, an agent and a bookkeeper; their ids."""
    with db.transaction() as s:
        tm, sh = f.store("tm"), f.store("shopify", "USD")
        s.add_all([tm, sh])
        people = [Agent(key=k, name=n, role=r) for k, n, r in (
            ("owner", "林晓雨", Role.OWNER), ("wang", "王芳", Role.AGENT),
            ("books", "赵会计", Role.BOOKKEEPER))]
        s.add_all(people)
        s.flush()
        return {"tm": tm.id, "shopify": sh.id, **{a.key: a.id for a in people}}


def agent(s, shop, key: str) -> Agent:
    return s.get(Agent, shop[key])


def draft(**kw) -> kb.ArticleDraft:
    values = {"kind": "returns", "language": "zh", "title": "七天无理由退货",
              "body": "签收后七天内可申请无理由退货，商品需保持完好，退货运费由买家承担。",
              "keywords": "退货 退款 运费"}
    values.update(kw)
    return kb.ArticleDraft(**values)


def test_the_owner_writes_and_everyone_reads(db, shop) -> None:
    with db.transaction() as s:
        item = kb.create(s, agent(s, shop, "owner"), draft(store_id=shop["tm"]), now=NOW)
    assert item.store_name == "Store tm" and item.created_by == "林晓雨"
    assert item.state == kb.ACTIVE and item.version == 1
    with db.transaction() as s:
        for who in ("wang", "books"):
            with pytest.raises(PermissionDenied):
                kb.create(s, agent(s, shop, who), draft(), now=NOW)
            with pytest.raises(PermissionDenied):
                kb.update(s, agent(s, shop, who), item.id, 1, draft(title="x"), now=NOW)
            with pytest.raises(PermissionDenied):
                kb.delete(s, agent(s, shop, who), item.id)
            assert kb.get(s, agent(s, shop, who), item.id).title == "七天无理由退货"
        with pytest.raises(PermissionDenied):
            kb.get(s, None, item.id)
    with db.transaction() as s:
        owner = agent(s, shop, "owner")
        changed = kb.update(s, owner, item.id, item.version,
                            draft(store_id=None, title="七天无理由退货（全店）"),
                            now=NOW + timedelta(hours=1))
    assert changed.version == 2 and changed.store_id is None and changed.store_name is None
    assert changed.updated_at == NOW + timedelta(hours=1) and changed.created_at == NOW
    with db.transaction() as s:
        kb.delete(s, agent(s, shop, "owner"), item.id, now=NOW + timedelta(hours=2))
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 0
        with pytest.raises(ShopDeskError, match="That article no longer exists."):
            kb.get(s, agent(s, shop, "wang"), item.id)


def test_bad_drafts_are_refused_with_a_reason(db, shop) -> None:
    with db.transaction() as s:
        owner = agent(s, shop, "owner")
        for bad, reason in (
                (draft(title="  "), "needs a title and a text"),
                (draft(body=""), "needs a title and a text"),
                (draft(title="长" * 201), "longer than 200"),
                (draft(language="fr"), "Chinese or English"),
                (draft(body="a\x00b"), "cannot be stored"),
                (draft(kind="promotion", valid_from=NOW, valid_to=NOW), "must come after"),
                (draft(images=[("a.txt", "text/plain", b"x")]), "not an image"),
                (draft(store_id=999), "That store no longer exists.")):
            with pytest.raises(ShopDeskError, match=reason):
                kb.create(s, owner, bad, now=NOW)
        assert s.scalar(select(func.count()).select_from(Article)) == 0


def test_a_stale_save_is_refused_naming_who_saved(db, shop) -> None:
    with db.transaction() as s:
        item = kb.create(s, agent(s, shop, "owner"), draft(), now=NOW)
    with db.transaction() as s:
        kb.update(s, agent(s, shop, "owner"), item.id, item.version, draft(body="新的说明。"),
                  now=NOW)
    with db.transaction() as s, pytest.raises(StaleDataError, match="林晓雨"):
        kb.update(s, agent(s, shop, "owner"), item.id, item.version, draft(body="旧的。"))
    with db.transaction() as s, pytest.raises(StaleDataError):
        kb.delete(s, agent(s, shop, "owner"), item.id, expected_version=item.version)


def test_history_says_who_changed_what_and_outlives_the_article(db, shop) -> None:
    with db.transaction() as s:
        item = kb.create(s, agent(s, shop, "owner"), draft(images=[("chart.png", "image/png",
                                                                     PNG)]), now=NOW)
    with db.transaction() as s:
        later = NOW + timedelta(minutes=5)
        item = kb.update(s, agent(s, shop, "owner"), item.id, item.version,
                         draft(title="退货政策", images=[]), now=later)
        unchanged = kb.update(s, agent(s, shop, "owner"), item.id, item.version,
                              draft(title="退货政策", images=[]), now=later)
    assert unchanged.version == item.version  # nothing changed: nothing written
    with db.transaction() as s:
        kb.delete(s, agent(s, shop, "owner"), item.id, now=NOW + timedelta(minutes=9))
    with db.read_session() as s:
        entries = kb.history(s, agent(s, shop, "books"), item.id)
    assert [e.action for e in entries] == ["delete", "update", "create"]
    assert all(e.agent == "林晓雨" for e in entries)
    update = {c.field: (c.before, c.after) for c in entries[1].changes}
    assert update == {"title": ("七天无理由退货", "退货政策"), "images": (["chart.png"], [])}
    created = {c.field: c.after for c in entries[2].changes}
    assert created["kind"] == "returns" and created["store"] is None
    assert created["images"] == ["chart.png"]
    assert entries[2].at == NOW


def test_images_are_kept_like_return_photos(db, shop) -> None:
    with db.transaction() as s:
        item = kb.create(s, agent(s, shop, "owner"), draft(images=[
            ("chart.png", "image/png", PNG), ("label.png", "image/png", PNG + b"1")]), now=NOW)
    assert [(i.filename, i.size) for i in item.images] == [("chart.png", 24), ("label.png", 25)]
    with db.read_session() as s:
        wang = agent(s, shop, "wang")
        assert kb.image_data(s, wang, item.images[1].id) == ("label.png", "image/png", PNG + b"1")
        assert [n for n, _m, _d in kb.images_of(s, wang, item.id)] == ["chart.png", "label.png"]
    with db.transaction() as s:  # None keeps them
        kept = kb.update(s, agent(s, shop, "owner"), item.id, item.version, draft(body="新。"))
    assert [i.filename for i in kept.images] == ["chart.png", "label.png"]
    with db.transaction() as s:
        kb.delete(s, agent(s, shop, "owner"), item.id)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(ArticleImage)) == 0


ARTICLES = [
    ("returns", "zh", "七天无理由退货", "签收后七天内可以申请退货，退货运费买家承担。", "退货 退款"),
    ("size_chart", "zh", "居家拖鞋尺码表", "M码适合36-38，L码适合39-41，偏大半码。", "尺码 大小"),
    ("care", "zh", "陶瓷马克杯保养", "可以用洗碗机，不建议微波炉加热超过三分钟。", "清洗"),
    ("shipping", "en", "Shipping policy", "Orders ship within 2 business days via USPS or UPS.",
     "delivery tracking"),
    ("care", "en", "Caring for the wool throw", "Dry clean only; do not tumble dry.", "wash"),
]


def _load(db, shop, rows=ARTICLES, store=None) -> list[kb.ArticleItem]:
    with db.transaction() as s:
        owner = agent(s, shop, "owner")
        return [kb.create(s, owner, kb.ArticleDraft(kind=k, language=lang, title=t, body=b,
                                                    keywords=w, store_id=store), now=NOW)
                for k, lang, t, b, w in rows]


@pytest.mark.parametrize(("query", "titles"), [
    ("退", ["七天无理由退货"]),  # one character
    ("码", ["居家拖鞋尺码表"]),
    ("尺码", ["居家拖鞋尺码表"]),  # two
    ("运费", ["七天无理由退货"]),
    ("洗碗机", ["陶瓷马克杯保养"]),  # three and more
    ("可以", ["七天无理由退货", "陶瓷马克杯保养"]),
    ("36-38", ["居家拖鞋尺码表"]),  # punctuation inside
    ("ＵＳＰＳ", ["Shipping policy"]),  # full width, any case
    ("tracking", ["Shipping policy"]),  # keywords are searched too
    ("dry", ["Caring for the wool throw"]),
    ("wool", ["Caring for the wool throw"]),
    ("Ca", ["Caring for the wool throw"]),  # two letters
    ("码适", ["居家拖鞋尺码表"]),
    ("拖码", []),  # characters that are not adjacent do not match
    ("退款退货", []),
])
def test_search_finds_any_part_of_the_text(db, shop, query, titles) -> None:
    _load(db, shop)
    with db.read_session() as s:
        found = kb.search(s, agent(s, shop, "wang"), query)
    assert sorted(a.title for a in found) == sorted(titles)


@pytest.mark.parametrize(("query", "titles"), [
    ("cmb", ["居家拖鞋尺码表"]),  # the initials of the title's words
    ("chima", ["居家拖鞋尺码表"]),
    ("jujia tuoxie", ["居家拖鞋尺码表"]),
])
def test_search_finds_articles_by_pinyin(db, shop, query, titles) -> None:
    _load(db, shop)
    with db.read_session() as s:
        found = kb.search(s, agent(s, shop, "wang"), query)
    assert sorted(a.title for a in found) == sorted(titles)


def test_search_follows_edits_and_deletions(db, shop) -> None:
    items = _load(db, shop)
    with db.transaction() as s:
        kb.update(s, agent(s, shop, "owner"), items[0].id, items[0].version,
                  draft(title="退换货说明", body="支持换货。", keywords=""), now=NOW)
        kb.delete(s, agent(s, shop, "owner"), items[1].id)
    with db.read_session() as s:
        wang = agent(s, shop, "wang")
        assert [a.title for a in kb.search(s, wang, "换")] == ["退换货说明"]
        assert kb.search(s, wang, "运费") == [] and kb.search(s, wang, "码") == []
        assert kb.search(s, wang, "尺码") == []


def test_titles_that_match_come_first(db, shop) -> None:
    _load(db, shop, [("care", "zh", "杯子说明", "关于退货：见退货政策。", ""),
                     ("returns", "zh", "退货政策", "七天内。", "")])
    with db.read_session() as s:
        assert [a.title for a in kb.search(s, agent(s, shop, "wang"), "退货")] == [
            "退货政策", "杯子说明"]


def test_filters_by_store_kind_and_language(db, shop) -> None:
    _load(db, shop)  # every store
    _load(db, shop, [("promotion", "zh", "天猫双十二", "满200减30。", "")], store=shop["tm"])
    _load(db, shop, [("promotion", "en", "Black Friday", "20% off.", "")],
          store=shop["shopify"])
    with db.read_session() as s:
        wang = agent(s, shop, "wang")

        def titles(**kw) -> set[str]:
            return {a.title for a in kb.list_articles(s, wang, now=NOW, **kw)}
        assert len(titles()) == 7
        assert titles(store=shop["tm"]) == titles(store=kb.EVERY_STORE) | {"天猫双十二"}
        assert "Black Friday" not in titles(store=shop["tm"])
        assert titles(kind="promotion") == {"天猫双十二", "Black Friday"}
        assert titles(language="en", kind="care") == {"Caring for the wool throw"}
        assert titles(query="满", store=shop["shopify"]) == set()


def test_validity_flags_expired_and_upcoming_promotions(db, shop) -> None:
    with db.transaction() as s:
        owner = agent(s, shop, "owner")
        for title, start, end in (("双十一", NOW - timedelta(days=20), NOW - timedelta(days=9)),
                                  ("双十二", NOW + timedelta(days=10), NOW + timedelta(days=13)),
                                  ("会员日", NOW - timedelta(days=1), NOW + timedelta(days=1)),
                                  ("长期活动", None, None)):
            kb.create(s, owner, draft(kind="promotion", title=title, body=f"{title}满减活动。",
                                      valid_from=start, valid_to=end), now=NOW)
    with db.read_session() as s:
        wang = agent(s, shop, "wang")
        states = {a.title: a.state for a in kb.list_articles(s, wang, now=NOW)}
        assert states == {"双十一": kb.EXPIRED, "双十二": kb.UPCOMING, "会员日": kb.ACTIVE,
                          "长期活动": kb.ACTIVE}
        assert {a.title for a in kb.list_articles(s, wang, now=NOW, include_expired=False)} == {
            "双十二", "会员日", "长期活动"}
        assert {a.title for a in kb.current_articles(s, wang, shop["tm"], now=NOW)} == {
            "会员日", "长期活动"}
        # the day after the member day, it is expired too
        later = NOW + timedelta(days=2)
        assert {a.title for a in kb.current_articles(s, wang, shop["tm"], now=later)} == {
            "长期活动"}


def _conversation(db, shop, store: str, texts: list[str]) -> int:
    with db.transaction() as s:
        conv = Conversation(store_id=shop[store], customer=f.customer(f"c-{store}"))
        s.add(conv)
        s.flush()
        for i, body in enumerate(texts):
            s.add(Message(conversation_id=conv.id, store_id=shop[store],
                          at=NOW - timedelta(minutes=len(texts) - i), text=body,
                          direction=Direction.IN if i % 2 == 0 else Direction.OUT))
        return conv.id


def test_articles_for_a_conversation_fit_its_store_and_words(db, shop) -> None:
    _load(db, shop, ARTICLES[:3], store=shop["tm"])
    _load(db, shop, ARTICLES[3:], store=shop["shopify"])
    _load(db, shop, [("promotion", "zh", "双十一满减", "退货运费险限时赠送。", "退货")],
          store=shop["tm"])
    with db.transaction() as s:  # the promotion is over
        promo = s.scalar(select(Article).where(Article.title == "双十一满减"))
        promo.valid_from, promo.valid_to = NOW - timedelta(days=20), NOW - timedelta(days=9)
    zh = _conversation(db, shop, "tm", ["你好，拖鞋我穿38码选哪个尺码？", "亲，M码",
                                        "那退货运费谁出？"])
    en = _conversation(db, shop, "shopify", ["Hi, where is my delivery? No tracking yet",
                                             "Checking", "also how do I wash the throw?"])
    with db.read_session() as s:
        wang = agent(s, shop, "wang")
        zh_found = kb.articles_for_conversation(s, wang, zh, now=NOW)
        en_found = kb.articles_for_conversation(s, wang, en, now=NOW)
        assert kb.articles_for_conversation(s, wang, 999_999, now=NOW) == []
    assert [m.article.title for m in zh_found] == ["居家拖鞋尺码表", "七天无理由退货"]
    assert "尺码" in zh_found[0].matched and zh_found[0].score > zh_found[1].score
    assert "双十一满减" not in [m.article.title for m in zh_found]  # expired: never offered
    assert {m.article.title for m in en_found} == {"Shipping policy",
                                                   "Caring for the wool throw"}


def test_an_expired_promotion_is_never_offered_even_as_the_best_match(db, shop) -> None:
    with db.transaction() as s:
        owner = agent(s, shop, "owner")
        kb.create(s, owner, draft(kind="promotion", title="拖鞋尺码福利", body="拖鞋尺码38码特价",
                                  keywords="拖鞋 尺码 38", valid_from=NOW - timedelta(days=3),
                                  valid_to=NOW - timedelta(seconds=1)), now=NOW)
    conv = _conversation(db, shop, "tm", ["拖鞋38码有货吗？"])
    with db.read_session() as s:
        wang = agent(s, shop, "wang")
        assert kb.articles_for_conversation(s, wang, conv, now=NOW) == []
        assert kb.articles_for_conversation(s, wang, conv,
                                            now=NOW - timedelta(days=1))[0].article.title == (
            "拖鞋尺码福利")


def test_a_stores_deletion_takes_its_articles(db, shop) -> None:
    _load(db, shop, ARTICLES[:1], store=shop["tm"])
    _load(db, shop, ARTICLES[1:2])
    with db.transaction() as s:
        s.delete(s.get(Store, shop["tm"]))
    with db.read_session() as s:
        assert [a.title for a in kb.list_articles(s, agent(s, shop, "wang"))] == ["居家拖鞋尺码表"]
