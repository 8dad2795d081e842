"""Suggested replies: how well and how fast ``services.suggestions`` ranks the demo's quick
replies for a labelled set of customer messages (bench/data/suggest_labelled.tsv: 306
messages in Chinese and English, varied wording, typos, mixed languages, about 30 per quick
reply), beside a baseline measured in the same run.

- Accuracy: top-1 and top-3 over the labelled set with the demo's 10 quick replies, for
  character n-grams and for jieba (each with and without the thesaurus), and the baseline:
  a plain substring scan (a candidate scores the number of the message's words and Chinese
  characters found in its title and text).
- Latency: per message with 5,000 candidates (the demo's quick replies, 2,990 generated
  ones and 2,000 generated articles through the article provider hook), index cached as in
  the app; the first message of a store (index built) is shown apart.

    python -m bench.suggest [--no-record] [--no-jieba]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench.report import record
from shopdesk.dataset.demo import QUICK_REPLIES, STORES
from shopdesk.db import open_database
from shopdesk.models import QuickReply, Store
from shopdesk.models.enums import Platform
from shopdesk.services import suggestions as sg
from shopdesk.services.suggest_index import CJK_RUN, WORD
from shopdesk.textfold import fold

LABELLED = Path(__file__).resolve().parent / "data" / "suggest_labelled.tsv"
GOAL_TOP3, GOAL_MS = 0.85, 20.0


def labelled() -> list[tuple[str, str, str]]:
    """(store key, expected code, message) of the labelled set."""
    rows = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            store, code, text = line.split("\t")
            rows.append((store, code, text))
    return rows


def demo_shop(url: str):  # type: ignore[no-untyped-def]
    db = open_database(url)
    with db.transaction() as s:
        for st in STORES:
            s.add(Store(key=st["key"], name=st["name"], platform=Platform(st["platform"]),
                        currency=st["currency"], timezone=st["timezone"]))
        for i, (cat, code, title, body) in enumerate(QUICK_REPLIES):
            s.add(QuickReply(category=cat, code=code, title=title, body=body, position=i))
    return db


ZH = ("亲", "这款", "杯子", "花瓶", "蜡烛", "收纳盒", "床品", "尺寸", "材质", "陶瓷", "棉麻", "清洗",
      "保养", "颜色", "规格", "库存", "预售", "活动", "满减", "优惠券", "会员", "积分", "赠品", "包装",
      "礼盒", "定制", "刻字", "批发", "价格", "保修", "安装", "说明书", "适用", "微波炉", "洗碗机")
EN = ("this", "item", "size", "chart", "material", "ceramic", "linen", "care", "wash", "colour",
      "stock", "preorder", "sale", "coupon", "member", "points", "gift", "box", "custom",
      "engraving", "wholesale", "price", "warranty", "manual", "microwave", "dishwasher")


def filler(rng: random.Random, n: int) -> str:
    if rng.random() < 0.6:
        return "，".join("".join(rng.sample(ZH, 3)) for _ in range(n)) + "。"
    return " ".join(rng.sample(EN, min(len(EN), 4 * n))) + "."


class BenchArticles:
    """Generated articles through the article provider hook (as the knowledge base does)."""

    kind = "article"

    def __init__(self, count: int) -> None:
        rng = random.Random(7)
        self.items = [sg.Candidate("article", f"a{i}", filler(rng, 1), filler(rng, 4))
                      for i in range(count)]

    def stamp(self, session, store_id):  # type: ignore[no-untyped-def]
        return len(self.items)

    def candidates(self, session, store_id):  # type: ignore[no-untyped-def]
        return self.items


def baseline(candidates: list[tuple[str, str]], text: str, limit: int = 3) -> list[str]:
    """Plain substring scan: count the message's words and Chinese characters found in each
    candidate's title and text."""
    folded = fold(text)
    tokens = set(WORD.findall(folded)) | {ch for run in CJK_RUN.findall(folded) for ch in run}
    scored = []
    for position, (code, hay) in enumerate(candidates):
        hits = sum(1 for t in tokens if t in hay)
        if hits:
            scored.append((-hits, position, code))
    return [code for _h, _p, code in sorted(scored)[:limit]]


def accuracy(db, analyzer: str | None, rows) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    top1 = top3 = 0
    with db.read_session() as s:
        stores = {st.key: st.id for st in s.scalars(select(Store))}
        plain = [(r.code, fold(f"{r.title}\n{r.category}\n{r.body}"))
                 for r in s.scalars(select(QuickReply).order_by(QuickReply.id))]
        for store, code, text in rows:
            if analyzer is None:
                codes = baseline(plain, text)
            else:
                codes = [x.code for x in sg.suggest(s, stores[store], text, 3, analyzer)]
            top1 += bool(codes) and codes[0] == code
            top3 += code in codes
    return top1 / len(rows), top3 / len(rows)


def latency(db, rows, analyzer: str) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """(first message ms, median ms, 95th percentile ms, baseline median ms) with 5,000
    candidates."""
    sg.clear_cache()
    times, base = [], []
    with db.read_session() as s:
        store = s.scalar(select(Store.id).where(Store.key == "tmall"))
        started = time.perf_counter()
        sg.suggest(s, store, rows[0][2], 3, analyzer)
        first = (time.perf_counter() - started) * 1000
        plain = [(r.code, fold(f"{r.title}\n{r.category}\n{r.body}"))
                 for r in s.scalars(select(QuickReply))]
        plain += [(c.code, fold(f"{c.title}\n{c.text}")) for c in sg.PROVIDERS[-1].candidates(s, None)]
        for _store, _code, text in rows:  # two passes, so that neither warms the other
            started = time.perf_counter()
            sg.suggest(s, store, text, 3, analyzer)
            times.append((time.perf_counter() - started) * 1000)
        for _store, _code, text in rows:
            started = time.perf_counter()
            baseline(plain, text)
            base.append((time.perf_counter() - started) * 1000)
    times.sort()
    return (first, statistics.median(times), times[int(len(times) * 0.95)],
            statistics.median(base))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--no-jieba", action="store_true")
    args = parser.parse_args()
    rows = labelled()
    if not args.no_jieba:
        try:
            import jieba  # noqa: F401 - not a dependency of ShopDesk: pip install jieba
        except ImportError:
            print("jieba is not installed (pip install jieba): n-grams only")
            args.no_jieba = True
    analyzers = ["ngram", "ngram-plain"] + ([] if args.no_jieba else ["jieba", "jieba-plain"])
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_shop(f"sqlite:///{tmp}/suggest.sqlite")
        results = {a: accuracy(db, a, rows) for a in analyzers}
        base = accuracy(db, None, rows)
        rng = random.Random(3)
        with db.transaction() as s:
            for i in range(5000 - 2000 - len(QUICK_REPLIES)):
                s.add(QuickReply(category=rng.choice(["商品", "Products", "活动"]), code=f"g{i}",
                                 title=filler(rng, 1), body=filler(rng, 3), position=100 + i))
        sg.register_provider(BenchArticles(2000))
        big = {a: accuracy(db, a, rows) for a in ("ngram",)}
        speed = {a: latency(db, rows, a) for a in analyzers if not a.endswith("plain")}
        db.dispose()
    lines = [f"Labelled set: {len(rows)} customer messages (bench/data/suggest_labelled.tsv), "
             f"{len(QUICK_REPLIES)} demo quick replies; goal top-3 ≥ {GOAL_TOP3:.0%}.", "",
             "| ranking | top-1 | top-3 | top-3 vs baseline |", "| --- | ---: | ---: | ---: |"]
    names = {"ngram": "character n-grams + thesaurus (shipped)",
             "ngram-plain": "character n-grams, no thesaurus",
             "jieba": "jieba words + thesaurus", "jieba-plain": "jieba words, no thesaurus"}
    for a, (t1, t3) in results.items():
        lines.append(f"| {names[a]} | {t1:.1%} | {t3:.1%} | {t3 / base[1]:.2f}× |")
    lines.append(f"| baseline: plain substring scan | {base[0]:.1%} | {base[1]:.1%} | 1.00× |")
    t1, t3 = big["ngram"]
    lines.append(f"| n-grams + thesaurus among 5,000 candidates | {t1:.1%} | {t3:.1%} | – |")
    lines += ["", f"Latency per message with 5,000 candidates (3,000 quick replies, 2,000 "
              f"articles), goal ≤ {GOAL_MS:.0f} ms; each message of the set once, through "
              "`suggestions.suggest` (the cache's checks in the database included):", "",
              "| ranking | first message (index built) ms | median ms | p95 ms | baseline median ms | baseline / ranking |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for a, (first, med, p95, bmed) in speed.items():
        lines.append(f"| {names[a]} | {first:.0f} | {med:.2f} | {p95:.2f} | {bmed:.2f} | "
                     f"{bmed / med:.2f}× |")
    body = "\n".join(lines)
    print(body)
    if not args.no_record:
        record("Suggested replies (bench/suggest.py)", body)


if __name__ == "__main__":
    main()
