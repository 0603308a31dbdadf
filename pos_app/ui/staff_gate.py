"""Who is at the till, for the cashier window: the sign-in screen (PIN or badge), the
first-run admin, locking (Ctrl+L, or by itself after an idle time) and switching cashiers
without losing the open sale, and the supervisor's override of one action."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.core.errors import PosError
from pos_app.core.money import format_money
from pos_app.core.roles import Permission
from pos_app.core.scan_router import ScanKind, ScanRules, classify_scan
from pos_app.services.checkout import CheckoutService
from pos_app.services.results import Pending
from pos_app.services.staff import Approval, Session, StaffService
from pos_app.ui.dialog_host import DialogHost
from pos_app.ui.messages import error_text
from pos_app.ui.sign_in_overlay import SignInOverlay
from pos_app.ui.staff_dialogs import FirstAdminDialog, OverrideDialog

translate = QCoreApplication.translate
T = TypeVar("T")
RunPending = Callable[..., None]
_RULES = ScanRules()
_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                       QEvent.Type.TouchBegin})


def demo_pins() -> list[tuple[str, str, str]]:
    """The demo store's staff numbers, names and PINs (public: shown on a demo till)."""
    from contract.demo import DEMO_STAFF

    return [(s.code, s.name, s.pin) for s in DEMO_STAFF]


class StaffGate(QObject):
    """The window's sign-in state. ``locked`` while nobody is signed in: the window then
    sends key actions nowhere and scans here (a staff badge signs in)."""

    def __init__(self, *, window: QWidget, staff: StaffService, checkout: CheckoutService,
                 dialogs: DialogHost, run_pending: RunPending, store_line: Callable[[], str],
                 lang: str, auto_lock_minutes: int,
                 demo_pins: Sequence[tuple[str, str, str]] = (),
                 signed_in: Callable[[Session], None] = lambda _s: None,
                 show_error: Callable[[BaseException], None] = lambda _e: None) -> None:
        super().__init__(window)
        self.staff, self.checkout, self.dialogs = staff, checkout, dialogs
        self._run_pending, self._store_line, self._lang = run_pending, store_line, lang
        self._demo_pins, self._signed_in_hook, self._show_error = demo_pins, signed_in, show_error
        self.overlay = SignInOverlay(window)
        self.overlay.form.sig_submit.connect(self.sign_in)
        self.overlay.form.sig_badge.connect(self.badge)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(max(1, auto_lock_minutes) * 60_000)
        self.idle.timeout.connect(self.on_idle)
        self._auto_lock = auto_lock_minutes > 0
        app = QApplication.instance()
        if app is not None and self._auto_lock:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.staff.session is None

    # ---- showing the sign-in screen --------------------------------------------------------

    def start(self) -> None:
        """At start: the first-run admin on a till without staff, else the sign-in screen
        (unless someone is signed in already: a test, a restart inside the session)."""
        if not self.locked:
            self._after_sign_in(self.staff.session)
            return
        self._show(translate("staff", "Sign in"))
        if self.staff.needs_first_admin():
            self._ask_first_admin()

    def _show(self, title: str) -> None:
        totals = self.checkout.current().priced.totals
        kept = ""
        if not self.checkout.sale.cart.is_empty:
            kept = translate("staff", "A sale of {amount} ({count} items) stays open for whoever "
                                      "signs in next.").format(
                amount=format_money(totals.total, self._lang), count=totals.item_count)
        staff = [(s.code, s.name, s.role) for s in self.staff.staff_list()]
        self.overlay.open(title=title, store=self._store_line(), staff=staff,
                          demo_pins=self._demo_pins, kept_sale=kept)

    def lock(self, why: str = "lock") -> None:
        """Ctrl+L or idle: sign the cashier out (audited) and cover the till; the sale stays."""
        session = self.staff.session
        if session is None:
            return
        self._run_pending(self.staff.begin_sign_out(why=why), lambda _r: None)
        self._show(translate("staff", "Locked — {name} was signed in").format(name=session.name))

    def on_idle(self) -> None:
        if self.locked or not self._auto_lock:
            return
        if self.dialogs.active is not None or self.checkout.busy:
            self.idle.start()  # a dialog or a write in progress: not in the middle of it
            return
        self.lock("auto_lock")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.locked:
            self.idle.start()
        return False

    # ---- signing in --------------------------------------------------------------------------

    def sign_in(self, code: str, pin: str) -> None:
        self._try(self.staff.begin_sign_in(code, pin))

    def badge(self, code: str) -> None:
        self._try(self.staff.begin_badge(code))

    def take_scan(self, code: str) -> bool:
        """A scan the gate takes: any scan while locked (a badge signs in, anything else
        goes to the sign-in form as typed), and a badge while signed in (a quick cashier
        switch: the sale stays). False: the sale's scan."""
        badge = classify_scan(code.strip(), _RULES).kind == ScanKind.STAFF_BADGE
        if not self.locked and not badge:
            return False
        if badge:
            if not self.locked:
                self.lock("switch")
            self.badge(code.strip())
        else:
            # Fast typing the keyboard-wedge capture took for a scan: it was meant for the
            # form (a staff number or PIN typed quickly, Enter).
            self.overlay.form.enter_typed(code.strip())
        return True

    def _try(self, pending: Pending[Session, Session]) -> None:
        self.overlay.form.set_busy(True, translate("staff", "Checking…"))
        self._run_pending(pending, self._after_sign_in, self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.overlay.form.show_error(error_text(exc, self._lang))

    def _after_sign_in(self, session: Session | None) -> None:
        if session is None:
            return
        self.overlay.hide()
        if self._auto_lock:
            self.idle.start()
        self._signed_in_hook(session)

    def _ask_first_admin(self) -> None:
        dialog = FirstAdminDialog(self.overlay)

        def create(d: FirstAdminDialog) -> None:
            try:
                pending = self.staff.begin_create_admin(
                    name=d.name.text(), code=d.code.text(), pin=d.pin.text(),
                    pin_again=d.pin_again.text())
            except PosError as exc:
                self._first_admin_failed(exc)
                return
            self._run_pending(pending, self._after_sign_in, self._first_admin_failed)

        self.dialogs.open(dialog, create)

    def _first_admin_failed(self, exc: BaseException) -> None:
        self._refused(exc)
        self._ask_first_admin()

    # ---- the supervisor's override -----------------------------------------------------------

    def attempt(self, action: Callable[[Approval | None], T], done: Callable[[T], None]) -> None:
        """Run ``action``; refused for the cashier's role, ask a supervisor and run it once
        more with their approval."""
        try:
            result = action(None)
        except PosError as exc:
            if exc.key != "permission.denied":
                raise
            self.approve(Permission(str(exc.data["action"])), int(str(exc.data.get(
                "discount_bp", 0))), lambda approval: done(action(approval)))
            return
        done(result)

    def attempt_all(self, action: Callable[[dict[Permission, Approval]], T],
                    done: Callable[[T], None], *, subject: str = "") -> None:
        """``attempt`` for an action that may need several approvals (a return refunded in
        cash: the return's and the cash's): each refusal asks a supervisor, then ``action``
        runs again with every approval given so far."""

        def go(approvals: dict[Permission, Approval]) -> None:
            try:
                result = action(approvals)
            except PosError as exc:
                if exc.key != "permission.denied":
                    self._show_error(exc)
                    return
                needed = Permission(str(exc.data["action"]))
                if needed in approvals:  # approved, and refused all the same: say so
                    self._show_error(exc)
                    return
                self.approve(needed, 0, lambda a: go({**approvals, needed: a}),
                             subject=subject)
                return
            done(result)

        go({})

    def with_permission(self, permission: Permission,
                        then: Callable[[Approval | None], Any]) -> None:
        """``then(None)`` when the role allows ``permission``, else after a supervisor's
        approval (for actions that run on the writer thread: the drawer, a reprint)."""
        if self.staff.allows(permission.value):
            then(None)
        else:
            self.approve(permission, 0, then)

    def approve(self, permission: Permission, discount_bp: int,
                then: Callable[[Approval], Any], *, subject: str = "") -> None:
        """The override prompt; ``then(approval)`` once a supervisor approved (``subject``:
        what the audit names, the open sale by default)."""
        session = self.staff.session
        dialog = OverrideDialog(permission=permission, discount_bp=discount_bp,
                                cashier=session.name if session else "",
                                parent=self.overlay.parentWidget())

        def approved(d: OverrideDialog) -> None:
            pending = self.staff.begin_approve(
                permission, code=d.code or None, pin=d.pin or None, badge=d.badge or None,
                subject=subject or self.checkout.sale.sale_uuid, discount_bp=discount_bp)

            def run_then(approval: Approval) -> None:
                try:
                    then(approval)
                except PosError as exc:
                    self._show_error(exc)

            self._run_pending(pending, run_then, self._show_error)

        self.dialogs.open(dialog, approved)
