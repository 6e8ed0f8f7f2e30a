"""Stopping cleanly: SIGINT and SIGTERM become `Stopped`, raised where the work is, so what
is half-made is removed on the way out (issue 17, part 1); moments that must not be cut
(`uncut`) hold the signals back; worker processes die with their parent (part 2).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# The exit status of a command stopped by a signal, as a shell reports it: 128 + its number.
SIGNAL_EXIT = 128
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """The user (SIGINT, Ctrl-C) or the system (SIGTERM) asked kehoach to stop. A BaseException,
    as KeyboardInterrupt is, so no `except Exception` swallows it."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number

    @property
    def exit_code(self) -> int:
        return SIGNAL_EXIT + self.number


# The signal asked to stop, once one came: its `Stopped` may be lost (see `stoppable`).
_asked: int | None = None


def _raise(number: int, _frame: FrameType | None) -> None:
    global _asked
    _asked = number
    raise Stopped(number)


def check() -> None:
    """Raises `Stopped` if a stop was asked and its exception was lost."""
    if _asked is not None:
        raise Stopped(_asked)


def _unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    """A `Stopped` raised while Python runs a finalizer (a zip file's `__del__`) cannot leave it:
    Python would print it as a traceback and go on. Kept quiet; `check` raises it again."""
    if not isinstance(unraisable.exc_value, Stopped):
        sys.__unraisablehook__(unraisable)


@contextmanager
def stoppable() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise `Stopped` in the main thread; a signal that
    was ignored stays ignored (a shell ignores SIGINT for a job it starts in the background).
    A stop that came inside a finalizer is raised again by `check`, which the block calls
    between its steps."""
    global _asked
    _asked = None
    previous = {number: signal.getsignal(number) for number in _STOP_SIGNALS}
    hook, sys.unraisablehook = sys.unraisablehook, _unraisable
    for number, handler in previous.items():
        if handler != signal.SIG_IGN:
            signal.signal(number, _raise)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:  # None: set outside Python, and left so
                signal.signal(number, handler)
        sys.unraisablehook = hook



@contextmanager
def uncut() -> Iterator[None]:
    """Holds SIGINT and SIGTERM back during the block (a plan's files being swapped in), so a
    stop comes before or after it, never inside; a no-op where signals cannot be blocked."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def leave_to_main_thread() -> None:
    """Blocks SIGINT and SIGTERM in the calling (helper) thread for good, so the system delivers
    them to the main thread, whose waits they interrupt and where Python runs the handlers."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)


# In a worker process: whether it is building a plan (SIGTERM then unwinds it, removing what
# it staged) or idle (SIGTERM ends it at once).
_busy = False


@contextmanager
def busy() -> Iterator[None]:
    """Marks the worker busy during the block: a SIGTERM raises `Stopped` inside it."""
    global _busy
    _busy = True
    try:
        yield
    finally:
        _busy = False


def _worker_stop(number: int, frame: FrameType | None) -> None:
    if _busy:
        raise Stopped(number)
    os._exit(SIGNAL_EXIT + number)


def start_worker() -> None:
    """Prepares a worker process of `build --jobs`: Ctrl-C is for the parent alone (it stops the
    workers itself, with SIGTERM), SIGTERM stops a build cleanly, and the worker dies with its
    parent however the parent ends (Linux: the kernel's PR_SET_PDEATHSIG; elsewhere a thread
    watching for the parent to go)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)
    parent = os.getppid()
    if not _death_signal():
        _watch_parent(parent)
    elif os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(SIGNAL_EXIT + signal.SIGTERM)


def _death_signal() -> bool:
    """Asks Linux to send SIGTERM to this process when its parent dies; returns whether it did."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Ends this process, from a thread, once its parent `parent` is gone (then the worker is
    adopted and `os.getppid` changes)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(SIGNAL_EXIT + signal.SIGTERM)

    threading.Thread(target=watch, name="kehoach-parent-watch", daemon=True).start()
