"""Data for the sync benchmark (``bench.sync``): the sizes, sales rung up at a real demo till
and cloned (``template_sales``, ``Cloner``), the cloud's bulk loads with COPY (members,
products), its preparation and enrolled tills (``prepare_cloud``, ``enroll_terminal``), and a
till's prefilled outbox (``prefill_outbox``).
"""

from __future__ import annotations

import csv
import json
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

TILLS_PER_STORE = 5
CST = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Sizes:
    terminals: int
    events_per_terminal: int
    backlog: int
    products: int
    members: int
    workers: int


def pick_sizes(*, skus: int, small: bool, terminals: int | None, workers: int | None) -> Sizes:
    return Sizes(terminals=terminals or (5 if small else 50),
                 events_per_terminal=400 if small else 1_000,
                 backlog=2_000 if small else 50_000, products=skus,
                 members=2_000 if small else 20_000, workers=workers or 4)


# ---- what the till writes --------------------------------------------------------------------


def _piece_barcodes() -> list[str]:
    """Barcodes of the demo products sold by the piece, not age restricted."""
    from contract.demo import DEMO_CSV

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
    """``n`` members imported at HQ (COPY into the member table and its change log, in the
    form tills get: ``lookup.member_data``)."""
    from sync.server.changes import ChangeSet, flush, to_json
    from sync.server.db import open_engine, write_tx
    from sync.server.lookup import lookup_secret, member_data

    now = datetime.now(UTC)
    ids = [f"M-B{i:07d}" for i in range(1, n + 1)]
    engine = open_engine(url, pool_size=1)
    try:
        with write_tx(engine) as sa_conn:
            changes = ChangeSet()
            secret = lookup_secret(sa_conn, now=now, changes=changes)
            flush(sa_conn, changes)
    finally:
        engine.dispose()
    with _pg_conn(url) as conn:
        first = _next_seq(conn, "members")
        rows = [(mid, f"139{i:08d}", f"会员{i}", "regular", f"87{i:08d}", None, 1000, 1000,
                 "cloud", now, now) for i, mid in enumerate(ids, 1)]
        _copy(conn, "member", ("member_id", "phone", "name", "tier", "card_no", "birthday",
                               "opening_points", "points_balance", "source", "created_at",
                               "updated_at"), iter(rows))
        _copy(conn, "change_log", ("stream", "store_id", "key", "seq", "op", "data"), (
            ("members", 0, r[0], first + k, "upsert", to_json(member_data({
                "phone": r[1], "name": r[2], "tier": r[3], "card_no": r[4], "birthday": None,
                "points_balance": r[7]}, secret))) for k, r in enumerate(rows)))
        _bump_counter(conn, "members", 0, first + n - 1)
    return ids


def bulk_products(url: str, n: int, *, seed: int = 11) -> int:
    """``n`` synthetic products (realistic Chinese names, one GTIN each) loaded with COPY into
    product, product_barcode and the products change log, as ``catalog.put_products`` would
    record them (with the pinyin it works out); returns the last change seq."""
    from contract.pinyin import name_pinyin
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
    from cryptography.fernet import Fernet

    from sync.server.admin import create_store
    from sync.server.db import migrate, open_engine
    from sync.server.key_vault import KeyVault
    from sync.server.seed import seed_demo

    # A throwaway database: its signing keys are sealed with a throwaway key (no key file).
    vault = KeyVault((Fernet.generate_key(),), "the benchmark")

    engine = open_engine(url, pool_size=2)
    try:
        migrate(engine)
        now = datetime.now(UTC).replace(microsecond=0)
        seed_demo(engine, now=now, vault=vault)
        for k in range(2, store_count(sizes.terminals) + 1):
            create_store(engine, code=f"S{k:03d}", name=f"门店{k}", now=now, vault=vault)
    finally:
        engine.dispose()
    return bulk_members(url, sizes.members)


def store_count(terminals: int) -> int:
    return max(1, -(-terminals // TILLS_PER_STORE))


def enroll_terminal(url: str, base_url: str, store_code: str, terminal_code: str) -> Any:
    """A new terminal's credential: an HQ enrollment code spent over HTTP."""
    from contract.protocol import EnrollRequest
    from sync.client import enroll
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



# ---- a till's queued outbox ----------------------------------------------------------------------


def prefill_outbox(engine: Any, cloner: Cloner, *, store_code: str, terminal_code: str,
                   n: int) -> None:
    """``n`` events queued in the till's outbox as the till writes them (with the pending
    points entries of its points events), seqs 1..n, through the store's own writers."""
    from pos_app.store.db import write_tx
    from pos_app.store.members import PointsRecord, insert_points
    from pos_app.store.outbox import append_event

    events = cloner.events(store_code, terminal_code, n)
    with write_tx(engine) as conn:
        for type_, version, payload, created_at in events:
            append_event(conn, store_code=store_code, terminal_code=terminal_code, type=type_,
                         version=version, payload=payload, created_at=created_at)
            if type_ == "points.transaction":
                insert_points(conn, [PointsRecord(
                    entry_uuid=payload["entry_uuid"], member_id=payload["member_id"],
                    kind=payload["kind"], points=payload["points"],
                    business_date=payload["business_date"], reason=payload["reason"])],
                    sale_uuid=payload["sale_uuid"], at=created_at)
