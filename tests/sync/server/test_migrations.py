"""The cloud schema is owned by its migrations, on both databases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, inspect, text

from sync.server import db
from sync.server.tables import metadata
from tests.sync.server.conftest import PG_SERVER


@pytest.fixture
def empty_engine(backend: str, tmp_path: object) -> Iterator[Engine]:
    """An engine on a database with no tables at all."""
    if backend == "sqlite":
        engine = db.open_engine(f"sqlite:///{tmp_path}/empty.db")
        yield engine
        engine.dispose()
        return
    name = f"cloud_mig_{uuid.uuid4().hex[:8]}"
    admin = db.open_engine(f"{PG_SERVER}/test", pool_size=1)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = db.open_engine(f"{PG_SERVER}/{name}", pool_size=1)
    yield engine
    engine.dispose()
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_build_the_schema_the_tables_declare_and_go_back(
        empty_engine: Engine) -> None:
    db.migrate(empty_engine)
    assert db.current_revision(empty_engine) == db.HEAD_REVISION
    names = set(inspect(empty_engine).get_table_names())
    assert set(db.table_names()) <= names and len(metadata.tables) == len(db.table_names())
    db.migrate(empty_engine)  # nothing to do the second time
    db.downgrade(empty_engine, revision="base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}


def test_the_migrations_match_the_table_declarations(empty_engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db.migrate(empty_engine)
    with empty_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_a_database_from_a_newer_server_is_refused(empty_engine: Engine) -> None:
    db.migrate(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(db.SchemaTooNew):
        db.migrate(empty_engine)
