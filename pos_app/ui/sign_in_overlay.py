"""The sign-in screen over the whole window: who is at the till. Shown at start, when the
till locks itself after an idle time or on Ctrl+L, and to switch cashiers; the open sale
stays underneath for whoever signs in next."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos_app.ui.pin_form import PinForm

translate = QCoreApplication.translate


def role_text(role: str) -> str:
    """A role's name in the UI's language."""
    names = {
        "cashier": translate("staff", "Cashier"),
        "supervisor": translate("staff", "Supervisor"),
        "manager": translate("staff", "Manager"),
        "attendant": translate("staff", "Attendant"),
    }
    return names.get(role, role)


class SignInOverlay(QFrame):
    """Covers its parent and keeps the keyboard in its form until someone signs in."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("signIn")
        self.setStyleSheet("#signIn { background: #1f2a36; }"
                           "#signInCard { background: white; border-radius: 10px; }")
        card = QFrame(self)
        card.setObjectName("signInCard")
        card.setMinimumWidth(460)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(28, 22, 28, 22)
        self.title = QLabel(card)
        font = self.title.font()
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.title.setFont(font)
        self.store = QLabel(card)
        self.store.setStyleSheet("color: #555;")
        self.kept_sale = QLabel(card)
        self.kept_sale.setWordWrap(True)
        self.kept_sale.setStyleSheet("color: #0b5394;")
        self.form = PinForm(card)
        self.staff_list = QLabel(card)
        self.staff_list.setWordWrap(True)
        self.staff_list.setStyleSheet("color: #444;")
        self.demo_hint = QLabel(card)
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setStyleSheet("background: #fff4ce; padding: 6px; color: #5c4400;")
        for w in (self.title, self.store, self.kept_sale, self.form, self.staff_list,
                  self.demo_hint):
            lay.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.hide()
        parent.installEventFilter(self)

    def open(self, *, title: str, store: str, staff: Sequence[tuple[str, str, str]],
             demo_pins: Sequence[tuple[str, str, str]] = (), kept_sale: str = "") -> None:
        """Cover the window: ``staff`` as (code, name, role) lines, the demo store's PINs
        as (code, name, PIN) when it is the demo, the open sale's summary when one waits."""
        self.title.setText(title)
        self.store.setText(store)
        self.kept_sale.setText(kept_sale)
        self.kept_sale.setVisible(bool(kept_sale))
        self.staff_list.setText("  ·  ".join(
            f"{code} {name} ({role_text(role)})" for code, name, role in staff[:12]))
        self.demo_hint.setText(translate("staff", "Demo store — staff numbers and PINs: {list}")
                               .format(list="   ".join(f"{c} {n}: {p}"
                                                       for c, n, p in demo_pins)))
        self.demo_hint.setVisible(bool(demo_pins))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.form.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        # isHidden, not isVisible: opened before the window is shown, it must follow the
        # window's first resize too (to the screen's size).
        if event.type() == QEvent.Type.Resize and not self.isHidden() and parent is not None:
            self.setGeometry(parent.rect())
        return False

    def mousePressEvent(self, event: object) -> None:
        """A click beside the card keeps the keyboard in the form."""
        if not (self.form.code.hasFocus() or self.form.pin.hasFocus()):
            self.form.code.setFocus()

    def focus_form(self) -> None:
        """Give the keyboard back to the form (after a dialog, a device message)."""
        (self.form.pin if self.form.code.text().strip() else self.form.code).setFocus()


