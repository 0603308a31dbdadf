"""The catalog's tables: products, their barcodes, import runs, the store's identity row.

The products' full-text index (``product_fts``, FTS5) is not a table class: its DDL and
queries are in ``pos_app.store.raw_sql``.
"""

from __future__ import annotations

from sqlmodel import Field

from pos_app.store.models.base import LocalTable, db_default, table_of


class Product(LocalTable, table=True):
    __tablename__ = "product"

    id: int | None = Field(default=None, primary_key=True)
    sku: str = Field(unique=True)
    name: str
    name_en: str = ""
    category: str = Field(default="", index=True)
    unit: str = ""
    price_fen: int
    tax_rate_bp: int = 1300
    is_weighed: bool = False
    age_restricted: bool = False
    active: bool = True
    pinyin: str = ""
    initials: str = ""
    brand: str = Field(default="", index=True, sa_column_kwargs=db_default(""))
    cost_fen: int = Field(default=0, sa_column_kwargs=db_default(0))  # 0: cost unknown


class Barcode(LocalTable, table=True):
    __tablename__ = "barcode"

    code: str = Field(primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)


class CatalogImport(LocalTable, table=True):
    """A products import, written in chunks: ``finished_at`` stays empty when it stopped."""

    __tablename__ = "catalog_import"

    id: int | None = Field(default=None, primary_key=True)
    source: str
    rows_total: int
    rows_done: int
    started_at: str
    finished_at: str | None = None


class StoreInfoRow(LocalTable, table=True):
    """The one row of the store's and terminal's identity (id 1)."""

    __tablename__ = "store_info"

    id: int = Field(default=1, primary_key=True)
    store_code: str
    store_name: str
    store_address: str = ""
    terminal_code: str
    tax_mode: str = "inclusive"
    cash_rounding: str = "none"
    footer: str = ""


product = table_of(Product)
barcode = table_of(Barcode)
catalog_import = table_of(CatalogImport)
store_info = table_of(StoreInfoRow)
