"""Shared fixtures. Tests that need the evaluation data in ../shared skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The evaluation data folder beside the project; skip the test when it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED} (only the project's own tests run in a user's clone)")
    return SHARED


@pytest.fixture
def sample_issue_text() -> str:
    return (REPO / "examples" / "sample_issue.md").read_text(encoding="utf-8")
