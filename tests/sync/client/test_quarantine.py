"""Quarantine on the till: a quarantined event is kept with the cloud's reason, listed, and
after "repair and resend" pushed again with the same uuid and seq until the cloud takes it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, text

from contract.products import ProductRow
from pos_app.core.text import REPLACEMENT
from pos_app.store import catalog, outbox_quarantine, sync_state
from sync.client import SyncClient
from tests.sync.client.conftest import GOLD_CARD, sell
from tests.sync.client.fake_cloud import FakeCloud

NUL_CODE = "6900000000014"


def _nul_in(payload: dict[str, Any]) -> bool:
    """The cloud's judgement (PostgreSQL text refuses NUL), made without the till's code."""
    return "\\u0000" in json.dumps(payload)


def _nul_product(engine: Engine) -> None:
    # As an import before the text check let it in.
    catalog.upsert_products(engine=engine, rows=[ProductRow(
        sku="NUL-1", name="Cola\x00Zero", price_fen=300, barcodes=(NUL_CODE,))])


def test_a_quarantined_sale_is_kept_with_its_reason_then_repaired_and_taken(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    _nul_product(engine)
    cloud.poison = _nul_in
    sell(engine, 1, codes=(NUL_CODE,))
    report = client.sync_once()
    assert report.quarantined == 1
    [held] = outbox_quarantine.quarantined_events(engine=engine, terminal_code="T01")
    assert (held.type, held.reason, held.repairable, held.resending) == (
        "sale.completed", "sync.payload_invalid", True, False)
    assert outbox_quarantine.quarantined_count(engine=engine, terminal_code="T01") == 1
    assert sync_state.backlog(engine=engine, terminal_code="T01") == 0  # the cloud passed it
    assert cloud.events[held.event_uuid].status == "quarantined"

    replaced = outbox_quarantine.repair_and_resend(engine=engine, terminal_code="T01",
                                                   event_uuid=held.event_uuid)
    assert replaced == 1
    assert sync_state.backlog(engine=engine, terminal_code="T01") == 1
    [waiting] = outbox_quarantine.quarantined_events(engine=engine, terminal_code="T01")
    assert waiting.resending and not waiting.repairable

    report = client.sync_once()
    assert report.quarantined == 0
    assert outbox_quarantine.quarantined_events(engine=engine, terminal_code="T01") == []
    taken = cloud.events[held.event_uuid]
    assert taken.status == "applied" and taken.seq == held.seq
    assert taken.payload["lines"][0]["name"] == f"Cola{REPLACEMENT}Zero"
    assert sync_state.backlog(engine=engine, terminal_code="T01") == 0


def test_a_repaired_points_event_counts_again_once_the_cloud_takes_it(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    _nul_product(engine)
    cloud.poison = _nul_in
    sell(engine, 1, member_card=GOLD_CARD, codes=(NUL_CODE,))
    client.sync_once()
    held = outbox_quarantine.quarantined_events(engine=engine, terminal_code="T01")
    assert [h.type for h in held] == ["sale.completed"]  # the points event carries no name
    outbox_quarantine.repair_and_resend(engine=engine, terminal_code="T01",
                                        event_uuid=held[0].event_uuid)
    client.sync_once()
    assert outbox_quarantine.quarantined_count(engine=engine, terminal_code="T01") == 0


def test_a_repaired_event_quarantined_again_stays_listed_with_the_new_reason(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    _nul_product(engine)
    cloud.poison = _nul_in
    sell(engine, 1, codes=(NUL_CODE,))
    client.sync_once()
    [held] = outbox_quarantine.quarantined_events(engine=engine, terminal_code="T01")
    outbox_quarantine.repair_and_resend(engine=engine, terminal_code="T01",
                                        event_uuid=held.event_uuid)
    cloud.poison = lambda _payload: True  # still refused, for whatever reason
    assert client.sync_once().quarantined == 1
    [again] = outbox_quarantine.quarantined_events(engine=engine, terminal_code="T01")
    assert again.event_uuid == held.event_uuid and not again.resending


def test_an_event_without_text_to_repair_is_not_resent(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    import pytest

    from pos_app.core.errors import PosError

    cloud.poison = lambda payload: "lines" in payload
    sell(engine, 1)
    client.sync_once()
    [held] = outbox_quarantine.quarantined_events(engine=engine, terminal_code="T01")
    assert not held.repairable
    with pytest.raises(PosError) as err:
        outbox_quarantine.repair_and_resend(engine=engine, terminal_code="T01",
                                            event_uuid=held.event_uuid)
    assert err.value.key == "sync.repair_not_possible"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outbox_event WHERE acked_at IS NULL")
                            ).scalar_one() == 0
