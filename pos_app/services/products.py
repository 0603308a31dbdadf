"""Catalog use cases for the UI: search a page of products, import a products CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from contract.products import ImportReport
from pos_app.core.product import ProductInfo
from pos_app.core.text import require_clean
from pos_app.services.chain_stock import ChainStockService
from pos_app.store import catalog
from pos_app.store.catalog_import import ImportRun, unfinished_import
from pos_app.store.csv_import import import_products_csv


class ProductService:
    """Reads are bounded (safe on the UI thread); ``import_csv`` is a write (worker thread)."""

    def __init__(self, *, engine: Engine, page_size: int = 50,
                 chain: ChainStockService | None = None) -> None:
        self._engine = engine
        self.page_size = page_size
        self.chain = chain  # the other stores' stock (None: a till without a cloud)

    def search(self, query: str) -> list[ProductInfo]:
        """One page of active products matching barcode, SKU, name, pinyin or initials;
        ``PosError("search.text_invalid")`` for a control character."""
        require_clean(query, key="search.text_invalid")
        return catalog.search_products(engine=self._engine, query=query, limit=self.page_size)

    def import_csv(
        self, path: Path, progress: Callable[[int, int], None] | None = None
    ) -> ImportReport:
        """Validate and import a products CSV; any bad row → nothing imported. Written in
        chunks that give way to sales: run it on a thread of its own, not the writer's."""
        return import_products_csv(engine=self._engine, path=Path(path), progress=progress)

    def unfinished_import(self) -> ImportRun | None:
        """The last import when it stopped mid-way (one indexed row; safe on the UI thread)."""
        return unfinished_import(engine=self._engine)

    def count(self) -> int:
        """Number of products (a full count: not for the start-up path)."""
        return catalog.product_count(engine=self._engine)

    def on_hand(self, product_id: int) -> int:
        """This store's stock of a product (pieces, grams when weighed): one key read."""
        return catalog.on_hand(engine=self._engine, product_id=product_id)

    def by_code(self, code: str) -> ProductInfo | None:
        """The product of a scanned barcode or a typed SKU (None when there is none)."""
        code = code.strip()
        if not code or any(ord(c) < 32 for c in code):
            return None
        return (catalog.find_by_barcode(engine=self._engine, code=code)
                or catalog.get_product_by_sku(engine=self._engine, sku=code))

    def name_of_sku(self, sku: str, lang: str) -> str:
        """The display name of the product with ``sku`` (the SKU itself if unknown)."""
        product = catalog.get_product_by_sku(engine=self._engine, sku=sku)
        return product.display_name(lang) if product is not None else sku
