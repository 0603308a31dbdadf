"""The chain's Ed25519 private keys are kept encrypted in ``chain_key.private_key``.

The key-encryption key is never in the database: it comes from ``POS_CLOUD_KEY_ENCRYPTION_KEY``
or from a key file (``POS_CLOUD_KEY_FILE``, default ``<data_dir>/key-encryption.key``, mode
0600), one Fernet key (AES-128-CBC + HMAC-SHA256, from ``cryptography``) per line: the first
encrypts, all decrypt, so a rotation interrupted at any point leaves a file that still opens
every row. A stolen database dump (or backup) no longer gives away the key that signs every
member code and coupon of the chain.

Stored values are ``fernet:<token>``; a value without the prefix is a plaintext key written
before encryption existed, sealed by ``seal_plaintext_keys`` when ``pos-cloud`` starts.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Connection, Engine, select, update

from sync.server.db import write_tx
from sync.server.settings import CloudSettings
from sync.server.tables import chain_key

PREFIX = "fernet:"
ENV = "POS_CLOUD_KEY_ENCRYPTION_KEY"


class KeyVaultError(Exception):
    """The key-encryption key is missing, unsafe or wrong (the message says what to do)."""


@dataclass(frozen=True)
class KeyVault:
    """Encrypts and decrypts chain private keys (their text form)."""

    keys: tuple[bytes, ...]  # the first encrypts; every one decrypts
    source: str  # where the keys came from, for messages

    def _fernet(self) -> MultiFernet:
        try:
            return MultiFernet([Fernet(k) for k in self.keys])
        except ValueError as exc:
            raise KeyVaultError(f"the key-encryption key in {self.source} is not a valid "
                                "Fernet key (32 url-safe base64 bytes)") from exc

    def seal(self, private_text: str) -> str:
        return PREFIX + self._fernet().encrypt(private_text.encode("ascii")).decode("ascii")

    def open(self, stored: str, *, key_id: str) -> str:
        """The private key text of a stored value (plaintext values pass through)."""
        if not stored.startswith(PREFIX):
            return stored
        try:
            return self._fernet().decrypt(stored[len(PREFIX):].encode("ascii")).decode("ascii")
        except InvalidToken:
            raise KeyVaultError(
                f"the key-encryption key from {self.source} does not open chain key "
                f"{key_id}: it is not the key this database was encrypted with (restore the "
                f"right key file or {ENV})") from None


def key_file(settings: CloudSettings) -> Path:
    return settings.key_file or settings.data_dir / "key-encryption.key"


def _read_file(path: Path) -> tuple[bytes, ...]:
    mode = path.stat().st_mode
    if stat.S_IMODE(mode) & 0o077:
        raise KeyVaultError(f"the key file {path} can be read by other users; "
                            f"run: chmod 600 {path}")
    keys = tuple(line.strip().encode("ascii") for line in path.read_text("ascii").splitlines()
                 if line.strip())
    if not keys:
        raise KeyVaultError(f"the key file {path} is empty")
    return keys


def write_key_file(path: Path, keys: tuple[bytes, ...]) -> None:
    """Replace the key file atomically, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write("".join(k.decode("ascii") + "\n" for k in keys))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_vault(settings: CloudSettings, *, create: bool = False) -> KeyVault:
    """The vault of ``settings``: the environment's key, else the key file (created with a
    new key when ``create`` and missing); ``KeyVaultError`` when there is none."""
    if settings.key_encryption_key:
        keys = tuple(k.strip().encode("ascii")
                     for k in settings.key_encryption_key.get_secret_value().split(",")
                     if k.strip())
        return KeyVault(keys, ENV)
    path = key_file(settings)
    if path.exists():
        return KeyVault(_read_file(path), str(path))
    if not create:
        raise KeyVaultError(
            f"no key-encryption key: the chain's signing keys are encrypted and neither {ENV} "
            f"nor the key file {path} is there; restore it (or set POS_CLOUD_KEY_FILE)")
    write_key_file(path, (Fernet.generate_key(),))
    return KeyVault(_read_file(path), str(path))


def _has_sealed(conn: Connection) -> bool:
    return conn.execute(select(chain_key.c.key_id).where(
        chain_key.c.private_key.startswith(PREFIX)).limit(1)).first() is not None


def vault_for(conn: Connection, settings: CloudSettings | None = None) -> KeyVault:
    """The vault to use on this database: a new key file may only be made while no chain
    key is encrypted yet (otherwise a missing key must be restored, not replaced)."""
    return load_vault(settings or CloudSettings(), create=not _has_sealed(conn))


def seal_plaintext_keys(conn: Connection, settings: CloudSettings | None = None) -> int:
    """Encrypt the chain keys still stored in plain text; how many."""
    rows = conn.execute(select(chain_key.c.key_id, chain_key.c.private_key).where(
        ~chain_key.c.private_key.startswith(PREFIX))).all()
    if not rows:
        return 0
    vault = vault_for(conn, settings)
    for key_id, private in rows:
        conn.execute(update(chain_key).where(chain_key.c.key_id == key_id)
                     .values(private_key=vault.seal(private)))
    return len(rows)


def rotate(engine: Engine, settings: CloudSettings) -> tuple[int, bytes]:
    """Re-encrypt every chain key with a new key-encryption key; (keys, the new key).

    With a key file: the new key is added in front first, the rows re-encrypted and
    committed, then the old key dropped, so a crash at any point leaves a file that opens
    every row. With ``POS_CLOUD_KEY_ENCRYPTION_KEY`` the caller must set the new key."""
    new = Fernet.generate_key()
    with write_tx(engine) as conn:
        old = vault_for(conn, settings)
        path = None if settings.key_encryption_key else key_file(settings)
        if path is not None:
            write_key_file(path, (new, *old.keys))
        vault = KeyVault((new,), "the new key")
        rows = conn.execute(select(chain_key.c.key_id, chain_key.c.private_key)).all()
        for key_id, stored in rows:
            private = old.open(stored, key_id=key_id)
            conn.execute(update(chain_key).where(chain_key.c.key_id == key_id)
                         .values(private_key=vault.seal(private)))
    if path is not None:
        write_key_file(path, (new,))
    return len(rows), new
