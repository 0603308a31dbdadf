"""Typed settings of the cloud server: one declaration per setting, ``POS_CLOUD_*`` variables."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "o2o-cloud"


def default_data_dir() -> Path:
    """Per-user data directory of the cloud server (platform specific)."""
    return Path(user_data_dir(APP_NAME))


class CloudSettings(BaseSettings):
    """All settings of ``pos-cloud``; ``POS_CLOUD_DATABASE_URL=postgresql+psycopg://...``."""

    model_config = SettingsConfigDict(env_prefix="POS_CLOUD_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    # Empty means SQLite in data_dir / "cloud.db" (one store or a demo).
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = Field(default=8700, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    # Connections per worker process; request handlers are sync and run in a thread pool.
    pool_size: int = Field(default=10, ge=1, le=200)
    # Push transactions a worker process runs at once (sync.server.slots); more requests
    # wait for a slot before their transaction starts.
    push_slots: int = Field(default=2, ge=1, le=200)
    # The time zone of "today" on the status page (stores report their own local dates).
    timezone: str = "Asia/Shanghai"
    status_rows: int = Field(default=20, ge=1, le=500)
    # A request body larger than this is refused before it is parsed.
    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    # The key that encrypts the chain's signing keys in the database (sync.server.key_vault):
    # Fernet keys, comma separated, the first encrypts. Empty: the key file is used.
    key_encryption_key: SecretStr = SecretStr("")
    # The bearer token of HQ's admin API (purchase orders, transfers); empty: the API is off.
    admin_token: SecretStr = SecretStr("")
    # The key file (mode 0600, one Fernet key a line); default data_dir/key-encryption.key.
    key_file: Path | None = None

    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL to open."""
        return self.database_url or f"sqlite:///{self.data_dir / 'cloud.db'}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url().startswith("sqlite")
