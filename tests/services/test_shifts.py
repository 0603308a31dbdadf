"""Shifts at the till: a sale needs one, cash in and out, X any time, Z after a blind count,
kept and reprintable, and a till switched off mid-shift carries on with it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from pos_app.core.cart import Discount
from pos_app.core.cash import CashCount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.roles import Permission
from pos_app.core.shift_report import ShiftCount
from pos_app.services.checkout import CheckoutService
from pos_app.services.returns import ReturnService
from pos_app.services.shifts import ShiftService
from pos_app.services.staff import StaffService
from pos_app.store import terminal
from pos_app.store.db import write_tx
from pos_app.store.outbox import pending_events
from tests.conftest import CHIPS, COLA, TEA
from tests.staffing import approve, signed_in

FLOAT = CashCount.of({"note_100": 2, "note_50": 1, "note_10": 4, "coin_1": 10})  # ¥300.00


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def _till(engine: Engine, role: str = "cashier",
          clock: Clock | None = None) -> tuple[CheckoutService, ShiftService, StaffService]:
    clock = clock or Clock()
    staff = signed_in(engine, role, clock=clock)
    info = terminal.get_store_info(engine=engine)
    shifts = ShiftService(engine=engine, store_info=info, staff=staff, clock=clock)
    checkout = CheckoutService(engine=engine, store_info=info, staff=staff, shifts=shifts,
                               clock=clock)
    return checkout, shifts, staff


def _sell(checkout: CheckoutService, *codes: str, kind: str = "cash") -> Money:
    for code in codes:
        checkout.scan(code)
    due = checkout.current().priced.totals.total
    checkout.add_tender(kind, due, "" if kind == "cash" else "REF1")  # type: ignore[arg-type]  # "cash" or "card"
    checkout.complete()
    return due


def test_a_sale_needs_an_open_shift(engine: Engine) -> None:
    checkout, shifts, _ = _till(engine)
    checkout.scan(COLA)
    checkout.add_tender("cash", Money(10_000))
    with pytest.raises(PosError, match=r"shift\.not_open"):
        checkout.complete()
    shifts.begin_open(FLOAT).run_now()
    with pytest.raises(PosError, match=r"shift\.already_open"):
        shifts.begin_open(FLOAT)
    receipt = checkout.complete().receipt
    assert receipt.receipt_no.endswith("000001")


def test_z_with_a_blind_count_two_yuan_short(engine: Engine) -> None:
    checkout, shifts, staff = _till(engine)
    shifts.begin_open(FLOAT).run_now()
    cash = _sell(checkout, COLA, TEA)
    card = _sell(checkout, CHIPS, kind="card")
    checkout.scan(TEA)
    checkout.discount_sale(Discount("amount", 20))
    cash += _sell(checkout)
    checkout.scan(CHIPS)
    checkout.void(approve(staff, Permission.SALE_VOID))
    shifts.begin_cash("paid_in", Money(5_000), "备用金补充",
                      approve(staff, Permission.PAID_IN_OUT)).run_now()
    with pytest.raises(PosError, match=r"permission\.denied"):
        shifts.begin_cash("paid_out", Money(1_000), "快递费")
    with pytest.raises(PosError, match=r"shift\.reason_required"):
        shifts.begin_cash("paid_out", Money(1_000), " ")
    shifts.begin_cash("paid_out", Money(1_200), "快递费",
                      approve(staff, Permission.PAID_IN_OUT)).run_now()
    with pytest.raises(PosError, match=r"shift\.not_enough_cash"):
        shifts.begin_cash("drop", Money(1_000_000)).run_now()
    shifts.begin_cash("drop", Money(20_000)).run_now()
    expected = Money(30_000) + cash + Money(5_000) - Money(1_200) - Money(20_000)
    x = shifts.x_report(approve(staff, Permission.X_REPORT, role="manager")
                        if not staff.allows("x_report") else None)
    assert x.drawer.expected == expected
    # The blind count: ¥2.00 short.
    counted = CashCount.of({"coin_1": (expected.fen - 200) // 100,
                            "coin_0_1": (expected.fen - 200) % 100 // 10})
    assert counted.total == expected - Money(200)
    with pytest.raises(PosError, match=r"permission\.denied"):
        shifts.begin_close(ShiftCount(counted, card=card))
    z = shifts.begin_close(ShiftCount(counted, card=card),
                           approve(staff, Permission.Z_REPORT, role="manager")).run_now()
    assert z.check("cash").over_short == Money(-200) and z.check("cash").state == "short"
    assert z.check("card").state == "balanced"
    f = z.facts
    assert (f.activity.sales_count, f.activity.voided_sales_count) == (3, 1)
    assert f.tender("card").sales == card and f.tender("cash").sales == cash
    assert f.discount("sale_discount").amount.fen > 0
    assert [c.name for c in f.cashiers] == ["王芳"] and f.cashiers[0].staff_code == "1001"
    assert [r.reason for r in f.paid_out] == ["快递费"] and f.drops == Money(20_000)
    assert shifts.current is None
    # Kept as it was, reprintable; the next shift may take the counted cash as its float.
    row = shifts.closed()[0]
    assert shifts.kept_z(row) == z
    assert shifts.last_float() == counted
    types = [e.type for e in pending_events(engine=engine, terminal_code="T01", limit=1000)]
    assert types.count("shift.opened") == 1 and types.count("shift.closed") == 1
    assert types.count("cash.moved") == 3
    with pytest.raises(DatabaseError, match="never changed"), write_tx(engine) as conn:
        conn.exec_driver_sql("UPDATE shift SET report = NULL")


def test_a_till_switched_off_mid_shift_carries_on(engine: Engine) -> None:
    checkout, shifts, _ = _till(engine)
    opened = shifts.begin_open(FLOAT).run_now()
    _sell(checkout, COLA)
    # A new process: the open shift is read back from the database.
    checkout2, shifts2, _ = _till(engine)
    assert shifts2.current == opened
    _sell(checkout2, TEA)
    x = shifts2.x_report()
    assert x.facts.activity.sales_count == 2


def test_bad_cash_amounts(engine: Engine) -> None:
    _, shifts, _ = _till(engine, "manager")
    with pytest.raises(PosError, match=r"shift\.not_open"):
        shifts.begin_cash("paid_in", Money(100), "x")
    shifts.begin_open(FLOAT).run_now()
    for amount in (Money(0), Money(-5), Money(10_000_001)):
        with pytest.raises(PosError, match=r"shift\.amount_invalid"):
            shifts.begin_cash("paid_in", amount, "x")
    with pytest.raises(PosError, match=r"shift\.reason_invalid"):
        shifts.begin_cash("paid_in", Money(100), "x" * 65)


def _void_a_line(checkout: CheckoutService, code: str) -> Money:
    checkout.scan(code)
    line = checkout.sale.cart.lines[-1]
    checkout.void_line(line.line_id)
    return line.gross


def test_voided_lines_count_in_the_shift_of_their_sale_only(engine: Engine) -> None:
    checkout, shifts, _ = _till(engine, "manager")
    shifts.begin_open(FLOAT).run_now()
    first = _void_a_line(checkout, TEA)
    _sell(checkout, COLA)
    z = shifts.begin_close(ShiftCount(FLOAT)).run_now()
    assert (z.facts.activity.line_voids_count, z.facts.activity.line_voids_amount) == (1, first)
    shifts.begin_open(FLOAT).run_now()
    voided = _void_a_line(checkout, CHIPS) + _void_a_line(checkout, CHIPS)
    checkout.scan(COLA)
    checkout.discount_sale(Discount("amount", 20))  # audited on the sale too: not a void
    _sell(checkout)
    x = shifts.x_report()
    assert (x.facts.activity.line_voids_count, x.facts.activity.line_voids_amount) == (2, voided)
    assert voided == Money(1_500)


def test_returns_count_in_the_shift_they_are_taken_and_the_z_balances_with_them(
        engine: Engine) -> None:
    checkout, shifts, staff = _till(engine)
    shifts.begin_open(FLOAT).run_now()
    cash = _sell(checkout, CHIPS, TEA)  # ¥7.50 + ¥3.00
    card = _sell(checkout, COLA, kind="card")  # ¥3.50
    returns = ReturnService(engine=engine, store_info=shifts.store_info, staff=staff,
                            shifts=shifts, clock=lambda: datetime.now(UTC))
    for receipt, line in (("S001-T01-000001", {1: 1}), ("S001-T01-000002", {1: 1})):
        draft = returns.draft(returns.find(receipt), line, reason="defective")
        returns.commit(draft, approve(staff, Permission.RETURN))
    x = shifts.x_report()
    assert (x.facts.tender("cash").refunds, x.facts.tender("card").refunds) == (
        Money(750), card)
    assert x.drawer.expected == FLOAT.total + cash - Money(750)
    assert x.refunds == Money(750) + card and x.net_sales == cash - Money(750)
    assert x.facts.activity.returns_count == 2
    assert [(c.returns_count, c.returns_amount) for c in x.facts.cashiers] == [
        (2, Money(750) + card)]
    counted = CashCount.of({"coin_0_1": (FLOAT.total + cash - Money(750)).fen // 10})
    z = shifts.begin_close(ShiftCount(counted, card=Money(0)),
                           approve(staff, Permission.Z_REPORT, role="manager")).run_now()
    assert z.check("cash").state == z.check("card").state == "balanced"
