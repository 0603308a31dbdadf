"""Cloud server fixtures: every test runs on SQLite (a fresh file) and on a real PostgreSQL
(a database made for this session, emptied before each test). PostgreSQL unreachable → the
PostgreSQL variants FAIL; they never skip."""

from __future__ import annotations

import os
import shutil
import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from sync.server.admin import create_store
from sync.server.app import create_app
from sync.server.db import migrate, open_engine, table_names
from sync.server.settings import CloudSettings
from tests.sync.server.helpers import Clock, Till, enroll_till

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx vs httpx2
    from fastapi.testclient import TestClient

PG_SERVER = os.environ.get("POS_TEST_PG_URL",
                           "postgresql+psycopg://postgres@127.0.0.1:5432").rstrip("/")
PG_SERVER = PG_SERVER.replace("postgresql://", "postgresql+psycopg://", 1)
START = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this session (migrated), dropped at the end."""
    name = f"cloud_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = open_engine(f"{PG_SERVER}/test", pool_size=1)
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any failure to reach it is the same failure
        admin.dispose()
        pytest.fail(f"PostgreSQL at {PG_SERVER} is unreachable: {exc}", pytrace=False)
    url = f"{PG_SERVER}/{name}"
    engine = open_engine(url, pool_size=1)
    migrate(engine)
    engine.dispose()
    yield url
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test."""
    path = tmp_path_factory.mktemp("cloud-template") / "cloud.db"
    engine = open_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = open_engine(pg_url, pool_size=8)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated cloud database for this test."""
    if backend == "sqlite":
        path = tmp_path / "cloud.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    engine: Engine = request.getfixturevalue("pg_engine")
    tables = ", ".join(f'"{t}"' for t in table_names())
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return str(engine.url.render_as_string(hide_password=False))


@pytest.fixture
def engine(database_url: str, backend: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    if backend == "postgres":
        yield request.getfixturevalue("pg_engine")
        return
    eng = open_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def client(engine: Engine, clock: Clock, tmp_path: Path) -> Iterator[TestClient]:
    settings = CloudSettings(data_dir=tmp_path / "cloud-data", database_url="sqlite://")
    app = create_app(settings, engine=engine, clock=clock)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def store_id(engine: Engine, clock: Clock) -> int:
    """Store S001 (and the chain's first signing key)."""
    return create_store(engine, code="S001", name="旗舰店", address="上海", now=clock())


@pytest.fixture
def till(client: TestClient, engine: Engine, clock: Clock, store_id: int) -> Till:
    """Terminal T01 of S001, enrolled."""
    return enroll_till(client, engine, clock, store_code="S001", terminal_code="T01")
