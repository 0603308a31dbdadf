"""``pos-cloud`` commands, run in-process against the test database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from contract.demo import DEMO_CSV, DEMO_KEY_ID, demo_private_key
from contract.protocol import PROTOCOL_HEADER
from pos_app.core.coupons import parse_coupon_code
from pos_app.core.signed_codes import public_key_from_text, public_key_to_text
from sync.server.cli import main
from sync.server.tables import product
from tests.sync.server.helpers import Clock, Till, enroll_till


@pytest.fixture
def cli(database_url: str, capsys: pytest.CaptureFixture[str]) -> Any:
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--database-url", database_url, *args])
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()
    return run


def enroll(till_client: Any, code: str, terminal: str = "T01") -> Any:
    return till_client.post("/v1/enroll", json={"enrollment_code": code,
                                                "terminal_code": terminal},
                            headers={PROTOCOL_HEADER: "1"})


def test_migrate_create_store_and_enroll_code(cli: Any, client: Any) -> None:
    assert cli("migrate") == (0, "schema up to date", "")
    assert cli("create-store", "S007", "七号店", "--address", "杭州")[0] == 0
    status, code, _ = cli("enroll-code", "S007", "--ttl-hours", "2")
    assert status == 0 and code.startswith("S007-")
    assert enroll(client, code).json()["store_name"] == "七号店"


def test_an_unknown_store_is_a_clear_error(cli: Any) -> None:
    status, out, err = cli("enroll-code", "NOPE")
    assert status == 1 and out == "" and "NOPE" in err and "Traceback" not in err


def test_import_products_takes_the_tills_csv(cli: Any, engine: Engine, tmp_path: Path) -> None:
    assert cli("import-products", str(DEMO_CSV)) == (0, "346 products imported", "")
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name,price\nX1,好东西,1.00\nX2,,abc\n", encoding="utf-8")
    status, _, err = cli("import-products", str(bad))
    assert status == 1 and "line 3" in err and "nothing imported" in err
    taken = tmp_path / "taken.csv"
    taken.write_text("sku,name,price,barcodes\nNEW,新品,1.00,6901000000004\n", encoding="utf-8")
    status, _, err = cli("import-products", str(taken))
    assert status == 1 and "csv.barcode_taken" in err
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(product)).scalar_one() == 346


def test_revoke_terminal(cli: Any, till: Till) -> None:
    assert cli("revoke-terminal", "S001", "T01")[0] == 0
    r = till.client.post("/v1/hello", json=till.body(), headers=till.headers)
    assert r.json()["code"] == "sync.credential_revoked"
    assert cli("revoke-terminal", "S001", "T01")[0] == 1


def test_issue_and_revoke_a_coupon_signed_with_the_chain_key(cli: Any, till: Till,
                                                             clock: Clock) -> None:
    status, code, _ = cli("issue-coupon", "--coupon-id", "C-9", "--name", "立减5元",
                          "--value", "500", "--member", "M1", "--days", "7")
    assert status == 0
    keys = [public_key_from_text(d["public_key"])
            for d in till.pull_all("chain_keys").values()]
    coupon = parse_coupon_code(code, public_keys=keys)
    assert (coupon.coupon_id, coupon.value, coupon.member_id) == ("C-9", 500, "M1")
    assert till.pull_all("wallet") == {"C-9": {"member_id": "M1", "code": code}}
    assert cli("issue-coupon", "--coupon-id", "C-9", "--name", "x", "--value", "1")[0] == 1
    assert cli("issue-coupon", "--name", "x", "--value", "0")[0] == 1  # not a coupon
    assert cli("revoke-coupon", "C-9")[0] == 0
    assert list(till.pull_all("revoked_coupons")) == ["C-9"]


def test_keygen_adds_a_key_terminals_pull(cli: Any, till: Till) -> None:
    assert cli("keygen", "--key-id", "k2")[0] == 0
    assert "k2" in till.pull_all("chain_keys")
    assert cli("keygen", "--key-id", "k2")[0] == 1


def test_seed_demo_makes_the_terminal_demos_chain(cli: Any, client: Any, engine: Engine,
                                                  clock: Clock) -> None:
    assert cli("seed-demo") == (0, "demo chain created", "")
    assert cli("seed-demo") == (0, "demo chain exists", "")
    till = enroll_till(client, engine, clock, store_code="S001", terminal_code="T01")
    keys = till.pull_all("chain_keys")
    assert keys[DEMO_KEY_ID]["public_key"] == public_key_to_text(
        demo_private_key().public_key())
    assert len(till.pull_all("products")) == 346
    members = till.pull_all("members")
    assert members["M-DEMO-1"]["points_confirmed"] == 3_200 and len(members) == 5
    assert len(till.pull_all("tiers")) == 5 and "P-MANJIAN" in till.pull_all("promotions")
    wallet = till.pull_all("wallet")
    demo_key = [public_key_from_text(keys[DEMO_KEY_ID]["public_key"])]
    assert parse_coupon_code(wallet["W-DEMO-1-MJ15"]["code"], public_keys=demo_key)
    stock = till.pull_all("stock")
    assert len(stock) == 346 and all(v["on_hand"] > 0 for v in stock.values())
    assert till.pull_all("store")["S001"]["store_name"] == "O2O 超市 · 旗舰店"


def test_refetch_command(cli: Any, till: Till) -> None:
    assert cli("refetch", "S001", "T01", "products", "members")[0] == 0
    assert till.hello()["refetch"] == ["products", "members"]
    assert cli("refetch", "S001", "T9", "products")[0] == 1
