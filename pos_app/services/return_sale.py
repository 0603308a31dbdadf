"""The sale a return is bound to, as the return screen shows it and ``core.refunds`` plans
from it: its lines with what was already returned, its tenders, and the history of its
returns known here (this till's) and to the cloud (every till's).

A stored sale feeds ``OriginalSale`` as its docstring says: line numbers from 1 in the
sale's order, tender indexes from 0 in the order taken, a points tender's points from its
reference, the tax mode read from the totals (``infer_tax_mode``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from contract.sale_lookup import LookupReturn, SaleLookup
from pos_app.core.errors import PosError
from pos_app.core.refunds import (
    OriginalSale,
    PaidTender,
    RefundedTender,
    ReturnedLine,
    ReturnHistory,
    SoldLine,
    infer_tax_mode,
)
from pos_app.core.scan_router import ScanKind, classify_scan
from pos_app.core.tenders import TENDER_KINDS, TenderKind
from pos_app.store.returns import StoredReturn
from pos_app.store.sales import StoredSale

# A receipt number inside a longer text: the QR of a receipt may be a link that holds it.
_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])([A-Za-z0-9]{1,16}-[A-Za-z0-9]{1,16}-[0-9]{6,})"
                      r"(?![0-9])")


def receipt_number_of(text: str) -> str:
    """The receipt number a scan or the typed text holds (``return.receipt_invalid`` when
    it holds none): the receipt's barcode, or its QR's text."""
    text = text.strip()
    scan = classify_scan(text)
    if scan.kind is ScanKind.RECEIPT:
        return scan.value
    found = _IN_TEXT.search(text) if len(text) <= 512 else None
    if found is None:
        raise PosError("return.receipt_invalid", text=text[:64])
    return found.group(1)


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    """A line of the original sale and how much of it came back already (qty in pieces,
    grams when weighed)."""

    line_no: int
    sku: str
    name: str
    qty: int
    returned_qty: int
    net_fen: int
    tax_fen: int = 0
    tax_rate_bp: int = 0
    unit_price_fen: int = 0
    is_weighed: bool = False
    product_id: int | None = None
    name_en: str = ""

    @property
    def left(self) -> int:
        """What may still come back."""
        return self.qty - self.returned_qty


@dataclass(frozen=True, slots=True)
class FoundSale:
    """A sale to return from. ``source``: ``local`` (this till's), ``cloud`` (another
    till's, looked up online). ``counted``: the returns its history holds."""

    sale_uuid: str
    receipt_no: str
    store_code: str
    terminal_code: str
    closed_at: str
    member_id: str | None
    lines: tuple[ReturnableLine, ...]
    original: OriginalSale
    history: ReturnHistory
    counted: frozenset[str]
    source: str
    coupons: tuple[str, ...] = ()  # coupon ids the sale redeemed
    tender_refs: tuple[str, ...] = ()  # each tender's reference (card slip, provider trade)

    def line(self, line_no: int) -> ReturnableLine:
        for ln in self.lines:
            if ln.line_no == line_no:
                return ln
        raise PosError("return.no_such_line", line=line_no)


def _tender(kind: str, amount_fen: int, reference: str) -> PaidTender:
    if kind not in TENDER_KINDS:
        raise PosError("return.sale_unreadable", why="tender", kind=kind)
    tender_kind: TenderKind = next(k for k in TENDER_KINDS if k == kind)
    points = int(reference) if kind == "points" and reference.isdigit() else 0
    return PaidTender(tender_kind, amount_fen, points)


def history_of(local: Sequence[StoredReturn],
               cloud: Sequence[LookupReturn] = ()) -> tuple[ReturnHistory, frozenset[str]]:
    """The history of every return known (this till's, and the cloud's of any till), each
    counted once, and their uuids."""
    lines: list[ReturnedLine] = []
    tenders: list[RefundedTender] = []
    clawed, seen = 0, set()
    for r in local:
        seen.add(r.return_uuid)
        lines += [ReturnedLine(ln.line_no, ln.qty, ln.net_fen, ln.tax_fen)
                  for ln in r.lines if ln.line_no is not None]
        tenders += [RefundedTender(t.tender_index, t.amount_fen, t.points)
                    for t in r.tenders if t.tender_index is not None]
        clawed += r.points_clawback
    for c in cloud:
        if c.return_uuid in seen:
            continue
        seen.add(c.return_uuid)
        lines += [ReturnedLine(ln.line_no, ln.qty, ln.net_fen, ln.tax_fen) for ln in c.lines]
        tenders += [RefundedTender(t.index, t.amount_fen, t.points) for t in c.tenders]
        clawed += c.points_clawback
    return ReturnHistory(tuple(lines), tuple(tenders), clawed), frozenset(seen)


def _found(*, sale_uuid: str, receipt_no: str, store_code: str, terminal_code: str,
           closed_at: str, member_id: str | None, lines: list[ReturnableLine],
           tenders: Iterable[PaidTender], rounding_fen: int, total_fen: int,
           points_earned: int, history: ReturnHistory, counted: frozenset[str], source: str,
           refs: tuple[str, ...], coupons: tuple[str, ...] = ()) -> FoundSale:
    try:
        mode = infer_tax_mode(net_fen=sum(ln.net_fen for ln in lines),
                              tax_fen=sum(ln.tax_fen for ln in lines),
                              rounding_fen=rounding_fen, total_fen=total_fen)
        original = OriginalSale(
            tuple(SoldLine(ln.line_no, ln.qty, ln.net_fen, ln.tax_fen, ln.is_weighed)
                  for ln in lines), tuple(tenders), rounding_fen, mode, points_earned)
    except (TypeError, ValueError):
        raise PosError("return.sale_unreadable", receipt_no=receipt_no, why="totals") from None
    back: dict[int, int] = {}
    for r in history.lines:
        back[r.line_no] = back.get(r.line_no, 0) + r.qty
    shown = [replace(ln, returned_qty=back.get(ln.line_no, 0)) for ln in lines]
    return FoundSale(sale_uuid, receipt_no, store_code, terminal_code, closed_at, member_id,
                     tuple(shown), original, history, counted, source, coupons, refs)


def found_local(stored: StoredSale, local: Sequence[StoredReturn],
                cloud: Sequence[LookupReturn] = ()) -> FoundSale:
    """A sale of this till, with its returns here and those the cloud knows of."""
    r = stored.record
    lines = [ReturnableLine(n, ln.sku, ln.name, ln.qty, 0, ln.net_fen, ln.tax_fen,
                            ln.tax_rate_bp, ln.unit_price_fen, ln.is_weighed, ln.product_id,
                            ln.name_en) for n, ln in enumerate(r.lines, 1)]
    history, counted = history_of(local, cloud)
    return _found(sale_uuid=r.sale_uuid, receipt_no=stored.receipt_no or "",
                  store_code=r.store_code, terminal_code=r.terminal_code,
                  closed_at=r.closed_at.isoformat(), member_id=r.member_id, lines=lines,
                  tenders=[_tender(t.kind, t.amount_fen, t.reference) for t in r.tenders],
                  rounding_fen=r.rounding_fen, total_fen=r.total_fen,
                  points_earned=r.points_earned, history=history, counted=counted,
                  source="local", refs=tuple(t.reference for t in r.tenders),
                  coupons=tuple(c.coupon_id for c in r.coupons))


def found_in_cloud(lookup: SaleLookup, local: Sequence[StoredReturn],
                   products: Mapping[str, tuple[int | None, str]]) -> FoundSale:
    """Another till's sale as the cloud answered it, with this till's own returns of it
    (``products``: sku → (this till's product id, English name))."""
    lines = [ReturnableLine(ln.line_no, ln.sku, ln.name, ln.qty, 0, ln.net_fen, ln.tax_fen,
                            ln.tax_rate_bp, ln.unit_price_fen, ln.is_weighed,
                            products.get(ln.sku, (None, ""))[0],
                            products.get(ln.sku, (None, ""))[1]) for ln in lookup.lines]
    history, counted = history_of(local, lookup.returns)
    return _found(sale_uuid=lookup.sale_uuid, receipt_no=lookup.receipt_no,
                  store_code=lookup.store_code, terminal_code=lookup.terminal_code,
                  closed_at=lookup.closed_at, member_id=lookup.member_id, lines=lines,
                  tenders=[_tender(t.kind, t.amount_fen, t.reference) for t in lookup.tenders],
                  rounding_fen=lookup.rounding_fen, total_fen=lookup.total_fen,
                  points_earned=lookup.points_earned, history=history, counted=counted,
                  source="cloud", refs=tuple(t.reference for t in lookup.tenders))
