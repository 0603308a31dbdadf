"""The terminal's credential from enrollment: ``<data_dir>/sync-credential.json``, private to
the user the till runs as (0600), written atomically."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from pos_app.core.errors import PosError

CREDENTIAL_FILE = "sync-credential.json"


@dataclass(frozen=True, slots=True)
class Credential:
    """Who this terminal is to the cloud, and the secret that proves it."""

    url: str
    store_code: str
    store_name: str
    terminal_code: str
    terminal_id: str
    credential: str
    enrolled_at: str = ""

    def __repr__(self) -> str:  # never the secret in logs
        return (f"Credential(url={self.url!r}, store_code={self.store_code!r}, "
                f"terminal_code={self.terminal_code!r})")


def credential_path(data_dir: Path) -> Path:
    """Where the credential of the till with ``data_dir`` lives."""
    return Path(data_dir) / CREDENTIAL_FILE


def save_credential(path: Path, credential: Credential) -> None:
    """Write the credential: a 0600 temporary file in the same folder, fsync, rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    body = json.dumps(asdict(credential), ensure_ascii=False, indent=2).encode("utf-8")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask or a stale temporary file said
        os.write(fd, body)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load_credential(path: Path) -> Credential | None:
    """The saved credential; None when the till was never enrolled; ``sync.credential_file``
    when the file cannot be used."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PosError("sync.credential_file", path=str(path), problem=str(exc)) from None
    try:
        data = json.loads(raw)
        fields = {k: str(data[k]) for k in ("url", "store_code", "store_name",
                                            "terminal_code", "terminal_id", "credential")}
        return Credential(**fields, enrolled_at=str(data.get("enrolled_at", "")))
    except (ValueError, KeyError, TypeError):
        raise PosError("sync.credential_file", path=str(path),
                       problem="not a credential file") from None
