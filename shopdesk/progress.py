"""Progress of long commands on stderr (``shopdesk load``, ``demo``, ``move``…)."""

from __future__ import annotations

import sys
import time


class Progress:
    """Progress on stderr: one line rewritten in a terminal, a line every few seconds in a log."""

    def __init__(self, stream=None) -> None:  # type: ignore[no-untyped-def]
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = 0.0
        self.finished: tuple[str, int] | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        final = bool(total) and done >= total
        if final and self.finished == (phase, done):
            return
        if not final and now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        if final:
            self.finished = (phase, done)
        text = f"{phase}: {done:,}" + (f" / {total:,}" if total else "")
        if self.tty:
            self.stream.write("\r" + text.ljust(60) + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
