"""The shift handover built from seeded data, reassignment and reading it next shift."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from shopdesk.errors import ShopDeskError
from shopdesk.models import AuditEvent, Complaint, Conversation, ReturnCase
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ConversationStatus,
    Direction,
    Role,
    Severity,
)
from shopdesk.services import agents as agent_svc
from shopdesk.services import handover as svc
from tests import factories as f

NOW = f.T0 + timedelta(days=2)


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        emma = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Emma", Role.AGENT))
        st, cu = f.store(), f.customer()

        def conv(status, last, minutes_ago, who=wang, **kw):
            c = Conversation(store=st, customer=cu, status=status, assignee=who,
                             last_direction=last, last_message_at=NOW - timedelta(minutes=minutes_ago),
                             last_preview=f"msg {minutes_ago}",
                             first_response_due_at=NOW - timedelta(minutes=minutes_ago) + timedelta(hours=1),
                             **kw)
            s.add(c)
            return c

        old = conv(ConversationStatus.OPEN, Direction.IN, 300)
        new = conv(ConversationStatus.OPEN, Direction.IN, 10)
        conv(ConversationStatus.OPEN, Direction.OUT, 5)  # answered: not in the handover
        conv(ConversationStatus.OPEN, Direction.IN, 20, who=emma)  # someone else's
        soon = conv(ConversationStatus.SNOOZED, Direction.IN, 60,
                    snoozed_until=NOW + timedelta(hours=3))
        conv(ConversationStatus.SNOOZED, Direction.IN, 60, snoozed_until=NOW + timedelta(days=5))
        o = f.order(st, cu)
        case = f.return_case(o)
        case.assignee = wang
        case.updated_at = NOW - timedelta(hours=1)
        s.add(case)
        complaint = Complaint(store=st, customer=cu, category=ComplaintCategory.WRONG_ITEM,
                              severity=Severity.HIGH, status=ComplaintStatus.IN_PROGRESS,
                              summary="发错颜色", currency="CNY", assignee=wang,
                              opened_at=NOW, sla_due_at=NOW + timedelta(hours=8))
        s.add(complaint)
        s.flush()
        return {"owner": owner.id, "wang": wang.id, "emma": emma.id, "old": old.id,
                "new": new.id, "soon": soon.id, "case": case.id, "complaint": complaint.id}


def test_handover_content_is_built_from_the_data(db, shop) -> None:
    with db.read_session() as s:
        draft = svc.build_handover(s, shop["wang"], NOW)
    assert [i.id for i in draft.waiting] == [shop["old"], shop["new"]]  # oldest first
    assert draft.waiting[0].detail == "msg 300"  # the customer's last message
    assert [i.id for i in draft.snoozed] == [shop["soon"]]
    assert [i.id for i in draft.returns] == [shop["case"]]
    assert draft.returns[0].due == NOW - timedelta(hours=1) + timedelta(hours=48)
    assert [i.id for i in draft.complaints] == [shop["complaint"]]
    assert draft.complaints[0].due == NOW + timedelta(hours=8)
    assert draft.complaints[0].codes == ["high"] and draft.complaints[0].detail == "发错颜色"
    assert draft.returns[0].codes == ["return_refund", "requested"]
    assert len(draft.to_json()["waiting"]) == 2


def test_reassign_and_save_and_read(db, shop) -> None:
    with db.transaction() as s:
        wang = s.get(agent_svc.Agent, shop["wang"])
        draft = svc.build_handover(s, wang.id, NOW)
        assert svc.reassign(s, wang, "conversation", [shop["old"]], shop["emma"]) == 1
        assert svc.reassign(s, wang, "return", [shop["case"]], None) == 1
        svc.save_handover(s, wang, None, "  客户王芳等补发单号 ", draft)
    with db.read_session() as s:
        assert s.get(Conversation, shop["old"]).assignee_id == shop["emma"]
        assert s.get(ReturnCase, shop["case"]).assignee_id is None
        audits = s.execute(select(AuditEvent.action, AuditEvent.agent_id)
                           .where(AuditEvent.action.like("%reassign"))).all()
        assert sorted(audits) == [("conversation.reassign", shop["wang"]),
                                  ("return.reassign", shop["wang"])]
        after = svc.build_handover(s, shop["wang"], NOW)
        assert [i.id for i in after.waiting] == [shop["new"]]
        notes = svc.unread_handovers(s, shop["emma"])
        assert [h.note for h in notes] == ["客户王芳等补发单号"]
        assert svc.unread_handovers(s, shop["wang"]) == []  # not to oneself
    with db.transaction() as s:
        svc.mark_read(s, shop["emma"], notes[0].id)
        svc.mark_read(s, shop["emma"], notes[0].id)  # twice is fine
    with db.read_session() as s:
        assert svc.unread_handovers(s, shop["emma"]) == []
        assert len(svc.unread_handovers(s, shop["owner"])) == 1  # to everyone
        assert len(svc.past_handovers(s)) == 1


def test_only_own_work_and_only_active_agents(db, shop) -> None:
    with db.transaction() as s:
        emma = s.get(agent_svc.Agent, shop["emma"])
        with pytest.raises(ShopDeskError, match="only hand over your own"):
            svc.reassign(s, emma, "conversation", [shop["old"]], shop["emma"])
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, shop["owner"])
        agent_svc.set_active(s, owner, shop["emma"], False)
    with db.transaction() as s:
        wang = s.get(agent_svc.Agent, shop["wang"])
        with pytest.raises(ShopDeskError, match="cannot take over"):
            svc.reassign(s, wang, "conversation", [shop["old"]], shop["emma"])


def test_work_goes_only_to_people_who_answer_customers(db, shop) -> None:
    """The bookkeeper was offered as the one to take a shift over: they cannot reply."""
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, shop["owner"])
        zhao = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Zhao", Role.BOOKKEEPER))
        zhao_id = zhao.id
    with db.transaction() as s:
        wang = s.get(agent_svc.Agent, shop["wang"])
        assert [a.name for a in svc.takers(s, wang)] == ["Owner", "Emma"]
        with pytest.raises(ShopDeskError, match="does not answer customers"):
            svc.reassign(s, wang, "conversation", [shop["old"]], zhao_id)
        with pytest.raises(ShopDeskError, match="does not answer customers"):
            svc.save_handover(s, wang, zhao_id, "", svc.build_handover(s, wang.id, NOW))
    with db.read_session() as s:
        assert s.get(Conversation, shop["old"]).assignee_id == shop["wang"]
