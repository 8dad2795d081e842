"""Search speed on the large demo (1,000,000 messages, 30,000 customers), on SQLite and
PostgreSQL: common, rare and absent terms of one and two characters, and longer ones. Each
query is timed through ``search.search`` (customer names and the first page of messages)
and, as the baseline in the same run, as a plain scan of the messages without any index
(``instr``/``strpos`` on the text, newest first, the same page size). On PostgreSQL the
script also prints ``EXPLAIN (ANALYZE, BUFFERS)`` of every statement a search runs.

    python -m bench.search --db /tmp/large.sqlite
    python -m bench.search --db postgresql+psycopg://postgres@127.0.0.1:5432/bench
"""

from __future__ import annotations

from time import process_time

from sqlalchemy import event, func, select, text

from bench.report import large_demo_args, median_ms, record
from shopdesk.db import open_database
from shopdesk.models import Message
from shopdesk.services import search

SHORT, LONG = "1–2 characters", "3+ characters"
# The goals of issue 17: ms for (SQLite, PostgreSQL), first page.
TARGETS = {SHORT: (20.0, 30.0), LONG: (10.0, 20.0)}
QUERIES = [  # (query, what it is)
    ("发", "common"), ("亲", "common"), ("发票", "common"),
    ("翡", "rare"), ("翡翠", "rare"), ("龘", "absent"), ("龘龘", "absent"), ("ok", "Latin"),
    ("还没发货", "common"), ("件套碎了", "rare"), ("ship", "Latin"), ("damaged", "Latin"),
    ("SF1234567890", "absent"), ("不存在的词语", "absent"),
    ("wf", "pinyin initials"), ("zhangwei", "pinyin"), ("wang f", "pinyin, spaced"),
]
PLANS = ["翡翠", "龘", "发", "件套碎了"]


def baseline_sql(backend: str) -> str:
    if backend == "sqlite":
        return "SELECT id FROM messages WHERE instr(text, :q) > 0 ORDER BY id DESC LIMIT :n"
    return "SELECT id FROM messages WHERE strpos(text, :q) > 0 ORDER BY id DESC LIMIT :n"


def statements_of(s, query: str) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    """The SQL statements (and parameters) one search runs."""
    seen: list[tuple[str, dict]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    engine = s.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        search.search(s, query)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return seen


def plans(s, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    raw = s.connection().connection.driver_connection
    for statement, parameters in statements_of(s, query):
        if not ("FROM messages WHERE" in statement or "FROM customers WHERE" in statement):
            continue  # the query's pairs, the newest id, the hits' rows: not the search
        with raw.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            out.append("\n".join(row[0] for row in cur.fetchall()))
    return out


def backend_seconds(s) -> float | None:  # type: ignore[no-untyped-def]
    """CPU seconds the PostgreSQL server process of this session has used so far (a server
    on this machine: /proc), or None."""
    import os

    pid = s.execute(text("SELECT pg_backend_pid()")).scalar_one()
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def cpu_ms(s, query: str, pg: bool, runs: int = 20) -> str:  # type: ignore[no-untyped-def]
    """CPU milliseconds of one search: this process's, and on PostgreSQL its server
    process's too (what an idle machine would take, whatever else the machine runs)."""
    server = backend_seconds(s) if pg else 0.0
    if server is None:
        return "–"
    started = process_time()
    for _ in range(runs):
        search.search(s, query)
    client = process_time() - started
    server = (backend_seconds(s) - server) if pg else 0.0  # type: ignore[operator]
    return f"{(client + server) * 1000 / runs:.1f}"


def main() -> None:
    url, keep = large_demo_args(__doc__ or "")
    db = open_database(url)
    pg = db.backend != "sqlite"
    # The CPU time of a search (on PostgreSQL this process's and its server process's) says
    # what an idle machine would take when other work inflates the wall time.
    lines = ["| query | kind | search ms | search CPU ms | plain scan ms | ratio | goal ms | met |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    worst = {SHORT: 0.0, LONG: 0.0}
    explained = []
    with db.read_session() as s:
        messages = s.scalar(select(func.count()).select_from(Message))
        for q, kind in QUERIES:
            group = SHORT if len(q) <= 2 else LONG
            goal = TARGETS[group][1 if pg else 0]
            ms = median_ms(lambda q=q: search.search(s, q), repeat=5)
            cpu = cpu_ms(s, q, pg)
            base = median_ms(lambda q=q: s.execute(text(baseline_sql(db.backend)),
                                                   {"q": q, "n": search.LIMIT}).all(), repeat=3)
            worst[group] = max(worst[group], ms)
            lines.append(f"| {q} | {kind}, {len(q)} chars | {ms:.1f} | {cpu} | {base:.1f} | "
                         f"{ms / base:.3f} | ≤ {goal:.0f} | {'yes' if ms <= goal else 'no'} |")
        if pg:
            for q in PLANS:
                for plan in plans(s, q):
                    explained.append(f"Search \"{q}\":\n\n```\n{plan}\n```")
    summary = [f"- slowest {group}: {ms:.1f} ms (goal ≤ {TARGETS[group][1 if pg else 0]:.0f} ms)"
               for group, ms in worst.items()]
    body = (f"Database: {db.backend}, {messages:,} messages.\n\n" + "\n".join(lines) + "\n\n"
            + "\n".join(summary))
    if explained:
        body += "\n\nPlans (EXPLAIN (ANALYZE, BUFFERS)):\n\n" + "\n\n".join(explained)
    print(body)
    if keep:
        record(f"Search on {db.backend} (bench/search.py)", body)


if __name__ == "__main__":
    main()
