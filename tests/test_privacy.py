import pytest

from shopdesk.models import Agent
from shopdesk.models.enums import Role
from shopdesk.services.privacy import (
    address_for,
    email_for,
    handle_for,
    mask_address,
    mask_email,
    mask_phone,
    phone_for,
)


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
    ("12 Market Street, Apt 4B, San Francisco, CA 94103", "****, San Francisco, CA 94103"),
    ("Flat 3, 10 Downing St, London, SW1A 2AA", "****, London, SW1A 2AA"),
    ("12 High St, Springfield IL 62701", "****, Springfield IL 62701"),
    ("somewhere", "****"),
])
def test_mask_address(address: str, masked: str) -> None:
    assert mask_address(address) == masked


@pytest.mark.parametrize(("email", "masked"), [
    ("wang.fang@example.com", "w***@example.com"),
    ("a@qq.com", "a***@qq.com"),
    (" Emma.Stone@Mail.Example.org ", "E***@Mail.Example.org"),
    ("odd@name@example.com", "o***@example.com"),  # only the domain after the last @ stays
    ("no-at-sign", "n***"),
])
def test_mask_email(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(("role", "full"), [
    (Role.OWNER, True), (Role.BOOKKEEPER, True), (Role.AGENT, False)])
def test_what_each_role_sees(role: Role, full: bool) -> None:
    agent = Agent(key="a", name="a", role=role, active=True)
    assert (phone_for(agent, "13812345678") == "13812345678") is full
    assert (address_for(agent, "广东省深圳市南山区科技园路1号").endswith("1号")) is full
    assert phone_for(None, "13812345678") == "138****5678"  # nobody signed in: masked
    assert (email_for(agent, "wang.fang@example.com") == "wang.fang@example.com") is full
    assert phone_for(agent, None) is None
    assert email_for(None, "wang.fang@example.com") == "w***@example.com"
    assert email_for(agent, "") == ""
    assert (handle_for(agent, "wang.fang@example.com") == "wang.fang@example.com") is full
    assert handle_for(None, "wang.fang@example.com") == "w***@example.com"
    assert handle_for(None, "tb_buyer_88") == "tb_buyer_88"  # a buyer nick stays
