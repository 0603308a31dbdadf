"""Label prints and markdown labels: record, "price changed since the last print", the
product of a markdown label's base code, and the markdowns sold in a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine, and_, delete, func, insert, select

from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.store.catalog import get_product
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import label_print, markdown_label, product, sale
from pos_app.store.reports import closed_between, markdown_lines

LabelKind = Literal["shelf", "markdown"]
MAX_ITEM = 99_999  # five item digits: markdown numbers are reused in this cycle
_lp, _md, _p, _s = label_print.c, markdown_label.c, product.c, sale.c


def record_prints(*, engine: Engine, prints: list[tuple[int, int, LabelKind]],
                  now: datetime) -> None:
    """Record labels printed: (product id, price in fen, kind) each."""
    if not prints:
        return
    with write_tx(engine) as conn:
        conn.execute(insert(label_print), [
            {"product_id": pid, "price_fen": fen, "kind": kind, "printed_at": now.isoformat()}
            for pid, fen, kind in prints])


def price_changed(*, engine: Engine, limit: int = 200) -> list[ProductInfo]:
    """Active products whose price differs from the one on their last shelf label."""
    last = (select(func.max(_lp.id).label("id")).where(_lp.kind == "shelf")
            .group_by(_lp.product_id).subquery())
    query = (select(_p.id)
             .select_from(label_print.join(last, last.c.id == _lp.id)
                          .join(product, _p.id == _lp.product_id))
             .where(_p.price_fen != _lp.price_fen, _p.active)
             .order_by(_p.sku).limit(limit))
    with read_tx(engine) as conn:
        ids = [int(r[0]) for r in conn.execute(query)]
    found = (get_product(engine=engine, product_id=pid) for pid in ids)
    return [p for p in found if p is not None]


def last_printed_price(*, engine: Engine, product_id: int) -> Money | None:
    """The price on the product's last shelf label (None: never printed)."""
    with read_tx(engine) as conn:
        fen = conn.execute(select(_lp.price_fen).where(
            _lp.product_id == product_id, _lp.kind == "shelf")
            .order_by(_lp.id.desc()).limit(1)).scalar()
    return None if fen is None else Money(int(fen))


def next_markdown_item(*, engine: Engine) -> int:
    """The item number for the next markdown label (1..MAX_ITEM, then from 1 again)."""
    with read_tx(engine) as conn:
        last = conn.execute(select(_md.label_code, _md.base_code)
                            .order_by(_md.id.desc()).limit(1)).first()
    return 1 if last is None else int(last[1][2:7]) % MAX_ITEM + 1


@dataclass(frozen=True, slots=True)
class MarkdownRecord:
    """A markdown label as printed: its product, regular and marked-down totals, weight."""

    label_code: str
    product_id: int
    regular: Money
    price: Money
    weight_g: int | None


def save_markdown(*, engine: Engine, base_code: str, record: MarkdownRecord,
                  now: datetime) -> None:
    """Keep a markdown label (replacing an older label with the same item number)."""
    with write_tx(engine) as conn:
        conn.execute(delete(markdown_label).where(_md.base_code == base_code))
        conn.execute(insert(markdown_label), {
            "base_code": base_code, "label_code": record.label_code,
            "product_id": record.product_id, "regular_fen": record.regular.fen,
            "price_fen": record.price.fen, "weight_g": record.weight_g,
            "created_at": now.isoformat()})


def markdown_by_base(*, engine: Engine, base_code: str) -> MarkdownRecord | None:
    """The markdown label with this base code (indexed; the sale scanner's lookup)."""
    with read_tx(engine) as conn:
        row = conn.execute(select(_md.label_code, _md.product_id, _md.regular_fen,
                                  _md.price_fen, _md.weight_g)
                           .where(_md.base_code == base_code)).first()
    if row is None:
        return None
    return MarkdownRecord(row[0], int(row[1]), Money(int(row[2])), Money(int(row[3])),
                          None if row[4] is None else int(row[4]))


@dataclass(frozen=True, slots=True)
class MarkdownSales:
    """Markdown labels sold in a period: lines, what they sold for, how much below list."""

    lines: int
    sold: Money
    markdown: Money


def markdown_sales(*, engine: Engine, prefix: str, start: datetime,
                   end: datetime) -> MarkdownSales:
    """Completed sales' lines scanned from a markdown label (``prefix``, 13 digits) between
    ``start`` and ``end`` (``reports.markdown_lines``: the sales report's figure too)."""
    done = and_(closed_between(start, end), _s.state == "completed")
    with read_tx(engine) as conn:
        n, sold, markdown = markdown_lines(conn, done, prefix)
    return MarkdownSales(n, sold, markdown)
