"""Pure work spread over forked processes: each process reads the model this one holds without
copying it, and only the answers travel back. Used at national scale, never by the preview (its
server runs threads, which do not survive a fork)."""

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
from typing import Any, TypeVar

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
        with ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("fork")) as pool:
            runs = pool.map(_run, range(0, len(items), step), itertools.repeat(step))
            return [answer for run in runs for answer in run]
    finally:
        gc.unfreeze()
        _job = None


def _run(start: int, step: int) -> list[Any]:
    assert _job is not None
    function, items = _job
    return [function(item) for item in items[start : start + step]]


def in_child(function: Callable[[], R]) -> R:
    """`function()` in a forked process, which gives back all it held when it ends: the build's
    model and pages are gone before the search index is made. Its answer and any exception it
    raises are pickled; `function` is not."""
    global _call
    _call = function
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            return pool.submit(_called, os.getpid()).result()
    finally:
        _call = None


_call: Callable[[], Any] | None = None


def _called(parent: int) -> Any:
    assert _call is not None
    die_with_parent(parent)
    return _call()


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A build that is killed must not leave a process writing into its staging folder (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
