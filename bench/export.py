"""Complaints export against a bare openpyxl write-only dump of the same 17 columns.

    python -m bench.export [--rows 100000] [--db /tmp/shopdesk-complaints.sqlite] [--no-record]

Builds a database with ``--rows`` complaints the first time (bulk insert), then times
``export_complaints`` (as the owner) and the baseline, in turns, twice each (the faster run
of each counts; CPU time of the process, as the machine may be shared): the baseline reads the same columns, computes the same 17 values per row
and writes them with the same header as plain values in openpyxl's write-only mode (no
formats, no text typing, no table, no summary, no About sheet). It also measures the peak
memory (resident set) of a process that runs the export once.

Goals (issue 17): at most 1.2× the baseline's time, at most 150 MB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, insert, select

from bench.report import record
from shopdesk.db import open_database
from shopdesk.exporters.complaints import HEADERS, export_complaints
from shopdesk.exporters.words import CATEGORIES, SEVERITIES, STATUSES
from shopdesk.models import Agent, Complaint, Customer, Order, Store
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Platform, Role, Severity
from shopdesk.money import to_decimal
from shopdesk.times import to_local

START = datetime(2026, 1, 1, tzinfo=UTC)
TIME_GOAL, MEMORY_GOAL_MB = 1.2, 150


def build(url: str, rows: int) -> None:
    db = open_database(url)
    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Complaint)) >= rows:
            if s.scalar(select(Agent.id).where(Agent.role == Role.OWNER)) is None:
                s.add(Agent(key="owner", name="林晓雨", role=Role.OWNER))  # an older bench file
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


def bare_dump(url: str, path: Path) -> int:
    """The baseline: the same 17 columns and header as plain values, write-only."""
    db = open_database(url)
    n = 0
    with db.read_session() as s:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Complaints")
        sheet.append(HEADERS["en"])
        q = (select(Complaint.id, Complaint.opened_at, Store.name, Customer.name,
                    Order.order_no, Complaint.category, Complaint.severity, Complaint.tier,
                    Complaint.status, Agent.name, Complaint.first_response_at,
                    Complaint.resolved_at, Complaint.compensation_minor, Complaint.currency,
                    Complaint.summary, Complaint.resolution)
             .join(Store, Store.id == Complaint.store_id)
             .join(Customer, Customer.id == Complaint.customer_id)
             .outerjoin(Order, Order.id == Complaint.order_id)
             .outerjoin(Agent, Agent.id == Complaint.assignee_id)
             .order_by(Complaint.opened_at, Complaint.id))
        for (cid, opened, store, customer, order_no, category, severity, tier, status, agent,
             answered, resolved, compensation, currency, summary, resolution) in s.execute(
                q.execution_options(yield_per=2000)):
            opened = to_local(opened)
            sheet.append([
                f"C-{cid}", opened.replace(tzinfo=None), store, customer, order_no,
                CATEGORIES["en"][category], SEVERITIES["en"][severity], tier,
                STATUSES["en"][status], agent,
                int((answered - opened).total_seconds() // 60) if answered else None,
                (Decimal((resolved - opened).total_seconds()) / 3600).quantize(
                    Decimal("0.1"), ROUND_HALF_UP) if resolved else None,
                to_decimal(compensation, currency) if compensation is not None else None,
                currency, summary, resolution, f"{opened.year:04d}-{opened.month:02d}"])
            n += 1
        book.save(path)
    db.dispose()
    return n


def shopdesk_export(url: str, path: Path, last: date) -> int:
    db = open_database(url)
    with db.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.role == Role.OWNER))
        rows = export_complaints(s, owner, path, date(2026, 1, 1), last)
    db.dispose()
    return rows


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of this process (what the comparison uses: on a shared machine the wall
    clock also counts the other programs' turns) and wall seconds."""
    c0, t0 = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - c0, time.perf_counter() - t0


def peak_mb(url: str, path: Path, last: date) -> float:
    """Peak resident memory of a fresh process that runs the export once."""
    code = ("import sys; from datetime import date; from pathlib import Path; "
            "from bench.export import shopdesk_export; "
            "shopdesk_export(sys.argv[1], Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, url, str(path), last.isoformat()],
                   check=True, cwd=Path(__file__).resolve().parents[1])
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/shopdesk-complaints.sqlite")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    build(url, args.rows)
    end = (START + timedelta(minutes=5 * args.rows)).date() + timedelta(days=1)
    out = Path(tempfile.mkdtemp())
    bare, ours = [], []
    for _ in range(2):  # in turns, so that a busy moment of the machine hits both
        bare.append(timed(lambda: bare_dump(url, out / "bare.xlsx")))
        ours.append(timed(lambda: shopdesk_export(url, out / "ours.xlsx", end)))
        print(f"baseline {bare[-1][0]:.1f} s CPU, ShopDesk {ours[-1][0]:.1f} s CPU", flush=True)
    memory = peak_mb(url, out / "memory.xlsx", end)
    (bare_cpu, bare_wall), (ours_cpu, ours_wall) = min(bare), min(ours)
    ratio = ours_cpu / bare_cpu
    body = f"""| what | figure |
| --- | ---: |
| complaints exported | {args.rows:,} |
| baseline: bare openpyxl write-only, same 17 columns and header, plain values (CPU / wall) | {bare_cpu:.1f} s / {bare_wall:.1f} s |
| ShopDesk complaints workbook: formats, text cells, table, summary formulas, chart, About (CPU / wall) | {ours_cpu:.1f} s / {ours_wall:.1f} s |
| ratio of CPU times (goal ≤ {TIME_GOAL}×) | {ratio:.2f}× |
| peak memory of a process exporting them (goal ≤ {MEMORY_GOAL_MB} MB) | {memory:.0f} MB |
| workbook size | {(out / "ours.xlsx").stat().st_size / 2**20:.1f} MB |
"""
    print(body)
    if not args.no_record:
        record("Complaints export (bench/export.py)", body)


if __name__ == "__main__":
    main()
