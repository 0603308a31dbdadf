"""Shared fixtures: a real temporary SQLite store seeded with the demo data plus known items."""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported by the fixtures, once the environment below is set
    from sqlalchemy import Engine

    from contract.products import ProductRow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The cloud's key-encryption key (sync.server.key_vault) for every test and every cloud
# process a test starts: a cloud in a test never writes a key file into a user's data dir.
os.environ.setdefault("POS_CLOUD_KEY_ENCRYPTION_KEY", base64.urlsafe_b64encode(
    os.urandom(32)).decode("ascii"))

# Known test products on top of the demo catalog (barcodes valid GTIN-13, prefix 699 unused).
COLA = "6990000000015"
TEA = "6990000000022"
CHIPS = "6990000000039"
UNKNOWN = "6990000009995"  # valid check digit, in no catalog
INACTIVE = "6990000000046"
APPLES_BASE = "2712345000000"  # weight label base code: prefix 27, PLU 12345, value zeroed
APPLES_LABEL_350G = "2712345003506"  # 0.350 kg
BANANA_BASE = "2054321000001"  # price label base code: prefix 20, PLU 54321
BANANA_LABEL_1234 = "2054321012349"  # ¥12.34 printed by the scale


def _test_rows() -> list[ProductRow]:
    from contract.products import ProductRow

    return [
        ProductRow(sku="T-COLA", name="可口可乐 330ml 测试", name_en="Coca-Cola 330ml test",
                   price_fen=350, unit="罐", barcodes=(COLA,)),
        ProductRow(sku="T-TEA", name="康师傅冰红茶 测试", name_en="Ice tea test",
                   price_fen=300, unit="瓶", barcodes=(TEA,)),
        ProductRow(sku="T-CHIPS", name="乐事薯片 测试", name_en="Lay's chips test",
                   price_fen=750, unit="袋", tax_rate_bp=1300, barcodes=(CHIPS,)),
        ProductRow(sku="T-OLD", name="停售商品 测试", name_en="Discontinued test",
                   price_fen=100, active=False, barcodes=(INACTIVE,)),
        ProductRow(sku="T-APPLE", name="红富士苹果 测试", name_en="Fuji apples test",
                   price_fen=1280, unit="kg", tax_rate_bp=900, is_weighed=True,
                   barcodes=(APPLES_BASE,)),
        ProductRow(sku="T-BANANA", name="香蕉 测试", name_en="Bananas test",
                   price_fen=698, unit="kg", tax_rate_bp=900, is_weighed=True,
                   barcodes=(BANANA_BASE,)),
    ]


@pytest.fixture(scope="session", autouse=True)
def own_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """User directories of this test run only: nothing reads or writes the real user's data
    (``~/.local/share/o2o-pos``), and two runs at once never share a settings file, a
    credential or a cloud database. ``POS_*`` settings of the shell are not inherited; the
    PostgreSQL server the tests use (``POS_TEST_PG_URL``) is."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        for name in list(os.environ):
            if name.startswith(("POS_", "O2O_")) and name != "POS_TEST_PG_URL":
                mp.delenv(name)
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"),
                         ("XDG_RUNTIME_DIR", "runtime")):
            (home / sub).mkdir(mode=0o700)
            mp.setenv(var, str(home / sub))
        mp.setenv("POS_DATA_DIR", str(home / "data" / "o2o-pos"))
        yield home


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, demo-seeded database file built once per session."""
    from pos_app.store import catalog, db

    path = tmp_path_factory.mktemp("template") / "store.db"
    engine = db.open_database(path)
    try:
        from pos_app.store import demo

        demo.seed_demo(engine=engine)
        catalog.upsert_products(engine=engine, rows=_test_rows())
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path


@pytest.fixture
def db_path(demo_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "store.db"
    shutil.copyfile(demo_db_template, path)
    return path


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    """An engine on the per-test database."""
    from pos_app.store import db

    eng = db.open_database(db_path)
    yield eng
    eng.dispose()
