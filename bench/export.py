"""Complaints export against a bare openpyxl write-only dump of the same rows.

    python -m bench.export [--rows 100000] [--db /tmp/shopdesk-complaints.sqlite] [--no-record]

Builds a database with ``--rows`` complaints the first time (bulk insert), then times
``export_complaints`` and a bare write-only dump of the same query's values, and measures
the exporter's peak Python memory at a tenth of the rows and at all of them (flat memory:
the two should be close).
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, insert, select

from bench.report import record
from shopdesk.db import open_database
from shopdesk.exporters.complaints import export_complaints
from shopdesk.models import Agent, Complaint, Customer, Store
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Platform, Role, Severity

START = datetime(2026, 1, 1, tzinfo=UTC)


def build(url: str, rows: int) -> None:
    db = open_database(url)
    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Complaint)) >= rows:
            return
        store = Store(key="tm", name="天猫旗舰店", platform=Platform.TMALL, currency="CNY",
                      timezone="Asia/Shanghai")
        agent = Agent(key="wang", name="王芳", role=Role.AGENT)
        owner = Agent(key="owner", name="林晓雨", role=Role.OWNER)
        s.add_all([store, agent, owner])
        s.flush()
        s.execute(insert(Customer), [{"key": f"c{i}", "name": f"顾客{i}"}
                                     for i in range(1000)])
        first_customer = s.scalar(select(func.min(Customer.id)))
        cats, sevs = list(ComplaintCategory), list(Severity)
        batch = []
        for i in range(rows):
            opened = START + timedelta(minutes=5 * i)
            batch.append({
                "key": f"k{i}", "store_id": store.id, "customer_id": first_customer + i % 1000,
                "category": cats[i % len(cats)], "severity": sevs[i % len(sevs)],
                "tier": 1 + i % 3, "status": ComplaintStatus.RESOLVED, "opened_at": opened,
                "sla_due_at": opened + timedelta(hours=24),
                "first_response_at": opened + timedelta(minutes=17),
                "resolved_at": opened + timedelta(hours=5), "assignee_id": agent.id,
                "summary": f"商品破损 =cmd {i}", "resolution": "补发", "currency": "CNY",
                "compensation_minor": (i % 50) * 100, "version": 1})
            if len(batch) == 10000:
                s.execute(insert(Complaint), batch)
                batch = []
        if batch:
            s.execute(insert(Complaint), batch)
    db.dispose()


def bare_dump(url: str, path: Path) -> None:
    """The floor: the same rows' values, write-only, no styling, no summary."""
    db = open_database(url)
    with db.read_session() as s:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Complaints")
        q = (select(Complaint.id, Complaint.opened_at, Store.name, Customer.name,
                    Complaint.category, Complaint.severity, Complaint.tier, Complaint.status,
                    Agent.name, Complaint.first_response_at, Complaint.resolved_at,
                    Complaint.compensation_minor, Complaint.currency, Complaint.summary,
                    Complaint.resolution)
             .join(Store, Store.id == Complaint.store_id)
             .join(Customer, Customer.id == Complaint.customer_id)
             .outerjoin(Agent, Agent.id == Complaint.assignee_id).order_by(Complaint.opened_at))
        for row in s.execute(q.execution_options(yield_per=2000)):
            sheet.append([v.replace(tzinfo=None) if isinstance(v, datetime) else
                          (v.value if hasattr(v, "value") else v) for v in row])
        book.save(path)
    db.dispose()


def timed(work) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def shopdesk_export(url: str, path: Path, last: date) -> int:
    db = open_database(url)
    with db.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.role == Role.OWNER))
        rows = export_complaints(s, owner, path, date(2026, 1, 1), last)
    db.dispose()
    return rows


def peak_mib(url: str, path: Path, last: date) -> float:
    tracemalloc.start()
    shopdesk_export(url, path, last)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/shopdesk-complaints.sqlite")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    build(url, args.rows)
    end = (START + timedelta(minutes=5 * args.rows)).date() + timedelta(days=1)
    tenth = (START + timedelta(minutes=5 * args.rows // 10)).date()
    out = Path(tempfile.mkdtemp())
    bare = min(timed(lambda: bare_dump(url, out / "bare.xlsx")) for _ in range(2))
    ours = min(timed(lambda: shopdesk_export(url, out / "ours.xlsx", end)) for _ in range(2))
    small, large = peak_mib(url, out / "a.xlsx", tenth), peak_mib(url, out / "b.xlsx", end)
    body = f"""| what | figure |
| --- | ---: |
| complaints exported | {args.rows:,} |
| bare openpyxl write-only dump of the same rows | {bare:.1f} s |
| ShopDesk complaints workbook (table, formats, summary formulas, chart, About) | {ours:.1f} s |
| ratio (aim ≤ 1.5×) | {ours / bare:.2f}× |
| peak Python memory of the export, a tenth of the rows / all rows | {small:.1f} / {large:.1f} MiB |
"""
    print(body)
    if not args.no_record:
        record("Complaints export (bench/export.py)", body)


if __name__ == "__main__":
    main()
