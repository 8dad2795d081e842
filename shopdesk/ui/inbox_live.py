"""The conversation list's live updates (new messages from the sync worker, or from another
PC): the changed rows and the view counts are read in one query off the GUI thread and
applied to the list in one step, in place; nothing moves under the user's hand (new and
moved-up rows wait for the "N new — Show" bar)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from shopdesk.services import inbox as svc
from shopdesk.ui.background import Background

if TYPE_CHECKING:
    from shopdesk.ui.inbox_list import ConversationList

log = logging.getLogger(__name__)


class LiveUpdates(QObject):
    """Of one ``ConversationList``: ``changed(ids)`` reads and applies; ids that come while
    a read runs are read together once it is done (one read at a time, however fast the
    updates come)."""

    def __init__(self, owner: ConversationList) -> None:
        super().__init__(owner)
        self.owner = owner
        self.reading: Background | None = None
        self.waiting: set[int] = set()  # changed conversations not yet read
        self.pending: dict[int, svc.InboxRow] = {}  # new or moved up, not shown there yet
        self.gone: set[int] = set()  # listed, but no longer in this view

    def clear(self) -> None:
        """The list was read again from the top: nothing waits for the bar."""
        self.pending.clear()
        self.gone.clear()

    def changed(self, conversation_ids: list[int]) -> None:
        self.waiting |= set(conversation_ids)
        if self.reading is not None or not self.waiting:
            return
        ids, self.waiting = sorted(self.waiting), set()
        f = self.owner.filter()
        db = self.owner.db

        def work() -> tuple[Any, ...]:
            try:
                with db.read_session() as session:
                    return f, ids, svc.rows(session, ids, f), svc.view_counts(session, f)
            except Exception:  # the database is away: the next change tries again
                log.exception("reading the changed conversations failed")
                return f, ids, None, None

        self.reading = Background.call(work, self._read)

    def _read(self, result: tuple[Any, ...]) -> None:
        self.reading = None
        f, ids, fresh, counts = result
        owner = self.owner
        if fresh is None:
            self.waiting |= set(ids)  # not read: again with the next change
        elif f == owner.filter():  # else the list was read again meanwhile
            self.apply(fresh)
            owner.set_counts(counts)
        owner.applied.emit(ids)
        if self.waiting:
            self.changed([])

    def apply(self, fresh: dict[int, tuple[svc.InboxRow, bool]]) -> None:
        """Listed rows show their news where they are; conversations new to the list, and
        rows whose activity puts them higher up, wait for the bar that the user applies."""
        model = self.owner.model
        position = model.positions()
        in_place = []
        for row, listed in fresh.values():
            at = position.get(row.id)
            if at is None:
                if listed and row.last_message_at is not None:
                    self.pending[row.id] = row
                else:
                    self.pending.pop(row.id, None)
                continue
            in_place.append(row)
            if listed:
                self.gone.discard(row.id)
            else:
                self.gone.add(row.id)
            if listed and model.would_move(at, row):
                self.pending[row.id] = row
        model.refresh(in_place)
        self.owner.show_new_bar()

    def show_new(self, keep: set[int]) -> None:
        """New and moved conversations take their places, the ones that left this view go
        (not those in ``keep``: the open one)."""
        self.owner.model.merge(self.pending.values(), self.gone - keep)
        self.clear()
