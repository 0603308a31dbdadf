"""Schema: Alembic from an empty file, the latest step down and up, refusing newer files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pos_app.core.errors import PosError
from pos_app.store import db, migrate, models, raw_sql


def _tables(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        return {r[0] for r in rows}


def _schema(engine: Engine) -> set[tuple[str, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type, name, COALESCE(sql, '') FROM sqlite_master"))
        return {(r[0], r[1], r[2]) for r in rows}


def test_upgrade_from_empty_creates_every_table(tmp_path: Path) -> None:
    engine = db.open_engine(tmp_path / "new.db")
    assert db.current_revision(engine) is None
    db.migrate(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert {t.name for t in models.metadata.sorted_tables} | {"product_fts"} <= _tables(engine)


def test_migrated_schema_matches_the_models(empty_engine: Engine) -> None:
    with empty_engine.connect() as conn:
        assert migrate.schema_differences(conn) == []


def test_the_check_sees_what_alembic_does_not_compare(empty_engine: Engine) -> None:
    # A partial index without its WHERE, a trigger missing: each is a difference.
    with empty_engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_outbox_event_unacked"))
        conn.execute(text("CREATE INDEX ix_outbox_event_unacked ON outbox_event "
                          "(terminal_code, seq)"))
        conn.execute(text("DROP TRIGGER sale_line_immutable"))
    with empty_engine.connect() as conn:
        found = "\n".join(migrate.schema_differences(conn))
    assert "ix_outbox_event_unacked" in found
    assert "triggers" in found and "sale_line_immutable" in found


def test_the_check_compares_server_defaults(empty_engine: Engine) -> None:
    column = models.product.c.brand
    kept = column.server_default
    column.server_default = None
    try:
        with empty_engine.connect() as conn:
            found = migrate.schema_differences(conn)
    finally:
        column.server_default = kept
    assert len(found) == 1 and "'product', 'brand'" in found[0]


def test_every_trigger_is_named_with_its_table(empty_engine: Engine) -> None:
    with empty_engine.connect() as conn:
        triggers: dict[str, str] = dict(conn.execute(text(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")).all())
    assert triggers == raw_sql.TRIGGERS


def test_the_next_revision_id_follows_the_head() -> None:
    number = int(db.HEAD_REVISION[:4])
    assert migrate._next_id("Product origin!") == f"{number + 1:04d}_product_origin"


def test_every_connection_is_durable(empty_engine: Engine) -> None:
    with empty_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_latest_step_downgrades_and_upgrades_again(empty_engine: Engine) -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    head = script.get_revision(db.head_revision())
    assert head is not None and isinstance(head.down_revision, str)
    at_head = _schema(empty_engine)
    db.downgrade(empty_engine, revision=head.down_revision)
    assert db.current_revision(empty_engine) == head.down_revision
    assert _schema(empty_engine) != at_head  # the latest step is undone
    db.migrate(empty_engine)
    assert db.current_revision(empty_engine) == db.head_revision()
    assert _schema(empty_engine) == at_head


def test_migrate_twice_is_a_no_op(empty_engine: Engine) -> None:
    db.migrate(empty_engine)
    assert db.current_revision(empty_engine) == db.head_revision()


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


def test_member_rows_lose_their_private_data_and_are_pulled_again(tmp_path: Path) -> None:
    engine = db.open_engine(tmp_path / "old.db")
    db.migrate(engine, revision="0007_sync")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO member (member_id, card_no, phone, name, tier, birthday, "
            "points_confirmed, source, created_at, updated_at) VALUES ('M1', '8800000001', "
            "'13800138000', '张伟', 'gold', '1985-06-15', 320, 'cloud', 'x', 'x')"))
        conn.execute(text("INSERT INTO sync_cursor (stream, after, updated_at) VALUES "
                          "('members', 41, 'x'), ('products', 7, 'x')"))
    db.migrate(engine)
    with engine.connect() as conn:
        [row] = [dict(r) for r in conn.execute(text("SELECT * FROM member")).mappings()]
        cursors: dict[str, int] = dict(
            conn.execute(text("SELECT stream, after FROM sync_cursor")).all())
    engine.dispose()
    assert not {"phone", "name", "card_no", "birthday"} & set(row)
    assert (row["phone_masked"], row["name_masked"], row["birthday_md"], row["tier"],
            row["points_confirmed"]) == ("138****8000", "张*", "06-15", "gold", 320)
    assert row["phone_hash"] is None and row["card_hash"] is None  # until the next pull
    assert cursors == {"products": 7}  # members are pulled again, with their hashes
