"""One push batch in progress: what its events changed, and the balances settled at its end.

Balances are updated once per batch, in key order (members by id, then stock by SKU), after
every event was recorded: two batches touching the same rows lock them in the same order,
so they queue instead of deadlocking, and each row is written once per batch. Stock comes
last because its rows are the contended ones (every till of a store sells the same SKUs):
a batch holding them has no other row lock left to wait for, only its final writes and the
commit, so the store's other batches queue behind it briefly, and never behind a wait for a
member row that a batch of another store holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Table,
    Text,
    bindparam,
    cast,
    func,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.auth import Caller
from sync.server.bounds import MAX_BALANCE, recorded_earnable, top_multiplier_bp
from sync.server.changes import ChangeSet
from sync.server.db import among, insert_rows, is_postgres
from sync.server.flags import (
    NEGATIVE_STOCK,
    POINTS_MEMBER_UNKNOWN,
    POINTS_OVERDRAWN,
    add_flags,
    flag_row,
)
from sync.server.ledger_tables import audit_entry, points_entry, sale, sale_return, stock_balance
from sync.server.lookup import lookup_secret, member_data
from sync.server.tables import member, metadata


class BalanceOutOfBounds(Exception):
    """A batch would take a balance beyond ``bounds.MAX_BALANCE``: its settlement is rolled
    back and its events are applied one by one, so the culprit is quarantined alone."""


@dataclass(frozen=True, slots=True)
class BatchMemo:
    sales: set[str]
    entries: set[str]
    audits: set[str]
    returns: set[str]
    earnable: dict[str, int]
    changes: dict[tuple[str, int, str], tuple[str, str | None]]


@dataclass
class Batch:
    """The state of one push transaction."""

    conn: Connection
    caller: Caller
    received_at: datetime
    changes: ChangeSet = field(default_factory=ChangeSet)
    stock: dict[str, int] = field(default_factory=dict)  # sku → delta
    points: dict[str, int] = field(default_factory=dict)  # member_id → delta
    redeemed: set[str] = field(default_factory=set)  # members with a redemption
    sales: set[str] = field(default_factory=set)  # sale uuids recorded (before or now)
    entries: set[str] = field(default_factory=set)  # points entry uuids recorded
    audits: set[str] = field(default_factory=set)  # audit entry uuids recorded (this store)
    returns: set[str] = field(default_factory=set)  # return uuids recorded (this store)
    earnable: dict[str, int] = field(default_factory=dict)  # sale uuid → earnable fen
    rows: dict[Table, list[dict[str, Any]]] = field(default_factory=dict)
    flags: list[dict[str, Any]] = field(default_factory=list)
    _secret: bytes | None = None
    _multiplier_bp: int | None = None

    def lookup_secret(self) -> bytes:
        """The chain's member lookup secret (read once per batch; made on first use)."""
        if self._secret is None:
            self._secret = lookup_secret(self.conn, now=self.received_at,
                                         changes=self.changes)
        return self._secret

    def preload(self, *, sale_uuids: Iterable[str], entry_uuids: Iterable[str],
                earn_sale_uuids: Iterable[str] = (), audit_uuids: Iterable[str] = (),
                return_uuids: Iterable[str] = ()) -> None:
        """Learn which of these sales, points entries, audit entries and returns are already
        recorded, and what the recorded sales that earn entries name could earn (one query
        each instead of one per event)."""
        sale_uuids, entry_uuids = list(set(sale_uuids)), list(set(entry_uuids))
        audit_uuids, return_uuids = list(set(audit_uuids)), list(set(return_uuids))
        self.earnable.update(recorded_earnable(self.conn, store_id=self.caller.store_id,
                                               sale_uuids=earn_sale_uuids))
        if sale_uuids:
            self.sales.update(self.conn.execute(select(sale.c.sale_uuid).where(
                sale.c.store_id == self.caller.store_id,
                among(self.conn, sale.c.sale_uuid, sale_uuids))).scalars())
        if entry_uuids:
            self.entries.update(self.conn.execute(select(points_entry.c.entry_uuid).where(
                among(self.conn, points_entry.c.entry_uuid, entry_uuids))).scalars())
        if audit_uuids:
            self.audits.update(self.conn.execute(select(audit_entry.c.entry_uuid).where(
                audit_entry.c.store_id == self.caller.store_id,
                among(self.conn, audit_entry.c.entry_uuid, audit_uuids))).scalars())
        if return_uuids:
            self.returns.update(self.conn.execute(select(sale_return.c.return_uuid).where(
                sale_return.c.store_id == self.caller.store_id,
                among(self.conn, sale_return.c.return_uuid, return_uuids))).scalars())

    @property
    def multiplier_bp(self) -> int:
        """The chain's top tier × top points event (read once per batch, when needed)."""
        if self._multiplier_bp is None:
            self._multiplier_bp = top_multiplier_bp(self.conn)
        return self._multiplier_bp

    def snapshot(self) -> BatchMemo:
        """What the in-memory state is now, to go back to when an event's savepoint rolls
        back (the queues are empty between settlements)."""
        return BatchMemo(set(self.sales), set(self.entries), set(self.audits),
                         set(self.returns), dict(self.earnable), dict(self.changes.rows))

    def restore(self, memo: BatchMemo) -> None:
        """Forget everything queued since ``memo`` (its writes were rolled back)."""
        self.sales, self.entries = set(memo.sales), set(memo.entries)
        self.audits, self.returns = set(memo.audits), set(memo.returns)
        self.earnable = dict(memo.earnable)
        self.changes.rows = dict(memo.changes)
        for queue in (self.stock, self.points, self.rows):
            queue.clear()
        self.redeemed.clear()
        self.flags.clear()
        self._secret = None  # it may have been made in the rolled-back writes: read again

    def insert(self, table: Table, *rows: dict[str, Any]) -> None:
        """Queue rows to insert at the end of the batch (one statement per table)."""
        self.rows.setdefault(table, []).extend(rows)

    def flag(self, kind: str, subject: str, *, open_key: str | None = None,
             **detail: Any) -> None:
        """Queue a flag for HQ (written by ``settle``)."""
        self.flags.append(flag_row(store_id=self.caller.store_id, kind=kind, subject=subject,
                                   at=self.received_at, open_key=open_key, **detail))

    def move_stock(self, sku: str, delta: int) -> None:
        self.stock[sku] = self.stock.get(sku, 0) + delta

    def move_points(self, member_id: str, points: int) -> None:
        self.points[member_id] = self.points.get(member_id, 0) + points
        if points < 0:
            self.redeemed.add(member_id)


def _outward(balance: int | float, delta: int) -> bool:
    """Whether ``delta`` took ``balance`` beyond its bounds (or further beyond them: a
    delta back towards zero always passes, so a damaged balance can be repaired)."""
    return abs(balance) > MAX_BALANCE and delta != 0 and (balance > 0) == (delta > 0)


# PostgreSQL: the whole batch's stock deltas in one statement of fixed text (its arrays are
# parameters); the rows come out of unnest in SKU order and are inserted (locked) in that
# order.
_deltas = (func.unnest(cast(bindparam("skus"), postgresql.ARRAY(Text)),
                       cast(bindparam("deltas"), postgresql.ARRAY(BigInteger)))
           .table_valued("sku", "delta", with_ordinality="n").render_derived(name="u"))
_add_pg = postgresql.insert(stock_balance).from_select(
    ["store_id", "sku", "on_hand", "updated_at"],
    select(bindparam("store_id"), _deltas.c.sku, _deltas.c.delta,
           bindparam("at", type_=stock_balance.c.updated_at.type)).order_by(_deltas.c.n))
_ADD_STOCK_PG = _add_pg.on_conflict_do_update(
    index_elements=["store_id", "sku"],
    set_={"on_hand": stock_balance.c.on_hand + _add_pg.excluded.on_hand,
          "updated_at": _add_pg.excluded.updated_at},
).returning(stock_balance.c.sku, stock_balance.c.on_hand)


def _add_stock(batch: Batch, items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Add the deltas to the store's balances; (sku, new balance) of each."""
    store_id = batch.caller.store_id
    if is_postgres(batch.conn):
        return [(sku, int(on_hand)) for sku, on_hand in batch.conn.execute(_ADD_STOCK_PG, {
            "store_id": store_id, "at": batch.received_at, "skus": [sku for sku, _ in items],
            "deltas": [delta for _, delta in items]})]
    upsert = sqlite.insert(stock_balance)
    stmt = upsert.on_conflict_do_update(
        index_elements=["store_id", "sku"],
        set_={"on_hand": stock_balance.c.on_hand + upsert.excluded.on_hand,
              "updated_at": upsert.excluded.updated_at},
    ).returning(stock_balance.c.sku, stock_balance.c.on_hand, sort_by_parameter_order=True)
    rows = [{"store_id": store_id, "sku": sku, "on_hand": delta,
             "updated_at": batch.received_at} for sku, delta in items]
    return [(sku, on_hand) for sku, on_hand in batch.conn.execute(stmt, rows)]


def _settle_stock(batch: Batch) -> None:
    if not batch.stock:
        return
    store_id = batch.caller.store_id
    settled = _add_stock(batch, sorted(batch.stock.items()))  # one order: no deadlocks
    if any(_outward(on_hand, batch.stock[sku]) for sku, on_hand in settled):
        raise BalanceOutOfBounds("stock")
    for sku, on_hand in sorted(settled):
        batch.changes.upsert("stock", sku, {"on_hand": int(on_hand)}, store_id=store_id)
        if on_hand < 0 and batch.stock[sku] < 0:
            batch.flag(NEGATIVE_STOCK, sku, on_hand=int(on_hand),
                       terminal=batch.caller.terminal_code)


_ADD_POINTS = (update(member).where(member.c.member_id == bindparam("m_id"))
               .values(points_balance=member.c.points_balance + bindparam("m_delta"),
                       updated_at=bindparam("m_at")))


def _add_points(batch: Batch, items: list[tuple[str, int]]) -> dict[str, Any]:
    """Add the deltas to the members' balances; the updated member rows by id (members not
    found are missing)."""
    ids = [m for m, _ in items]
    if is_postgres(batch.conn):
        # Locked in id order first (an UPDATE .. FROM locks in its join's order), then
        # updated in one statement.
        batch.conn.execute(select(member.c.member_id).where(
            among(batch.conn, member.c.member_id, ids))
            .order_by(member.c.member_id).with_for_update())
        deltas = func.unnest(cast(bindparam("ids", ids), postgresql.ARRAY(Text)),
                             cast(bindparam("deltas", [d for _, d in items]),
                                  postgresql.ARRAY(BigInteger))
                             ).table_valued("id", "delta").render_derived()
        stmt = (update(member).where(member.c.member_id == deltas.c.id)
                .values(points_balance=member.c.points_balance + deltas.c.delta,
                        updated_at=batch.received_at)
                .returning(*member.c))
        return {r["member_id"]: r for r in batch.conn.execute(stmt).mappings()}
    batch.conn.execute(_ADD_POINTS, [{"m_id": m, "m_delta": d, "m_at": batch.received_at}
                                     for m, d in items])
    return {r["member_id"]: r for r in batch.conn.execute(
        select(member).where(member.c.member_id.in_(ids))).mappings()}


def _settle_points(batch: Batch) -> None:
    if not batch.points:
        return
    items = sorted(batch.points.items())  # one order for every batch: no deadlocks
    found = _add_points(batch, items)
    if any(_outward(r["points_balance"], batch.points[m]) for m, r in found.items()):
        raise BalanceOutOfBounds("points")
    for member_id, delta in items:
        row = found.get(member_id)
        if row is None:
            # Kept in the ledger: the member's balance includes it once the sign-up arrives.
            batch.flag(POINTS_MEMBER_UNKNOWN, member_id, points=delta)
            continue
        batch.changes.upsert("members", member_id, member_data(row, batch.lookup_secret()))
        if row["points_balance"] < 0 and member_id in batch.redeemed:
            batch.flag(POINTS_OVERDRAWN, member_id, balance=int(row["points_balance"]),
                       terminal=batch.caller.terminal_code)


def settle(batch: Batch) -> None:
    """Write the queued rows, apply the batch's points and stock deltas to the balances,
    and write the flags (what went below zero...), queueing the stream changes; empties
    the queues. ``BalanceOutOfBounds`` (or a database error) leaves the caller to roll
    back to its savepoint."""
    for table in metadata.sorted_tables:  # parents before children
        if batch.rows.get(table):
            insert_rows(batch.conn, table, batch.rows.pop(table))
    _settle_points(batch)
    _settle_stock(batch)  # last: see the module docstring
    add_flags(batch.conn, batch.flags)
    batch.flags.clear()
    batch.stock.clear()
    batch.points.clear()
    batch.redeemed.clear()


def ledger_points(conn: Connection, member_id: str) -> int:
    """Σ of a member's ledger entries (the balance of a member created after them)."""
    return int(conn.execute(select(func.coalesce(func.sum(points_entry.c.points), 0))
                            .where(points_entry.c.member_id == member_id)).scalar_one())
