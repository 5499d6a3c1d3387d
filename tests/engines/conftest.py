"""One local Ray cluster for every Ray test of the session (Ray takes seconds to start)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[Any]:
    """``ray`` initialised with two CPUs and a small object store; skipped without the extra."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'newsnlp[ray]')")
    pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install 'newsnlp[ray]')")
    ray.init(num_cpus=2, object_store_memory=200 * 1024 * 1024, include_dashboard=False,
             logging_level="WARNING", log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()
