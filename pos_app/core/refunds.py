"""Returns bound to the original sale: what a return gives back, per line and per tender.

Amounts come from what the sale stored, never from list prices: a line's *paid* amount is
its net (promotions, coupons and discounts already allocated into it by pricing), plus its
tax when prices are tax-exclusive. Every amount is whole fen.

- Lines: returning k of the n units still out refunds k/n of what is left of the line's net
  and of its tax (each to the nearest fen, halves up), so the last units returned take the
  remainder and any sequence of partial returns gives back the line exactly.
- Cash rounding (抹零) belongs to the whole sale. A return refunds its lines' amounts,
  capped so that the sale's refunds never exceed what the customer paid; the return that
  brings back the sale's last unit settles the difference (``RefundPlan.rounding_fen``), so
  returning everything refunds exactly the sum of the tenders, whatever the order.
- Tenders: the refund goes back over the original tenders in proportion to what each has
  left to refund (largest remainder, ties to the earlier tender). Proportional keeps the
  sale's mix: points cannot be turned into cash by returning part of a sale, points stay
  within the share the redeem rules allowed, and the order of returns favours no tender.
  ``to_cash`` pays the money tenders' shares in cash (a permission the caller checks); the
  points tender's share always goes back as points, never as cash. An exchange credit
  (the ``exchange`` tender of a sale made in an exchange) has nothing to go back to: its
  share is paid in cash.
- Points paid with come back with their tender's fen, by the same remainder rule; earned
  points are taken back in proportion to the returned net (``points.points_on_return``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pos_app.core.errors import PosError
from pos_app.core.modes import TAX_MODES, TaxMode
from pos_app.core.money import allocate, div_half_up
from pos_app.core.points import points_on_return
from pos_app.core.tenders import TENDER_KINDS, TenderKind

__all__ = [
    "OriginalSale",
    "PaidTender",
    "RefundLine",
    "RefundPlan",
    "RefundedTender",
    "ReturnHistory",
    "ReturnedLine",
    "SoldLine",
    "TenderRefund",
    "infer_tax_mode",
    "plan_refund",
    "points_clawback",
]


def _check(obj: object, *names: str) -> None:
    # Exact ints, never negative: these are fen, pieces, grams and points of a stored sale.
    for name in names:
        value = getattr(obj, name)
        if type(value) is not int:
            raise TypeError(f"{type(obj).__name__}.{name} must be int")
        if value < 0:
            raise ValueError(f"{type(obj).__name__}.{name} must not be negative")


@dataclass(frozen=True, slots=True)
class SoldLine:
    """A line of the original sale: qty in pieces (grams when weighed), amounts in fen."""

    line_no: int
    qty: int
    net_fen: int
    tax_fen: int
    is_weighed: bool = False

    def __post_init__(self) -> None:
        _check(self, "line_no", "qty", "net_fen", "tax_fen")
        if self.qty == 0:
            raise ValueError("a sold line has a positive qty")


@dataclass(frozen=True, slots=True)
class PaidTender:
    """A tender of the original sale: ``amount_fen`` went to the sale (after change);
    ``points`` were redeemed when it is a points tender (its reference), else 0."""

    kind: TenderKind
    amount_fen: int
    points: int = 0

    def __post_init__(self) -> None:
        if self.kind not in TENDER_KINDS:
            raise ValueError(f"unknown tender kind {self.kind!r}")
        _check(self, "amount_fen", "points")
        if self.points and self.kind != "points":
            raise ValueError("only a points tender redeems points")


@dataclass(frozen=True, slots=True)
class OriginalSale:
    """The sale as a return needs it; its tenders add up to its lines plus its rounding."""

    lines: tuple[SoldLine, ...]
    tenders: tuple[PaidTender, ...]
    rounding_fen: int
    tax_mode: TaxMode
    points_earned: int = 0

    def __post_init__(self) -> None:
        if self.tax_mode not in TAX_MODES:
            raise ValueError(f"unknown tax_mode {self.tax_mode!r}")
        if type(self.rounding_fen) is not int:
            raise TypeError("OriginalSale.rounding_fen must be int")
        _check(self, "points_earned")
        if len({ln.line_no for ln in self.lines}) != len(self.lines):
            raise ValueError("line numbers of a sale are unique")
        # Exact refunds rest on this: what was paid is what the lines and rounding make.
        if self.paid_fen != sum(self.line_paid_fen(ln) for ln in self.lines) + self.rounding_fen:
            raise ValueError("the tenders do not add up to the lines plus the rounding")

    @property
    def paid_fen(self) -> int:
        """What the customer paid for the sale: the sum of the tenders' amounts."""
        return sum(t.amount_fen for t in self.tenders)

    def line_paid_fen(self, line: SoldLine | ReturnedLine | RefundLine) -> int:
        """What a line (or the returned part of one) cost: net, plus tax when exclusive."""
        return line.net_fen + (line.tax_fen if self.tax_mode == "exclusive" else 0)


@dataclass(frozen=True, slots=True)
class ReturnedLine:
    """What an earlier return took back of a line (several entries of one line add up)."""

    line_no: int
    qty: int
    net_fen: int
    tax_fen: int

    def __post_init__(self) -> None:
        _check(self, "line_no", "qty", "net_fen", "tax_fen")


@dataclass(frozen=True, slots=True)
class RefundedTender:
    """What earlier returns gave back from the sale's tender number ``index`` (from 0)."""

    index: int
    amount_fen: int
    points: int = 0

    def __post_init__(self) -> None:
        _check(self, "index", "amount_fen", "points")


@dataclass(frozen=True, slots=True)
class RefundLine:
    """One line of a return: ``refund_fen`` is net, plus tax when the sale was exclusive."""

    line_no: int
    qty: int
    net_fen: int
    tax_fen: int
    refund_fen: int


@dataclass(frozen=True, slots=True)
class TenderRefund:
    """The part of a refund drawn from the sale's tender ``index``, paid out as ``payout``
    (the tender's own kind, or cash); ``points`` go back to the member's balance."""

    index: int
    kind: TenderKind
    payout: TenderKind
    amount_fen: int
    points: int = 0


@dataclass(frozen=True, slots=True)
class RefundPlan:
    """A return worked out: Σ lines' refund + ``rounding_fen`` = ``total_fen`` = Σ tenders."""

    lines: tuple[RefundLine, ...]
    tenders: tuple[TenderRefund, ...]
    rounding_fen: int
    total_fen: int
    points_clawback: int
    completes_sale: bool


@dataclass(frozen=True, slots=True)
class ReturnHistory:
    """What earlier returns of the sale gave back; entries of one line or tender add up."""

    lines: tuple[ReturnedLine, ...] = ()
    tenders: tuple[RefundedTender, ...] = ()
    points_clawed_back: int = 0

    def __post_init__(self) -> None:
        _check(self, "points_clawed_back")

    def after(self, plan: RefundPlan) -> ReturnHistory:
        """This history once ``plan`` is carried out."""
        return ReturnHistory(
            self.lines + tuple(ReturnedLine(ln.line_no, ln.qty, ln.net_fen, ln.tax_fen)
                               for ln in plan.lines),
            self.tenders + tuple(RefundedTender(t.index, t.amount_fen, t.points)
                                 for t in plan.tenders),
            self.points_clawed_back + plan.points_clawback,
        )


def infer_tax_mode(*, net_fen: int, tax_fen: int, rounding_fen: int,
                   total_fen: int) -> TaxMode:
    """The tax mode a stored sale was priced in, read from its totals (the sale row does not
    keep it and the store's mode may change); without tax both modes give the same refund."""
    if total_fen == net_fen + rounding_fen:
        return "inclusive"
    if total_fen == net_fen + tax_fen + rounding_fen:
        return "exclusive"
    raise ValueError("the sale's total matches neither tax mode")


def _share(left: int, qty: int, qty_left: int) -> int:
    # k of the n units still out take k/n of what is left: the last ones take the remainder.
    return left if qty == qty_left else div_half_up(left * qty, qty_left)


def _lines_back(sale: OriginalSale, history: ReturnHistory) -> dict[int, tuple[int, int, int]]:
    """(qty, net, tax) already returned per line number; ValueError on an impossible past."""
    back = {ln.line_no: (0, 0, 0) for ln in sale.lines}
    for r in history.lines:
        if r.line_no not in back:
            raise ValueError(f"earlier return of line {r.line_no}, which the sale lacks")
        q, n, t = back[r.line_no]
        back[r.line_no] = (q + r.qty, n + r.net_fen, t + r.tax_fen)
    for ln in sale.lines:
        q, n, t = back[ln.line_no]
        if q > ln.qty or n > ln.net_fen or t > ln.tax_fen:
            raise ValueError(f"earlier returns took more of line {ln.line_no} than it sold")
    return back


def _tenders_back(sale: OriginalSale, history: ReturnHistory) -> list[tuple[int, int]]:
    """(fen, points) already refunded per tender; ValueError on an impossible past."""
    back = [(0, 0)] * len(sale.tenders)
    for r in history.tenders:
        if r.index >= len(back):
            raise ValueError(f"earlier refund from tender {r.index}, which the sale lacks")
        fen, points = back[r.index]
        back[r.index] = (fen + r.amount_fen, points + r.points)
    for (fen, points), t in zip(back, sale.tenders, strict=True):
        if fen > t.amount_fen or points > t.points:
            raise ValueError("earlier returns refunded more than a tender paid")
    return back


def _refund_lines(sale: OriginalSale, back: dict[int, tuple[int, int, int]],
                  request: Mapping[int, int]) -> tuple[RefundLine, ...]:
    if not request:
        raise PosError("return.empty")
    for line_no, qty in request.items():
        if type(line_no) is not int or line_no not in back:
            raise PosError("return.no_such_line", line=line_no)
        if type(qty) is not int or qty <= 0:
            raise PosError("return.qty_invalid", line=line_no, qty=qty)
    out: list[RefundLine] = []
    for ln in sale.lines:
        asked = request.get(ln.line_no)
        if asked is None:
            continue
        q, n, t = back[ln.line_no]
        if asked > ln.qty - q:
            raise PosError("return.qty_exceeds_sold", line=ln.line_no, sold=ln.qty,
                           returned=q, asked=asked, left=ln.qty - q, weighed=ln.is_weighed)
        net = _share(ln.net_fen - n, asked, ln.qty - q)
        tax = _share(ln.tax_fen - t, asked, ln.qty - q)
        refund = net + (tax if sale.tax_mode == "exclusive" else 0)
        out.append(RefundLine(ln.line_no, asked, net, tax, refund))
    return tuple(out)


def _tender_refunds(sale: OriginalSale, back: list[tuple[int, int]], total: int,
                    to_cash: bool) -> tuple[TenderRefund, ...]:
    left = [t.amount_fen - fen for t, (fen, _) in zip(sale.tenders, back, strict=True)]
    # total ≤ Σ left (a sale's refunds never pass what it was paid), so no part passes its
    # tender's left: a largest-remainder share of total ≤ Σ left is at most its weight.
    parts = allocate(total, left)
    out: list[TenderRefund] = []
    for i, (t, part) in enumerate(zip(sale.tenders, parts, strict=True)):
        if part == 0:
            continue
        points = _share(t.points - back[i][1], part, left[i])
        cash = (to_cash and t.kind != "points") or t.kind == "exchange"
        payout: TenderKind = "cash" if cash else t.kind
        out.append(TenderRefund(i, t.kind, payout, part, points))
    return tuple(out)


def points_clawback(sale: OriginalSale, history: ReturnHistory, net_fen: int) -> int:
    """Earned points to take back for a return of ``net_fen`` (its lines' net), in proportion
    to the sale's net: every point once everything is back, never more than the sale earned."""
    earlier_net = sum(r.net_fen for r in history.lines)
    back, _ = points_on_return(
        earned=sale.points_earned, redeemed=0, sale_net_fen=sum(ln.net_fen for ln in sale.lines),
        returned_net_fen=net_fen, already_returned_net_fen=earlier_net,
        already_reversed_earn=history.points_clawed_back)
    return back


def plan_refund(sale: OriginalSale, history: ReturnHistory, request: Mapping[int, int], *,
                to_cash: bool = False) -> RefundPlan:
    """What returning ``request`` ({line_no: qty}, grams when weighed) gives back, after
    ``history``; ``return.*`` errors when the request is empty or asks for what is not there.

    ``history`` must come from earlier plans of this sale (ValueError when it cannot have).
    """
    lines_back = _lines_back(sale, history)
    tenders_back = _tenders_back(sale, history)
    lines = _refund_lines(sale, lines_back, request)
    returned_fen = (sum(sale.line_paid_fen(r) for r in history.lines)
                    + sum(ln.refund_fen for ln in lines))
    qty_out = {ln.line_no: ln.qty - lines_back[ln.line_no][0] for ln in sale.lines}
    completes = all(qty_out[ln.line_no] == request.get(ln.line_no, 0) for ln in sale.lines)
    paid = sale.paid_fen
    target = paid if completes else min(returned_fen, paid)
    total = max(target - sum(fen for fen, _ in tenders_back), 0)
    tenders = _tender_refunds(sale, tenders_back, total, to_cash)
    rounding = total - sum(ln.refund_fen for ln in lines)
    clawback = points_clawback(sale, history, sum(ln.net_fen for ln in lines))
    return RefundPlan(lines, tenders, rounding, total, clawback, completes)
