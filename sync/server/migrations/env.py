"""Alembic environment of the cloud: runs on the engine handed over in ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from sync.server.migrate import COMPARE_OPTIONS
from sync.server.tables import metadata  # with the ledger tables (registered by migrate)

config = context.config
target_metadata = metadata
# Any constant: on PostgreSQL two servers starting at once migrate one after the other.
_MIGRATION_LOCK = 7_261_001


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("cloud migrations run through sync.server.db.migrate(engine)")
    with engine.connect() as conn:
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            render_as_batch=conn.dialect.name == "sqlite",
            transactional_ddl=True,
            **COMPARE_OPTIONS,
        )
        with context.begin_transaction():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            context.run_migrations()
        conn.commit()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
