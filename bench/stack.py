"""What the till runs with in a store, for the benchmarks that measure the till as a whole.

- ``working_db``: a private copy of the cached catalog (``.bench/skus-N.db`` stays clean),
  with the chain's member tiers, the demo members and ``bench.pricing.PROMOTIONS`` (500)
  active promotions.
- ``local_cloud``: ``make run``'s cloud — ``pos-cloud`` on SQLite, demo chain seeded — as
  a process on a free port, and the till enrolled to it (its credential in ``data_dir``).
- ``till_env``: the environment the till then runs with: ``--sim`` devices (camera and
  customer display included, as ``make run`` has them), sync pointed at that cloud.
"""

from __future__ import annotations

import dataclasses
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from bench import dataset
from bench.report import log

if TYPE_CHECKING:
    from sync.testing.cloud_process import CloudProcess

MEMBER_CARD = "8800000001"  # demo member M-DEMO-1 (金卡), scanned onto the sale
STORE, TERMINAL = "S001", "T01"


def working_db(skus: int, directory: Path, *, promoted_codes: Sequence[str] = ()) -> Path:
    """A copy of the ``skus`` catalog in ``directory`` with members and active promotions.

    ``promoted_codes``: barcodes whose products the SKU rules should favour (a sale week's
    basket leans towards promoted products); the rest are drawn from the whole catalog.
    """
    source = dataset.ensure_db(skus)
    path = directory / f"skus-{skus}-work.db"
    log(f"copying {source.name} to {path} (the cache stays clean)")
    src, dst = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    _add_loyalty(path, promoted_codes)
    return path


def _add_loyalty(path: Path, promoted_codes: Sequence[str]) -> None:
    from datetime import UTC, datetime

    from bench.pricing import promotions_for
    from pos_app.core.promo_codec import promotion_to_dict
    from pos_app.core.promotions import Validity
    from pos_app.store import catalog, db
    from pos_app.store.db import write_tx
    from pos_app.store.demo_loyalty import seed_loyalty
    from pos_app.store.promotions import PromotionRecord, put_promotions
    from pos_app.store.synthetic import CATEGORIES

    rng = random.Random(500)
    engine = db.open_database(path)
    try:
        favoured = [p for code in promoted_codes
                    if (p := catalog.find_by_barcode(engine=engine, code=code)) is not None]
        others = [p for r in dataset.sample_rows(path, "product", "id", 400, seed=5)
                  if (p := catalog.get_product(engine=engine, product_id=int(r[0])))
                  is not None]
        promoted = list({p.sku: p for p in [*favoured[:200], *others]}.values())
        rules = promotions_for(rng, promoted, categories=list(CATEGORIES),
                               brands=sorted({p.brand for p in promoted if p.brand}) or ["-"])
        # Every rule active now (the generator's sale-week dates are in 2024).
        rules = [dataclasses.replace(r, validity=Validity()) for r in rules]
        at = datetime.now(UTC).isoformat()
        with write_tx(engine) as conn:
            seed_loyalty(conn, at=at)  # tiers, the demo members, the chain's demo key
            put_promotions(conn, [PromotionRecord(p.promo_id, p.kind, {
                k: v for k, v in promotion_to_dict(p).items() if k not in ("promo_id", "kind")})
                for p in rules], at=at)
    finally:
        engine.dispose()
    log(f"{len(rules)} promotions (+ the demo ones) and the demo members added")


@contextmanager
def local_cloud(directory: Path) -> Iterator[CloudProcess]:
    """``make run``'s cloud on a free port (SQLite, demo chain), started; stopped after."""
    from sync.testing.cloud_process import CloudProcess

    cloud = CloudProcess(None, directory / "cloud")
    cloud.cli("seed-demo")
    cloud.start()
    log(f"local cloud at {cloud.base_url}")
    try:
        yield cloud
    finally:
        cloud.stop()


def enroll(cloud: CloudProcess, *, db_path: Path, data_dir: Path,
           terminal: str = TERMINAL) -> None:
    """Enroll the till (``pos enroll``) with a fresh code; its credential goes to data_dir."""
    code = cloud.cli("enroll-code", STORE).stdout.strip().split()[-1]
    done = subprocess.run(
        [sys.executable, "-m", "pos_app", "enroll", cloud.base_url, code,
         "--terminal", terminal, "--db", str(db_path)],
        env=till_env(data_dir, cloud.base_url), capture_output=True, text=True, check=False,
        cwd=dataset.REPO_ROOT, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"pos enroll failed: {done.stderr or done.stdout}")


def till_env(data_dir: Path, url: str | None) -> dict[str, str]:
    """The till's environment: its own data dir, offscreen Qt, sync to ``url``."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM") or "offscreen"
    env["POS_DATA_DIR"] = str(data_dir)
    if url:
        env["POS_SYNC__URL"] = url
    return env
