"""The cashier window's member panel (who, tier, points, coupons) and promotions panel."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.members import Tier
from pos_app.core.sale import Sale
from pos_app.ui.wrapped_label import WrappedLabel

translate = QCoreApplication.translate

TIER_COLORS = {
    "regular": "#6b6b6b",
    "silver": "#7d8793",
    "gold": "#a67c00",
    "platinum": "#4a5a6a",
    "diamond": "#1f5fa8",
}


def tier_name(tier: Tier, lang: str) -> str:
    """The tier's name in the UI language."""
    return tier.name_zh if lang.startswith("zh") else tier.name_en


def tier_badge_style(code: str) -> str:
    """A filled, rounded badge in the tier's colour."""
    color = TIER_COLORS.get(code, "#6b6b6b")
    return (f"background: {color}; color: white; border-radius: 4px; padding: 2px 8px;"
            " font-weight: bold;")


def set_style(widget: QWidget, style: str) -> None:
    """``widget.setStyleSheet(style)`` unless it has it already: Qt re-polishes the widget
    (~30 µs, and a repaint) even for the same sheet, and the panels redraw on every scan."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def _font(widget: QWidget, extra: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(font.pointSize() + extra)
    font.setBold(bold)
    widget.setFont(font)


class MemberPanel(QFrame):
    """Who the sale is for: masked name and phone, tier badge, points, coupons on the sale.

    ``sig_member_key`` asks for the member dialog (F11); ``sig_remove_coupon(coupon_id)``
    takes a coupon off the sale; ``sig_use_coupon(code)`` puts a wallet coupon on it.
    """

    sig_member_key = Signal()
    sig_remove_coupon = Signal(str)
    sig_use_coupon = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setObjectName("memberPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.who = QLabel(self)
        self.who.setObjectName("memberWho")
        _font(self.who, 2, bold=True)
        self.badge = QLabel(self)
        self.badge.setObjectName("tierBadge")
        self.button = QPushButton(self)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.sig_member_key.emit)
        head = QHBoxLayout()
        head.addWidget(self.who, 1)
        head.addWidget(self.badge)
        head.addWidget(self.button)
        self.points = QLabel(self)
        self.points.setObjectName("memberPoints")
        self.points.setWordWrap(True)
        _font(self.points, 2)
        # A push button with a menu: its size counts the menu arrow (a tool button's does
        # not, and the arrow covered the text's end).
        self.wallet = QPushButton(self)
        self.wallet.setObjectName("memberWallet")
        self.wallet.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.wallet.setToolTip(translate("loyalty", "Put one of the member's coupons on the sale"))
        self.wallet_actions: list[QAction] = []
        self._coupon_box = QVBoxLayout()
        self._coupon_box.setSpacing(2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addLayout(head)
        lay.addWidget(self.points)
        lay.addWidget(self.wallet)
        lay.addLayout(self._coupon_box)
        self.coupon_rows: list[QWidget] = []
        self._coupons_shown: tuple[object, ...] = ((), ())
        self._shown: tuple[object, ...] | None = None
        self.wallet.hide()
        self.show_sale(None, None)

    def show_sale(self, sale: Sale | None, tier: Tier | None,
                  wallet: Sequence[tuple[str, str]] = ()) -> None:
        """Show the sale's member, its coupons and the member's other coupons ``(name,
        code)`` (a prompt when there is no member)."""
        member = sale.member if sale is not None else None
        on_sale = tuple((c.coupon_id, c.name) for c in sale.coupons) if sale else ()
        shown = (member, tier, on_sale, tuple(wallet))
        if shown == self._shown:
            return  # most redraws are scans: the member and her coupons stay as they are
        self._shown = shown
        if member is None:
            self.who.setText(translate("loyalty", "No member"))
            set_style(self.who, "color: #666;")
            self.badge.hide()
            self.points.setText(translate(
                "loyalty", "Scan the member code or card, or press F11 to look up a phone"))
            set_style(self.points, "color: #666;")
            self.button.setText(translate("loyalty", "Member (F11)"))
        else:
            self.who.setText(f"{member.name_masked}  {member.phone_masked}".strip())
            set_style(self.who, "")
            code = tier.code if tier is not None else member.tier
            self.badge.setText(tier_name(tier, self._lang) if tier is not None else code)
            set_style(self.badge, tier_badge_style(code))
            self.badge.show()
            text = translate("loyalty", "Points {points}").format(
                points=f"{member.points_available:,}")
            if member.points_pending:
                text += "  " + translate("loyalty", "({pending:+,} not yet confirmed)").format(
                    pending=member.points_pending)
            self.points.setText(text)
            set_style(self.points, "")
            self.button.setText(translate("loyalty", "Change (F11)"))
        if (on_sale, tuple(wallet)) == self._coupons_shown:
            return  # a new member with the same coupons: leave the coupon widgets alone
        self._coupons_shown = (on_sale, tuple(wallet))
        for row in self.coupon_rows:
            row.deleteLater()
        self.coupon_rows = []
        self._show_coupons(on_sale)
        self.wallet_actions = []
        menu = QMenu(self.wallet)
        for name, code in wallet:
            action = menu.addAction(name)
            action.triggered.connect(lambda _c=False, c=code: self.sig_use_coupon.emit(c))
            self.wallet_actions.append(action)
        old = self.wallet.menu()
        self.wallet.setMenu(menu)
        if old is not None:
            old.deleteLater()
        self.wallet.setText(translate("loyalty", "Member coupons: {count}").format(
            count=len(wallet)))
        self.wallet.setVisible(bool(wallet))

    def _show_coupons(self, coupons: Sequence[tuple[str, str]]) -> None:
        for coupon_id, name in coupons:
            row = QWidget(self)
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            label = QLabel(translate("loyalty", "Coupon: {name}").format(name=name), row)
            label.setStyleSheet("color: #135c2a;")
            remove = QToolButton(row)
            remove.setText("×")
            remove.setToolTip(translate("loyalty", "Take this coupon off the sale"))
            remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            remove.clicked.connect(lambda _c=False, cid=coupon_id: self.sig_remove_coupon.emit(cid))
            lay.addWidget(label, 1)
            lay.addWidget(remove)
            self._coupon_box.addWidget(row)
            self.coupon_rows.append(row)


class PromoPanel(QFrame):
    """What promotions took off (green) and what the customer nearly gets (amber)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promoPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(translate("loyalty", "Promotions"), self)
        title.setStyleSheet("color: #666;")
        # One line per rule, ~30 in a sale week, laid out again after every scan.
        self.applied = WrappedLabel(self)
        self.applied.setObjectName("promoApplied")
        self.applied.setStyleSheet("color: #135c2a;")
        self.hints = WrappedLabel(self)
        self.hints.setObjectName("promoHints")
        self.hints.setStyleSheet("color: #7a4a00;")
        for label in (self.applied, self.hints):
            _font(label, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(title)
        lay.addWidget(self.applied)
        lay.addWidget(self.hints)
        self.hide()

    def show_texts(self, applied: Sequence[str], hints: Sequence[str]) -> None:
        """One line per applied rule and per hint; hidden when there are none."""
        self.applied.setText("\n".join(applied))
        self.applied.setVisible(bool(applied))
        self.hints.setText("\n".join(f"› {h}" for h in hints))
        self.hints.setVisible(bool(hints))
        self.setVisible(bool(applied or hints))
