"""The shift at the cashier window: open it after sign-in (count the float, or take the one
the last Z counted), the shift menu (Ctrl+H: cash in/out, X report, close with a Z, reprint
a Z, reports, sign out), the Z after a blind count, shown and printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from pos_app.core.cash import CashCount
from pos_app.core.clock import DEFAULT_CLOCK, StoreClock
from pos_app.core.errors import PosError
from pos_app.core.money import format_money
from pos_app.core.roles import Permission
from pos_app.core.shift_report import ShiftReport
from pos_app.services.printing import shift_report_text
from pos_app.services.reports import ReportService
from pos_app.services.shifts import ShiftService
from pos_app.services.staff import Approval, StaffService
from pos_app.ui.dialog_host import DialogHost
from pos_app.ui.shift_dialogs import CashCountDialog, CashMoveDialog, ChoiceDialog, ReportDialog
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.widgets import Level

if TYPE_CHECKING:
    from pos_app.services.printing import PrintService
    from pos_app.ui.staff_gate import StaffGate

translate = QCoreApplication.translate


class ShiftActions:
    """The shift's use cases for the window; writes go through ``run_pending``."""

    def __init__(self, *, shifts: ShiftService, staff: StaffService, gate: StaffGate,
                 dialogs: DialogHost, run_pending: Callable[..., None],
                 print_service: Callable[[], PrintService], mono: QFont, lang: str,
                 parent: QWidget, show_message: Callable[[str, Level], None],
                 show_error: Callable[[BaseException], None],
                 reports: ReportService | None = None,
                 runner: TaskRunner | None = None,
                 refresh: Callable[[], None] = lambda: None,
                 clock: StoreClock | None = None) -> None:
        self.shifts, self.staff, self.gate, self.dialogs = shifts, staff, gate, dialogs
        self._run_pending, self._print_service = run_pending, print_service
        self._mono, self._lang, self._parent = mono, lang, parent
        self._show_message, self._show_error = show_message, show_error
        self._reports, self._runner, self._refresh = reports, runner, refresh
        self._clock = clock or DEFAULT_CLOCK

    # ---- opening ---------------------------------------------------------------------------

    def after_sign_in(self) -> None:
        """Someone signed in: the window shows them, then the shift opens if none is."""
        self._refresh()
        self.dialogs.focus_entry()
        self.ensure_open()

    def ensure_open(self) -> None:
        """After sign-in: a till without an open shift asks for the opening float."""
        if self.shifts.current is not None or self.gate.locked:
            return
        offer = self.shifts.last_float()
        dialog = CashCountDialog(
            title=translate("shift", "Open the shift"),
            intro=translate("shift", "Count the float in the drawer: pieces of each note and "
                                     "coin. Sales start once the shift is open."),
            lang=self._lang, offer=offer, parent=self._parent)

        def counted(d: CashCountDialog) -> None:
            count = d.count or CashCount()
            self._run_pending(self.shifts.begin_open(count), lambda row: self._show_message(
                translate("shift", "Shift {no} open, float {amount}.").format(
                    no=row.shift_no, amount=format_money(count.total, self._lang)), "ok"))

        self.dialogs.open(dialog, counted)

    # ---- the menu --------------------------------------------------------------------------

    def on_menu(self) -> None:
        """Ctrl+H: what can be done with the shift and the cash."""
        if self.shifts.current is None:
            self.ensure_open()
            return
        entries = [("cash", translate("shift", "Cash in / out, drop to the safe")),
                   ("x", translate("shift", "X report (the shift so far)")),
                   ("z", translate("shift", "Close the shift: blind count and Z report")),
                   ("reprint_z", translate("shift", "Show or reprint the last Z reports"))]
        if self._reports is not None:
            entries.append(("reports", translate("shift", "Sales reports")))
        entries.append(("audit", translate("shift", "Audit log (managers)")))
        entries.append(("sign_out", translate("shift", "Sign out")))
        dialog = ChoiceDialog(title=translate("shift", "Shift and cash"), entries=entries,
                              parent=self._parent)
        handlers: dict[str, Callable[[], None]] = {
            "cash": self.on_cash, "x": self.on_x_report, "z": self.on_close,
            "reprint_z": self.on_reprint_z, "reports": self.on_reports, "audit": self.on_audit,
            "sign_out": lambda: self.gate.lock("sign_out")}
        self.dialogs.open(dialog, lambda d: handlers[d.chosen]())

    def on_reports(self) -> None:
        """The sales reports (supervisors and managers, or with their approval)."""
        from pos_app.ui.reports_dialog import open_reports

        reports, runner = self._reports, self._runner
        if reports is None or runner is None:
            return
        self.gate.with_permission(Permission.REPORTS, lambda _approval: open_reports(
            self._parent, reports=reports, runner=runner, lang=self._lang, host=self.dialogs))

    def on_audit(self) -> None:
        """The audit log (managers, or with a manager's approval)."""
        from pos_app.ui.audit_dialog import AuditDialog

        runner = self._runner
        if runner is None:
            return
        self.gate.with_permission(Permission.AUDIT, lambda _approval: self.dialogs.open(
            AuditDialog(staff=self.staff, runner=runner, clock=self._clock,
                        parent=self._parent), lambda _d: None))

    def on_cash(self) -> None:
        dialog = CashMoveDialog(lang=self._lang, parent=self._parent)

        def chosen(d: CashMoveDialog) -> None:
            self.gate.attempt(
                lambda a: self.shifts.begin_cash(d.kind, d.amount, d.reason, a),
                lambda pending: self._run_pending(pending, lambda _r: self._show_message(
                    translate("shift", "Cash recorded: {amount}.").format(
                        amount=format_money(d.amount, self._lang)), "ok")))

        self.dialogs.open(dialog, chosen)

    def on_x_report(self) -> None:
        self.gate.attempt(self.shifts.begin_x_report, lambda pending: self._run_pending(
            pending, lambda report: self.show_report(report, translate("shift", "X report"))))

    def on_close(self) -> None:
        """The blind count: the expected cash is not shown until the Z is."""
        self.gate.with_permission(Permission.Z_REPORT, self._count_for_z)

    def _count_for_z(self, approval: Approval | None) -> None:
        dialog = CashCountDialog(
            title=translate("shift", "Close the shift: count the drawer"),
            intro=translate("shift", "Count all the cash in the drawer by note and coin. The "
                                     "till shows what it expected only after the count."),
            lang=self._lang, blind=True, settlements=True, parent=self._parent)

        def counted(d: CashCountDialog) -> None:
            session = self.staff.session
            count = d.shift_count(session.name if session else "")
            self._run_pending(self.shifts.begin_close(count, approval), self._closed)

        self.dialogs.open(dialog, counted)

    def _closed(self, report: ShiftReport) -> None:
        self._print(report)
        self.show_report(report, translate("shift", "Z report: shift {no} closed").format(
            no=report.facts.shift_no), after=lambda: self.gate.lock("sign_out"))

    def on_reprint_z(self) -> None:
        rows = self.shifts.closed(limit=9)
        if not rows:
            self._show_error(PosError("shift.no_closed_shift"))
            return
        entries = [(str(r.shift_id), translate("shift", "Shift {no}, closed {at} by {name}")
                    .format(no=r.shift_no, at=(r.closed_at or "")[:16].replace("T", " "),
                            name=r.closed_by_name or "")) for r in rows]
        dialog = ChoiceDialog(title=translate("shift", "Z reports"), entries=entries,
                              parent=self._parent)

        def chosen(d: ChoiceDialog) -> None:
            row = next(r for r in rows if str(r.shift_id) == d.chosen)
            report = self.shifts.kept_z(row)
            self.show_report(report, translate("shift", "Z report: shift {no}").format(
                no=row.shift_no), reprint=True)

        self.dialogs.open(dialog, chosen)

    # ---- showing and printing ----------------------------------------------------------------

    def show_report(self, report: ShiftReport, title: str, *, reprint: bool = False,
                    after: Callable[[], Any] | None = None) -> None:
        """The report on screen as it prints; Ctrl+P prints (again)."""
        dialog = ReportDialog(title=title, text=shift_report_text(report, lang=self._lang),
                              mono=self._mono, parent=self._parent)

        def closed(d: ReportDialog) -> None:
            if d.print_asked:
                self._print(report, reprint=reprint or report.kind == "Z")

        def finished(_result: int) -> None:
            if after is not None:
                after()

        dialog.finished.connect(finished)
        self.dialogs.open(dialog, closed)

    def _print(self, report: ShiftReport, *, reprint: bool = False) -> None:
        service = self._print_service

        def job() -> list[int]:
            return service().print_shift_report(report, reprint=reprint)

        self._run_pending_plain(job)

    def _run_pending_plain(self, job: Callable[[], Any]) -> None:
        from pos_app.services.results import Pending

        self._run_pending(Pending(job, lambda r: r, lambda: None), lambda _r: None)
