"""The Qt binding must not leak references: PySide6 6.12.0 on Python 3.11 drops a reference
to None on every void call and aborts the till after a few hundred scans."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText(str(i))
        label.setVisible(False)
    # A little slack for unrelated interpreter activity; the broken binding loses ~4000.
    assert abs(sys.getrefcount(None) - before) < 100
