"""Open the database and build the services a window needs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from pos_app.config import Settings
from pos_app.core.clock import StoreClock
from pos_app.core.payment import SimulatedPaymentProvider
from pos_app.core.store_info import StoreInfo
from pos_app.services.chain_stock import ChainStockService
from pos_app.services.checkout import CheckoutService
from pos_app.services.cloud_lookup import sync_lookup
from pos_app.services.loyalty import LoyaltyService
from pos_app.services.products import ProductService
from pos_app.services.reference import reference_loader
from pos_app.services.reports import ReportService
from pos_app.services.returns import ReturnService
from pos_app.services.shifts import ShiftService
from pos_app.services.staff import StaffService
from pos_app.services.sync_service import SyncService
from pos_app.store import db, terminal
from pos_app.store.maintenance import StoreMaintenance
from pos_app.store.retention import RetentionPolicy

if TYPE_CHECKING:
    import httpx

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
    sync: SyncService
    maintenance: StoreMaintenance
    clock: StoreClock  # the store's time zone: what the window shows times in
    staff: StaffService
    shifts: ShiftService
    reports: ReportService
    returns: ReturnService
    demo: bool = False  # seeded as the demo store: its sign-in screen shows the demo PINs

    def start_background(self) -> None:
        """Start the sync worker and the store's idle worker (checkpoints, retention)."""
        self.sync.start()  # nothing happens until the till is enrolled
        self.maintenance.start()

    def close(self) -> None:
        """Stop syncing and the idle worker, and release the database."""
        self.sync.stop()
        self.maintenance.stop()
        self.engine.dispose()


def open_services(
    *, db_path: Path, settings: Settings, demo: bool = False, receipt_locale: str = "zh_CN",
    sync_transport: httpx.BaseTransport | None = None, clock: StoreClock | None = None,
) -> Services:
    """Migrate then open the database (no catalog loading), seeding demo data if asked.
    The sync service and the store's idle worker are built, not started
    (``services.start_background()``); every service takes the time from the store's
    clock (``settings.store_clock()``). ``sync_transport`` (an httpx transport) and
    ``clock`` are for tests."""
    clock = clock or settings.store_clock()
    db.secure_dir(settings.data_dir)  # 0700: members, sales, the cloud credential
    engine = db.open_engine(Path(db_path))
    try:
        # Alembic's full upgrade costs a few hundred ms even with nothing to do.
        if db.current_revision(engine) != db.head_revision():
            db.migrate(engine)
        if demo:
            _seed_demo_if_empty(engine, clock)
        info = (
            terminal.get_store_info(engine=engine)
            if terminal.has_store_info(engine=engine)
            else UNCONFIGURED
        )
        sync = SyncService(engine=engine, config=settings.sync, data_dir=settings.data_dir,
                           transport=sync_transport, clock=clock.now)
        staff = StaffService(engine=engine, store_info=info, clock=clock.now,
                             lock_minutes=settings.pin_lock_minutes)
        shifts = ShiftService(engine=engine, store_info=info, staff=staff, clock=clock.now)
        loyalty = LoyaltyService(engine=engine, store_info=info, clock=clock.now,
                                 is_online=sync.is_online)
        provider = SimulatedPaymentProvider()  # until the real providers arrive (issue 14)
        checkout = CheckoutService(
            engine=engine,
            store_info=info,
            cashier=settings.cashier_name,
            clock=clock.now,
            min_scan_length=settings.scan_min_length,
            receipt_locale=receipt_locale,
            loyalty=loyalty,
            staff=staff,
            shifts=shifts,
            payment_provider=provider,
        )
        returns = ReturnService(
            engine=engine, store_info=info, staff=staff, shifts=shifts, clock=clock.now,
            lookup=sync_lookup(sync, sync_transport), payment_provider=provider,
            coupon_keys=lambda: loyalty.keys)
        # Read on the sync worker, put in use on the UI thread (ui.sync_status.SyncBridge).
        sync.set_reference_loader(reference_loader(engine=engine))
        products = ProductService(
            engine=engine, page_size=settings.search_page_size,
            chain=ChainStockService(sync=sync, transport=sync_transport, clock=clock.now))
        maintenance = StoreMaintenance(engine=engine, clock=clock.now, policy=RetentionPolicy(
            print_bytes_days=settings.retention.print_bytes_days,
            acked_events_days=settings.sync.keep_acked_days,
            sales_days=settings.retention.sales_days))
    except BaseException:
        engine.dispose()
        raise
    return Services(engine=engine, checkout=checkout, products=products, sync=sync,
                    maintenance=maintenance, clock=clock, staff=staff, shifts=shifts,
                    reports=ReportService(engine=engine, clock=clock), returns=returns,
                    demo=demo)


def _seed_demo_if_empty(engine: Engine, clock: StoreClock) -> None:
    from pos_app.store import catalog, demo

    if catalog.product_count(engine=engine) == 0:
        log.info("seeding the demo store")
        demo.seed_demo(engine=engine, at=clock.now())
