"""CPU seconds used by processes during a benchmark phase (Linux ``/proc``): on a shared
machine the wall-clock rate depends on what else runs, the CPU per unit of work does not."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_s(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += _children(p)
    return tree


def postgres_backends(url: str) -> list[int]:
    """The server processes of the connections to ``url``'s database (on this machine)."""
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as conn:
        return [int(r[0]) for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")]


class CpuMeter:
    """CPU seconds of the cloud (its worker processes), of PostgreSQL (the backends of its
    database) and of this process, between ``start`` and ``stop``. Backends that connect
    in between count from zero; any that exit before ``stop`` are missed (the cloud keeps
    its pooled connections, so few if any)."""

    def __init__(self, *, cloud_pid: int | None, url: str) -> None:
        self.cloud_pid, self.url = cloud_pid, url
        self._start: dict[tuple[str, int], float] = {}
        self._self = 0.0

    def _sample(self) -> dict[tuple[str, int], float]:
        pids = [("cloud", p) for p in process_tree(self.cloud_pid)] if self.cloud_pid else []
        pids += [("postgres", p) for p in postgres_backends(self.url)]
        return {key: cpu for key in pids if (cpu := _cpu_s(key[1])) is not None}

    def start(self) -> None:
        self._start = self._sample()
        self._self = sum(os.times()[:2])

    def stop(self, *, units: int, unit: str) -> dict[str, Any]:
        """Seconds per kind and milliseconds per unit of work (empty without /proc)."""
        if not Path("/proc/self/stat").exists():
            return {}
        used: dict[str, float] = {"cloud": 0.0, "postgres": 0.0}
        for key, cpu in self._sample().items():
            used[key[0]] += cpu - self._start.get(key, 0.0)
        client = sum(os.times()[:2]) - self._self
        return {"cloud_cpu_s": round(used["cloud"], 1),
                "postgres_cpu_s": round(used["postgres"], 1),
                "client_cpu_s": round(client, 1),
                f"cpu_ms_per_{unit}": round((used["cloud"] + used["postgres"]) * 1000 / units, 3)}
