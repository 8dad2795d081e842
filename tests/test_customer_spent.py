"""A customer who bought in stores of two currencies: the Customers page shows every
currency she spent in, as her card does, on both backends; "Most spent first" sorts by her
main currency's total (the stored summary)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopdesk.models import Agent, Customer, CustomerIdentity
from shopdesk.models.enums import Role
from shopdesk.services import customer_list as cl
from shopdesk.services import customers
from tests import factories as f

OWNER = Agent(key="boss", name="Boss", role=Role.OWNER, active=True)


def _shop(db) -> dict[str, int]:
    """Zoe: ¥90.00 in a CNY store and $134.85 (two orders) in a USD store; Li: ¥500.00;
    Ann: $100.00; Bo: nothing."""
    with db.transaction() as s:
        cny, usd = f.store("tm"), f.store("sh", "USD")
        zoe, li = f.customer("zoe", "Zoe Scott"), f.customer("li", "李雷")
        ann, bo = f.customer("ann", "Ann Lee"), f.customer("bo", "Bo Yang")
        s.add_all([cny, usd, zoe, li, ann, bo])
        s.flush()
        s.add_all([CustomerIdentity(customer=zoe, store_id=cny.id, handle="zoe_tb"),
                   CustomerIdentity(customer=zoe, store_id=usd.id, handle="zoe@example.com"),
                   CustomerIdentity(customer=li, store_id=cny.id, handle="lilei"),
                   CustomerIdentity(customer=ann, store_id=usd.id, handle="ann@example.com"),
                   CustomerIdentity(customer=bo, store_id=cny.id, handle="boyang"),
                   f.order(cny, zoe, "2041586613200000001", 9000),
                   f.order(usd, zoe, "#1001", 10000),
                   f.order(usd, zoe, "#1002", 3485),
                   f.order(cny, li, "2041586613200000002", 50000),
                   f.order(usd, ann, "#1003", 10000)])
        s.flush()
        cl.refresh(s)
        return {c.name: c.id for c in (zoe, li, ann, bo)}


def test_rows_carry_every_currency_as_the_card_does(db) -> None:
    ids = _shop(db)
    with db.read_session() as s:
        rows = cl.page(s, cl.CustomerFilter(sort=cl.Sort.SPENT), OWNER)
        by_name = {r.name: r for r in rows}
        zoe = by_name["Zoe Scott"]
        assert zoe.spent == (("CNY", 9000), ("USD", 13485))
        assert dict(zoe.spent) == customers.card(s, ids["Zoe Scott"], OWNER).spent
        assert zoe.orders == 3
        # the summary the list sorts by: the main currency's (largest) total
        assert (zoe.spent_currency, zoe.spent_minor) == ("USD", 13485)
        assert by_name["李雷"].spent == (("CNY", 50000),)
        assert by_name["Bo Yang"].spent == ()
        assert [r.name for r in rows] == ["李雷", "Zoe Scott", "Ann Lee", "Bo Yang"]
        # keyset paging after a customer of two currencies joins up
        assert [r.name for r in cl.page(s, cl.CustomerFilter(sort=cl.Sort.SPENT), OWNER,
                                        rows[1], 10)] == ["Ann Lee", "Bo Yang"]


def test_one_statement_reads_a_page_of_spending(db) -> None:
    from sqlalchemy import event

    _shop(db)
    with db.read_session() as s:
        statements: list[str] = []
        engine = s.get_bind()
        listen = lambda *a: statements.append(a[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        try:
            cl.page(s, cl.CustomerFilter(), OWNER)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
        selects = [st for st in statements if st.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 3  # the page, its stores, its spending: not one per row
        assert sum("orders" in st and "GROUP BY" in st for st in selects) == 1


@pytest.mark.gui
def test_customers_page_shows_every_currency(qtbot, db) -> None:
    from PySide6.QtCore import Qt

    from shopdesk.ui.customers import CustomersPage

    ids = _shop(db)
    page = CustomersPage("customersPage", db)
    qtbot.addWidget(page)
    page.set_actor(OWNER)
    page.reload()
    rows = {r.name: i for i, r in enumerate(page.model.rows)}
    spent_column = 5
    assert page.model.headerData(spent_column, Qt.Orientation.Horizontal,
                                 Qt.ItemDataRole.DisplayRole) == "Spent"

    def shown(name: str) -> str:
        return page.model.data(page.model.index(rows[name], spent_column))

    assert shown("Zoe Scott") == "¥90.00, $134.85"
    assert shown("李雷") == "¥500.00"
    assert shown("Bo Yang") == "—"
    page.card.show_customer(ids["Zoe Scott"], OWNER)
    assert "¥90.00, $134.85" in page.card.view.toPlainText()  # the same words as the card


@pytest.mark.gui
def test_spent_column_in_chinese_is_not_clipped(qtbot, sqlite_db, chinese) -> None:
    from shopdesk.ui.customers import CustomersPage

    _shop(sqlite_db)
    page = CustomersPage("customersPage", sqlite_db)
    qtbot.addWidget(page)
    page.resize(1400, 600)
    page.set_actor(OWNER)
    page.show()
    qtbot.waitExposed(page)
    page.reload()
    row = next(i for i, r in enumerate(page.model.rows) if r.name == "Zoe Scott")
    index = page.model.index(row, 5)
    text = page.model.data(index)
    assert text == "¥90.00、$134.85"
    table = page.table
    needed = table.fontMetrics().horizontalAdvance(text)
    assert table.columnWidth(5) > needed  # the whole text, nothing elided
    with sqlite_db.read_session() as s:
        assert s.scalar(select(Customer.spent_currency).where(Customer.name == "Zoe Scott")) \
            == "USD"

