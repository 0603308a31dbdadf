"""What receiving, transfers and adjustments share: finding the product of a scanned or
typed code, and the permission check with the staff member who posts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from pos_app.core.errors import PosError
from pos_app.core.product import ProductInfo
from pos_app.core.roles import Permission
from pos_app.services.guard import Guard
from pos_app.services.staff import Approval, StaffService
from pos_app.store import catalog
from pos_app.store.audit import AuditRecord


def product_of(engine: Engine, code: str) -> ProductInfo:
    """The product of a barcode or SKU (``stock.unknown_code`` otherwise)."""
    text = code.strip()
    found = (catalog.find_by_barcode(engine=engine, code=text) if text else None) or (
        catalog.get_product_by_sku(engine=engine, sku=text) if text else None)
    if found is None:
        raise PosError("stock.unknown_code", code=text[:64])
    return found


@dataclass(frozen=True, slots=True)
class Poster:
    """Who posts a stock document, and the audit entries of it (written with it)."""

    staff_id: str
    staff_name: str
    approver_name: str | None
    audit: tuple[AuditRecord, ...]


def authorize(staff: StaffService | None, approval: Approval | None, *, action: str,
              subject: str, **detail: object) -> Poster:
    """Check ``Permission.STOCK`` (or a supervisor's approval of it) and note ``action``;
    without a staff service (tests, the demo) anyone may."""
    session = staff.session if staff is not None else None
    if staff is not None and session is None:
        raise PosError("staff.not_signed_in")
    guard = Guard(staff=staff, buffered=True)
    used = guard.authorize(Permission.STOCK, approval)
    guard.note(action, subject=subject, approval=used, **detail)
    return Poster(session.staff_id if session else "", session.name if session else "",
                  used.approver_name if used else None, guard.take())
