"""A search hit on a customer's name opens their conversation with no message picked out:
the hit's message is None, which a signal of two ints delivered as 0 (and printed
'_pythonToCppCopy: Cannot copy-convert … (NoneType)')."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.test_ui_inbox import open_inbox

pytestmark = pytest.mark.gui


def test_a_customers_name_opens_the_conversation_without_a_message_picked(qtbot, sqlite_db):
    page = open_inbox(qtbot, sqlite_db)
    page.search_box.setText("袁芳")  # a customer of the small demo
    page.run_search()
    hits = [page.results.item(i) for i in range(page.results.count())]
    customer = next(h for h in hits if h.data(Qt.ItemDataRole.UserRole)
                    and h.data(Qt.ItemDataRole.UserRole)[1] is None)
    conversation_id = customer.data(Qt.ItemDataRole.UserRole)[0]
    page.conversation.highlight = -1
    received: list[tuple] = []
    page.conversations.resultOpened.connect(lambda *a: received.append(a))
    page.results.setCurrentItem(customer)
    assert received == [(conversation_id, None)]
    assert page.current == conversation_id and page.conversation.highlight is None
