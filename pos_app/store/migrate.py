"""The till's schema tooling: generate a migration from the models, check they agree.

    python -m pos_app.store.migrate revision "what changes"   (also: make migration MSG=...)
    python -m pos_app.store.migrate check

``revision`` upgrades a scratch database to the newest migration, lets Alembic's
autogenerate compare it with ``models`` and writes the next script
(``migrations/versions/NNNN_what_changes.py``), then points ``db.HEAD_REVISION`` at it.
Read the script before committing: Alembic does not write data moves, triggers or the FTS
index (``raw_sql``), and a new NOT NULL column of a table with rows needs a server default
(``models.base.db_default``). ``check`` (and the test suite) fails when the models and the
migrations differ.
"""

from __future__ import annotations

import re
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex
from sqlmodel.sql.sqltypes import AutoString

from pos_app.store import db, models, raw_sql


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """SQLModel's string type written as ``sa.String()`` (the scripts import no SQLModel)."""
    if type_ == "type" and isinstance(obj, AutoString):
        return "sa.String()"
    return False


# Options of Alembic's comparison and rendering, shared by autogenerate (migrations/env.py)
# and the check.
COMPARE_OPTIONS: dict[str, Any] = {"compare_type": True, "compare_server_default": True,
                                   "render_item": render_item}


def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    """What Alembic compares: every table but SQLite's own, Alembic's and the FTS index's
    (declared in ``raw_sql``)."""
    if type_ == "table" and name is not None:
        return not name.startswith(("sqlite_", raw_sql.FTS_TABLE, "alembic_version"))
    return True


def _sql(value: str) -> str:
    """SQL text compared without its layout and quoting."""
    return re.sub(r"\s+", " ", value.replace('"', "").replace("'", "")).strip().lower()


def schema_differences(conn: Connection) -> list[str]:
    """How the database on ``conn`` differs from ``models`` and ``raw_sql``: Alembic's
    comparison (tables, columns, types, nullability, server defaults, keys, indexes) plus
    what it does not look at (the indexes' WHERE, the triggers, the FTS table)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    ctx = MigrationContext.configure(conn, opts={**COMPARE_OPTIONS,
                                                 "include_object": include_object})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a computed column that differs only warns
        found = [repr(diff) for diff in compare_metadata(ctx, models.metadata)]
    master = {(r[0], r[1]): r[2] or "" for r in conn.execute(text(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))}
    dialect = sqlite.dialect()
    for table in models.metadata.sorted_tables:
        for index in table.indexes:
            want = str(CreateIndex(index).compile(dialect=dialect))
            have = master.get(("index", str(index.name)))
            if have is not None and _sql(have) != _sql(want):
                found.append(f"index {index.name}: database {have!r}, models {want!r}")
    triggers = {name for kind, name in master if kind == "trigger"}
    if triggers != set(raw_sql.TRIGGERS):
        found.append(f"triggers: database {sorted(triggers)}, raw_sql "
                     f"{sorted(raw_sql.TRIGGERS)}")
    fts = master.get(("table", raw_sql.FTS_TABLE))
    if fts is None or _sql(fts) != _sql(raw_sql.FTS_DDL):
        found.append(f"{raw_sql.FTS_TABLE}: database {fts!r}, raw_sql {raw_sql.FTS_DDL!r}")
    return found


def _scratch_engine(directory: str) -> Engine:
    engine = db.open_engine(Path(directory) / "scratch.db")
    db.migrate(engine)
    return engine


def check() -> list[str]:
    """``schema_differences`` of a scratch database upgraded to the newest migration."""
    with tempfile.TemporaryDirectory() as directory:
        engine = _scratch_engine(directory)
        try:
            with engine.connect() as conn:
                return schema_differences(conn)
        finally:
            engine.dispose()


def _next_id(message: str) -> str:
    number = int(db.HEAD_REVISION.split("_", 1)[0]) + 1
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40] or "change"
    return f"{number:04d}_{slug}"


def revision(message: str) -> Path:
    """Write the next migration (what the models have and the migrations lack); its path."""
    from alembic import command

    rev_id = _next_id(message)
    with tempfile.TemporaryDirectory() as directory:
        engine = _scratch_engine(directory)
        try:
            cfg = db.alembic_config(engine)
            cfg.set_main_option("file_template", "%%(rev)s")  # the id holds the slug
            script = command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        finally:
            engine.dispose()
    assert script is not None and not isinstance(script, list)
    db_file = Path(db.__file__)
    source = db_file.read_text(encoding="utf-8")
    db_file.write_text(re.sub(r'^HEAD_REVISION = ".*"$', f'HEAD_REVISION = "{rev_id}"', source,
                              count=1, flags=re.M), encoding="utf-8")
    return Path(script.path)


def main(argv: list[str]) -> int:
    if argv[:1] == ["revision"] and len(argv) == 2:
        path = revision(argv[1])
        print(f"wrote {path}; db.HEAD_REVISION now names it. Read it before committing.")
        return 0
    if argv == ["check"]:
        differences = check()
        for line in differences:
            print(line)
        return 1 if differences else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
