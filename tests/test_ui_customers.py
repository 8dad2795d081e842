"""The Customers page and the merge dialog with pytest-qt, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QUrl
from PySide6.QtWidgets import QLabel, QPushButton, QTableView
from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Conversation, Customer, Tag, customer_tags
from shopdesk.ui.app import Shell
from shopdesk.ui.merge_dialog import MergeDialog, who
from shopdesk.ui.settings import Preferences

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, sqlite_db, tmp_path):
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shell = Shell(sqlite_db, prefs, "en", "/tmp/shopdesk.log")
    qtbot.addWidget(shell.window)
    with sqlite_db.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == "owner")))
    shell.window.show()
    shell.window.navigation.setCurrentRow(1)
    return shell.window


def _names(page) -> list[str]:
    return [r.name for r in page.model.rows]


def test_list_search_filters_sort_and_card(qtbot, window, sqlite_db) -> None:
    page = window.customers
    table = page.findChild(QTableView, "customerList")
    assert table is not None and page.model.rowCount() == 100  # the first page
    # counted off the GUI thread: the first page does not wait for it
    qtbot.waitUntil(lambda: page.findChild(QLabel, "customersCount").text() == "306 customers")
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: page.model.rowCount() > 100)  # more rows as it scrolls
    assert page.card.customer_id == page.model.rows[0].id  # the first row is shown
    # sort by what they spent
    page.sort.setCurrentIndex(page.sort.findData("spent"))
    spent = [r.spent_minor for r in page.model.rows]
    assert spent == sorted(spent, reverse=True)
    # search a Chinese substring (typed, with the debounce)
    with sqlite_db.read_session() as s:
        target = s.scalar(select(Customer).where(Customer.name.like("王%"))
                          .order_by(Customer.id).limit(1))
        surname, name = "王", target.name
    page.search.insert(surname)  # (QTest cannot type Chinese characters)
    qtbot.waitUntil(lambda: page.model.rows and all(surname in n for n in _names(page)))
    assert name in _names(page)
    page.search.clear()
    page.reload()
    # tag and store filters
    with sqlite_db.read_session() as s:
        tag_id, tagged = s.execute(select(Tag.id, Tag.name)).first()
        expected = {cid for cid in s.scalars(select(customer_tags.c.customer_id)
                                             .where(customer_tags.c.tag_id == tag_id))}
    page.tag_filter.setCurrentIndex(page.tag_filter.findData(tag_id))
    while page.model.canFetchMore(page.model.index(0, 0).parent()):
        page.model.fetchMore(page.model.index(0, 0).parent())
    assert {r.id for r in page.model.rows} == expected
    page.tag_filter.setCurrentIndex(0)
    page.segment_filter.setCurrentIndex(page.segment_filter.findData("vip"))
    assert page.model.rows and all(r.segment == "vip" for r in page.model.rows)
    page.segment_filter.setCurrentIndex(0)
    # the card: a conversation link opens it in the inbox
    with sqlite_db.read_session() as s:
        conv = s.scalar(select(Conversation).order_by(Conversation.id).limit(1))
        customer_id, conversation_id = conv.customer_id, conv.id
    page.card.show_customer(customer_id, window.agent)
    assert "Conversations" in page.card.view.toPlainText()
    page.card._link(QUrl(f"conversation:{conversation_id}"))
    assert window.navigation.currentRow() == 0 and window.inbox.current == conversation_id


def test_agents_see_masked_phones_and_bookkeepers_cannot_merge(qtbot, window,
                                                               sqlite_db) -> None:
    page = window.customers
    with sqlite_db.read_session() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        books = s.scalar(select(Agent).where(Agent.role == "bookkeeper"))
    full = [r.phone for r in page.model.rows if r.phone]
    assert full and not any("*" in p for p in full)  # the owner sees them whole
    window.set_agent(emma)
    phones = [r.phone for r in page.model.rows if r.phone]
    assert len(phones) == len(full) and all("***" in p for p in phones)
    assert page.findChild(QPushButton, "duplicatesButton").isEnabled()
    window.set_agent(books)
    assert not page.findChild(QPushButton, "duplicatesButton").isEnabled()


def _searched(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is None)  # the search runs in a worker thread


def test_merge_dialog_merges_a_suggestion_and_undoes_it(qtbot, window, sqlite_db) -> None:
    page = window.customers
    page.merge_button.click()
    dialog = window.findChild(MergeDialog, "mergeDialog")
    assert dialog is not None and dialog.job is not None  # searching, off the GUI thread
    assert dialog.busy.isVisible() and dialog.cancel_button.isVisible()
    assert not dialog.merge_button.isEnabled()
    _searched(qtbot, dialog)
    assert not dialog.busy.isVisible() and dialog.list.rowCount() == 6
    assert not dialog.undo_button.isVisible()  # nothing to undo yet
    keep, other = dialog.previews
    assert "same phone" in dialog.list.item(0, 2).text() or \
        "same e-mail" in dialog.list.item(0, 2).text()
    assert keep.name in dialog.summary.text() and "Store accounts" in dialog.summary.text()
    suggestions = dialog.list.rowCount()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.previews is None and dialog.sides[0].toPlainText() == ""  # gone at once
    _searched(qtbot, dialog)
    assert dialog.list.rowCount() == suggestions - 1
    assert dialog.status.text().startswith(f"The record of {who(other)} was merged into "
                                           f"{who(keep)}, which now holds Store accounts ")
    qtbot.waitUntil(lambda: page.findChild(QLabel, "customersCount").text() == "305 customers")
    with sqlite_db.read_session() as s:
        assert s.get(Customer, other.id).merged_into_id == keep.id
    # the card of the kept customer offers the undo too
    page.card.show_customer(keep.id, window.agent)
    assert "Merged into this customer" in page.card.view.toPlainText()
    dialog.undo_button.click()
    _searched(qtbot, dialog)
    assert dialog.list.rowCount() == suggestions
    qtbot.waitUntil(lambda: page.findChild(QLabel, "customersCount").text() == "306 customers")
    with sqlite_db.read_session() as s:
        assert s.get(Customer, other.id).merged_into_id is None
    # "Not the same person": out of the list, and back with Undo
    first_pair = dialog.pairs[0]
    dialog.findChild(QPushButton, "notSameButton").click()
    _searched(qtbot, dialog)
    assert dialog.list.rowCount() == suggestions - 1 and first_pair not in dialog.pairs
    assert dialog.undo_button.isVisible() and dialog.undo_button.text() == "Undo"
    dialog.undo_button.click()
    _searched(qtbot, dialog)
    assert dialog.list.rowCount() == suggestions and first_pair in dialog.pairs
    dialog.reject()


def _shown_pair(dialog) -> tuple[int, int]:
    return tuple(side.id for side in dialog.previews)


def test_after_a_merge_both_panes_and_the_summary_show_the_next_pair(qtbot, window) -> None:
    page = window.customers
    page.merge_button.click()
    dialog = page.dialog
    _searched(qtbot, dialog)
    merged = _shown_pair(dialog)
    dialog.merge()
    _searched(qtbot, dialog)
    nxt = dialog.pairs[0]
    assert nxt != merged and _shown_pair(dialog) == nxt  # not the merged pair any more
    a, b = dialog.previews
    assert a.name in dialog.sides[0].toPlainText() and b.name in dialog.sides[1].toPlainText()
    assert who(a) in dialog.summary.text() and who(b) in dialog.summary.text()
    dialog.reject()


def test_merge_texts_name_the_store_accounts_in_chinese(qtbot, window) -> None:
    from shopdesk.ui.i18n import LanguageSwitcher

    switcher = LanguageSwitcher()
    switcher.apply("zh_CN")
    try:
        page = window.customers
        page.merge_button.click()
        dialog = page.dialog
        _searched(qtbot, dialog)
        keep, other = dialog.previews
        assert dialog.summary.text().startswith(f"合并后，{who(keep)} 共有 ")
        assert f"含原属 {who(other)} 的全部资料" in dialog.summary.text()
        dialog.show()
        width = dialog.width()
        dialog.merge()
        assert dialog.status.text().startswith(f"已将 {who(other)} 的记录并入 {who(keep)}，现共有 ")
        assert keep.identities[0][1] in dialog.status.text()  # the store account moves
        _searched(qtbot, dialog)
        # the long sentence wraps: the dialog keeps its width and its buttons stay on screen
        assert dialog.width() == width
        assert dialog.merge_button.geometry().right() <= dialog.width()
        dialog.reject()
    finally:
        switcher.apply("en")


def test_the_duplicate_search_can_be_cancelled(qtbot, window) -> None:
    page = window.customers
    page.merge_button.click()
    dialog = page.dialog
    dialog.cancel_button.click()
    assert dialog.job is None and not dialog.busy.isVisible()
    assert dialog.intro.text() == "The search was cancelled."
    assert dialog.search_again.isVisible() and not dialog.merge_button.isEnabled()
    dialog.search_again.click()
    _searched(qtbot, dialog)
    assert dialog.list.rowCount() == 6 and dialog.merge_button.isEnabled()
    dialog.load()
    dialog.reject()  # closing stops the search too
    assert dialog.job is None


def test_merge_two_selected_rows_and_undo_from_the_card(qtbot, window, sqlite_db) -> None:
    page = window.customers
    flags = QItemSelectionModel.SelectionFlag
    first, second = page.model.rows[0], page.model.rows[1]
    page.table.selectionModel().select(page.model.index(0, 0), flags.ClearAndSelect | flags.Rows)
    page.table.selectionModel().select(page.model.index(1, 0), flags.Select | flags.Rows)
    assert page.merge_button.text() == "Merge selected…"
    page.merge_button.click()
    dialog = window.findChild(MergeDialog, "mergeDialog")
    _searched(qtbot, dialog)
    assert dialog.list.rowCount() == 1 and dialog.list.item(0, 2).text() == "chosen by you"
    dialog.keep[1].setChecked(True)  # keep the second
    assert dialog.summary.text().startswith(f"After the merge, {second.name} (")  # + store
    dialog.merge_button.click()
    dialog.reject()
    with sqlite_db.read_session() as s:
        assert s.get(Customer, first.id).merged_into_id == second.id
    page.card.show_customer(second.id, window.agent)
    with sqlite_db.read_session() as s:
        from shopdesk.services.duplicates import merged_into

        event_id = merged_into(s, second.id)[0].event_id
    page.card._link(QUrl(f"unmerge:{event_id}"))
    assert page.card.note_status.text() == "Merge undone."
    with sqlite_db.read_session() as s:
        assert s.get(Customer, first.id).merged_into_id is None
    assert first.id in {r.id for r in page.model.rows}


def test_the_card_says_no_orders_in_words(qtbot, window, sqlite_db) -> None:
    """A customer whose orders are all older than the window reads "No orders in 90 days",
    not "0 orders, — in 90 days" (the dash read as 一 in Chinese)."""
    from shopdesk.services.customers import card
    from shopdesk.services.segments import Segment
    from shopdesk.ui.customer_card import CustomerCard

    owner = window.agent
    with sqlite_db.read_session() as s:
        ids = [c.id for c in s.scalars(select(Customer))]
        quiet = next(i for i in ids if (d := card(s, i, owner)) and d.rfm is not None
                     and d.rfm.segment is not None and d.rfm.orders_in_window == 0
                     and d.rfm.segment != Segment.NEW)
    shown = CustomerCard(sqlite_db)
    qtbot.addWidget(shown)
    shown.show_customer(quiet, owner)
    text = shown.view.toPlainText()
    assert "No orders in 90 days" in text and "0 orders" not in text


def test_ctrl_z_on_the_customers_page_takes_back_a_new_note(qtbot, window) -> None:
    page = window.customers
    card = page.card
    window.activateWindow()
    qtbot.waitActive(window)
    card.note_edit.setPlainText("只在晚上联系")
    card.add_note_button.click()
    assert "只在晚上联系" in card.view.toPlainText()
    card.view.setFocus()
    qtbot.keyClick(card.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "只在晚上联系" not in card.view.toPlainText()
    assert card.note_status.text() == "Undone."
