"""The first-run admin of a till without staff, locking when idle, and the audit log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.config import Settings
from pos_app.services.factory import open_services
from pos_app.services.staff import AuditFilter
from pos_app.ui import i18n
from pos_app.ui.audit_dialog import AuditDialog
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.shift_dialogs import CashCountDialog, ChoiceDialog
from pos_app.ui.staff_dialogs import FirstAdminDialog
from tests.conftest import COLA
from tests.ui.conftest import scan


def test_a_new_till_asks_for_its_admin_never_a_default_pin(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, db_path=tmp_path / "new.db", lang="en_US")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = i18n.install_translators(app, "en_US")
    services = open_services(db_path=tmp_path / "new.db", settings=settings)
    win = CashierWindow(services=services, settings=settings, lang="en_US")
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: isinstance(win.active_dialog, FirstAdminDialog), timeout=3000)
        dialog = win.active_dialog
        assert isinstance(dialog, FirstAdminDialog) and dialog.pin.text() == ""
        dialog.name.insert("店长")  # as a Chinese IME commits it
        for field, text in ((dialog.pin, "2468"), (dialog.pin_again, "2469")):
            qtbot.keyClicks(field, text)
        qtbot.keyClick(dialog.pin_again, Qt.Key.Key_Return)
        # The PINs differ: told, and asked again.
        qtbot.waitUntil(lambda: isinstance(win.active_dialog, FirstAdminDialog)
                        and win.active_dialog is not dialog, timeout=3000)
        assert "differ" in win.staff_gate.overlay.form.state.text()
        again = win.active_dialog
        assert isinstance(again, FirstAdminDialog)
        again.name.insert("店长")
        for field, text in ((again.pin, "2468"), (again.pin_again, "2468")):
            qtbot.keyClicks(field, text)
        qtbot.keyClick(again.pin_again, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(win.active_dialog, CashCountDialog), timeout=5000)
        assert services.staff.session is not None and services.staff.session.role.code == "manager"
    finally:
        win.shutdown()
        services.close()
        for t in translators:
            app.removeTranslator(t)


def test_the_till_locks_when_idle_and_keeps_the_sale(qtbot: QtBot,
                                                      window: CashierWindow) -> None:
    scan(qtbot, window, COLA)
    window.staff_gate.on_idle()
    assert window.staff_gate.locked and window.staff_gate.overlay.isVisible()
    assert "¥3.50" in window.staff_gate.overlay.kept_sale.text()
    # Fast typing the wedge capture takes for scans goes to the form: number, then PIN.
    form = window.staff_gate.overlay.form
    window.scan("1001")
    assert form.code.text() == "1001" and form.pin.hasFocus()
    assert window.cart_model.rowCount() == 1  # not a product scan
    window.scan("9999")
    qtbot.waitUntil(lambda: "Wrong PIN" in form.state.text(), timeout=5000)
    window.scan("STF3001")
    qtbot.waitUntil(lambda: not window.staff_gate.locked, timeout=5000)
    assert window.cart_model.rowCount() == 1
    actions = [e.action for e in window.services.staff.audit_log(AuditFilter())]
    assert actions[:3] == ["sign_in", "sign_in_failed", "auto_lock"]


def test_a_manager_reads_the_audit_log(qtbot: QtBot, window: CashierWindow) -> None:
    qtbot.keyClick(window.scan_entry, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, ChoiceDialog), timeout=3000)
    menu = window.active_dialog
    assert isinstance(menu, ChoiceDialog)
    row = next(i for i, name in enumerate(menu._names) if name == "audit")
    qtbot.keyClicks(menu.list, str(row + 1))
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, AuditDialog), timeout=3000)
    audit = window.active_dialog
    assert isinstance(audit, AuditDialog)
    qtbot.waitUntil(lambda: audit.table.rowCount() > 0, timeout=5000)
    assert {e.action for e in audit.entries} >= {"sign_in", "shift_open"}
    audit.action.setCurrentIndex(audit.action.findData("shift_open"))
    qtbot.waitUntil(lambda: [e.action for e in audit.entries] == ["shift_open"], timeout=5000)
    who = audit.table.item(0, 2)
    assert who is not None and who.text() == "张敏"


def test_devices_need_their_permission_and_a_settings_change_is_audited(
        qtbot: QtBot, window: CashierWindow) -> None:
    from drivers.scale.config import ScaleConfig
    from pos_app.ui.staff_dialogs import OverrideDialog

    window.services.staff.begin_sign_in("1001", "1111").run_now()  # a cashier: no devices
    qtbot.keyClick(window.scan_entry, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.active_dialog, OverrideDialog)
    window.active_dialog.reject()
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    window.devices.manager.reconfigure("scale", ScaleConfig(kind="sim"))
    entry = window.services.staff.audit_log(AuditFilter(action="settings"))[0]
    assert (entry.staff_name, entry.subject, entry.detail) == ("王芳", "scale", {"kind": "sim"})
