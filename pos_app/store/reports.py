"""The sales report's figures: one ``GROUP BY`` per group of ``core.sales_report``, over the
sales closed and the returns taken in a period of store days.

``sale.closed_at`` and ``sale_return.at`` are ISO 8601 text with the offset they were
written in. The period is found on their index by text with a margin of the widest offsets
(-12 h, +14 h), then exactly by the instant (``strftime('%s')``: SQLite reads the offset),
so a sale or a return written in any zone is counted in the store day it belongs to and the
index still bounds the scan.

Returns count in the period they were taken, whenever their sale was made (a shift's
report counts them the same way): their count and refunds (``SalesReport.returns``), their
payouts as the refunds of the tender they were paid as (``exchange`` when the credit paid
an exchange's new sale) and their refunds under the staff member who took them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    and_,
    case,
    cast,
    func,
    select,
)

from pos_app.core.money import Money
from pos_app.core.sales_report import (
    QUARTER_S,
    Figures,
    MemberSplit,
    ProductTotal,
    QuarterTotal,
    ReportPeriod,
    ReturnsTotal,
    SalesReport,
    categories,
    fold_quarters,
    top_products,
)
from pos_app.core.shelf_label import DEFAULT_MARKDOWN_PREFIX
from pos_app.core.shift_facts import CashierTotal, DiscountTotal, PromotionTotal, TenderTotal
from pos_app.core.tenders import TENDER_KINDS
from pos_app.store.db import read_tx
from pos_app.store.models import (
    product,
    sale,
    sale_line,
    sale_promotion,
    sale_return,
    sale_return_tender,
    sale_tender,
    staff,
)

TOP_PRODUCTS = 20
# The widest UTC offsets in use (Baker Island -12:00, Kiribati +14:00): the margin of the
# text range on the indexes of ``sale.closed_at`` and ``sale_return.at``.
_OFFSET_SLACK = timedelta(hours=14)
_s, _l, _t, _p, _pr = sale.c, sale_line.c, sale_tender.c, product.c, sale_promotion.c
_r, _rt = sale_return.c, sale_return_tender.c
_EPOCH = cast(func.strftime("%s", _s.closed_at), Integer)
_RETURN_EPOCH = cast(func.strftime("%s", _r.at), Integer)
_LINES = sale_line.join(sale, _s.id == _l.sale_id)


def _sum(column: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(column), 0)


def _text(moment: datetime) -> str:
    return moment.replace(tzinfo=None).isoformat(timespec="seconds")


def _between(stamp: ColumnElement[str], epoch: ColumnElement[int], start: datetime,
             end: datetime) -> ColumnElement[bool]:
    return and_(stamp >= _text(start - _OFFSET_SLACK), stamp < _text(end + _OFFSET_SLACK),
                epoch >= int(start.timestamp()), epoch < int(end.timestamp()))


def closed_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Sales closed at or after ``start`` and before ``end`` (aware UTC instants)."""
    return _between(_s.closed_at, _EPOCH, start, end)


def returned_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Returns taken at or after ``start`` and before ``end`` (aware UTC instants)."""
    return _between(_r.at, _RETURN_EPOCH, start, end)


def sales_report(engine: Engine, period: ReportPeriod, zone: ZoneInfo, *,
                 top: int = TOP_PRODUCTS,
                 markdown_prefix: str = DEFAULT_MARKDOWN_PREFIX) -> SalesReport:
    """The report of ``period`` (store days in ``zone``) with the ``top`` products."""
    start, end = period.bounds(zone)
    with read_tx(engine) as conn:
        return _report(conn, period, zone, closed_between(start, end),
                       returned_between(start, end), top, markdown_prefix)


def _figures(row: Any) -> Figures:
    return Figures(Money(int(row[0])), int(row[1]))


def _report(conn: Connection, period: ReportPeriod, zone: ZoneInfo,
            in_period: ColumnElement[bool], returned: ColumnElement[bool],
            top: int, markdown_prefix: str) -> SalesReport:
    done = and_(in_period, _s.state == "completed")
    quarter = (_EPOCH // QUARTER_S).label("quarter")
    quarters = [QuarterTotal(int(q), Figures(Money(int(amount)), int(n)))
                for q, amount, n in conn.execute(
                    select(quarter, _sum(_s.total_fen), func.count())
                    .where(done).group_by(quarter))]
    by_hour, by_day = fold_quarters(quarters, zone, period)
    products = _products(conn, done)
    by_amount, by_qty = top_products(products, top)
    is_member = _s.member_id.is_not(None)
    members = {bool(m): Figures(Money(int(amount)), int(n)) for m, amount, n in conn.execute(
        select(is_member, _sum(_s.total_fen), func.count()).where(done).group_by(is_member))}
    voided = conn.execute(select(_sum(_s.total_fen), func.count())
                          .where(in_period, _s.state == "voided")).one()
    returns = conn.execute(select(func.count(), _sum(_r.refund_fen)).where(returned)).one()
    return SalesReport(
        period=period, zone=zone.key, sales=sum((q.figures for q in quarters), Figures()),
        by_hour=by_hour, by_day=by_day, categories=categories(products),
        tenders=_tenders(conn, done, returned), cashiers=_cashiers(conn, done, returned),
        top_by_amount=by_amount, top_by_qty=by_qty,
        discounts=_discounts(conn, done, markdown_prefix), promotions=_promotions(conn, done),
        members=MemberSplit(members=members.get(True, Figures()),
                            others=members.get(False, Figures())),
        voided=_figures(voided), returns=ReturnsTotal(int(returns[0]), Money(int(returns[1]))))


def _products(conn: Connection, done: ColumnElement[bool]) -> list[ProductTotal]:
    """Every product sold in the period: one pass over its lines (grouped by the line's
    product), then the product's category for each (a lookup per product, not per line)."""
    lines = (select(_l.product_id, _l.sku, func.max(_l.name).label("name"),
                    func.max(_l.name_en).label("name_en"), _sum(_l.qty).label("qty"),
                    func.max(_l.is_weighed).label("weighed"), _sum(_l.net_fen).label("amount"),
                    func.count().label("lines"))
             .select_from(_LINES).where(done).group_by(_l.product_id, _l.sku).subquery())
    x = lines.c
    return [
        ProductTotal(sku=sku, name=name, name_en=name_en or "", category=category or "",
                     qty=int(qty), is_weighed=bool(weighed), amount=Money(int(amount)),
                     lines=int(n))
        for sku, name, name_en, category, qty, weighed, amount, n in conn.execute(
            select(x.sku, x.name, x.name_en, _p.category, x.qty, x.weighed, x.amount, x.lines)
            .select_from(lines.outerjoin(product, _p.id == x.product_id)))]


def _tenders(conn: Connection, done: ColumnElement[bool],
             returned: ColumnElement[bool]) -> tuple[TenderTotal, ...]:
    """Each tender kind's sales and refunds; counts are sales and returns (a return that
    paid out two rows of one kind counts once)."""
    taken = {kind: (int(amount), int(n)) for kind, amount, n in conn.execute(
        select(_t.kind, _sum(_t.amount_fen), func.count(_t.sale_id.distinct()))
        .select_from(sale_tender.join(sale, _s.id == _t.sale_id))
        .where(done).group_by(_t.kind))}
    refunded = {kind: (int(amount), int(n)) for kind, amount, n in conn.execute(
        select(_rt.payout, _sum(_rt.amount_fen), func.count(_rt.return_id.distinct()))
        .select_from(sale_return_tender.join(sale_return, _r.id == _rt.return_id))
        .where(returned).group_by(_rt.payout))}
    none = (0, 0)
    return tuple(
        TenderTotal(kind, Money(taken.get(kind, none)[0]), Money(refunded.get(kind, none)[0]),
                    sales_count=taken.get(kind, none)[1],
                    refunds_count=refunded.get(kind, none)[1])
        for kind in sorted(set(taken) | set(refunded)) if kind in TENDER_KINDS)


def _cashiers(conn: Connection, done: ColumnElement[bool],
              returned: ColumnElement[bool]) -> tuple[CashierTotal, ...]:
    """Each staff member's sales and the returns they took, the most sold first."""
    rows: dict[tuple[str, str], list[Any]] = {}
    for cashier_id, name, code, n, amount in conn.execute(
            select(_s.cashier_id, _s.cashier, func.max(staff.c.code), func.count(),
                   _sum(_s.total_fen))
            .select_from(sale.outerjoin(staff, staff.c.staff_id == _s.cashier_id))
            .where(done).group_by(_s.cashier_id, _s.cashier)):
        rows[(cashier_id or "", name)] = [code, int(n), int(amount), 0, 0]
    for staff_id, name, code, n, amount in conn.execute(
            select(_r.staff_id, _r.staff_name, func.max(staff.c.code), func.count(),
                   _sum(_r.refund_fen))
            .select_from(sale_return.outerjoin(staff, staff.c.staff_id == _r.staff_id))
            .where(returned).group_by(_r.staff_id, _r.staff_name)):
        row = rows.setdefault((staff_id or "", name), [code, 0, 0, 0, 0])
        row[3:] = [int(n), int(amount)]
    ranked = sorted(rows.items(), key=lambda item: (-item[1][2], item[0][1], item[0][0]))
    return tuple(
        CashierTotal(code or staff_id or "-", name, n, Money(amount), returns_n,
                     Money(returns_fen))
        for (staff_id, name), (code, n, amount, returns_n, returns_fen) in ranked)


def markdown_lines(conn: Connection, done: ColumnElement[bool],
                   prefix: str) -> tuple[int, Money, Money]:
    """Lines scanned from a markdown label (13 digits starting ``prefix``): how many, what
    they charged, and their markdown: the list amount (unit price × qty, per kg for weighed
    goods, half-up) less what the label charged."""
    list_fen = case(
        (_l.is_weighed, (_l.unit_price_fen * _l.qty + 500) // 1000),
        else_=_l.unit_price_fen * _l.qty)
    n, sold, markdown = conn.execute(
        select(func.count(), _sum(_l.gross_fen), _sum(list_fen - _l.gross_fen))
        .select_from(_LINES)
        .where(done, func.length(_l.scanned_code) == 13,
               func.substr(_l.scanned_code, 1, len(prefix)) == prefix)).one()
    return int(n), Money(int(sold)), Money(int(markdown))


def _discounts(conn: Connection, done: ColumnElement[bool],
               markdown_prefix: str) -> tuple[DiscountTotal, ...]:
    """The same four kinds as a shift's report (a line's ``discount_fen`` holds its
    promotions, its own discount and its part of the sale's discount), then the markdown
    labels' prices below list."""
    promo, everything, promo_lines, discounted, override, overrides = conn.execute(
        select(_sum(_l.promo_discount_fen), _sum(_l.discount_fen),
               func.count().filter(_l.promo_discount_fen > 0),
               func.count().filter(_l.discount_fen > _l.promo_discount_fen),
               _sum(_l.override_fen), func.count().filter(_l.price_overridden))
        .select_from(_LINES).where(done)).one()
    sale_fen, sale_n = conn.execute(
        select(_sum(_s.sale_discount_fen),
               func.count().filter(_s.sale_discount_fen > 0)).where(done)).one()
    line_fen = int(everything) - int(promo) - int(sale_fen)
    marked = markdown_lines(conn, done, markdown_prefix)
    return (
        DiscountTotal("promotion", Money(int(promo)), int(promo_lines)),
        DiscountTotal("line_discount", Money(max(0, line_fen)), int(discounted)),
        DiscountTotal("sale_discount", Money(int(sale_fen)), int(sale_n)),
        DiscountTotal("price_override", Money(int(override)), int(overrides)),
        DiscountTotal("markdown", marked[2], marked[0]),
    )


def _promotions(conn: Connection, done: ColumnElement[bool]) -> tuple[PromotionTotal, ...]:
    given = _sum(_pr.discount_fen)
    return tuple(
        PromotionTotal(promo_id, name, Money(int(amount)), int(n))
        for promo_id, name, amount, n in conn.execute(
            select(_pr.promo_id, func.max(_pr.name), given, func.count(_pr.sale_id.distinct()))
            .select_from(sale_promotion.join(sale, _s.id == _pr.sale_id)).where(done)
            .group_by(_pr.promo_id).order_by(given.desc(), _pr.promo_id)))
