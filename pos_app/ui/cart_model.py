"""Table model over the priced cart: #, name, qty, unit price, discount, amount."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from pos_app.core.money import Money
from pos_app.core.pricing import PricedCart, PricedLine
from pos_app.core.quantity import format_quantity

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGNMENTS = (_CENTER, _LEFT, _RIGHT, _RIGHT, _RIGHT, _RIGHT)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)


def _same_texts(a: PricedLine, b: PricedLine) -> bool:
    """True when both show the same row texts (``_row_texts`` reads nothing else).

    A sale discount is spread over every line again on each scan: every line's net and tax
    move while no row shows either, so whole priced lines are not compared.
    """
    return ((a.line is b.line or a.line == b.line) and a.gross.fen == b.gross.fen
            and a.promo_discount.fen == b.promo_discount.fen
            and a.line_discount.fen == b.line_discount.fen)


class CartTableModel(QAbstractTableModel):
    """Rows are priced lines; ``set_priced`` inserts/updates rows without a full reset."""

    COLUMNS = ("#", "name", "qty", "price", "discount", "amount")

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._lines: tuple[PricedLine, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._headers = (
            "#",
            QCoreApplication.translate("CartTableModel", "Item"),
            QCoreApplication.translate("CartTableModel", "Qty"),
            QCoreApplication.translate("CartTableModel", "Price"),
            QCoreApplication.translate("CartTableModel", "Discount"),
            QCoreApplication.translate("CartTableModel", "Amount"),
        )

    # ---- updates ---------------------------------------------------------------------

    def set_priced(self, priced: PricedCart) -> None:
        """Show ``priced``: appended lines are inserted, changed rows updated in place."""
        old, new = self._lines, priced.lines
        old_ids = [pl.line.line_id for pl in old]
        new_ids = [pl.line.line_id for pl in new]
        # Display strings are built once per changed line here, so data() is a lookup:
        # the view asks for every visible cell on every repaint.
        texts = [
            self._texts[row] if row < len(old) and _same_texts(old[row], pl)
            else self._row_texts(row, pl)
            for row, pl in enumerate(new)
        ]
        if new_ids[: len(old_ids)] != old_ids:
            self.beginResetModel()
            self._lines, self._texts = new, texts
            self.endResetModel()
            return
        changed = [row for row in range(len(old)) if texts[row] != self._texts[row]]
        if len(new) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._lines, self._texts = new, texts
            self.endInsertRows()
        else:
            self._lines, self._texts = new, texts
        if changed:
            # A sale discount spreads over every line; usually only one row changed.
            last = len(self.COLUMNS) - 1
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last))

    def line_id_at(self, row: int) -> int | None:
        """The cart line id shown in ``row``."""
        if 0 <= row < len(self._lines):
            return self._lines[row].line.line_id
        return None

    def row_of(self, line_id: int) -> int | None:
        """The row showing ``line_id``."""
        for row, pl in enumerate(self._lines):
            if pl.line.line_id == line_id:
                return row
        return None

    # ---- Qt model API ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= 2:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell on each repaint: plain int roles and
        # cached strings keep it cheap (Qt enum attribute access costs ~1 µs each).
        if role == _DISPLAY:
            return self._texts[index.row()][index.column()]
        if role == _ALIGN:
            return _ALIGNMENTS[index.column()]
        if role == _TOOLTIP and index.column() == 1:
            line = self._lines[index.row()].line
            p = line.product
            return f"{p.display_name(self._lang)}\n{p.sku}  {line.scanned_code}".strip()
        return None

    def cell(self, row: int, col: int) -> tuple[str, int]:
        """Display text and alignment of a cell (for the cart delegate)."""
        return self._texts[row][col], _ALIGNMENTS[col]

    def _money(self, m: Money) -> str:
        # Plain yuan in the table (the totals carry the currency): narrow, aligned columns.
        return m.yuan_text()

    def _row_texts(self, row: int, pl: PricedLine) -> tuple[str, ...]:
        line = pl.line
        product = line.product
        name = product.display_name(self._lang)
        unit = self._money(line.unit_price)
        off = pl.promo_discount + pl.line_discount  # the sale discount shows in the totals
        return (
            str(row + 1),
            f"{name} *" if line.price_overridden else name,
            format_quantity(line.qty, weighed=product.is_weighed),
            f"{unit}/kg" if product.is_weighed else unit,
            "" if not off else "-" + self._money(off),
            self._money(pl.gross - off),
        )
