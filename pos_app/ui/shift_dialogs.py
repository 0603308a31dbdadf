"""The shift's dialogs: counting cash by denomination (the float, the blind count at close),
paid-in / paid-out / drops, the shift menu, and a shift report on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.cash import DENOMINATIONS, CashCount, parse_cash_count
from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.core.shift_report import ShiftCount
from pos_app.ui.messages import error_text

translate = QCoreApplication.translate


def denomination_text(code: str, lang: str) -> str:
    """``¥100 note`` / ``¥0.5 coin`` in the UI's language."""
    d = next(d for d in DENOMINATIONS if d.code == code)
    form = translate("shift", "note") if d.form == "note" else translate("shift", "coin")
    return f"¥{d.yuan_label()} {form}"


class CashCountDialog(QDialog):
    """Pieces per denomination, Enter to the next row and, on the last, done. ``blind``: no
    running total (the Z count must not be steered by what the till expects). ``offer``: a
    count F4 accepts as it is (the float the last Z left). ``settlements``: also the card
    terminal's and the wallets' totals (blank: accepted as the till expects)."""

    def __init__(self, *, title: str, intro: str, lang: str, blind: bool = False,
                 offer: CashCount | None = None, settlements: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lang, self.blind, self.offer = lang, blind, offer
        self.count: CashCount | None = None
        self.card: Money | None = None
        self.mobile: Money | None = None
        lay = QVBoxLayout(self)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        lay.addWidget(text)
        grid = QGridLayout()
        self.fields: dict[str, QLineEdit] = {}
        for row, d in enumerate(DENOMINATIONS):
            field = QLineEdit(self)
            field.setMaxLength(6)
            field.setPlaceholderText("0")
            field.textChanged.connect(self._update_total)
            grid.addWidget(QLabel(denomination_text(d.code, lang), self), row, 0)
            grid.addWidget(field, row, 1)
            self.fields[d.code] = field
        self.settlement_fields: dict[str, QLineEdit] = {}
        if settlements:
            base = len(DENOMINATIONS)
            for i, (kind, label) in enumerate((
                    ("card", translate("shift", "Card terminal total (blank: as expected)")),
                    ("mobile", translate("shift", "Mobile payments total (blank: as expected)")))):
                field = QLineEdit(self)
                grid.addWidget(QLabel(label, self), base + i, 0)
                grid.addWidget(field, base + i, 1)
                self.settlement_fields[kind] = field
        lay.addLayout(grid)
        self.total = QLabel(self)
        self.total.setVisible(not blind)
        lay.addWidget(self.total)
        if offer is not None:
            accept = QLabel(translate("shift", "F4: take the float the last Z counted: {amount}")
                            .format(amount=format_money(offer.total, lang)), self)
            accept.setStyleSheet("color: #0b5394;")
            lay.addWidget(accept)
        hint = QLabel(translate("shift", "Enter: next row, and done on the last. Esc cancels."),
                      self)
        hint.setStyleSheet("color: #666;")
        lay.addWidget(hint)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")
        lay.addWidget(self.error)
        self.order = [*self.fields.values(), *self.settlement_fields.values()]
        self._update_total()
        self.order[0].setFocus()

    def _update_total(self) -> None:
        if self.blind:
            return
        try:
            total = self._count().total
            self.total.setText(translate("shift", "Counted: {amount}").format(
                amount=format_money(total, self.lang)))
        except PosError:
            self.total.setText(translate("shift", "Counted: —"))

    def _count(self) -> CashCount:
        return parse_cash_count({code: f.text() for code, f in self.fields.items()})

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_F4 and self.offer is not None:
            self.count = self.offer
            self.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = next((f for f in self.order if f.hasFocus()), None)
            if focused is not None and focused is not self.order[-1]:
                self.order[self.order.index(focused) + 1].setFocus()
                return
            self._submit()
            return
        super().keyPressEvent(event)

    def _submit(self) -> None:
        try:
            self.count = self._count()
            for kind, field in self.settlement_fields.items():
                text = field.text().strip()
                setattr(self, kind, Money.parse(text) if text else None)
        except (PosError, ValueError) as exc:
            self.error.setText(error_text(exc, self.lang))
            return
        self.accept()

    def shift_count(self, counted_by: str) -> ShiftCount:
        """The count as the Z takes it."""
        assert self.count is not None
        return ShiftCount(self.count, card=self.card, mobile=self.mobile, counted_by=counted_by)


class CashMoveDialog(QDialog):
    """Paid-in (F5), paid-out (F6) or a drop to the safe (F7): amount and reason."""

    KINDS = ("paid_in", "paid_out", "drop")

    def __init__(self, *, lang: str, kind: str = "paid_in",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("shift", "Cash in / out"))
        self.lang = lang
        self.kind, self.amount, self.reason = kind, Money(0), ""
        labels = {"paid_in": translate("shift", "F5 Paid in"),
                  "paid_out": translate("shift", "F6 Paid out"),
                  "drop": translate("shift", "F7 Drop to the safe")}
        row = QHBoxLayout()
        self.buttons: dict[str, QRadioButton] = {}
        group = QButtonGroup(self)
        for k in self.KINDS:
            button = QRadioButton(labels[k], self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            group.addButton(button)
            row.addWidget(button)
            self.buttons[k] = button
        self.buttons[kind].setChecked(True)
        self.amount_entry = QLineEdit(self)
        self.amount_entry.setPlaceholderText(translate("shift", "Amount, e.g. 50 or 12.50"))
        self.reason_entry = QLineEdit(self)
        self.reason_entry.setMaxLength(64)
        self.reason_entry.setPlaceholderText(translate("shift", "Reason (not needed for a drop)"))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.amount_entry)
        lay.addWidget(self.reason_entry)
        lay.addWidget(self.error)
        self.setMinimumWidth(440)
        self.amount_entry.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_F5: "paid_in", Qt.Key.Key_F6: "paid_out", Qt.Key.Key_F7: "drop"}
        if event.key() in keys:
            self.buttons[keys[Qt.Key(event.key())]].setChecked(True)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.amount_entry.hasFocus():
                self.reason_entry.setFocus()
                return
            self._submit()
            return
        super().keyPressEvent(event)

    def _submit(self) -> None:
        try:
            self.amount = Money.parse(self.amount_entry.text().strip())
        except (PosError, ValueError):
            self.error.setText(translate("shift", "Type the amount in yuan, e.g. 50 or 12.50."))
            self.amount_entry.setFocus()
            return
        self.kind = next(k for k, b in self.buttons.items() if b.isChecked())
        self.reason = self.reason_entry.text()
        self.accept()


class ChoiceDialog(QDialog):
    """A short menu: a digit or Enter on the selected row chooses (``chosen``)."""

    def __init__(self, *, title: str, entries: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen = ""
        self._names = [name for name, _ in entries]
        self.list = QListWidget(self)
        for i, (_name, text) in enumerate(entries, 1):
            self.list.addItem(f"{i}  {text}")
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self._choose(self.list.currentRow()))
        self.list.installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list)
        self.setMinimumWidth(380)
        self.list.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # The list would take a digit as a search: it chooses that row here.
        if obj is self.list and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= len(self._names):
                self._choose(int(text) - 1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentRow())
                return True
        return super().eventFilter(obj, event)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._names):
            self.chosen = self._names[row]
            self.accept()


class ReportDialog(QDialog):
    """A shift report on screen as it prints (text), Ctrl+P prints it, Esc closes."""

    def __init__(self, *, title: str, text: str, mono: QFont,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.print_asked = False
        self.view = view = QPlainTextEdit(self)
        view.setReadOnly(True)
        view.setFont(mono)
        view.setPlainText(text)
        hint = QLabel(translate("shift", "Ctrl+P prints it. Esc closes."), self)
        hint.setStyleSheet("color: #666;")
        lay = QVBoxLayout(self)
        lay.addWidget(view)
        lay.addWidget(hint)
        self.resize(560, 680)
        view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() == Qt.Key.Key_P
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.print_asked = True
            self.accept()
            return
        super().keyPressEvent(event)
