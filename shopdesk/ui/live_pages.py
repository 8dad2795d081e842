"""Another PC's change to return cases or complaints, shown on their pages without moving
what the user looks at: the selection and the scroll position stay, the open case or ticket
shows its fresh state (and its steps), and a ticket window open on a changed ticket too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopdesk.changefeed import Change
from shopdesk.changefeed_listen import EVERYTHING

if TYPE_CHECKING:
    from shopdesk.ui.complaints import ComplaintsPage
    from shopdesk.ui.returns_board import ReturnsPage


def _concerns(change: Change, table: str, shown: set[int], open_id: int | None) -> bool:
    """Whether the page shows something the change touched (or may show a new record)."""
    if EVERYTHING in change.whole or table in change.whole:
        return True
    ids = change.ids(table)
    return bool(ids & shown) or (open_id in ids) or bool(ids - shown)


def refresh_returns(page: ReturnsPage, change: Change) -> None:
    """The board is one bounded list (open cases, or the latest finished): read again in
    one query, with the same case selected and the list where it was."""
    open_id = page.panel.view.case_id if page.panel.view else None
    cases = set(change.ids("return_cases"))
    for table in ("return_events", "return_items", "return_photos"):
        if change.touches(table) and open_id is not None:
            cases.add(open_id)  # the rows name their case only through the case row
    shown = {r.case_id for r in page.model.rows}
    if not _concerns(Change(rows={"return_cases": cases}, whole=change.whole),
                     "return_cases", shown, open_id):
        return
    bar = page.table.verticalScrollBar()
    at = bar.value()
    page.reload(keep=open_id)
    bar.setValue(at)


def refresh_complaints(page: ComplaintsPage, change: Change) -> None:
    """The list reads again as many rows as it has loaded (not the table), the ticket in
    the pane and in its window show their fresh state."""
    open_id = page.panel.complaint_id
    shown = {r.id for r in page.model.rows}
    if not _concerns(change, "complaints", shown, open_id):
        return
    bar = page.table.verticalScrollBar()
    at = bar.value()
    loaded = len(page.model.rows)
    page.reload()
    while len(page.model.rows) < loaded and page.model.more:  # as far as the user had read
        page.model.fetchMore(page.model.index(0, 0).parent())
    bar.setValue(at)
    for complaint_id, window in page.windows.items():
        if complaint_id in change.ids("complaints") or EVERYTHING in change.whole:
            window.panel.show_complaint(complaint_id)
