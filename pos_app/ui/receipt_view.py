"""Receipt preview: the printed receipt's text layout in a fixed-pitch font (CJK double width).

The text comes from the printer's own layout (``drivers.printer.receipt_layout``) with the
printer's words for the UI language, so the screen shows what the paper says: each line's
promotions, the promotions block, the points tender and the member block.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from drivers.printer.receipt_layout import ReceiptLabels, labels_for, layout_receipt
from pos_app.core.receipt import ReceiptDocument

WIDTH = 42


def receipt_text(doc: ReceiptDocument, width: int = WIDTH,
                 labels: ReceiptLabels | None = None) -> str:
    """The receipt as lines of text, ``width`` columns wide (trailing blanks dropped)."""
    layout = layout_receipt(doc, columns=width, labels=labels)
    return "\n".join(row.rstrip() for row in layout.text().splitlines())


class ReceiptView(QPlainTextEdit):
    """Read-only receipt preview in a fixed-pitch font."""

    def __init__(self, font: QFont, parent: QWidget | None = None,
                 labels: ReceiptLabels | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.document_shown: ReceiptDocument | None = None
        # The app installs its language as the default locale before building windows.
        self.labels = labels or labels_for(QLocale().name())

    def show_receipt(self, doc: ReceiptDocument) -> None:
        """Render ``doc``."""
        self.document_shown = doc
        self.setPlainText(receipt_text(doc, labels=self.labels))
