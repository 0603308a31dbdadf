"""Throwaway PostgreSQL databases for the cloud tests.

The machine's PostgreSQL (``127.0.0.1:5432``, user ``postgres``, trust auth) is the default;
``POS_TEST_PG_URL`` (e.g. ``postgresql://postgres@127.0.0.1:5432``) points elsewhere. A test
that needs PostgreSQL calls ``require_postgres()`` (or uses ``throwaway_database``): when the
server is unreachable it raises ``PostgresUnavailable`` — the test fails, it never skips.

    with throwaway_database() as url:   # postgresql+psycopg://postgres@127.0.0.1:5432/pos_t_…
        run_the_cloud(database_url=url)
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "DEFAULT_SERVER_URL",
    "PostgresUnavailable",
    "create_database",
    "database_exists",
    "drop_database",
    "drop_leftover_databases",
    "require_postgres",
    "server_url",
    "throwaway_database",
]

DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432"
MAINTENANCE_DBS = ("postgres", "test")  # where CREATE/DROP DATABASE are issued from
DEFAULT_PREFIX = "pos_t"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be reached: the PostgreSQL variant of the tests must fail."""


def server_url() -> str:
    """The server's URL without a database (``POS_TEST_PG_URL`` or the default)."""
    url = os.environ.get("POS_TEST_PG_URL", DEFAULT_SERVER_URL).rstrip("/")
    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://", 1))
    if parts.scheme != "postgresql" or not parts.hostname:
        raise ValueError(f"POS_TEST_PG_URL must be postgresql://user@host:port, not {url!r}")
    return f"postgresql://{parts.netloc}"


def _sqlalchemy_url(name: str) -> str:
    return server_url().replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name


def _connect(dbname: str | None = None, *, timeout_s: float = 5.0) -> Any:
    """An autocommit psycopg connection to a maintenance database (or ``dbname``)."""
    import psycopg

    errors: list[str] = []
    for candidate in (dbname,) if dbname else MAINTENANCE_DBS:
        try:
            return psycopg.connect(f"{server_url()}/{candidate}", autocommit=True,
                                   connect_timeout=max(1, int(timeout_s)))
        except psycopg.OperationalError as exc:
            errors.append(f"{candidate}: {str(exc).strip()}")
    raise PostgresUnavailable(
        f"PostgreSQL at {server_url()} is unreachable ({'; '.join(errors)}). Start it "
        "(e.g. `pg_ctlcluster 15 main start`) — the PostgreSQL tests fail without it.")


def require_postgres(timeout_s: float = 5.0) -> str:
    """Raise ``PostgresUnavailable`` unless PostgreSQL answers; returns its version string."""
    with _connect(timeout_s=timeout_s) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else ""


def _db_name(url_or_name: str) -> str:
    name = urlsplit(url_or_name).path.lstrip("/") if "://" in url_or_name else url_or_name
    if not _NAME.match(name):
        raise ValueError(f"not a throwaway database name: {name!r}")
    return name


def create_database(prefix: str = DEFAULT_PREFIX) -> str:
    """Create a fresh empty database; returns its SQLAlchemy URL (``postgresql+psycopg``).

    The name carries the creating process id, so ``drop_leftover_databases`` can tell the
    databases of dead test runs from those of runs still going.
    """
    name = _db_name(f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:10]}")
    with _connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _sqlalchemy_url(name)


def database_exists(url_or_name: str) -> bool:
    name = _db_name(url_or_name)
    with _connect() as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (name,)).fetchone() is not None


def drop_database(url_or_name: str) -> None:
    """Drop a database, cutting off whoever is still connected (a killed server's pool)."""
    name = _db_name(url_or_name)
    with _connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_leftover_databases(prefix: str = DEFAULT_PREFIX) -> list[str]:
    """Drop ``prefix`` databases whose creating process is gone; returns their names."""
    pattern = re.compile(rf"^{re.escape(prefix)}_(\d+)_[0-9a-f]+$")
    with _connect() as conn:
        names = [r[0] for r in conn.execute("SELECT datname FROM pg_database")]
    dropped = []
    for name in names:
        m = pattern.match(name)
        if m and not _pid_alive(int(m.group(1))):
            drop_database(name)
            dropped.append(name)
    return dropped


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def throwaway_database(prefix: str = DEFAULT_PREFIX) -> Iterator[str]:
    """A fresh database for the ``with`` block (its SQLAlchemy URL), dropped afterwards."""
    url = create_database(prefix)
    try:
        yield url
    finally:
        drop_database(url)
