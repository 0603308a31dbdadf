"""`python -m bench NAME [--skus N] [--small] [--json]`; NAME is in BENCHMARKS, or all.
`sync` also takes `--terminals N`, `--workers N` and `--only push|backlog|catalog` (it
needs PostgreSQL); `history` takes `--sales N` (the year-old till's completed sales);
`soak` takes `--minutes M` (default 3; 1 with --small) or `--sales N`; `zreport` takes
`--sales N` (the open shift's sales, default 3,000).

Progress goes to stderr; the last stdout line is one JSON object with the figures.
`all` runs each benchmark in its own process (so one cannot warm caches for the next) and
prints one JSON object keyed by benchmark.
"""

from __future__ import annotations

import argparse
import importlib
import json
import signal
import subprocess
import sys

from bench.report import emit, log

BENCHMARKS = ("scan", "search", "sale", "startup", "qr", "receipt", "pricing", "sync",
              "history", "import", "soak", "zreport", "reports", "count")
# Options only some benchmarks take.
OPTIONS = {"sync": ("terminals", "workers", "only"), "history": ("sales",),
           "soak": ("minutes", "sales"), "zreport": ("sales",)}
FULL_SKUS = 1_000_000
SMALL_SKUS = 20_000


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("name", choices=(*BENCHMARKS, "all"))
    parser.add_argument("--skus", type=int, default=None,
                        help=f"catalog size (default {FULL_SKUS:,}; {SMALL_SKUS:,} with --small)")
    parser.add_argument("--small", action="store_true",
                        help="reduced size and sample counts, for `make bench` / CI")
    parser.add_argument("--json", action="store_true", help="print only the JSON line on stdout")
    parser.add_argument("--terminals", type=int, default=None,
                        help="sync: terminals pushing at once (default 50; 5 with --small)")
    parser.add_argument("--workers", type=int, default=None,
                        help="sync: pos-cloud worker processes (default 4)")
    parser.add_argument("--only", choices=("push", "backlog", "catalog"), default=None,
                        help="sync: run only this part (default all three)")
    parser.add_argument("--minutes", type=float, default=None,
                        help="soak: sell for this long (default 3; 1 with --small)")
    parser.add_argument("--sales", type=int, default=None,
                        help="history: completed sales of the year-old till (default "
                             "300,000; 10,000 with --small); soak: sell this many sales "
                             "instead of for a time; zreport: the open shift's sales "
                             "(default 3,000)")
    args = parser.parse_args(argv)
    if args.skus is None:
        args.skus = SMALL_SKUS if args.small else FULL_SKUS
    return args


def _run_all(args: argparse.Namespace) -> int:
    results: dict[str, object] = {"small": args.small, "skus": args.skus}
    failed = []
    for name in BENCHMARKS:
        cmd = [sys.executable, "-m", "bench", name, "--json", "--skus", str(args.skus)]
        if args.small:
            cmd.append("--small")
        log(f"=== {name}: {' '.join(cmd[1:])}")
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            failed.append(name)
            results[name] = {"error": f"exit code {proc.returncode}"}
            continue
        results[name] = json.loads(lines[-1])
    emit(results, json_only=args.json)
    if failed:
        log(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    # A stopped benchmark still stops the cloud it started and removes its scratch files.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.name == "all":
        return _run_all(args)
    module = importlib.import_module(f"bench.{args.name}")
    extra = {k: v for names in OPTIONS.values() for k in names
             if (v := getattr(args, k)) is not None}
    wrong = [k for k in extra if k not in OPTIONS.get(args.name, ())]
    if wrong:
        raise SystemExit(f"--{' --'.join(wrong)}: not an option of the {args.name} benchmark")
    result = module.run(skus=args.skus, small=args.small, **extra)
    emit(result, json_only=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
