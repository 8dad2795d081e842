"""Excel workbooks (openpyxl). Each exporter is loaded when first used: openpyxl is not
needed to start the program."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _lazy(module: str, name: str) -> Callable[..., int]:
    def run(*args: Any, **kwargs: Any) -> int:
        from importlib import import_module

        return int(getattr(import_module(f"shopdesk.exporters.{module}"), name)(*args, **kwargs))
    return run


# The workbooks with the common arguments: (session, actor, path, first, last, *, lang,
# store_keys, agent_ids, progress). Each refuses an actor who may not export and masks
# personal data for a role that may not see it.
EXPORTERS: dict[str, Callable[..., int]] = {
    "complaints": _lazy("complaints", "export_complaints"),
    "satisfaction": _lazy("satisfaction", "export_satisfaction"),
    "refunds": _lazy("refunds", "export_refunds"),
}
