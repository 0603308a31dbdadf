"""Staff roles as data: each a set of permissions plus its limits.

A role is what a staff member may do at the till without a supervisor: the actions
(``Permission``) and how far a discount may go. The chain's roles come from the cloud as
data (the defaults below are what a new chain starts with), so a store can change a limit
without a release. The till asks ``Role.allows`` before each protected action; a refusal is
what opens the supervisor override.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pos_app.core.cart import MAX_BP


class Permission(StrEnum):
    """The protected actions of the till (the values are the audit log's action names)."""

    SELL = "sell"
    LINE_VOID = "line_void"
    SALE_VOID = "sale_void"
    DISCOUNT = "discount"
    PRICE_OVERRIDE = "price_override"
    NO_SALE = "open_drawer"  # the drawer opened without a sale
    REPRINT = "reprint"
    RETURN = "return"
    RETURN_WITHOUT_RECEIPT = "return_without_receipt"
    REFUND_TO_CASH = "refund_to_cash"  # a refund in cash instead of the original tenders
    PAID_IN_OUT = "paid_in_out"
    X_REPORT = "x_report"
    Z_REPORT = "z_report"
    REPORTS = "reports"  # the sales reports screen
    AUDIT = "audit"  # the audit log viewer
    STOCK = "stock"
    DEVICES = "devices"
    SETTINGS = "settings"


@dataclass(frozen=True, slots=True)
class Role:
    """A role: its code (``cashier`` …), permissions, and the largest discount it may give
    on a line or a sale, in basis points of the amount (1000 = 10 %)."""

    code: str
    permissions: frozenset[Permission] = field(default_factory=frozenset)
    max_discount_bp: int = 0

    def __post_init__(self) -> None:
        if not self.code or not self.code.isascii() or not self.code.islower():
            raise ValueError(f"a role code is lower-case ASCII, got {self.code!r}")
        if not all(isinstance(p, Permission) for p in self.permissions):
            raise TypeError("Role.permissions holds Permission values")
        if type(self.max_discount_bp) is not int or not 0 <= self.max_discount_bp <= MAX_BP:
            raise ValueError(f"max_discount_bp must be 0..{MAX_BP}, got {self.max_discount_bp}")

    def allows(self, permission: Permission, *, discount_bp: int = 0) -> bool:
        """True when this role may do ``permission``; a discount also within the limit
        (``discount_bp`` of the amount it applies to)."""
        if permission not in self.permissions:
            return False
        return permission is not Permission.DISCOUNT or discount_bp <= self.max_discount_bp


_CASHIER = frozenset({
    Permission.SELL, Permission.LINE_VOID, Permission.DISCOUNT, Permission.REPRINT,
    Permission.X_REPORT,
})
_SUPERVISOR = _CASHIER | {
    Permission.SALE_VOID, Permission.PRICE_OVERRIDE, Permission.NO_SALE, Permission.RETURN,
    Permission.REFUND_TO_CASH, Permission.PAID_IN_OUT, Permission.REPORTS,
}
_MANAGER = frozenset(Permission)

# What a new chain starts with; the cloud's roles replace them.
DEFAULT_ROLES: dict[str, Role] = {
    role.code: role for role in (
        Role("cashier", _CASHIER, max_discount_bp=1_000),
        Role("supervisor", _SUPERVISOR, max_discount_bp=3_000),
        Role("manager", _MANAGER, max_discount_bp=MAX_BP),
        # Walks the floor and the kiosks: approves, never sells or handles cash itself.
        Role("attendant", frozenset({Permission.LINE_VOID, Permission.SALE_VOID,
                                     Permission.REPRINT, Permission.DEVICES}),
             max_discount_bp=0),
    )
}


def discount_bp(off_fen: int, base_fen: int) -> int:
    """How big a discount is for the role's limit: ``off_fen`` of ``base_fen`` in basis
    points, rounded up (a limit of 10 % never lets 10.01 % through)."""
    if base_fen <= 0:
        return 0 if off_fen <= 0 else MAX_BP
    return min(MAX_BP, -(-off_fen * MAX_BP // base_fen))
