"""Suggested replies: ranking on a fixed labelled set (not by eye), the per-store boost of
what agents sent before, the cache, the article provider hook and ``shopdesk suggest``."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from shopdesk.cli import main
from shopdesk.dataset.demo import QUICK_REPLIES
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation, Message, QuickReply, SuggestionChoice
from shopdesk.models.enums import Direction, Role
from shopdesk.services import quick_replies as qr
from shopdesk.services import suggestions as sg
from tests import factories as f

LABELLED = Path(__file__).resolve().parents[1] / "bench" / "data" / "suggest_labelled.tsv"


@pytest.fixture(autouse=True)
def _fresh_cache():
    sg.clear_cache()
    yield
    sg.clear_cache()


def _labelled() -> list[tuple[str, str, str]]:
    lines = [ln for ln in LABELLED.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return [tuple(ln.split("\t")) for ln in lines]  # type: ignore[misc]


def _demo_shop(s) -> dict[str, int]:  # type: ignore[no-untyped-def]
    stores = {key: f.store(key) for key in ("tmall", "pdd", "shopify")}
    s.add_all(stores.values())
    for i, (cat, code, title, body) in enumerate(QUICK_REPLIES):
        s.add(QuickReply(category=cat, code=code, title=title, body=body, position=i))
    s.flush()
    return {k: v.id for k, v in stores.items()}


def test_the_labelled_set_is_big_and_covers_every_demo_reply() -> None:
    rows = _labelled()
    assert len(rows) >= 300
    codes = {code for _s, code, _t in rows}
    assert codes == {code for _c, code, _t, _b in QUICK_REPLIES}
    assert all(sum(1 for r in rows if r[1] == code) >= 20 for code in codes)


def test_ranking_on_a_fixed_subset(db) -> None:
    subset = _labelled()[::2]  # every other message: 153, both languages, every reply
    with db.transaction() as s:
        stores = _demo_shop(s)
        top1 = top3 = 0
        misses = []
        for store, code, text in subset:
            codes = [x.code for x in sg.suggest(s, stores[store], text)]
            top1 += bool(codes) and codes[0] == code
            top3 += code in codes
            if code not in codes:
                misses.append((text, code, codes))
    assert top3 / len(subset) >= 0.9, misses
    assert top1 / len(subset) >= 0.85, misses


def test_scores_are_best_first_and_limited(db) -> None:
    with db.transaction() as s:
        stores = _demo_shop(s)
        found = sg.suggest(s, stores["tmall"], "能开发票吗？公司报销用")
        assert [x.code for x in found][:1] == ["fp"]
        assert len(found) <= 3
        assert [x.score for x in found] == sorted((x.score for x in found), reverse=True)
        assert sg.suggest(s, stores["tmall"], "   ") == []
        assert sg.suggest(s, stores["tmall"], "能开发票吗", limit=1)[0].kind == "quick_reply"


def _conversation(s, store_id: int, text: str, key: str) -> Conversation:  # type: ignore[no-untyped-def]
    customer = f.customer(key)
    s.add(customer)
    s.flush()
    conv = Conversation(store_id=store_id, customer_id=customer.id)
    s.add(conv)
    s.flush()
    s.add(Message(conversation_id=conv.id, store_id=store_id, at=f.T0, direction=Direction.IN,
                  text="在吗"))
    s.add(Message(conversation_id=conv.id, store_id=store_id, at=f.T0 + timedelta(minutes=1),
                  direction=Direction.IN, text=text))
    s.flush()
    return conv


def test_what_agents_sent_before_is_boosted_in_that_store_only(db) -> None:
    with db.transaction() as s:
        stores = _demo_shop(s)
        s.add(QuickReply(category="商品", code="cm", title="尺码表", position=99,
                         body="请参考详情页第三张图，按身高体重选择即可。"))
        agent = Agent(key="a1", name="王芳", role=Role.AGENT)
        s.add(agent)
        s.flush()
        question = "一米七穿哪个合适啊"
        before = [x.code for x in sg.suggest(s, stores["tmall"], question)]
        assert "cm" not in before[:1]
        for n in range(3):
            conv = _conversation(s, stores["tmall"], "我一米七穿哪个合适" + "?" * n, f"c{n}")
            choice = sg.record_choice(s, agent, conv.id, "quick_reply", "cm")
            assert choice is not None and choice.store_id == stores["tmall"]
        assert choice.message_text.startswith("我一米七穿哪个合适")  # the latest customer message
        after = sg.suggest(s, stores["tmall"], question)
        assert after[0].code == "cm"
        assert "cm" not in [x.code for x in sg.suggest(s, stores["pdd"], question)][:1]
        assert s.scalar(select(SuggestionChoice.agent_id).limit(1)) == agent.id
        assert sg.suggest(s, stores["tmall"], question, use_choices=False)[0].code != "cm"


def test_recording_a_choice_needs_the_right_to_reply(db) -> None:
    with db.transaction() as s:
        stores = _demo_shop(s)
        keeper = Agent(key="b1", name="会计", role=Role.BOOKKEEPER)
        agent = Agent(key="a1", name="王芳", role=Role.AGENT)
        s.add_all([keeper, agent])
        s.flush()
        conv = _conversation(s, stores["tmall"], "发票", "c1")
        with pytest.raises(ShopDeskError):
            sg.record_choice(s, keeper, conv.id, "quick_reply", "fp")
        with pytest.raises(ShopDeskError):
            sg.record_choice(s, agent, conv.id, "macro", "fp")


def test_the_index_follows_changes_to_quick_replies(db) -> None:
    with db.transaction() as s:
        stores = _demo_shop(s)
        owner = Agent(key="owner", name="Owner", role=Role.OWNER)
        s.add(owner)
        s.flush()
        question = "有没有赠品送"
        assert "zp" not in [x.code for x in sg.suggest(s, stores["tmall"], question)]
        reply = qr.save(s, owner, None, "活动", "zp", "赠品", "下单就送精美赠品一份～")
        assert sg.suggest(s, stores["tmall"], question)[0].code == "zp"
        qr.save(s, owner, reply.id, "活动", "zp2", "赠品", "下单就送精美赠品一份～")
        assert sg.suggest(s, stores["tmall"], question)[0].code == "zp2"
        qr.delete(s, owner, reply.id)
        assert "zp2" not in [x.code for x in sg.suggest(s, stores["tmall"], question)]


class _Articles:
    kind = "article"

    def __init__(self, store_id: int) -> None:
        self.store_id = store_id

    def stamp(self, session, store_id):  # type: ignore[no-untyped-def]
        return 1

    def candidates(self, session, store_id):  # type: ignore[no-untyped-def]
        return [sg.Candidate("article", "care-linen", "棉麻床品洗涤",
                             "棉麻床品请冷水手洗，不可漂白，阴干。", None, None, "保养 清洗"),
                sg.Candidate("article", "pdd-only", "拼多多专属洗涤说明", "冷水手洗。",
                             self.store_id + 1)]


def test_an_article_provider_plugs_in(db) -> None:
    with db.transaction() as s:
        stores = _demo_shop(s)
        saved = list(sg.PROVIDERS)
        try:
            sg.register_provider(_Articles(stores["tmall"]))
            sg.register_provider(_Articles(stores["tmall"]))  # replaces, not twice
            assert len(sg.PROVIDERS) == len(saved) + 1
            found = sg.suggest(s, stores["tmall"], "床单怎么洗？")
            assert (found[0].kind, found[0].code) == ("article", "care-linen")
            assert "pdd-only" not in [x.code for x in found]  # another store's article
            assert found[0].as_json()["kind"] == "article"
        finally:
            sg.PROVIDERS[:] = saved
            sg.clear_cache()


def test_the_knowledge_base_articles_are_suggested_but_never_an_expired_promotion(db) -> None:
    from datetime import timedelta

    from shopdesk.services import agents as agent_svc
    from shopdesk.services import knowledge
    from shopdesk.times import utcnow

    with db.transaction() as s:
        stores = _demo_shop(s)
        owner = agent_svc.create_owner(s, "林晓雨")
        knowledge.create(s, owner, knowledge.ArticleDraft(
            "care", "zh", "棉麻床单洗涤方法", "棉麻床单请冷水手洗，不可漂白，阴干。",
            store_id=stores["tmall"], keywords="床单 清洗 洗涤"))
        knowledge.create(s, owner, knowledge.ArticleDraft(
            "promotion", "zh", "床单双十一满减", "床单满300减50，清洗后不退换。",
            store_id=stores["tmall"], keywords="床单 清洗 优惠",
            valid_from=utcnow() - timedelta(days=30), valid_to=utcnow() - timedelta(days=1)))
        sg.clear_cache()
        found = sg.suggest(s, stores["tmall"], "床单怎么清洗？")
        assert (found[0].kind, found[0].title) == ("article", "棉麻床单洗涤方法")
        assert "床单双十一满减" not in [x.title for x in found]
        # another store does not get the Tmall store's article
        assert "棉麻床单洗涤方法" not in [x.title for x in sg.suggest(s, stores["pdd"],
                                                                   "床单怎么清洗？")]


def test_cli_suggest_prints_the_top_three(db_url, capsys) -> None:
    from shopdesk.db import open_database

    db = open_database(db_url)
    with db.transaction() as s:
        _demo_shop(s)
    db.dispose()
    assert main(["suggest", "--db", db_url, "--store", "tmall", "--json",
                 "我的快递到哪了", "can I get a refund"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["text"] == "我的快递到哪了"
    assert first["suggestions"][0] == {"kind": "quick_reply", "code": "wl", "title": "物流单号",
                                       "score": first["suggestions"][0]["score"]}
    assert len(first["suggestions"]) == 3
    assert second["suggestions"][0]["code"] == "return"
    assert main(["suggest", "--db", db_url, "--store", "tmall", "杯子碎了"]) == 0
    out = capsys.readouterr().out
    assert "ps" in out.splitlines()[1] and "破损处理" in out
    assert main(["suggest", "--db", db_url, "--store", "nope", "x"]) == 1
