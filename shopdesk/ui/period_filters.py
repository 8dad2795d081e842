"""The "from … to … store" row above a report of a period (Reports → Automation, Frequent
questions): the last 30 days and every store by default; any change reloads the report."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from shopdesk.db import Database
from shopdesk.ui.store_filter import fill_stores


def period_filters(owner: QWidget, db: Database, prefix: str,
                   reload: Callable[[], None]) -> QHBoxLayout:
    """Give ``owner`` its ``first``, ``last``, ``store``, ``from_label`` and ``to_label``
    (object names ``<prefix>From``, ``<prefix>To``, ``<prefix>Store``) and return their row.
    The store box's first item (every store) has no text: the owner's retranslate sets it."""
    today = QDate.currentDate()
    owner.first = QDateEdit(today.addDays(-29))
    owner.first.setObjectName(f"{prefix}From")
    owner.last = QDateEdit(today)
    owner.last.setObjectName(f"{prefix}To")
    for edit in (owner.first, owner.last):
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: reload())
    owner.store = QComboBox()
    owner.store.setObjectName(f"{prefix}Store")
    fill_stores(owner.store, db)
    owner.store.currentIndexChanged.connect(lambda _i: reload())
    owner.from_label, owner.to_label = QLabel(), QLabel()
    row = QHBoxLayout()
    for widget in (owner.from_label, owner.first, owner.to_label, owner.last, owner.store):
        row.addWidget(widget)
    row.addStretch(1)
    return row
