"""The Demo codes dialog: members and coupons as QR codes, shown to the camera or typed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract.demo import DEMO_MEMBERS, demo_private_key
from pos_app.core.coupons import parse_coupon_code
from pos_app.core.members import parse_member_code
from pos_app.ui.demo_codes_dialog import DemoCodesDialog

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=timezone(timedelta(hours=8)))
PUBLIC_KEYS = [demo_private_key().public_key()]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def open_dialog(qtbot: QtBot, *, hold_up: list[str] | None, scanned: list[str],
                clock: Clock | None = None, refresh_ms: int = 30_000) -> DemoCodesDialog:
    dialog = DemoCodesDialog(None, hold_up=None if hold_up is None else hold_up.append,
                             scan=scanned.append, clock=clock or Clock(),
                             refresh_ms=refresh_ms)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_lists_the_five_members_and_the_coupons_with_qr_images(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, hold_up=[], scanned=[])
    assert not dialog.isModal()
    assert [r.key for r in dialog.member_rows] == [m.member_id for m in DEMO_MEMBERS]
    assert len(dialog.coupon_rows) == 6
    for row in dialog.rows:
        assert not row.qr.pixmap().isNull() and row.code.startswith(("OM:", "OC:"))
    assert "张伟专享满50减10" in dialog.row("member").title.text()


def test_type_it_scans_a_fresh_code_of_the_member(qtbot: QtBot) -> None:
    scanned: list[str] = []
    dialog = open_dialog(qtbot, hold_up=[], scanned=scanned)
    qtbot.mouseClick(dialog.row("M-DEMO-1").type_button, Qt.MouseButton.LeftButton)
    [code] = scanned
    assert parse_member_code(code, public_keys=PUBLIC_KEYS, now=NOW).member_id == "M-DEMO-1"


def test_show_to_camera_holds_the_coupon_up(qtbot: QtBot) -> None:
    held: list[str] = []
    scanned: list[str] = []
    dialog = open_dialog(qtbot, hold_up=held, scanned=scanned)
    qtbot.mouseClick(dialog.row("percent90").show_button, Qt.MouseButton.LeftButton)
    [code] = held
    assert parse_coupon_code(code, public_keys=PUBLIC_KEYS).kind == "percent_off"
    assert scanned == []


def test_without_a_simulated_camera_show_is_disabled(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, hold_up=None, scanned=[])
    assert not any(r.show_button.isEnabled() for r in dialog.rows)
    assert all(r.type_button.isEnabled() for r in dialog.rows)


def test_member_codes_are_renewed_while_open(qtbot: QtBot) -> None:
    clock = Clock()
    dialog = open_dialog(qtbot, hold_up=[], scanned=[], clock=clock, refresh_ms=50)
    first = dialog.row("M-DEMO-2").code
    coupon = dialog.row("amount5").code
    clock.now = NOW + timedelta(seconds=30)
    qtbot.waitUntil(lambda: dialog.row("M-DEMO-2").code != first, timeout=3000)
    renewed = parse_member_code(dialog.row("M-DEMO-2").code, public_keys=PUBLIC_KEYS,
                                now=clock.now)
    # Compact codes count whole minutes: valid from the issue minute, at least 60 s from now.
    assert renewed.issued_at <= clock.now
    assert renewed.expires_at >= clock.now + timedelta(seconds=60)
    assert dialog.row("amount5").code == coupon  # coupons change only when shown again
    dialog.hide()
    assert not dialog.timer.isActive()
