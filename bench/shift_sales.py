"""A busy shift sold through the till's own services, for ``bench.zreport``.

Staff sign in with their PINs (the demo store's three plus two more cashiers) and take turns
at the till; ``ShiftService`` opens the shift with a counted float, ``CheckoutService`` sells
every sale (about ``LINES`` products, the benchmark's active promotions pricing them, a
member on some), and the mix a busy day has: cash, card, mobile (the simulated provider)
and points tenders; line and sale discounts; price overrides and voided sales approved by a
supervisor's PIN; voided lines; the drawer opened without a sale; paid-in, paid-out and
drops to the safe. At the end the manager closes the shift with a Z, or leaves it open.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bench.report import log

if TYPE_CHECKING:  # imported when a run needs them
    from sqlalchemy import Engine

    from pos_app.core.cash import CashCount
    from pos_app.core.money import Money
    from pos_app.core.product import ProductInfo
    from pos_app.core.roles import Permission
    from pos_app.services.checkout import CheckoutService
    from pos_app.services.shifts import ShiftService
    from pos_app.services.staff import Approval, StaffService
    from pos_app.store.shifts import ShiftRow

LINES = 10
HOURS = 13  # the store's opening hours, the shift's sales spread over them
SUPERVISOR = ("2001", "2222")  # the demo supervisor approves what a cashier may not do
# Two more cashiers than the demo store has: (staff_id, code, name, PIN).
EXTRA_CASHIERS = (("bench-staff-1002", "1002", "赵磊", "1112"),
                  ("bench-staff-1003", "1003", "孙丽", "1113"))
# Who sells, in turns over the shift: (code, PIN); the manager's turn is last (closes).
TURNS = (("1001", "1111"), ("1002", "1112"), ("2001", "2222"), ("1003", "1113"),
         ("1001", "1111"), ("3001", "3333"))
MEMBER_CARDS = tuple(f"880000000{n}" for n in range(1, 6))  # the demo members
MOBILE_CODE = "134567890123456781"  # a WeChat Pay code the simulated provider approves


@dataclass(frozen=True, slots=True)
class Mix:
    """How often each thing happens, per sale (fractions)."""

    member: float = 0.30
    line_void: float = 0.05
    line_discount: float = 0.05
    sale_discount: float = 0.03
    price_override: float = 0.01
    sale_void: float = 0.01
    points: float = 0.15  # of the sales with a member
    card: float = 0.25
    mobile: float = 0.20  # the rest cash
    drawer_opens: int = 12  # per shift
    paid_in: int = 2
    paid_out: int = 3
    drops: int = 12


class Clock:
    """The shift's time: set by the seller, read by every service."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def add_cashiers(engine: Engine) -> None:
    """The two extra cashiers (the demo staff are seeded with the demo)."""
    from contract.staff import StaffData, hash_pin
    from pos_app.store.db import write_tx
    from pos_app.store.staff import put_staff

    rows = [(sid, StaffData(code=code, name=name, role="cashier", pin_hash=hash_pin(pin)))
            for sid, code, name, pin in EXTRA_CASHIERS]
    with write_tx(engine) as conn:
        for sid, data in rows:
            put_staff(conn, sid, data, at="2026-01-01T00:00:00+00:00")


class ShiftSeller:
    """One till's services over a shift, driven as its staff would."""

    def __init__(self, engine: Engine, products: Sequence[ProductInfo], clock: Clock,
                 rng: random.Random, mix: Mix) -> None:
        from pos_app.core.payment import SimulatedPaymentProvider
        from pos_app.services.checkout import CheckoutService
        from pos_app.services.shifts import ShiftService
        from pos_app.services.staff import StaffService
        from pos_app.store import terminal

        info = terminal.get_store_info(engine=engine)
        self.engine, self.products, self.clock = engine, products, clock
        self.rng, self.mix = rng, mix
        self.staff: StaffService = StaffService(engine=engine, store_info=info, clock=clock)
        self.shifts: ShiftService = ShiftService(engine=engine, store_info=info,
                                                 staff=self.staff, clock=clock)
        self.checkout: CheckoutService = CheckoutService(
            engine=engine, store_info=info, staff=self.staff, shifts=self.shifts, clock=clock,
            payment_provider=SimulatedPaymentProvider(), sleep=lambda _s: None)
        self.approvals = 0

    def sign_in(self, code: str, pin: str) -> None:
        self.staff.begin_sign_out().run_now()
        self.staff.begin_sign_in(code, pin).run_now()

    def approval(self, permission: Permission) -> Approval | None:
        """None when the one at the till may do it, else the supervisor's PIN."""
        if self.staff.allows(permission.value):
            return None
        self.approvals += 1
        code, pin = SUPERVISOR
        return self.staff.begin_approve(permission, code=code, pin=pin).run_now()

    def _due(self) -> Money:
        return self.checkout.current().payment.remaining

    def sell_one(self) -> bool:
        """One customer; False when the sale was voided."""
        from pos_app.core.cart import Discount
        from pos_app.core.money import Money
        from pos_app.core.roles import Permission

        rng, mix, checkout = self.rng, self.mix, self.checkout
        member = rng.random() < mix.member
        if member:
            checkout.scan(rng.choice(MEMBER_CARDS))
        line_ids = [checkout.add_product(p, rng.choice((1, 1, 1, 2))).line_id
                    for p in rng.sample(self.products, LINES)]
        ids = [i for i in line_ids if i is not None]
        if rng.random() < mix.line_void:
            extra = checkout.add_product(rng.choice(self.products), 1).line_id
            if extra is not None:
                checkout.void_line(extra)
        if rng.random() < mix.line_discount:
            checkout.discount_line(rng.choice(ids), Discount("percent", 800))
        if rng.random() < mix.price_override:
            line = checkout.sale.cart.line(ids[0])
            checkout.override_price(ids[0], Money(line.unit_price.fen * 8 // 10),
                                    self.approval(Permission.PRICE_OVERRIDE))
        if rng.random() < mix.sale_discount:
            checkout.discount_sale(Discount("percent", 500))
        if rng.random() < mix.sale_void:
            checkout.void(self.approval(Permission.SALE_VOID))
            return False
        if member and rng.random() < mix.points:
            points = min(checkout.max_points(), 500)
            if points > 0:
                checkout.pay_points(points)
        due, pick = self._due(), rng.random()
        if due.fen > 0:
            if pick < mix.card:
                checkout.add_tender("card", due, f"C{rng.randrange(10**6):06d}")
            elif pick < mix.card + mix.mobile:
                checkout.pay_mobile(MOBILE_CODE, due)
            else:
                checkout.add_tender("cash", Money((due.fen // 1_000 + 1) * 1_000))
        checkout.complete()
        return True

    def cash_moves(self, when: str) -> None:
        """A drawer opened, paid-in, paid-out or a drop, by whoever is at the till."""
        from pos_app.core.money import Money
        from pos_app.core.roles import Permission

        rng = self.rng
        if when == "drawer":
            used = self.approval(Permission.NO_SALE)
            self.staff.write_now([self.staff.record(Permission.NO_SALE.value,
                                                    approval=used)])
        elif when == "paid_in":
            self.shifts.begin_cash("paid_in", Money(rng.choice((5_000, 10_000))), "备用金补充",
                                   self.approval(Permission.PAID_IN_OUT)).run_now()
        elif when == "paid_out":
            reason = rng.choice(("快递费", "清洁用品", "饮用水"))
            self.shifts.begin_cash("paid_out", Money(rng.choice((1_200, 2_500, 3_000))),
                                   reason, self.approval(Permission.PAID_IN_OUT)).run_now()
        else:  # to the safe, all but ¥1,000 in hundreds (at most what one drop may be)
            from pos_app.services.shifts import MAX_CASH_MOVE

            drawer = min(self.expected_cash().fen - 100_000, MAX_CASH_MOVE.fen)
            if drawer >= 10_000:
                self.shifts.begin_cash("drop", Money(drawer - drawer % 10_000)).run_now()

    def expected_cash(self) -> Money:
        """What should be in the drawer now (the shift's figures, as the X sums them)."""
        from pos_app.core.shift_report import expected_cash
        from pos_app.store.shift_figures import shift_facts

        shift = self.shifts.current
        assert shift is not None
        info = self.shifts.store_info
        return expected_cash(shift_facts(self.engine, shift, store_name=info.store_name,
                                         terminal_code=info.terminal_code,
                                         until=self.clock.now))


def count_of(fen: int) -> CashCount:
    """A cash count of ``fen`` (rounded down to 0.1 yuan) in notes and coins."""
    from pos_app.core.cash import DENOMINATIONS, MAX_PIECES, CashCount

    pieces = {}
    for d in DENOMINATIONS:
        n = min(fen // d.fen, MAX_PIECES)
        if n:
            pieces[d.code] = n
            fen -= n * d.fen
    if fen >= 10:
        raise ValueError("more cash than a count can hold")
    return CashCount.of(pieces)


def sell_shift(engine: Engine, products: Sequence[ProductInfo], *, sales: int,
               start: datetime, seed: int, close: bool, mix: Mix | None = None) -> ShiftRow:
    """Open a shift at ``start``, sell ``sales`` sales (voided ones included) over the
    store's hours, and close it with a Z when ``close``. Returns the shift as stored."""
    from pos_app.core.cash import CashCount
    from pos_app.core.shift_report import ShiftCount
    from pos_app.store import shifts as shift_store

    mix = mix or Mix()
    rng = random.Random(seed)
    clock = Clock(start)
    seller = ShiftSeller(engine, products, clock, rng, mix)
    seller.sign_in(*TURNS[0])
    row = seller.shifts.begin_open(CashCount.of({"note_100": 2, "note_50": 1, "note_10": 4,
                                                 "coin_1": 10})).run_now()
    moves = (["drawer"] * mix.drawer_opens + ["paid_in"] * mix.paid_in
             + ["paid_out"] * mix.paid_out + ["drop"] * mix.drops)
    slots = range(sales // 10, sales)  # not in the first minutes
    at_sale = dict(zip(rng.sample(slots, min(len(moves), len(slots))), moves, strict=False))
    step = timedelta(hours=HOURS) / max(sales, 1)
    per_turn = -(-sales // len(TURNS))
    voided = 0
    for i in range(sales):
        clock.now = start + timedelta(minutes=5) + step * i
        if i % per_turn == 0 and i:
            seller.sign_in(*TURNS[i // per_turn])
        if i in at_sale:
            seller.cash_moves(at_sale[i])
        voided += not seller.sell_one()
        if (i + 1) % 500 == 0:
            log(f"shift {row.shift_no}: {i + 1:,}/{sales:,} sales")
    clock.now = start + timedelta(hours=HOURS, minutes=20)
    if close:
        seller.sign_in(*TURNS[-1])
        cash = seller.shifts.x_report().drawer.expected  # the manager looks first
        seller.shifts.begin_close(ShiftCount(count_of(cash.fen - 200))).run_now()
    seller.staff.begin_sign_out().run_now()
    log(f"shift {row.shift_no}: {sales:,} sales ({voided} voided), "
        f"{seller.approvals} supervisor approvals{', closed' if close else ''}")
    stored = shift_store.get_shift(engine, row.shift_id)
    assert stored is not None
    return stored
