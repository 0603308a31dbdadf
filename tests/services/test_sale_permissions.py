"""Roles at the sale: what a cashier may do alone, what a supervisor approves once, and the
audit entries each sale keeps (written with the sale, in its transaction)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from pos_app.core.cart import Discount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.roles import Permission
from pos_app.services.checkout import CheckoutService
from pos_app.services.staff import StaffService
from pos_app.store import terminal
from pos_app.store.audit import AuditFilter
from pos_app.store.outbox import pending_events
from tests.conftest import CHIPS, COLA, TEA
from tests.staffing import approve, signed_in


def _till(engine: Engine, role: str = "cashier") -> tuple[CheckoutService, StaffService]:
    staff = signed_in(engine, role)
    checkout = CheckoutService(engine=engine, store_info=terminal.get_store_info(engine=engine),
                               staff=staff)
    return checkout, staff


def _line(checkout: CheckoutService, code: str) -> int:
    change = checkout.scan(code).change
    assert change is not None and change.line_id is not None
    return change.line_id


def _denied(action: str) -> pytest.RaisesExc[PosError]:
    return pytest.raises(PosError, match=rf"permission\.denied \(.*action='{action}'")


def test_a_cashier_discounts_within_the_limit_and_a_supervisor_beyond_it(
        engine: Engine) -> None:
    checkout, staff = _till(engine)
    assert checkout.cashier == "王芳"
    line = _line(checkout, COLA)
    checkout.discount_line(line, Discount("percent", 1_000))  # 10 %: the cashier's limit
    with _denied("discount") as err:
        checkout.discount_line(line, Discount("percent", 2_000))
    assert err.value.data["discount_bp"] == 2_000
    # An amount off is measured against what it comes off: ¥0.40 of ¥3.50 is 11.43 %.
    with _denied("discount"):
        checkout.discount_line(line, Discount("amount", 40))
    # A supervisor (30 % limit) approves 20 % once; beyond their limit they may not.
    with pytest.raises(PosError, match=r"staff\.approver_not_allowed"):
        approve(staff, Permission.DISCOUNT, discount_bp=4_000)
    ok = approve(staff, Permission.DISCOUNT, discount_bp=2_000)
    with _denied("discount"):  # the approval covers its size, not more
        checkout.discount_line(line, Discount("percent", 4_000), ok)
    checkout.discount_line(line, Discount("percent", 2_000), ok)
    with _denied("discount"):  # used once
        checkout.discount_sale(Discount("percent", 2_000), ok)


def test_a_price_override_is_approved_for_exactly_one_action(engine: Engine) -> None:
    checkout, staff = _till(engine)
    cola, tea = _line(checkout, COLA), _line(checkout, TEA)
    with _denied("price_override"):
        checkout.override_price(cola, Money(100))
    approval = approve(staff, Permission.PRICE_OVERRIDE)
    checkout.override_price(cola, Money(100), approval)
    with _denied("price_override"):
        checkout.override_price(tea, Money(100), approval)
    with _denied("sale_void"):
        checkout.void(approval)  # an approval of another action
    assert checkout.current().priced.line(cola).line.unit_price == Money(100)


def test_the_sale_keeps_its_audit_entries_and_writes_them_with_the_sale(
        engine: Engine) -> None:
    checkout, staff = _till(engine)
    cola = _line(checkout, COLA)
    _line(checkout, CHIPS)
    checkout.override_price(cola, Money(250), approve(staff, Permission.PRICE_OVERRIDE))
    checkout.void_line(_line(checkout, TEA))
    sale_uuid = checkout.sale.sale_uuid
    before = staff.audit_log(AuditFilter())
    checkout.add_tender("cash", checkout.current().priced.totals.total)
    checkout.complete()
    entries = [e for e in staff.audit_log(AuditFilter()) if e.subject == sale_uuid]
    assert len(staff.audit_log(AuditFilter())) == len(before) + 2  # written at completion
    by_action = {e.action: e for e in entries}
    override = by_action["price_override"]
    assert (override.staff_name, override.approver_name) == ("王芳", "李强")
    assert (override.detail["from_fen"], override.detail["to_fen"]) == (350, 250)
    assert by_action["line_void"].approver_name is None
    audit_events = [e for e in pending_events(engine=engine, terminal_code="T01")
                    if e.type == "audit.recorded"]
    assert {e.payload["entry_uuid"] for e in audit_events} >= {e.entry_uuid for e in entries}


def test_a_sale_void_needs_a_supervisor_and_a_manager_needs_none(engine: Engine) -> None:
    checkout, staff = _till(engine)
    _line(checkout, COLA)
    with _denied("sale_void"):
        checkout.void()
    checkout.void(approve(staff, Permission.SALE_VOID))
    voided = staff.audit_log(AuditFilter(action="sale_void"))[0]
    assert (voided.staff_name, voided.approver_name) == ("王芳", "李强")
    assert checkout.sale.cart.is_empty
    manager, _ = _till(engine, "manager")
    _line(manager, TEA)
    assert manager.void().sale.cart.is_empty
    by_manager = staff.audit_log(AuditFilter(action="sale_void"))[0]
    assert (by_manager.staff_name, by_manager.approver_name) == ("张敏", None)
