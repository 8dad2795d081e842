"""Inbox speed on the large demo (100,000 conversations, 1,000,000 messages): the first
page of each view, the view counts, opening a conversation, and search with queries of one,
two and more characters. Medians over repeated runs go to docs/benchmarks.md.

    python -m bench.inbox --db /tmp/large.sqlite      # built on first use, reused after
"""

from __future__ import annotations

import statistics

from sqlalchemy import func, select

from bench.report import large_demo_args, median_ms, record
from shopdesk.db import open_database
from shopdesk.models import Message
from shopdesk.services import inbox, search

QUERIES = ["发", "发票", "还没发货", "亲", "ship", "damaged", "SF1234567890", "不存在的词语"]


def main() -> None:
    url, keep = large_demo_args(__doc__ or "")
    db = open_database(url)
    lines = ["| what | median ms |", "| --- | ---: |"]
    with db.read_session() as s:
        messages = s.scalar(select(func.count()).select_from(Message))
        for view in inbox.View:
            f = inbox.InboxFilter(view=view, agent_id=2)
            ms = median_ms(lambda f=f: inbox.page(s, f, None, 200))
            lines.append(f"| first page (200 rows), view {view.value} | {ms:.1f} |")
        ms = median_ms(lambda: inbox.view_counts(s, inbox.InboxFilter(agent_id=2)))
        lines.append(f"| counts of the four views | {ms:.1f} |")
        busiest = s.scalar(select(Message.conversation_id).group_by(Message.conversation_id)
                           .order_by(func.count().desc()).limit(1))
        ms = median_ms(lambda: inbox.thread(s, busiest, None, 100))
        lines.append(f"| open a conversation (newest 100 messages) | {ms:.1f} |")
        search_times = []
        for q in QUERIES:
            ms = median_ms(lambda q=q: search.search(s, q))
            search_times.append(ms)
            lines.append(f"| search \"{q}\" ({len(q)} chars) | {ms:.1f} |")
        lines.append(f"| **search, median over the queries** | "
                     f"**{statistics.median(search_times):.1f}** |")
    body = f"Database: {db.backend}, {messages:,} messages.\n\n" + "\n".join(lines)
    print(body)
    if keep:
        record(f"Inbox and search on {db.backend} (bench/inbox.py)", body)


if __name__ == "__main__":
    main()
