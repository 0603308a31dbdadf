"""Reference for the sale benchmark: one bare durable SQLite transaction, no ORM."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path


def bare_commit_ns(directory: Path, samples: int) -> list[int]:
    """Time ``BEGIN; INSERT one row; COMMIT`` with WAL + synchronous=FULL in ``directory``."""
    path = directory / "reference.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        payload = "x" * 200
        out = []
        for _ in range(samples):
            start = time.perf_counter_ns()
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO t (payload) VALUES (?)", (payload,))
            con.execute("COMMIT")
            out.append(time.perf_counter_ns() - start)
        return out
    finally:
        con.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
