from __future__ import annotations

import os

from newsnlp._parallel import ordered_map


def _square_with_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_parallel_results_in_input_order_across_workers() -> None:
    results = list(ordered_map(_square_with_pid, range(50), n_process=2, batch_size=3, window=2))
    assert [r for r, _ in results] == [x * x for x in range(50)]
    assert len({pid for _, pid in results}) >= 1


def test_parallel_single_process_never_forks() -> None:
    results = list(ordered_map(_square_with_pid, range(5), n_process=1))
    assert {pid for _, pid in results} == {os.getpid()}
