"""Alembic environment: runs on the engine handed over in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from pos_app.store import models
from pos_app.store.migrate import COMPARE_OPTIONS, include_object

config = context.config
target_metadata = models.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("pos_app migrations run through pos_app.store.db.migrate(engine)")
    with engine.connect() as conn:
        # transactional_ddl: SQLite can roll back DDL, so a step is all-or-nothing.
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            render_as_batch=True,
            transactional_ddl=True,
            include_object=include_object,
            **COMPARE_OPTIONS,
        )
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
