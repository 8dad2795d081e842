"""Customers page speed with 100,000 customers: the count and the first page for each sort,
searches (Chinese substrings, a phone number, an e-mail, an order number), filters, a deep
page, and the duplicate suggestions. Medians go to docs/benchmarks.md.

    python -m bench.customers --db /tmp/large.sqlite   # the large demo, grown to 100,000
    python -m bench.customers --db /tmp/large.sqlite --small /tmp/small.sqlite --first-open

``--first-open`` times only the page's first open (built, shown, its first rows and
card painted) on the 100,000 customers against the same on the small demo (about 300
customers, built into ``--small`` the first time), in turns, in one process; the goal of
issue 17 is a ratio of at most 1.05×.

The large demo has 30,000 customers; the first run adds customers (each with a store
identity and an order) until there are 100,000 and refreshes their summaries.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from bench.report import large_demo_args, median_ms, record
from shopdesk.dataset.demo import GIVEN, SURNAMES
from shopdesk.db import open_database
from shopdesk.models import Agent, Customer, CustomerIdentity, Order, Store, Tag
from shopdesk.models.enums import OrderStatus, Role
from shopdesk.services import customer_list as cl
from shopdesk.services import duplicates

TARGET = 100_000
# The searches run as the owner's: an agent finds a phone or an e-mail by the whole only.
OWNER = Agent(key="bench-owner", name="Owner", role=Role.OWNER, active=True)


def grow(db, target: int) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        have = s.scalar(select(func.count()).select_from(Customer)) or 0
        if have >= target:
            return
        print(f"adding {target - have:,} customers…")
        stores = list(s.scalars(select(Store.id).order_by(Store.id)))
        rng = random.Random(7)
        first = (s.scalar(select(func.max(Customer.id))) or 0) + 1
        now = datetime(2026, 11, 1, tzinfo=UTC)
        customers, identities, orders = [], [], []
        for n in range(target - have):
            cid = first + n
            placed = now - timedelta(days=rng.randint(1, 700))
            customers.append({"id": cid, "key": f"bench{cid}",
                              "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                              "phone": f"1{rng.choice('3589')}{rng.randint(10**8, 10**9 - 1)}",
                              "created_at": placed})
            store = rng.choice(stores)
            identities.append({"customer_id": cid, "store_id": store,
                               "handle": f"bench_{cid}"})
            orders.append({"store_id": store, "customer_id": cid, "key": f"bo{cid}",
                           "order_no": f"9{cid:011d}", "placed_at": placed,
                           "status": OrderStatus.COMPLETED, "currency": "CNY",
                           "total_minor": rng.randint(1000, 200000), "shipping_minor": 0})
        s.execute(insert(Customer), customers)
        s.execute(insert(CustomerIdentity), identities)
        s.execute(insert(Order), orders)
        started = time.perf_counter()
        cl.refresh(s)
        print(f"refreshed every customer's summary in {time.perf_counter() - started:.1f} s")


def open_page(url: str) -> tuple[float, float]:
    """Milliseconds from the Customers page's construction to its first rows and card
    painted, with the owner signed in (as navigating to it does): wall time, and the GUI
    thread's CPU time (what the machine's other load does not change)."""
    from PySide6.QtWidgets import QApplication

    from shopdesk.models import Agent
    from shopdesk.ui.customers import CustomersPage

    app = QApplication.instance()
    db = open_database(url)
    with db.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
    started, cpu = time.perf_counter(), time.thread_time()
    page = CustomersPage("customersPage", db)
    page.set_actor(owner)
    page.resize(1380, 780)
    page.show()
    while not page.model.rows:
        app.processEvents()
    page.repaint()
    ms = (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000
    while getattr(page, "busy", lambda: False)():  # what it still reads in the background
        app.processEvents()
    page.close()
    page.deleteLater()
    app.processEvents()
    db.dispose()
    return ms


def first_open(large: str, small: str, runs: int = 15) -> str:
    import os
    import statistics

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from shopdesk.cli import build_demo
    from shopdesk.db import is_empty

    app = QApplication.instance() or QApplication([])  # noqa: F841 - kept while measuring
    sdb = open_database(small)
    if is_empty(sdb):
        build_demo(sdb, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with sdb.read_session() as s:
        few = s.scalar(select(func.count()).select_from(Customer))
    sdb.dispose()
    ldb = open_database(large)
    with ldb.read_session() as s:
        many = s.scalar(select(func.count()).select_from(Customer))
    ldb.dispose()
    open_page(small), open_page(large)  # the statements compiled once, as in the program
    pairs = [(open_page(small), open_page(large)) for _ in range(runs)]
    a = statistics.median(p[0][0] for p in pairs)
    b = statistics.median(p[1][0] for p in pairs)
    ratio = statistics.median(p[1][0] / p[0][0] for p in pairs)
    ca = statistics.median(p[0][1] for p in pairs)
    cb = statistics.median(p[1][1] for p in pairs)
    return "\n".join([
        f"First open of the Customers page (built, shown, first rows and card painted), "
        f"{runs} runs in turns; load average {os.getloadavg()[0]:.1f}.", "",
        "| what | median ms, wall | median ms, GUI thread CPU |", "| --- | ---: | ---: |",
        f"| {few:,} customers (small demo) | {a:.1f} | {ca:.1f} |",
        f"| {many:,} customers | {b:.1f} | {cb:.1f} |",
        f"| ratio of the medians (goal ≤ 1.05×) | {b / a:.2f}× | {cb / ca:.2f}× |",
        f"| median of the pairs' own ratios | {ratio:.2f}× | |",
    ])


def main() -> None:
    import sys

    if "--first-open" in sys.argv:
        import argparse

        parser = argparse.ArgumentParser()
        parser.add_argument("--first-open", action="store_true")
        parser.add_argument("--db", default="/tmp/shopdesk-large.sqlite")
        parser.add_argument("--small", default="/tmp/shopdesk-small.sqlite")
        parser.add_argument("--no-record", action="store_true")
        args = parser.parse_args()
        from shopdesk.db import resolve_url

        db = open_database(resolve_url(args.db))
        grow(db, TARGET)
        db.dispose()
        body = first_open(resolve_url(args.db), resolve_url(args.small))
        print(body)
        if not args.no_record:
            record("Customers page, first open (bench/customers.py)", body)
        return
    url, keep = large_demo_args(__doc__ or "")
    db = open_database(url)
    grow(db, TARGET)
    lines = ["| what | median ms |", "| --- | ---: |"]
    timings = []

    def measure(label: str, flt: cl.CustomerFilter, after: cl.CustomerRow | None = None) -> None:
        def work() -> None:  # as the owner searches (any part of a phone or e-mail)
            cl.count(s, flt, OWNER)
            cl.page(s, flt, OWNER, after, cl.PAGE)
        ms = median_ms(work)
        timings.append(ms)
        lines.append(f"| {label} | {ms:.1f} |")

    with db.read_session() as s:
        customers = s.scalar(select(func.count()).select_from(Customer))
        for sort in cl.Sort:
            measure(f"count + first page ({cl.PAGE} rows), sorted by {sort.value}",
                    cl.CustomerFilter(sort=sort))
        deep = cl.page(s, cl.CustomerFilter(sort=cl.Sort.SPENT), None, None, 50_000)[-1]
        measure("the page after row 50,000, sorted by spent",
                cl.CustomerFilter(sort=cl.Sort.SPENT), deep)
        sample = s.execute(select(Customer.name, Customer.phone, Customer.email)
                           .where(Customer.email.is_not(None)).limit(1)).one()
        order_no = s.scalar(select(Order.order_no).limit(1))
        for label, text in (("one Chinese character", "芳"), ("two characters", sample[0][:2]),
                            ("phone digits", (sample[1] or "13800")[3:9]),
                            ("e-mail", sample[2].split("@")[0]),
                            ("order number", order_no[-8:]), ("nothing matches", "不存在")):
            measure(f"search: {label} \"{text}\"", cl.CustomerFilter(text=text))
        tag = s.scalar(select(Tag.id).limit(1))
        store = s.scalar(select(Store.id).limit(1))
        measure("filter: a tag", cl.CustomerFilter(tag_id=tag))
        measure("filter: segment VIP, by spent", cl.CustomerFilter(segment="vip",
                                                                   sort=cl.Sort.SPENT))
        measure("filter: a store, by last contact", cl.CustomerFilter(
            store_id=store, sort=cl.Sort.LAST_CONTACT))
        measure("search + store + tag", cl.CustomerFilter(text="王", store_id=store, tag_id=tag))
        ms = median_ms(lambda: duplicates.suggestions(s), repeat=3)
        lines.append(f"| duplicate suggestions (all customers) | {ms:.1f} |")
    lines.append(f"| **slowest list query** | **{max(timings):.1f}** |")
    body = (f"Database: {db.backend}, {customers:,} customers; each line is the count of "
            f"matching customers plus one page of {cl.PAGE} rows.\n\n" + "\n".join(lines))
    print(body)
    if keep:
        record(f"Customers page on {db.backend} (bench/customers.py)", body)


if __name__ == "__main__":
    main()
