"""The Qt binding must not leak references: PySide6 6.12.0 on Python 3.11 drops a reference
to None on every void call and aborts the till after a few hundred scans.

Python 3.12 made None immortal (its count never moves, a lost reference cannot free it), so
the None check runs where None is counted — detected, not assumed from the version — and the
argument check, which any Python can fail, runs everywhere.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 2000
SLACK = 100  # unrelated interpreter activity; the broken binding loses ~2 per call


def none_is_counted() -> bool:
    """Whether references to None are counted (Python < 3.12), i.e. a lost one can free it."""
    before = sys.getrefcount(None)
    held = [None] * 1000
    counted = sys.getrefcount(None) - before >= 1000
    del held
    return counted


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    if not none_is_counted():
        assert sys.version_info >= (3, 12), "None is only immortal from Python 3.12 on"
        return  # a dropped reference to an immortal None is harmless
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(str(i))
        label.setVisible(False)
    assert abs(sys.getrefcount(None) - before) < SLACK


def test_void_qt_calls_keep_the_reference_count_of_their_arguments(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    text = "".join(["可口可乐", "330ml"])  # a fresh, counted object on every Python
    tip = "".join(["扫码", "提示"])
    before = sys.getrefcount(text), sys.getrefcount(tip)
    for _ in range(CALLS):
        label.setText(text)
        label.setToolTip(tip)
        label.setVisible(False)
    assert label.text() == text
    assert (sys.getrefcount(text), sys.getrefcount(tip)) == before
