"""Open the database and build the services a window needs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from pos_app.config import Settings
from pos_app.core.store_info import StoreInfo
from pos_app.services.checkout import CheckoutService
from pos_app.services.products import ProductService
from pos_app.store import db, terminal

log = logging.getLogger(__name__)

# A terminal that was never configured still sells; the first-run wizard replaces this.
UNCONFIGURED = StoreInfo(
    store_code="S000", store_name="O2O POS", store_address="", terminal_code="T00"
)


@dataclass(slots=True)
class Services:
    """Everything the cashier window calls."""

    engine: Engine
    checkout: CheckoutService
    products: ProductService

    def close(self) -> None:
        """Release the database."""
        self.engine.dispose()


def open_services(
    *, db_path: Path, settings: Settings, demo: bool = False, receipt_locale: str = "zh_CN"
) -> Services:
    """Migrate then open the database (no catalog loading), seeding demo data if asked."""
    engine = db.open_engine(Path(db_path))
    try:
        # Alembic's full upgrade costs a few hundred ms even with nothing to do.
        if db.current_revision(engine) != db.head_revision():
            db.migrate(engine)
        if demo:
            _seed_demo_if_empty(engine)
        info = (
            terminal.get_store_info(engine=engine)
            if terminal.has_store_info(engine=engine)
            else UNCONFIGURED
        )
        checkout = CheckoutService(
            engine=engine,
            store_info=info,
            cashier=settings.cashier_name,
            min_scan_length=settings.scan_min_length,
            receipt_locale=receipt_locale,
        )
        products = ProductService(engine=engine, page_size=settings.search_page_size)
    except BaseException:
        engine.dispose()
        raise
    return Services(engine=engine, checkout=checkout, products=products)


def _seed_demo_if_empty(engine: Engine) -> None:
    from pos_app.store import catalog, demo

    if catalog.product_count(engine=engine) == 0:
        log.info("seeding the demo store")
        demo.seed_demo(engine=engine)
