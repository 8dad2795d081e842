"""A guard against PySide6 6.12's reference counting of ``None``, ``True`` and ``False``.

Built for Python 3.12, where these objects are immortal, PySide6 6.12 hands them to
Python without counting the reference: measured on Python 3.11, every call of a Qt method
that returns nothing (``setText``, ``setEnabled``…) takes one reference from ``None``, every
``signal.emit()`` one from ``True``, every Python ``data()`` that answers ``None`` and every
Python ``QTranslator.translate`` one from ``None``. After some thousand calls Python frees
the object and aborts (``Fatal Python error: none_dealloc`` / ``bool_dealloc``), without a
traceback. tests/test_refcounts.py measures each of these.

No program can avoid calling Qt, so on Python 3.11 the three objects are made immortal the
way Python 3.12 does it: their count is raised so far that no run can bring it to zero. They
are never freed anyway; nothing else changes. From Python 3.12 on this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

SINGLETONS = (None, True, False)
# about 10¹² (a billion Qt calls a day would take three years); less on a 32-bit Python
_RESERVE = min(1 << 40, sys.maxsize // 4)


def guard_singletons() -> bool:
    """Make None, True and False immortal on Python < 3.12. True if it was done (or was not
    needed); False if this interpreter's object layout is not the one expected."""
    if sys.version_info >= (3, 12):
        return True
    for obj in SINGLETONS:
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, first field of PyObject
        if abs(count.value - (sys.getrefcount(obj) - 1)) > 16:  # a build with another layout
            return False
        if count.value < _RESERVE:
            count.value += _RESERVE
    return True
