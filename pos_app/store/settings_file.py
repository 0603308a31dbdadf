"""The device settings file, ``<data_dir>/settings.json``: what the Devices page chose.

It holds device sections only (``printer``, ``camera``, ``scanner``, ``scale``, ``display``),
each with the fields that differ from their defaults (plus ``kind``). It is read by
pydantic-settings' own JSON source, below the environment; a broken file or section is
logged and ignored (the devices start with their defaults), never a reason not to start.
Writes are atomic (temporary file, fsync, ``os.replace``) and private (0600).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_settings import BaseSettings, JsonConfigSettingsSource

from drivers.camera.config import CameraConfig
from drivers.display.config import DisplayConfig
from drivers.printer.config import PrinterConfig
from drivers.scale.config import ScaleConfig
from drivers.scanner.config import ScannerConfig

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
# One of the device settings models (a section of ``Settings``).
DeviceConfig = PrinterConfig | ScannerConfig | ScaleConfig | CameraConfig | DisplayConfig
DEVICE_MODELS: dict[str, type[DeviceConfig]] = {
    "printer": PrinterConfig,
    "camera": CameraConfig,
    "scanner": ScannerConfig,
    "scale": ScaleConfig,
    "display": DisplayConfig,
}
# The Settings field that carries a load problem from the source to the app (not a setting).
PROBLEM_FIELD = "settings_file_problem"


def settings_file(data_dir: Path) -> Path:
    """Where the device settings of ``data_dir`` live."""
    return Path(data_dir) / SETTINGS_FILE


def _problem_text(exc: ValidationError, section: str) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in (section, *err["loc"]))
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def valid_sections(data: Any) -> tuple[dict[str, Any], list[str]]:
    """The device sections of ``data`` that validate, and what was wrong with the others."""
    if not isinstance(data, dict):
        return {}, ["not a JSON object"]
    good: dict[str, Any] = {}
    problems: list[str] = []
    for section, value in data.items():
        model = DEVICE_MODELS.get(section)
        if model is None:
            problems.append(f"unknown section {section!r}")
            continue
        try:
            model.model_validate(value)
        except ValidationError as exc:
            problems.append(_problem_text(exc, section))
            continue
        good[section] = value
    return good, problems


class DeviceSettingsSource(JsonConfigSettingsSource):
    """``settings.json`` for pydantic-settings; a broken file or section yields nothing.

    What was wrong goes to the ``settings_file_problem`` field, for the app to tell once.
    """

    def __init__(self, settings_cls: type[BaseSettings], json_file: Path) -> None:
        self.problem = ""
        super().__init__(settings_cls, json_file=json_file)

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        try:
            data = super()._read_file(file_path)
        except (OSError, ValueError) as exc:  # JSONDecodeError, UnicodeDecodeError
            self.problem = f"{type(exc).__name__}: {exc}"
            log.warning("ignoring the device settings file %s: %s", file_path, self.problem)
            return {}
        good, problems = valid_sections(data)
        if problems:
            self.problem = "; ".join(problems)
            log.warning("ignoring parts of the device settings file %s: %s",
                        file_path, self.problem)
        return good

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        if self.problem:
            data[PROBLEM_FIELD] = self.problem
        return data


def device_dump(model: DeviceConfig) -> dict[str, Any]:
    """What the file keeps of a device's settings: ``kind`` and every non-default field."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    data["kind"] = model.kind
    return data


def _read_existing(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        backup = path.with_name(path.name + ".bad")
        log.warning("replacing the unreadable %s (kept as %s): %s", path, backup, exc)
        with suppress(OSError):
            os.replace(path, backup)
        return {}
    good, _problems = valid_sections(data)
    return good


def save_device_settings(data_dir: Path, section: str, model: DeviceConfig) -> Path:
    """Write ``section``'s settings into ``<data_dir>/settings.json``; the path written.

    Other sections are kept (broken ones dropped). Atomic: a crash leaves the old file or
    the new one, never half of one. Raises ``OSError`` when the file cannot be written.
    """
    if section not in DEVICE_MODELS:
        raise ValueError(f"unknown device section {section!r}")
    data_dir = Path(data_dir)
    path = settings_file(data_dir)
    data = _read_existing(path)
    data[section] = device_dump(model)
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=data_dir)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=True)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        with suppress(OSError):
            dir_fd = os.open(data_dir, os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    log.info("saved %s settings to %s", section, path)
    return path
