"""Shifts at the till: open with a counted float, cash in and out, the X report any time,
the Z report that closes the shift after a blind count. Writes run on the writer thread
(``Pending``); the open shift is read from the database at start, so a till switched off
mid-shift carries on with it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from pos_app.core.cash import CashCount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.roles import Permission
from pos_app.core.shift_codec import from_plain, z_from_plain, z_to_plain
from pos_app.core.shift_facts import ShiftFacts
from pos_app.core.shift_report import ShiftCount, ShiftReport, expected_cash, x_report, z_report
from pos_app.core.store_info import StoreInfo
from pos_app.core.text import require_clean
from pos_app.services.guard import Guard
from pos_app.services.results import Pending
from pos_app.services.staff import Approval, Session, StaffService
from pos_app.store import shifts as store
from pos_app.store.shift_figures import shift_facts
from pos_app.store.shifts import ShiftRow, Where

MAX_CASH_MOVE = Money(10_000_000)  # ¥100,000: beyond that it is a typing slip
REASON_MAX = 64
_NEEDS = {"paid_in": Permission.PAID_IN_OUT, "paid_out": Permission.PAID_IN_OUT,
          "drop": Permission.SELL}


class ShiftService:
    """The terminal's shift and its cash."""

    def __init__(self, *, engine: Engine, store_info: StoreInfo, staff: StaffService,
                 clock: Callable[[], datetime],
                 new_uuid: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self._engine = engine
        self.store_info = store_info
        self._staff = staff
        self._guard = Guard(staff=staff, buffered=False)
        self._clock = clock
        self._new_uuid = new_uuid
        self._where = Where(store_info.store_code, store_info.terminal_code)
        self.current: ShiftRow | None = store.current_shift(engine, store_info.terminal_code)

    def _who(self) -> Session:
        if self._staff.session is None:
            raise PosError("staff.not_signed_in")
        return self._staff.session

    def _open(self) -> ShiftRow:
        if self.current is None:
            raise PosError("shift.not_open")
        return self.current

    def _set(self, row: ShiftRow | None) -> ShiftRow | None:
        self.current = row
        return row

    # ---- open --------------------------------------------------------------------------------

    def last_float(self) -> CashCount | None:
        """The cash the last Z counted in the drawer: the float to accept for the next."""
        for row in store.closed_shifts(self._engine, self.store_info.terminal_code, limit=1):
            if row.report:
                counted: CashCount = from_plain(CashCount, row.report["count"]["cash"])
                return counted
        return None

    def begin_open(self, count: CashCount) -> Pending[ShiftRow, ShiftRow]:
        """Open a shift with its float counted by denomination."""
        who = self._who()
        self._guard.authorize(Permission.SELL)
        if self.current is not None:
            raise PosError("shift.already_open")
        at = self._clock().isoformat()
        audit = self._staff.record("shift_open", detail={
            "float_fen": count.total.fen, "count": count.as_dict()})

        def run() -> ShiftRow:
            return store.open_shift(self._engine, self._where, shift_uuid=self._new_uuid(),
                                    at=at, staff_id=who.staff_id, staff_name=who.name,
                                    count=count.as_dict(), float_fen=count.total.fen,
                                    audit=audit)

        return Pending(run, lambda row: self._set(row) or row, lambda: None)

    # ---- cash outside sales ------------------------------------------------------------------

    def begin_cash(self, kind: str, amount: Money, reason: str = "",
                   approval: Approval | None = None) -> Pending[None, None]:
        """Paid-in, paid-out (with a reason and the permission) or a drop to the safe."""
        self._who()
        row = self._open()
        if kind not in _NEEDS:
            raise ValueError(f"unknown cash movement {kind!r}")
        if not isinstance(amount, Money) or amount.fen <= 0 or amount > MAX_CASH_MOVE:
            raise PosError("shift.amount_invalid", max_fen=MAX_CASH_MOVE.fen)
        reason = require_clean(reason.strip(), key="shift.reason_invalid")
        if kind != "drop" and not reason:
            raise PosError("shift.reason_required")
        if len(reason) > REASON_MAX:
            raise PosError("shift.reason_invalid", max=REASON_MAX)
        used = self._guard.authorize(_NEEDS[kind], approval)
        if kind != "paid_in":
            in_drawer = expected_cash(self._facts(row))
            if amount > in_drawer:
                raise PosError("shift.not_enough_cash", amount_fen=amount.fen,
                               cash_fen=in_drawer.fen)
        at = self._clock().isoformat()
        audit = self._staff.record(kind, subject=row.shift_uuid, approval=used,
                                   detail={"amount_fen": amount.fen, "reason": reason})
        self._guard.spend(used)
        movement_uuid = self._new_uuid()

        def run() -> None:
            store.add_cash_movement(self._engine, self._where, shift_id=row.shift_id,
                                    movement_uuid=movement_uuid, kind=kind,
                                    amount_fen=amount.fen, reason=reason, at=at, audit=audit)

        return Pending(run, lambda _r: None, lambda: None)

    # ---- reports -----------------------------------------------------------------------------

    def _facts(self, row: ShiftRow, until: datetime | None = None) -> ShiftFacts:
        return shift_facts(self._engine, row, store_name=self.store_info.store_name,
                           terminal_code=self.store_info.terminal_code,
                           until=until or self._clock())

    def begin_x_report(self,
                       approval: Approval | None = None) -> Pending[ShiftReport, ShiftReport]:
        """The shift so far; ``run`` sums the shift's sales on the writer thread."""
        self._who()
        row = self._open()
        used = self._guard.authorize(Permission.X_REPORT, approval)
        self._guard.spend(used)
        audit = self._staff.record("x_report", subject=row.shift_uuid, approval=used)

        def run() -> ShiftReport:
            at = self._clock()
            report = x_report(self._facts(row, at), at=at)
            self._staff.write_now([audit])
            return report

        return Pending(run, lambda report: report, lambda: None)

    def x_report(self, approval: Approval | None = None) -> ShiftReport:
        """The X report synchronously (tests, scripts)."""
        return self.begin_x_report(approval).run_now()

    def begin_close(self, count: ShiftCount,
                    approval: Approval | None = None) -> Pending[ShiftReport, ShiftReport]:
        """Close the shift with the blind count: its Z report is computed, kept and synced."""
        who = self._who()
        row = self._open()
        used = self._guard.authorize(Permission.Z_REPORT, approval)

        def run() -> ShiftReport:
            at = self._clock()
            report = z_report(self._facts(row, at), count, closed_at=at)
            kept = z_to_plain(report)
            cash = report.check("cash")
            audit = self._staff.record("z_report", subject=row.shift_uuid, approval=used,
                                       who=who, detail={
                                           "counted_fen": count.cash.total.fen,
                                           "over_short_fen": (cash.over_short or Money(0)).fen})
            store.close_shift(self._engine, self._where, shift_id=row.shift_id,
                              at=at.isoformat(), staff_id=who.staff_id, staff_name=who.name,
                              report=kept, audit=audit)
            self._guard.spend(used)
            return report

        def finish(report: ShiftReport) -> ShiftReport:
            self.current = None
            return report

        return Pending(run, finish, lambda: None)

    def closed(self, limit: int = 30) -> list[ShiftRow]:
        """The till's closed shifts, newest first."""
        return store.closed_shifts(self._engine, self.store_info.terminal_code, limit=limit)

    def kept_z(self, row: ShiftRow) -> ShiftReport:
        """A closed shift's Z report, as it was when it closed (to show or reprint)."""
        if not row.report:
            raise PosError("shift.not_closed")
        return z_from_plain(row.report)
