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
from multiprocessing.connection import Connection
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


def in_child(function: Callable[[], R]) -> R:
    """`function()` in a forked process, which gives back all it held when it ends: the build's
    model and pages are gone before the search index is made. Its answer and any exception it
    raises are pickled; `function` is not. Ctrl-C is this process's to handle: it stops the
    other at once (ChildDied if that ends without an answer, killed for lack of memory say)."""
    global _call
    _call = function
    reader, writer = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_called, args=(os.getpid(), writer))
    try:
        child.start()
        writer.close()
        try:
            done, answer = reader.recv()
        except EOFError:
            child.join()
            raise ChildDied(child.exitcode) from None
        child.join()
    finally:
        _call = None
        reader.close()
        if child.is_alive():
            child.kill()
            child.join()
    if not done:
        raise answer
    return answer


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
