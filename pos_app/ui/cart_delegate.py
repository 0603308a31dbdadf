"""Paints cart cells straight from the model's cached strings.

The stock delegate asks the model for about nine roles per cell and lays the text out again
on every repaint; the cart repaints on every scan, and that alone cost more than the rest of
a scan's 16 ms budget. This one makes one Python call per cell and draws pre-laid-out text.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pos_app.ui.cart_model import CartTableModel

# Plain ints: a Qt flag's ``&`` is a Python enum operation (~1 µs), and paint runs per cell.
_SELECTED = QStyle.StateFlag.State_Selected.value
_HIGHLIGHT = QPalette.ColorRole.Highlight
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_ELIDE = Qt.TextElideMode.ElideRight
_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_HCENTER = int(Qt.AlignmentFlag.AlignHCenter)
_PAD = 6
_SMALL = 0.82  # a two-line name's size: two lines of it fit a row
_Cell = tuple[QStaticText, float, float, QFont | None]  # text, its size, its font if small


class CartDelegate(QStyledItemDelegate):
    """Draws a cart cell's one line of text as cached ``QStaticText`` (laid out once, not on
    every repaint); the view has already drawn the row background, selection is filled here.

    The cache holds the cells of the sale on screen: it is emptied when the cart is (a new
    sale), since a laid-out text costs ~3 KB of native memory and the next sale's cells are
    mostly new; ``_CACHE_LIMIT`` only bounds a very long cart.
    """

    _CACHE_LIMIT = 4000

    def __init__(self, model: CartTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        # (text, width) → the laid-out text and its size.
        self._cache: dict[tuple[str, int], _Cell] = {}
        model.modelReset.connect(self._forget_if_empty)

    def _forget_if_empty(self) -> None:
        if self._model.rowCount() == 0:
            self._cache.clear()

    @property
    def cached_cells(self) -> int:
        """Laid-out texts kept for repaints (for tests)."""
        return len(self._cache)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        col = index.column()
        text, align = self._model.cell(index.row(), col)
        rect = option.rect
        selected = bool(option.state.value & _SELECTED)
        if selected:
            # The painter is shared by every cell of a repaint: restore the pen afterwards.
            palette = option.palette
            painter.save()
            painter.fillRect(rect, palette.color(_HIGHLIGHT))
            painter.setPen(palette.color(_HIGHLIGHTED_TEXT))
        # PySide6's stubs type QRect.getRect() as ``object``; it is (x, y, width, height).
        left, top, width, height = cast(tuple[int, int, int, int], rect.getRect())
        # Only the name can be longer than its column; its width is part of the key.
        key = (text, width - 2 * _PAD if col == 1 else -1)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= self._CACHE_LIMIT:
                self._cache.clear()
            cached = self._cache[key] = self._prepare(
                option, text, width - 2 * _PAD if col == 1 else None)
        static, text_w, text_h, small = cached
        # QRect.right() is left + width - 1.
        x = left + width - 1 - _PAD - text_w if align & _RIGHT else left + _PAD
        if align & _HCENTER:
            x = left + (width - text_w) / 2
        if small is not None:
            painter.save()
            painter.setFont(small)
        painter.drawStaticText(QPointF(x, top + (height - text_h) / 2), static)
        if small is not None:
            painter.restore()
        if selected:
            painter.restore()

    @staticmethod
    def _prepare(option: QStyleOptionViewItem, text: str, width: int | None) -> _Cell:
        font: QFont = option.font
        small = None
        if width is not None and option.fontMetrics.horizontalAdvance(text) > width:
            # A long name: two lines in a smaller font (what a row's height holds).
            small = QFont(font)
            small.setPointSizeF(font.pointSizeF() * _SMALL)
            text = "\u2028".join(two_lines(text, QFontMetrics(small), width))
            font = small
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=font)
        size = static.size()
        return static, size.width(), size.height(), small


def two_lines(text: str, metrics: QFontMetrics, width: int) -> tuple[str, ...]:
    """``text`` on at most two lines of ``width``: broken at the last space that fits (any
    character for Chinese), the second line elided if it is still too long."""
    if metrics.horizontalAdvance(text) <= width:
        return (text,)
    cut = 1
    while cut < len(text) and metrics.horizontalAdvance(text[: cut + 1]) <= width:
        cut += 1
    space = text.rfind(" ", 0, cut + 1)
    if space > 0:  # "蒙牛特仑苏纯牛奶 | 250ml×12", not "… 250ml×1 | 2"
        cut = space
    first, rest = text[:cut].rstrip(), text[cut:].strip()
    return (first, metrics.elidedText(rest, _ELIDE, width)) if rest else (first,)
