"""WAL checkpoints are off the sale path: a commit never checkpoints, the store's idle worker
does, and the WAL file stays bounded."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, text

from pos_app.store import db
from pos_app.store.maintenance import StoreMaintenance, checkpoint

PAGE = 4096
COMMITS = 160  # × 64 KiB: about 2,600 WAL frames, 10 MiB (past db.JOURNAL_SIZE_LIMIT)


def _wal_bytes(path: Path) -> int:
    return os.path.getsize(f"{path}-wal")


def _fill(engine: Engine, path: Path, commits: int = COMMITS) -> list[int]:
    """Commits of 64 KiB each (like sales, through ``write_tx``); the WAL size after each."""
    with db.write_tx(engine) as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS filler (b BLOB)"))
    sizes = []
    for _ in range(commits):
        with db.write_tx(engine) as conn:
            conn.execute(text("INSERT INTO filler (b) VALUES (randomblob(65536))"))
        sizes.append(_wal_bytes(path))
    return sizes


def test_a_commit_never_runs_a_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "till.db"
    engine = db.open_database(path)
    try:
        sizes = _fill(engine, path)
        # Grows with every commit, never restarted: no commit copied it into the file.
        assert sizes == sorted(sizes)
        assert sizes[-1] > 2_000 * PAGE
        done = checkpoint(engine)
        assert done.wal_frames > 2_000 and done.checkpointed == done.wal_frames
    finally:
        engine.dispose()


def test_the_idle_worker_checkpoints_and_keeps_the_wal_bounded(tmp_path: Path) -> None:
    path = tmp_path / "till.db"
    engine = db.open_database(path)
    worker = StoreMaintenance(engine=engine, poll_s=0.01, idle_s=0.05,
                              first_retention_s=3600.0)
    try:
        sizes = _fill(engine, path)
        assert sizes[-1] > db.JOURNAL_SIZE_LIMIT
        worker.start()
        assert worker.wait_for_checkpoints(1, timeout_s=30.0)
        _fill(engine, path, commits=1)  # the next writer starts the WAL again, cut down
        assert _wal_bytes(path) <= db.JOURNAL_SIZE_LIMIT
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM filler")).scalar() == COMMITS + 1
    finally:
        worker.stop()
        engine.dispose()


def test_every_connection_leaves_checkpoints_to_the_worker(tmp_path: Path) -> None:
    engine = db.open_database(tmp_path / "till.db")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == \
                db.WAL_BACKSTOP_PAGES > 10_000
            assert conn.exec_driver_sql("PRAGMA journal_size_limit").scalar() == \
                db.JOURNAL_SIZE_LIMIT
            assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2  # incremental
    finally:
        engine.dispose()


def test_a_connection_opened_while_another_writes_does_not_wait_for_the_lock(
    tmp_path: Path,
) -> None:
    """A new pool connection (an import's thread, a report) opened during a sale's write
    transaction reads at once: its set-up needs no write lock (before, setting auto_vacuum on
    a file that has pages waited out the busy timeout and failed "database is locked")."""
    path = tmp_path / "till.db"
    engine = db.open_database(path)
    other = db.open_engine(path)
    try:
        with db.write_tx(engine) as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS filler (b BLOB)"))
        with db.write_tx(engine) as conn:
            conn.execute(text("INSERT INTO filler (b) VALUES (x'00')"))
            with other.connect() as reader:  # a brand-new connection, the writer still open
                assert reader.execute(text("SELECT count(*) FROM filler")).scalar() == 0
                assert reader.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2
    finally:
        other.dispose()
        engine.dispose()
