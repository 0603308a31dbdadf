"""A demo store's till ready to sell: a demo staff member signed in with their (public)
PIN and a shift open. For screenshots, benchmarks and tests of the sale screen, which
start where a cashier would be after signing in and counting the float."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contract.demo import DEMO_STAFF
from pos_app.core.cash import CashCount
from pos_app.services.staff import Session
from pos_app.store import demo

if TYPE_CHECKING:
    from pos_app.services.factory import Services

DEMO_FLOAT = CashCount.of({"note_100": 2, "note_50": 1, "note_10": 4, "coin_1": 10})


def sign_in_demo(services: Services, role: str = "manager") -> Session:
    """Sign the demo ``role`` in and open a shift (¥300.00 float) unless one is open."""
    member = next(s for s in DEMO_STAFF if s.role == role)
    demo.seed_demo_staff(engine=services.engine)  # a benchmark's database has none yet
    session = services.staff.begin_sign_in(member.code, member.pin).run_now()
    if services.shifts.current is None:
        services.shifts.begin_open(DEMO_FLOAT).run_now()
    return session
