"""A page's store filter: "All stores" (its text set by the page's retranslate) and every
store, filled again when a store is added, renamed or archived (MainWindow.storesChanged)
with the store chosen kept."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from shopdesk.db import Database
from shopdesk.services.store_list import store_names


def fill_stores(box: QComboBox, db: Database) -> None:
    """(Re)fill ``box`` without a change signal; the chosen store stays chosen."""
    with db.read_session() as session:
        stores = store_names(session)
    chosen, every = box.currentData(), box.itemText(0) if box.count() else ""
    box.blockSignals(True)
    box.clear()
    box.addItem(every, None)
    for sid, name in stores:
        box.addItem(name, sid)
    box.setCurrentIndex(max(0, box.findData(chosen)))
    box.blockSignals(False)
