"""Database access of the cloud: engines for SQLite and PostgreSQL, transactions, upserts and
Alembic migrations (``sync/server/migrations``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    any_,
    bindparam,
    cast,
    create_engine,
    event,
    insert,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0008_receiving_transfers"
BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "cloud_write"


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer ``pos-cloud`` than this one."""


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # SQLAlchemy's "begin" event emits BEGIN itself (pysqlite's implicit BEGIN is unreliable).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock at BEGIN: no lock upgrade can fail half-way, and two
    # pushes of one terminal are applied one after the other.
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def open_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url`` (``sqlite:///file`` or ``postgresql+psycopg://...``)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, poolclass=QueuePool, pool_size=pool_size, max_overflow=pool_size,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                         connect_args={"connect_timeout": 10})


def is_postgres(conn: Connection | Engine) -> bool:
    return conn.dialect.name == "postgresql"


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """One write transaction: commits on success, rolls back on error."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    """One read transaction."""
    with engine.connect() as conn, conn.begin():
        yield conn


def among(conn: Connection, column: ColumnElement[Any], values: Sequence[Any]
          ) -> ColumnElement[bool]:
    """``column IN values``: on PostgreSQL ``= ANY(array)``, one statement text whatever the
    number of values (prepared once, not compiled and parsed again for every batch)."""
    if is_postgres(conn):
        return column == any_(cast(bindparam(None, list(values), expanding=False),
                                   postgresql.ARRAY(column.type)))
    return column.in_(list(values))


def _insert(conn: Connection, table: Table) -> Any:
    return (postgresql.insert if is_postgres(conn) else sqlite.insert)(table)


def upsert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]], *,
           keys: Sequence[str], update: Sequence[str] | None = None) -> None:
    """Insert ``rows``; on a ``keys`` conflict overwrite the ``update`` columns (default: every
    non-key column of the rows)."""
    if not rows:
        return
    stmt = _insert(conn, table)
    columns = update if update is not None else [c for c in rows[0] if c not in keys]
    stmt = stmt.on_conflict_do_update(
        index_elements=list(keys), set_={c: stmt.excluded[c] for c in columns})
    conn.execute(stmt, list(rows))


def insert_ignore(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert the ``rows`` whose key does not exist yet (one pipelined statement)."""
    if rows:
        conn.execute(_insert(conn, table).on_conflict_do_nothing(), [dict(r) for r in rows])


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys): on PostgreSQL with one ``COPY`` (a push
    writes thousands of rows; one INSERT execution per row cost more than the rest of the
    batch), elsewhere one executemany. A failing row raises SQLAlchemy's error as an INSERT
    would (``IntegrityError``, ``DataError``...), so callers treat both paths alike."""
    if not rows:
        return
    names = list(rows[0])
    keys = rows[0].keys()
    if not is_postgres(conn) or any(r.keys() != keys for r in rows):
        conn.execute(insert(table), list(rows))
        return
    columns = [table.c[n] for n in names]
    # Python-side column defaults an INSERT would have filled in for absent columns.
    defaults = [(c.name, getattr(c.default, "arg", None)) for c in table.c
                if c.name not in rows[0] and c.default is not None and c.default.is_scalar]
    processors = [c.type.bind_processor(conn.dialect) for c in columns]
    values = [[r[n] for n in names] for r in rows]
    for i, process in enumerate(processors):
        if process is not None:
            for row in values:
                row[i] = process(row[i])
    fixed = [d for _, d in defaults]
    targets = ", ".join(_quoted(n) for n in [*names, *(n for n, _ in defaults)])
    sql = f"COPY {_quoted(table.name)} ({targets}) FROM STDIN"
    raw: Any = conn.connection.driver_connection  # the psycopg connection of this transaction
    try:
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for row in values:
                copy.write_row([*row, *fixed] if fixed else row)
    except raw.Error as exc:
        raise DBAPIError.instance(sql, None, exc, type(raw).Error) from exc


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert_new(conn: Connection, table: Table, row: Mapping[str, Any]) -> bool:
    """Insert ``row`` unless its key exists; whether it was inserted. A concurrent writer of
    the same key waits for the first to commit, then learns it lost."""
    # RETURNING, not rowcount: psycopg reports -1 for INSERT .. ON CONFLICT through here.
    stmt = _insert(conn, table).on_conflict_do_nothing().returning(
        *table.primary_key.columns)
    return conn.execute(stmt, dict(row)).first() is not None


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic config built in code (no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None when empty)."""
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, *, revision: str = "head") -> None:
    """Upgrade the schema; refuse a database migrated by a newer ``pos-cloud``."""
    from alembic import command
    from alembic.script import ScriptDirectory

    found = current_revision(engine)
    if found == HEAD_REVISION and revision == "head":
        return
    script = ScriptDirectory.from_config(alembic_config())
    if found is not None and found not in {s.revision for s in script.walk_revisions()}:
        raise SchemaTooNew(f"database schema {found} is newer than this server "
                           f"({HEAD_REVISION}); upgrade pos-cloud")
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, *, revision: str) -> None:
    """Downgrade the schema (tests and support only)."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def table_names() -> list[str]:
    """Every table of the cloud schema, parents first."""
    from sync.server import ledger_tables  # noqa: F401  (registers the ledger tables)
    from sync.server.tables import metadata

    return [t.name for t in metadata.sorted_tables]
