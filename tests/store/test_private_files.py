"""The till's data stays private to its user: the data directory 0700, the database and
its -wal/-shm files 0600, when made and at every start-up."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import text

from pos_app.config import Settings
from pos_app.services.factory import open_services
from pos_app.store import db
from pos_app.store.sync_state import save_cursor


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_directory_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "store.db"
    engine = db.open_engine(path)
    try:
        db.migrate(engine)
        with db.write_tx(engine) as conn:  # the -wal and -shm files exist while it is open
            save_cursor(conn, stream="x", after=1, at="x")
        files = [path, path.with_name("store.db-wal"), path.with_name("store.db-shm")]
        assert all(f.exists() for f in files)
        assert [mode(f) for f in files] == [0o600, 0o600, 0o600]
        assert mode(path.parent) == 0o700
    finally:
        engine.dispose()


def test_start_up_makes_an_existing_data_directory_private_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "store.db"
    engine = db.open_engine(path)
    db.migrate(engine)
    with engine.begin() as conn:
        conn.execute(text("SELECT 1"))
    engine.dispose()
    data.chmod(0o755)  # as an older version (or a copy) left it
    for f in data.iterdir():
        f.chmod(0o644)
    services = open_services(db_path=path, settings=Settings(data_dir=data, db_path=path))
    try:
        assert mode(data) == 0o700
        assert {f.name: mode(f) for f in data.iterdir() if f.name.startswith("store.db")
                } == {f.name: 0o600 for f in data.iterdir() if f.name.startswith("store.db")}
        assert mode(path) == 0o600
    finally:
        services.close()
