"""Compensation is money paid out, on both backends: it counts against the agent's refund
limit per currency (above it the complaint goes to the owner), with the order's refunds it
never comes to more than the order paid unless the owner confirms it in words, it never
shrinks once granted, and it is a row of the refunds ledger."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from shopdesk.errors import ConfirmationNeeded, MoneyError, ShopDeskError
from shopdesk.exporters.refunds import export_refunds
from shopdesk.models import Agent, AuditEvent, Complaint
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ReturnKind,
    ReturnReason,
    Role,
    Severity,
)
from shopdesk.services import agents as agent_svc
from shopdesk.services import (
    complaint_actions,
    complaint_opening,
    complaint_view,
    reports,
    return_opening,
    return_steps,
)
from shopdesk.services.payouts import payouts_between
from shopdesk.services.permissions import PermissionDenied
from tests import factories as f

T0 = f.T0
ONE_MILLION = 100_000_000  # ¥1,000,000.00


@pytest.fixture
def shop(db):
    """An order paid ¥128.00 in a CNY store, a USD store, an agent allowed ¥200.00 in CNY."""
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Wang", Role.AGENT, refund_limits={"CNY": 20000}))
        st, usd, cu = f.store(), f.store("sh", "USD"), f.customer()
        o = f.order(st, cu)  # ¥128.00
        s.add_all([o, usd])
        s.flush()
        return {"owner": owner.id, "wang": wang.id, "store": st.id, "usd": usd.id,
                "customer": cu.id, "order": o.id}


def ticket(db, shop, store="store", order=True) -> int:
    with db.transaction() as s:
        new = complaint_opening.NewComplaint(store_id=shop[store], customer_id=shop["customer"],
                                             category=ComplaintCategory.DAMAGED_IN_TRANSIT,
                                             severity=Severity.HIGH, summary="杯子运输破损",
                                             order_id=shop["order"] if order else None)
        return complaint_opening.create(s, s.get(Agent, shop["wang"]), new, now=T0).id


def resolve(db, shop, cid, amount, who="wang", confirmation="", at=T0 + timedelta(hours=2)):
    with db.transaction() as s:
        version = complaint_view.view(s, cid).version
        return complaint_actions.update(s, s.get(Agent, shop[who]), cid, version,
                                        complaint_actions.Change(
            "resolve", resolution="赔偿", compensation_minor=amount,
            confirmation=confirmation), now=at).compensation_minor


def reopen(db, shop, cid) -> None:
    with db.transaction() as s:
        complaint_actions.update(s, s.get(Agent, shop["owner"]), cid,
                                 complaint_view.view(s, cid).version,
                                 complaint_actions.Change("reopen"), now=T0 + timedelta(hours=3))


def refund(db, shop, amount: int, at=T0 + timedelta(hours=1)) -> None:
    with db.transaction() as s:
        owner = s.get(Agent, shop["owner"])
        case = return_opening.create_case(s, owner, return_opening.NewCase(
            shop["order"], {"SKU-1": 1}, ReturnKind.REFUND_ONLY, ReturnReason.QUALITY_ISSUE,
            amount), now=at)
        return_steps.take_step(s, owner, case.id, case.version, return_steps.StepInput("approve"),
                               now=at)
        return_steps.take_step(s, owner, case.id, case.version, return_steps.StepInput("refund"),
                               now=at)


def test_above_the_agents_limit_the_complaint_goes_to_the_owner(db, shop) -> None:
    cid = ticket(db, shop, order=False)
    with pytest.raises(PermissionDenied, match=r"^¥1,000,000\.00 is above your refund limit "
                       r"of ¥200\.00; the complaint waits for the owner\. Hand it to the owner "
                       r"with “Ask the owner”\.$"):
        resolve(db, shop, cid, ONE_MILLION)
    with db.read_session() as s:
        c = s.get(Complaint, cid)
        assert c.status == ComplaintStatus.NEW and c.compensation_minor is None
    with db.transaction() as s:
        complaint_actions.ask_owner(s, s.get(Agent, shop["wang"]), cid,
                                    complaint_view.view(s, cid).version,
                                    note="建议赔偿 ¥1,000,000.00")
    with db.read_session() as s:
        v = complaint_view.view(s, cid)
        assert v.assignee_id == shop["owner"] and v.timeline[-1].note.startswith("建议赔偿")
        assert s.scalar(select(AuditEvent.agent_id).where(
            AuditEvent.action == "complaint.ask_owner")) == shop["wang"]
    assert resolve(db, shop, cid, ONE_MILLION, who="owner") == ONE_MILLION  # no order: no cap
    assert resolve(db, shop, ticket(db, shop, order=False), 20000) == 20000  # at the limit


def test_the_limit_is_per_currency(db, shop) -> None:
    cid = ticket(db, shop, store="usd", order=False)
    with pytest.raises(PermissionDenied, match=r"\$0\.01 is above your refund limit of \$0\.00"):
        resolve(db, shop, cid, 1)


def test_with_the_refunds_never_more_than_paid_unless_the_owner_confirms(db, shop) -> None:
    refund(db, shop, 10000)  # ¥100.00 of the ¥128.00 paid
    cid = ticket(db, shop)
    with pytest.raises(PermissionDenied, match=r"^¥50\.00 of compensation and ¥100\.00 already "
                       r"refunded or compensated come to more than the ¥128\.00 paid for order "
                       r"2041586613212345678; only the owner can allow that\."):
        resolve(db, shop, cid, 5000)
    with pytest.raises(MoneyError, match=r"write why in the confirmation"):
        resolve(db, shop, cid, 5000, who="owner", confirmation="  ")
    assert resolve(db, shop, cid, 5000, who="owner", confirmation="顾客受伤，另行补偿") == 5000
    with db.read_session() as s:
        event = complaint_view.view(s, cid).timeline[-1]
        assert event.after["confirmation"] == "顾客受伤，另行补偿"
        audit = s.scalar(select(AuditEvent).where(AuditEvent.action == "complaint.resolve"))
        assert audit.after["confirmation"] == "顾客受伤，另行补偿"
    # within what was paid an agent needs nobody: ¥28.00 left on this order… now none
    other = ticket(db, shop)
    with pytest.raises(PermissionDenied, match="only the owner can allow that"):
        resolve(db, shop, other, 1)


def test_the_owners_words_are_words(db, shop) -> None:
    """A confirmation of "." or "1" is not the owner saying why; two characters are."""
    cid = ticket(db, shop)
    for nothing in (".", "1", "!!", " x "):
        with pytest.raises(MoneyError, match=r"write why in the confirmation\.$"):
            resolve(db, shop, cid, 20000, who="owner", confirmation=nothing)
    assert resolve(db, shop, cid, 20000, who="owner", confirmation="同意") == 20000


def test_an_amount_no_shop_pays_is_refused_not_a_database_error(db, shop) -> None:
    """The owner needs nobody's word without an order; 10**30 reached the database
    (OverflowError on SQLite, "bigint out of range" on PostgreSQL)."""
    cid = ticket(db, shop, order=False)
    with pytest.raises(MoneyError, match=r"^¥10,000,000,000,000,000,000,000,000,000\.00 is "
                       r"more than ShopDesk takes as one amount \(at most "
                       r"¥1,000,000,000\.00\)\.$"):
        resolve(db, shop, cid, 10**30, who="owner")
    assert resolve(db, shop, cid, 100_000_000_000, who="owner") == 100_000_000_000  # the bound
    with db.read_session() as s:
        assert s.get(Complaint, cid).compensation_minor == 100_000_000_000


def test_a_refund_after_compensation_is_capped_by_what_was_paid(db, shop) -> None:
    cid = ticket(db, shop)
    assert resolve(db, shop, cid, 2800) == 2800  # ¥28.00, within the agent's limit
    refund(db, shop, 10000)  # ¥100.00 + ¥28.00 = ¥128.00: exactly what was paid
    with pytest.raises(MoneyError, match="would exceed the 128.00 CNY paid"):
        refund(db, shop, 1)


def test_granted_compensation_is_kept_and_never_shrinks(db, shop) -> None:
    cid = ticket(db, shop)
    resolve(db, shop, cid, 1000)
    reopen(db, shop, cid)
    assert resolve(db, shop, cid, None) == 1000  # resolved again without a figure: kept
    reopen(db, shop, cid)
    with pytest.raises(MoneyError, match=r"¥10\.00 of compensation has already been granted"):
        resolve(db, shop, cid, 500)
    with pytest.raises(MoneyError, match="negative"):
        resolve(db, shop, cid, -1)
    assert resolve(db, shop, cid, 1500, at=T0 + timedelta(days=40)) == 1500


def test_compensation_is_in_the_refunds_ledger(db, shop, tmp_path) -> None:
    refund(db, shop, 3000)
    cid = ticket(db, shop)
    resolve(db, shop, cid, 1000)  # Nov 1
    reopen(db, shop, cid)
    resolve(db, shop, cid, 1500, at=T0 + timedelta(days=40))  # +¥5.00 in December
    with db.transaction() as s:  # a ticket loaded from a dataset: no timeline
        loaded = s.get(Complaint, ticket(db, shop, order=False))
        loaded.compensation_minor, loaded.status = 700, ComplaintStatus.RESOLVED
        loaded.resolved_at = T0 + timedelta(days=2)
        loaded.events.clear()
    with db.read_session() as s:
        rows = payouts_between(s, T0 - timedelta(days=1), T0 + timedelta(days=60))
    assert [(r.number, r.amount_minor, r.order_no) for r in rows] == [
        ("R-1", 3000, "2041586613212345678"), (f"C-{cid}", 1000, "2041586613212345678"),
        (f"C-{loaded.id}", 700, ""), (f"C-{cid}", 500, "2041586613212345678")]
    path = tmp_path / "refunds.xlsx"
    with db.read_session() as s:
        assert export_refunds(s, s.get(Agent, shop["owner"]), path, date(2026, 11, 1),
                              date(2026, 11, 30), lang="zh_CN") == 3
    sheet = load_workbook(path)["退款明细"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [v[1] for v in values] == ["R-1", f"C-{cid}", f"C-{loaded.id}"]
    assert values[1][5] == "投诉补偿: 运输破损" and float(values[1][6]) == 10.0
    with db.read_session() as s:  # the Reports page's chart shows the ledger's money
        fig = reports.figures(s, T0 - timedelta(days=1), T0 + timedelta(days=60))
    ledger: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (reports.month_of(r.at), r.currency)
        ledger[key] = ledger.get(key, 0) + r.amount_minor
    assert {(m, c): v for m, by in fig.refunds.items() for c, v in by.items()} == ledger


def test_check_refuses_what_update_would_and_writes_nothing(db, shop) -> None:
    """The complaint pane asks ``complaints.check`` before it confirms a payment: the same
    refusals as ``update``, the order read and not locked, nothing written."""
    cid = ticket(db, shop)
    with db.read_session() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEvent))

    def check(who: str, amount: int, resolution: str = "赔偿", confirmation: str = "") -> None:
        with db.read_session() as s:
            complaint_actions.check(s, s.get(Agent, shop[who]), cid,
                                    complaint_view.view(s, cid).version, complaint_actions.Change(
                "resolve", resolution=resolution, compensation_minor=amount,
                confirmation=confirmation))

    with pytest.raises(PermissionDenied, match="¥500.00 is above your refund limit of ¥200"):
        check("wang", 50000)
    with pytest.raises(ConfirmationNeeded):  # the order paid ¥128.00
        check("owner", 15000)
    with pytest.raises(ShopDeskError, match="Write how"):
        check("owner", 5000, resolution=" ")
    check("wang", 5000)
    check("owner", 15000, confirmation="顾客等了三周")
    with db.read_session() as s:
        c = s.get(Complaint, cid)
        assert c.compensation_minor is None and c.status != ComplaintStatus.RESOLVED
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == audits
    with pytest.raises(PermissionDenied):  # and update still refuses on its own
        resolve(db, shop, cid, 50000)
