"""HQ's staff and roles: ``pos-cloud staff`` and what tills pull of them (the ``staff``
stream per store, ``roles`` chain-wide), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from contract.demo import DEMO_STAFF
from contract.staff import StaffData, badge_hash, verify_pin
from pos_app.core.roles import DEFAULT_ROLES, Permission
from sync.server.admin import create_store
from sync.server.cli import main
from sync.server.seed import seed_demo
from sync.server.staff import add_staff
from sync.server.tables import staff
from tests.sync.server.helpers import Clock, Till, enroll_till


@pytest.fixture
def cli(database_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Any:
    """``pos-cloud`` in-process; ``pin=`` is the standard input of ``--pin-stdin``."""
    def run(*args: str, pin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(pin))
        code = main(["--database-url", database_url, *args])
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()
    return run


def add(cli: Any, code: str = "5001", *, pin: str = "4321\n", store: str = "S001",
        role: str = "cashier", **options: str) -> tuple[int, str, str]:
    extra = [x for k, v in options.items() for x in (f"--{k}", v)]
    result: tuple[int, str, str] = cli(
        "staff", "add", store, "--code", code, "--name", "赵六", "--role", role,
        "--pin-stdin", *extra, pin=pin)
    return result


def staff_rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(staff)).scalar_one())


def test_a_new_chain_gets_the_default_roles_on_the_roles_stream(till: Till, engine: Engine,
                                                                clock: Clock) -> None:
    roles = till.pull_all("roles")
    assert set(roles) == set(DEFAULT_ROLES)
    cashier = roles["cashier"]
    assert cashier == {"permissions": sorted(p.value for p in DEFAULT_ROLES["cashier"]
                                             .permissions), "max_discount_bp": 1_000}
    assert Permission.PRICE_OVERRIDE.value not in cashier["permissions"]
    # Another store of the chain changes nothing on the chain's stream.
    page = till.pull("roles")
    create_store(engine, code="S002", name="二号店", now=clock())
    assert till.pull("roles", after=page.next_after).changes == []


def test_staff_added_by_the_cli_reach_only_their_stores_tills(
        cli: Any, till: Till, client: Any, engine: Engine, clock: Clock) -> None:
    create_store(engine, code="S002", name="二号店", now=clock())
    other = enroll_till(client, engine, clock, store_code="S002", terminal_code="T01")
    status, out, err = add(cli, badge="STF5001")
    assert (status, err) == (0, "") and "5001" in out
    [(staff_id, data)] = till.pull_all("staff").items()
    row = StaffData.model_validate(data)
    assert (row.code, row.name, row.role, row.active) == ("5001", "赵六", "cashier", True)
    assert verify_pin(row.pin_hash, "4321") and not verify_pin(row.pin_hash, "1234")
    assert row.badge_hash == badge_hash("STF5001") and "4321" not in str(data)
    assert other.pull_all("staff") == {}  # the staff stream is per store
    # The same code in another store is another person, on that store's stream only.
    assert add(cli, store="S002", pin="9999\n")[0] == 0
    [(other_id, other_data)] = other.pull_all("staff").items()
    assert other_id != staff_id and verify_pin(other_data["pin_hash"], "9999")
    assert list(till.pull_all("staff")) == [staff_id]


def test_disable_and_set_pin_change_the_stream_and_the_list_shows_no_hash(
        cli: Any, till: Till) -> None:
    assert add(cli)[0] == 0
    page = till.pull("staff")
    assert cli("staff", "disable", "S001", "5001")[:2] == (0, "staff 5001 disabled")
    [change] = till.pull("staff", after=page.next_after).changes
    assert change.op == "upsert" and change.data is not None
    assert change.data["active"] is False and change.data["code"] == "5001"
    assert cli("staff", "disable", "S001", "5001")[:2] == (
        0, "staff 5001 was disabled already")
    old_hash = change.data["pin_hash"]
    assert cli("staff", "set-pin", "S001", "5001", "--pin-stdin", pin="87654321\n")[0] == 0
    [change] = till.pull("staff", after=page.next_after).changes
    assert change.data is not None and change.data["pin_hash"] != old_hash
    assert verify_pin(change.data["pin_hash"], "87654321")
    assert not verify_pin(change.data["pin_hash"], "4321")
    status, out, _ = cli("staff", "list", "S001")
    assert status == 0 and out.splitlines() == [
        "code\tname\trole\tbadge\tactive", "5001\t赵六\tcashier\tno\tno"]
    assert "argon2" not in out and change.data["pin_hash"] not in out


@pytest.mark.parametrize(("args", "pin", "said"), [
    (("S009", "5002", "cashier"), "4321\n", "no store S009"),
    (("S001", "5002", "boss"), "4321\n", "no role 'boss'"),
    (("S001", "5001", "cashier"), "4321\n", "code 5001 is taken in S001 (by 赵六)"),
    (("S001", "5002", "cashier"), "123\n", "a PIN is 4 to 8 digits"),
    (("S001", "5002", "cashier"), "12345a\n", "a PIN is 4 to 8 digits"),
    (("S001", "5002", "cashier"), "", "a PIN is 4 to 8 digits"),
    (("S001", "有空格 x", "cashier"), "4321\n", "a staff code is 1 to 16"),
])
def test_staff_add_refusals_are_clear_and_change_nothing(
        cli: Any, store_id: int, engine: Engine, args: tuple[str, str, str], pin: str,
        said: str) -> None:
    assert add(cli)[0] == 0
    store, code, role = args
    status, out, err = add(cli, code, pin=pin, store=store, role=role)
    assert status == 1 and out == "" and said in err and "Traceback" not in err
    assert staff_rows(engine) == 1


def test_unknown_codes_a_taken_badge_and_a_bad_name_are_refused(
        cli: Any, store_id: int, engine: Engine) -> None:
    assert add(cli, badge="STF5001")[0] == 0
    status, _, err = add(cli, "5002", badge=" STF5001 ")
    assert status == 1 and "badge is already another staff member's" in err
    status, _, err = cli("staff", "add", "S001", "--code", "5003", "--name", "a\x00b",
                         "--role", "cashier", "--pin-stdin", pin="4321\n")
    assert status == 1 and "control character at position 2" in err
    for action in (("disable", "S001", "9999"), ("set-pin", "S001", "9999", "--pin-stdin")):
        status, _, err = cli("staff", *action, pin="4321\n")
        assert status == 1 and "no staff member with code 9999 in S001" in err
    status, _, err = cli("staff", "list", "S009")
    assert status == 1 and "no store S009" in err
    assert staff_rows(engine) == 1


def test_the_pin_is_asked_twice_without_echo_and_must_match(
        cli: Any, store_id: int, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    typed: list[str] = []
    answers = iter(["2468", "2469", "2468", "2468"])

    def getpass(prompt: str = "") -> str:
        typed.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", getpass)
    argv = ("staff", "add", "S001", "--code", "5001", "--name", "赵六", "--role", "cashier")
    status, _, err = cli(*argv)
    assert status == 1 and "the two PINs differ" in err and staff_rows(engine) == 0
    assert cli(*argv)[0] == 0 and typed == ["PIN: ", "PIN again: "] * 2
    with engine.connect() as conn:
        assert verify_pin(conn.execute(select(staff.c.pin_hash)).scalar_one(), "2468")


def test_the_pin_is_never_an_argument(cli: Any, store_id: int) -> None:
    with pytest.raises(SystemExit):
        cli("staff", "add", "S001", "--code", "5001", "--name", "x", "--role", "cashier",
            "--pin", "1234")


def test_seed_demo_puts_the_default_roles_and_the_demo_staff_in_s001(
        client: Any, engine: Engine, clock: Clock) -> None:
    seed_demo(engine, now=clock())
    till = enroll_till(client, engine, clock, store_code="S001", terminal_code="T01")
    assert set(till.pull_all("roles")) == set(DEFAULT_ROLES)
    pulled = till.pull_all("staff")
    assert set(pulled) == {s.staff_id for s in DEMO_STAFF}
    for s in DEMO_STAFF:
        row = StaffData.model_validate(pulled[s.staff_id])
        assert (row.code, row.role, row.badge_hash) == (s.code, s.role, badge_hash(s.badge))
        assert verify_pin(row.pin_hash, s.pin)


def test_adding_staff_to_a_chain_without_roles_gives_it_the_defaults(
        engine: Engine, clock: Clock, store_id: int) -> None:
    """A chain made before roles existed (its store has no roles yet)."""
    from sync.server.tables import role

    with engine.begin() as conn:
        conn.execute(role.delete())
    add_staff(engine, store_code="S001", code="1", name="甲", role_code="manager",
              pin="0000", now=clock())
    with engine.connect() as conn:
        assert set(conn.execute(select(role.c.code)).scalars()) == set(DEFAULT_ROLES)
