"""The one way tests wait: for a condition, never for a fixed time.

A loaded machine (two suites at once, five helpers on two cores) makes any fixed sleep either
too short (a flaky failure) or too long (a slow suite); polling a condition with a generous
deadline is neither. The deadline only decides how long a *broken* behaviour takes to fail.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")

TIMEOUT_S = 10.0  # generous: only a failing test ever waits this long


def wait_until(predicate: Callable[[], T], *, timeout_s: float = TIMEOUT_S,
               every_s: float = 0.005, what: str = "the condition") -> T:
    """Poll ``predicate`` until it returns something truthy (returned); fail at the deadline."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(every_s)
