"""Work in forked processes: each reads the model this one holds without copying it, and only the
answers travel back. `fork_map` spreads pure work over the cores; `Child` runs one function
beside this process: the build itself, and the second process's share of the pages. Never used by
the preview: its server runs threads, which do not survive a fork."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def fork_map(function: Callable[[T], R], items: Sequence[T], cores: int, at_least: int = 2) -> list[R]:
    """`[function(item) for item in items]`, in order, on `cores` forked processes, or in this one
    when `cores` is 1 or there are fewer than `at_least` items (a fork costs more than a few items).
    Neither `function` nor the items are pickled; the answers are."""
    if cores < 2 or len(items) < max(at_least, 2):
        return [function(item) for item in items]
    global _job
    _job = (function, items)
    step = -(-len(items) // (4 * cores))
    # The collector would otherwise visit, and so copy, every page of memory the processes share.
    gc.freeze()
    try:
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(cores, fork, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            runs = pool.map(_run, range(0, len(items), step), itertools.repeat(step))
            return [answer for run in runs for answer in run]
    finally:
        gc.unfreeze()
        _job = None


def _run(start: int, step: int) -> list[Any]:
    assert _job is not None
    function, items = _job
    return [function(item) for item in items[start : start + step]]


class Child(Generic[R]):
    """`function()` in a forked process, started now, while this one goes on; `result()` waits for
    its answer. The process gives back all it held when it ends. Its answer and any exception it
    raises are pickled; `function` is not. Ctrl-C is this process's to handle: `close` stops the
    other at once."""

    def __init__(self, function: Callable[[], R]) -> None:
        global _call
        _call = function
        self._reader, writer = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(target=_called, args=(os.getpid(), writer))
        try:
            self._process.start()
        except BaseException:
            self._reader.close()
            raise
        finally:
            _call = None
            writer.close()

    def result(self) -> R:
        """The answer, or the exception raised; ChildDied if the process ended without either
        (killed for lack of memory, say)."""
        try:
            done, answer = self._reader.recv()
        except EOFError:
            self._process.join()
            raise ChildDied(self._process.exitcode) from None
        self._process.join()
        if not done:
            raise answer
        return answer

    def close(self) -> None:
        """Stop the process if it still runs."""
        self._reader.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


def in_child(function: Callable[[], R]) -> R:
    """`function()` in a forked process (see Child), waited for: the build's model and pages are
    gone before the search index is made."""
    child = Child(function)
    try:
        return child.result()
    finally:
        child.close()


class ChildDied(Exception):
    """The forked process ended without an answer."""


_call: Callable[[], Any] | None = None


def _called(parent: int, writer: Connection) -> None:
    assert _call is not None
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        answer = (True, _call())
    except BaseException as error:
        answer = (False, error)
    writer.send(answer)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A build that is killed must not leave a process writing into its staging folder (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
