"""The base of ShopDesk's table models: a list of rows and translated column titles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


class RowsModel(QAbstractTableModel):
    """Subclasses fill ``rows`` and say their column titles in ``headers()``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self._columns: int | None = None

    def headers(self) -> list[str]:
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        if parent.isValid():
            return 0
        if self._columns is None:  # asked at every paint: the titles change, their number not
            self._columns = len(self.headers())
        return self._columns

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # None is Qt's "no value" (an invalid QVariant); no other Python value means that to
        # Qt. PySide6 6.12 takes a reference of None for it: shopdesk/ui/binding.py.
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers()) - 1)


class PagedRowsModel(RowsModel):
    """Rows a page at a time from ``fetch(after, limit)`` (keyset paging by the service);
    the view asks for more as it scrolls (``fetchMore``). ``after(row)`` says what the
    service needs to continue after a row: the row itself unless a subclass says more."""

    PAGE = 200

    def __init__(self) -> None:
        super().__init__()
        self.more = False
        self.fetch: Any = None

    def after(self, row: Any) -> Any:
        return row

    def reset(self, fetch: Any) -> None:
        self.beginResetModel()
        self.fetch = fetch
        self.rows = fetch(None, self.PAGE)
        self.more = len(self.rows) == self.PAGE
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and self.more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if not self.more or self.fetch is None:
            return
        more = self.fetch(self.after(self.rows[-1]), self.PAGE)
        self.more = len(more) == self.PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()


def row_table(view: QAbstractItemView, object_name: str) -> QAbstractItemView:
    """A list of records: one row at a time is chosen, nothing is edited in place, no row
    numbers, the last column takes the width that is left."""
    view.setObjectName(object_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if isinstance(view, QTableView):
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
    return view
