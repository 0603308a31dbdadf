"""``pos-cloud staff``: add, disable, list a store's staff and set their PINs.

A PIN is never an argument (it would sit in the shell's history and in ``ps``): it is asked
twice without echo, or read as one line from standard input with ``--pin-stdin`` (scripts).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from sqlalchemy import Engine


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``staff`` command and its actions, on ``pos-cloud``'s sub-parsers."""
    s = sub.add_parser("staff", help="a store's staff: add, disable, set-pin, list")
    actions = s.add_subparsers(dest="action", required=True)
    a = actions.add_parser("add", help="add a staff member (PIN asked twice)")
    a.add_argument("store")
    a.add_argument("--code", required=True, help="what they type to sign in (1-16 chars)")
    a.add_argument("--name", required=True)
    a.add_argument("--role", required=True, help="a role of the chain, e.g. cashier")
    a.add_argument("--badge", help="the code on their staff badge (scanned to sign in)")
    a.add_argument("--pin-stdin", action="store_true",
                   help="read the PIN as one line from standard input")
    a = actions.add_parser("disable", help="stop a staff member signing in")
    a.add_argument("store")
    a.add_argument("code")
    a = actions.add_parser("set-pin", help="give a staff member a new PIN (asked twice)")
    a.add_argument("store")
    a.add_argument("code")
    a.add_argument("--pin-stdin", action="store_true",
                   help="read the PIN as one line from standard input")
    a = actions.add_parser("list", help="a store's staff (never their PIN or badge)")
    a.add_argument("store")


def _fail(message: str) -> int:
    print(f"pos-cloud: {message}", file=sys.stderr)
    return 1


def _read_pin(args: argparse.Namespace) -> str:
    """The new PIN: one line of stdin, or typed twice (``StaffRefused`` when the two
    differ or it is not 4 to 8 digits, before the second prompt)."""
    from sync.server.staff import StaffRefused, check_pin_or_refuse

    if args.pin_stdin:
        pin = sys.stdin.readline().rstrip("\r\n")
        check_pin_or_refuse(pin)
        return pin
    pin = getpass.getpass("PIN: ")
    check_pin_or_refuse(pin)
    if getpass.getpass("PIN again: ") != pin:
        raise StaffRefused("the two PINs differ; nothing changed")
    return pin


def run(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    """Run one ``staff`` action; the exit status (1 with a message for a refusal)."""
    from sync.server import staff

    try:
        if args.action == "add":
            pin = _read_pin(args)
            staff.add_staff(engine, store_code=args.store, code=args.code, name=args.name,
                            role_code=args.role, pin=pin, badge=args.badge, now=now)
            print(f"staff {args.code.strip()} added to {args.store}; tills get them at their "
                  "next sync")
        elif args.action == "disable":
            changed = staff.disable_staff(engine, store_code=args.store, code=args.code,
                                          now=now)
            print(f"staff {args.code} disabled" if changed
                  else f"staff {args.code} was disabled already")
        elif args.action == "set-pin":
            staff.set_pin(engine, store_code=args.store, code=args.code,
                          pin=_read_pin(args), now=now)
            print(f"new PIN for staff {args.code}; the old one stops at each till's next sync")
        else:
            _list(engine, args.store)
    except staff.StaffRefused as refused:
        return _fail(str(refused))
    return 0


def _list(engine: Engine, store_code: str) -> None:
    from sync.server.staff import list_staff

    print("code\tname\trole\tbadge\tactive")
    for s in list_staff(engine, store_code=store_code):
        print(f"{s.code}\t{s.name}\t{s.role}\t{'yes' if s.has_badge else 'no'}\t"
              f"{'yes' if s.active else 'no'}")
