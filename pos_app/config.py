"""Typed settings: one declaration per setting.

Precedence: init kwargs > POS_* environment variables > ``<data_dir>/settings.json`` (the
devices chosen on the Devices page) > defaults.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_data_dir
from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from contract.protocol import MAX_BATCH, MAX_PAGE
from drivers.camera.config import CameraConfig
from drivers.display.config import DisplayConfig
from drivers.labels.config import LabelPrinterConfig
from drivers.printer.config import PrinterConfig
from drivers.scale.config import ScaleConfig
from drivers.scanner.config import ScannerConfig
from pos_app.core.clock import DEFAULT_TIMEZONE, StoreClock, store_zone
from pos_app.core.errors import PosError
from pos_app.store.settings_file import DeviceSettingsSource, settings_file

APP_NAME = "o2o-pos"
LANGS = ("zh_CN", "en_US")
Lang = Literal["", "zh_CN", "en_US"]
Mode = Literal["cashier"]
DEVICE_SECTIONS = ("printer", "camera", "scanner", "scale", "display")
UNKNOWN_TIMEZONE = "unknown_timezone"  # the validation error of a zone name not known


class SyncConfig(BaseModel):
    """Sync with the cloud (``POS_SYNC__URL``, ``POS_SYNC__INTERVAL_S``, ...). The URL
    defaults to the one the till was enrolled with (``pos enroll URL CODE``)."""

    url: str = ""
    interval_s: float = Field(default=30.0, ge=1.0, le=3600.0)
    batch: int = Field(default=MAX_BATCH, ge=1, le=MAX_BATCH)
    # Changes asked for per pull request (applied in short transactions of their own).
    page: int = Field(default=1000, ge=1, le=MAX_PAGE)
    # The same while a stream is pulled from the start (a fresh till, a reset): fewer,
    # bigger pages for the initial catalog (still applied in short transactions).
    initial_page: int = Field(default=MAX_PAGE, ge=1, le=MAX_PAGE)
    keep_acked_days: int = Field(default=30, ge=1, le=400)
    verify_every_s: float = Field(default=600.0, ge=0.0)
    timeout_s: float = Field(default=10.0, gt=0.0, le=300.0)
    # After a sale, push this soon (when online) rather than at the next interval.
    push_delay_s: float = Field(default=2.0, ge=0.0, le=3600.0)
    # Tries per request (connection errors, timeouts, 5xx), waits growing from retry_s.
    retry_attempts: int = Field(default=4, ge=1, le=20)
    retry_s: float = Field(default=0.5, ge=0.0, le=60.0)


class RetentionConfig(BaseModel):
    """What the till keeps of its history (``POS_RETENTION__SALES_DAYS``, ...); the cloud
    keeps everything. See the README's retention policy."""

    # Bytes of printed receipts (a reprint is built again from the sale).
    print_bytes_days: int = Field(default=7, ge=1, le=3650)
    # Sales on the till, for returns and reprints.
    sales_days: int = Field(default=400, ge=30, le=3650)


def default_data_dir() -> Path:
    """Per-user data directory of the app (platform specific)."""
    return Path(user_data_dir(APP_NAME))


class Settings(BaseSettings):
    """All settings of the till; environment variables use the ``POS_`` prefix."""

    # Nested device settings from the environment: POS_PRINTER__KIND=network,
    # POS_PRINTER__HOST=192.168.1.50, POS_SCALE__PORT=/dev/ttyUSB0, ...
    model_config = SettingsConfigDict(env_prefix="POS_", extra="ignore",
                                      env_nested_delimiter="__")

    data_dir: Path = Field(default_factory=default_data_dir)
    # Empty means data_dir / "store.db".
    db_path: Path | None = None
    # Empty means: from the system locale, falling back to zh_CN.
    lang: Lang = ""
    mode: Mode = "cashier"
    # The store's time zone (IANA name): receipts, sale records, business days and the
    # times on screen use it, whatever zone the machine is set to.
    timezone: str = DEFAULT_TIMEZONE
    # Shorter scans are typing mistakes; longer ones may be codes of any kind.
    scan_min_length: int = Field(default=3, ge=1, le=64)
    search_debounce_ms: int = Field(default=80, ge=0, le=2000)
    search_page_size: int = Field(default=50, ge=1, le=500)
    cashier_name: str = "cashier"
    # The till locks itself after this many idle minutes (0: never); the open sale stays.
    auto_lock_minutes: int = Field(default=5, ge=0, le=240)
    # Five wrong PINs in a row lock that staff member for this many minutes.
    pin_lock_minutes: int = Field(default=5, ge=1, le=1440)
    quick_cash_fen: tuple[int, ...] = (5000, 10000)
    ui_font_families: tuple[str, ...] = (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "Microsoft YaHei",
        "PingFang SC",
        "WenQuanYi Micro Hei",
        "Noto Sans",
        "DejaVu Sans",
    )
    mono_font_families: tuple[str, ...] = (
        "Noto Sans Mono CJK SC",
        "Sarasa Mono SC",
        "NSimSun",
        "DejaVu Sans Mono",
        "monospace",
    )

    # Devices: "none" starts nothing. The scanner defaults to "wedge": keyboard-wedge scans are
    # caught whichever widget of the sale screen has focus, with every scanner kind but "none"
    # (POS_SCANNER__KIND=none turns it off); `--sim` switches every device to its simulator
    # and keeps the wedge capture.
    printer: PrinterConfig = PrinterConfig()
    camera: CameraConfig = CameraConfig()
    scanner: ScannerConfig = ScannerConfig(kind="wedge")
    scale: ScaleConfig = ScaleConfig()
    display: DisplayConfig = DisplayConfig()
    # The shelf/markdown label printer (POS_LABEL_PRINTER__KIND=tspl, __PORT=network,
    # __HOST=..., __WIDTH_MM=40, __HEIGHT_MM=30); "none" until a store sets one.
    label_printer: LabelPrinterConfig = LabelPrinterConfig()
    sync: SyncConfig = SyncConfig()
    retention: RetentionConfig = RetentionConfig()
    # Not a setting: what was wrong with settings.json ("" when nothing), told once at start.
    settings_file_problem: str = ""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        value = value.strip()
        try:
            store_zone(value)
        except PosError:
            raise PydanticCustomError(UNKNOWN_TIMEZONE, "no time zone is called {zone}",
                                      {"zone": value}) from None
        return value

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Add settings.json below the environment; its folder is decided first."""
        init_kwargs = getattr(init_settings, "init_kwargs", {})
        data_dir = (init_kwargs.get("data_dir") or os.environ.get("POS_DATA_DIR")
                    or default_data_dir())
        return (init_settings, env_settings, dotenv_settings,
                DeviceSettingsSource(settings_cls, settings_file(Path(data_dir))),
                file_secret_settings)

    def with_device(self, section: str, config: BaseModel) -> Settings:
        """These settings with device ``section`` (printer, scanner, ...) replaced."""
        if section not in DEVICE_SECTIONS:
            raise ValueError(f"unknown device section {section!r}")
        return self.model_copy(update={section: config})

    def with_simulators(self) -> Settings:
        """These settings with every device replaced by its simulator (``--sim``)."""
        sim_dir = self.data_dir / "sim"
        return self.model_copy(update={
            "printer": self.printer.model_copy(
                update={"kind": "sim", "file_path": str(sim_dir / "printer.bin")}),
            "camera": self.camera.model_copy(update={"kind": "sim"}),
            "scanner": self.scanner.model_copy(update={"kind": "sim"}),
            "scale": self.scale.model_copy(update={"kind": "sim"}),
            "display": self.display.model_copy(update={"kind": "sim"}),
            "label_printer": self.label_printer.model_copy(update={"kind": "sim"}),
        })

    def store_clock(self) -> StoreClock:
        """The clock of the store's time zone."""
        return StoreClock(store_zone(self.timezone))

    def resolved_db_path(self) -> Path:
        """The database file to open."""
        return self.db_path if self.db_path is not None else self.data_dir / "store.db"

    def resolved_lang(self, system_locale: str = "") -> str:
        """The UI language: the setting, else the system locale if supported, else zh_CN."""
        return self.lang or lang_of_locale(system_locale)


def lang_of_locale(system_locale: str) -> str:
    """The supported UI language of a system locale (``en_GB`` → en_US), else zh_CN."""
    for lang in LANGS:
        if system_locale.startswith(lang.split("_")[0]):
            return lang
    return "zh_CN"


def load_settings(**overrides: Any) -> Settings:
    """The settings (``overrides`` over the environment and settings.json); a value that is
    not valid raises a ``PosError`` that says which setting and why, to show at start-up."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "POS_" + "__".join(str(part) for part in first["loc"]).upper()
        if first["type"] == UNKNOWN_TIMEZONE:
            raise PosError("settings.unknown_timezone", zone=first["input"],
                           name=name) from None
        raise PosError("settings.invalid", name=name, reason=first["msg"]) from None
