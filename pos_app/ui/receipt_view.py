"""Receipt preview: a monospace text rendering of a ReceiptDocument (CJK double width)."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from pos_app.core.money import Money
from pos_app.core.receipt import ReceiptDocument

translate = QCoreApplication.translate

WIDTH = 42



def cell_width(text: str) -> int:
    """Columns ``text`` takes on a fixed-pitch display (wide CJK characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, width: int) -> str:
    out, used = "", 0
    for c in text:
        w = cell_width(c)
        if used + w > width:
            break
        out, used = out + c, used + w
    return out


def _lr(left: str, right: str, width: int = WIDTH) -> str:
    left = _clip(left, width - cell_width(right) - 1)
    return left + " " * (width - cell_width(left) - cell_width(right)) + right


def _center(text: str, width: int = WIDTH) -> str:
    text = _clip(text, width)
    pad = (width - cell_width(text)) // 2
    return " " * pad + text


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, breaking Latin text at spaces where possible."""
    lines: list[str] = []
    cur = ""
    for c in text:
        if cell_width(cur + c) <= width:
            cur += c
            continue
        cut = cur.rfind(" ")
        if c != " " and cut > 0:
            lines.append(cur[:cut].rstrip())
            cur = cur[cut + 1 :] + c
        else:
            lines.append(cur.rstrip())
            cur = "" if c == " " else c
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def _y(m: Money) -> str:
    # Receipt columns use plain yuan amounts; the symbol sits on the total lines.
    return m.yuan_text()


def receipt_text(doc: ReceiptDocument, width: int = WIDTH) -> str:
    """The receipt as lines of text, ``width`` columns wide."""
    rule = "-" * width
    out = [_center(doc.store_name, width)]
    if doc.store_address:
        out.append(_center(doc.store_address, width))
    out.append(rule)
    out.append(_lr(translate("receipt", "Receipt") + " " + doc.receipt_no, "", width))
    out.append(_lr(doc.completed_at.strftime("%Y-%m-%d %H:%M:%S"),
                   translate("receipt", "Cashier") + " " + doc.cashier, width))
    out.append(rule)
    for line in doc.lines:
        out.append(_clip(line.name, width))
        detail = f"  {line.qty_text} x {_y(line.unit_price)}"
        out.append(_lr(detail, _y(line.gross), width))
        if line.discount:
            out.append(_lr("  " + translate("receipt", "Discount"), "-" + _y(line.discount), width))
    out.append(rule)
    out.append(_lr(translate("receipt", "Subtotal"), _y(doc.subtotal), width))
    if doc.discount:
        out.append(_lr(translate("receipt", "Discounts"), "-" + _y(doc.discount), width))
    if doc.rounding:
        out.append(_lr(translate("receipt", "Rounding"), _y(doc.rounding), width))
    out.append(_lr(translate("receipt", "TOTAL"), "¥" + _y(doc.total), width))
    for rate_bp, tax in doc.tax_by_rate:
        whole, frac = divmod(rate_bp, 100)
        rate = f"{whole}%" if not frac else f"{whole}.{frac:02d}".rstrip("0") + "%"
        out.append(_lr("  " + translate("receipt", "Tax {rate}").format(rate=rate), _y(tax), width))
    out.append(rule)
    kinds = {
        "cash": translate("receipt", "Cash"),
        "card": translate("receipt", "Card"),
        "mobile": translate("receipt", "Mobile payment"),
    }
    for t in doc.tenders:
        out.append(_lr(kinds.get(t.kind, t.kind), _y(t.tendered), width))
    out.append(_lr(translate("receipt", "Change"), _y(doc.change), width))
    out.append(rule)
    if doc.footer:
        out.extend(_center(part, width) for part in _wrap(doc.footer, width))
    out.append(_center(doc.barcode_value, width))
    return "\n".join(out)


class ReceiptView(QPlainTextEdit):
    """Read-only receipt preview in a fixed-pitch font."""

    def __init__(self, font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.document_shown: ReceiptDocument | None = None

    def show_receipt(self, doc: ReceiptDocument) -> None:
        """Render ``doc``."""
        self.document_shown = doc
        self.setPlainText(receipt_text(doc))
