"""Store fixtures: a freshly migrated empty database and sale-record builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pos_app.store import db
from pos_app.store.sales import SaleLineRecord, SaleRecord, TenderRecord

T0 = datetime(2024, 11, 22, 9, 30, tzinfo=UTC)


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated database with no data."""
    eng = db.open_database(tmp_path / "empty.db")
    yield eng
    eng.dispose()


SaleFactory = Callable[..., SaleRecord]


@pytest.fixture
def make_sale() -> SaleFactory:
    """Builder of paid sale records (see ``sale_record``)."""
    return sale_record


def sale_record(
    lines: list[tuple[int | None, int, int]], *, uuid: str, terminal: str = "T01",
    store: str = "S001",
) -> SaleRecord:
    """A paid sale of ``(product_id, qty, unit_price_fen)`` lines, cash tendered exactly."""
    recs = [
        SaleLineRecord(product_id=pid, sku=f"SKU{pid}", name=f"商品{pid}", qty=qty,
                       unit_price_fen=price, gross_fen=qty * price, net_fen=qty * price,
                       tax_rate_bp=1300, scanned_code="")
        for pid, qty, price in lines
    ]
    total = sum(r.net_fen for r in recs)
    return SaleRecord(
        sale_uuid=uuid, store_code=store, terminal_code=terminal, opened_at=T0, closed_at=T0,
        lines=recs, tenders=[TenderRecord(kind="cash", amount_fen=total, tendered_fen=total)],
        cashier="001", item_count=sum(q for _, q, _ in lines), subtotal_fen=total,
        total_fen=total, paid_fen=total,
    )
