"""Helpers for the ledger scenarios (``tests/sync/test_scenarios_ledgers.py``).

- ``CloudTemplate`` / ``CloudDb``: a migrated cloud database seeded with the demo chain once
  per session (a SQLite file, or a throwaway PostgreSQL database), copied for each test
  (file copy / ``CREATE DATABASE .. TEMPLATE``), with snapshot and restore for "the server
  database was restored to an earlier point".
- ``Till``: a real terminal — its own SQLite database (a copy of the demo till), the real
  ``CheckoutService`` and ``SyncClient`` over real HTTP to the real ``pos-cloud serve``
  process — with a network switch (offline = connection refused) and an injectable clock.
- ``ledger_problems`` / ``terminal_view_problems``: the invariants, worked out from the
  cloud's tables and the terminals' outboxes independently (the cloud's own ``verify`` is
  not trusted to check itself).
- ``chaos_client``: the ``--client-factory`` of the chaos terminals (short retries).

No pytest here: ``chaos_client`` is imported by the terminal worker processes.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

from sync.client import RetryPolicy, SyncClient

CST = timezone(timedelta(hours=8))  # the stores' local time
STORE = "S001"  # the demo chain's store (sync.server.seed)
COKE = "6901000000004"  # demo SKU 010001, ¥3.50
COKE_SKU = "010001"
SPRITE = "6911001079190"  # 010002
DUMPLINGS = "6931117265232"  # 030022, ¥36.90, no promotion
DUMPLINGS_SKU = "030022"
GOLD_CARD = "8800000001"  # M-DEMO-1, 3,200 points in the demo
FAST_RETRY = RetryPolicy(attempts=3, initial_s=0.01, max_s=0.05, jitter_s=0.01)
CHAOS_RETRY = RetryPolicy(attempts=4, initial_s=0.02, max_s=0.25, jitter_s=0.05)


def local_now() -> datetime:
    """The till's clock: now, in the store's offset."""
    return datetime.now(CST)


def skewed_clock(offset: timedelta) -> Callable[[], datetime]:
    """A till clock ``offset`` off the true time (e.g. a day ahead)."""
    return lambda: datetime.now(CST) + offset


def chaos_client(**kwargs: Any) -> SyncClient:
    """The chaos terminals' sync client: the real one, with short retries and timeouts so a
    bounded run drains under faults (``terminal_worker --client-factory``)."""
    return SyncClient(**kwargs, retry=CHAOS_RETRY, timeout_s=4.0, batch=50)


# ---- cloud databases ------------------------------------------------------------------------


def _pg_admin() -> Any:
    """An autocommit connection to the PostgreSQL maintenance database (fails loudly)."""
    import psycopg

    from sync.testing.postgres import PostgresUnavailable, server_url

    last = ""
    for name in ("postgres", "test"):
        try:
            return psycopg.connect(f"{server_url()}/{name}", autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as exc:
            last = str(exc).strip()
    raise PostgresUnavailable(f"PostgreSQL at {server_url()} is unreachable: {last}")


def _pg_name() -> str:
    # The pattern of sync.testing.postgres, so drop_leftover_databases finds ours too.
    return f"pos_t_{os.getpid()}_{uuid.uuid4().hex[:10]}"


def _pg_url(name: str) -> str:
    from sync.testing.postgres import server_url

    return server_url().replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name


def _pg_copy(source: str, target: str, *, timeout_s: float = 15.0) -> None:
    """``CREATE DATABASE target TEMPLATE source``; waits for the source's last sessions (a
    server that just stopped) to go away."""
    import psycopg

    deadline = time.monotonic() + timeout_s
    with _pg_admin() as conn:
        while True:
            try:
                conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
                return
            except psycopg.errors.ObjectInUse:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # ok: PostgreSQL still holds the template; retry the CREATE


def _pg_drop(name: str) -> None:
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _db_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


@dataclass
class CloudTemplate:
    """A migrated cloud database with the demo chain (store S001, its catalog, opening
    stock, members, promotions, wallet and the demo key), made once per session."""

    backend: str
    url: str
    seeded_at: datetime
    workdir: Path

    @classmethod
    def create(cls, backend: str, workdir: Path) -> CloudTemplate:
        from sync.server.db import migrate, open_engine
        from sync.server.seed import seed_demo

        workdir.mkdir(parents=True, exist_ok=True)
        if backend == "sqlite":
            url = f"sqlite:///{workdir / 'template.db'}"
        else:
            name = _pg_name()
            with _pg_admin() as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            url = _pg_url(name)
        now = datetime.now(UTC).replace(microsecond=0)
        engine = open_engine(url, pool_size=1)
        try:
            migrate(engine)
            seed_demo(engine, now=now)
            if backend == "sqlite":
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        return cls(backend, url, now, workdir)

    def copy(self, directory: Path) -> CloudDb:
        """A fresh copy for one test."""
        directory.mkdir(parents=True, exist_ok=True)
        if self.backend == "sqlite":
            path = directory / "cloud.db"
            shutil.copyfile(self.url.removeprefix("sqlite:///"), path)
            return CloudDb(self.backend, f"sqlite:///{path}", directory)
        name = _pg_name()
        _pg_copy(_db_name(self.url), name)
        return CloudDb(self.backend, _pg_url(name), directory)

    def drop(self) -> None:
        if self.backend == "postgres":
            _pg_drop(_db_name(self.url))


@dataclass
class CloudDb:
    """One test's cloud database; ``engine`` reads it (and writes HQ data) from the test."""

    backend: str
    url: str
    directory: Path
    snapshots: list[str] = field(default_factory=list)
    _engine: Any = None

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from sync.server.db import open_engine

            self._engine = open_engine(self.url, pool_size=2)
        return self._engine

    def release(self) -> None:
        """Close the test's own connections (before a snapshot, restore or drop)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @property
    def path(self) -> Path:
        return Path(self.url.removeprefix("sqlite:///"))

    def snapshot(self) -> str:
        """A copy of the database as it is now (the server must be stopped): a file made with
        SQLite's backup API (WAL included), or a PostgreSQL database made from this one."""
        self.release()
        if self.backend == "sqlite":
            target = self.directory / f"snapshot-{len(self.snapshots) + 1}.db"
            src, dst = sqlite3.connect(self.path), sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                src.close()
                dst.close()
            self.snapshots.append(str(target))
            return str(target)
        name = _pg_name()
        _pg_copy(_db_name(self.url), name)
        self.snapshots.append(name)
        return name

    def restore(self, snapshot: str) -> None:
        """Put the database back as it was at ``snapshot`` (the server must be stopped)."""
        self.release()
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(snapshot, self.path)
            return
        live = _db_name(self.url)
        _pg_drop(live)
        _pg_copy(snapshot, live)

    def drop(self) -> None:
        self.release()
        if self.backend == "postgres":
            for name in [_db_name(self.url), *self.snapshots]:
                _pg_drop(name)


# ---- HQ actions on the cloud (the admin paths, in the test process) -----------------------


def store_id(cloud: CloudDb, code: str = STORE) -> int:
    from sqlalchemy import select

    from sync.server.tables import store

    with cloud.engine.connect() as conn:
        return int(conn.execute(select(store.c.id).where(store.c.code == code)).scalar_one())


def set_stock(cloud: CloudDb, sku: str, on_hand: int, *, store_code: str = STORE) -> None:
    """HQ counts ``sku`` at ``on_hand``: a stock movement by the difference (admin path)."""
    from sqlalchemy import select

    from sync.server.catalog import add_stock
    from sync.server.db import write_tx
    from sync.server.ledger_tables import stock_balance

    sid = store_id(cloud, store_code)
    with write_tx(cloud.engine) as conn:
        now = conn.execute(select(stock_balance.c.on_hand).where(
            stock_balance.c.store_id == sid, stock_balance.c.sku == sku)).scalar() or 0
        add_stock(conn, store_id=sid, moves=[(sku, on_hand - int(now))], reason="count",
                  now=datetime.now(UTC))


def enroll_code(cloud: CloudDb, store_code: str = STORE) -> str:
    from sync.server.enroll import create_enrollment_code

    return create_enrollment_code(cloud.engine, store_code=store_code, now=datetime.now(UTC))


# ---- terminals ------------------------------------------------------------------------------


class Network(httpx.BaseTransport):
    """The till's network: ``online = False`` refuses every connection (a cable pulled)."""

    def __init__(self) -> None:
        self.online = True
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self.online:
            raise httpx.ConnectError("network unplugged (test)", request=request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def prepare_terminal_db(template: Path, path: Path, *, store_code: str,
                        terminal_code: str) -> Path:
    """A copy of the demo till's database configured as ``store_code``/``terminal_code``."""
    from contract.demo import DEMO_STORE
    from pos_app.store import db as terminal_db
    from pos_app.store import terminal

    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    engine = terminal_db.open_database(path)
    try:
        terminal.set_store_info(engine=engine, info=replace(
            DEMO_STORE, store_code=store_code, terminal_code=terminal_code))
    finally:
        engine.dispose()
    return path


def enroll_credential(base_url: str, code: str, terminal_code: str) -> Any:
    """Enroll over HTTP with a one-time code; the ``EnrollResponse``."""
    from contract.protocol import EnrollRequest
    from sync.client import enroll

    return enroll(base_url, EnrollRequest(enrollment_code=code, terminal_code=terminal_code,
                                          device_name="ledger test"))


def save_worker_credential(path: Path, base_url: str, answer: Any) -> Path:
    """The credential file a ``terminal_worker`` reads (the till's own format, 0600)."""
    from sync.client_credential import Credential, save_credential

    save_credential(path, Credential(
        url=base_url, store_code=answer.store_code, store_name=answer.store_name,
        terminal_code=answer.terminal_code, terminal_id=answer.terminal_id,
        credential=answer.credential))
    return path


class Till:
    """A real terminal in the test process: database, checkout, sync client over HTTP."""

    def __init__(self, *, template: Path, directory: Path, base_url: str, cloud: CloudDb,
                 terminal_code: str, store_code: str = STORE,
                 clock: Callable[[], datetime] = local_now, **client_options: Any) -> None:
        from pos_app.services.checkout import CheckoutService
        from pos_app.store import db as terminal_db
        from pos_app.store import terminal

        self.code = terminal_code
        self.store_code = store_code
        self.clock = clock
        self.path = prepare_terminal_db(template, directory / f"{terminal_code}.db",
                                        store_code=store_code, terminal_code=terminal_code)
        self.engine = terminal_db.open_database(self.path)
        answer = enroll_credential(base_url, enroll_code(cloud, store_code), terminal_code)
        self.terminal_id = answer.terminal_id
        self.net = Network()
        self.client = SyncClient(
            base_url=base_url, credential=answer.credential, store_code=store_code,
            terminal_code=terminal_code, engine=self.engine, transport=self.net,
            retry=FAST_RETRY, clock=clock, timeout_s=15.0, **client_options)
        self.checkout = CheckoutService(
            engine=self.engine, store_info=terminal.get_store_info(engine=self.engine),
            cashier=f"cashier-{terminal_code}", clock=clock)

    def sell(self, *codes: str, member: str | None = None, coupon: str | None = None,
             points: int = 0) -> str:
        """Ring up and complete a cash sale (member card, coupon, points as asked); returns
        its sale uuid. Raises when a scan is refused."""
        from pos_app.core.money import Money

        co = self.checkout
        sale_uuid = co.sale.sale_uuid
        scans = ([member] if member else []) + list(codes) + ([coupon] if coupon else [])
        for code in scans:
            outcome = co.scan(code)
            if outcome.status not in ("added", "member", "coupon"):
                raise AssertionError(f"{self.code}: scan {code[:24]} → {outcome.status} "
                                     f"{outcome.key} {outcome.data}")
        if points:
            co.pay_points(points)
        co.add_tender("cash", Money(co.current().payment.remaining.fen))
        co.complete()
        return sale_uuid

    def sync(self, *, verify: bool = True) -> Any:
        """One whole sync (hello, push, pull, verify); reloads loyalty reference data."""
        report = self.client.sync_once(verify=verify)
        self.checkout.loyalty.reload()
        return report

    def outbox(self) -> list[OutboxRow]:
        return read_outbox(self.path, self.code)

    def close(self) -> None:
        self.client.close()
        self.engine.dispose()


# ---- reading both sides -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One event of a terminal's outbox, as the terminal keeps it."""

    event_uuid: str
    seq: int
    type: str
    created_at: str
    payload: dict[str, Any]
    acked: bool


def read_outbox(db: Path, terminal_code: str | None = None) -> list[OutboxRow]:
    """Every event of a terminal database's outbox, in seq order (read only)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        sql = ("SELECT event_uuid, seq, type, created_at, payload, acked_at, terminal_code "
               "FROM outbox_event ORDER BY seq")
        return [OutboxRow(str(r[0]), int(r[1]), str(r[2]), str(r[3]), json.loads(r[4]),
                          r[5] is not None)
                for r in conn.execute(sql) if terminal_code in (None, r[6])]
    finally:
        conn.close()


def cloud_rows(cloud: CloudDb, sql: str, **params: Any) -> list[Any]:
    """Rows of a raw query on the cloud database."""
    from sqlalchemy import text

    with cloud.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


def flags(cloud: CloudDb, kind: str) -> list[dict[str, Any]]:
    """The cloud's flags of ``kind``: subject and detail."""
    return [{"subject": r[0], **json.loads(r[1])} for r in cloud_rows(
        cloud, "SELECT subject, detail FROM flag WHERE kind = :k ORDER BY created_at",
        k=kind)]


def terminal_codes(cloud: CloudDb, sid: int) -> dict[str, str]:
    """terminal_id → code of a store's terminals."""
    return {r[0]: r[1] for r in cloud_rows(
        cloud, "SELECT terminal_id, code FROM terminal WHERE store_id = :s", s=sid)}


def _diff(name: str, ours: Mapping[Any, Any], theirs: Mapping[Any, Any],
          zero: Any = 0) -> list[str]:
    out = []
    for key in sorted(set(ours) | set(theirs), key=str):
        a, b = ours.get(key, zero), theirs.get(key, zero)
        if a != b:
            out.append(f"{name} {key}: cloud {a} != expected {b}")
    return out


def outbox_stock(events: Iterable[OutboxRow]) -> dict[str, int]:
    """sku → stock moved by these events (sales move −qty per line; movements their delta)."""
    from contract.protocol import SALE_COMPLETED, STOCK_MOVEMENT

    moved: dict[str, int] = defaultdict(int)
    for e in events:
        if e.type == SALE_COMPLETED:
            for line in e.payload.get("lines", []):
                moved[line["sku"]] -= int(line["qty"])
        elif e.type == STOCK_MOVEMENT:
            moved[e.payload["sku"]] += int(e.payload["delta"])
    return dict(moved)


def outbox_points(events: Iterable[OutboxRow]) -> dict[str, int]:
    """member_id → Σ points entries of these events."""
    from contract.protocol import POINTS_TRANSACTION

    points: dict[str, int] = defaultdict(int)
    for e in events:
        if e.type == POINTS_TRANSACTION:
            points[e.payload["member_id"]] += int(e.payload["points"])
    return dict(points)


def ledger_problems(cloud: CloudDb, outboxes: Mapping[str, Sequence[OutboxRow]], *,
                    store_code: str = STORE, allow_quarantined: bool = False) -> list[str]:
    """What does not add up between the cloud and the terminals' outboxes (``terminal code →
    events``: every terminal of the store that pushed anything). Checked independently:

    - the cloud's event ids of the store == the union of the outboxes' (per terminal too);
    - no event quarantined (unless allowed);
    - stock per SKU: the balance == Σ the store's movements == HQ's own movements (opening,
      counts) + Σ what the terminals' events moved;
    - points per member: the balance == opening + Σ ledger entries == opening + Σ the
      terminals' points events (members the terminals touched);
    - sales per terminal per business day: count and total of completed sales, voided count
      (the cloud's ``sale`` table) == ``contract.summary.summarize`` over the outbox, and the
      whole day summary of the cloud's recorded events == the outbox's.
    """
    from contract.summary import summarize

    sid = store_id(cloud, store_code)
    codes = terminal_codes(cloud, sid)
    ids = {v: k for k, v in codes.items() if v in outboxes}
    problems: list[str] = []

    # Event ids, per terminal and in all.
    recorded: dict[str, set[str]] = defaultdict(set)
    statuses: dict[str, int] = defaultdict(int)
    for uuid_, tid, status in cloud_rows(
            cloud, "SELECT event_uuid, terminal_id, status FROM applied_event "
            "WHERE store_id = :s", s=sid):
        recorded[codes.get(tid, tid)].add(str(uuid_))
        statuses[status] += 1
    for code in sorted(set(recorded) | set(outboxes)):
        ours = {e.event_uuid for e in outboxes.get(code, [])}
        theirs = recorded.get(code, set())
        if ours != theirs:
            problems.append(f"events of {code}: {len(theirs - ours)} on the cloud only, "
                            f"{len(ours - theirs)} on the terminal only "
                            f"(e.g. {sorted(ours ^ theirs)[:3]})")
    if statuses.get("quarantined") and not allow_quarantined:
        problems.append(f"{statuses['quarantined']} events quarantined")
    everything = [e for events in outboxes.values() for e in events]

    # Stock per SKU.
    balance = {r[0]: int(r[1]) for r in cloud_rows(
        cloud, "SELECT sku, on_hand FROM stock_balance WHERE store_id = :s", s=sid)}
    movements: dict[str, int] = defaultdict(int)
    hq: dict[str, int] = defaultdict(int)
    for sku, terminal_id, delta in cloud_rows(
            cloud, "SELECT sku, terminal_id, delta FROM stock_movement WHERE store_id = :s",
            s=sid):
        movements[sku] += int(delta)
        if not terminal_id:
            hq[sku] += int(delta)
    problems += _diff("stock balance vs Σ movements", balance, movements)
    expected = dict(hq)
    for sku, delta in outbox_stock(everything).items():
        expected[sku] = expected.get(sku, 0) + delta
    problems += _diff("stock balance vs opening + Σ terminal events", balance, expected)

    # Points per member.
    touched = outbox_points(everything)
    members = {r[0]: (int(r[1]), int(r[2])) for r in cloud_rows(
        cloud, "SELECT member_id, opening_points, points_balance FROM member")}
    entries: dict[str, int] = defaultdict(int)
    for member_id, points in cloud_rows(cloud, "SELECT member_id, points FROM points_entry"):
        entries[member_id] += int(points)
    for member_id, (opening, bal) in sorted(members.items()):
        if bal != opening + entries.get(member_id, 0):
            problems.append(f"points of {member_id}: balance {bal} != opening {opening} + "
                            f"Σ entries {entries.get(member_id, 0)}")
    for member_id, points in sorted(touched.items()):
        if member_id in members and entries.get(member_id, 0) != points:
            problems.append(f"points of {member_id}: Σ cloud entries "
                            f"{entries.get(member_id, 0)} != Σ terminal events {points}")

    # Sales per terminal per business day, and the whole day summaries.
    sales: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for tid, day, state, total in cloud_rows(
            cloud, "SELECT terminal_id, business_date, state, total_fen FROM sale "
            "WHERE store_id = :s", s=sid):
        row = sales[(codes.get(tid, tid), day)]
        if state == "completed":
            row[0] += 1
            row[1] += int(total)
        else:
            row[2] += 1
    expected_sales: dict[tuple[str, str], list[int]] = {}
    for code, events in outboxes.items():
        for d in summarize((e.type, e.created_at, e.payload) for e in events):
            expected_sales[(code, d.business_date)] = [d.sales_count, d.sales_total_fen,
                                                       d.voided_count]
    problems += _diff("sales (count, total, voided) of", dict(sales), expected_sales,
                      zero=[0, 0, 0])
    for code, events in outboxes.items():
        tid = ids.get(code)
        rows = cloud_rows(cloud, "SELECT type, created_at, payload FROM applied_event "
                          "WHERE store_id = :s AND terminal_id = :t", s=sid, t=tid or "")
        cloud_days = summarize((r[0], r[1], json.loads(r[2])) for r in rows)
        till_days = summarize((e.type, e.created_at, e.payload) for e in events)
        if cloud_days != till_days:
            problems.append(f"day summaries of {code}: cloud {cloud_days} != terminal {till_days}")
    return problems


def terminal_view_problems(cloud: CloudDb, till: Till, *, skus: Iterable[str],
                           members: Iterable[str]) -> list[str]:
    """What the till shows after a full sync that differs from the cloud: stock on hand of
    ``skus`` (its cloud balance plus its own unsynced movements) and the members' confirmed
    points (none pending)."""
    from pos_app.store.members import get_member
    from pos_app.store.sync_state import stock_view

    sid = store_id(cloud, till.store_code)
    problems = []
    for sku in skus:
        cloud_value = cloud_rows(cloud, "SELECT on_hand FROM stock_balance WHERE store_id = :s "
                                 "AND sku = :k", s=sid, k=sku)
        theirs = int(cloud_value[0][0]) if cloud_value else 0
        ours = stock_view(engine=till.engine, sku=sku)
        if ours != theirs:
            problems.append(f"{till.code} shows stock {ours} of {sku}; the cloud has {theirs}")
    for member_id in members:
        balance = int(cloud_rows(cloud, "SELECT points_balance FROM member WHERE member_id = :m",
                                 m=member_id)[0][0])
        rec = get_member(engine=till.engine, member_id=member_id)
        if rec is None or (rec.points_confirmed, rec.points_pending) != (balance, 0):
            got = None if rec is None else (rec.points_confirmed, rec.points_pending)
            problems.append(f"{till.code} shows points (confirmed, pending) {got} of "
                            f"{member_id}; the cloud has {balance}")
    return problems
