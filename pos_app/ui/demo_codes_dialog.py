"""Demo codes: the demo members' and some demo coupons' QR codes, to show to the simulated
camera or type into the sale (non-modal, so the sale goes on while it is open).

Codes are signed with the published demo key (``pos_app.demo_codes``) and verify only on a
demo till. Member codes live 60 s, so they are made again whenever the dialog is shown and
every ``refresh_ms`` while it is; coupons get fresh ids each time the dialog is shown, so
they are never already redeemed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QHideEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contract.demo import DEMO_MEMBERS
from pos_app.core.clock import default_now
from pos_app.core.coupons import CouponKind
from pos_app.core.members import mask_name, tier_by_code
from pos_app.demo_codes import demo_coupons, member_code, qr_png

REFRESH_MS = 30_000
QR_SCALE = 3  # pixels per module: ~170 px for a member code, ~220 px for a coupon


@dataclass(slots=True)
class DemoCodeRow:
    """One code on the page: its QR image, what it is, and the two ways to scan it."""

    key: str  # a member id, or a coupon tag from ``demo_coupons``
    qr: QLabel
    title: QLabel
    show_button: QPushButton
    type_button: QPushButton
    code: str = ""


class DemoCodesDialog(QDialog):
    """Members and coupons, each with "Show to camera" (``hold_up``) and "Type it" (``scan``)."""

    def __init__(self, parent: QWidget | None, *, hold_up: Callable[[str], object] | None,
                 scan: Callable[[str], object], clock: Callable[[], datetime] = default_now,
                 refresh_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Demo codes"))
        self.setModal(False)
        self._hold_up, self._scan, self._clock = hold_up, scan, clock
        self.member_rows: list[DemoCodeRow] = []
        self.coupon_rows: list[DemoCodeRow] = []
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._page(self.member_rows, [m.member_id for m in DEMO_MEMBERS]),
                         self.tr("Members"))
        tags = [c.tag for c in demo_coupons(clock(), suffix="")]
        self.tabs.addTab(self._page(self.coupon_rows, tags), self.tr("Coupons"))
        note = QLabel(self.tr("Demo codes are signed with the public demo key and work only "
                              "on a demo till. Member codes expire after 60 s and are "
                              "renewed every 30 s here."), self)
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(note)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh_members)
        self.resize(640, 720)

    @property
    def rows(self) -> list[DemoCodeRow]:
        """Every row, members first."""
        return self.member_rows + self.coupon_rows

    def row(self, key: str) -> DemoCodeRow:
        """The row of a member id or coupon tag."""
        return next(r for r in self.rows if r.key == key)

    def _page(self, rows: list[DemoCodeRow], keys: list[str]) -> QScrollArea:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(1, 1)
        for i, key in enumerate(keys):
            row = DemoCodeRow(key, QLabel(inner), QLabel(inner),
                              QPushButton(self.tr("Show to camera"), inner),
                              QPushButton(self.tr("Type it"), inner))
            row.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.title.setWordWrap(True)
            row.show_button.setEnabled(self._hold_up is not None)
            if self._hold_up is None:
                row.show_button.setToolTip(self.tr("No simulated camera (start with --sim)."))
            row.show_button.clicked.connect(lambda _c=False, r=row: self._show(r))
            row.type_button.clicked.connect(lambda _c=False, r=row: self._scan(r.code))
            for col, widget in enumerate((row.qr, row.title, row.show_button,
                                          row.type_button)):
                grid.addWidget(widget, i, col, Qt.AlignmentFlag.AlignVCenter)
            rows.append(row)
        grid.setRowStretch(len(keys), 1)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area

    def _show(self, row: DemoCodeRow) -> None:
        if self._hold_up is not None:
            self._hold_up(row.code)

    @staticmethod
    def _set_code(row: DemoCodeRow, code: str) -> None:
        row.code = code
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(code, scale=QR_SCALE), "PNG")
        row.qr.setPixmap(pixmap)
        row.qr.setToolTip(code)

    def _chinese(self) -> bool:
        return QLocale().language() == QLocale.Language.Chinese

    def refresh_members(self) -> None:
        """Make a fresh member code for every member row."""
        now = self._clock()
        members = {m.member_id: m for m in DEMO_MEMBERS}
        for row in self.member_rows:
            m = members[row.key]
            tier = tier_by_code(m.tier)
            tier_name = (tier.name_zh if self._chinese() else tier.name_en) if tier else m.tier
            row.title.setText(f"<b>{m.member_id}</b><br>{mask_name(m.name)} · {tier_name}")
            self._set_code(row, member_code(m.member_id, now=now))

    def refresh_coupons(self) -> None:
        """Make new demo coupons (new ids, so none is already used)."""
        by_tag = {c.tag: c for c in demo_coupons(self._clock())}
        for row in self.coupon_rows:
            c = by_tag[row.key]
            row.title.setText(f"<b>{c.coupon.name}</b><br>{self._kind_text(c.coupon.kind)}")
            self._set_code(row, c.code)

    def _kind_text(self, kind: CouponKind) -> str:
        return {
            "amount_off": self.tr("Amount off"),
            "percent_off": self.tr("Percent off"),
            "threshold_off": self.tr("Off above a minimum spend"),
            "category": self.tr("Off a category"),
            "free_item": self.tr("A free item"),
        }[kind]

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_members()
        self.refresh_coupons()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)
