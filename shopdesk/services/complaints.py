"""Complaint tickets: what all the work on them shares, the ticket number and the statuses
that count as open.

The work itself lives beside it: ``complaint_opening`` (blank, from a conversation or a
customer card), ``complaint_actions`` (assign, status, escalate one tier, resolve with
compensation under the money rules of ``services/compensation.py``, close, reopen),
``complaint_view`` (one ticket with the timeline of every change) and ``complaint_list``
(the paged, filtered list of the Complaints page and the SLA's overdue). The SLA by
severity comes from the store's rules.
"""

from __future__ import annotations

from shopdesk.models.enums import ComplaintStatus
from shopdesk.services.numbering import complaint_number

St = ComplaintStatus
OPEN = frozenset({St.NEW, St.IN_PROGRESS, St.ESCALATED})


def ticket_number(complaint_id: int) -> str:
    return complaint_number(complaint_id)
