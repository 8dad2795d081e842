"""Tags on both backends: tag a customer (creating the tag in place), untag, rename,
recolour, merge and delete, with the owner-only rules and the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, AuditEvent, Customer, Tag
from shopdesk.models.enums import Role
from shopdesk.services import agents as agent_svc
from shopdesk.services import tags as svc
from shopdesk.services.permissions import PermissionDenied
from tests import factories as f


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        a, b = f.customer("c1", "王芳"), f.customer("c2", "李雷")
        s.add_all([a, b])
        s.flush()
        return {"owner": owner.id, "wang": wang.id, "a": a.id, "b": b.id}


def who(s, shop, name="wang") -> Agent:
    return s.get(Agent, shop[name])


def names(db, shop, customer: str) -> list[str]:
    with db.read_session() as s:
        return [t.name for t in svc.tags_of(s, shop[customer])]


def test_tag_in_place_untag_and_no_doubles(db, shop) -> None:
    with db.transaction() as s:
        vip = svc.add_to_customer(s, who(s, shop), shop["a"], "  VIP ")
        assert vip.name == "VIP" and vip.colour.startswith("#")
        svc.add_to_customer(s, who(s, shop), shop["a"], "vip")  # the same tag, once
        svc.add_to_customer(s, who(s, shop), shop["b"], "VIP")
        svc.add_to_customer(s, who(s, shop), shop["a"], "老客户")
    assert names(db, shop, "a") == ["VIP", "老客户"]
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Tag)) == 2
        assert {t.name: t.customers for t in svc.all_tags(s)} == {"VIP": 2, "老客户": 1}
        vip_id = s.scalar(select(Tag.id).where(Tag.name == "VIP"))
    with db.transaction() as s:
        svc.remove_from_customer(s, who(s, shop), shop["a"], vip_id)
    assert names(db, shop, "a") == ["老客户"]
    with pytest.raises(ShopDeskError, match="needs a name"), db.transaction() as s:
        svc.add_to_customer(s, who(s, shop), shop["a"], "   ")


def test_owner_renames_recolours_merges_and_deletes(db, shop) -> None:
    with db.transaction() as s:
        vip = svc.add_to_customer(s, who(s, shop), shop["a"], "VIP").id
        big = svc.add_to_customer(s, who(s, shop), shop["a"], "大客户").id
        svc.add_to_customer(s, who(s, shop), shop["b"], "大客户")
    with pytest.raises(PermissionDenied), db.transaction() as s:
        svc.rename(s, who(s, shop), vip, "贵宾")
    with db.transaction() as s:
        svc.rename(s, who(s, shop, "owner"), vip, "贵宾")
        svc.recolour(s, who(s, shop, "owner"), vip, "#ff0000")
    with pytest.raises(ShopDeskError, match="merge them"), db.transaction() as s:
        svc.rename(s, who(s, shop, "owner"), vip, "大客户")
    with pytest.raises(ShopDeskError, match="not a colour"), db.transaction() as s:
        svc.recolour(s, who(s, shop, "owner"), vip, "red")
    with db.transaction() as s:
        svc.merge(s, who(s, shop, "owner"), big, vip)
    assert names(db, shop, "a") == ["贵宾"] and names(db, shop, "b") == ["贵宾"]
    with db.read_session() as s:
        assert s.get(Tag, vip).colour == "#FF0000"
        assert s.get(Tag, big) is None
    with db.transaction() as s:
        svc.delete_tag(s, who(s, shop, "owner"), vip)
    assert names(db, shop, "a") == [] and names(db, shop, "b") == []
    with db.read_session() as s:
        assert s.get(Customer, shop["a"]) is not None
        actions = set(s.scalars(select(AuditEvent.action)))
        assert {"tag.rename", "tag.recolour", "tag.merge", "tag.delete", "customer.tag"} <= actions
