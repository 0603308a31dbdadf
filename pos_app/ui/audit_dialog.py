"""The audit log for managers: who did what and who approved it, filtered by day range,
action and staff member, newest first. The query runs on the task runner."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.clock import StoreClock
from pos_app.services.staff import AuditFilter, AuditRecord, StaffService
from pos_app.ui.tasks import TaskRunner

translate = QCoreApplication.translate
PAGE = 500


def action_names() -> dict[str, str]:
    """The audited actions in the UI's language."""
    return {
        "sign_in": translate("audit", "Signed in"),
        "sign_in_failed": translate("audit", "Sign-in refused"),
        "sign_out": translate("audit", "Signed out"),
        "lock": translate("audit", "Locked"),
        "auto_lock": translate("audit", "Locked when idle"),
        "switch": translate("audit", "Cashier switched"),
        "staff_locked": translate("audit", "Locked after wrong PINs"),
        "staff_created": translate("audit", "Staff created"),
        "approval": translate("audit", "Supervisor approval"),
        "approve_failed": translate("audit", "Approval refused"),
        "line_void": translate("audit", "Line voided"),
        "sale_void": translate("audit", "Sale voided"),
        "discount": translate("audit", "Discount"),
        "price_override": translate("audit", "New price"),
        "open_drawer": translate("audit", "Drawer opened (no sale)"),
        "reprint": translate("audit", "Receipt reprinted"),
        "paid_in": translate("audit", "Paid in"),
        "paid_out": translate("audit", "Paid out"),
        "drop": translate("audit", "Drop to the safe"),
        "shift_open": translate("audit", "Shift opened"),
        "x_report": translate("audit", "X report"),
        "z_report": translate("audit", "Z report (shift closed)"),
        "return": translate("audit", "Return"),
        "settings": translate("audit", "Device settings changed"),
    }


class AuditDialog(QDialog):
    """Filters on top (Tab between them, Enter searches), the entries below; Esc closes."""

    def __init__(self, *, staff: StaffService, runner: TaskRunner, clock: StoreClock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("audit", "Audit log"))
        self._staff, self._runner, self._clock = staff, runner, clock
        self._asked = 0
        self.entries: list[AuditRecord] = []
        today = QDate(clock.today().year, clock.today().month, clock.today().day)
        self.first, self.last = QDateEdit(today.addDays(-6), self), QDateEdit(today, self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.names = action_names()
        self.action = QComboBox(self)
        self.action.addItem(translate("audit", "All actions"), "")
        for code, name in self.names.items():
            self.action.addItem(name, code)
        self.who = QComboBox(self)
        self.who.addItem(translate("audit", "All staff"), "")
        for member in staff.staff_list():
            self.who.addItem(f"{member.code} {member.name}", member.staff_id)
        filters = QHBoxLayout()
        for label, widget in ((translate("audit", "From"), self.first),
                              (translate("audit", "To"), self.last),
                              (translate("audit", "Action"), self.action),
                              (translate("audit", "Staff"), self.who)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([
            translate("audit", "Time"), translate("audit", "Action"),
            translate("audit", "Staff"), translate("audit", "Approved by"),
            translate("audit", "Concerning"), translate("audit", "Details")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.state = QLabel(self)
        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.state)
        self.resize(980, 600)
        for combo in (self.action, self.who):
            combo.currentIndexChanged.connect(lambda _i: self.search())
        for edit in (self.first, self.last):
            edit.dateChanged.connect(lambda _d: self.search())
        self.search()

    def _filter(self) -> AuditFilter:
        zone = self._clock.zone

        def start(d: QDate) -> str:
            return datetime.combine(date(d.year(), d.month(), d.day()), time(),
                                    tzinfo=zone).isoformat()

        until = self.last.date().addDays(1)
        return AuditFilter(since=start(self.first.date()), until=start(until),
                           action=self.action.currentData() or None,
                           staff_id=self.who.currentData() or None, limit=PAGE)

    def search(self) -> None:
        """Ask for the entries matching the filters (answers to older asks are dropped)."""
        self._asked += 1
        asked, wanted = self._asked, self._filter()
        self.state.setText(translate("audit", "Searching…"))
        self._runner.submit(lambda: self._staff.audit_log(wanted),
                            on_done=lambda rows: self._show(asked, rows),
                            on_error=lambda exc: self.state.setText(str(exc)),
                            background=True)

    def _show(self, asked: int, rows: list[AuditRecord]) -> None:
        if asked != self._asked:
            return
        self.entries = rows
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            at = self._clock.local(datetime.fromisoformat(e.at)).strftime("%m-%d %H:%M:%S")
            cells = (at, self.names.get(e.action, e.action), e.staff_name,
                     e.approver_name or "", e.subject[:18],
                     json.dumps(e.detail, ensure_ascii=False) if e.detail else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        more = translate("audit", " (the newest {n}; narrow the filters for older ones)")
        self.state.setText(translate("audit", "{n} entries").format(n=len(rows))
                           + (more.format(n=PAGE) if len(rows) >= PAGE else ""))


