"""Label printing: what was printed at which price, and the store's markdown labels."""

from __future__ import annotations

from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of


class LabelPrint(LocalTable, table=True):
    """A label printed for a product at a price ("price changed since the last print")."""

    __tablename__ = "label_print"

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    kind: str  # "shelf" | "markdown"
    price_fen: int
    printed_at: str


class MarkdownLabel(LocalTable, table=True):
    """A markdown label's item number: its base code (price digits zeroed) finds the product;
    ``item`` numbers are reused in a cycle, the newest label of a number wins."""

    __tablename__ = "markdown_label"

    id: int | None = Field(default=None, primary_key=True)
    base_code: str = Field(unique=True)
    label_code: str
    product_id: int = Field(foreign_key="product.id")
    regular_fen: int
    price_fen: int
    weight_g: int | None = None
    created_at: str


label_print = table_of(LabelPrint)
markdown_label = table_of(MarkdownLabel)
