"""glibc malloc settings for a till that sells for days: large blocks get their own mapping.

glibc raises its mmap threshold each time a large block is freed (up to 32 MB). After the
first camera frames (900 KB gray images for the QR decoder, 10 a second), receipt images
and query results are freed, such blocks come from the heap instead, and the holes they
leave are seldom at its top, so the heap cannot shrink: in the soak benchmark the heap grew
from 30 to 69 MB over the first sales while 22 MB of it was free. A fixed threshold (setting
it turns the adjustment off) keeps every block of 128 KiB or more in its own mapping,
returned to the system when freed. ``MALLOC_ARENA_MAX`` likewise caps the per-thread heaps
(one each for the device, sync and database threads otherwise, up to 8 per core) at 2.

Both are glibc's documented tunables; an environment that sets them itself wins. Elsewhere
(Windows, macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import os
import sys

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers (malloc.h)
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, now kept
ARENA_MAX = 2


def tune_allocator() -> dict[str, int]:
    """Apply the settings (once, early: before the threads start); returns what was set."""
    if not sys.platform.startswith("linux"):
        return {}
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return {}
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    applied: dict[str, int] = {}
    for env, param, value in (("MALLOC_MMAP_THRESHOLD_", M_MMAP_THRESHOLD, MMAP_THRESHOLD),
                              ("MALLOC_ARENA_MAX", M_ARENA_MAX, ARENA_MAX)):
        if env not in os.environ and mallopt(param, value) == 1:
            applied[env] = value
    return applied
