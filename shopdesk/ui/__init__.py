"""The Qt user interface: the only package that imports PySide6.

Before any Qt call, ``None``, ``True`` and ``False`` are guarded against the binding's
reference counting (see shopdesk/ui/binding.py).

Nothing of the data layers is imported here: the start frame (ui/start_frame.py) is painted
with Qt alone, and the database layers are imported behind it (``plain_imports``).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager

from shopdesk.ui.binding import guard_singletons

# False on an interpreter whose object layout the guard does not know (a debug build): the
# window may then abort after a while; ui/app.run writes so in the log.
SINGLETONS_GUARDED = guard_singletons()

# Python's own import, taken before any module of this package imports Qt. Once
# PySide6.QtCore is loaded, PySide6 replaces it with a hook of its own (for its
# ``__feature__`` switches) that runs after every import: SQLAlchemy and the models take
# about a fifth longer to import through it.
_PLAIN_IMPORT = builtins.__import__


@contextmanager
def plain_imports() -> Iterator[None]:
    """Import modules that use no Qt (the data layers) without PySide6's import hook. Only
    a matter of speed: the hook does nothing for modules that do not import PySide6."""
    hooked = builtins.__import__
    builtins.__import__ = _PLAIN_IMPORT
    try:
        yield
    finally:
        builtins.__import__ = hooked


def import_data_layers() -> None:
    """The plain-Python layers the main window needs, imported without the hook."""
    with plain_imports():
        import shopdesk.db  # noqa: F401
        import shopdesk.models  # noqa: F401
        import shopdesk.services.customers  # noqa: F401
        import shopdesk.services.inbox  # noqa: F401
        import shopdesk.services.overview  # noqa: F401
        import shopdesk.services.search  # noqa: F401
        import shopdesk.services.surveys  # noqa: F401
