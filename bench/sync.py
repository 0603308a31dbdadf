"""Sync at chain scale: ``pos-cloud serve --workers N`` on a throwaway PostgreSQL database.

- ``events_per_s``, ``push_ms_p50/p99/max``: T terminals (threads in this process, one
  keep-alive HTTP client each, each with its own enrolled credential, spread over stores of
  five tills) push their backlog of E events at once, in batches of 250 as the sync client
  does; the figure is all events over the wall time from the first push to the last answer.
  A batch's latency is mostly its wait behind the others (T batches at once on the cloud's
  cores). ``live_push_ms_p50/p99``: the same tills online afterwards, each pushing one sale
  (its sale and points events) every 0.5 s, as a till does while selling.
  The events are what the real till writes: sales rung up through ``CheckoutService`` (demo
  products, member cards, cash) and their points events, cloned with fresh uuids, seqs and
  receipt numbers and spread over the cloud's members.
- ``backlog_50k_drain_s``: one real till database holding 50,000 queued outbox events (clones
  as above, with their pending points entries) drained by the real ``SyncClient``: hello and
  push until the outbox is empty (``backlog_verify_s``: the verification after it).
- ``catalog_1m_initial_pull_s``: ``--skus`` products (1,000,000; 20,000 with ``--small``) are
  bulk-loaded with COPY into the cloud's product, barcode and change-log tables (the admin
  path would take far longer and is not what is measured); a fresh till pulls every stream
  with the real ``SyncClient`` at the till's page size, applying each page locally. Also
  ``pages``, ``pages_per_s``, ``products_per_s`` and ``progress_calls`` (the progress the
  till shows).

Targets: ``events_per_s`` >= 2,000; ``backlog_50k_drain_s`` <= 60; ``catalog_1m_initial_pull_s``
<= 120. PostgreSQL must be reachable (``POS_TEST_PG_URL``, default the local server); the
database is dropped at the end.
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

from bench.report import log
from bench.stats import ms, percentile

TARGET_EVENTS_PER_S = 2_000
TARGET_BACKLOG_S = 60
TARGET_CATALOG_S = 120
TILLS_PER_STORE = 5
BATCH = 250  # sync.protocol.MAX_BATCH, the sync client's default
TEMPLATE_SALES = 200
CST = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Sizes:
    terminals: int
    events_per_terminal: int
    backlog: int
    products: int
    members: int
    workers: int


def _sizes(*, skus: int, small: bool, terminals: int | None, workers: int | None) -> Sizes:
    return Sizes(terminals=terminals or (5 if small else 50),
                 events_per_terminal=400 if small else 1_000,
                 backlog=2_000 if small else 50_000, products=skus,
                 members=2_000 if small else 20_000, workers=workers or 4)


# ---- what the till writes --------------------------------------------------------------------


def _piece_barcodes() -> list[str]:
    """Barcodes of the demo products sold by the piece, not age restricted."""
    from pos_app.store.demo import DEMO_CSV

    with open(DEMO_CSV, encoding="utf-8-sig", newline="") as f:
        return [r["barcodes"].replace(";", "|").split("|")[0].strip()
                for r in csv.DictReader(f)
                if r.get("is_weighed", "0").strip() in ("", "0", "false")
                and r.get("age_restricted", "0").strip() in ("", "0", "false")
                and r.get("barcodes")]


def template_sales(directory: Path, n: int, *, seed: int = 5) -> list[list[dict[str, Any]]]:
    """``n`` sales rung up at a real demo till (checkout, members, cash): for each, its outbox
    events (``type``, ``version``, ``payload``) in the order the till wrote them."""
    from pos_app.services.checkout import CheckoutService
    from pos_app.store import db, demo, terminal
    from sync.testing.terminal_worker import sell_one

    engine = db.open_database(directory / "template-till.db")
    try:
        demo.seed_demo(engine=engine)
        checkout = CheckoutService(engine=engine,
                                   store_info=terminal.get_store_info(engine=engine),
                                   cashier="bench")
        rng = random.Random(seed)
        codes = _piece_barcodes()
        for _ in range(n):
            sell_one(checkout, rng, codes, member_rate=0.5)
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT type, version, payload FROM outbox_event ORDER BY seq").all()
    finally:
        engine.dispose()
    sales: dict[str, list[dict[str, Any]]] = {}
    for type_, version, payload in rows:
        body = json.loads(payload)
        sales.setdefault(body["sale_uuid"], []).append(
            {"type": type_, "version": version, "payload": body})
    return list(sales.values())


class Cloner:
    """Events of new sales cloned from the templates: fresh event, sale and entry uuids, the
    till's receipt numbers, members spread over ``members``."""

    def __init__(self, templates: list[list[dict[str, Any]]], members: list[str],
                 seed: int) -> None:
        self.templates = templates
        self.members = members
        self.rng = random.Random(seed)

    def sale(self, store_code: str, terminal_code: str, receipt: int,
             created_at: str) -> list[tuple[str, int, dict[str, Any], str]]:
        """(type, version, payload, created_at) of one cloned sale."""
        events = self.rng.choice(self.templates)
        sale_uuid = str(uuid.uuid4())
        member = self.rng.choice(self.members)
        out = []
        for e in events:
            p = dict(e["payload"])
            p["sale_uuid"] = sale_uuid
            if p.get("member_id"):
                p["member_id"] = member
            if e["type"] == "sale.completed":
                p["receipt_no"] = f"{store_code}-{terminal_code}-{receipt:06d}"
                p["opened_at"] = p["closed_at"] = created_at
            elif e["type"] == "points.transaction":
                p["entry_uuid"] = str(uuid.uuid4())
                p["business_date"] = created_at[:10]
            out.append((e["type"], e["version"], p, created_at))
        return out

    def events(self, store_code: str, terminal_code: str, n: int
               ) -> list[tuple[str, int, dict[str, Any], str]]:
        now = datetime.now(CST).replace(microsecond=0).isoformat()
        out: list[tuple[str, int, dict[str, Any], str]] = []
        receipt = 0
        while len(out) < n:
            receipt += 1
            out += self.sale(store_code, terminal_code, receipt, now)
        return out[:n]  # a sale cut off at the end leaves a points event out: harmless


# ---- the cloud -------------------------------------------------------------------------------


def _pg_conn(url: str) -> Any:
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1))


def _copy(conn: Any, table: str, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]
          ) -> int:
    n = 0
    with conn.cursor() as cur, cur.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _bump_counter(conn: Any, stream: str, store_id: int, value: int) -> None:
    conn.execute("INSERT INTO change_counter (stream, store_id, value) VALUES (%s, %s, %s) "
                 "ON CONFLICT (stream, store_id) DO UPDATE SET value = excluded.value",
                 (stream, store_id, value))


def _next_seq(conn: Any, stream: str) -> int:
    row = conn.execute("SELECT value FROM change_counter WHERE stream = %s AND store_id = 0",
                       (stream,)).fetchone()
    return int(row[0]) + 1 if row else 1


def bulk_members(url: str, n: int) -> list[str]:
    """``n`` members imported at HQ (COPY into the member table and its change log)."""
    from sync.server.changes import to_json

    now = datetime.now(UTC)
    ids = [f"M-B{i:07d}" for i in range(1, n + 1)]
    with _pg_conn(url) as conn:
        first = _next_seq(conn, "members")
        rows = [(mid, f"139{i:08d}", f"会员{i}", "regular", f"87{i:08d}", None, 1000, 1000,
                 "cloud", now, now) for i, mid in enumerate(ids, 1)]
        _copy(conn, "member", ("member_id", "phone", "name", "tier", "card_no", "birthday",
                               "opening_points", "points_balance", "source", "created_at",
                               "updated_at"), iter(rows))
        _copy(conn, "change_log", ("stream", "store_id", "key", "seq", "op", "data"), (
            ("members", 0, r[0], first + k, "upsert", to_json({
                "phone": r[1], "name": r[2], "tier": r[3], "card_no": r[4], "birthday": None,
                "points_confirmed": r[7]})) for k, r in enumerate(rows)))
        _bump_counter(conn, "members", 0, first + n - 1)
    return ids


def bulk_products(url: str, n: int, *, seed: int = 11) -> int:
    """``n`` synthetic products (realistic Chinese names, one GTIN each) loaded with COPY into
    product, product_barcode and the products change log, as ``catalog.put_products`` would
    record them (with the pinyin it works out); returns the last change seq."""
    from pos_app.store.search_text import name_pinyin
    from pos_app.store.synthetic import BRANDS, CATEGORIES, FLAVORS, NOUNS, SPECS, synthetic_gtin
    from sync.server.changes import to_json

    rng = random.Random(seed)
    now = datetime.now(UTC)
    with _pg_conn(url) as conn:
        first = _next_seq(conn, "products")
        items = []
        for i in range(1, n + 1):
            brand = rng.choice(BRANDS)
            name = f"{brand}{rng.choice(FLAVORS)}{rng.choice(NOUNS)} {rng.choice(SPECS)}"
            items.append((f"SY{i:07d}", name, rng.randint(100, 20_000),
                          rng.choice(CATEGORIES), brand, synthetic_gtin(i)))
        _copy(conn, "product", (
            "sku", "name", "name_en", "unit", "price_fen", "tax_rate_bp", "is_weighed",
            "age_restricted", "category", "brand", "active", "updated_at"),
            ((sku, name, "", "件", price, 1300, False, False, cat, brand, True, now)
             for sku, name, price, cat, brand, _ in items))
        _copy(conn, "product_barcode", ("code", "sku"),
              ((gtin, sku) for sku, *_, gtin in items))
        _copy(conn, "change_log", ("stream", "store_id", "key", "seq", "op", "data"), (
            ("products", 0, sku, first + k, "upsert", to_json({
                "name": name, "name_en": "", "unit": "件", "price_fen": price,
                "tax_rate_bp": 1300, "is_weighed": False, "age_restricted": False,
                "category": cat, "brand": brand, "active": True, "barcodes": [gtin],
                "pinyin": name_pinyin(name)}))
            for k, (sku, name, price, cat, brand, gtin) in enumerate(items)))
        last = first + n - 1
        _bump_counter(conn, "products", 0, last)
        conn.execute("ANALYZE product")
        conn.execute("ANALYZE change_log")
    return last


def prepare_cloud(url: str, sizes: Sizes) -> list[str]:
    """Migrate, seed the demo chain (store S001), add the other stores and the members;
    returns the member ids."""
    from sync.server.admin import create_store
    from sync.server.db import migrate, open_engine
    from sync.server.seed import seed_demo

    engine = open_engine(url, pool_size=2)
    try:
        migrate(engine)
        now = datetime.now(UTC).replace(microsecond=0)
        seed_demo(engine, now=now)
        for k in range(2, _stores(sizes.terminals) + 1):
            create_store(engine, code=f"S{k:03d}", name=f"门店{k}", now=now)
    finally:
        engine.dispose()
    return bulk_members(url, sizes.members)


def _stores(terminals: int) -> int:
    return max(1, -(-terminals // TILLS_PER_STORE))


def enroll_terminal(url: str, base_url: str, store_code: str, terminal_code: str) -> Any:
    """A new terminal's credential: an HQ enrollment code spent over HTTP."""
    from sync.client import enroll
    from sync.protocol import EnrollRequest
    from sync.server.db import open_engine
    from sync.server.enroll import create_enrollment_code

    engine = open_engine(url, pool_size=1)
    try:
        code = create_enrollment_code(engine, store_code=store_code, now=datetime.now(UTC))
    finally:
        engine.dispose()
    return enroll(base_url, EnrollRequest(enrollment_code=code, terminal_code=terminal_code,
                                          device_name="bench"))


def cloud_count(url: str, sql: str, *params: Any) -> int:
    with _pg_conn(url) as conn:
        return int(conn.execute(sql, params).fetchone()[0])


# ---- 1. many terminals pushing at once -------------------------------------------------------


def _body(store_code: str, terminal_code: str, first_seq: int,
          events: list[tuple[str, int, dict[str, Any], str]]) -> bytes:
    return json.dumps({
        "store_code": store_code, "terminal_code": terminal_code,
        "sent_at": datetime.now(CST).isoformat(),
        "events": [{"event_uuid": str(uuid.uuid4()), "seq": first_seq + k, "type": t,
                    "version": v, "payload": p, "created_at": c}
                   for k, (t, v, p, c) in enumerate(events)]},
        ensure_ascii=False, separators=(",", ":")).encode()


def _bodies(cloner: Cloner, store_code: str, terminal_code: str, n: int) -> list[bytes]:
    """A backlog of ``n`` events in batches of ``BATCH``, seqs from 1."""
    events = cloner.events(store_code, terminal_code, n)
    return [_body(store_code, terminal_code, start + 1, events[start:start + BATCH])
            for start in range(0, len(events), BATCH)]


def _live_bodies(cloner: Cloner, store_code: str, terminal_code: str, first_seq: int,
                 sales: int) -> list[bytes]:
    """One push per sale (its sale and points events), as a till online pushes them."""
    bodies, seq = [], first_seq
    now = datetime.now(CST).replace(microsecond=0).isoformat()
    for n in range(sales):
        events = cloner.sale(store_code, terminal_code, 900_000 + n, now)
        bodies.append(_body(store_code, terminal_code, seq, events))
        seq += len(events)
    return bodies


@dataclass
class _Till:
    store_code: str
    code: str
    credential: str
    bodies: list[bytes]


def _push_all(base_url: str, tills: list[_Till], *, pause_s: float = 0.0
              ) -> tuple[float, list[int]]:
    """Every till pushes its bodies one after the other (``pause_s`` between them), all tills
    at once; (wall seconds from the start to the last answer, latencies in ns)."""
    from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

    latencies: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(tills) + 1)

    def run(till: _Till, offset: float) -> None:
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Authorization":
                   f"Bearer {till.credential}", "Content-Type": "application/json"}
        mine = []
        with httpx.Client(base_url=base_url, headers=headers, timeout=120) as http:
            start.wait()
            time.sleep(offset)  # paced tills do not all push at the same instant
            for body in till.bodies:
                t0 = time.perf_counter_ns()
                r = http.post("/v1/push", content=body)
                mine.append(time.perf_counter_ns() - t0)
                if r.status_code != 200 or r.json().get("status") != "ok":
                    with lock:
                        errors.append(f"{r.status_code} {r.text[:200]}")
                if pause_s:
                    time.sleep(pause_s)
        with lock:
            latencies.extend(mine)

    rng = random.Random(2)
    threads = [threading.Thread(target=run, args=(t, rng.uniform(0, pause_s)))
               for t in tills]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{len(errors)} pushes failed, e.g. {errors[0]}")
    return wall, latencies


LIVE_SALES = 10  # per till
LIVE_PAUSE_S = 0.5


def push_throughput(url: str, base_url: str, sizes: Sizes, cloner: Cloner) -> dict[str, Any]:
    tills = []
    for i in range(sizes.terminals):
        store_code = f"S{i // TILLS_PER_STORE + 1:03d}"
        code = f"P{i + 1:03d}"
        cred = enroll_terminal(url, base_url, store_code, code)
        tills.append(_Till(store_code, code, cred.credential,
                           _bodies(cloner, store_code, code, sizes.events_per_terminal)))
    total = sizes.terminals * sizes.events_per_terminal
    log(f"push: {sizes.terminals} terminals × {sizes.events_per_terminal} events "
        f"({sum(len(t.bodies) for t in tills)} batches of ≤ {BATCH}) over "
        f"{_stores(sizes.terminals)} stores, all at once")
    wall, latencies = _push_all(base_url, tills)
    applied = cloud_count(url, "SELECT count(*) FROM applied_event WHERE status = 'applied' "
                          "AND terminal_id IN (SELECT terminal_id FROM terminal "
                          "WHERE code LIKE 'P%%')")
    if applied != total:
        raise RuntimeError(f"the cloud applied {applied} of {total} events")
    rate = total / wall
    log(f"push: {total} events in {wall:.1f} s = {rate:,.0f} events/s; batch p50 "
        f"{ms(percentile(latencies, 50))} ms, p99 {ms(percentile(latencies, 99))} ms")
    # The same tills online: one push per sale, every LIVE_PAUSE_S.
    for t in tills:
        t.bodies = _live_bodies(cloner, t.store_code, t.code, sizes.events_per_terminal + 1,
                                LIVE_SALES)
    live_wall, live = _push_all(base_url, tills, pause_s=LIVE_PAUSE_S)
    log(f"live: {len(live)} pushes of one sale ({len(live) / live_wall:.0f}/s offered by "
        f"{len(tills)} tills): p50 {ms(percentile(live, 50))} ms, "
        f"p99 {ms(percentile(live, 99))} ms")
    return {"events": total, "push_wall_s": round(wall, 2), "events_per_s": round(rate),
            "push_ms_p50": ms(percentile(latencies, 50)),
            "push_ms_p99": ms(percentile(latencies, 99)), "push_ms_max": ms(max(latencies)),
            "live_pushes": len(live), "live_push_ms_p50": ms(percentile(live, 50)),
            "live_push_ms_p99": ms(percentile(live, 99))}


# ---- 2. one till's backlog -------------------------------------------------------------------


def prefill_outbox(engine: Any, cloner: Cloner, *, store_code: str, terminal_code: str,
                   n: int) -> None:
    """``n`` events queued in the till's outbox as the till writes them (with the pending
    points entries of its points events), seqs 1..n."""
    from sqlalchemy import text

    events = cloner.events(store_code, terminal_code, n)
    outbox, entries = [], []
    for seq, (type_, version, payload, created_at) in enumerate(events, 1):
        outbox.append({"u": str(uuid.uuid4()), "s": store_code, "t": terminal_code,
                       "q": seq, "ty": type_, "v": version, "c": created_at,
                       "p": json.dumps(payload, ensure_ascii=False, separators=(",", ":"),
                                       sort_keys=True)})
        if type_ == "points.transaction":
            entries.append({"u": payload["entry_uuid"], "m": payload["member_id"],
                            "k": payload["kind"], "p": payload["points"],
                            "s": payload["sale_uuid"], "d": payload["business_date"],
                            "r": payload["reason"], "at": created_at})
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO outbox_event (event_uuid, store_code, terminal_code, seq, type, "
            "version, payload, created_at) VALUES (:u, :s, :t, :q, :ty, :v, :p, :c)"), outbox)
        conn.execute(text(
            "INSERT INTO points_entry (entry_uuid, member_id, kind, points, sale_uuid, state, "
            "business_date, reason, created_at) VALUES (:u, :m, :k, :p, :s, 'pending', :d, "
            ":r, :at)"), entries)
        conn.execute(text("INSERT INTO counter (name, value) VALUES (:n, :v) ON CONFLICT "
                          "(name) DO UPDATE SET value = excluded.value"),
                     {"n": f"outbox:{terminal_code}", "v": n})


def backlog_drain(url: str, base_url: str, sizes: Sizes, templates: list[list[dict[str, Any]]],
                  directory: Path) -> dict[str, Any]:
    from dataclasses import replace

    from pos_app.store import db, demo, terminal
    from pos_app.store.demo_loyalty import DEMO_MEMBERS
    from sync.client import SyncClient, SyncReport

    engine = db.open_database(directory / "backlog-till.db")
    try:
        demo.seed_demo(engine=engine)
        terminal.set_store_info(engine=engine, info=replace(demo.DEMO_STORE,
                                                            terminal_code="B01"))
        # The till's own members, so its pending points entries are what it would hold.
        cloner = Cloner(templates, [m.member_id for m in DEMO_MEMBERS], seed=3)
        prefill_outbox(engine, cloner, store_code="S001", terminal_code="B01",
                       n=sizes.backlog)
        cred = enroll_terminal(url, base_url, "S001", "B01")
        log(f"backlog: {sizes.backlog} events queued; draining with the sync client")
        with SyncClient(base_url=base_url, credential=cred.credential, store_code="S001",
                        terminal_code="B01", engine=engine) as client:
            report = SyncReport(started_at=datetime.now(CST))
            t0 = time.perf_counter()
            client.hello(report)
            client.push(report)
            drain = time.perf_counter() - t0
            t1 = time.perf_counter()
            client.verify(report)
            verify = time.perf_counter() - t1
        with engine.connect() as conn:
            pending = conn.exec_driver_sql(
                "SELECT count(*) FROM outbox_event WHERE acked_at IS NULL").scalar_one()
    finally:
        engine.dispose()
    recorded = cloud_count(url, "SELECT count(*) FROM applied_event a JOIN terminal t ON "
                           "t.terminal_id = a.terminal_id WHERE t.code = 'B01'")
    if pending or recorded != sizes.backlog or report.mismatched:
        raise RuntimeError(f"backlog not drained: {pending} pending, {recorded} on the cloud, "
                           f"mismatched {report.mismatched}")
    log(f"backlog: {sizes.backlog} events drained in {drain:.1f} s "
        f"({sizes.backlog / drain:,.0f} events/s); verify {verify:.2f} s")
    return {"backlog_events": sizes.backlog, "backlog_drain_s": round(drain, 2),
            "backlog_events_per_s": round(sizes.backlog / drain),
            "backlog_verify_s": round(verify, 2)}


# ---- 3. a big catalog's initial pull ---------------------------------------------------------


class _Counting(httpx.BaseTransport):
    """The real HTTP transport, counting requests per path."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.paths: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths[request.url.path] += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def catalog_pull(url: str, base_url: str, sizes: Sizes, directory: Path) -> dict[str, Any]:
    from dataclasses import replace

    from pos_app.config import SyncConfig
    from pos_app.store import catalog, db, terminal
    from pos_app.store.demo import DEMO_STORE
    from sync.client import SyncClient, SyncReport

    t0 = time.perf_counter()
    bulk_products(url, sizes.products)
    load = time.perf_counter() - t0
    in_cloud = cloud_count(url, "SELECT count(*) FROM change_log WHERE stream = 'products'")
    log(f"catalog: {sizes.products:,} products loaded into the cloud in {load:.1f} s "
        f"({in_cloud:,} in the products stream)")
    engine = db.open_database(directory / "fresh-till.db")
    transport = _Counting()
    progress: Counter[str] = Counter()
    last: dict[str, tuple[int, int | None]] = {}
    shown = [0.0]

    def on_progress(stream: str, done: int, total: int | None) -> None:
        progress[stream] += 1
        progress[f"{stream}:total"] += total is not None
        last[stream] = (done, total)
        if stream == "products" and time.perf_counter() - shown[0] > 10:
            shown[0] = time.perf_counter()
            log(f"catalog: products {done:,} of {total or '?'}")

    try:
        terminal.set_store_info(engine=engine, info=replace(DEMO_STORE, terminal_code="C01"))
        cred = enroll_terminal(url, base_url, "S001", "C01")
        config = SyncConfig()
        page = config.page
        with SyncClient(base_url=base_url, credential=cred.credential, store_code="S001",
                        terminal_code="C01", engine=engine, transport=transport,
                        page=page, initial_page=config.initial_page) as client:
            report = SyncReport(started_at=datetime.now(CST))
            t0 = time.perf_counter()
            client.pull(report, progress=on_progress)
            pull = time.perf_counter() - t0
        local = catalog.product_count(engine=engine)
    finally:
        engine.dispose()
    pages = transport.paths["/v1/pull/products"]
    pulled = report.pulled.get("products", 0)
    if pulled != in_cloud or local != in_cloud or report.skipped:
        raise RuntimeError(f"pulled {pulled}, till has {local}, cloud {in_cloud}; "
                           f"skipped {sum(len(v) for v in report.skipped.values())}")
    log(f"catalog: {pulled:,} products pulled and applied in {pull:.1f} s "
        f"({pulled / pull:,.0f}/s, {pages} pages of {config.initial_page} (then {page}), "
        f"{pages / pull:.1f} pages/s, "
        f"{progress['products']} progress callbacks)")
    return {"catalog_products": pulled, "catalog_load_s": round(load, 1),
            "catalog_initial_pull_s": round(pull, 2), "catalog_pages": pages,
            "catalog_page_size": page, "catalog_initial_page_size": config.initial_page,
            "catalog_pages_per_s": round(pages / pull, 1),
            "catalog_products_per_s": round(pulled / pull),
            "catalog_progress_calls": progress["products"],
            "catalog_progress_with_total": progress["products:total"],
            "catalog_progress_last": list(last.get("products", (0, None))),
            "catalog_streams_pulled": {k: v for k, v in report.pulled.items() if v}}


# ---- the run ---------------------------------------------------------------------------------


def run(*, skus: int, small: bool, terminals: int | None = None,
        workers: int | None = None, only: str | None = None) -> dict[str, object]:
    """All three parts, or ``only`` one of them (``push``, ``backlog``, ``catalog``)."""
    from sync.testing.cloud_process import SERVE_COMMAND, CloudProcess
    from sync.testing.postgres import require_postgres, throwaway_database

    sizes = _sizes(skus=skus, small=small, terminals=terminals, workers=workers)
    version = require_postgres()
    log(f"PostgreSQL {version}; {sizes}")
    result: dict[str, object] = {"terminals": sizes.terminals, "workers": sizes.workers,
                                 "stores": _stores(sizes.terminals), "batch": BATCH,
                                 "postgres": version}
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp, \
            throwaway_database(prefix="pos_t") as url:
        directory = Path(tmp)
        t0 = time.perf_counter()
        members = prepare_cloud(url, sizes)
        templates = (template_sales(directory, TEMPLATE_SALES)
                     if only in (None, "push", "backlog") else [])
        log(f"cloud prepared ({len(members):,} members) and {len(templates)} template sales "
            f"rung up in {time.perf_counter() - t0:.1f} s")
        cloud = CloudProcess(url, directory / "cloud",
                             command=(*SERVE_COMMAND, "--workers", str(sizes.workers)),
                             startup_timeout_s=60)
        cloud.start()
        try:
            if only in (None, "push"):
                cloner = Cloner(templates, members, seed=1)
                result.update(push_throughput(url, cloud.base_url, sizes, cloner))
            if only in (None, "backlog"):
                result.update(backlog_drain(url, cloud.base_url, sizes, templates, directory))
            if only in (None, "catalog"):
                result.update(catalog_pull(url, cloud.base_url, sizes, directory))
        finally:
            cloud.stop()
    # The names at the sizes (the plain names are there at any size).
    if sizes.backlog == 50_000 and "backlog_drain_s" in result:
        result["backlog_50k_drain_s"] = result["backlog_drain_s"]
    if sizes.products == 1_000_000 and "catalog_initial_pull_s" in result:
        result["catalog_1m_initial_pull_s"] = result["catalog_initial_pull_s"]
    result["targets"] = {"events_per_s": TARGET_EVENTS_PER_S,
                         "backlog_50k_drain_s": TARGET_BACKLOG_S,
                         "catalog_1m_initial_pull_s": TARGET_CATALOG_S}
    return result

