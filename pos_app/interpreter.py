"""The Python interpreter's settings for a till: thread switching and the garbage collector.

One Python thread runs at a time (the GIL). A thread that waits for the disk or a device
lets another run, and gets the GIL back only when that one waits too or has run for the
switch interval (5 ms by default). A sale's commit waits for SQLite dozens of times, so a
CPU-bound background thread (an import's checks, a pull's page) could add 5 ms at each:
a 3 ms commit took 100-250 ms in ``bench import``. At 1 ms the background work loses a
little throughput and the sale and the screen stay quick. Background loops also step aside
for a sale outright (``db.give_way``).

The cyclic garbage collector runs after every 700 new container objects by default and
looks at every object still alive; a pull's pages make hundreds of thousands of short-lived
objects, and the collector took a sixth of an initial pull's CPU. The till collects less
often (``GC_THRESHOLDS``) and, once started, moves what start-up made (modules, tables,
the window) out of the collector's sight (``freeze_startup``): it lives as long as the till,
and is given back when the till closes (``thaw``).
"""

from __future__ import annotations

import gc
import sys

SWITCH_INTERVAL_S = 0.001
GC_THRESHOLDS = (50_000, 20, 100)


def tune_interpreter() -> None:
    """Apply the till's switch interval and collector thresholds (once, at start)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    gc.set_threshold(*GC_THRESHOLDS)


def freeze_startup() -> None:
    """Leave what exists now (start-up's objects) out of every later collection."""
    gc.collect()
    gc.freeze()


def thaw() -> None:
    """Give start-up's objects back to the collector (the till has closed): the
    interpreter's last collection then frees them too. A frozen cycle is never freed, and
    extension modules report what is still alive at exit as leaks (zxing-cpp does)."""
    gc.unfreeze()
    gc.collect()
