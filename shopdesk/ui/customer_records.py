"""One route for "customer N's records changed": a note, a tag, a complaint, a return, an
order import, a merge. Whatever changes a customer's records announces it here; every view
that shows a customer (the cards, the Customers list, the case lists) listens and shows
the records as they are now."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CustomerRecords(QObject):
    # A customer's id, or None: some customers' records changed and the one who changed
    # them cannot say whose (a merge, an import, a case page's own change).
    changed = Signal(object)

    def announce(self, customer_id: int | None = None) -> None:
        self.changed.emit(customer_id)


def concerns(shown: int | None, changed: int | None) -> bool:
    """Whether a view showing customer ``shown`` must follow a change of ``changed``."""
    return shown is not None and (changed is None or changed == shown)
