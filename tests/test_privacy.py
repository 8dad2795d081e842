import pytest

from shopdesk.models import Agent
from shopdesk.models.enums import Role
from shopdesk.services.privacy import address_for, mask_address, mask_phone, phone_for


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812345678", "138****5678"),
    ("138-1234-5678", "138-****-5678"),
    ("+1 415 555 2073", "+1 415 *** 2073"),
    ("+86 13812345678", "+86 138****5678"),
    ("12345", "*****"),
])
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(("address", "masked"), [
    ("广东省深圳市南山区科技园路1号", "广东省深圳市南山区****"),
    ("上海市浦东新区世纪大道100号", "上海市浦东新区****"),
    ("12 High St, Springfield, IL 62701", "****, Springfield, IL 62701"),
    ("somewhere", "****"),
])
def test_mask_address(address: str, masked: str) -> None:
    assert mask_address(address) == masked


@pytest.mark.parametrize(("role", "full"), [
    (Role.OWNER, True), (Role.BOOKKEEPER, True), (Role.AGENT, False)])
def test_what_each_role_sees(role: Role, full: bool) -> None:
    agent = Agent(key="a", name="a", role=role, active=True)
    assert (phone_for(agent, "13812345678") == "13812345678") is full
    assert (address_for(agent, "广东省深圳市南山区科技园路1号").endswith("1号")) is full
    assert phone_for(None, "13812345678") == "138****5678"  # nobody signed in: masked
    assert phone_for(agent, None) is None
