"""Schema: Alembic from an empty file, the latest step down and up, refusing newer files."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from pos_app.core.errors import PosError
from pos_app.store import db, models

SQLITE_INTERNAL = ("sqlite_", "product_fts", "alembic_version")


def _tables(engine: object) -> set[str]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        return {r[0] for r in rows}


def _schema(engine: object) -> set[tuple[str, str, str]]:
    """Every table and index with its SQL (a step may only add columns or indexes)."""
    with engine.connect() as conn:  # type: ignore[attr-defined]
        rows = conn.execute(text("SELECT type, name, coalesce(sql, '') FROM sqlite_master "
                                 "WHERE type IN ('table', 'index')"))
        return {(r[0], r[1], r[2]) for r in rows}


def test_upgrade_from_empty_creates_every_table(tmp_path: Path) -> None:
    engine = db.open_engine(tmp_path / "new.db")
    assert db.current_revision(engine) is None
    db.migrate(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert {t.name for t in models.metadata.sorted_tables} | {"product_fts"} <= _tables(engine)


def test_migrated_schema_matches_the_models(empty_engine: object) -> None:
    def ours(obj: object, name: str | None, type_: str, *_: object) -> bool:
        return not (type_ == "table" and name and name.startswith(SQLITE_INTERNAL))

    with empty_engine.connect() as conn:  # type: ignore[attr-defined]
        ctx = MigrationContext.configure(conn, opts={"include_object": ours})
        assert compare_metadata(ctx, models.metadata) == []


def test_every_connection_is_durable(empty_engine: object) -> None:
    with empty_engine.connect() as conn:  # type: ignore[attr-defined]
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_latest_step_downgrades_and_upgrades_again(empty_engine: object) -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    head = script.get_revision(db.head_revision())
    assert head is not None and isinstance(head.down_revision, str)
    at_head = _schema(empty_engine)
    db.downgrade(empty_engine, revision=head.down_revision)  # type: ignore[arg-type]
    assert db.current_revision(empty_engine) == head.down_revision  # type: ignore[arg-type]
    assert _schema(empty_engine) != at_head  # the latest step's tables/columns are gone
    db.migrate(empty_engine)  # type: ignore[arg-type]
    assert db.current_revision(empty_engine) == db.head_revision()  # type: ignore[arg-type]
    assert _schema(empty_engine) == at_head


def test_migrate_twice_is_a_no_op(empty_engine: object) -> None:
    db.migrate(empty_engine)  # type: ignore[arg-type]
    assert db.current_revision(empty_engine) == db.head_revision()  # type: ignore[arg-type]


def test_a_database_from_newer_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    db.open_database(path).dispose()
    engine = db.open_engine(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(PosError) as err:
        db.open_database(path)
    assert err.value.key == "db.schema_too_new"
    assert err.value.data == {"found": "9999_from_the_future", "known": db.head_revision()}


def test_the_head_constant_names_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(db.alembic_config()).get_current_head() == db.HEAD_REVISION
