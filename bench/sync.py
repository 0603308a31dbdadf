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
  till shows); ``client_cpu_s`` (the till: fetching, checking, SQLite), ``cloud_cpu_s`` and
  ``postgres_cpu_s`` during the pull, which a shared machine does not change.

``push_cpu_ms_per_event``: CPU milliseconds the cloud's processes and its PostgreSQL backends
spent per event in that burst (``push_cloud_cpu_s``, ``push_postgres_cpu_s``; the bench's
own threads: ``push_client_cpu_s``): on a shared machine the rate depends on what else
runs, this does not; 2 cores / it is the rate the machine could reach alone.

Targets: ``events_per_s`` >= 3,000; ``backlog_50k_drain_s`` <= 60; ``catalog_1m_initial_pull_s``
<= 60. PostgreSQL must be reachable (``POS_TEST_PG_URL``, default the local server); the
database is dropped at the end.
"""

from __future__ import annotations

import json
import random
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from bench.cpu import CpuMeter
from bench.report import log
from bench.stats import ms, percentile
from bench.sync_data import (
    CST,
    TILLS_PER_STORE,
    Cloner,
    Sizes,
    bulk_members,
    bulk_products,
    cloud_count,
    enroll_terminal,
    pick_sizes,
    prefill_outbox,
    prepare_cloud,
    store_count,
    template_sales,
)

__all__ = [
    "BATCH", "CST", "TEMPLATE_SALES", "TILLS_PER_STORE", "Cloner", "Sizes", "backlog_drain",
    "bulk_members", "bulk_products", "catalog_pull", "cloud_count", "enroll_terminal",
    "prefill_outbox", "prepare_cloud", "push_throughput", "run", "template_sales",
]

TARGET_EVENTS_PER_S = 3_000
TARGET_BACKLOG_S = 60
TARGET_CATALOG_S = 60  # issue 9 (it was 120)
BATCH = 250  # contract.protocol.MAX_BATCH, the sync client's default
TEMPLATE_SALES = 200


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
    from contract.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

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


def push_throughput(url: str, base_url: str, sizes: Sizes, cloner: Cloner,
                    cloud_pid: int | None = None) -> dict[str, Any]:
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
        f"{store_count(sizes.terminals)} stores, all at once")
    meter = CpuMeter(cloud_pid=cloud_pid, url=url)
    meter.start()
    wall, latencies = _push_all(base_url, tills)
    cpu = meter.stop(units=sizes.terminals * sizes.events_per_terminal, unit="event")
    applied = cloud_count(url, "SELECT count(*) FROM applied_event WHERE status = 'applied' "
                          "AND terminal_id IN (SELECT terminal_id FROM terminal "
                          "WHERE code LIKE 'P%%')")
    if applied != total:
        raise RuntimeError(f"the cloud applied {applied} of {total} events")
    rate = total / wall
    log(f"push: {total} events in {wall:.1f} s = {rate:,.0f} events/s; batch p50 "
        f"{ms(percentile(latencies, 50))} ms, p99 {ms(percentile(latencies, 99))} ms; "
        f"CPU {cpu}")
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
            **{f"push_{k}": v for k, v in cpu.items()},
            "live_pushes": len(live), "live_push_ms_p50": ms(percentile(live, 50)),
            "live_push_ms_p99": ms(percentile(live, 99))}


# ---- 2. one till's backlog -------------------------------------------------------------------


def backlog_drain(url: str, base_url: str, sizes: Sizes, templates: list[list[dict[str, Any]]],
                  directory: Path) -> dict[str, Any]:
    from dataclasses import replace

    from contract.demo import DEMO_MEMBERS, DEMO_STORE
    from pos_app.store import db, demo, sync_state, terminal
    from sync.client import SyncClient, SyncReport

    engine = db.open_database(directory / "backlog-till.db")
    try:
        demo.seed_demo(engine=engine)
        terminal.set_store_info(engine=engine, info=replace(DEMO_STORE,
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
        pending = sync_state.backlog(engine=engine, terminal_code="B01")
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


def catalog_pull(url: str, base_url: str, sizes: Sizes, directory: Path, *,
                 cloud_pid: int | None = None) -> dict[str, Any]:
    from dataclasses import replace

    from contract.demo import DEMO_STORE
    from pos_app.config import SyncConfig
    from pos_app.interpreter import freeze_startup, tune_interpreter
    from pos_app.store import catalog, db, terminal
    from sync.client import SyncClient, SyncReport

    tune_interpreter()  # as the till runs (``pos_app.__main__``)
    t0 = time.perf_counter()
    bulk_products(url, sizes.products)
    load = time.perf_counter() - t0
    freeze_startup()  # as the till does once its window is up
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
            meter = CpuMeter(cloud_pid=cloud_pid, url=url)
            meter.start()
            t0 = time.perf_counter()
            client.pull(report, progress=on_progress)
            pull = time.perf_counter() - t0
            cpu = meter.stop(units=max(1, sizes.products), unit="product")
        local = catalog.product_count(engine=engine)
    finally:
        engine.dispose()
    pages = transport.paths["/v1/pull/products"]
    pulled = report.pulled.get("products", 0)
    if pulled != in_cloud or local != in_cloud or report.rejected:
        raise RuntimeError(f"pulled {pulled}, till has {local}, cloud {in_cloud}; "
                           f"stopped at {list(report.rejected.values())}")
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
            "catalog_streams_pulled": {k: v for k, v in report.pulled.items() if v},
            # The till's CPU (this process: fetching, checking, SQLite) and the cloud's.
            **{f"catalog_{k}": v for k, v in cpu.items() if not k.startswith("cpu_ms")}}


# ---- the run ---------------------------------------------------------------------------------


def run(*, skus: int, small: bool, terminals: int | None = None,
        workers: int | None = None, only: str | None = None) -> dict[str, object]:
    """All three parts, or ``only`` one of them (``push``, ``backlog``, ``catalog``)."""
    from sync.testing.cloud_process import SERVE_COMMAND, CloudProcess
    from sync.testing.postgres import require_postgres, throwaway_database

    sizes = pick_sizes(skus=skus, small=small, terminals=terminals, workers=workers)
    version = require_postgres()
    log(f"PostgreSQL {version}; {sizes}")
    result: dict[str, object] = {"terminals": sizes.terminals, "workers": sizes.workers,
                                 "stores": store_count(sizes.terminals), "batch": BATCH,
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
                result.update(push_throughput(url, cloud.base_url, sizes, cloner,
                                              cloud_pid=cloud.pid))
            if only in (None, "backlog"):
                result.update(backlog_drain(url, cloud.base_url, sizes, templates, directory))
            if only in (None, "catalog"):
                result.update(catalog_pull(url, cloud.base_url, sizes, directory,
                                           cloud_pid=cloud.pid))
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
