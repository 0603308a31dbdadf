"""A headless store terminal for the chaos test: sells random sales and syncs them.

    python -m sync.testing.terminal_worker --db PATH --cloud URL --credential FILE \\
        --sales N --seed S [--sync-every K] [--drain-timeout SECONDS] [--no-sync] \\
        [--enroll-code CODE]

It opens (creating and migrating) the terminal database, seeds the demo catalog and opening
stock when it is empty (store and terminal codes from the credential file or the options),
then rings up ``--sales`` sales through ``CheckoutService`` — random demo products, a demo
member card on some, paid in cash — syncing every ``--sync-every`` sales through the
terminal's sync client, and at the end syncs until its outbox is drained (or the drain
timeout passes). With ``--enroll-code`` and no credential file yet, it first enrolls
(``sync.client.enroll``) and saves the credential there (0600). Network errors are expected
under the fault proxy: they are counted and retried, never fatal. The last line of stdout is
one JSON object (see ``Summary``).

Exit status: 0 done (drained, or ``--no-sync``), 3 outbox not drained in time, 2 bad usage.

The sync client is used as ``SyncClient(engine=, base_url=, credential=, store_code=,
terminal_code=)`` with ``sync_once()`` (one full sync: hello, push, pull, verify; raises on
failure) and ``close()`` at exit. ``--client-factory module:callable`` swaps in any
callable taking those keyword arguments and returning an object with ``sync_once()``.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import random
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_FACTORY = "sync.client:SyncClient"
# Demo member cards. 8800000004 (M-DEMO-4) is left out: its demo birthday "1979-02-29" is
# not a date and scanning the card raises ValueError in LoyaltyService (reported upstream).
DEMO_MEMBER_CARDS = ("8800000001", "8800000002", "8800000003", "8800000005")


@dataclass
class Summary:
    """What the worker did (the last stdout line, as JSON)."""

    store_code: str
    terminal_code: str
    sales: int = 0  # sales completed in this run
    failed_sales: int = 0  # sales that could not be completed (should stay 0)
    syncs_ok: int = 0
    sync_errors: int = 0
    last_error: str = ""
    outbox_events: int = 0  # all events in the terminal's outbox at the end
    pending: int = 0  # events not acknowledged by the cloud at the end
    drained: bool = False
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # the first few sync errors, for the log


def _credential(path: Path) -> tuple[str, dict[str, Any]]:
    """The credential, plus store/terminal codes when the file is an enrollment answer."""
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("{"):
        data = json.loads(text)
        return str(data["credential"]), data
    return text, {}


def _enroll(cloud: str, code: str, terminal_code: str, path: Path) -> None:
    """Enroll with a one-time code and save the credential file (0600, atomic)."""
    from contract.protocol import EnrollRequest
    from sync.client import enroll
    from sync.client_credential import Credential, save_credential

    answer = enroll(cloud, EnrollRequest(enrollment_code=code, terminal_code=terminal_code,
                                         device_name="chaos worker"))
    save_credential(path, Credential(
        url=cloud, store_code=answer.store_code, store_name=answer.store_name,
        terminal_code=answer.terminal_code, terminal_id=answer.terminal_id,
        credential=answer.credential))


def _demo_products(csv_path: Path) -> list[str]:
    """Barcodes of the demo products sold by the piece (weighed goods need a scale)."""
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    codes = []
    for row in rows:
        if row.get("is_weighed", "0").strip() in ("1", "true", "yes"):
            continue
        if row.get("age_restricted", "0").strip() in ("1", "true", "yes"):
            continue
        barcodes = [b for b in (row.get("barcodes") or "").replace(";", "|").split("|") if b]
        if barcodes:
            codes.append(barcodes[0].strip())
    return codes


def open_terminal(db: Path, *, store_code: str, terminal_code: str) -> Any:
    """Open (create, migrate) the terminal database; seed the demo store when it is empty."""
    from contract.demo import DEMO_STORE
    from pos_app.store import catalog, demo, terminal
    from pos_app.store.db import open_database

    engine = open_database(db)
    if not terminal.has_store_info(engine=engine):
        terminal.set_store_info(engine=engine, info=replace(
            DEMO_STORE, store_code=store_code, terminal_code=terminal_code))
    if catalog.product_count(engine=engine) == 0:
        demo.seed_demo(engine=engine)
    return engine


def sell_one(checkout: Any, rng: random.Random, barcodes: Sequence[str],
             member_rate: float) -> bool:
    """Ring up and complete one random cash sale; returns whether it completed."""
    from pos_app.core.money import Money

    if rng.random() < member_rate:
        checkout.scan(rng.choice(DEMO_MEMBER_CARDS))
    for code in rng.sample(list(barcodes), k=min(len(barcodes), rng.randint(1, 4))):
        for _ in range(rng.randint(1, 3)):
            checkout.scan(code)
    if checkout.sale.cart.is_empty:
        return False
    due = checkout.current().payment.remaining
    checkout.add_tender("cash", Money(due.fen))
    checkout.complete()
    return True


def _load_factory(spec: str) -> Callable[..., Any]:
    module, _, attr = spec.partition(":")
    if not module or not attr:
        raise ValueError(f"--client-factory is module:callable, not {spec!r}")
    factory: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return factory


def _pending(engine: Any, terminal_code: str) -> tuple[int, int]:
    from sqlalchemy import text

    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN acked_at IS NULL THEN 1 ELSE 0 END), 0) "
            "FROM outbox_event WHERE terminal_code = :t"), {"t": terminal_code}).one()
    return int(row[0]), int(row[1])


def run(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m sync.testing.terminal_worker",
                                description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--db", type=Path, required=True, help="terminal SQLite database file")
    p.add_argument("--cloud", default="", help="base URL of the cloud (or of the fault proxy)")
    p.add_argument("--credential", type=Path, help="file with the terminal's credential "
                   "(plain text, or the enrollment answer as JSON)")
    p.add_argument("--store-code", default="S001")
    p.add_argument("--terminal-code", default="T01")
    p.add_argument("--sales", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sync-every", type=int, default=5, help="sync after every K sales")
    p.add_argument("--member-rate", type=float, default=0.3,
                   help="share of sales with a demo member card")
    p.add_argument("--pause-ms", type=int, default=0, help="pause between sales")
    p.add_argument("--drain-timeout", type=float, default=60.0)
    p.add_argument("--no-sync", action="store_true", help="only sell (no cloud)")
    p.add_argument("--client-factory", default=DEFAULT_FACTORY)
    p.add_argument("--enroll-code", default="",
                   help="enroll first when the credential file does not exist yet")
    args = p.parse_args(argv)

    credential, enrolled = "", dict[str, Any]()
    if not args.no_sync:
        if not args.cloud or args.credential is None:
            p.error("--cloud and --credential are required unless --no-sync")
        if args.enroll_code and not args.credential.exists():
            _enroll(args.cloud.rstrip("/"), args.enroll_code, args.terminal_code,
                    args.credential)
        credential, enrolled = _credential(args.credential)
    store_code = str(enrolled.get("store_code") or args.store_code)
    terminal_code = str(enrolled.get("terminal_code") or args.terminal_code)

    started = time.monotonic()
    summary = Summary(store_code=store_code, terminal_code=terminal_code)
    from contract.demo import DEMO_CSV
    from pos_app.services.checkout import CheckoutService
    from pos_app.store import terminal

    engine = open_terminal(args.db, store_code=store_code, terminal_code=terminal_code)
    client: Any = None
    try:
        if not args.no_sync:
            client = _load_factory(args.client_factory)(
                engine=engine, base_url=args.cloud.rstrip("/"), credential=credential,
                store_code=store_code, terminal_code=terminal_code)

        def sync() -> bool:
            if client is None:
                return True
            try:
                client.sync_once()
            except Exception as exc:  # under the fault proxy this is the normal case
                summary.sync_errors += 1
                summary.last_error = f"{type(exc).__name__}: {exc}"
                if len(summary.errors) < 10:
                    summary.errors.append(summary.last_error)
                return False
            summary.syncs_ok += 1
            return True

        rng = random.Random(args.seed)
        barcodes = _demo_products(DEMO_CSV)
        checkout = CheckoutService(engine=engine,
                                   store_info=terminal.get_store_info(engine=engine),
                                   cashier=f"chaos-{terminal_code}")
        for i in range(args.sales):
            try:
                if sell_one(checkout, rng, barcodes, args.member_rate):
                    summary.sales += 1
            except Exception:
                summary.failed_sales += 1
                traceback.print_exc(file=sys.stderr)
                checkout = CheckoutService(engine=engine,
                                           store_info=terminal.get_store_info(engine=engine),
                                           cashier=f"chaos-{terminal_code}")
            if args.sync_every > 0 and (i + 1) % args.sync_every == 0:
                sync()
            if args.pause_ms:
                time.sleep(args.pause_ms / 1000)

        if client is not None:
            deadline = time.monotonic() + args.drain_timeout
            backoff = 0.05
            while True:
                ok = sync()
                if ok and _pending(engine, terminal_code)[1] == 0:
                    break
                if time.monotonic() >= deadline:
                    break
                time.sleep(backoff * (0.5 + rng.random()))
                backoff = min(backoff * 2, 1.0)
        summary.outbox_events, summary.pending = _pending(engine, terminal_code)
        summary.drained = client is not None and summary.pending == 0
    finally:
        close = getattr(client, "close", None)
        if callable(close):
            close()
        engine.dispose()
    summary.seconds = round(time.monotonic() - started, 3)
    print(json.dumps(asdict(summary), ensure_ascii=False), flush=True)
    if args.no_sync or summary.drained:
        return 0
    return 3


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
