"""Raw SQL in the store lives in raw_sql.py (each statement with the benchmark that keeps it
raw); everything else is built from the models' tables."""

from __future__ import annotations

import re
from pathlib import Path

import pos_app.store

STORE = Path(pos_app.store.__file__).parent
# SQL statement text in a string literal (docstrings start with a word, not a keyword).
_SQL = re.compile(r"[\"'](?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|REPLACE)\b")
_TOOLING = {"raw_sql.py", "migrate.py"}  # the place itself; schema tooling


def test_the_store_writes_no_sql_text_outside_raw_sql() -> None:
    found = [f"{path.relative_to(STORE)}:{n}: {line.strip()}"
             for path in sorted(STORE.rglob("*.py"))
             if path.name not in _TOOLING and "migrations" not in path.parts
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if _SQL.search(line)]
    assert found == []
