"""Search-as-you-type over the catalog: Chinese substrings, pinyin initials, SKU prefixes.

Queries are drawn from random real rows; each goes through
``pos_app.store.catalog.search_products(limit=50)``, the call the UI makes per keystroke.
The warm-up runs other queries (from other rows; reported apart as ``warmup_ms``), never the
timed ones, and the bare FTS5 reference runs after the timed series, so nothing the timed
queries read was looked up for them first.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench import dataset
from bench.report import log
from bench.stats import ms, percentile

if TYPE_CHECKING:  # imported when a run needs it
    from sqlalchemy import Engine

LIMIT = 50
WARMUP = 20


_CJK_RUN = re.compile("[\u4e00-\u9fff]{2,}")


def make_queries(rows: list[tuple[str, str, str]], seed: int) -> list[tuple[str, str]]:
    """``(kind, query)`` pairs, one of each kind per sampled row where the row allows it."""
    rng = random.Random(seed)
    queries = []
    for name, initials, sku in rows:
        runs = _CJK_RUN.findall(name)  # a substring inside one run of Chinese characters
        if runs:
            cjk = rng.choice(runs)
            size = min(len(cjk), rng.choice((2, 2, 3)))
            start = rng.randrange(0, max(1, len(cjk) - size + 1))
            queries.append(("zh_substring", cjk[start:start + size]))
        if len(initials) >= 2:
            queries.append(("pinyin_initials", initials[: rng.randint(2, min(4, len(initials)))]))
        if len(sku) >= 3:
            queries.append(("sku_prefix", sku[: rng.randint(3, len(sku))]))
    rng.shuffle(queries)
    return queries


def _time_queries(engine: Engine,
                  queries: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    from pos_app.store.catalog import search_products

    out = []
    for kind, query in queries:
        start = time.perf_counter_ns()
        found = search_products(engine=engine, query=query, limit=LIMIT)
        out.append((kind, time.perf_counter_ns() - start, len(found)))
    return out


def bare_fts_ns(path: Path, queries: list[tuple[str, str]]) -> list[int]:
    """The reference: the store's own FTS5 expression, bare: rowids only, LIMIT 50."""
    import sqlite3

    from pos_app.store.search_text import match_plan

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = []
        for _, query in queries:
            plan = match_plan(query)
            if plan is None:
                continue
            start = time.perf_counter_ns()
            con.execute("SELECT rowid FROM product_fts WHERE product_fts MATCH ? LIMIT ?",
                        (plan.anywhere, LIMIT)).fetchall()
            out.append(time.perf_counter_ns() - start)
        return out
    finally:
        con.close()


def _figures(samples: list[int]) -> dict[str, float]:
    return {"p50": ms(percentile(samples, 50)), "p95": ms(percentile(samples, 95)),
            "max": ms(max(samples))}


def run(*, skus: int, small: bool) -> dict[str, object]:
    from pos_app.store import db

    per_kind = 100 if small else 300
    path = dataset.ensure_db(skus)
    rows = dataset.sample_rows(path, "product", "name, initials, sku", per_kind, seed=7)
    queries = make_queries(rows, seed=7)
    timed_set = set(queries)
    warm_rows = dataset.sample_rows(path, "product", "name, initials, sku", WARMUP, seed=8)
    warm = [q for q in make_queries(warm_rows, seed=8) if q not in timed_set][:WARMUP]
    engine = db.open_database(path)
    try:
        log(f"warm-up: {len(warm)} other searches")
        warm_timed = _time_queries(engine, warm)
        log(f"timing {len(queries)} searches on {skus:,} SKUs")
        timed = _time_queries(engine, queries)
    finally:
        engine.dispose()
    log(f"reference: {len(queries)} bare FTS5 queries")
    ref = bare_fts_ns(path, queries)
    by_kind: dict[str, object] = {}
    for kind in sorted({k for k, _, _ in timed}):
        samples = [t for k, t, _ in timed if k == kind]
        empty = sum(1 for k, _, n in timed if k == kind and n == 0)
        by_kind[kind] = {**_figures(samples), "queries": len(samples), "no_hits": empty}
    slowest = sorted(zip(timed, queries, strict=True), key=lambda x: -x[0][1])[:5]
    for (kind, t, n), (_, q) in slowest:
        log(f"slow: {kind} {q!r} {t / 1e6:.1f} ms, {n} hits")
    every = [t for _, t, _ in timed]
    return {
        "skus": skus,
        "search_ms_p50": ms(percentile(every, 50)),
        "search_ms_p95": ms(percentile(every, 95)),
        "queries": len(timed),
        "by_kind": by_kind,
        "ref_bare_fts_ms": _figures(ref),
        "warmup_ms": {**_figures([t for _, t, _ in warm_timed]), "queries": len(warm_timed)},
        "limit": LIMIT,
        "target_p95_ms": 50,
    }
