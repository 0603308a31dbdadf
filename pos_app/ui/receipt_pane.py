"""The sale screen's receipt page: a title, the receipt as text and its printed image."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos_app.core.receipt import ReceiptDocument
from pos_app.ui.receipt_preview import ReceiptPreview
from pos_app.ui.receipt_view import ReceiptView


class ReceiptPane(QWidget):
    """Shown between sales: ``title`` over the text rendering (``view``) and, beside or
    instead of it, the printed image (``preview``)."""

    def __init__(self, mono_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        title_font = self.title.font()
        title_font.setPointSize(title_font.pointSize() + 3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setStyleSheet("color: #135c2a;")
        self.view = ReceiptView(mono_font, self)
        self.preview = ReceiptPreview(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        row.addWidget(self.preview, 1)
        lay.addLayout(row, 1)

    def show_receipt(self, doc: ReceiptDocument | str, title: str) -> None:
        """Show ``doc`` (or a printed text) under ``title`` (its image follows once
        printed)."""
        if isinstance(doc, str):
            self.view.show_text(doc)
        else:
            self.view.show_receipt(doc)
        self.title.setText(title)
