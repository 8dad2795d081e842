"""Return cases: what all the work on them shares, the case's number and who pays the return
shipping for a reason.

The work itself lives beside it: ``return_orders`` (what an order still allows),
``return_opening`` (the wizard's new case), ``return_messages`` (the messages to the
customer), ``return_steps`` (each next step with its money, role and concurrency rules),
``return_board`` (the board and a customer's cases), ``return_case_view`` (one case),
``return_photos`` and ``return_refunds`` (the refunds of a period). The state machine and
the amount rules themselves live in ``services.returns``; these modules only ask them.
"""

from __future__ import annotations

from shopdesk.models.enums import OrderStatus, ReturnReason
from shopdesk.services.numbering import return_number

R = ReturnReason

# Reasons where the shop is at fault: the shop pays the return shipping and, when the whole
# order comes back, refunds the original shipping too. For the others the buyer pays.
SHOP_AT_FAULT = frozenset({R.QUALITY_ISSUE, R.WRONG_ITEM, R.MISSING_ITEM, R.DAMAGED_IN_TRANSIT,
                           R.NOT_AS_DESCRIBED, R.LATE_DELIVERY})
NOT_DELIVERED = frozenset({OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.SHIPPED})


def case_number(case_id: int) -> str:
    return return_number(case_id)


def shipping_payer(reason: ReturnReason) -> str:
    """Who pays the return shipping for ``reason``: ``"shop"`` or ``"buyer"``."""
    return "shop" if ReturnReason(reason) in SHOP_AT_FAULT else "buyer"
