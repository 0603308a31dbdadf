"""ShiftReport → lines of N half-width columns, for the receipt printer.

The same grid as a receipt (``receipt_layout``): every line padded to exactly ``columns``
cells counted in the printer's encoding, amounts flush right, long names wrapped whole
characters at a time. The result is a ``ReceiptLayout``, so it prints, previews and
rasterises through the receipt's own encoder. An over or short prints bold between ``**``,
so it cannot be missed on a long strip of paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from drivers.printer.charset import cells, printable
from drivers.printer.receipt_layout import (
    Align,
    Block,
    ReceiptLayout,
    TextLine,
    left_right,
    pack,
    pad,
    rate_text,
    wrap,
)
from drivers.printer.shift_labels import ShiftLabels
from pos_app.core.money import Money
from pos_app.core.shift_report import ShiftReport, TenderCheck

_TIME = "%Y-%m-%d %H:%M:%S"


def _y(m: Money) -> str:
    return m.yuan_text()


def _minus(m: Money) -> str:
    # Money taken away (refunds, paid-out, drops, discounts) prints with its minus sign,
    # like the discounts on a receipt; a zero stays unsigned.
    return _y(-m)


def _signed(m: Money) -> str:
    return ("+" if m.fen > 0 else "") + _y(m)


class _Sheet:
    """The lines being laid out: width, encoding and the text map in one place."""

    def __init__(self, columns: int, encoding: str | None, text_map: Mapping[str, str]) -> None:
        self.w = columns
        self.enc = encoding
        self.table = str.maketrans(dict(text_map))
        self.out: list[Block] = []

    def prep(self, text: str) -> str:
        return printable(text.translate(self.table), self.enc)

    def line(self, text: str, *, align: Align = "left", bold: bool = False) -> None:
        self.out.append(TextLine(pad(self.prep(text), self.w, align, self.enc), bold))

    def rule(self) -> None:
        self.line("-" * self.w)

    def title(self, text: str) -> None:
        self.rule()
        self.line(f"[{text}]", bold=True)

    def lr(self, left: str, right: str, *, bold: bool = False) -> None:
        """``left`` wrapped whole (never clipped) in the room ``right`` leaves on its last row."""
        left, right = self.prep(left), self.prep(right)
        indent = len(left) - len(left.lstrip(" "))
        room = max(self.w - (cells(right, self.enc) + 1 if right else 0) - indent, 1)
        rows = wrap(left.strip(), room, self.enc) or [""]
        for i, row in enumerate(rows):
            last = right if i == len(rows) - 1 else ""
            self.out.append(TextLine(left_right(" " * indent + row, last, self.w, self.enc),
                                     bold))

    def listing(self, label: str, names: Sequence[str], separator: str) -> None:
        """``label`` then ``names`` packed into rows hanging under the first."""
        label = self.prep(label) + " "
        lead = cells(label, self.enc)
        room = max(self.w - lead, 1)
        rows = pack([self.prep(n) for n in names], room, self.prep(separator), self.enc) or [""]
        for i, row in enumerate(rows):
            self.line((label if i == 0 else " " * lead) + row)


def layout_shift_report(
    report: ShiftReport,
    *,
    columns: int,
    labels: ShiftLabels | None = None,
    text_map: Mapping[str, str] | None = None,
    encoding: str | None = None,
    reprint: bool = False,
) -> ReceiptLayout:
    """Lay ``report`` out for a printer ``columns`` cells wide printing in ``encoding``
    (``None``: Unicode widths, for the screen), in the labels' language."""
    lab = labels or ShiftLabels()
    s = _Sheet(columns, encoding, text_map or {})
    _header(s, report, lab, reprint)
    _activity(s, report, lab)
    _tenders(s, report, lab)
    _drawer(s, report, lab)
    if report.count is not None:
        _cash_count(s, report, lab)
    _reconcile(s, report, lab)
    _discounts(s, report, lab)
    _taxes(s, report, lab)
    _cashiers(s, report, lab)
    if report.kind == "Z":
        s.rule()
        for who in lab.signatures:
            s.line("")
            s.line(f"{who}: " + "_" * max(s.w - cells(s.prep(who), encoding) - 2, 0))
    return ReceiptLayout(columns=columns, blocks=tuple(s.out), encoding=encoding)


def _header(s: _Sheet, r: ShiftReport, lab: ShiftLabels, reprint: bool) -> None:
    f = r.facts
    s.line(lab.title_z if r.kind == "Z" else lab.title_x, align="center", bold=True)
    for part in wrap(s.prep(f.store_name), s.w, s.enc):
        s.line(part, align="center")
    if reprint:
        s.line(lab.reprint, align="center", bold=True)
    s.rule()
    s.lr(lab.shift_no, str(f.shift_no))
    s.lr(lab.terminal, f.terminal_code)
    s.lr(lab.opened_at, f.opened_at.strftime(_TIME))
    s.lr(lab.closed_at if r.kind == "Z" else lab.taken_at, r.at.strftime(_TIME))
    s.lr(lab.opened_by, f.opened_by)
    names = [c.name or c.staff_code for c in f.cashiers]
    if names:
        s.listing(lab.cashiers, names, lab.separator)
    if r.count is not None and r.count.counted_by:
        s.lr(lab.counted_by, r.count.counted_by)


def _activity(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    a = r.facts.activity
    s.title(lab.activity)
    s.lr(lab.sales_count, str(a.sales_count))
    s.lr(lab.returns_count, str(a.returns_count))
    s.lr(lab.voided_sales.format(n=a.voided_sales_count), _y(a.voided_sales_amount))
    s.lr(lab.line_voids.format(n=a.line_voids_count), _y(a.line_voids_amount))
    s.lr(lab.no_sale, str(a.no_sale_count))


def _tenders(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    s.title(lab.tender_section)
    for t in r.facts.tenders:
        name = lab.tenders.get(t.kind, t.kind)
        s.lr(f"{name} {lab.tender_count.format(n=t.sales_count)}", _y(t.sales))
        if t.refunds.fen or t.refunds_count:
            s.lr("  " + lab.refund.format(n=t.refunds_count), _minus(t.refunds))
    s.lr(lab.gross_sales, _y(r.gross_sales))
    s.lr(lab.refunds, _minus(r.refunds))
    s.lr(lab.net_sales, _y(r.net_sales), bold=True)


def _drawer(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    d, f = r.drawer, r.facts
    s.title(lab.drawer)
    s.lr(lab.opening_float, _y(d.opening_float))
    s.lr(lab.cash_sales, _y(d.cash_sales))
    s.lr(lab.cash_refunds, _minus(d.cash_refunds))
    s.lr(lab.paid_in, _y(d.paid_in))
    for reason in f.paid_in:
        s.lr(f"  {reason.reason}", _y(reason.amount))
    s.lr(lab.paid_out, _minus(d.paid_out))
    for reason in f.paid_out:
        s.lr(f"  {reason.reason}", _minus(reason.amount))
    s.lr(lab.drops.format(n=f.drop_count), _minus(d.drops))
    s.lr(lab.expected_cash, _y(d.expected), bold=True)


def _cash_count(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    assert r.count is not None
    s.title(lab.cash_count)
    for row in r.count.cash.lines():
        d = row.denomination
        form = lab.note if d.form == "note" else lab.coin
        s.lr(f"  ¥{d.yuan_label()} {form} x {row.pieces}", _y(row.amount))
    s.lr(lab.counted_total, _y(r.count.cash.total), bold=True)


def _reconcile(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    s.title(lab.reconcile if r.kind == "Z" else lab.expected_section)
    for check in r.checks:
        s.line(lab.tenders.get(check.kind, check.kind))
        s.lr("  " + lab.expected, _y(check.expected))
        if check.counted is not None:
            s.lr("  " + (lab.accepted if check.accepted else lab.counted), _y(check.counted))
            _over_short_row(s, check, lab)
    total = r.over_short_total
    if total is not None:
        s.lr(lab.over_short_total, _signed(total), bold=total.fen != 0)


def _over_short_row(s: _Sheet, check: TenderCheck, lab: ShiftLabels) -> None:
    diff = check.over_short
    assert diff is not None
    word = {"over": lab.over, "short": lab.short}.get(check.state, lab.balanced)
    s.lr("  " + word, _signed(diff), bold=check.state in ("over", "short"))


def _discounts(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    f = r.facts
    s.title(lab.discounts)
    for d in f.discounts:
        name = lab.discount_kinds.get(d.kind, d.kind)
        s.lr(f"{name} {lab.tender_count.format(n=d.count)}", _minus(d.amount))
    s.lr(lab.discount_total, _minus(r.discount_total))
    given = [p for p in f.promotions if p.amount.fen or p.count]
    if given:
        s.line(lab.promotions)
        for p in given:
            s.lr(f"  {p.name} {lab.tender_count.format(n=p.count)}", _minus(p.amount))
    loyalty = f.loyalty
    if loyalty.coupons_used or loyalty.coupon_discount.fen:
        s.lr(lab.coupons.format(n=loyalty.coupons_used), _minus(loyalty.coupon_discount))
    s.lr(lab.points_earned, f"+{loyalty.points_earned}")
    s.lr(lab.points_redeemed, f"-{loyalty.points_redeemed}" if loyalty.points_redeemed else "0")


def _taxes(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    if not r.facts.taxes:
        return
    s.title(lab.tax)
    for t in r.facts.taxes:
        s.lr(lab.tax_row.format(rate=rate_text(t.rate_bp), taxable=_y(t.taxable)),
             lab.tax_amount.format(tax=_y(t.tax)))


def _cashiers(s: _Sheet, r: ShiftReport, lab: ShiftLabels) -> None:
    if not r.facts.cashiers:
        return
    s.title(lab.by_cashier)
    for c in r.facts.cashiers:
        s.lr(c.name or c.staff_code, c.staff_code if c.name else "")
        s.lr(lab.cashier_sales.format(n=c.sales_count), _y(c.sales_amount))
        if c.returns_count or c.returns_amount.fen:
            s.lr(lab.cashier_returns.format(n=c.returns_count), _minus(c.returns_amount))
