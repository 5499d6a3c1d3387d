"""Map a function over a stream in worker processes, yielding results in input order.

Workers are forked after the caller has loaded its resources (dictionary, topic model), so they
share them copy-on-write instead of loading them again; the function is handed to each worker
once, at start-up, never pickled per task. At most ``window`` batches are in flight, so a stream
of thousands of documents is never read into memory at once.

A worker that dies (``kill -9``, the out-of-memory killer, a crash in native code) breaks the
pool; :class:`concurrent.futures.ProcessPoolExecutor` reports that at once instead of waiting
forever. The batches that were in flight then run again in a fresh pool, one at a time so that
a second death names its batch; a batch that kills its worker again is split and its items run
alone, and an item that kills its worker on its own is handed to ``on_lost`` (or raises
:class:`WorkerLostError`). Results still come out in input order, so a resumed run gives the
same bytes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from newsnlp.errors import Errors, NewsNLPError

__all__ = ["WorkerLostError", "batched", "ordered_map", "resolve_n_process"]

T = TypeVar("T")
R = TypeVar("R")

# Set once in each worker process by _init_worker (never in the parent): the function to apply.
_worker_function: Callable[[Any], Any] | None = None


class WorkerLostError(NewsNLPError, RuntimeError):
    """A worker process died (killed, out of memory) on the same item twice."""


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
    _exit_with_parent()
    try:  # one BLAS thread per worker: the workers already use every core
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass


def _exit_with_parent() -> None:
    """End this worker, quietly, as soon as its parent is gone (``kill -9`` of ``newsnlp run``).

    Orphaned workers would otherwise wait forever on their task queue or print BrokenPipe
    tracebacks. Linux tells us at once (PR_SET_PDEATHSIG); elsewhere a thread checks our parent.
    """
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0 and os.getppid() == parent:  # 1: PR_SET_PDEATHSIG
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="newsnlp-parent-watch", daemon=True).start()


def _run_batch(batch: list[Any]) -> list[Any]:
    assert _worker_function is not None
    return [_worker_function(item) for item in batch]


class _Workers:
    """A fork-based process pool that can be replaced when one of its workers dies."""

    def __init__(self, function: Callable[[Any], Any], n_process: int) -> None:
        self._function = function
        self._n_process = n_process
        self._context = multiprocessing.get_context("fork")
        self._executor: ProcessPoolExecutor | None = None
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        self._executor = ProcessPoolExecutor(
            self._n_process, mp_context=self._context, initializer=_init_worker, initargs=(self._function,)
        )

    def submit(self, batch: list[Any]) -> Future[list[Any]]:
        assert self._executor is not None
        # Objects that exist now are shared with the forked workers (they fork at the first
        # submit); freezing them keeps the workers' garbage collector from touching (and so
        # copying) every page of the parent's memory.
        gc.freeze()
        try:
            return self._executor.submit(_run_batch, batch)
        except BrokenProcessPool as exc:  # a worker died since the last result: fail like the rest
            failed: Future[list[Any]] = Future()
            failed.set_exception(exc)
            return failed
        finally:
            gc.unfreeze()

    def restart(self) -> None:
        self.shutdown(wait=False)
        self.restarts += 1
        self._start()

    def shutdown(self, *, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None

    def terminate(self) -> None:
        """Stop the workers now (Ctrl-C, an error): their unfinished batches are not wanted."""
        executor = self._executor
        if executor is None:
            return
        # ProcessPoolExecutor has no public terminate before Python 3.14.
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            if process.is_alive():
                process.terminate()
        self.shutdown(wait=False)


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    window: int | None = None,
    on_lost: Callable[[T], R] | None = None,
) -> Iterator[R]:
    """Yield ``function(item)`` for every item, in input order.

    ``n_process=1`` never forks. Otherwise ``n_process`` workers each take batches of
    ``batch_size`` items; ``window`` (default ``4 * n_process``) bounds the batches in flight.
    When a worker dies, its work runs again (see the module notes); ``on_lost(item)`` gives the
    result of an item whose worker died on it twice, else :class:`WorkerLostError` is raised.
    When ``items`` itself raises, every result already computed is yielded first.
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
    window = window or 4 * n_process
    workers = _Workers(function, n_process)
    pending: deque[tuple[list[Any], Future[list[Any]]]] = deque()

    def isolated(batch: list[Any]) -> Iterator[Any]:
        """Run one batch alone in the pool, so that a worker's death is known to be its own."""
        try:
            results = workers.submit(batch).result()
        except BrokenProcessPool:
            workers.restart()
            if len(batch) > 1:
                for item in batch:
                    yield from isolated([item])
                return
            if on_lost is None:
                raise WorkerLostError(Errors.E064.format(item=_describe(batch[0]))) from None
            yield on_lost(batch[0])
            return
        yield from results

    def take_oldest() -> Iterator[Any]:
        batch, future = pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            # Every batch in flight is lost with the pool; run each again, alone, in order.
            warnings.warn(
                "a worker process died (killed, or out of memory); its work runs again in a new one",
                RuntimeWarning, stacklevel=2,
            )
            suspects = [batch] + [b for b, _ in pending]
            pending.clear()
            workers.restart()
            for suspect in suspects:
                yield from isolated(suspect)
            return
        yield from results

    source_error: list[Exception] = []

    def batches() -> Iterator[list[Any]]:
        batch: list[Any] = []
        try:
            for item in items:
                batch.append(item)
                if len(batch) >= batch_size:
                    yield batch
                    batch = []
        except Exception as exc:  # the input failed: finish what was read, then raise it
            source_error.append(exc)
        if batch:
            yield batch

    finished = False
    try:
        for batch in batches():
            pending.append((batch, workers.submit(batch)))
            while len(pending) >= window:
                yield from take_oldest()
        while pending:
            yield from take_oldest()
        finished = True
    finally:
        if finished:
            workers.shutdown()
        else:
            workers.terminate()
    if source_error:
        raise source_error[0]


def _describe(item: Any) -> str:
    name = getattr(item, "id", None)
    if isinstance(name, str):
        return name
    text = repr(item)
    return text if len(text) <= 60 else text[:57] + "..."
