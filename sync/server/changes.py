"""Change streams for pulls: writers record changes, terminals read them by change seq.

Ordering guarantee: a terminal that saved cursor N never misses a change committed later with
a seq <= N. Seqs come from one counter row per stream (and store, for per-store streams),
incremented with ``UPDATE .. RETURNING`` just before commit. That row lock is held until the
transaction ends, so writers of one stream take their seqs one after the other and commit in
seq order: when a reader can see seq N, every smaller seq was committed before it. Writers
of *different* streams never wait for each other, and a push takes its counter locks last
(``flush`` at the end of the batch; a store's counters before the chain-wide ones, which
every push with a member shares), so the lock is held only for the final writes and the
commit. On SQLite the database write lock gives the same order.

The log is compacted per key: it keeps the latest change of each key with a fresh seq, so a
pull after N gets every key changed since N once, with its current data, and an initial pull
is the current state (deletes stay as tombstones).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, Connection, Text, bindparam, cast, func, select, true, update
from sqlalchemy.dialects import postgresql

from contract.protocol import STREAMS
from sync.server.db import insert_new, is_postgres, upsert
from sync.server.ledger_tables import change_counter, change_log
from sync.server.tables import CHAIN

# Per-store streams; the rest is chain-wide.
STORE_STREAMS = frozenset({"store", "staff", "stock", "expected_receipts"})


def scope(stream: str, store_id: int) -> int:
    """The ``store_id`` a stream's changes are kept under (``CHAIN`` for chain-wide ones)."""
    if stream not in STREAMS:
        raise ValueError(f"unknown stream {stream!r}")
    return store_id if stream in STORE_STREAMS else CHAIN


def to_json(data: Mapping[str, Any]) -> str:
    """Compact JSON as stored in the log and sent unchanged to terminals."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass
class ChangeSet:
    """Changes made in one transaction; ``flush`` writes them just before commit. The same
    key changed twice keeps the last change."""

    rows: dict[tuple[str, int, str], tuple[str, str | None]] = field(default_factory=dict)

    def upsert(self, stream: str, key: str, data: Mapping[str, Any], *,
               store_id: int = CHAIN) -> None:
        self.rows[(stream, scope(stream, store_id), key)] = ("upsert", to_json(data))

    def delete(self, stream: str, key: str, *, store_id: int = CHAIN) -> None:
        self.rows[(stream, scope(stream, store_id), key)] = ("delete", None)

    def __len__(self) -> int:
        return len(self.rows)


def take_seqs(conn: Connection, stream: str, store_id: int, n: int) -> int:
    """Reserve ``n`` seqs of a stream; returns the last one. Locks the counter row until the
    transaction ends (see the module docstring)."""
    insert_new(conn, change_counter, {"stream": stream, "store_id": store_id, "value": 0})
    return int(conn.execute(
        update(change_counter)
        .where(change_counter.c.stream == stream, change_counter.c.store_id == store_id)
        .values(value=change_counter.c.value + n)
        .returning(change_counter.c.value)
    ).scalar_one())


def _lock_order(group: tuple[str, int]) -> tuple[bool, str, int]:
    # Every writer takes the counters in this order, so none waits for another in a cycle:
    # a store's counters before the chain's, which every push with a member in it shares,
    # so that one is held only for its own writes and the commit.
    stream, store_id = group
    return store_id == CHAIN, stream, store_id


# PostgreSQL: the seqs taken and the changes written in one statement (one round trip while
# the counter is locked, however many keys changed). The counter is upserted: a missing one
# is made there, in lock order (a new key's second writer waits for the first to commit),
# so no read of the counters is needed first.
_n = bindparam("n", type_=BigInteger)
_counter = postgresql.insert(change_counter).values(
    stream=bindparam("stream"), store_id=bindparam("store_id"), value=_n)
_taken = _counter.on_conflict_do_update(
    index_elements=["stream", "store_id"],
    set_={"value": change_counter.c.value + _counter.excluded.value},
).returning(change_counter.c.value).cte("counter")
_items = (func.unnest(*(cast(bindparam(name), postgresql.ARRAY(Text))
                        for name in ("keys", "ops", "data")))
          .table_valued("key", "op", "data", with_ordinality="n").render_derived(name="u"))
_log = postgresql.insert(change_log).from_select(
    ["stream", "store_id", "key", "seq", "op", "data"],
    select(bindparam("stream"), bindparam("store_id"), _items.c.key,
           _taken.c.value - _n + _items.c.n, _items.c.op, _items.c.data)
    .select_from(_taken.join(_items, true())))  # the counter's one row with each item
_FLUSH_PG = _log.on_conflict_do_update(
    index_elements=["stream", "store_id", "key"],
    set_={"seq": _log.excluded.seq, "op": _log.excluded.op, "data": _log.excluded.data})


def flush(conn: Connection, changes: ChangeSet) -> None:
    """Write ``changes`` to the log (counters in a fixed order, so writers never deadlock)
    and empty the set."""
    groups: dict[tuple[str, int], list[tuple[str, str, str | None]]] = {}
    for (stream, store_id, key), (op, data) in changes.rows.items():
        groups.setdefault((stream, store_id), []).append((key, op, data))
    for (stream, store_id), items in sorted(groups.items(), key=lambda g: _lock_order(g[0])):
        items.sort()
        if is_postgres(conn):
            conn.execute(_FLUSH_PG, {
                "stream": stream, "store_id": store_id, "n": len(items),
                "keys": [k for k, _, _ in items], "ops": [op for _, op, _ in items],
                "data": [d for _, _, d in items]})
            continue
        last = take_seqs(conn, stream, store_id, len(items))
        first = last - len(items) + 1
        upsert(conn, change_log, [
            {"stream": stream, "store_id": store_id, "key": key, "seq": first + i, "op": op,
             "data": data} for i, (key, op, data) in enumerate(items)],
            keys=("stream", "store_id", "key"))
    changes.rows.clear()


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a stream as stored: (seq, key, op, data JSON text) rows."""

    rows: list[tuple[int, str, str, str | None]]
    next_after: int
    has_more: bool
    total: int | None


def read_page(conn: Connection, *, stream: str, store_id: int, after: int, limit: int,
              with_total: bool = False) -> Page:
    """Changes with seq > ``after`` in seq order (keyset pagination on the seq index)."""
    where = (change_log.c.stream == stream, change_log.c.store_id == scope(stream, store_id))
    rows = [(int(r[0]), r[1], r[2], r[3]) for r in conn.execute(
        select(change_log.c.seq, change_log.c.key, change_log.c.op, change_log.c.data)
        .where(*where, change_log.c.seq > after)
        .order_by(change_log.c.seq).limit(limit + 1))]
    has_more = len(rows) > limit
    rows = rows[:limit]
    total = None
    if with_total:
        total = len(rows) if not has_more else int(conn.execute(
            select(func.count()).select_from(change_log)
            .where(*where, change_log.c.seq > after)).scalar_one())
    return Page(rows, rows[-1][0] if rows else after, has_more, total)


def page_json(stream: str, page: Page, *, reset: bool) -> bytes:
    """The ``PullPage`` JSON of ``page``: stored data is spliced in without decoding it
    (a million-product catalog is pulled without parsing a million dicts)."""
    changes = ",".join(
        f'{{"seq":{seq},"key":{json.dumps(key, ensure_ascii=False)},"op":"{op}",'
        f'"data":{data if data is not None else "null"}}}' for seq, key, op, data in page.rows)
    total = "null" if page.total is None else str(page.total)
    return (f'{{"stream":"{stream}","changes":[{changes}],"next_after":{page.next_after},'
            f'"has_more":{json.dumps(page.has_more)},"reset":{json.dumps(reset)},'
            f'"total":{total}}}').encode()
