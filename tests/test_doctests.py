"""The examples in the docstrings run (numpydoc ``Examples`` sections are part of the docs)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import newsnlp

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(newsnlp.__path__, "newsnlp.")
    if not name.endswith("__main__") and "transformer" not in name
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
