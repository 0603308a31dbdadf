"""The first step of a return: scan the receipt's barcode or QR, or type its number; F2
finds the sale by date, amount or member instead, F3 takes goods back without a receipt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from pos_app.services.return_sale import receipt_number_of
from pos_app.ui.edit_dialogs import ValueDialog

translate = QCoreApplication.translate


class ReceiptNumberDialog(ValueDialog):
    """Accepted with ``value`` (the receipt number) and ``mode`` ``receipt``, or with
    ``mode`` ``find`` (F2) or ``no_receipt`` (F3) and no value."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(
            title=translate("returns", "Return or exchange"),
            prompt=translate("returns", "Scan the receipt's barcode or QR code, or type the "
                                        "receipt number (e.g. S001-T01-000042)."),
            hint=translate("returns", "Enter: open the sale. F2: find the sale by date, "
                                      "amount or member. F3: no receipt. Esc: cancel."),
            parse=receipt_number_of, parent=parent)
        self.mode = "receipt"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modes = {Qt.Key.Key_F2: "find", Qt.Key.Key_F3: "no_receipt"}
        mode = modes.get(Qt.Key(event.key()))
        if mode is not None:
            self.mode = mode
            self.accept()
            return
        super().keyPressEvent(event)
