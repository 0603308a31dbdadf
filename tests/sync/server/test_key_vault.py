"""The chain's signing keys are encrypted at rest with a key that is not in the database."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, insert, select

from pos_app.core.coupons import parse_coupon_code
from pos_app.core.signed_codes import (
    new_private_key,
    private_key_to_text,
    public_key_from_text,
    public_key_to_text,
)
from sync.server.cli import main
from sync.server.key_vault import ENV
from sync.server.tables import chain_key
from tests.sync.server.helpers import Clock

Cli = Callable[..., tuple[int, str, str]]  # pos-cloud's arguments → (status, stdout, stderr)


@pytest.fixture
def run(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    """``pos-cloud`` with its own data directory and no key in the environment: the key
    file is the one in that directory."""
    monkeypatch.delenv(ENV, raising=False)

    def cli(*args: str) -> tuple[int, str, str]:
        code = main(["--database-url", database_url, "--data-dir", str(tmp_path / "data"),
                     *args])
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()
    return cli


def key_rows(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(
            chain_key.c.key_id, chain_key.c.public_key, chain_key.c.private_key))]


def coupon(run: Cli, coupon_id: str) -> str:
    status, code, err = run("issue-coupon", "--coupon-id", coupon_id, "--name", "立减5元",
                            "--value", "500")
    assert status == 0, err
    return code


def verifies(engine: Engine, code: str) -> bool:
    keys = [public_key_from_text(public) for _, public, _ in key_rows(engine)]
    return parse_coupon_code(code, public_keys=keys).coupon_id != ""


def test_the_database_never_holds_the_plaintext_key(
        run: Cli, engine: Engine, database_url: str, tmp_path: Path) -> None:
    assert run("create-store", "S001")[0] == 0
    key_file = tmp_path / "data" / "key-encryption.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    [(_, _, stored)] = key_rows(engine)
    assert stored.startswith("fernet:")
    assert verifies(engine, coupon(run, "C-1"))
    if database_url.startswith("sqlite:///"):  # the file itself: no plaintext seed anywhere
        path = Path(database_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        fernet = Fernet(key_file.read_text().strip().encode())
        plaintext = fernet.decrypt(stored.removeprefix("fernet:").encode())
        assert plaintext not in raw and len(plaintext) == 44


def test_signing_works_after_rotating_the_key_encryption_key(
        run: Cli, engine: Engine, tmp_path: Path) -> None:
    run("create-store", "S001")
    run("keygen", "--key-id", "k2")
    key_file = tmp_path / "data" / "key-encryption.key"
    old_key, old_rows = key_file.read_text(), key_rows(engine)
    status, out, _ = run("rotate-key-encryption")
    assert status == 0 and out.startswith("2 chain key(s) re-encrypted")
    assert key_file.read_text() != old_key and len(key_file.read_text().split()) == 1
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    new_rows = key_rows(engine)
    assert [r[:2] for r in new_rows] == [r[:2] for r in old_rows]  # same signing keys
    assert all(new[2] != old[2] for new, old in zip(new_rows, old_rows, strict=True))
    assert verifies(engine, coupon(run, "C-2"))
    key_file.write_text(old_key)  # the old key does not open them any more
    status, _, err = run("issue-coupon", "--name", "x", "--value", "100")
    assert status == 1 and "does not open chain key" in err


def test_a_wrong_or_missing_key_is_a_clear_error(
        run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("create-store", "S001")
    monkeypatch.setenv(ENV, Fernet.generate_key().decode())
    status, _, err = run("issue-coupon", "--name", "x", "--value", "100")
    assert status == 1
    assert err.startswith("pos-cloud: the key-encryption key from POS_CLOUD_KEY_ENCRYPTION_KEY "
                          "does not open chain key")
    monkeypatch.delenv(ENV)
    key_file = tmp_path / "data" / "key-encryption.key"
    key_file.chmod(0o644)
    assert "chmod 600" in run("issue-coupon", "--name", "x", "--value", "100")[2]
    key_file.unlink()  # a lost key is never silently replaced by a new one
    status, _, err = run("issue-coupon", "--name", "x", "--value", "100")
    assert status == 1 and err.startswith("pos-cloud: no key-encryption key")
    assert not key_file.exists()


def test_plaintext_keys_of_an_older_cloud_are_encrypted_at_start(
        run: Cli, engine: Engine, clock: Clock) -> None:
    private = new_private_key()
    with engine.begin() as conn:
        conn.execute(insert(chain_key).values(
            key_id="k-old", public_key=public_key_to_text(private.public_key()),
            private_key=private_key_to_text(private), created_at=clock()))
    status, _, err = run("migrate")
    assert status == 0 and "1 chain key(s) encrypted at rest" in err
    [(_, _, stored)] = key_rows(engine)
    assert stored.startswith("fernet:") and private_key_to_text(private) not in stored
    assert verifies(engine, coupon(run, "C-3"))


def test_an_old_signing_key_is_retired_and_tills_are_told(
        run: Cli, engine: Engine, client: Any, clock: Clock) -> None:
    from tests.sync.server.helpers import enroll_till

    run("create-store", "S001")
    till = enroll_till(client, engine, clock, store_code="S001", terminal_code="T01")
    [old] = till.pull_all("chain_keys")
    assert run("retire-key", old)[0] == 1  # the only (newest) key stays
    assert run("keygen", "--key-id", "kz-new")[0] == 0
    status, out, _ = run("retire-key", old)
    assert status == 0 and "retired" in out
    assert till.pull_all("chain_keys") == {old: None, "kz-new": {
        "public_key": key_rows(engine)[0][1]}}
    assert run("retire-key", "no-such-key")[0] == 1
