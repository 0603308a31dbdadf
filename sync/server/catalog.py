"""Chain reference data written by HQ: products, tiers, promotions, members and opening stock.
Each writer updates its table and queues the matching stream changes in the caller's
transaction (``changes.flush`` before commit)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, delete, select

from contract.members import MemberRecord, TierRecord
from contract.pinyin import name_pinyin
from contract.products import (
    ImportReport,
    ProductRow,
    RowError,
    decode_csv_bytes,
    parse_products_csv,
)
from sync.server.batch import ledger_points
from sync.server.changes import ChangeSet, flush
from sync.server.db import insert_new, upsert, write_tx
from sync.server.ledger_tables import stock_balance, stock_movement
from sync.server.lookup import lookup_secret, member_data
from sync.server.tables import claim, member, product, product_barcode, promotion, tier

CHUNK = 5000
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def product_data(row: ProductRow) -> dict[str, Any]:
    """A product as the ``products`` stream carries it."""
    return {"name": row.name, "name_en": row.name_en, "unit": row.unit,
            "price_fen": row.price_fen, "tax_rate_bp": row.tax_rate_bp,
            "is_weighed": row.is_weighed, "age_restricted": row.age_restricted,
            "category": row.category, "brand": row.brand, "active": row.active,
            "cost_fen": row.cost_fen or 0,
            "barcodes": list(dict.fromkeys(row.barcodes)),
            # Worked out once here rather than on every till (most of indexing a name).
            "pinyin": name_pinyin(row.name)}


def barcodes_taken(conn: Connection, rows: Sequence[ProductRow]) -> list[tuple[str, str, str]]:
    """(code, wanted by sku, owned by sku) for barcodes the database has on another SKU."""
    wanted = {code: row.sku for row in rows for code in row.barcodes}
    clashes = []
    for codes in chunks(list(wanted), 1000):
        for code, owner in conn.execute(select(product_barcode.c.code, product_barcode.c.sku)
                                        .where(product_barcode.c.code.in_(codes))):
            if owner != wanted[code]:
                clashes.append((code, wanted[code], owner))
    return clashes


def _with_costs(conn: Connection, rows: Sequence[ProductRow]) -> list[ProductRow]:
    """Rows whose cost was not given keep the cost the cloud has (0 for a new product)."""
    missing = [r.sku for r in rows if r.cost_fen is None]
    known: dict[str, int] = {}
    if missing:
        known = {sku: int(cost) for sku, cost in conn.execute(select(
            product.c.sku, product.c.cost_fen).where(product.c.sku.in_(missing)))}
    return [r if r.cost_fen is not None else replace(r, cost_fen=known.get(r.sku, 0))
            for r in rows]


def put_products(conn: Connection, rows: Sequence[ProductRow], *, now: datetime) -> None:
    """Insert or update products by SKU (their barcodes replaced), a chunk at a time."""
    for given in chunks(rows):
        part = _with_costs(conn, given)
        upsert(conn, product, [{
            "sku": r.sku, "name": r.name, "name_en": r.name_en, "unit": r.unit,
            "price_fen": r.price_fen, "tax_rate_bp": r.tax_rate_bp, "is_weighed": r.is_weighed,
            "age_restricted": r.age_restricted, "category": r.category, "brand": r.brand,
            "active": r.active, "cost_fen": r.cost_fen, "updated_at": now} for r in part],
            keys=("sku",))
        conn.execute(delete(product_barcode).where(
            product_barcode.c.sku.in_([r.sku for r in part])))
        codes = [{"code": c, "sku": r.sku} for r in part for c in dict.fromkeys(r.barcodes)]
        if codes:
            conn.execute(product_barcode.insert(), codes)
        changes = ChangeSet()
        for r in part:
            changes.upsert("products", r.sku, product_data(r))
        flush(conn, changes)


def delete_products(conn: Connection, skus: Sequence[str]) -> None:
    """Remove products (terminals get tombstones)."""
    conn.execute(delete(product_barcode).where(product_barcode.c.sku.in_(skus)))
    conn.execute(delete(product).where(product.c.sku.in_(skus)))
    changes = ChangeSet()
    for sku in skus:
        changes.delete("products", sku)
    flush(conn, changes)


def import_products_csv(engine: Engine, *, path: Path, now: datetime) -> ImportReport:
    """Import a product CSV (the terminal's format) all or nothing."""
    try:
        rows, errors = parse_products_csv(decode_csv_bytes(Path(path).read_bytes()))
    except OSError as exc:
        return ImportReport(0, [RowError(0, "csv.file_unreadable",
                                         {"path": str(path), "reason": exc.strerror or ""})])
    if errors:
        return ImportReport(0, errors)
    products = [r for _, r in rows]
    lines = {r.sku: line for line, r in rows}
    with write_tx(engine) as conn:
        clashes = barcodes_taken(conn, products)
        if clashes:
            return ImportReport(0, sorted(
                (RowError(lines[sku], "csv.barcode_taken", {"code": code, "sku": owner})
                 for code, sku, owner in clashes), key=lambda e: e.line))
        put_products(conn, products, now=now)
    return ImportReport(len(products), [])


def put_tiers(conn: Connection, tiers: Sequence[TierRecord]) -> None:
    """Insert or replace tiers."""
    rows: list[dict[str, Any]] = [{
        "code": t.code, "rank": t.rank, "name_zh": t.name_zh, "name_en": t.name_en,
        "discount_bp": t.discount_bp, "points_multiplier_bp": t.points_multiplier_bp,
        "birthday_bonus_points": t.birthday_bonus_points,
        "birthday_discount_bp": t.birthday_discount_bp,
        "qualify_spend_fen": t.qualify_spend_fen, "qualify_points": t.qualify_points}
        for t in tiers]
    upsert(conn, tier, rows, keys=("code",))
    changes = ChangeSet()
    for row in rows:
        changes.upsert("tiers", row["code"], {k: v for k, v in row.items() if k != "code"})
    flush(conn, changes)


def put_promotions(conn: Connection, promotions: Mapping[str, Mapping[str, Any]], *,
                   now: datetime) -> None:
    """Insert or replace promotions: promo_id → ``promotion_to_dict`` without promo_id."""
    upsert(conn, promotion, [
        {"promo_id": pid, "kind": str(data["kind"]), "updated_at": now,
         "data": json.dumps(data, ensure_ascii=False, sort_keys=True)}
        for pid, data in promotions.items()], keys=("promo_id",))
    changes = ChangeSet()
    for pid, data in promotions.items():
        changes.upsert("promotions", pid, data)
    flush(conn, changes)


def put_members(conn: Connection, members: Sequence[MemberRecord], *, now: datetime) -> None:
    """Import members; ``points_confirmed`` of a record is its opening balance (from the
    system they come from). The cloud balance adds every ledger entry on top. Tills get
    them as ``lookup.member_data`` (masked and hashed)."""
    changes = ChangeSet()
    secret = lookup_secret(conn, now=now, changes=changes)
    for m in members:
        old = conn.execute(select(member.c.opening_points, member.c.points_balance).where(
            member.c.member_id == m.member_id).with_for_update()).first()
        balance = (old.points_balance - old.opening_points if old is not None
                   else ledger_points(conn, m.member_id)) + m.points_confirmed
        row = {"member_id": m.member_id, "phone": m.phone, "name": m.name, "tier": m.tier,
               "card_no": m.card_no, "birthday": m.birthday, "consent_at": m.consent_at,
               "opening_points": m.points_confirmed, "points_balance": balance,
               "source": "cloud", "created_at": now, "updated_at": now}
        upsert(conn, member, [row], keys=("member_id",),
               update=[c for c in row if c not in ("member_id", "created_at")])
        insert_new(conn, claim, {"kind": "phone", "key": m.phone, "owner": m.member_id})
        changes.upsert("members", m.member_id, member_data(row, secret))
    flush(conn, changes)


def add_stock(conn: Connection, *, store_id: int, moves: Sequence[tuple[str, int]],
              reason: str, now: datetime) -> None:
    """Stock movements made at HQ (opening stock, goods received centrally)."""
    source = str(uuid.uuid4())
    conn.execute(stock_movement.insert(), [
        {"store_id": store_id, "event_uuid": source, "line_no": n, "sku": sku, "delta": delta,
         "reason": reason, "terminal_id": "", "created_at": now.isoformat(),
         "received_at": now} for n, (sku, delta) in enumerate(moves, 1)])
    changes = ChangeSet()
    for sku, delta in sorted(moves):  # the order pushes lock balances in
        old = conn.execute(select(stock_balance.c.on_hand).where(
            stock_balance.c.store_id == store_id, stock_balance.c.sku == sku)
            .with_for_update()).scalar()
        on_hand = (old or 0) + delta
        upsert(conn, stock_balance, [{"store_id": store_id, "sku": sku, "on_hand": on_hand,
                                      "updated_at": now}], keys=("store_id", "sku"))
        changes.upsert("stock", sku, {"on_hand": on_hand}, store_id=store_id)
    flush(conn, changes)
