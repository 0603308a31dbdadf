"""F11: find a member by phone (several may share one until head office merges them: the
cashier chooses), sign a customer up at the till, or take the member off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.services.loyalty import LoyaltyService
from pos_app.ui.loyalty_widgets import tier_badge_style, tier_name
from pos_app.ui.messages import error_text
from pos_app.ui.payment_dialog import RunPending


class MemberDialog(QDialog):
    """Accepted with ``chosen`` = the member to put on the sale, or None to take it off."""

    def __init__(
        self, *, loyalty: LoyaltyService, run_pending: RunPending, lang: str,
        current: Member | None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Member"))
        self._loyalty = loyalty
        self._run_pending = run_pending
        self._lang = lang
        self.chosen: Member | None = None
        self.found: Member | None = None
        self.saving = False

        self.phone = QLineEdit(self)
        self.phone.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.phone.setPlaceholderText(self.tr("Mobile number, e.g. 138 0013 8000"))
        font = self.phone.font()
        font.setPointSize(font.pointSize() + 6)
        self.phone.setFont(font)
        self.phone.returnPressed.connect(self.on_enter)
        find = QPushButton(self.tr("Find (Enter)"), self)
        find.setAutoDefault(False)
        find.clicked.connect(self.on_find)
        row = QHBoxLayout()
        row.addWidget(self.phone, 1)
        row.addWidget(find)

        self.result_label = QLabel(self)
        self.result_label.setObjectName("memberResult")
        big = self.result_label.font()
        big.setPointSize(big.pointSize() + 3)
        self.result_label.setFont(big)
        self.badge = QLabel(self)
        self.badge.hide()
        self.use_button = QPushButton(self.tr("Use this member (Enter)"), self)
        self.use_button.setAutoDefault(False)
        self.use_button.clicked.connect(self.on_use)
        self.use_button.hide()
        found = QHBoxLayout()
        found.addWidget(self.result_label, 1)
        found.addWidget(self.badge)
        found.addWidget(self.use_button)
        # Several members of one phone: one row each, the cashier picks (arrows + Enter).
        self.choices = QListWidget(self)
        self.choices.setObjectName("memberChoices")
        self.choices.currentRowChanged.connect(self.on_choice)
        self.choices.itemActivated.connect(lambda _item: self.on_use())
        self.choices.hide()
        self.members: list[Member] = []

        signup = QGroupBox(self.tr("New member: sign up with the number above"), self)
        self.name = QLineEdit(signup)
        self.name.setPlaceholderText(self.tr("Optional"))
        self.name.setMaxLength(32)
        self.consent = QCheckBox(self.tr(
            "The customer agrees to the membership terms and the privacy policy"), signup)
        self.signup_button = QPushButton(self.tr("Sign up"), signup)
        self.signup_button.setAutoDefault(False)
        self.signup_button.clicked.connect(self.on_sign_up)
        form = QFormLayout(signup)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.consent)
        form.addRow(self.signup_button)

        self.error = QLabel(self)
        self.error.setObjectName("memberError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")

        bottom = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("Remove member from the sale"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.on_remove)
        self.remove_button.setVisible(current is not None)
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        bottom.addWidget(QLabel(self.tr("Esc closes"), self))

        lay = QVBoxLayout(self)
        if current is not None:
            now = QLabel(self.tr("On this sale: {who}").format(who=self._who(current)), self)
            lay.addWidget(now)
        lay.addLayout(row)
        lay.addLayout(found)
        lay.addWidget(self.choices)
        lay.addWidget(self.error)
        lay.addWidget(signup)
        lay.addLayout(bottom)
        self.resize(620, 380)
        self.phone.setFocus()

    def _who(self, member: Member) -> str:
        return f"{member.name_masked} {member.phone_masked}".strip()

    # ---- actions ---------------------------------------------------------------------

    def on_enter(self) -> None:
        """Enter: use the member found for this number, else look the number up."""
        if self.found is not None and self.use_button.isVisible():
            self.on_use()
        else:
            self.on_find()

    def on_find(self) -> None:
        self.error.clear()
        self._show_found([])
        try:
            members = self._loyalty.find_by_phone(self.phone.text())
        except PosError as exc:
            self.error.setText(error_text(exc, self._lang))
            return
        self._show_found(members)

    def _show_found(self, members: list[Member]) -> None:
        self.members = members
        self.choices.clear()
        self.choices.setVisible(len(members) > 1)
        if len(members) > 1:
            self.result_label.setText(self.tr(
                "{count} members have this number until head office merges them: choose one"
            ).format(count=len(members)))
            for member in members:
                tier = tier_name(self._loyalty.tier(member.tier), self._lang)
                QListWidgetItem(self.tr("{who} · {tier} · points {points} · no. {id}").format(
                    who=self._who(member), tier=tier, points=f"{member.points_available:,}",
                    id=member.member_id[-6:]), self.choices)
            self.choices.setCurrentRow(0)
            self.choices.setFocus()
            return
        self._show_member(members[0] if members else None)

    def on_choice(self, row: int) -> None:
        if 0 <= row < len(self.members):
            self._show_member(self.members[row], chosen_from_list=True)

    def _show_member(self, member: Member | None, *, chosen_from_list: bool = False) -> None:
        self.found = member
        if member is None:
            self.result_label.clear()
            self.badge.hide()
            self.use_button.hide()
            return
        tier = self._loyalty.tier(member.tier)
        if not chosen_from_list:
            self.result_label.setText(self.tr("{who} · points {points}").format(
                who=self._who(member), points=f"{member.points_available:,}"))
        self.badge.setText(tier_name(tier, self._lang))
        self.badge.setStyleSheet(tier_badge_style(tier.code))
        self.badge.show()
        self.use_button.show()

    def on_use(self) -> None:
        if self.found is not None:
            self.chosen = self.found
            self.accept()

    def on_remove(self) -> None:
        self.chosen = None
        self.accept()

    def on_sign_up(self) -> None:
        if self.saving:
            return
        self.error.clear()
        try:
            pending = self._loyalty.begin_sign_up(
                phone=self.phone.text(), name=self.name.text(),
                consent=self.consent.isChecked())
        except PosError as exc:
            self.error.setText(error_text(exc, self._lang))
            return
        self.saving = True
        self.signup_button.setEnabled(False)
        self._run_pending(pending, self._signed_up, self._sign_up_failed)

    def _signed_up(self, member: Member) -> None:
        self.saving = False
        self.chosen = member
        self.accept()

    def _sign_up_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.signup_button.setEnabled(True)
        self.error.setText(error_text(exc, self._lang))

    def reject(self) -> None:
        if self.saving:  # the sign-up write is in flight; its result must be seen
            return
        super().reject()
