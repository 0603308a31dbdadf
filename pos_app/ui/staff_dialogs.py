"""The supervisor's override prompt and the first-run admin of a till without staff."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_app.core.roles import Permission
from pos_app.ui.pin_form import PinForm

translate = QCoreApplication.translate


def action_text(permission: Permission, discount_bp: int = 0) -> str:
    """What is being approved, in the UI's language."""
    names = {
        Permission.SELL: translate("staff", "sell"),
        Permission.LINE_VOID: translate("staff", "void a line"),
        Permission.SALE_VOID: translate("staff", "void the sale"),
        Permission.DISCOUNT: translate("staff", "a discount of {percent}"),
        Permission.PRICE_OVERRIDE: translate("staff", "a new price"),
        Permission.NO_SALE: translate("staff", "open the drawer without a sale"),
        Permission.REPRINT: translate("staff", "reprint a receipt"),
        Permission.RETURN: translate("staff", "a return"),
        Permission.RETURN_WITHOUT_RECEIPT: translate("staff", "a return without a receipt"),
        Permission.REFUND_TO_CASH: translate("staff", "a refund in cash"),
        Permission.PAID_IN_OUT: translate("staff", "cash paid in or out"),
        Permission.X_REPORT: translate("staff", "an X report"),
        Permission.Z_REPORT: translate("staff", "close the shift (Z report)"),
        Permission.REPORTS: translate("staff", "the sales reports"),
        Permission.AUDIT: translate("staff", "the audit log"),
        Permission.STOCK: translate("staff", "stock operations"),
        Permission.DEVICES: translate("staff", "device settings"),
        Permission.SETTINGS: translate("staff", "settings"),
    }
    text = names[permission]
    return text.format(percent=f"{discount_bp / 100:g} %") if "{percent}" in text else text


class OverrideDialog(QDialog):
    """A supervisor approves one action with their number and PIN, or their badge. Accepted
    with ``code`` and ``pin`` (or ``badge``) set; the caller checks them."""

    def __init__(self, *, permission: Permission, discount_bp: int = 0, cashier: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("staff", "Supervisor approval"))
        self.permission, self.discount_bp = permission, discount_bp
        self.code = self.pin = self.badge = ""
        what = QLabel(translate("staff", "{cashier} may not do this alone: {action}. A "
                                         "supervisor approves it once with their number and "
                                         "PIN, or their badge. Esc cancels.")
                      .format(cashier=cashier, action=action_text(permission, discount_bp)),
                      self)
        what.setWordWrap(True)
        self.form = PinForm(self)
        self.form.sig_submit.connect(self._credentials)
        self.form.sig_badge.connect(self._badge)
        lay = QVBoxLayout(self)
        lay.addWidget(what)
        lay.addWidget(self.form)
        self.setMinimumWidth(440)
        self.form.start()

    def _credentials(self, code: str, pin: str) -> None:
        self.code, self.pin = code, pin
        self.accept()

    def _badge(self, badge: str) -> None:
        self.badge = badge
        self.accept()


class FirstAdminDialog(QDialog):
    """A till without any staff: create its local admin (a manager) with a chosen PIN,
    typed twice. There is no default PIN; Esc leaves the question open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("staff", "First start: the till's administrator"))
        intro = QLabel(translate(
            "staff", "This till has no staff yet. Create its administrator (a manager) to sign "
                     "in; the staff from head office arrive with the first sync."), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.code = QLineEdit("1", self)
        self.pin = QLineEdit(self)
        self.pin_again = QLineEdit(self)
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(8)
        form = QFormLayout()
        form.addRow(translate("staff", "Name"), self.name)
        form.addRow(translate("staff", "Staff number"), self.code)
        form.addRow(translate("staff", "PIN (4 to 8 digits)"), self.pin)
        form.addRow(translate("staff", "PIN again"), self.pin_again)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        self.setMinimumWidth(460)
        self.name.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            fields = (self.name, self.code, self.pin, self.pin_again)
            empty = next((f for f in fields if not f.text().strip()), None)
            if empty is not None:
                empty.setFocus()
            else:
                self.accept()
            return
        super().keyPressEvent(event)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.pin.clear()
        self.pin_again.clear()
        self.pin.setFocus()
