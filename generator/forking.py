"""Pure work spread over forked processes: each process reads the model this one holds without
copying it, and only the answers travel back. Used at national scale, never by the preview (its
server runs threads, which do not survive a fork)."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
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
