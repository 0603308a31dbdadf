"""Building blocks for the end-to-end sync scenarios (issue 5 §6): the real cloud server in a
process of its own on SQLite or a throwaway PostgreSQL database, demo tills selling through
the real checkout, a sync client (usually pointed at a ``FaultProxy``) and queries on the
cloud's database.

    with running_cloud("postgres", tmp / "cloud") as cloud:   # migrated, demo chain seeded
        till = new_till(cloud, demo_db_template, tmp / "t1.db", "T01")
        till.sell(3, member_card=GOLD_CARD)
        with FaultProxy(cloud.url) as proxy, till.client(proxy.base_url) as client:
            client.sync_once()
        assert ledger_counts(cloud.engine, till.terminal_id)["sales"] == 3

PostgreSQL unreachable → ``running_cloud("postgres", …)`` fails the test (never skips).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from contract.demo import DEMO_STORE
from contract.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    EnrollRequest,
    OutEvent,
    PushRequest,
)
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.store import db as terminal_db
from pos_app.store import sync_state, terminal
from sync.client import RetryPolicy, SyncClient, enroll
from sync.server.db import migrate, open_engine
from sync.server.enroll import create_enrollment_code
from sync.server.ledger_tables import (
    applied_event,
    points_entry,
    sale,
    sale_line,
    stock_movement,
)
from sync.server.seed import seed_demo
from sync.server.tables import terminal as cloud_terminal
from sync.testing.cloud_process import CloudProcess
from sync.testing.postgres import PostgresUnavailable, create_database, drop_database

BACKENDS = ("sqlite", "postgres")
COKE, SPRITE = "6901000000004", "6911001079190"  # demo SKUs 010001, 010002
GOLD_CARD = "8800000001"  # demo member M-DEMO-1
# Short waits: a scenario's faults are injected on purpose, the loopback answers at once.
FAST_RETRY = RetryPolicy(attempts=3, initial_s=0.02, max_s=0.1, jitter_s=0.01)


# ---- the cloud ---------------------------------------------------------------------------


@dataclass
class Cloud:
    """A running cloud: its process (kill/restart it), and an engine on its database."""

    backend: str
    process: CloudProcess
    engine: Engine
    database_url: str

    @property
    def url(self) -> str:
        return self.process.base_url

    def ensure_running(self) -> None:
        """Start the server again if a test killed it."""
        if not self.process.running:
            self.process.start()

    def enroll(self, terminal_code: str, *, store_code: str = "S001",
               url: str | None = None) -> tuple[str, str]:
        """Enroll a terminal through ``POST /v1/enroll``: (terminal_id, credential)."""
        code = create_enrollment_code(self.engine, store_code=store_code,
                                      now=datetime.now(UTC))
        answer = enroll(url or self.url, EnrollRequest(
            enrollment_code=code, terminal_code=terminal_code, device_name="scenario"))
        return answer.terminal_id, answer.credential


@contextmanager
def running_cloud(backend: str, data_dir: Path, *, seed: bool = True) -> Iterator[Cloud]:
    """A fresh cloud database (a SQLite file, or a throwaway PostgreSQL database), migrated
    and with the demo chain (store S001, catalog, stock, members) unless ``seed=False``,
    served by ``pos-cloud serve`` on a free loopback port. Everything is removed after."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        try:
            url = create_database("pos_scn")
        except PostgresUnavailable as exc:
            pytest.fail(str(exc), pytrace=False)
    elif backend == "sqlite":
        url = f"sqlite:///{data_dir / 'cloud.db'}"
    else:
        raise ValueError(f"unknown backend {backend!r}")
    engine = open_engine(url, pool_size=4)
    process = CloudProcess(url, data_dir)
    try:
        migrate(engine)
        if seed:
            seed_demo(engine, now=datetime.now(UTC))
        process.start()
        yield Cloud(backend, process, engine, url)
    finally:
        try:
            process.stop()
        finally:
            engine.dispose()
            if backend == "postgres":
                drop_database(url)


# ---- a till ------------------------------------------------------------------------------


@dataclass
class Till:
    """A demo terminal database enrolled with a cloud, selling through ``CheckoutService``."""

    engine: Engine
    path: Path
    store_code: str
    terminal_code: str
    terminal_id: str
    credential: str
    _checkout: CheckoutService | None = field(default=None, repr=False)

    def sell(self, n: int = 1, *, member_card: str | None = None,
             codes: Sequence[str] = (COKE, SPRITE)) -> list[str]:
        """Complete ``n`` cash sales; their sale uuids."""
        if self._checkout is None:
            self._checkout = CheckoutService(
                engine=self.engine, store_info=terminal.get_store_info(engine=self.engine))
        checkout, done = self._checkout, []
        for _ in range(n):
            if member_card:
                checkout.scan(member_card)
            for code in codes:
                checkout.scan(code)
            done.append(checkout.sale.sale_uuid)
            checkout.add_tender("cash", Money(checkout.current().payment.remaining.fen))
            checkout.complete()
        return done

    def client(self, base_url: str, **options: Any) -> SyncClient:
        """A sync client for this till (fast retries unless ``retry=`` says otherwise)."""
        options.setdefault("retry", FAST_RETRY)
        options.setdefault("timeout_s", 10.0)
        return SyncClient(base_url=base_url, credential=self.credential,
                          store_code=self.store_code, terminal_code=self.terminal_code,
                          engine=self.engine, **options)

    def last_seq(self) -> int:
        return sync_state.last_seq(engine=self.engine, terminal_code=self.terminal_code)

    def backlog(self) -> int:
        return sync_state.backlog(engine=self.engine, terminal_code=self.terminal_code)

    def outbox(self) -> list[tuple[str, int, str]]:
        """(event_uuid, seq, type) of every outbox event, by seq."""
        with self.engine.connect() as conn:
            return [(str(r[0]), int(r[1]), str(r[2])) for r in conn.execute(text(
                "SELECT event_uuid, seq, type FROM outbox_event WHERE terminal_code = :t "
                "ORDER BY seq"), {"t": self.terminal_code})]

    def events(self, first: int = 1, last: int | None = None) -> list[OutEvent]:
        """The outbox events with ``first <= seq <= last`` as pushed (acknowledged or not)."""
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT event_uuid, seq, type, version, payload, created_at FROM outbox_event "
                "WHERE terminal_code = :t AND seq >= :f AND seq <= :l ORDER BY seq"),
                {"t": self.terminal_code, "f": first, "l": last or 2**62}).all()
        return [OutEvent(event_uuid=r[0], seq=r[1], type=r[2], version=r[3],
                         payload=json.loads(r[4]), created_at=_aware(r[5])) for r in rows]

    def push_body(self, events: Sequence[OutEvent]) -> dict[str, Any]:
        """A ``POST /v1/push`` body of these events, as JSON."""
        return PushRequest(store_code=self.store_code, terminal_code=self.terminal_code,
                           sent_at=datetime.now(UTC), events=list(events)).model_dump(
                               mode="json")

    @property
    def headers(self) -> dict[str, str]:
        """What this till sends with every request (protocol version, credential)."""
        return {PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                "Authorization": f"Bearer {self.credential}"}

    def close(self) -> None:
        self.engine.dispose()


def _aware(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.astimezone()


def new_till(cloud: Cloud, template: Path | None, path: Path, terminal_code: str, *,
             store_code: str = "S001") -> Till:
    """A copy of the demo terminal database (``template``; None: an empty database with
    the demo store's identity, no catalog) as terminal ``terminal_code``, enrolled with
    ``cloud``."""
    if template is not None:
        shutil.copyfile(template, path)
    engine = terminal_db.open_database(path)
    if template is None:
        terminal.set_store_info(engine=engine, info=replace(
            DEMO_STORE, store_code=store_code, terminal_code=terminal_code))
    set_terminal_code(engine, terminal_code)
    terminal_id, credential = cloud.enroll(terminal_code, store_code=store_code)
    return Till(engine, path, store_code, terminal_code, terminal_id, credential)


def set_terminal_code(engine: Engine, terminal_code: str) -> None:
    """Make the till's identity row name ``terminal_code`` (its events carry it)."""
    info = terminal.get_store_info(engine=engine)
    terminal.set_store_info(engine=engine, info=replace(info, terminal_code=terminal_code))


# ---- the cloud's database ----------------------------------------------------------------


def terminal_cursor(engine: Engine, terminal_id: str) -> int:
    """The cloud's cursor for a terminal (highest contiguous seq applied or quarantined)."""
    with engine.connect() as conn:
        return int(conn.execute(select(cloud_terminal.c.cursor).where(
            cloud_terminal.c.terminal_id == terminal_id)).scalar_one())


def applied_events(engine: Engine, terminal_id: str) -> list[tuple[str, int, str, str | None]]:
    """(event_uuid, seq, status, reason) of a terminal's applied events, by seq."""
    with engine.connect() as conn:
        return [(str(r[0]), int(r[1]), str(r[2]), r[3]) for r in conn.execute(
            select(applied_event.c.event_uuid, applied_event.c.seq, applied_event.c.status,
                   applied_event.c.reason)
            .where(applied_event.c.terminal_id == terminal_id)
            .order_by(applied_event.c.seq))]


def ledger_counts(engine: Engine, terminal_id: str) -> dict[str, int]:
    """Rows a terminal's events made on the cloud: applied events (and quarantined ones),
    sales, sale lines, stock movements, points entries, and the sums that must match."""
    def one(conn: Any, query: Any) -> int:
        return int(conn.execute(query).scalar_one() or 0)

    ae, s, sl = applied_event.c, sale.c, sale_line.c
    with engine.connect() as conn:
        return {
            "events": one(conn, select(func.count()).where(ae.terminal_id == terminal_id)),
            "quarantined": one(conn, select(func.count()).where(
                ae.terminal_id == terminal_id, ae.status == "quarantined")),
            "sales": one(conn, select(func.count()).where(s.terminal_id == terminal_id)),
            "sales_total_fen": one(conn, select(func.sum(s.total_fen)).where(
                s.terminal_id == terminal_id)),
            "sale_lines": one(conn, select(func.count()).select_from(sale_line.join(
                sale, (sl.store_id == s.store_id) & (sl.sale_uuid == s.sale_uuid)))
                .where(s.terminal_id == terminal_id)),
            "stock_movements": one(conn, select(func.count()).where(
                stock_movement.c.terminal_id == terminal_id)),
            "stock_delta": one(conn, select(func.sum(stock_movement.c.delta)).where(
                stock_movement.c.terminal_id == terminal_id)),
            "points_entries": one(conn, select(func.count()).where(
                points_entry.c.terminal_id == terminal_id)),
            "points": one(conn, select(func.sum(points_entry.c.points)).where(
                points_entry.c.terminal_id == terminal_id)),
        }


def till_counts(till: Till) -> dict[str, int]:
    """What the till itself recorded, comparable with ``ledger_counts``."""
    def one(conn: Any, sql: str) -> int:
        return int(conn.execute(text(sql), {"t": till.terminal_code}).scalar_one() or 0)

    with till.engine.connect() as conn:
        return {
            "events": one(conn, "SELECT count(*) FROM outbox_event WHERE terminal_code = :t"),
            "sales": one(conn, "SELECT count(*) FROM sale WHERE terminal_code = :t"),
            "sales_total_fen": one(conn, "SELECT sum(total_fen) FROM sale WHERE "
                                         "terminal_code = :t"),
            "sale_lines": one(conn, "SELECT count(*) FROM sale_line l JOIN sale s ON "
                                    "s.id = l.sale_id WHERE s.terminal_code = :t"),
            "points_entries": one(conn, "SELECT count(*) FROM outbox_event WHERE "
                                        "terminal_code = :t AND type = 'points.transaction'"),
            "points": one(conn, "SELECT sum(json_extract(payload, '$.points')) FROM "
                                "outbox_event WHERE terminal_code = :t AND "
                                "type = 'points.transaction'"),
        }


def assert_in_step(cloud: Cloud, till: Till) -> dict[str, int]:
    """Nothing lost, nothing doubled: the cloud holds each of the till's events once, seqs
    1..last without a gap, its cursor at the till's last seq, the till's outbox fully
    acknowledged, and the cloud's sales, lines and points entries match the till's (sales
    made with the checkout, no quarantined event). Returns the cloud's ``ledger_counts``."""
    events = applied_events(cloud.engine, till.terminal_id)
    outbox = till.outbox()
    assert [e[1] for e in events] == list(range(1, till.last_seq() + 1)), "gap or duplicate"
    assert {e[0] for e in events} == {o[0] for o in outbox}
    assert terminal_cursor(cloud.engine, till.terminal_id) == till.last_seq()
    assert till.backlog() == 0
    cloud_counts, local = ledger_counts(cloud.engine, till.terminal_id), till_counts(till)
    for key, value in local.items():
        assert cloud_counts[key] == value, (key, cloud_counts, local)
    return cloud_counts


def checksum(rows: Sequence[Sequence[Any]]) -> str:
    """A digest of rows, order-independent."""
    lines = sorted(json.dumps(list(r), ensure_ascii=False, default=str) for r in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
