"""The stock tables: the append-only ledger, its running balance, what retention carried
forward, and the cloud's balances as pulled."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of


class StockMovement(LocalTable, table=True):
    """Append-only stock ledger: one row per delta (pieces, or grams when weighed)."""

    __tablename__ = "stock_movement"
    __table_args__ = (
        Index("ix_stock_movement_product_id", "product_id", "id"),
        Index("ix_stock_movement_product_id_event_seq", "product_id", "event_seq"),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id")
    delta: int
    reason: str
    sale_id: int | None = Field(default=None, foreign_key="sale.id", index=True)
    created_at: str
    event_seq: int | None = None  # the outbox event telling the cloud (None: local only)


class StockBalance(LocalTable, table=True):
    """Running sum of the ledger per product, so on-hand is one indexed read."""

    __tablename__ = "stock_balance"

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    on_hand: int = 0


class StockCarried(LocalTable, table=True):
    """Per product, the sum of the stock movements retention deleted with their old sales:
    the ledger (movements + this) still sums to the balance."""

    __tablename__ = "stock_carried"

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    delta: int


class RetentionGate(LocalTable, table=True):
    """Holds a row only inside the retention's own transaction: the triggers that keep closed
    sales and the stock ledger undeletable let that transaction through (migration 0010)."""

    __tablename__ = "retention_gate"

    id: int = Field(primary_key=True)


class StockCloud(LocalTable, table=True):
    """The cloud's stock balance of this store per SKU, as last pulled; ``basis_seq`` is the
    cloud's cursor for this terminal then (its balance holds our movements up to there)."""

    __tablename__ = "stock_cloud"

    sku: str = Field(primary_key=True)
    on_hand: int
    basis_seq: int
    updated_at: str


stock_movement = table_of(StockMovement)
stock_balance = table_of(StockBalance)
stock_carried = table_of(StockCarried)
retention_gate = table_of(RetentionGate)
stock_cloud = table_of(StockCloud)
