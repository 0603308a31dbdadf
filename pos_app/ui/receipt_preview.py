"""The printed receipt as an image: the PNG the printer's image mode would print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget


class ReceiptPreview(QScrollArea):
    """A receipt preview PNG, at print size or narrower to fit; scrolls when long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet("#receiptPreview { background: #d9d9d9; }")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.image = QLabel(self)
        self.image.setStyleSheet("background: white; border: 1px solid #999;")
        self.setWidget(self.image)
        self.receipt_no = ""
        self._pixmap = QPixmap()
        self.hide()

    def _fit(self) -> None:
        # Narrower than print size when the pane is: the whole width stays readable.
        if self._pixmap.isNull():
            return
        width = min(self._pixmap.width(), max(self.viewport().width() - 2, 120))
        shown = (self._pixmap if width == self._pixmap.width() else self._pixmap.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation))
        self.image.setPixmap(shown)
        self.image.resize(shown.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_png(self, png: bytes, receipt_no: str) -> bool:
        """Show ``png``; False when it cannot be read."""
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            return False
        self._pixmap = pixmap
        self.receipt_no = receipt_no
        self.show()
        self._fit()
        return True

    def clear_preview(self) -> None:
        """Hide the image (a new sale started)."""
        self.image.clear()
        self._pixmap = QPixmap()
        self.receipt_no = ""
        self.hide()
