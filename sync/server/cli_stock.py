"""``pos-cloud po`` and ``pos-cloud transfer``: HQ's purchase orders and transfers, which
become the receiving store's expected receipts (``sync.server.receiving``)."""

from __future__ import annotations

import argparse
from datetime import datetime

from sqlalchemy import Engine


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``po`` and ``transfer`` commands on ``pos-cloud``'s sub-parsers."""
    s = sub.add_parser("po", help="purchase orders: create, list")
    actions = s.add_subparsers(dest="action", required=True)
    a = actions.add_parser("create", help="open a purchase order for a store")
    a.add_argument("--store", required=True)
    a.add_argument("--supplier", required=True)
    a.add_argument("--line", action="append", required=True, metavar="SKU:QTY[:COST_FEN]",
                   help="an ordered line (repeat); grams for weighed goods, cost in fen")
    a = actions.add_parser("list", help="purchase orders, newest first")
    a.add_argument("--store")
    a.add_argument("--open", action="store_true", help="only those not received yet")
    s = sub.add_parser("transfer", help="move stock between stores: create, list")
    actions = s.add_subparsers(dest="action", required=True)
    a = actions.add_parser("create", help="ship goods from one store to another")
    a.add_argument("--from", dest="from_store", required=True)
    a.add_argument("--to", dest="to_store", required=True)
    a.add_argument("--line", action="append", required=True, metavar="SKU:QTY",
                   help="a line to send (repeat)")
    a = actions.add_parser("list", help="transfers, newest first")
    a.add_argument("--store", help="the receiving store")
    a.add_argument("--open", action="store_true", help="only those not received yet")


def run_po(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    """Run one ``po`` action (a ValueError or LookupError is reported by ``main``)."""
    from sync.server import receiving

    if args.action == "create":
        lines = [receiving.parse_line(text) for text in args.line]
        receipt_id = receiving.create_purchase_order(
            engine, store_code=args.store, supplier=args.supplier, lines=lines, now=now)
        print(f"purchase order {receipt_id} for {args.store}; its tills get it at their "
              "next sync")
        return 0
    _list(engine, kind="order", store=args.store, only_open=args.open)
    return 0


def run_transfer(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    """Run one ``transfer`` action."""
    from sync.server import receiving

    if args.action == "create":
        lines = [receiving.parse_line(text, with_cost=False) for text in args.line]
        receipt_id = receiving.create_transfer(engine, from_store=args.from_store,
                                               to_store=args.to_store, lines=lines, now=now)
        print(f"transfer {receipt_id}: out of {args.from_store} now, expected at "
              f"{args.to_store}")
        return 0
    _list(engine, kind="transfer", store=args.store, only_open=args.open)
    return 0


def _list(engine: Engine, *, kind: str, store: str | None, only_open: bool) -> None:
    from sync.server.receiving import list_expected

    print("id\tstore\tfrom\tstatus\tcreated\tlines")
    for e in list_expected(engine, store_code=store, status="open" if only_open else None):
        if e.kind != kind:
            continue
        lines = " ".join(f"{ln.sku}:{ln.qty}" + ("" if ln.cost_fen is None else f":{ln.cost_fen}")
                         for ln in e.lines)
        print(f"{e.receipt_id}\t{e.store_code}\t{e.supplier}\t{e.status}\t"
              f"{e.created_at:%Y-%m-%d %H:%M}\t{lines}")
