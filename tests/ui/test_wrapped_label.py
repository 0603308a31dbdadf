"""A wrapped label keeps its heights per text, and gives QLabel's heights all the same."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pos_app.ui.wrapped_label import WrappedLabel

LINES = [f"第{i}件 可口可乐任选3件7元 Coca-Cola any 3 for 7.00 -1.50" for i in range(30)]


def _plain(text: str, font: QFont, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setFont(font)
    label.setStyleSheet(style)
    return label


def test_heights_follow_text_font_and_style_as_qlabels_do(qtbot: QtBot) -> None:
    label = WrappedLabel()
    qtbot.addWidget(label)
    widths = (120, 300, 878)
    for lines in (LINES[:3], LINES, LINES[:12]):
        label.setText("\n".join(lines))
        plain = _plain(label.text(), label.font())
        qtbot.addWidget(plain)
        assert [label.heightForWidth(w) for w in widths] == [
            plain.heightForWidth(w) for w in widths]
    bigger = QFont(label.font())
    bigger.setPointSize(bigger.pointSize() + 6)
    before = label.heightForWidth(300)
    label.setFont(bigger)
    assert label.heightForWidth(300) == _plain(label.text(), bigger).heightForWidth(300)
    assert label.heightForWidth(300) > before
    unpadded = label.heightForWidth(300)
    padded = "padding: 20px;"
    label.setStyleSheet(padded)
    assert label.heightForWidth(300) > unpadded
    plain = _plain(label.text(), bigger, padded)
    qtbot.addWidget(plain)
    assert label.heightForWidth(300) == plain.heightForWidth(300)


def test_each_width_is_laid_out_once_per_text(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    label = WrappedLabel()
    qtbot.addWidget(label)
    asked: list[int] = []
    real = QLabel.heightForWidth

    def counting(self: QLabel, width: int) -> int:
        asked.append(width)
        return real(self, width)

    monkeypatch.setattr(QLabel, "heightForWidth", counting)
    label.setText("\n".join(LINES))
    for _ in range(5):
        label.heightForWidth(300)
        label.heightForWidth(500)
    assert asked == [300, 500]
    label.setText("\n".join(LINES))  # the same text: nothing to lay out again
    label.heightForWidth(300)
    assert asked == [300, 500]
    label.setText("\n".join(LINES[:5]))
    label.heightForWidth(300)
    assert asked == [300, 500, 300]
