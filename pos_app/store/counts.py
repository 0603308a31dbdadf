"""Stock counts: sessions, count lines, the review's figures and the posting.

- A count line is one insert; its ledger mark ``hwm`` is read in the same statement
  (``MAX(stock_movement.id)``: the last row of the primary key), so a sale committed before
  the line is below its mark and one committed after is above it.
- The expected quantity at a mark is the running balance minus the movements after the
  mark (few: only what sold since the count began), not a sum over the whole ledger.
- Posting writes the ``count`` adjustments, the ``count.posted`` event and the session's
  new state in one transaction; a posted session is read-only (``raw_sql.TRIGGERS``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, func, insert, select, update

from contract.protocol import payload_json
from contract.store_events import (
    COUNT_POSTED,
    CountedPayload,
    CountPostedPayload,
    UnknownCodePayload,
)
from pos_app.core.counting import (
    CountLine,
    CountScope,
    PricedProduct,
    ProductCount,
    posting,
    product_counts,
    unknown_codes,
)
from pos_app.core.errors import PosError
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import (
    count_line,
    count_session,
    product,
    stock_balance,
    stock_cloud,
    stock_movement,
)
from pos_app.store.outbox import append_event
from pos_app.store.stock import apply_movements

_s, _l, _m = count_session.c, count_line.c, stock_movement.c
HWM = select(func.coalesce(func.max(_m.id), 0)).scalar_subquery()
_INSERT_LINE = insert(count_line)
UNCOUNTED_LIMIT = 1000  # uncounted products listed for the review (all are counted)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A count session as stored."""

    session_id: int
    session_uuid: str
    scope: CountScope
    blind: bool
    state: str
    round: int
    recount: tuple[int, ...]
    opened_at: str
    open_hwm: int
    opened_by_name: str
    approver_id: str | None
    approver_name: str | None
    posted_at: str | None


def ledger_mark(conn: Connection) -> int:
    """The stock ledger's high-water mark: its last movement id (0: none yet)."""
    return int(conn.execute(select(HWM)).scalar_one())


def open_session(*, engine: Engine, session_uuid: str, store_code: str, scope: CountScope,
                 blind: bool, opened_at: str, opened_by_id: str = "",
                 opened_by_name: str = "") -> int:
    """Start a session; returns its id (the same id for the same uuid: retry-safe)."""
    with write_tx(engine) as conn:
        found = conn.execute(select(_s.id).where(_s.session_uuid == session_uuid)).scalar()
        if found is not None:
            return int(found)
        return int(conn.execute(insert(count_session).values(
            session_uuid=session_uuid, store_code=store_code, scope_kind=scope.kind,
            scope_value=scope.value, scope_products=json.dumps(list(scope.product_ids)),
            blind=blind, state="open", round=0, recount_products="[]", opened_at=opened_at,
            open_hwm=HWM,
            opened_by_id=opened_by_id, opened_by_name=opened_by_name)
            .returning(_s.id)).scalar_one())


def _info(r: Any) -> SessionInfo:
    products = tuple(json.loads(r.scope_products))
    return SessionInfo(r.id, r.session_uuid, CountScope(r.scope_kind, r.scope_value, products),
                       bool(r.blind), r.state, r.round, tuple(json.loads(r.recount_products)),
                       r.opened_at, r.open_hwm, r.opened_by_name, r.approver_id, r.approver_name,
                       r.posted_at)


def session_info(conn: Connection, session_id: int) -> SessionInfo:
    """A session (``count.no_such_session`` when there is none)."""
    r = conn.execute(select(count_session).where(_s.id == session_id)).first()
    if r is None:
        raise PosError("count.no_such_session", session_id=session_id)
    return _info(r)


def get_session(*, engine: Engine, session_id: int) -> SessionInfo:
    with read_tx(engine) as conn:
        return session_info(conn, session_id)


def sessions(*, engine: Engine, states: Iterable[str] = ("open", "approved")) -> list[SessionInfo]:
    """Sessions in these states, newest first."""
    with read_tx(engine) as conn:
        return [_info(r) for r in conn.execute(select(count_session).where(
            _s.state.in_(list(states))).order_by(_s.id.desc()))]


def add_line(conn: Connection, *, session_id: int, product_id: int | None, code: str,
             qty: int, counted_at: str, round: int = 0, counter_id: str = "",
             counter_name: str = "", device: str = "", location: str = "") -> None:
    """One count line at the ledger's mark now (one insert, in the caller's transaction)."""
    conn.execute(_INSERT_LINE.values(hwm=HWM), {
        "session_id": session_id, "product_id": product_id, "code": code, "qty": qty,
        "counted_at": counted_at, "round": round, "counter_id": counter_id,
        "counter_name": counter_name, "device": device, "location": location})


def add_lines(conn: Connection, *, session_id: int, lines: Sequence[CountLine]) -> None:
    """Lines whose marks are already known (an upload), in the caller's transaction."""
    conn.execute(_INSERT_LINE, [{
        "session_id": session_id, "product_id": ln.product_id, "code": ln.code,
        "qty": ln.qty, "hwm": ln.hwm, "round": ln.round, "counter_id": ln.counter_id,
        "counter_name": ln.counter_name, "device": ln.device, "location": ln.location,
        "counted_at": ln.counted_at} for ln in lines])


def mark_at(conn: Connection, at: str, *, open_hwm: int) -> int:
    """The mark of a line counted elsewhere at ``at`` (ISO text, as ``created_at``): the
    last movement written by then, never below the session's mark when it opened (the
    line was counted during the session) nor above the ledger's mark now."""
    by_time = int(conn.execute(select(func.coalesce(func.max(_m.id), 0)).where(
        _m.created_at <= at)).scalar_one())
    return max(open_hwm, by_time)


def lines_of(conn: Connection, session_id: int) -> list[CountLine]:
    """Every line of a session, in the order counted."""
    return [CountLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])
            for r in conn.execute(select(
                _l.product_id, _l.code, _l.qty, _l.hwm, _l.counter_id, _l.counter_name,
                _l.device, _l.location, _l.counted_at, _l.round)
                .where(_l.session_id == session_id).order_by(_l.id))]


class Ledger:
    """Expected quantities at marks, from one snapshot (``expected(product_id, hwm)``).

    A product whose store balance was pulled from the cloud (``stock_cloud``: every till's
    movements up to the last pull, ours up to ``basis_seq``) is expected at the store's
    quantity: that balance, less our movements in it that came after the mark, plus our
    movements up to the mark it did not hold yet (as ``sync_state.stock_view`` sees stock).
    Other tills' sales between the last pull and the mark are not known here: a till that
    pulls often keeps that window small (the cloud-side count is the full answer, see
    ``docs/internals.md``). Without a pulled balance: this till's ledger, its running
    balance less the movements after the mark.
    """

    def __init__(self, conn: Connection, product_ids: Iterable[int], low_mark: int) -> None:
        ids = list(product_ids)
        self.balance: dict[int, int] = {}
        self.cloud: dict[int, tuple[int, int]] = {}  # product → (on_hand, basis_seq)
        for chunk in range(0, len(ids), 20_000):
            part = ids[chunk:chunk + 20_000]
            self.balance.update(conn.execute(select(
                stock_balance.c.product_id, stock_balance.c.on_hand).where(
                stock_balance.c.product_id.in_(part))).all())
            for pid, on_hand, basis in conn.execute(select(
                    product.c.id, stock_cloud.c.on_hand, stock_cloud.c.basis_seq)
                    .join(stock_cloud, stock_cloud.c.sku == product.c.sku)
                    .where(product.c.id.in_(part))):
                self.cloud[pid] = (int(on_hand), int(basis))
        self.after: dict[int, list[tuple[int, int, int | None]]] = {}
        for mid, pid, delta, seq in conn.execute(select(
                _m.id, _m.product_id, _m.delta, _m.event_seq).where(_m.id > low_mark)):
            self.after.setdefault(pid, []).append((mid, delta, seq))
        self.unsynced: dict[int, list[tuple[int, int, int | None]]] = {}
        if self.cloud:
            low_basis = min(basis for _on_hand, basis in self.cloud.values())
            for mid, pid, delta, seq in conn.execute(select(
                    _m.id, _m.product_id, _m.delta, _m.event_seq).where(
                    _m.event_seq > low_basis, _m.id <= low_mark)):
                self.unsynced.setdefault(pid, []).append((mid, delta, seq))

    def expected(self, product_id: int, hwm: int) -> int:
        later = self.after.get(product_id, ())
        pulled = self.cloud.get(product_id)
        if pulled is None:
            return self.balance.get(product_id, 0) - sum(d for mid, d, _s in later if mid > hwm)
        on_hand, basis = pulled
        moves: list[tuple[int, int, int | None]] = [*self.unsynced.get(product_id, ()), *later]
        held_after = sum(d for mid, d, seq in moves
                         if mid > hwm and seq is not None and seq <= basis)
        missing_before = sum(d for mid, d, seq in moves
                             if mid <= hwm and seq is not None and seq > basis)
        return on_hand - held_after + missing_before


def priced(conn: Connection, product_ids: Iterable[int]) -> dict[int, PricedProduct]:
    """Cost and price of these products."""
    ids, out = list(product_ids), {}
    p = product.c
    for chunk in range(0, len(ids), 20_000):
        for pid, cost, price, weighed in conn.execute(select(
                p.id, p.cost_fen, p.price_fen, p.is_weighed).where(
                p.id.in_(ids[chunk:chunk + 20_000]))):
            out[pid] = PricedProduct(pid, cost, price, bool(weighed))
    return out


def skus(conn: Connection, product_ids: Iterable[int]) -> dict[int, str]:
    ids, out = list(product_ids), dict[int, str]()
    for chunk in range(0, len(ids), 20_000):
        out.update(conn.execute(select(product.c.id, product.c.sku).where(
            product.c.id.in_(ids[chunk:chunk + 20_000]))).all())
    return out


def in_scope(conn: Connection, scope: CountScope, *, session_id: int, counted: set[int],
             limit: int = UNCOUNTED_LIMIT) -> tuple[list[int], int]:
    """Active products of the scope nobody counted: the first ``limit`` ids, and how many
    (a zone is a label on lines, not on products: none)."""
    p = product.c
    if scope.kind == "zone":
        return [], 0
    if scope.kind == "products":
        left = [pid for pid in scope.product_ids if pid not in counted]
        return left[:limit], len(left)
    where: list[ColumnElement[bool]] = [p.active.is_(True)]
    if scope.kind == "category":
        where.append(p.category == scope.value)
    total = int(conn.execute(select(func.count()).select_from(product).where(*where))
                .scalar_one())
    done = int(conn.execute(select(func.count()).select_from(product).where(
        *where, p.id.in_(select(_l.product_id).distinct().where(
            _l.session_id == session_id, _l.product_id.is_not(None))))).scalar_one())
    ids: list[int] = []
    for (pid,) in conn.execute(select(p.id).where(*where).order_by(p.id)):
        if pid not in counted:
            ids.append(pid)
            if len(ids) >= limit:
                break
    return ids, total - done


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the review and the posting read in one transaction."""

    info: SessionInfo
    lines: list[CountLine]
    counts: dict[int, ProductCount]
    ledger: Ledger


def snapshot(conn: Connection, session_id: int) -> Snapshot:
    info = session_info(conn, session_id)
    lines = lines_of(conn, session_id)
    counts = product_counts(lines)
    low = min((c.hwm for c in counts.values()), default=0)
    return Snapshot(info, lines, counts, Ledger(conn, counts, low))


def set_state(*, engine: Engine, session_id: int, state: str, **values: Any) -> None:
    with write_tx(engine) as conn:
        _check_not_posted(conn, session_id)
        conn.execute(update(count_session).where(_s.id == session_id)
                     .values(state=state, **values))


def start_recount(*, engine: Engine, session_id: int, product_ids: Sequence[int]) -> int:
    """A new round for just these products (their earlier lines stop counting once the
    recount counts them); returns the round; the session is open again."""
    with write_tx(engine) as conn:
        info = _check_not_posted(conn, session_id)
        conn.execute(update(count_session).where(_s.id == session_id).values(
            round=info.round + 1, recount_products=json.dumps(sorted(set(product_ids))),
            state="open", approved_at=None, approver_id=None, approver_name=None))
        return info.round + 1


def _check_not_posted(conn: Connection, session_id: int) -> SessionInfo:
    info = session_info(conn, session_id)
    if info.state == "posted":
        raise PosError("count.already_posted", session_id=session_id,
                       posted_at=info.posted_at or "")
    return info


@dataclass(frozen=True, slots=True)
class Posted:
    """A posted count: its movements (non-zero adjustments) and event seq."""

    session_id: int
    adjusted: int
    products: int
    event_seq: int
    net_delta: int


def post(*, engine: Engine, session_id: int, store_code: str, terminal_code: str,
         posted_at: str, staff_id: str = "", staff_name: str = "") -> Posted:
    """Adjust the ledger to the count (``count`` movements), write ``count.posted`` and mark
    the session posted, in one transaction; ``count.already_posted`` the second time,
    ``count.not_approved`` before approval."""
    with write_tx(engine) as conn:
        info = _check_not_posted(conn, session_id)
        if info.state != "approved":
            raise PosError("count.not_approved", session_id=session_id)
        snap = snapshot(conn, session_id)
        rows = posting(snap.counts, snap.ledger.expected)
        sku_of = skus(conn, snap.counts)
        payload = CountPostedPayload(
            session_uuid=info.session_uuid, store_code=store_code,
            terminal_code=terminal_code, scope_kind=info.scope.kind,
            scope_value=info.scope.value, blind=info.blind, opened_at=info.opened_at,
            posted_at=posted_at, staff_id=staff_id, staff_name=staff_name,
            approver_id=info.approver_id, approver_name=info.approver_name,
            line_count=len(snap.lines),
            products=[CountedPayload(sku=sku_of[pid], counted=c, expected=e, delta=d,
                                     hwm=snap.counts[pid].hwm,
                                     counted_at=snap.counts[pid].counted_at)
                      for pid, c, e, d in rows],
            unknown=[UnknownCodePayload(code=code, qty=qty)
                     for code, qty in sorted(unknown_codes(snap.lines).items())])
        event = append_event(conn, store_code=store_code, terminal_code=terminal_code,
                             type=COUNT_POSTED, payload=payload_json(payload),
                             created_at=posted_at)
        moves = [(pid, d) for pid, _c, _e, d in rows if d]
        apply_movements(conn, moves, reason="count", created_at=posted_at,
                        event_seq=event.seq)
        conn.execute(update(count_session).where(_s.id == session_id).values(
            state="posted", posted_at=posted_at, event_seq=event.seq))
        return Posted(session_id, len(moves), len(rows), event.seq, sum(d for _p, d in moves))
