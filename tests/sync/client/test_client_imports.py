"""What the sync client brings into the till's process when it first syncs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_sync_client_does_not_load_httpx_command_line_tools() -> None:
    """httpx's CLI half-imports click and pygments (4.5 MB resident) the till never uses."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, sync.client, httpx; "
         "print(sorted(m for m in ('click', 'pygments', 'rich') if m in sys.modules))"],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "[]"
