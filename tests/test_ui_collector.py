"""The window shares Python's lock with the sync worker: start-up's objects are frozen out
of the cycle collector's full passes once the window stands (``ui.app.settle_collector``)."""

from __future__ import annotations

import gc

from shopdesk.ui.app import settle_collector


def test_settling_freezes_what_start_up_made_and_collection_goes_on() -> None:
    gc.unfreeze()
    made_at_start = [[i] for i in range(1000)]  # tracked containers, alive
    try:
        settle_collector()
        assert gc.get_freeze_count() >= len(made_at_start)
        assert gc.isenabled()  # later garbage is still collected
        cycle: list = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
