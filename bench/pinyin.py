"""Pinyin search speed on the large demo (30,600 customers): the pinyin lookup alone, the
whole inbox search (``search.search``: numbers, names, their pinyin, messages) and the
Customers page (count and first page) for initials and full spellings, and the keys of every
customer computed as the loader does. Goal (issue 17): the inbox search within 10 ms on
SQLite and 20 ms on PostgreSQL for queries of three letters or more, 20 / 30 ms for two. The
inbox search also looks the letters up in the messages (as it always did): the column
"without pinyin" is that search alone, so the difference is what pinyin adds.

    python -m bench.pinyin --db /tmp/large.sqlite
    python -m bench.pinyin --db postgresql+psycopg://postgres@127.0.0.1:5432/bench
"""

from __future__ import annotations

import time

from sqlalchemy import func, select

from bench.report import large_demo_args, median_ms, record
from shopdesk.db import open_database
from shopdesk.models import Agent, Customer, Message
from shopdesk.models.enums import Role
from shopdesk.pinyin_keys import keys_for
from shopdesk.services import customer_list, pinyin_search, search

# The Customers page's search as the owner's (an agent finds a phone or e-mail whole only).
OWNER = Agent(key="bench-owner", name="Owner", role=Role.OWNER, active=True)

QUERIES = ["wf", "zw", "lz", "wangfang", "zhangwei", "wang f", "gsy", "gaosiyu"]


def main() -> None:
    url, keep = large_demo_args(__doc__ or "")
    db = open_database(url)
    pg = db.backend != "sqlite"
    lines = ["| query | pinyin lookup ms | inbox search ms | the same without pinyin ms | "
             "goal ms | Customers page ms |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    with db.read_session() as s:
        customers = s.scalar(select(func.count()).select_from(Customer))
        messages = s.scalar(select(func.count()).select_from(Message))
        names = list(s.scalars(select(Customer.name)))
        for q in QUERIES:
            goal = (30 if pg else 20) if len(q) <= 2 else (20 if pg else 10)
            lookup = median_ms(lambda q=q: pinyin_search.customer_ids(s, q, 10), repeat=7)
            whole = median_ms(lambda q=q: search.search(s, q), repeat=5)
            lookup_of = pinyin_search.customer_ids
            pinyin_search.customer_ids = lambda *_a: []  # what the search costs without it
            try:
                without = median_ms(lambda q=q: search.search(s, q), repeat=5)
            finally:
                pinyin_search.customer_ids = lookup_of
            f = customer_list.CustomerFilter(text=q)
            page = median_ms(lambda f=f: (customer_list.count(s, f, OWNER),
                                          customer_list.page(s, f, OWNER)), repeat=3)
            lines.append(f"| {q} | {lookup:.2f} | {whole:.1f} | {without:.1f} | ≤ {goal} | "
                         f"{page:.1f} |")
    keys_for.cache_clear()
    started = time.perf_counter()
    for name in names:
        keys_for(name)
    keys_seconds = time.perf_counter() - started
    body = (f"Database: {db.backend}, {customers:,} customers, {messages:,} messages.\n\n"
            + "\n".join(lines)
            + f"\n\nKeys of all {len(names):,} customers ({len(set(names)):,} distinct names), "
              f"as the loader computes them: {keys_seconds:.2f} s.")
    print(body)
    if keep:
        record(f"Pinyin search on {db.backend} (bench/pinyin.py)", body)


if __name__ == "__main__":
    main()
