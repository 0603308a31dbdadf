"""Small widgets of the cashier window: message bar, totals panel, device status, help overlay."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.money import Money, format_money
from pos_app.core.pricing import PricedCart, PricedLine, Totals
from pos_app.core.quantity import format_quantity
from pos_app.core.tenders import PaymentState
from pos_app.ui.keys import ACTIONS, EXTRA_KEYS

translate = QCoreApplication.translate

Level = Literal["info", "ok", "warning", "error"]
_COLORS = {
    "info": ("#e8f0fe", "#1a3e8a"),
    "ok": ("#e6f4ea", "#135c2a"),
    "warning": ("#fff4e5", "#7a4a00"),
    "error": ("#fdecea", "#8a1c12"),
}



class ElidedLabel(QLabel):
    """One line that ends in "…" (or has it in the ``middle``) when narrower than its text;
    the whole text in the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 middle: bool = False) -> None:
        super().__init__(parent)
        self._mode = Qt.TextElideMode.ElideMiddle if middle else Qt.TextElideMode.ElideRight
        self.setText(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint()
                     .height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), self._mode, rect.width())
        painter.drawText(rect, int(self.alignment()), text)


class MessageBar(QFrame):
    """A non-modal message line under the scan entry; the next action replaces or hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.level: Level = "info"
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setObjectName("messageText")
        font = self._label.font()
        font.setPointSize(font.pointSize() + 2)
        self._label.setFont(font)
        close = QToolButton(self)
        close.setText("×")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        lay.addWidget(self._label, 1)
        lay.addWidget(close)
        self.hide()

    def text(self) -> str:
        """The message shown (empty when hidden)."""
        return self._label.text() if self.isVisible() else ""

    def show_message(self, text: str, level: Level = "info") -> None:
        """Show ``text``; errors and warnings stay until the next action."""
        self.level = level
        bg, fg = _COLORS[level]
        self.setStyleSheet(
            f"#messageBar {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}"
            f"#messageText {{ color: {fg}; }}"
        )
        self._label.setText(text)
        self.show()


class TotalsPanel(QFrame):
    """Items, subtotal, discounts, tax and the total in large type; change after payment."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        self._values: dict[str, QLabel] = {}
        self._names: dict[str, QLabel] = {}
        rows = (
            ("items", translate("widgets", "Items")),
            ("subtotal", translate("widgets", "Subtotal")),
            ("promo", translate("widgets", "Promotions")),
            ("line", translate("widgets", "Line discounts")),
            ("sale", translate("widgets", "Sale discount")),
            ("rounding", translate("widgets", "Rounding")),
            ("tax", translate("widgets", "Tax (incl.)")),
            ("paid", translate("widgets", "Paid")),
        )
        big = QFont(self.font())
        big.setPointSize(big.pointSize() + 4)
        detail = QFont(self.font())  # the discount rows: what makes up the subtotal's change
        detail.setPointSize(detail.pointSize() + 2)
        for row, (key, title) in enumerate(rows):
            name = QLabel(title, self)
            value = QLabel(self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            font = detail if key in ("promo", "line", "sale", "rounding") else big
            name.setFont(font)
            value.setFont(font)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self._values[key] = value
            self._names[key] = name
        self._total_title = QLabel(translate("widgets", "Total"), self)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("totalValue")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        huge = QFont(self.font())
        huge.setPointSize(huge.pointSize() + 18)
        huge.setBold(True)
        self.total_label.setFont(huge)
        self._total_title.setFont(big)
        grid.addWidget(self._total_title, len(rows), 0)
        grid.addWidget(self.total_label, len(rows), 1)
        self.change_label = QLabel(self)
        self.change_label.setObjectName("changeValue")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.change_label.setFont(huge)
        self.change_label.setStyleSheet("color: #135c2a;")
        self.change_label.hide()
        grid.addWidget(self.change_label, len(rows) + 1, 0, 1, 2)

    def _m(self, m: Money) -> str:
        return format_money(m, self._lang)

    def show_totals(self, totals: Totals, payment: PaymentState, tax_inclusive: bool) -> None:
        """Show the running totals of the sale."""
        v = self._values
        v["items"].setText(str(totals.item_count))
        v["subtotal"].setText(self._m(totals.subtotal))
        # Every fen between the list prices and the total has a row of its own.
        for key, amount in (("promo", totals.promo_discount), ("line", totals.line_discount),
                            ("sale", totals.sale_discount)):
            v[key].setText("-" + self._m(amount))
            self._show_row(key, bool(amount.fen))
        v["rounding"].setText(self._m(totals.rounding))
        self._show_row("rounding", bool(totals.rounding.fen))
        v["tax"].setText(self._m(totals.tax))
        tax_title = translate("widgets", "Tax (incl.)") if tax_inclusive else translate(
            "widgets", "Tax")
        self._names["tax"].setText(tax_title)
        self._show_row("paid", bool(payment.paid))
        v["paid"].setText(self._m(payment.paid))
        self.total_label.setText(self._m(totals.total))
        self.change_label.hide()

    def _show_row(self, key: str, shown: bool) -> None:
        self._names[key].setVisible(shown)
        self._values[key].setVisible(shown)

    def visible_rows(self) -> list[tuple[str, str]]:
        """(title, value) of the rows on show, the total last."""
        rows = [(self._names[k].text(), v.text()) for k, v in self._values.items()
                if not v.isHidden()]
        return [*rows, (self._total_title.text(), self.total_label.text())]

    def show_change(self, change: Money) -> None:
        """After a completed sale: the change to hand back, big."""
        text = translate("widgets", "Change {amount}").format(amount=self._m(change))
        self.change_label.setText(text)
        self.change_label.show()


class LastItemPanel(QFrame):
    """The line just scanned, in large type, so cashier and customer can check it."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(translate("widgets", "Last item"), self)
        title.setStyleSheet("color: #666;")
        self.name_label = QLabel(self)
        self.name_label.setWordWrap(True)
        self.detail_label = QLabel(self)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        for label, extra in ((self.name_label, 4), (self.detail_label, 3)):
            font = QFont(label.font())
            font.setPointSize(font.pointSize() + extra)
            label.setFont(font)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.name_label)
        lay.addWidget(self.detail_label)
        self.line_id: int | None = None
        self.hide()

    def follow(self, priced: PricedCart, line_id: int | None) -> None:
        """Show the line ``line_id`` changed, else the line on show as it prices now; hide
        when that line is gone (voided, sale ended)."""
        if line_id is not None:
            self.line_id = line_id
        line = next((pl for pl in priced.lines if pl.line.line_id == self.line_id), None)
        if line is None:
            self.line_id = None
            self.hide()
        else:
            self.show_line(line)

    def show_line(self, line: PricedLine) -> None:
        """Show one priced line: name, qty × unit price = amount."""
        product = line.line.product
        qty = format_quantity(line.line.qty, weighed=product.is_weighed)
        unit = format_money(line.line.unit_price, self._lang)
        off = line.promo_discount + line.line_discount
        amount = format_money(line.gross - off, self._lang)
        self.name_label.setText(product.display_name(self._lang))
        text = f"{qty} × {unit}"
        if off:  # the discount on a line of its own: one long line would not fit
            gross = format_money(line.gross, self._lang)
            text += f" = {gross}\n− {format_money(off, self._lang)} = {amount}"
        else:
            text += f" = {amount}"
        self.detail_label.setText(text)
        self.show()


class HelpOverlay(QFrame):
    """F1: every key of the window over a dimmed background; any key closes it."""

    sig_closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setStyleSheet(
            "#helpOverlay { background: rgba(20, 20, 30, 200); }"
            "#helpCard { background: white; border-radius: 8px; }"
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        card = QFrame(self)
        card.setObjectName("helpCard")
        grid = QGridLayout(card)
        grid.setContentsMargins(24, 18, 24, 18)
        grid.setHorizontalSpacing(24)
        title = QLabel(translate("widgets", "Keys"), card)
        font = title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        title.setFont(font)
        grid.addWidget(title, 0, 0, 1, 2)
        entries = [(a.key_text(), a.text()) for a in ACTIONS]
        entries += [(k, QCoreApplication.translate("keys", t)) for k, t in EXTRA_KEYS]
        for row, (key, text) in enumerate(entries, start=1):
            k = QLabel(f"<b>{key}</b>", card)
            grid.addWidget(k, row, 0)
            grid.addWidget(QLabel(text, card), row, 1)
        hint = QLabel(translate("widgets", "Press any key to close"), card)
        hint.setStyleSheet("color: #666;")
        grid.addWidget(hint, len(entries) + 1, 0, 1, 2)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)
        self.hide()
        parent.installEventFilter(self)

    def open(self) -> None:
        """Cover the parent and take the keyboard."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and self.isVisible() and parent is not None:
            self.setGeometry(parent.rect())
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()
        self.sig_closed.emit()
        event.accept()

    def mousePressEvent(self, event: object) -> None:
        self.hide()
        self.sig_closed.emit()
