"""Receipt preview: the printed receipt's text layout in a fixed-pitch font (CJK double width).

The text is the printer's own layout with the printer's words for the UI language
(``services.printing.receipt_text``), so the screen shows what the paper says: each line's
promotions, the promotions block, the points tender and the member block.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from pos_app.core.receipt import ReceiptDocument
from pos_app.services.printing import SCREEN_COLUMNS as WIDTH
from pos_app.services.printing import receipt_text

_SMALLEST = 6.0


class ReceiptView(QPlainTextEdit):
    """Read-only receipt preview in a fixed-pitch font, made smaller when the pane is too
    narrow for the receipt's width (beside the printed image at 1024 px)."""

    def __init__(self, font: QFont, parent: QWidget | None = None,
                 lang: str | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(font)
        self._base = QFont(font)
        # A scroll bar coming and going with the font size would change the room again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.document_shown: ReceiptDocument | None = None
        # The app installs its language as the default locale before building windows.
        self.lang = lang or QLocale().name()

    def show_receipt(self, doc: ReceiptDocument) -> None:
        """Render ``doc``."""
        self.document_shown = doc
        self.setPlainText(receipt_text(doc, lang=self.lang, columns=WIDTH))
        self._fit()

    def show_text(self, text: str) -> None:
        """Render a printed text that is not a sale's receipt (a return receipt)."""
        self.document_shown = None
        self.setPlainText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The largest size up to the configured one at which the widest line fits."""
        room = self.viewport().width() - 2 * self.document().documentMargin()
        lines = self.toPlainText().splitlines() or ["0" * WIDTH]
        font = QFont(self._base)
        size = font.pointSizeF()
        while size > _SMALLEST:
            font.setPointSizeF(size)
            metrics = QFontMetricsF(font)
            if max(metrics.horizontalAdvance(line) for line in lines) <= room:
                break
            size -= 0.5
        if font.pointSizeF() != self.font().pointSizeF():
            self.setFont(font)
