"""The conversation list model: rows a page at a time from a service function."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from shopdesk.services.inbox import InboxRow

RowRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
# (after key or None, how many) → rows; the model never builds SQL itself.
PageSource = Callable[[tuple[datetime, int] | None, int], list[InboxRow]]


def _key(row: InboxRow) -> tuple[datetime, int]:
    return (row.last_message_at or datetime.min.replace(tzinfo=UTC), row.id)


class InboxModel(QAbstractListModel):
    """Newest activity first; more rows are fetched as the view scrolls (``fetchMore``)."""

    def __init__(self, source: PageSource, page_size: int = 200) -> None:
        super().__init__()
        self._source = source
        self._page_size = page_size
        self._rows: list[InboxRow] = []
        self._more = True

    def set_source(self, source: PageSource) -> None:
        """A new filter: start again from the top."""
        self.beginResetModel()
        self._source = source
        self._rows = []
        self._more = True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.customer} — {row.preview}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.store_name
        return None

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid() or not self._more:
            return
        after = None
        if self._rows:
            last = self._rows[-1]
            assert last.last_message_at is not None
            after = (last.last_message_at, last.id)
        rows = self._source(after, self._page_size)
        self._more = len(rows) == self._page_size
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def row_of(self, conversation_id: int) -> int:
        for i, row in enumerate(self._rows):
            if row.id == conversation_id:
                return i
        return -1

    def merge(self, fresh: Iterable[InboxRow], dropped: Iterable[int] = ()) -> None:
        """Changed rows, and rows new to the list, take their place by last activity, and the
        ``dropped`` ids leave it, in one layout change; the selection follows its row. While
        more rows wait to be fetched, a row older than the last one loaded is left to
        ``fetchMore`` (the keyset page after the last row would skip or repeat it)."""
        by_id = {r.id: r for r in self._rows}
        for r in fresh:
            by_id[r.id] = r
        for conversation_id in dropped:
            by_id.pop(conversation_id, None)
        floor = _key(self._rows[-1]) if self._rows and self._more else None
        merged = sorted((r for r in by_id.values() if floor is None or _key(r) >= floor),
                        key=_key, reverse=True)
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        self._rows = merged
        position = {r.id: i for i, r in enumerate(merged)}
        before = self.persistentIndexList()
        after = [self.index(position[old_ids[p.row()]]) if old_ids[p.row()] in position
                 else QModelIndex() for p in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def positions(self) -> dict[int, int]:
        """Conversation id → row, for many look-ups at once."""
        return {row.id: i for i, row in enumerate(self._rows)}

    def would_move(self, at: int, fresh: InboxRow) -> bool:
        """Whether the row at ``at``, changed to ``fresh``, belongs higher up now."""
        return at > 0 and _key(fresh) > _key(self._rows[at - 1])

    def refresh(self, fresh: Iterable[InboxRow]) -> None:
        """Listed conversations changed: their rows show it where they are (nothing
        moves; ``merge`` puts rows in their new places when the user asks)."""
        position = self.positions()
        changed = []
        for row in fresh:
            at = position.get(row.id)
            if at is not None:
                self._rows[at] = row
                changed.append(at)
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))
