"""The cart table: fixed row heights and column widths, cached-text cells, and a layout pass
that repaints only appended rows.

A scan appends one row. Qt's stock layout pass then repaints the whole viewport (~16 rows
of CJK text), which alone took most of the 16 ms a scan may cost; with fixed geometry
nothing above the new row moves, so only the new row needs painting. Likewise the column
header repaints only when its look changes, not each time a scan moves the selection.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelection, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pos_app.ui.cart_delegate import CartDelegate
from pos_app.ui.cart_model import CartTableModel

# Widest expected content per column (the name column stretches); a wider cell widens its
# column for the rest of the sale (``_fit_rows``).
_SAMPLES = ("99", "", "99.999kg", "999.99/kg", "-999.99", "9999.99")
_PAD = 16
_NUMBERS = range(2, len(_SAMPLES))


class CartHeader(QHeaderView):
    """The column header, repainted on a selection change only when that changes its look.

    With whole rows selected, every section is drawn highlighted while any row is selected
    and sunken while every row is, all sections alike; that is all the selection changes in
    the header. Qt repaints the whole header on each selection change (so on every scan,
    ~0.3 ms of the frame); here it does only when the look it last painted is out of date.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._painted: tuple[bool, bool] | None = None
        self._hint: QSize | None = None
        # As QTableView sets up the header it makes itself.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        # The table asks on every appended row (updateGeometries) and Qt has often dropped
        # its own cached hint by then, measuring every section's text again (~0.4 M
        # instructions a scan). It depends on the header texts, font and style only.
        if self._hint is None:
            self._hint = super().sizeHint()
        return QSize(self._hint)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.headerDataChanged.disconnect(self._forget_hint)
        super().setModel(model)
        if model is not None:
            model.headerDataChanged.connect(self._forget_hint)
        self._forget_hint()

    def _forget_hint(self, *_args: object) -> None:
        self._hint = None

    def changeEvent(self, event: QEvent) -> None:
        self._hint = None  # font, style, language: the texts may measure differently
        super().changeEvent(event)

    def _look(self) -> tuple[bool, bool]:
        selection = self.selectionModel()
        if selection is None or not selection.hasSelection():
            return (False, False)
        return (True, selection.isColumnSelected(0, self.rootIndex()))

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painted = self._look()
        super().paintEvent(event)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._look() != self._painted:
            super().selectionChanged(selected, deselected)


class CartView(QTableView):
    """Read-only, row-selecting table over a ``CartTableModel``."""

    def __init__(self, model: CartTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._appended: tuple[int, int] | None = None
        self.setHorizontalHeader(CartHeader(self))
        self.setModel(model)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # A scroll bar appearing mid-sale would narrow every row: one more full repaint.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        font = self.font()
        font.setPointSize(font.pointSize() + 2)
        self.setFont(font)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(font.pointSize() * 3)
        self.setItemDelegate(CartDelegate(model, self))
        self._cart = model
        self._defaults: list[int] = []
        self._fix_columns(model)
        model.rowsInserted.connect(self.on_rows_inserted)
        model.modelReset.connect(self.on_layout_invalidated)
        model.rowsRemoved.connect(self.on_layout_invalidated)
        model.rowsInserted.connect(lambda _p, first, last: self._fit_rows(first, last))
        model.dataChanged.connect(lambda a, b: self._fit_rows(a.row(), b.row()))
        model.modelReset.connect(lambda: self._fit_rows(0, model.rowCount() - 1))

    def _fix_columns(self, model: CartTableModel) -> None:
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        for col, sample in enumerate(_SAMPLES):
            if col == 1:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
                self._defaults.append(0)
                continue
            label = str(model.headerData(col, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(label))
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width + _PAD)
            self._defaults.append(width + _PAD)

    def _fit_rows(self, first: int, last: int) -> None:
        """Widen a number column whose new cells do not fit; a new sale starts narrow."""
        header, metrics = self.horizontalHeader(), self.fontMetrics()
        empty = self._cart.rowCount() == 0
        for col in _NUMBERS:
            need = self._defaults[col]
            for row in range(max(first, 0), last + 1):
                need = max(need, metrics.horizontalAdvance(self._cart.cell(row, col)[0]) + _PAD)
            if need > header.sectionSize(col) or (empty and need < header.sectionSize(col)):
                header.resizeSection(col, need)

    def on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        model = self.model()
        at_end = not parent.isValid() and last == model.rowCount() - 1
        if at_end and self._appended is None:
            self._appended = (first, last)
        else:
            self._appended = (-1, -1)  # anything else: the stock full repaint

    def on_layout_invalidated(self, *_args: object) -> None:
        self._appended = (-1, -1)

    def doItemsLayout(self) -> None:
        appended, self._appended = self._appended, None
        if appended is None or appended[0] < 0:
            super().doItemsLayout()
            return
        # Rows were only appended: update scroll ranges, repaint just the new rows.
        self.updateGeometries()
        first, last = appended
        top = self.rowViewportPosition(first)
        bottom = self.rowViewportPosition(last) + self.rowHeight(last)
        width = self.viewport().width()
        self.viewport().update(QRect(0, top, width, bottom - top))
