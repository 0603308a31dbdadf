"""The cloud's schema tooling: generate a migration from the tables, check they agree.

    python -m sync.server.migrate revision "what changes" [--url URL]   (make cloud-migration)
    python -m sync.server.migrate check [--url URL]

``revision`` upgrades a scratch database (a temporary SQLite file, or the empty database
``--url`` names) to the newest migration, lets Alembic's autogenerate compare it with the
tables (``tables.py``, ``ledger_tables.py``) and writes the next script
(``migrations/versions/NNNN_what_changes.py``), then points ``db.HEAD_REVISION`` at it.
The script must run on SQLite and PostgreSQL (the test-suite runs it on both): read it
before committing; Alembic does not write data moves. An empty string as a server default
is written ``server_default=text("''")`` (Alembic reads a plain ``""`` as none and the check
would fail). ``check`` (and the test suite) fails when the tables and the migrations differ.
"""

from __future__ import annotations

import re
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from sync.server import (
    db,
    ledger_tables,  # noqa: F401  (registers the ledger tables)
)
from sync.server.tables import metadata

# Options of Alembic's comparison, shared by autogenerate (migrations/env.py) and the check.
COMPARE_OPTIONS: dict[str, Any] = {"compare_type": True, "compare_server_default": True}


def schema_differences(conn: Connection) -> list[str]:
    """How the database on ``conn`` differs from the table declarations: tables, columns,
    types, nullability, server defaults, keys and indexes (Alembic's comparison)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    ctx = MigrationContext.configure(conn, opts=COMPARE_OPTIONS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # what Alembic cannot compare only warns
        return [repr(diff) for diff in compare_metadata(ctx, metadata)]


def _scratch(url: str | None, directory: str) -> Engine:
    engine = db.open_engine(url or f"sqlite:///{directory}/scratch.db", pool_size=1)
    db.migrate(engine)
    return engine


def check(url: str | None = None) -> list[str]:
    """``schema_differences`` of a scratch database upgraded to the newest migration."""
    with tempfile.TemporaryDirectory() as directory:
        engine = _scratch(url, directory)
        try:
            with engine.connect() as conn:
                return schema_differences(conn)
        finally:
            engine.dispose()


def next_id(message: str) -> str:
    """The id of the migration after the newest: ``NNNN_slug_of_the_message``."""
    number = int(db.HEAD_REVISION.split("_", 1)[0]) + 1
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40] or "change"
    return f"{number:04d}_{slug}"


def revision(message: str, url: str | None = None) -> Path:
    """Write the next migration (what the tables have and the migrations lack); its path."""
    from alembic import command

    rev_id = next_id(message)
    with tempfile.TemporaryDirectory() as directory:
        engine = _scratch(url, directory)
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
    url = None
    if "--url" in argv[:-1]:
        at = argv.index("--url")
        url, argv = argv[at + 1], argv[:at] + argv[at + 2:]
    if argv[:1] == ["revision"] and len(argv) == 2:
        path = revision(argv[1], url)
        print(f"wrote {path}; db.HEAD_REVISION now names it. Read it before committing.")
        return 0
    if argv == ["check"]:
        differences = check(url)
        for line in differences:
            print(line)
        return 1 if differences else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
