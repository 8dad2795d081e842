"""Every workbook is written as an agent, on both backends: refused for a role that may not
export, personal data masked for a role that may not see it, in full for the owner; no
actor is a TypeError; the command line acts as the owner or as ``--agent KEY``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from shopdesk.cli import main
from shopdesk.exporters import EXPORTERS
from shopdesk.exporters.complaints import export_complaints
from shopdesk.exporters.handovers import export_handovers
from shopdesk.exporters.refunds import export_refunds
from shopdesk.exporters.satisfaction import export_satisfaction
from shopdesk.models import Agent, Conversation, Customer, Order, OrderItem, Store, SurveyResponse
from shopdesk.models.enums import (
    ComplaintCategory,
    ConversationStatus,
    OrderStatus,
    Platform,
    ReturnKind,
    ReturnReason,
    Role,
    Severity,
)
from shopdesk.services import agents as agent_svc
from shopdesk.services import complaint_opening as csvc
from shopdesk.services import handover as handover_svc
from shopdesk.services import return_opening, return_steps
from shopdesk.services.permissions import ROLE_ACTIONS, Action, PermissionDenied
from shopdesk.services.privacy import mask_name

AT = datetime(2026, 11, 5, 12, tzinfo=UTC)
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
NAME = "王芳芳"
# Where each workbook writes the customer: (sheet index, column index from 0).
CUSTOMER_COLUMN = {"complaints": 3, "satisfaction": 3, "refunds": 4}


@pytest.fixture
def shop(db):
    """One complaint, one survey response and one refund of the customer 王芳芳 in November,
    one handover; an owner, an agent and a bookkeeper."""
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Lin", Role.BOOKKEEPER))
        store = Store(key="tm", name="天猫旗舰店", platform=Platform.TMALL, currency="CNY",
                      timezone="Asia/Shanghai")
        customer = Customer(key="c1", name=NAME)
        s.add_all([store, customer])
        o = Order(store=store, customer=customer, order_no="2041586613212345678",
                  placed_at=AT - timedelta(days=5), status=OrderStatus.DELIVERED,
                  currency="CNY", total_minor=1000, delivered_at=AT - timedelta(days=3))
        o.items.append(OrderItem(sku="S", title="Item", qty=1, unit_price_minor=1000))
        conv = Conversation(store=store, customer=customer, status=ConversationStatus.CLOSED,
                            assignee_id=wang.id)
        s.add_all([o, conv])
        s.flush()
        csvc.create(s, wang, csvc.NewComplaint(store.id, customer.id,
                                               ComplaintCategory.WRONG_ITEM, Severity.HIGH,
                                               "发错颜色"), now=AT)
        s.add(SurveyResponse(conversation_id=conv.id, agent_id=wang.id, score=5,
                             answered_at=AT))
        case = return_opening.create_case(s, owner, return_opening.NewCase(
            o.id, {"S": 1}, ReturnKind.REFUND_ONLY, ReturnReason.WRONG_ITEM, 1000),
            now=AT - timedelta(hours=3))
        for step, hours in (("approve", 2), ("refund", 1)):
            return_steps.take_step(s, owner, case.id, case.version, return_steps.StepInput(step),
                                   now=AT - timedelta(hours=hours))
        handover_svc.save_handover(s, wang, None, f"{NAME} 等回复",
                                   handover_svc.HandoverDraft())
    return db


def agent(session, role: Role) -> Agent:
    return session.scalar(select(Agent).where(Agent.role == role))


def customer_names(path: Path, what: str) -> list[str]:
    sheet = load_workbook(path).worksheets[0]
    return [row[CUSTOMER_COLUMN[what]] for row in sheet.iter_rows(min_row=2, values_only=True)]


def about(path: Path) -> dict:
    return {r[0]: r[1] for r in load_workbook(path)["About"].iter_rows(values_only=True)}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_exports_as_the_permission_table_says(shop, tmp_path, role) -> None:
    may_export = Action.EXPORT in ROLE_ACTIONS[role]
    masked = Action.SEE_PERSONAL_DATA not in ROLE_ACTIONS[role]
    for what, export in EXPORTERS.items():
        path = tmp_path / f"{what}-{role.value}.xlsx"
        with shop.read_session() as s:
            actor = agent(s, role)
            if not may_export:
                with pytest.raises(PermissionDenied, match="cannot export data"):
                    export(s, actor, path, FIRST, LAST)
                assert not path.exists()
                continue
            assert export(s, actor, path, FIRST, LAST) == 1
        assert customer_names(path, what) == [mask_name(NAME) if masked else NAME]
        assert about(path)["Personal data masked"] == ("Yes" if masked else "No")
        assert about(path)["Exported by"] == actor.name


def test_the_owner_sees_full_names_and_an_agent_is_refused(shop, tmp_path) -> None:
    """The table today: the owner and the bookkeeper export in full, an agent not at all."""
    with shop.read_session() as s:
        for role in (Role.OWNER, Role.BOOKKEEPER):
            assert export_refunds(s, agent(s, role), tmp_path / "r.xlsx", FIRST, LAST) == 1
            assert customer_names(tmp_path / "r.xlsx", "refunds") == [NAME]
        with pytest.raises(PermissionDenied, match="An agent cannot export data"):
            export_complaints(s, agent(s, Role.AGENT), tmp_path / "c.xlsx", FIRST, LAST)
        with pytest.raises(PermissionDenied, match="An agent cannot export data"):
            export_handovers(s, agent(s, Role.AGENT), tmp_path / "h.xlsx", FIRST, LAST)
        with pytest.raises(PermissionDenied, match="Nobody is signed in"):
            export_satisfaction(s, None, tmp_path / "s.xlsx", FIRST, LAST)


def test_a_role_that_exports_without_seeing_personal_data_gets_masked_names(
        shop, tmp_path, monkeypatch) -> None:
    """Should the table let a role export without seeing personal data, its workbooks mask
    the customers (and the handovers, free text about customers, are refused)."""
    monkeypatch.setitem(ROLE_ACTIONS, Role.BOOKKEEPER, frozenset({Action.VIEW, Action.EXPORT}))
    for what, export in EXPORTERS.items():
        path = tmp_path / f"{what}.xlsx"
        with shop.read_session() as s:
            assert export(s, agent(s, Role.BOOKKEEPER), path, FIRST, LAST) == 1
        assert customer_names(path, what) == [mask_name(NAME)] != [NAME]
        assert about(path)["Personal data masked"] == "Yes"
    with shop.read_session() as s, pytest.raises(PermissionDenied, match="unmasked"):
        export_handovers(s, agent(s, Role.BOOKKEEPER), tmp_path / "h.xlsx", FIRST, LAST)


def test_a_deactivated_agent_is_refused(shop, tmp_path) -> None:
    with shop.transaction() as s:
        agent(s, Role.BOOKKEEPER).active = False
    with shop.read_session() as s, pytest.raises(PermissionDenied, match="deactivated"):
        export_refunds(s, agent(s, Role.BOOKKEEPER), tmp_path / "r.xlsx", FIRST, LAST)


@pytest.mark.parametrize("export", [export_complaints, export_satisfaction, export_refunds,
                                    export_handovers])
def test_no_actor_is_a_type_error(shop, tmp_path, export) -> None:
    path = tmp_path / "x.xlsx"
    with shop.read_session() as s:
        with pytest.raises(TypeError):
            export(s, path, FIRST, LAST)
        with pytest.raises(TypeError):
            export(s, path=path, first=FIRST, last=LAST)
        with pytest.raises(TypeError):
            export(s, agent(s, Role.OWNER), path, FIRST, LAST, mask=False)
    assert not path.exists()


def test_command_line_acts_as_the_owner_or_as_the_agent_given(shop, db_url, tmp_path,
                                                              capsys) -> None:
    out = tmp_path / "cli.xlsx"
    days = ["--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out), "--db", db_url]
    assert main(["export", "refunds", *days]) == 0
    assert customer_names(out, "refunds") == [NAME]
    assert about(out)["Exported by"] == "Owner"
    out.unlink()
    with shop.read_session() as s:
        wang, lin = agent(s, Role.AGENT).key, agent(s, Role.BOOKKEEPER).key
    for args in (["export", "complaints", "--agent", wang, *days],
                 ["--agent", wang, "export", "handovers", *days]):
        assert main(args) == 1
        assert "An agent cannot export data." in capsys.readouterr().err
        assert not out.exists()
    assert main(["export", "satisfaction", "--agent", lin, *days]) == 0
    assert about(out)["Exported by"] == "Lin"
    assert main(["export", "refunds", "--agent", "nobody", *days]) == 1
    assert "no agent with the key nobody" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # the flag is gone: the role decides
        main(["export", "refunds", "--no-mask", *days])
