"""Run one function over many items in forked processes, so that a large site uses every core.

The processes are forked when the work starts, so they inherit everything the function needs
(content, templates, the MkDocs build) without copying it; only items and results travel.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_CHUNK = 8
"""Items per task at most: few enough to keep the processes evenly busy, enough to keep the
overhead low; fewer items go in smaller tasks, down to one."""
_function: Callable[[Any], Any] | None = None
"""The function of the running map, set before the processes are forked."""


def cores() -> int:
    """Processes worth starting: the cores this process may use, or 1 where fork is missing."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class forked_map(Iterator[Result]):
    """`function(item)` for every item, in order, computed in `processes` forked processes.

    The processes start at once, so they work while the caller goes on. With one process, or
    fewer than `at_least` items, it runs here instead, item by item. `function` may be any
    callable (a closure too): the processes inherit it. An exception in a process is raised
    here; `close()` (or the last result) stops the processes."""

    def __init__(
        self,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        processes: int,
        *,
        initializer: Callable[[], None] | None = None,
        at_least: int = 2 * _CHUNK,
    ) -> None:
        global _function
        self._pool: Any = None
        if processes < 2 or len(items) < max(2, at_least):
            self.processes = 1
            self._results: Iterator[Result] = map(function, items)
            return
        self.processes = processes
        """How many processes do the work: 1 means here, in this one."""
        _function = function
        gc.freeze()  # the processes never collect what they inherit: no copying, no scanning
        try:
            self._pool = multiprocessing.get_context("fork").Pool(processes, _start, (initializer,))
        finally:
            _function = None
            gc.unfreeze()
        chunk = max(1, min(_CHUNK, len(items) // (4 * processes)))
        self._results = self._pool.imap(_call, items, chunksize=chunk)

    def __next__(self) -> Result:
        try:
            return next(self._results)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def _start(initializer: Callable[[], None] | None) -> None:
    gc.enable()  # a process collects its own garbage, even if the one it was forked from waits
    if initializer is not None:
        initializer()


def _call(item: Any) -> Any:
    assert _function is not None
    return _function(item)
