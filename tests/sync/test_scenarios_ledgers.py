"""Issue 5 §6, scenarios 8, 9, 10, 12 and 13: the ledgers stay right whatever the tills' clocks,
offline conflicts, a cloud restored from backup or a chaotic network do (and the initial
pull's progress, a bug the sync benchmark showed).

Every test runs the real ``pos-cloud serve`` process on SQLite and on a real PostgreSQL (a
throwaway database; PostgreSQL unreachable → the test FAILS, never skips), and real tills:
their own SQLite databases, the real checkout and the real sync client over HTTP. The
invariants are worked out from the cloud's tables and the tills' outboxes independently
(``ledger_helpers.ledger_problems``), not by asking the cloud's own verify.
"""

from __future__ import annotations

import os
import random
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from contract.members import MemberRecord
from pos_app.core.coupons import Coupon
from pos_app.core.money import Money
from pos_app.store import sync_state
from pos_app.store.members import get_member
from sync.client import SyncOffline, SyncReport
from sync.server.admin import issue_coupon
from sync.server.catalog import put_members
from sync.server.db import write_tx
from sync.testing.cloud_process import CloudProcess
from sync.testing.faultproxy import FaultProxy, FaultRule
from sync.testing.postgres import PostgresUnavailable, drop_leftover_databases, require_postgres
from sync.testing.terminal_process import TerminalProcess
from tests.sync.ledger_helpers import (
    COKE,
    COKE_SKU,
    CST,
    DUMPLINGS,
    DUMPLINGS_SKU,
    GOLD_CARD,
    SPRITE,
    CloudDb,
    CloudTemplate,
    Till,
    cloud_rows,
    enroll_code,
    enroll_credential,
    flags,
    ledger_problems,
    prepare_terminal_db,
    read_outbox,
    save_worker_credential,
    set_stock,
    skewed_clock,
    store_id,
    terminal_view_problems,
)

BACKENDS = ("sqlite", "postgres")
DAY = timedelta(days=1)
GOLD = "M-DEMO-1"


# ---- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def templates() -> Iterator[dict[str, CloudTemplate]]:
    """The seeded cloud templates made so far, per backend (dropped at the end)."""
    made: dict[str, CloudTemplate] = {}
    yield made
    for template in made.values():
        template.drop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def template(backend: str, templates: dict[str, CloudTemplate],
             tmp_path_factory: pytest.TempPathFactory) -> CloudTemplate:
    """The migrated cloud with the demo chain, made once per backend."""
    if backend not in templates:
        if backend == "postgres":
            try:
                require_postgres()
            except PostgresUnavailable as exc:
                pytest.fail(str(exc), pytrace=False)
            drop_leftover_databases()
        templates[backend] = CloudTemplate.create(
            backend, tmp_path_factory.mktemp(f"cloud-template-{backend}"))
    return templates[backend]


@dataclass
class Cloud:
    """This test's cloud: its database and its ``pos-cloud serve`` process."""

    db: CloudDb
    process: CloudProcess

    @property
    def url(self) -> str:
        return self.process.base_url


@pytest.fixture
def cloud(template: CloudTemplate, tmp_path: Path) -> Iterator[Cloud]:
    db = template.copy(tmp_path / "cloud")
    process = CloudProcess(db.url, tmp_path / "cloud")
    try:
        process.start()
        yield Cloud(db, process)
    finally:
        process.stop()
        db.drop()


@pytest.fixture
def make_till(cloud: Cloud, demo_db_template: Path, tmp_path: Path
              ) -> Iterator[Callable[..., Till]]:
    """Tills of store S001 enrolled with this cloud (closed at the end)."""
    tills: list[Till] = []

    def make(code: str, **kw: Any) -> Till:
        till = Till(template=demo_db_template, directory=tmp_path / "tills",
                    base_url=cloud.url, cloud=cloud.db, terminal_code=code, **kw)
        tills.append(till)
        return till

    yield make
    for till in tills:
        till.close()


def outboxes(*tills: Till) -> dict[str, list[Any]]:
    return {t.code: t.outbox() for t in tills}


# ---- 8. a till's clock a day off ----------------------------------------------------------


@pytest.mark.timeout(60)
def test_08_clock_off_by_a_day_is_accepted_flagged_and_reported_on_the_till_date(
        cloud: Cloud, make_till: Callable[..., Till]) -> None:
    """Tills a day ahead and a day behind: every sale is accepted, the skew is flagged for
    HQ and seen by the till, each sale keeps the till's business date (its ``created_at``)
    beside the server's receive time, and verification finds every day in step."""
    ahead = make_till("T01", clock=skewed_clock(DAY))
    behind = make_till("T02", clock=skewed_clock(-DAY))
    sold: dict[str, list[str]] = {}
    for till in (ahead, behind):
        till.sync()  # reference data
        sold[till.code] = [till.sell(COKE, SPRITE, member=GOLD_CARD), till.sell(DUMPLINGS)]
    received_from = datetime.now(UTC)
    reports = {t.code: t.sync(verify=True) for t in (ahead, behind)}
    received_to = datetime.now(UTC)

    sid = store_id(cloud.db)
    skew_flags = {f["subject"]: f for f in flags(cloud.db, "clock_skew")}
    for till, skew in ((ahead, -DAY), (behind, DAY)):
        report, outbox = reports[till.code], till.outbox()
        # Accepted: every event applied once, none quarantined, all acknowledged.
        assert report.applied == len(outbox) == report.acked >= 3
        assert report.quarantined == 0 and all(e.acked for e in outbox)
        # Flagged: server receive time minus the till's clock is about -1 / +1 day.
        expected = skew.total_seconds()
        assert abs(report.clock_skew_s - expected) < 120
        assert abs(skew_flags[till.code]["skew_s"] - expected) < 120
        (cloud_skew,) = cloud_rows(cloud.db, "SELECT last_clock_skew_s FROM terminal "
                                   "WHERE terminal_id = :t", t=till.terminal_id)[0]
        assert abs(cloud_skew - expected) < 120
        local = sync_state.get_status(engine=till.engine).clock_skew_s
        assert local is not None and abs(local - expected) < 120  # the till shows it
        # Reports: the sale's business day is the till's, its receive time the server's.
        till_day = {(received_from.astimezone(CST) - skew).date().isoformat(),
                    (received_to.astimezone(CST) - skew).date().isoformat()}
        created = {e.payload["sale_uuid"]: e.created_at for e in outbox
                   if e.type == "sale.completed"}
        assert set(created) == set(sold[till.code])
        for sale_uuid, day, closed_at, received_at in cloud_rows(
                cloud.db, "SELECT sale_uuid, business_date, closed_at, received_at FROM sale "
                "WHERE store_id = :s AND terminal_id = :t", s=sid, t=till.terminal_id):
            assert day == created[sale_uuid][:10] and day in till_day
            assert closed_at == created[sale_uuid]  # the till's own clock, as written
            received = received_at if isinstance(received_at, datetime) else \
                datetime.fromisoformat(str(received_at))
            received = received.replace(tzinfo=received.tzinfo or UTC)
            assert received_from - timedelta(seconds=5) <= received <= received_to + \
                timedelta(seconds=5)
        for created_at, day in cloud_rows(
                cloud.db, "SELECT created_at, business_date FROM applied_event "
                "WHERE terminal_id = :t", t=till.terminal_id):
            assert day == created_at[:10] and day in till_day
        points_days = {r[0] for r in cloud_rows(
            cloud.db, "SELECT business_date FROM points_entry WHERE terminal_id = :t",
            t=till.terminal_id)}
        assert points_days and points_days <= till_day
        # Verification: the cloud's days match the till's.
        assert report.verified and report.mismatched == []
    assert ledger_problems(cloud.db, outboxes(ahead, behind)) == []
    with urllib.request.urlopen(cloud.url + "/", timeout=10) as page:  # HQ sees the flags
        html = page.read().decode()
    assert "clock_skew" in html and "T01" in html and "T02" in html


# ---- 9. the last unit sold twice offline -------------------------------------------------


@pytest.mark.timeout(60)
def test_09_two_tills_sell_the_last_unit_offline(
        cloud: Cloud, make_till: Callable[..., Till]) -> None:
    """The cloud has one Coke left; two tills, both offline, sell it. Both sales are kept,
    the store's balance goes to −1 (the sum of its movements) and HQ gets a negative-stock
    flag from the push that took it below zero; both tills then show −1."""
    set_stock(cloud.db, COKE_SKU, 1)  # HQ's count: the admin stock path
    t1, t2 = make_till("T01"), make_till("T02")
    for till in (t1, t2):
        till.sync()
        assert sync_state.stock_view(engine=till.engine, sku=COKE_SKU) == 1
        till.net.online = False
    with pytest.raises(SyncOffline):
        t1.sync()  # offline: selling goes on regardless
    s1, s2 = t1.sell(COKE), t2.sell(COKE)
    for till in (t1, t2):
        assert sync_state.stock_view(engine=till.engine, sku=COKE_SKU) == 0
        till.net.online = True

    def balance() -> int:
        return int(cloud_rows(cloud.db, "SELECT on_hand FROM stock_balance WHERE sku = :k",
                              k=COKE_SKU)[0][0])

    assert t1.sync().applied >= 1 and balance() == 0
    assert flags(cloud.db, "negative_stock") == []
    assert t2.sync().applied >= 1 and balance() == -1
    t1.sync()  # t1 pulls the final balance
    rows = cloud_rows(cloud.db, "SELECT sale_uuid, terminal_id, state FROM sale")
    assert {(r[0], r[2]) for r in rows} == {(s1, "completed"), (s2, "completed")}
    assert {r[1] for r in rows} == {t1.terminal_id, t2.terminal_id}
    (flag,) = flags(cloud.db, "negative_stock")
    assert (flag["subject"], flag["on_hand"], flag["terminal"]) == (COKE_SKU, -1, "T02")
    assert ledger_problems(cloud.db, outboxes(t1, t2)) == []
    for till in (t1, t2):
        assert terminal_view_problems(cloud.db, till, skus=[COKE_SKU], members=[]) == []


# ---- 10. the same points and the same coupon redeemed twice offline -----------------------


MEMBER = MemberRecord("M-LEDGER-10", "13800001010", "赵敏", "regular", "8800001010", None, 600)
SHARED_COUPON = "C-LEDGER-10"


@pytest.mark.timeout(60)
def test_10_two_tills_redeem_the_same_points_and_coupon_offline(
        cloud: Cloud, make_till: Callable[..., Till]) -> None:
    """A member with 600 points and one signed ¥3 coupon shop at two offline tills: each
    redeems 400 points and the coupon. Both sales stand; the cloud flags the points
    overdrawn and the coupon reused (the second use, at T02), the member's balance is
    opening + Σ ledger entries (below zero), and exactly two redemptions are recorded."""
    now = datetime.now(UTC).replace(microsecond=0)  # signed codes carry whole seconds
    with write_tx(cloud.db.engine) as conn:
        put_members(conn, [MEMBER], now=now)
    code = issue_coupon(cloud.db.engine, now=now, coupon_value=Coupon(
        coupon_id=SHARED_COUPON, kind="amount_off", name="立减3元", value=300,
        min_spend=Money(0), categories=frozenset(), skus=frozenset(), tier=None,
        valid_from=now - timedelta(hours=1), valid_to=now + timedelta(days=30),
        member_id=None))
    t1, t2 = make_till("T01"), make_till("T02")
    for till in (t1, t2):
        till.sync()
        rec = get_member(engine=till.engine, member_id=MEMBER.member_id)
        assert rec is not None and rec.points_confirmed == 600
        till.net.online = False
    s1 = t1.sell(DUMPLINGS, member=MEMBER.card_no, coupon=code, points=400)
    s2 = t2.sell(DUMPLINGS, member=MEMBER.card_no, coupon=code, points=400)
    for till in (t1, t2):
        till.net.online = True
    t1.sync()
    assert flags(cloud.db, "points_overdrawn") == [] and flags(cloud.db, "coupon_reused") == []
    t2.sync()
    t1.sync()  # both tills now hold the cloud's balance

    sales = {r[0]: r[1] for r in cloud_rows(
        cloud.db, "SELECT sale_uuid, member_id FROM sale WHERE state = 'completed'")}
    assert sales == {s1: MEMBER.member_id, s2: MEMBER.member_id}
    # Points: two redemptions of 400 on 600; the balance is opening + Σ entries, below 0.
    entries = cloud_rows(cloud.db, "SELECT kind, points, terminal_id FROM points_entry "
                         "WHERE member_id = :m", m=MEMBER.member_id)
    assert sorted(p for k, p, _ in entries if k == "redeem") == [-400, -400]
    opening, balance = cloud_rows(cloud.db, "SELECT opening_points, points_balance FROM member "
                                  "WHERE member_id = :m", m=MEMBER.member_id)[0]
    assert opening == 600 and balance == 600 + sum(p for _, p, _ in entries) < 0
    (overdrawn,) = flags(cloud.db, "points_overdrawn")
    assert (overdrawn["subject"], overdrawn["balance"], overdrawn["terminal"]) == (
        MEMBER.member_id, balance, "T02")
    # The coupon: exactly two redemptions, the second (T02's) flagged as reused.
    uses = cloud_rows(cloud.db, "SELECT sale_uuid, terminal_id, reused FROM coupon_redemption "
                      "WHERE coupon_id = :c ORDER BY received_at", c=SHARED_COUPON)
    assert [(u[0], u[1], bool(u[2])) for u in uses] == [
        (s1, t1.terminal_id, False), (s2, t2.terminal_id, True)]
    (reused,) = flags(cloud.db, "coupon_reused")
    assert (reused["subject"], reused["sale_uuid"], reused["terminal"]) == (
        SHARED_COUPON, s2, "T02")
    assert ledger_problems(cloud.db, outboxes(t1, t2)) == []
    for till in (t1, t2):
        assert terminal_view_problems(cloud.db, till, skus=[DUMPLINGS_SKU],
                                      members=[MEMBER.member_id]) == []


# ---- the initial pull's progress (found with the sync benchmark) ------------------------


@pytest.mark.timeout(60)
def test_initial_pull_reports_progress_with_its_total_on_every_page(
        cloud: Cloud, make_till: Callable[..., Till]) -> None:
    """A till pulling the catalog page by page shows how far it is out of how many on every
    page, not only the first (the cloud counts what is left on the first page only)."""
    till = make_till("T01", page=100)
    seen: list[tuple[str, int, int | None]] = []
    till.client.sync_once(progress=lambda *a: seen.append(a))
    products = [(done, total) for stream, done, total in seen if stream == "products"]
    assert len(products) >= 4 and products[-1] == (346, 346)
    assert all(total == 346 for _, total in products), products
    assert [d for d, _ in products] == sorted(d for d, _ in products)


# ---- 12. the cloud's database restored to an earlier point --------------------------------


@pytest.mark.timeout(90)
def test_12_cloud_restored_from_backup_is_detected_and_refilled(
        cloud: Cloud, make_till: Callable[..., Till]) -> None:
    """The cloud's database goes back to a snapshot taken between two rounds of sales (SQLite:
    a copy of the file made while the server was stopped; PostgreSQL: a database made from
    it as a template). T01 notices at hello (the cloud's cursor is below what it had
    acknowledged) and pushes its lost events again; T02 finds its lost day by verification
    alone. Afterwards the cloud has every event again and every ledger adds up, and the
    tills show the cloud's stock and points."""
    t1, t2 = make_till("T01"), make_till("T02")
    for till in (t1, t2):
        till.sync()
        till.sell(COKE, SPRITE, member=GOLD_CARD)
        till.sell(DUMPLINGS)
        till.sync()
    cloud.process.stop()
    snapshot = cloud.db.snapshot()
    cloud.process.start()
    before = {t.code: len(t.outbox()) for t in (t1, t2)}
    for till in (t1, t2):
        till.sell(COKE, COKE, member=GOLD_CARD)
        till.sell(DUMPLINGS, SPRITE, member=GOLD_CARD)
        till.sell(SPRITE)
        assert till.sync().acked > 0
    assert ledger_problems(cloud.db, outboxes(t1, t2)) == []
    lost = {t.code: len(t.outbox()) - before[t.code] for t in (t1, t2)}

    cloud.process.stop()
    cloud.db.restore(snapshot)
    cloud.process.start()
    recorded = int(cloud_rows(cloud.db, "SELECT count(*) FROM applied_event")[0][0])
    assert recorded == sum(before.values())  # the cloud went back in time
    assert ledger_problems(cloud.db, outboxes(t1, t2)) != []

    # T01: hello shows the cloud's cursor below its high-water mark → push again.
    report = t1.sync(verify=True)
    assert (report.unacked, report.applied, report.duplicates) == (lost["T01"], lost["T01"], 0)
    assert report.mismatched == []
    assert terminal_view_problems(cloud.db, t1, skus=[COKE_SKU, DUMPLINGS_SKU],
                                  members=[GOLD]) == []
    # T02: verification alone finds the day that differs and pushes it again.
    check = SyncReport(started_at=datetime.now(CST))
    t2.client.verify(check)
    assert check.mismatched == sorted({e.created_at[:10] for e in t2.outbox()})
    assert check.repushed == before["T02"] + lost["T02"]
    assert (check.applied, check.duplicates) == (lost["T02"], before["T02"])
    again = t2.sync(verify=True)
    assert (again.unacked, again.applied, again.mismatched) == (0, 0, [])
    t1.sync(verify=True)  # pulls what T02 pushed again

    problems = ledger_problems(cloud.db, outboxes(t1, t2))
    assert problems == []
    for till in (t1, t2):
        assert terminal_view_problems(cloud.db, till, skus=[COKE_SKU, DUMPLINGS_SKU],
                                      members=[GOLD]) == []


# ---- 13. chaos ------------------------------------------------------------------------------


CHAOS_SEED = int(os.environ.get("POS_CHAOS_SEED", "20261213"))
CHAOS_TERMINALS = 3
CHAOS_SALES = 40


@pytest.mark.timeout(90)
def test_13_chaos_run_keeps_every_event_once_and_every_ledger_in_step(
        cloud: Cloud, demo_db_template: Path, tmp_path: Path, backend: str) -> None:
    """Three tills in processes of their own sell and sync through a proxy that drops,
    delays, doubles and resets requests at random (seeded), while the cloud is SIGKILLed
    and restarted (three times) and one till loses power mid-run and starts again.
    Afterwards: the cloud's event ids are exactly the union of the tills' outboxes, and every
    ledger sum matches (stock per SKU, points per member, sales per till per day).
    ``POS_CHAOS_SEED`` replays a run's choices; the seed is in every failure message."""
    seed = CHAOS_SEED + BACKENDS.index(backend)
    print(f"chaos seed {seed} ({backend})")
    rng = random.Random(seed)
    started = time.monotonic()
    codes = [f"T{i + 1:02d}" for i in range(CHAOS_TERMINALS)]
    dbs, creds = {}, {}
    for code in codes:
        dbs[code] = prepare_terminal_db(demo_db_template, tmp_path / f"{code}.db",
                                        store_code="S001", terminal_code=code)
        answer = enroll_credential(cloud.url, enroll_code(cloud.db), code)
        creds[code] = save_worker_credential(tmp_path / f"{code}.cred", cloud.url, answer)
    cloud.db.release()  # the test reads the cloud again only at the end
    proxy = FaultProxy(cloud.url, seed=seed, upstream_timeout_s=5.0)
    terms: dict[str, TerminalProcess] = {}
    events: list[str] = []
    summaries: list[dict[str, Any]] = []
    try:
        proxy.start()
        for rule in (
            FaultRule("drop_response", path="/v1/push", probability=0.12),
            FaultRule("duplicate", path="/v1/push", probability=0.12, concurrent=True),
            FaultRule("duplicate", path="/v1/push", probability=0.06, answer="last"),
            FaultRule("error", path="/v1/", probability=0.06),
            FaultRule("drop_request", path="/v1/pull", probability=0.04),
            FaultRule("drop_response", path="/v1/hello", probability=0.04, rst=True),
            FaultRule("reset", path="/v1/", probability=0.03, hold_ms=40),
            FaultRule("delay_request", probability=0.2, delay_ms=30),
            FaultRule("delay_response", probability=0.1, delay_ms=30),
        ):
            proxy.add_rule(rule)
        for code in codes:
            terms[code] = TerminalProcess(
                db=dbs[code], cloud_url=proxy.base_url, credential_file=creds[code],
                sales=CHAOS_SALES, seed=rng.randrange(1 << 30), terminal_code=code,
                sync_every=rng.choice((2, 3, 4)), drain_timeout_s=30.0,
                extra_args=["--client-factory", "tests.sync.ledger_helpers:chaos_client",
                            "--pause-ms", "40", "--member-rate", "0.4"])
        plan = sorted([(rng.uniform(0.8, 4.0), "cloud") for _ in range(3)]
                      + [(rng.uniform(0.8, 3.0), rng.choice(codes))])
        for t in terms.values():
            t.start()

        def drive() -> None:  # the cloud's SIGKILLs and a till's power cut, on schedule
            for at, what in plan:
                time.sleep(max(0.0, started + 1.0 + at - time.monotonic()))
                try:
                    if what == "cloud":
                        cloud.process.restart()  # SIGKILL, then the same port again
                    elif terms[what].running:
                        terms[what].kill()
                        terms[what].start()  # the same database: it resumes its outbox
                    else:
                        continue
                except Exception as exc:  # shows in the failure message
                    events.append(f"{what} FAILED: {exc!r}"[:500])
                    return
                events.append(f"{what}@{time.monotonic() - started:.1f}s")

        driver = threading.Thread(target=drive, name="chaos-driver")
        driver.start()
        driver.join(30)
        summaries = [terms[c].wait(timeout_s=60) for c in codes]
    finally:
        for t in terms.values():
            t.kill()
        proxy.stop()
    stats = proxy.stats
    context = (f"seed {seed} ({backend}); events {events}; proxy {stats}; "
               f"terminals {summaries}")
    assert sum(e.startswith("cloud") for e in events) >= 1, f"no cloud restart: {context}"
    assert all(s["drained"] and s["failed_sales"] == 0 and s["sales"] == CHAOS_SALES
               for s in summaries), context
    faults = sum(n for action, n in stats.by_action.items() if action != "pass")
    assert faults >= 20 and stats.internal_errors == 0, context
    problems = ledger_problems(cloud.db, {c: read_outbox(dbs[c]) for c in codes})
    assert problems == [], f"{context}\n" + "\n".join(problems)
    assert time.monotonic() - started < 60, f"the chaos run took too long: {context}"
    print(context)
