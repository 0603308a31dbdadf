"""Roles are data: permissions and a discount limit, asked before each protected action."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.roles import DEFAULT_ROLES, Permission, Role


@pytest.mark.parametrize(("role", "permission", "allowed"), [
    ("cashier", Permission.SELL, True),
    ("cashier", Permission.PRICE_OVERRIDE, False),
    ("cashier", Permission.NO_SALE, False),
    ("cashier", Permission.Z_REPORT, False),
    ("supervisor", Permission.PRICE_OVERRIDE, True),
    ("supervisor", Permission.RETURN_WITHOUT_RECEIPT, False),
    ("manager", Permission.RETURN_WITHOUT_RECEIPT, True),
    ("manager", Permission.SETTINGS, True),
    ("attendant", Permission.SELL, False),
    ("attendant", Permission.SALE_VOID, True),
])
def test_default_roles(role: str, permission: Permission, allowed: bool) -> None:
    assert DEFAULT_ROLES[role].allows(permission) is allowed


def test_a_discount_is_allowed_up_to_the_roles_limit() -> None:
    cashier = DEFAULT_ROLES["cashier"]
    assert cashier.allows(Permission.DISCOUNT, discount_bp=1_000)
    assert not cashier.allows(Permission.DISCOUNT, discount_bp=1_001)
    assert DEFAULT_ROLES["supervisor"].allows(Permission.DISCOUNT, discount_bp=3_000)
    assert not DEFAULT_ROLES["attendant"].allows(Permission.DISCOUNT, discount_bp=1)


def test_a_limit_is_data_a_store_can_change() -> None:
    generous = Role("cashier", frozenset({Permission.DISCOUNT}), max_discount_bp=2_000)
    assert generous.allows(Permission.DISCOUNT, discount_bp=1_500)


@pytest.mark.parametrize("bad", [
    {"code": ""}, {"code": "Cashier"}, {"code": "收银"}, {"max_discount_bp": -1},
    {"max_discount_bp": 10_001}, {"permissions": frozenset({"sell"})},
])
def test_a_malformed_role_is_refused(bad: dict[str, object]) -> None:
    fields: dict[str, object] = {"code": "cashier", "permissions": frozenset(),
                                 "max_discount_bp": 0, **bad}
    with pytest.raises((ValueError, TypeError)):
        Role(**fields)  # type: ignore[arg-type]  # deliberately malformed values


@given(st.sampled_from(sorted(DEFAULT_ROLES)), st.sampled_from(list(Permission)),
       st.integers(0, 10_000))
def test_every_role_is_within_the_managers(code: str, permission: Permission,
                                           bp: int) -> None:
    if DEFAULT_ROLES[code].allows(permission, discount_bp=bp):
        assert DEFAULT_ROLES["manager"].allows(permission, discount_bp=bp)
