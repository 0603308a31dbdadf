"""Product search: barcode, SKU, Chinese name or pinyin initials, search-as-you-type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import format_money
from pos_app.core.product import ProductInfo
from pos_app.ui.messages import error_text
from pos_app.ui.product_info_panel import ProductInfoPanel

Index = QModelIndex | QPersistentModelIndex
SearchFn = Callable[[str], list[ProductInfo]]
InfoFn = Callable[[ProductInfo], None]  # the selected product: fill ``info_panel`` for it


class ProductListModel(QAbstractTableModel):
    """One page of search results."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.products: list[ProductInfo] = []
        self._headers = (
            QCoreApplication.translate("ProductListModel", "SKU"),
            QCoreApplication.translate("ProductListModel", "Name"),
            QCoreApplication.translate("ProductListModel", "Unit"),
            QCoreApplication.translate("ProductListModel", "Price"),
        )

    def set_products(self, products: list[ProductInfo]) -> None:
        """Replace the page."""
        self.beginResetModel()
        self.products = products
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.products)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        p = self.products[index.row()]
        col = index.column()
        if col == 0:
            return p.sku
        if col == 1:
            name = p.display_name(self._lang)
            return name if name == p.name else f"{name}  {p.name}"
        if col == 2:
            return "kg" if p.is_weighed else p.unit
        price = format_money(p.price, self._lang)
        return f"{price}/kg" if p.is_weighed else price


class ProductSearchDialog(QDialog):
    """Type to search (debounced); arrows move the selection; Enter adds; Esc closes."""

    sig_results = Signal(int)

    def __init__(
        self, *, search: SearchFn, lang: str, debounce_ms: int = 80,
        parent: QWidget | None = None, initial: str = "", info: InfoFn | None = None,
    ) -> None:
        super().__init__(parent)
        self._info = info
        self.setWindowTitle(self.tr("Search product"))
        self._search = search
        self.chosen: ProductInfo | None = None
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(
            self.tr("Barcode, SKU, name or pinyin initials (e.g. kkkl)")
        )
        self.query.setClearButtonEnabled(True)
        self.model = ProductListModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.on_double_clicked)
        self.status = QLabel(self.tr("Type to search. ↑/↓ select, Enter adds, Esc closes."), self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.query)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        self.info_panel = ProductInfoPanel(lang, self)
        self.info_panel.setVisible(info is not None)
        row.addWidget(self.info_panel, 1)
        lay.addLayout(row, 1)
        lay.addWidget(self.status)
        self._info_timer = QTimer(self)  # the selection settles before the cloud is asked
        self._info_timer.setSingleShot(True)
        self._info_timer.setInterval(max(debounce_ms, 150))
        self._info_timer.timeout.connect(self.on_info_due)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._info_timer.start())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.on_search_due)
        self.query.textChanged.connect(self.on_text_changed)
        self.query.installEventFilter(self)
        self.resize(1000 if info is not None else 760, 520)
        if initial:
            self.query.setText(initial)

    def selected(self) -> ProductInfo | None:
        """The product of the selected row."""
        row = self.table.currentIndex().row()
        return self.model.products[row] if 0 <= row < len(self.model.products) else None

    def on_info_due(self) -> None:
        product = self.selected()
        if product is not None and self._info is not None:
            self._info(product)

    def on_text_changed(self, _text: str) -> None:
        self._timer.start()

    def on_search_due(self) -> None:
        text = self.query.text().strip()
        try:
            products = self._search(text) if text else []
        except PosError as exc:  # e.g. a control character typed or pasted
            self.model.set_products([])
            self.status.setText(error_text(exc))
            self.sig_results.emit(0)
            return
        self.model.set_products(products)
        if products:
            self.table.selectRow(0)
            self.status.setText(self.tr("{count} found. Enter adds the selected product.").format(
                count=len(products)))
        elif text:
            self.status.setText(self.tr("Nothing found. Check the spelling or try the SKU."))
        self.sig_results.emit(len(products))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._move(key)
                return True
        return super().eventFilter(obj, event)

    def _move(self, key: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10,
                Qt.Key.Key_PageDown: 10}[Qt.Key(key)]
        current = self.table.currentIndex().row()
        row = min(max(current + step, 0), rows - 1)
        self.table.selectRow(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():  # Enter typed faster than the debounce
                self._timer.stop()
                self.on_search_due()
            self._choose(self.table.currentIndex().row())
            return
        super().keyPressEvent(event)

    def on_double_clicked(self, index: QModelIndex) -> None:
        self._choose(index.row())

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.model.products):
            self.chosen = self.model.products[row]
            self.accept()
