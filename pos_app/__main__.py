"""Entry point: ``pos`` or ``python -m pos_app``."""

import time

# First statement: the start-up probe measures from here (plus the interpreter's own start).
T0 = time.perf_counter()

import argparse  # noqa: E402  (light; heavy imports stay inside main)
import sys  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; they override settings from the environment."""
    p = argparse.ArgumentParser(prog="pos", description="O2O POS till",
                                epilog="pos enroll URL CODE: connect this till to the cloud")
    p.add_argument("--mode", choices=["cashier"], default=None, help="window to open")
    p.add_argument("--db", type=str, default=None, help="SQLite database file")
    p.add_argument("--demo", action="store_true", help="seed demo data into an empty database")
    p.add_argument("--sim", action="store_true",
                   help="use the simulated scanner, printer, drawer, scale, camera and display")
    p.add_argument("--lang", choices=["zh_CN", "en_US"], default=None, help="UI language")
    p.add_argument("--screenshot", type=str, default=None, help="save a PNG of the window, exit")
    p.add_argument("--size", type=str, default=None, help="window size WxH, e.g. 1024x768")
    p.add_argument("--ready-probe", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--scan", action="append", default=[], help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Start the till; ``pos enroll URL CODE`` connects it to the cloud instead."""
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["enroll"]:
        from pos_app.ui.sync_cli import enroll_main

        return enroll_main(words[1:])
    args = parse_args(argv)
    from pos_app.allocator import tune_allocator
    from pos_app.interpreter import tune_interpreter

    tune_allocator()  # before Qt, the devices and sync start their threads
    tune_interpreter()
    from pos_app.ui.app import run

    return run(args, t0=T0)


if __name__ == "__main__":
    sys.exit(main())
