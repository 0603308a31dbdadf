"""The till's interpreter settings: a short thread switch interval, a collector that runs
less often, and start-up's objects left out of later collections."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from pos_app import interpreter


@pytest.fixture
def restored() -> Iterator[None]:
    interval, thresholds = sys.getswitchinterval(), gc.get_threshold()
    yield
    gc.unfreeze()
    sys.setswitchinterval(interval)
    gc.set_threshold(*thresholds)


def test_the_till_switches_threads_often_and_collects_rarely(restored: None) -> None:
    interpreter.tune_interpreter()
    assert sys.getswitchinterval() == pytest.approx(0.001)
    assert gc.get_threshold() == interpreter.GC_THRESHOLDS
    assert gc.get_threshold()[0] > 700  # Python's default


def test_start_ups_objects_are_frozen(restored: None) -> None:
    gc.unfreeze()
    interpreter.freeze_startup()
    assert gc.get_freeze_count() > 1000  # modules, classes, tables made so far


def test_the_close_gives_start_ups_objects_back(restored: None) -> None:
    interpreter.freeze_startup()
    interpreter.thaw()
    assert gc.get_freeze_count() == 0
