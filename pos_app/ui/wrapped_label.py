"""A word-wrapped label that lays its text out once per width, not once per question."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

# What can change the height a text needs at a given width, besides the text itself.
_RESETS = frozenset({
    QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish,
    QEvent.Type.ContentsRectChange, QEvent.Type.LayoutDirectionChange,
    QEvent.Type.ApplicationFontChange,
})
_WIDTHS_KEPT = 16


class WrappedLabel(QLabel):
    """A ``QLabel`` with word wrap whose ``heightForWidth`` answers are kept per text.

    After a change of text Qt's layouts ask the label for its height at a width ~40 times
    (each layout level asks its items again) and QLabel lays the whole text out for each:
    with the promotions panel's 30 lines that was most of what a scan cost after its
    frame. The answer depends on the text, the width and the label's font, style and
    margins, so it is kept until one of them changes (``_RESETS``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
        super().setText(text)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= _WIDTHS_KEPT:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def event(self, event: QEvent) -> bool:
        if event.type() in _RESETS:
            self._heights.clear()
        return super().event(event)
