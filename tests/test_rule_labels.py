"""The built-in automation rules keep their two-language names in the database and show
the one of the UI's language; an owner's own name shows as it is."""

from __future__ import annotations

import pytest

from shopdesk.services.automation_builtin import specs
from shopdesk.ui.labels import rule_label

pytestmark = pytest.mark.gui


def test_every_built_in_rule_name_reads_in_one_language(qapp) -> None:
    from shopdesk.ui.i18n import LanguageSwitcher

    names = [spec.name for _b, _k, spec in specs()]
    english = [rule_label(n) for n in names]
    assert all(label != name and label.isascii() for label, name in zip(english, names,
                                                                         strict=True))
    switcher = LanguageSwitcher()
    switcher.apply("zh_CN")
    try:
        chinese = [rule_label(n) for n in names]
        assert all(not any(c.isascii() and c.isalpha() for c in label) for label in chinese)
        assert chinese[0] == "欢迎语" and rule_label("我的规则 VIP") == "我的规则 VIP"
    finally:
        switcher.apply("en")
