"""Articles in the dataset format: loaded, dumped and loaded back the same; bad article
lines name their field; files without articles load as before; the demo's knowledge base."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import func, select

from shopdesk.cli import build_demo
from shopdesk.dataset.dump import dump_file, dump_records
from shopdesk.dataset.load import load_file
from shopdesk.db import open_database
from shopdesk.errors import DatasetError
from shopdesk.models import Agent, Article, ArticleImage, Conversation, Store
from shopdesk.models.enums import ConversationStatus
from shopdesk.services import knowledge as kb
from tests.test_dataset import SMALL, write

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ARTICLES = [
    {"kind": "article", "key": "a1", "store": "tm", "type": "size_chart", "language": "zh",
     "title": "拖鞋尺码表", "body": "M码36-38，L码39-41。", "keywords": "尺码 大小",
     "images": [{"filename": "chart.png", "mime_type": "image/png",
                 "data": base64.b64encode(PNG).decode()}],
     "created_at": "2026-10-01T10:00:00+08:00", "created_by": "owner"},
    {"kind": "article", "key": "a2", "type": "returns", "language": "en",
     "title": "Returns policy", "body": "Within 7 days of delivery."},
    {"kind": "article", "key": "a3", "store": "tm", "type": "promotion", "language": "zh",
     "title": "双十一", "body": "满300减40", "valid_from": "2026-11-01T00:00:00+08:00",
     "valid_to": "2026-11-12T00:00:00+08:00"},
]


def test_articles_load_with_their_images_store_and_validity(db, tmp_path: Path) -> None:
    report = load_file(db, write(tmp_path / "a.jsonl", SMALL + ARTICLES))
    assert report.inserted["article"] == 3
    with db.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
        items = {a.key: a for a in kb.list_articles(s, owner, now=NOW)}
        assert items["a1"].store_name == "天猫店" and items["a1"].created_by == "林晓雨"
        assert items["a1"].created_at == datetime(2026, 10, 1, 2, 0, tzinfo=UTC)
        assert kb.image_data(s, owner, items["a1"].images[0].id) == ("chart.png", "image/png",
                                                                      PNG)
        assert items["a2"].store_id is None and items["a2"].keywords == ""
        assert items["a3"].state == kb.EXPIRED
        # loaded articles are searched like the others, one character too
        assert [a.key for a in kb.search(s, owner, "码")] == ["a1"]
        assert [a.key for a in kb.search(s, owner, "deliver")] == ["a2"]


def test_dump_and_load_give_the_same_articles(db, tmp_path: Path) -> None:
    load_file(db, write(tmp_path / "a.jsonl", SMALL + ARTICLES))
    first = tmp_path / "first.jsonl.gz"
    dump_file(db, first)
    lines = [json.loads(x) for x in gzip.decompress(first.read_bytes()).splitlines()]
    dumped = [r for r in lines if r.get("kind") == "article"]
    assert [r["key"] for r in dumped] == ["a1", "a2", "a3"]
    assert base64.b64decode(dumped[0]["images"][0]["data"]) == PNG
    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    load_file(other, first)
    second = tmp_path / "second.jsonl.gz"
    dump_file(other, second)
    assert gzip.decompress(first.read_bytes()) == gzip.decompress(second.read_bytes())
    other.dispose()


def test_loading_again_updates_articles_in_place(db, tmp_path: Path) -> None:
    load_file(db, write(tmp_path / "a.jsonl", SMALL + ARTICLES))
    changed = [{**ARTICLES[0], "title": "拖鞋尺码对照表", "images": None}, *ARTICLES[1:]]
    report = load_file(db, write(tmp_path / "b.jsonl", SMALL + changed))
    assert report.updated["article"] == 3 and "article" not in report.inserted
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 3
        assert s.scalar(select(func.count()).select_from(ArticleImage)) == 0
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
        assert [a.title for a in kb.search(s, owner, "对照")] == ["拖鞋尺码对照表"]


@pytest.mark.parametrize(("change", "field"), [
    ({"type": "faq"}, "type"),
    ({"language": "fr"}, "language"),
    ({"store": "nowhere"}, "store"),
    ({"created_by": "nobody"}, "created_by"),
    ({"title": ""}, "title"),
    ({"valid_from": "2026-11-12T00:00:00+08:00", "valid_to": "2026-11-01T00:00:00+08:00"},
     "valid_to"),
    ({"images": [{"filename": "a.png", "mime_type": "image/png", "data": "not base64!"}]},
     "images[0].data"),
    ({"images": [{"filename": "a.pdf", "mime_type": "application/pdf", "data": "AAAA"}]},
     "images[0].mime_type"),
    ({"colour": "#FFFFFF"}, "colour"),
])
def test_a_bad_article_line_loads_nothing_and_names_its_field(db, tmp_path, change, field):
    bad = {**ARTICLES[0], **change}
    path = write(tmp_path / "bad.jsonl", SMALL + [bad])
    with pytest.raises(DatasetError) as err:
        load_file(db, path)
    assert err.value.line == len(SMALL) + 1 and err.value.field == field
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Store)) == 0


def test_a_file_without_articles_loads_as_before(db, tmp_path: Path) -> None:
    report = load_file(db, write(tmp_path / "old.jsonl", SMALL))
    assert "article" not in report.inserted and report.records == len(SMALL) - 1


def test_every_demo_article_passes_the_schema() -> None:
    from shopdesk.dataset.demo import demo_records

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" /
                         "dataset.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    records = [r for r in demo_records("small", 1, NOW) if r.get("kind") == "article"]
    assert len(records) >= 24
    for record in [*records, *ARTICLES]:
        assert not list(validator.iter_errors(record)), record
    assert list(validator.iter_errors({**ARTICLES[1], "type": "faq"}))


def test_the_demo_knowledge_base(db) -> None:
    anchor = datetime(2026, 11, 20, tzinfo=UTC)
    build_demo(db, "small", 1, anchor)
    now = anchor.replace(hour=12)
    with db.read_session() as s:
        wang = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        items = kb.list_articles(s, wang, now=now)
        by_language = {lang: [a for a in items if a.language == lang] for lang in ("zh", "en")}
        assert all(len(found) >= 12 for found in by_language.values())
        for found in by_language.values():
            assert any(a.kind == "promotion" and a.expired for a in found)
            assert any(a.kind == "promotion" and a.offered for a in found)
        shopify = s.scalar(select(Store.id).where(Store.key == "shopify"))
        assert {a.language for a in kb.list_articles(s, wang, store=shopify)
                if a.store_id == shopify} == {"en"}
        # most open conversations have articles beside them, none of them expired
        open_ids = list(s.scalars(select(Conversation.id).where(
            Conversation.status == ConversationStatus.OPEN).limit(40)))
        offered = [kb.articles_for_conversation(s, wang, cid, now=now) for cid in open_ids]
        assert sum(1 for found in offered if found) >= len(open_ids) * 0.6
        assert not any(m.article.expired for found in offered for m in found)
        dumped = [r for r in dump_records(s) if r.get("kind") == "article"]
        assert len(dumped) == len(items)
