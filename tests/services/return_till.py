"""A till for return tests: demo staff signed in, a shift open, checkout and returns."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine

from contract.demo import demo_private_key
from pos_app.core.cash import CashCount
from pos_app.core.members import make_member_code
from pos_app.core.money import Money
from pos_app.core.payment import SimulatedPaymentProvider
from pos_app.services.checkout import CheckoutService
from pos_app.services.returns import ReturnLimits, ReturnService, SaleLookupFn
from pos_app.services.shifts import ShiftService
from pos_app.services.staff import StaffService
from pos_app.store import catalog, terminal
from tests.staffing import signed_in

CST = timezone(timedelta(hours=8))
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=CST)  # no weekend double points
COKE_330 = "6901000000004"  # 可口可乐 330ml ¥3.00; 3 for ¥7
NOODLES = "030001"  # 康师傅红烧牛肉面 五连包 ¥12.50, buy 2 get 1
TELUNSU = "040009"  # 蒙牛特仑苏 ¥65.00, member price gold ¥56.90
FLOAT = CashCount.of({"note_100": 2})


class Clock:
    def __init__(self, start: datetime = WEDNESDAY) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now


def sku_code(engine: Engine, sku: str) -> str:
    product = catalog.get_product_by_sku(engine=engine, sku=sku)
    assert product is not None
    return catalog.barcodes_of(engine=engine, product_id=product.product_id)[0]


def member_qr(member_id: str, now: datetime) -> str:
    return make_member_code(member_id, private_key=demo_private_key(), now=now, ttl_s=600)


@dataclass
class ReturnTill:
    engine: Engine
    clock: Clock
    staff: StaffService
    shifts: ShiftService
    checkout: CheckoutService
    returns: ReturnService
    provider: SimulatedPaymentProvider

    def sell(self, *codes: str, kind: str = "cash", member: str | None = None,
             points: int = 0) -> str:
        """A paid sale of ``codes``; its receipt number."""
        if member is not None:
            assert self.checkout.scan(member_qr(member, self.clock.now)).status == "member"
        for code in codes:
            assert self.checkout.scan(code).ok, code
        if points:
            self.checkout.pay_points(points)
        due = self.checkout.current().payment.remaining
        if kind == "mobile":
            self.checkout.pay_mobile("134567890123456781", due)
        else:
            self.checkout.add_tender(kind, due, "" if kind == "cash" else "CARD-1")  # type: ignore[arg-type]  # "cash" or "card"
        return self.checkout.complete().receipt.receipt_no

    def on_hand(self, sku: str) -> int:
        product = catalog.get_product_by_sku(engine=self.engine, sku=sku)
        assert product is not None
        return catalog.on_hand(engine=self.engine, product_id=product.product_id)


def make_till(engine: Engine, role: str = "supervisor", *, lookup: SaleLookupFn | None = None,
              limits: ReturnLimits | None = None, open_shift: bool = True,
              clock: Clock | None = None) -> ReturnTill:
    clock = clock or Clock()
    staff = signed_in(engine, role, clock=clock)
    info = terminal.get_store_info(engine=engine)
    shifts = ShiftService(engine=engine, store_info=info, staff=staff, clock=clock)
    if open_shift:
        shifts.begin_open(FLOAT).run_now()
    provider = SimulatedPaymentProvider()
    uuids = (f"00000000-0000-4000-8000-{n:012d}" for n in itertools.count(1))
    checkout = CheckoutService(engine=engine, store_info=info, staff=staff, shifts=shifts,
                               clock=clock, payment_provider=provider, sleep=lambda _s: None,
                               new_uuid=lambda: next(uuids))
    returns = ReturnService(engine=engine, store_info=info, staff=staff, shifts=shifts,
                            clock=clock, lookup=lookup, payment_provider=provider,
                            sleep=lambda _s: None, limits=limits)
    return ReturnTill(engine, clock, staff, shifts, checkout, returns, provider)


def money(fen: int) -> Money:
    return Money(fen)
