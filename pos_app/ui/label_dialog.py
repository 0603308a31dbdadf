"""Shelf and markdown labels for managers, keyboard first: scan or type a code and Enter adds
its label, F3 searches the typed text, F5 adds the products whose price changed since their
last label, F6 switches markdown mode (Alt+P: the percentage off; a scan then adds a markdown
label), Delete drops the selected label, F12 prints the list, Esc closes. The selected
label's picture is shown as it will print.

Lookups and printing run through the task runner: the dialog never waits on the database
or the printer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QPixmap, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.money import format_money
from pos_app.core.product import ProductInfo
from pos_app.core.shelf_label import MAX_PERCENT_OFF
from pos_app.services.labels import LabelItem, LabelService, PrintResult
from pos_app.ui.messages import error_text
from pos_app.ui.tasks import TaskRunner

PREVIEW_SCALE = 2  # a 40 mm label is 320 dots: twice that reads well on a till screen


class LabelDialog(QDialog):
    """The labels screen; ``sig_printed(PrintResult)`` after a print, ``sig_changed`` when
    the list or the preview changed, ``sig_failed(exc)`` when a step was refused."""

    sig_printed = Signal(object)
    sig_changed = Signal()
    sig_failed = Signal(object)

    def __init__(self, *, labels: LabelService, runner: TaskRunner, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shelf and markdown labels"))
        self.labels, self.runner, self.lang = labels, runner, lang
        self.items: list[LabelItem] = []
        self.preview_png = b""
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(self.tr("Scan or type a barcode or SKU, Enter"))
        self.entry.returnPressed.connect(self.on_entry)
        self.markdown = QPushButton(self)
        self.markdown.setCheckable(True)
        self.markdown.setAutoDefault(False)
        self.markdown.toggled.connect(self._show_mode)
        self.percent = QSpinBox(self)
        self.percent.setRange(1, MAX_PERCENT_OFF)
        self.percent.setValue(30)
        self.percent.setSuffix(" %")
        percent_label = QLabel(self.tr("&Percent off"), self)
        percent_label.setBuddy(self.percent)
        top = QHBoxLayout()
        top.addWidget(self.entry, 1)
        top.addWidget(self.markdown)
        top.addWidget(percent_label)
        top.addWidget(self.percent)
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(self.on_row)
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(340, 260)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addWidget(self.preview, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for key, text, handler in (
                ("F3", self.tr("Search"), self.on_search),
                ("F5", self.tr("Price changed"), self.on_price_changed),
                ("F6", self.tr("Markdown mode"), self.markdown.toggle),
                ("Del", self.tr("Remove"), self.on_remove),
                ("F12", self.tr("Print labels"), self.on_print)):
            button = QPushButton(f"{text} ({key})", self)
            button.setAutoDefault(False)
            button.clicked.connect(handler)
            buttons.addWidget(button)
            if key.startswith("F"):
                QShortcut(QKeySequence(key), self, handler)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reject)
        self._show_mode(False)
        self.resize(900, 560)  # inside the 1024x768 till screen
        self.entry.setFocus()

    # ---- adding labels ------------------------------------------------------------------

    @Slot()
    def on_entry(self) -> None:
        """Enter: the typed or scanned code's label (markdown in markdown mode)."""
        code = self.entry.text().strip()
        self.entry.clear()
        if not code:
            return
        percent = self.percent.value() if self.markdown.isChecked() else 0
        labels = self.labels

        def build() -> LabelItem:
            found = labels.find(code)
            return (labels.markdown_item(found, percent) if percent
                    else labels.shelf_item(found.product))

        self.runner.submit(build, on_done=lambda item: self._add([item]),
                           on_error=self._failed, background=True)

    @Slot()
    def on_search(self) -> None:
        """F3: shelf labels of the products the typed text finds (name, pinyin, SKU)."""
        text = self.entry.text().strip()
        self.entry.clear()
        self._add_products(lambda: self.labels.search(text))

    @Slot()
    def on_price_changed(self) -> None:
        """F5: shelf labels of every product whose price changed since its last label."""
        self._add_products(self.labels.price_changed, empty=self.tr(
            "No price changed since the last labels were printed."))

    def _add_products(self, find: Callable[[], list[ProductInfo]], empty: str = "") -> None:
        labels = self.labels

        def build() -> list[LabelItem]:
            return [labels.shelf_item(p) for p in find()]

        def done(items: list[LabelItem]) -> None:
            if not items:
                self.status.setText(empty or self.tr("Nothing found."))
                self.sig_changed.emit()
                return
            self._add(items)

        self.runner.submit(build, on_done=done, on_error=self._failed, background=True)

    def _add(self, items: list[LabelItem]) -> None:
        for item in items:
            self.items.append(item)
            self.list.addItem(QListWidgetItem(self._row_text(item)))
        self.list.setCurrentRow(len(self.items) - 1)
        self.status.setText(self.tr("Labels in the list: {n}").format(n=len(self.items)))
        self.sig_changed.emit()

    def _row_text(self, item: LabelItem) -> str:
        name = item.product.display_name(self.lang)
        price = format_money(item.doc.price, self.lang)
        if item.kind == "markdown" and item.doc.regular_price is not None:
            was = format_money(item.doc.regular_price, self.lang)
            return self.tr("Markdown  {name}  {price} (was {was})").format(
                name=name, price=price, was=was)
        return f"{name}  {price}"

    @Slot()
    def on_remove(self) -> None:
        """Del: drop the selected label."""
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self.list.takeItem(row)
            self.on_row(self.list.currentRow())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Without a window manager nothing activates the dialog, and its F-key shortcuts
        # only work in the active window.
        self.activateWindow()
        self.entry.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.focusWidget() is self.list:
            self.on_remove()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter belongs to the code entry, never "accept"
        super().keyPressEvent(event)

    # ---- preview and printing -----------------------------------------------------------

    @Slot(int)
    def on_row(self, row: int) -> None:
        """Show the selected label as it will print."""
        if not 0 <= row < len(self.items):
            self.preview.clear()
            self.preview_png = b""
            self.sig_changed.emit()
            return
        self.preview_png = self.labels.preview_png(self.items[row])
        pixmap = QPixmap()
        pixmap.loadFromData(self.preview_png, "PNG")
        # Up to twice the label's dots, never wider or taller than the preview's room.
        room = self.preview.contentsRect()
        width = min(pixmap.width() * PREVIEW_SCALE, max(room.width() - 8, 1))
        height = min(pixmap.height() * PREVIEW_SCALE, max(room.height() - 8, 1))
        self.preview.setPixmap(pixmap.scaled(
            width, height, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        self.sig_changed.emit()

    @Slot()
    def on_print(self) -> None:
        """F12: print every label in the list on the label printer."""
        items = list(self.items)
        self.status.setText(self.tr("Printing…"))
        self.runner.submit(lambda: self.labels.print_labels(items), on_done=self._printed,
                           on_error=self._failed, background=True)

    def _printed(self, result: PrintResult) -> None:
        self.items = []
        self.list.clear()
        self.status.setText(self.tr("Labels printed: {n}").format(n=len(result.items)))
        self.sig_printed.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc, self.lang))
        self.sig_failed.emit(exc)

    @Slot(bool)
    def _show_mode(self, on: bool) -> None:
        self.markdown.setText(self.tr("Markdown: on (F6)") if on
                              else self.tr("Markdown: off (F6)"))
        self.percent.setEnabled(on)
