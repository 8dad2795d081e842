from decimal import Decimal

import pytest

from shopdesk.errors import MoneyError
from shopdesk.money import (
    amounts_named,
    format_money,
    format_plain,
    parse_amount,
    to_decimal,
    to_minor,
)


@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("1,299.00", "CNY", 129900), ("128", "CNY", 12800), ("¥12.5", "CNY", 1250),
    ("0.01", "USD", 1), ("$1,000.10", "USD", 100010), ("500", "JPY", 500),
    (" 3.20 ", "CNY", 320), ("￥88.00", "CNY", 8800),
])
def test_parse_amount(text: str, currency: str, minor: int) -> None:
    assert parse_amount(text, currency) == minor


@pytest.mark.parametrize("text", ["", "abc", "1.001", "12,3a", "1e5", "--1"])
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_amount(text, "CNY")


def test_floats_are_refused() -> None:
    with pytest.raises(MoneyError):
        to_minor(0.1, "CNY")  # type: ignore[arg-type]
    with pytest.raises(MoneyError):
        parse_amount(12.5, "CNY")  # type: ignore[arg-type]


def test_round_trip_and_formatting() -> None:
    assert to_decimal(129900, "CNY") == Decimal("1299.00")
    assert format_plain(129900, "CNY") == "1299.00"
    assert format_money(129900, "CNY") == "¥1,299.00"
    assert format_money(-1250, "USD") == "-$12.50"
    assert format_money(500, "JPY") == "¥500"


def test_any_whole_number_of_minor_units_converts_exactly() -> None:
    """No rounding and no ``decimal.InvalidOperation`` past 28 digits: a refusal that names
    a huge amount (``services/compensation.py``, the returns' caps) can always say it."""
    assert to_decimal(10**30, "CNY") == Decimal("1" + "0" * 28 + ".00")
    assert format_money(10**30 + 1, "CNY") == "¥10,000,000,000,000,000,000,000,000,000.01"
    assert format_plain(-(10**40), "JPY") == "-1" + "0" * 40


@pytest.mark.parametrize(("text", "currency", "amounts"), [
    ("您的售后申请R-41（订单2041586613212345678）已同意，金额¥358.00。", "CNY", [35800]),
    ("同意退300元，原申请 ￥1,358.5，另 CNY 20", "CNY", [30000, 135850, 2000]),
    ("we refunded $12.50 (USD 3 more)", "USD", [1250, 300]),
    ("we refunded $12.50", "CNY", []),  # another currency's amount
    ("¥1.005 or order 2041586613212345678, 3 items", "CNY", []),
])
def test_amounts_named_in_a_message(text: str, currency: str, amounts: list[int]) -> None:
    assert amounts_named(text, currency) == amounts
