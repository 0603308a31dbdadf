"""Rule: core, store, drivers, the services, sync and the contract never import Qt (the Qt
adapters live in ``pos_app/ui``)."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib
    import importlib.util
    import pkgutil
    import sys

    class BlockQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"Qt is blocked here: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())
    imported = []
    for top in ("pos_app.core", "pos_app.store", "pos_app.services", "drivers", "sync",
                "contract"):
        if importlib.util.find_spec(top) is None:
            continue
        pkg = importlib.import_module(top)
        imported.append(top)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=top + "."):
            importlib.import_module(info.name)
            imported.append(info.name)
    leaked = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")]
    assert not leaked, leaked
    print("\\n".join(imported))
    """
)


def test_core_store_services_drivers_and_sync_import_without_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    imported = set(proc.stdout.split())
    assert {"pos_app.core.money", "pos_app.core.pricing", "pos_app.core.receipt",
            "pos_app.services.devices.manager", "drivers.detect"} <= imported


def test_the_qt_blocker_really_blocks() -> None:
    script = SCRIPT.replace(
        'for top in ("pos_app.core",', 'import PySide6\nfor top in ("pos_app.core",'
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode != 0
    assert "Qt is blocked here: PySide6" in proc.stderr
