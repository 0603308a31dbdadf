"""The cloud schema is owned by its migrations, on both databases."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import DefaultClause, Engine, inspect, text

from pos_app.core.members import lookup_hash
from sync.server import db, migrate
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
    db.migrate(empty_engine)
    with empty_engine.connect() as conn:
        assert migrate.schema_differences(conn) == []


def test_the_check_compares_server_defaults(empty_engine: Engine) -> None:
    db.migrate(empty_engine)
    column = metadata.tables["terminal"].c.app_version
    kept = column.server_default
    column.server_default = DefaultClause(text("'unknown'"))
    try:
        with empty_engine.connect() as conn:
            found = migrate.schema_differences(conn)
    finally:
        column.server_default = kept
    assert len(found) == 1 and "'terminal', 'app_version'" in found[0]


def test_the_next_revision_id_follows_the_head() -> None:
    number = int(db.HEAD_REVISION[:4])
    assert migrate.next_id("Terminal OS name") == f"{number + 1:04d}_terminal_os_name"


def test_a_database_from_a_newer_server_is_refused(empty_engine: Engine) -> None:
    db.migrate(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(db.SchemaTooNew):
        db.migrate(empty_engine)


def test_members_already_published_are_rewritten_without_their_private_data(
        empty_engine: Engine) -> None:
    db.migrate(empty_engine, revision="0001_initial")
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO member (member_id, phone, name, tier, card_no, birthday, consent_at, "
            "opening_points, points_balance, source, created_at, updated_at) VALUES ('M1', "
            "'13800138000', '张伟', 'gold', '8800000001', '1985-06-15', NULL, 0, 320, "
            "'cloud', '2026-12-01 00:00:00', '2026-12-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO change_log (stream, store_id, key, seq, op, data) VALUES ('members', "
            "0, 'M1', 1, 'upsert', :d)"), {"d": json.dumps(
                {"phone": "13800138000", "name": "张伟", "tier": "gold",
                 "card_no": "8800000001", "birthday": "1985-06-15", "points_confirmed": 320})})
    db.migrate(empty_engine)
    with empty_engine.connect() as conn:
        logged: dict[str, str] = dict(conn.execute(text(
            "SELECT key, data FROM change_log WHERE stream IN ('members', 'chain_keys')")).all())
    data = json.loads(logged["M1"])
    secret = base64.b64decode(json.loads(logged["member-lookup"])["lookup_secret"])
    assert data == {"phone_masked": "138****8000", "name_masked": "张*", "tier": "gold",
                    "phone_hash": lookup_hash(secret, "phone", "13800138000"),
                    "card_hash": lookup_hash(secret, "card", "8800000001"),
                    "birthday_md": "06-15", "points_confirmed": 320}
