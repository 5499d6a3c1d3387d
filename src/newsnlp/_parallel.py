"""Map a function over a stream in worker processes, yielding results in input order.

Workers are forked after the caller has loaded its resources (dictionary, topic model), so they
share them copy-on-write instead of loading them again; the function is handed to each worker
once, at start-up, never pickled per task. At most ``window`` batches are in flight, so a stream
of thousands of documents is never read into memory at once.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

__all__ = ["batched", "ordered_map", "resolve_n_process"]

T = TypeVar("T")
R = TypeVar("R")

# Set once in each worker process by _init_worker (never in the parent): the function to apply.
_worker_function: Callable[[Any], Any] | None = None


def resolve_n_process(n_process: int) -> int:
    """``-1`` means all CPUs; anything below 1 is an error."""
    if n_process == -1:
        return os.cpu_count() or 1
    if n_process < 1:
        raise ValueError(f"n_process must be >= 1 or -1 (all CPUs), got {n_process}")
    return n_process


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _init_worker(function: Callable[[Any], Any]) -> None:
    global _worker_function
    _worker_function = function
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    try:  # one BLAS thread per worker: the workers already use every core
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass


def _run_batch(batch: list[Any]) -> list[Any]:
    assert _worker_function is not None
    return [_worker_function(item) for item in batch]


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    window: int | None = None,
) -> Iterator[R]:
    """Yield ``function(item)`` for every item, in input order.

    ``n_process=1`` never forks. Otherwise ``n_process`` workers each take batches of
    ``batch_size`` items; ``window`` (default ``4 * n_process``) bounds the batches in flight.
    """
    n_process = resolve_n_process(n_process)
    if n_process == 1:
        for item in items:
            yield function(item)
        return
    if "fork" not in multiprocessing.get_all_start_methods():
        # Workers inherit the loaded pipeline by forking; without fork (Windows) run in-process.
        warnings.warn("worker processes need the 'fork' start method; running in one process", stacklevel=2)
        for item in items:
            yield function(item)
        return
    context = multiprocessing.get_context("fork")
    window = window or 4 * n_process
    # Objects that exist now are shared with the forked workers; freezing them keeps the workers'
    # garbage collector from touching (and so copying) every page of the parent's memory.
    gc.freeze()
    try:
        pool = context.Pool(n_process, initializer=_init_worker, initargs=(function,))
    finally:
        gc.unfreeze()
    try:
        pending: deque[Any] = deque()
        for batch in batched(items, batch_size):
            pending.append(pool.apply_async(_run_batch, (batch,)))
            while len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
