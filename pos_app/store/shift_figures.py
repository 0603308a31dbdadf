"""A shift's figures for its X and Z reports: one ``GROUP BY`` per group of
``core.shift_facts``, over the shift's sales (``sale.shift_id``, indexed), its returns
(``sale_return.shift_id``, indexed), its cash movements and the audit entries of its time
(voided lines, drawer openings).

Returns count where they were taken: their payouts are the refunds of the tender they were
paid as (cash from this drawer...), their lines take their net and tax off the taxes, their
refunds go to the staff member who took them, and their points net out of the loyalty sums.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, func, select

from pos_app.core.money import Money
from pos_app.core.shift_facts import (
    CashierTotal,
    DiscountTotal,
    LoyaltyTotals,
    PromotionTotal,
    ReasonTotal,
    ShiftActivity,
    ShiftFacts,
    TaxTotal,
    TenderTotal,
)
from pos_app.core.tenders import TENDER_KINDS
from pos_app.store.db import read_tx
from pos_app.store.models import (
    audit_entry,
    cash_movement,
    coupon_redemption,
    sale,
    sale_line,
    sale_promotion,
    sale_return,
    sale_return_line,
    sale_return_tender,
    sale_tender,
    staff,
)
from pos_app.store.shifts import ShiftRow

_s, _l, _t, _a = sale.c, sale_line.c, sale_tender.c, audit_entry.c
_r, _rl, _rt = sale_return.c, sale_return_line.c, sale_return_tender.c


def _sum(column: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(column), 0)


def shift_facts(engine: Engine, row: ShiftRow, *, store_name: str, terminal_code: str,
                until: datetime) -> ShiftFacts:
    """The figures of shift ``row`` up to ``until`` (now for an X, the close for a Z)."""
    with read_tx(engine) as conn:
        return _facts(conn, row, store_name=store_name, terminal_code=terminal_code,
                      until=until.isoformat())


def _facts(conn: Connection, row: ShiftRow, *, store_name: str, terminal_code: str,
           until: str) -> ShiftFacts:
    in_shift = _s.shift_id == row.shift_id
    completed = and_(in_shift, _s.state == "completed")
    returned = _r.shift_id == row.shift_id
    taken = {kind: (int(amount), int(n)) for kind, amount, n in conn.execute(
        select(_t.kind, _sum(_t.amount_fen), func.count())
        .select_from(sale_tender.join(sale, _s.id == _t.sale_id))
        .where(completed).group_by(_t.kind))}
    refunded = {kind: (int(amount), int(n)) for kind, amount, n in conn.execute(
        select(_rt.payout, _sum(_rt.amount_fen), func.count())
        .select_from(sale_return_tender.join(sale_return, _r.id == _rt.return_id))
        .where(returned).group_by(_rt.payout))}
    tenders = tuple(
        TenderTotal(kind, Money(taken.get(kind, (0, 0))[0]),
                    Money(refunded.get(kind, (0, 0))[0]), sales_count=taken.get(kind, (0, 0))[1],
                    refunds_count=refunded.get(kind, (0, 0))[1])
        for kind in sorted(set(taken) | set(refunded)) if kind in TENDER_KINDS)
    returns = conn.execute(select(func.count(), _sum(_r.points_back), _sum(_r.points_clawback))
                           .where(returned)).one()
    moves: dict[str, list[ReasonTotal]] = {"paid_in": [], "paid_out": [], "drop": []}
    m = cash_movement.c
    for kind, reason, amount, n in conn.execute(
            select(m.kind, m.reason, _sum(m.amount_fen), func.count())
            .where(m.shift_id == row.shift_id).group_by(m.kind, m.reason)
            .order_by(m.kind, m.reason)):
        moves[kind].append(ReasonTotal(reason, Money(int(amount)), int(n)))
    sales = conn.execute(
        select(func.count(), _sum(_s.sale_discount_fen), _sum(_s.points_earned),
               _sum(_s.points_redeemed)).where(completed)).one()
    voided = conn.execute(select(func.count(), _sum(_s.total_fen))
                          .where(in_shift, _s.state == "voided")).one()
    lines = conn.execute(
        select(_sum(_l.promo_discount_fen), _sum(_l.discount_fen),
               func.count().filter(_l.promo_discount_fen > 0),
               func.count().filter(_l.discount_fen > _l.promo_discount_fen),
               _sum(_l.override_fen), func.count().filter(_l.price_overridden))
        .select_from(sale_line.join(sale, _s.id == _l.sale_id)).where(completed)).one()
    promo_fen, all_discount_fen, promo_lines, discounted_lines, override_fen, overrides = lines
    line_discount_fen = int(all_discount_fen) - int(promo_fen) - int(sales[1])
    # likely(): the action test is no filter worth starting from, so SQLite goes from the
    # shift's sales to their entries (``subject`` index) instead of reading every line void
    # of the year (``bench zreport``, 300,000 sales: 47 ms → 2 ms).
    line_voids = conn.execute(
        select(func.count(), _sum(func.json_extract(_a.detail, "$.amount_fen")))
        .select_from(audit_entry.join(sale, _s.sale_uuid == _a.subject))
        .where(in_shift, func.likely(_a.action == "line_void"))).one()
    no_sales = conn.execute(select(func.count()).where(
        _a.action == "open_drawer", _a.at >= row.opened_at, _a.at <= until)).scalar_one()
    discounts = (
        DiscountTotal("promotion", Money(int(promo_fen)), int(promo_lines)),
        DiscountTotal("line_discount", Money(max(0, line_discount_fen)), int(discounted_lines)),
        DiscountTotal("sale_discount", Money(int(sales[1])),
                      int(conn.execute(select(func.count()).where(
                          completed, _s.sale_discount_fen > 0)).scalar_one())),
        DiscountTotal("price_override", Money(int(override_fen)), int(overrides)),
    )
    p = sale_promotion.c
    promotions = tuple(
        PromotionTotal(promo_id, name, Money(int(amount)), int(n))
        for promo_id, name, amount, n in conn.execute(
            select(p.promo_id, func.max(p.name), _sum(p.discount_fen), func.count())
            .select_from(sale_promotion.join(sale, _s.id == p.sale_id)).where(completed)
            .group_by(p.promo_id).order_by(_sum(p.discount_fen).desc(), p.promo_id)))
    c = coupon_redemption.c
    coupons = conn.execute(select(func.count(), _sum(c.discount_fen))
                           .select_from(coupon_redemption.join(sale, _s.id == c.sale_id))
                           .where(completed)).one()
    by_rate: dict[int, list[int]] = {}
    for sign, rows in ((1, conn.execute(
            select(_l.tax_rate_bp, _sum(_l.net_fen), _sum(_l.tax_fen))
            .select_from(sale_line.join(sale, _s.id == _l.sale_id)).where(completed)
            .group_by(_l.tax_rate_bp))), (-1, conn.execute(
            select(_rl.tax_rate_bp, _sum(_rl.net_fen), _sum(_rl.tax_fen))
            .select_from(sale_return_line.join(sale_return, _r.id == _rl.return_id))
            .where(returned).group_by(_rl.tax_rate_bp)))):
        for rate, net, tax in rows:
            sums = by_rate.setdefault(int(rate), [0, 0])
            sums[0] += sign * int(net)
            sums[1] += sign * int(tax)
    taxes = tuple(TaxTotal(rate, Money(net), Money(tax))
                  for rate, (net, tax) in sorted(by_rate.items()))
    cashiers = _cashiers(conn, completed, returned)
    return ShiftFacts(
        shift_no=row.shift_no, store_name=store_name, terminal_code=terminal_code,
        opened_at=datetime.fromisoformat(row.opened_at), opened_by=row.opened_by_name,
        opening_float=Money(row.opening_float_fen), tenders=tenders,
        paid_in=tuple(moves["paid_in"]), paid_out=tuple(moves["paid_out"]),
        drops=Money.sum(r.amount for r in moves["drop"]),
        drop_count=sum(r.count for r in moves["drop"]),
        activity=ShiftActivity(
            sales_count=int(sales[0]), returns_count=int(returns[0]),
            voided_sales_count=int(voided[0]),
            voided_sales_amount=Money(int(voided[1])), line_voids_count=int(line_voids[0]),
            line_voids_amount=Money(int(line_voids[1])), no_sale_count=int(no_sales)),
        discounts=discounts, promotions=promotions,
        # A return of an earlier shift's sale may take back more than this shift earned.
        loyalty=LoyaltyTotals(points_earned=max(0, int(sales[2]) - int(returns[2])),
                              points_redeemed=max(0, int(sales[3]) - int(returns[1])),
                              coupons_used=int(coupons[0]),
                              coupon_discount=Money(int(coupons[1]))),
        taxes=taxes, cashiers=cashiers)


def _cashiers(conn: Connection, completed: ColumnElement[bool],
              returned: ColumnElement[bool]) -> tuple[CashierTotal, ...]:
    """Each staff member's sales and the returns they took, by name."""
    rows: dict[tuple[str, str], list[Any]] = {}
    for cashier_id, name, code, n, amount in conn.execute(
            select(_s.cashier_id, _s.cashier, func.max(staff.c.code), func.count(),
                   _sum(_s.total_fen))
            .select_from(sale.outerjoin(staff, staff.c.staff_id == _s.cashier_id))
            .where(completed).group_by(_s.cashier_id, _s.cashier)):
        rows[(cashier_id, name)] = [code, int(n), int(amount), 0, 0]
    for staff_id, name, code, n, amount in conn.execute(
            select(_r.staff_id, _r.staff_name, func.max(staff.c.code), func.count(),
                   _sum(_r.refund_fen))
            .select_from(sale_return.outerjoin(staff, staff.c.staff_id == _r.staff_id))
            .where(returned).group_by(_r.staff_id, _r.staff_name)):
        row = rows.setdefault((staff_id, name), [code, 0, 0, 0, 0])
        row[3:] = [int(n), int(amount)]
    return tuple(
        CashierTotal(code or staff_id or "-", name, n, Money(amount), returns_n,
                     Money(returns_fen))
        for (staff_id, name), (code, n, amount, returns_n, returns_fen)
        in sorted(rows.items(), key=lambda item: item[0][1]))
