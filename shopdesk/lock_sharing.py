"""Worker threads give Python's lock to the window's thread at regular moments.

Python (3.11, 3.12) hands its lock to a waiting thread in two ways: the thread holding it
lets go of it for a blocking call (a database statement, a socket read), or it has run
Python for a whole switch interval and is asked to let go. A worker that talks to the
database does the first hundreds of times a second: it lets go for each statement and takes
the lock back a few microseconds later, usually before the waiting window thread has even
woken up. Each of those takes counts as a switch, so the window's thread, seeing switches
happen, never asks for the lock, and waits. Measured in bench.live with no live update
applied at all (the sync thread storing 10,000 messages, the window idle): 27 gaps of the
event loop over 50 ms, up to 214 ms; with the turns below, none over 50 ms, and the ingest
took as long as before.

So once the window's thread has called :func:`share_with_this_thread`, every other thread
sleeps ``PAUSE`` seconds before a database statement at most every ``EVERY`` seconds
(``Database`` calls :func:`give_turn` before each statement): the window's thread, if it
waits, takes the lock then. A program without a window (the command line, the services'
tests) never pauses.
"""

from __future__ import annotations

import threading
import time

EVERY = 0.005  # seconds of a worker's work between two turns given to the window
PAUSE = 0.0005  # long enough for the waiting window thread to wake up and take the lock

clock = time.perf_counter
sleep = time.sleep

_window_thread: int | None = None  # the ident of the thread that shows the window
_last = threading.local()  # each worker thread's last turn


def share_with_this_thread() -> None:
    """The calling thread (the window's) gets turns from every other thread from now on."""
    global _window_thread
    _window_thread = threading.get_ident()


def stop_sharing() -> None:
    global _window_thread
    _window_thread = None


def give_turn() -> bool:
    """On a worker thread, when its turn is due: sleep ``PAUSE`` so that the window's
    thread can take Python's lock. Returns whether it paused."""
    if _window_thread is None or threading.get_ident() == _window_thread:
        return False
    now = clock()
    last = getattr(_last, "at", None)
    if last is None:  # the thread's first statement: its work starts now
        _last.at = now
        return False
    if now - last < EVERY:
        return False
    sleep(PAUSE)
    _last.at = clock()
    return True
