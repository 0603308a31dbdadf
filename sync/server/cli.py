"""``pos-cloud``: run and administer the cloud server.

Settings come from ``POS_CLOUD_*`` variables; ``--database-url`` / ``--data-dir`` set them for
this run (and for the worker processes ``serve`` starts).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from contract.protocol import STREAMS
from sync.server import cli_staff, cli_stock
from sync.server.db import SchemaTooNew, migrate, open_engine, read_tx, write_tx
from sync.server.key_vault import KeyVault, KeyVaultError
from sync.server.settings import CloudSettings
from sync.server.worker_guard import SUPERVISOR_ENV

Command = Callable[[argparse.Namespace, Engine, datetime], int]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _fail(message: str) -> int:
    print(f"pos-cloud: {message}", file=sys.stderr)
    return 1


def _prepare(engine: Engine, settings: CloudSettings) -> None:
    """Migrate the schema, and encrypt chain keys a former version stored in plain text."""
    from sync.server.key_vault import seal_plaintext_keys

    migrate(engine)
    with write_tx(engine) as conn:
        sealed = seal_plaintext_keys(conn, settings)
    if sealed:
        print(f"pos-cloud: {sealed} chain key(s) encrypted at rest", file=sys.stderr)


def _serve(args: argparse.Namespace, settings: CloudSettings) -> int:
    import uvicorn

    # Worker processes read their settings from the environment.
    os.environ["POS_CLOUD_DATABASE_URL"] = settings.resolved_database_url()
    os.environ["POS_CLOUD_DATA_DIR"] = str(settings.data_dir)
    workers = args.workers or settings.workers
    if settings.is_sqlite and workers > 1:
        print("pos-cloud: SQLite serves one worker; use PostgreSQL for more", file=sys.stderr)
        workers = 1
    if workers > 1:  # they die with this process (see sync.server.worker_guard)
        os.environ[SUPERVISOR_ENV] = str(os.getpid())
    else:
        os.environ.pop(SUPERVISOR_ENV, None)
    engine = open_engine(settings.resolved_database_url())
    try:
        _prepare(engine, settings)
    finally:
        engine.dispose()
    uvicorn.run("sync.server.app:app_from_env", factory=True, workers=workers,
                host=args.host or settings.host, port=args.port or settings.port,
                log_level="info")
    return 0


def _vault(args: argparse.Namespace, engine: Engine) -> KeyVault:
    """The key-encryption key of this run's settings (a new key file only while no chain
    key is encrypted yet)."""
    from sync.server.key_vault import vault_for

    with read_tx(engine) as conn:
        return vault_for(conn, args.settings)


def _migrate(_args: argparse.Namespace, _engine: Engine, _now: datetime) -> int:
    print("schema up to date")
    return 0


def _create_store(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from sync.server.admin import create_store

    store_id = create_store(engine, code=args.code, name=args.name or args.code,
                            address=args.address, footer=args.footer, now=now,
                            vault=_vault(args, engine))
    print(f"store {args.code} (id {store_id})")
    return 0


def _enroll_code(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from sync.server.enroll import create_enrollment_code

    code = create_enrollment_code(engine, store_code=args.store, now=now,
                                  ttl=timedelta(hours=args.ttl_hours))
    print(code)
    return 0


def _import_products(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from sync.server.catalog import import_products_csv

    report = import_products_csv(engine, path=args.csv, now=now)
    for e in report.errors[:50]:
        print(f"line {e.line}: {e.key} {e.data}", file=sys.stderr)
    if not report.ok:
        return _fail(f"{len(report.errors)} problem(s); nothing imported")
    print(f"{report.imported} products imported")
    return 0


def _revoke_terminal(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from sync.server.admin import revoke_terminal

    count = revoke_terminal(engine, store_code=args.store, terminal_code=args.terminal, now=now)
    if not count:
        return _fail(f"no active terminal {args.terminal} in store {args.store}")
    print(f"revoked {args.store}/{args.terminal}")
    return 0


def _issue_coupon(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from pos_app.core.coupons import Coupon
    from pos_app.core.money import Money
    from sync.server.admin import issue_coupon

    coupon = Coupon(
        coupon_id=args.coupon_id or f"C-{secrets.token_hex(4).upper()}", kind=args.kind,
        name=args.name, value=args.value, min_spend=Money(args.min_spend),
        categories=frozenset(args.category), skus=frozenset(args.sku), tier=args.tier,
        valid_from=now, valid_to=now + timedelta(days=args.days), member_id=args.member)
    print(issue_coupon(engine, coupon_value=coupon, now=now, vault=_vault(args, engine)))
    return 0


def _revoke_coupon(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from sync.server.admin import revoke_coupon

    known = revoke_coupon(engine, coupon_id=args.coupon_id, now=now)
    print(f"revoked {args.coupon_id}" + ("" if known else " (not issued here)"))
    return 0


def _keygen(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from pos_app.core.signed_codes import new_private_key
    from sync.server.admin import put_chain_key

    key_id = args.key_id or f"k{now:%Y%m%d}-{secrets.token_hex(3)}"
    vault = _vault(args, engine)
    with write_tx(engine) as conn:
        if not put_chain_key(conn, key_id=key_id, private_key=new_private_key(), now=now,
                             vault=vault):
            return _fail(f"key {key_id} exists")
    print(f"chain key {key_id}")
    return 0


def _retire_key(args: argparse.Namespace, engine: Engine, _now: datetime) -> int:
    from sync.server.admin import retire_chain_key

    retire_chain_key(engine, key_id=args.key_id)
    print(f"chain key {args.key_id} retired; tills drop it at their next sync")
    return 0


def _seed_demo(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from sync.server.seed import DemoRefused, seed_demo

    try:
        created = seed_demo(engine, now=now, vault=_vault(args, engine))
    except DemoRefused as refused:
        return _fail(f"seed-demo refused: {refused}")
    print("demo chain created" if created else "demo chain exists")
    return 0


def _refetch(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    from sqlalchemy import select

    from sync.server.enroll import store_id_of
    from sync.server.pull import request_refetch
    from sync.server.tables import terminal

    with read_tx(engine) as conn:
        store_id = store_id_of(conn, args.store)
        ids = list(conn.execute(select(terminal.c.terminal_id).where(
            terminal.c.store_id == store_id, terminal.c.code == args.terminal,
            terminal.c.revoked_at.is_(None))).scalars())
    if not ids:
        return _fail(f"no active terminal {args.terminal} in store {args.store}")
    for terminal_id in ids:
        request_refetch(engine, store_id=store_id, terminal_id=terminal_id,
                        streams=args.streams, at=now)
    print(f"{args.store}/{args.terminal} will refetch {', '.join(args.streams)}")
    return 0


def _quarantine(args: argparse.Namespace, engine: Engine, _now: datetime) -> int:
    from sync.server.quarantine import quarantined_events

    with read_tx(engine) as conn:
        found = quarantined_events(conn, store_code=args.store, limit=args.limit)
    if args.store and not found:
        print(f"no quarantined events in store {args.store}")
        return 0
    print("store\tterminal\tseq\ttype\treason\treceived_at\tevent_uuid")
    for events in found.values():
        for q in events:
            print(f"{q.store_code}\t{q.terminal_code}\t{q.seq}\t{q.type}\t{q.reason}\t"
                  f"{q.received_at.isoformat()}\t{q.event_uuid}")
    return 0


def _rotate_key_encryption(args: argparse.Namespace, engine: Engine, _now: datetime) -> int:
    from sync.server.key_vault import ENV, key_file, rotate

    count, new = rotate(engine, args.settings)
    if args.settings.key_encryption_key:
        print(f"{count} chain key(s) re-encrypted. Set {ENV} to the new key now (the old "
              f"one no longer opens them):\n{new.decode('ascii')}")
    else:
        print(f"{count} chain key(s) re-encrypted; new key in {key_file(args.settings)}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pos-cloud", description="O2O POS cloud server")
    p.add_argument("--database-url", help="SQLAlchemy URL (POS_CLOUD_DATABASE_URL)")
    p.add_argument("--data-dir", type=Path, help="data directory (POS_CLOUD_DATA_DIR)")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="migrate, then serve the API and status page")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--workers", type=int, help="worker processes (PostgreSQL only)")
    sub.add_parser("migrate", help="upgrade the database schema")
    s = sub.add_parser("create-store", help="create or update a store")
    s.add_argument("code")
    s.add_argument("name", nargs="?", help="display name (default: the code)")
    s.add_argument("--address", default="")
    s.add_argument("--footer", default="")
    s = sub.add_parser("enroll-code", help="print a one-time enrollment code for a store")
    s.add_argument("store")
    s.add_argument("--ttl-hours", type=int, default=24)
    s = sub.add_parser("import-products", help="import a product CSV (the till's format)")
    s.add_argument("csv", type=Path)
    s = sub.add_parser("revoke-terminal", help="revoke a terminal's credential")
    s.add_argument("store")
    s.add_argument("terminal")
    s = sub.add_parser("issue-coupon", help="sign a coupon with the chain key, print its code")
    s.add_argument("--coupon-id")
    s.add_argument("--kind", default="amount_off",
                   choices=["amount_off", "percent_off", "threshold_off", "category",
                            "free_item"])
    s.add_argument("--name", required=True)
    s.add_argument("--value", type=int, required=True, help="fen, or basis points")
    s.add_argument("--min-spend", type=int, default=0, help="fen")
    s.add_argument("--category", action="append", default=[])
    s.add_argument("--sku", action="append", default=[])
    s.add_argument("--tier")
    s.add_argument("--member")
    s.add_argument("--days", type=int, default=30)
    s = sub.add_parser("revoke-coupon", help="revoke a coupon on every till")
    s.add_argument("coupon_id")
    s = sub.add_parser("keygen", help="add a new chain signing key")
    s.add_argument("--key-id")
    s = sub.add_parser("retire-key", help="stop trusting an old chain signing key")
    s.add_argument("key_id")
    sub.add_parser("seed-demo", help="create the demo chain (store S001) in an empty "
                   "database, which becomes the demo's (refused on real data)")
    s = sub.add_parser("refetch", help="make a terminal pull streams again from scratch")
    s.add_argument("store")
    s.add_argument("terminal")
    s.add_argument("streams", nargs="+", choices=STREAMS)
    sub.add_parser("rotate-key-encryption",
                   help="re-encrypt the chain's signing keys with a new key-encryption key")
    s = sub.add_parser("quarantine", help="events the cloud could not apply")
    q = s.add_subparsers(dest="action", required=True)
    s = q.add_parser("list", help="list quarantined events per store, newest first")
    s.add_argument("--store", help="only this store (code)")
    s.add_argument("--limit", type=int, default=100, help="per store (default 100)")
    cli_staff.add_parser(sub)
    cli_stock.add_parsers(sub)
    return p


COMMANDS: dict[str, Command] = {
    "migrate": _migrate, "create-store": _create_store, "enroll-code": _enroll_code,
    "import-products": _import_products, "revoke-terminal": _revoke_terminal,
    "issue-coupon": _issue_coupon, "revoke-coupon": _revoke_coupon, "keygen": _keygen,
    "seed-demo": _seed_demo, "refetch": _refetch, "quarantine": _quarantine,
    "rotate-key-encryption": _rotate_key_encryption, "retire-key": _retire_key,
    "staff": cli_staff.run, "po": cli_stock.run_po, "transfer": cli_stock.run_transfer,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``pos-cloud`` command; the exit status."""
    args = _parser().parse_args(argv)
    overrides = {"database_url": args.database_url, "data_dir": args.data_dir}
    settings = CloudSettings(**{k: v for k, v in overrides.items() if v})
    if args.command == "serve":
        try:
            return _serve(args, settings)
        except (SchemaTooNew, KeyVaultError) as exc:
            return _fail(str(exc))
    args.settings = settings
    engine = open_engine(settings.resolved_database_url(), pool_size=2)
    try:
        _prepare(engine, settings)
        return COMMANDS[args.command](args, engine, _now())
    except (SchemaTooNew, KeyVaultError) as exc:
        return _fail(str(exc))
    except IntegrityError as exc:
        return _fail(f"already exists or conflicts: {exc.orig}")
    except (LookupError, ValueError) as exc:
        # Unknown store, no chain key, a coupon that is not valid: say what, no trace.
        return _fail(f"{exc.__class__.__name__}: {exc}")
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
