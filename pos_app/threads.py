"""Python's thread switch interval for a till.

One Python thread runs at a time (the GIL). A thread that waits for the disk or a device
lets another run, and gets the GIL back only when that one waits too or has run for the
switch interval (5 ms by default). A sale's commit waits for SQLite dozens of times, so a
CPU-bound background thread (an import's checks, a pull's page) could add 5 ms at each:
a 3 ms commit took 100-250 ms in ``bench import``. At 1 ms the background work loses a
little throughput and the sale and the screen stay quick. Background loops also step aside
for a sale outright (``db.give_way``).
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.001


def tune_switching() -> None:
    """Apply the till's switch interval (once, at start)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
