"""Staff signed in on a real database, with the demo store's staff and their PINs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from contract.demo import DEMO_STAFF
from pos_app.core.clock import default_now
from pos_app.core.roles import Permission
from pos_app.services.staff import Approval, StaffService
from pos_app.store import terminal

PINS = {s.role: (s.code, s.pin) for s in DEMO_STAFF}


def signed_in(engine: Engine, role: str = "cashier", *,
              clock: Callable[[], datetime] = default_now) -> StaffService:
    """A staff service with the demo ``role``'s staff member signed in."""
    service = StaffService(engine=engine, store_info=terminal.get_store_info(engine=engine),
                           clock=clock)
    code, pin = PINS[role]
    service.begin_sign_in(code, pin).run_now()
    return service


def approve(service: StaffService, permission: Permission, role: str = "supervisor", *,
            discount_bp: int = 0) -> Approval:
    """A supervisor's approval of one action (their demo PIN)."""
    code, pin = PINS[role]
    return service.begin_approve(permission, code=code, pin=pin,
                                 discount_bp=discount_bp).run_now()
