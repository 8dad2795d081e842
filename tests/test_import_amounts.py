"""Amounts in imported order files: a negative amount is refused naming its column (no
sample files needed)."""

from __future__ import annotations

import pytest

from shopdesk.importers import orders as imp


@pytest.mark.parametrize(("paid", "postage", "field"), [
    ("-10.00", "0.00", "买家实际支付金额 '-10.00' is negative"),
    ("10.00", "-5.00", "买家应付邮费 '-5.00' is negative"),
])
def test_a_negative_amount_is_refused_for_what_it_is(paid, postage, field) -> None:
    text = ("订单编号,买家会员名,买家应付邮费,买家实际支付金额,订单状态,订单创建时间,宝贝标题,"
            f"宝贝总数量\n=\"2041586613212345678\",tb_buyer,{postage},{paid},交易成功,"
            "2026-11-11 00:03:12,马克杯,1\n")
    parsed = imp.parse("taobao", text.encode("gbk"), "Asia/Shanghai")
    assert [(e.line, e.reason) for e in parsed.errors] == [(2, field)]
    assert parsed.orders == []
