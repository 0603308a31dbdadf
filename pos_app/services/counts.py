"""Stock counts while the store sells: open a session, count (scans, typed quantities, a
handheld's CSV), review the variances, recount the big ones, approve, post.

    counts = CountService(engine=engine, store_info=info, staff=staff, device="T01")
    sid = counts.open(CountScope("category", "饮料"), blind=True)
    counts.scan(sid, "6901234567892", qty=12, location="A-03")   # one insert, at the mark
    counts.upload_csv(sid, raw_bytes, device="HH-1")   # all rows or none (count.csv_invalid)
    review = counts.review(sid)                         # variance rows, uncounted, unknown codes
    counts.recount(sid)                                 # a new round for the big variances
    counts.approve(sid, approval)                       # Permission.STOCK (or a supervisor's)
    posted = counts.post(sid)                           # adjustments + one count.posted event
    layout = layout_count(counts.sheet(sid), columns=42)  # drivers.printer.count_layout

Each line carries the ledger's mark when it was counted (``core.counting``): sales before it
are in the expected quantity, sales after it stay on top of the count once posted. A line
from a handheld gets the mark of its own time in this till's ledger (``store.counts.mark_at``).
The methods write on the calling thread (the writer thread in the app; the UI wraps them in
its task runner).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from contract.products import decode_csv_bytes
from pos_app.core.barcode import parse_scale_barcode
from pos_app.core.clock import default_now
from pos_app.core.count_csv import CountRowError, parse_count_csv
from pos_app.core.count_sheet import CountSheet, CountSheetLine
from pos_app.core.counting import (
    CountLine,
    CountScope,
    VarianceRow,
    VarianceRules,
    check_count_qty,
    unknown_codes,
    variance_rows,
)
from pos_app.core.errors import PosError
from pos_app.core.money import div_half_up
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import format_quantity, parse_quantity
from pos_app.core.roles import Permission
from pos_app.core.store_info import StoreInfo
from pos_app.services.guard import Guard
from pos_app.services.staff import Approval, StaffService
from pos_app.store import catalog
from pos_app.store import counts as store
from pos_app.store.db import read_tx, write_tx


@dataclass(frozen=True, slots=True)
class Counted:
    """What a scan or typed quantity counted: the product (None: an unknown code kept for
    review), the quantity, and the product's total counted so far in this round."""

    product: ProductInfo | None
    code: str
    qty: int


@dataclass(frozen=True, slots=True)
class CountReview:
    """The variance review of a session: a row per counted product (its expected quantity
    at its mark), the uncounted products of the scope (the first ids, and how many), the
    unknown codes, and the products whose variance calls for a recount."""

    session: store.SessionInfo
    rows: list[VarianceRow]
    uncounted: list[int]
    uncounted_total: int
    unknown: dict[str, int]
    lines: int

    @property
    def big(self) -> list[int]:
        return [r.product_id for r in self.rows if r.big]

    @property
    def value_cost_fen(self) -> int:
        return sum(r.value_cost_fen for r in self.rows)

    @property
    def value_price_fen(self) -> int:
        return sum(r.value_price_fen for r in self.rows)


class CountService:
    """The till's stock counts (see the module docstring)."""

    def __init__(self, *, engine: Engine, store_info: StoreInfo,
                 staff: StaffService | None = None, device: str = "",
                 clock: Callable[[], datetime] = default_now,
                 new_uuid: Callable[[], str] = lambda: str(uuid.uuid4()),
                 rules: VarianceRules | None = None) -> None:
        self._engine = engine
        self.store_info = store_info
        self._staff = staff
        self._guard = Guard(staff=staff, buffered=False)
        self.device = device or store_info.terminal_code
        self._clock = clock
        self._new_uuid = new_uuid
        self.rules = rules or VarianceRules()

    def _who(self) -> tuple[str, str]:
        s = self._staff.session if self._staff is not None else None
        return (s.staff_id, s.name) if s is not None else ("", "")

    # ---- sessions ------------------------------------------------------------------------

    def open(self, scope: CountScope, *, blind: bool = False,
             session_uuid: str | None = None) -> int:
        """Start a count of ``scope``; returns the session id."""
        who_id, who_name = self._who()
        return store.open_session(
            engine=self._engine, session_uuid=session_uuid or self._new_uuid(),
            store_code=self.store_info.store_code, scope=scope, blind=blind,
            opened_at=self._clock().isoformat(), opened_by_id=who_id, opened_by_name=who_name)

    def session(self, session_id: int) -> store.SessionInfo:
        return store.get_session(engine=self._engine, session_id=session_id)

    def open_sessions(self) -> list[store.SessionInfo]:
        """Sessions still counting or approved, newest first."""
        return store.sessions(engine=self._engine)

    # ---- counting ------------------------------------------------------------------------

    def product_of(self, code: str) -> ProductInfo | None:
        """The product of a scanned barcode or typed SKU (None: unknown)."""
        code = code.strip()
        return (catalog.find_by_barcode(engine=self._engine, code=code)
                or catalog.get_product_by_sku(engine=self._engine, sku=code))

    def scale_label(self, code: str) -> tuple[ProductInfo, int] | None:
        """A scale label's product and the grams it carries (its weight, or its price at
        the product's price per kg); None when ``code`` is no label of a known product."""
        try:
            label = parse_scale_barcode(code.strip())
        except PosError:
            return None
        if label is None:
            return None
        found = catalog.find_by_barcode(engine=self._engine, code=label.lookup_barcode)
        if found is None or not found.is_weighed:
            return None
        if label.weight_g is not None:
            return found, label.weight_g
        if label.price is not None and found.price.fen > 0:
            return found, div_half_up(label.price.fen * 1000, found.price.fen)
        return None

    def scan(self, session_id: int, code: str, *, qty: int | None = None, location: str = "",
             product: ProductInfo | None = None) -> Counted:
        """Count ``qty`` (default 1; a scale label: its grams) of a scanned or typed code
        (an unknown one is kept for review)."""
        found = product or self.product_of(code)
        if found is None and (label := self.scale_label(code)) is not None:
            found, grams = label
            qty = grams if qty is None else qty
        qty = check_count_qty(1 if qty is None else qty)
        self._add(session_id, found, code.strip(), qty, location)
        return Counted(found, code.strip(), qty)

    def typed(self, session_id: int, product: ProductInfo, text: str, *,
              location: str = "") -> Counted:
        """Count a typed quantity of a product (pieces, or kg for weighed goods)."""
        qty = self._qty(text, product)
        self._add(session_id, product, product.sku, qty, location)
        return Counted(product, product.sku, qty)

    @staticmethod
    def _qty(text: str, product: ProductInfo | None) -> int:
        if text.strip() in ("0", "0.0", "0.000"):
            return 0
        try:
            weighed = product.is_weighed if product is not None else False
            return check_count_qty(parse_quantity(text, weighed=weighed))
        except PosError:
            raise PosError("count.qty_invalid", qty=text) from None

    def _add(self, session_id: int, product: ProductInfo | None, code: str, qty: int,
             location: str) -> None:
        who_id, who_name = self._who()
        with write_tx(self._engine) as conn:
            info = store.session_info(conn, session_id)
            self._check_state(info)
            if info.recount and (product is None or product.product_id not in info.recount):
                raise PosError("count.not_in_recount", code=code)
            store.add_line(conn, session_id=session_id,
                           product_id=product.product_id if product else None, code=code,
                           qty=qty, counted_at=self._clock().isoformat(), round=info.round,
                           counter_id=who_id, counter_name=who_name, device=self.device,
                           location=location)

    @staticmethod
    def _check_state(info: store.SessionInfo) -> None:
        if info.state == "posted":
            raise PosError("count.already_posted", session_id=info.session_id,
                           posted_at=info.posted_at or "")
        if info.state != "open":
            raise PosError("count.not_open", session_id=info.session_id)

    def upload_csv(self, session_id: int, raw: bytes, *, device: str = "handheld") -> int:
        """Import a handheld's lines: every row checked first; any bad row raises
        ``count.csv_invalid`` (``errors``: line, key, data of each) and nothing is
        imported. Returns how many lines were added."""
        rows, errors = parse_count_csv(decode_csv_bytes(raw))
        now = self._clock()
        lines: list[tuple[CountLine, str]] = []
        for row in rows:
            product = self.product_of(row.code)
            label = self.scale_label(row.code) if product is None else None
            try:
                if label is not None:  # a scale label: its grams, times the labels counted
                    product, grams = label
                    qty = check_count_qty(grams * self._qty(row.qty, None))
                else:
                    qty = self._qty(row.qty, product)
            except PosError:
                errors.append(CountRowError(row.line, "count.csv_bad_qty", {"qty": row.qty}))
                continue
            at = (datetime.fromisoformat(row.counted_at).astimezone(now.tzinfo).isoformat()
                  if row.counted_at else now.isoformat())
            if at > now.isoformat():
                errors.append(CountRowError(row.line, "count.csv_future_time",
                                            {"time": row.counted_at}))
                continue
            lines.append((CountLine(product.product_id if product else None, row.code, qty,
                                    0, row.counter, row.counter, device, row.location, at),
                          at))
        if errors:
            errors.sort(key=lambda e: e.line)
            first = errors[0]
            raise PosError("count.csv_invalid", line=first.line, reason=first.key,
                           count=len(errors),
                           errors=[(e.line, e.key, e.data) for e in errors])
        with write_tx(self._engine) as conn:
            info = store.session_info(conn, session_id)
            self._check_state(info)
            for ln, _at in lines:
                if info.recount and ln.product_id not in info.recount:
                    raise PosError("count.not_in_recount", code=ln.code)
            marks: dict[str, int] = {}
            out = []
            for ln, at in lines:
                if at not in marks:
                    marks[at] = store.mark_at(conn, at, open_hwm=info.open_hwm)
                out.append(CountLine(ln.product_id, ln.code, ln.qty, marks[at], ln.counter_id,
                                     ln.counter_name, ln.device, ln.location, ln.counted_at,
                                     info.round))
            store.add_lines(conn, session_id=session_id, lines=out)
        return len(out)

    # ---- review, recount, approve, post ----------------------------------------------------

    def review(self, session_id: int, approval: Approval | None = None) -> CountReview:
        """Variances of every counted product at its mark, in value at cost and at price;
        the uncounted products of the scope; unknown codes; big ones flagged. A blind
        count's expected quantities are for ``Permission.STOCK`` only (``permission.denied``
        for a counter)."""
        with read_tx(self._engine) as conn:
            snap = store.snapshot(conn, session_id)
            if snap.info.blind:
                self._guard.authorize(Permission.STOCK, approval)
            prices = store.priced(conn, snap.counts)
            uncounted, total = store.in_scope(conn, snap.info.scope, session_id=session_id,
                                              counted=set(snap.counts))
            rows = variance_rows(snap.counts, snap.ledger.expected, prices, rules=self.rules)
            return CountReview(snap.info, rows, uncounted, total, unknown_codes(snap.lines),
                               len(snap.lines))

    def sheet(self, session_id: int) -> CountSheet:
        """The printable summary (``drivers.printer.count_layout.layout_count``): a draft
        before posting; every product that differs, largest value first."""
        review = self.review(session_id)
        info = review.session
        differing = sorted((r for r in review.rows if r.variance),
                           key=lambda r: (-abs(r.value_price_fen), r.product_id))
        names = {p.product_id: p for p in (
            catalog.get_product(engine=self._engine, product_id=r.product_id)
            for r in differing) if p is not None}

        def qty(n: int, weighed: bool) -> str:
            return format_quantity(n, weighed=weighed)

        lines = tuple(CountSheetLine(
            names[r.product_id].sku if r.product_id in names else str(r.product_id),
            names[r.product_id].name if r.product_id in names else "",
            names[r.product_id].name_en if r.product_id in names else "",
            qty(r.expected, r.weighed), qty(r.counted or 0, r.weighed),
            ("+" if r.variance > 0 else "") + qty(r.variance, r.weighed),
            r.value_cost_fen, r.value_price_fen) for r in differing)
        s = self.store_info
        return CountSheet(
            store_name=s.store_name, store_code=s.store_code, terminal_code=s.terminal_code,
            session_uuid=info.session_uuid, scope_kind=info.scope.kind,
            scope_value=info.scope.value, blind=info.blind, state=info.state,
            opened_at=info.opened_at, opened_by=info.opened_by_name,
            approver=info.approver_name or "", posted_at=info.posted_at or "",
            lines=review.lines, products=len(review.rows), uncounted=review.uncounted_total,
            unknown_codes=len(review.unknown), value_cost_fen=review.value_cost_fen,
            value_price_fen=review.value_price_fen, differing=lines)

    def recount(self, session_id: int, product_ids: Sequence[int] | None = None) -> int:
        """Start a recount round of these products (default: the big variances); their
        earlier lines stop counting once recounted. Returns the round."""
        ids = list(product_ids) if product_ids is not None else self.review(session_id).big
        if not ids:
            raise PosError("count.nothing_to_recount", session_id=session_id)
        return store.start_recount(engine=self._engine, session_id=session_id,
                                   product_ids=ids)

    def approve(self, session_id: int, approval: Approval | None = None) -> None:
        """A manager's approval (``Permission.STOCK``, or a supervisor's for it)."""
        used = self._guard.authorize(Permission.STOCK, approval)
        info = self.session(session_id)
        if info.state == "posted":
            raise PosError("count.already_posted", session_id=session_id,
                           posted_at=info.posted_at or "")
        who_id, who_name = self._who()
        if used is not None:
            who_id, who_name = used.approver_id, used.approver_name
        store.set_state(engine=self._engine, session_id=session_id, state="approved",
                        approved_at=self._clock().isoformat(), approver_id=who_id,
                        approver_name=who_name)
        self._guard.note("count_approve", subject=info.session_uuid, approval=used)

    def reopen(self, session_id: int) -> None:
        """Back to counting after an approval (more lines to add)."""
        store.set_state(engine=self._engine, session_id=session_id, state="open",
                        approved_at=None, approver_id=None, approver_name=None)

    def post(self, session_id: int, approval: Approval | None = None) -> store.Posted:
        """Post the approved count: one adjustment movement per product that differs and
        one ``count.posted`` event, in one transaction (``count.already_posted`` twice)."""
        used = self._guard.authorize(Permission.STOCK, approval)
        who_id, who_name = self._who()
        posted = store.post(engine=self._engine, session_id=session_id,
                            store_code=self.store_info.store_code,
                            terminal_code=self.store_info.terminal_code,
                            posted_at=self._clock().isoformat(), staff_id=who_id,
                            staff_name=who_name)
        self._guard.note("count_post", subject=str(session_id), approval=used,
                         adjusted=posted.adjusted, net_delta=posted.net_delta)
        return posted
