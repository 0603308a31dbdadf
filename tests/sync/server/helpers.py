"""A till speaking the sync protocol to the cloud app under test, and event builders."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any

from sqlalchemy import Engine

from contract.protocol import (
    COUPON_REDEEMED,
    MEMBER_SIGNED_UP,
    POINTS_TRANSACTION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SALE_COMPLETED,
    SALE_VOIDED,
    STOCK_MOVEMENT,
    PullPage,
)
from sync.server.enroll import create_enrollment_code

CST = timezone(timedelta(hours=8))


class Clock:
    """The server's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def sale_payload(sale_uuid: str | None = None, lines: list[tuple[str, int]] | None = None,
                 total_fen: int = 700, **extra: Any) -> dict[str, Any]:
    """A sale as pos_app.store.sales.sale_payload writes it (the fields that matter)."""
    lines = lines if lines is not None else [("010001", 2)]
    return {"sale_uuid": sale_uuid or str(uuid.uuid4()), "total_fen": total_fen,
            "receipt_no": "S001-T01-000001", "cashier": "王小明",
            "lines": [{"sku": sku, "qty": qty, "name": "商品", "unit_price_fen": 350,
                       "net_fen": 350 * qty, "product_id": 1} for sku, qty in lines],
            "tenders": [{"kind": "cash", "amount_fen": total_fen, "tendered_fen": total_fen}],
            "promotions": [], **extra}


@dataclass
class Till:
    """An enrolled terminal: builds events with its own gap-free seqs and calls the API."""

    client: Any
    store_code: str
    terminal_code: str
    terminal_id: str
    credential: str
    clock: Clock
    seq: int = 0
    skew: timedelta = timedelta(0)
    sent: list[dict[str, Any]] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                "Authorization": f"Bearer {self.credential}"}

    def local_now(self) -> datetime:
        return (self.clock() + self.skew).astimezone(CST)

    def event(self, type_: str, payload: dict[str, Any], *, version: int = 1,
              created_at: datetime | None = None) -> dict[str, Any]:
        self.seq += 1
        ev = {"event_uuid": str(uuid.uuid4()), "seq": self.seq, "type": type_,
              "version": version, "payload": payload,
              "created_at": (created_at or self.local_now()).isoformat()}
        self.sent.append(ev)
        return ev

    def sale(self, **kw: Any) -> dict[str, Any]:
        return self.event(SALE_COMPLETED, sale_payload(**kw))

    def void(self, **kw: Any) -> dict[str, Any]:
        return self.event(SALE_VOIDED, sale_payload(**kw))

    def points(self, member_id: str, points: int, *, kind: str = "earn",
               entry_uuid: str | None = None) -> dict[str, Any]:
        return self.event(POINTS_TRANSACTION, {
            "entry_uuid": entry_uuid or str(uuid.uuid4()), "member_id": member_id,
            "kind": kind, "points": points, "sale_uuid": None, "reason": ""})

    def coupon(self, coupon_id: str, *, discount_fen: int = 500) -> dict[str, Any]:
        return self.event(COUPON_REDEEMED, {"coupon_id": coupon_id, "sale_uuid": "s",
                                            "discount_fen": discount_fen})

    def signup(self, member_id: str, phone: str, name: str = "新会员") -> dict[str, Any]:
        return self.event(MEMBER_SIGNED_UP, {"member_id": member_id, "phone": phone,
                                             "name": name, "tier": "regular"})

    def stock(self, sku: str, delta: int, reason: str = "receive") -> dict[str, Any]:
        return self.event(STOCK_MOVEMENT, {"sku": sku, "delta": delta, "reason": reason})

    def body(self, **extra: Any) -> dict[str, Any]:
        return {"store_code": self.store_code, "terminal_code": self.terminal_code,
                "sent_at": self.local_now().isoformat(), **extra}

    def push(self, events: list[dict[str, Any]], *, status: int = 200) -> dict[str, Any]:
        r = self.client.post("/v1/push", json=self.body(events=events), headers=self.headers)
        assert r.status_code == status, r.text
        return dict(r.json())

    def hello(self, **params: Any) -> dict[str, Any]:
        """Hello; ``params`` go in the query (``last_seq=`` as a till since issue 10 says)."""
        r = self.client.post("/v1/hello", json=self.body(app_version="test"),
                             headers=self.headers, params=params)
        assert r.status_code == 200, r.text
        return dict(r.json())

    def pull(self, stream: str, after: int = 0, limit: int = 1000) -> PullPage:
        r = self.client.get(f"/v1/pull/{stream}", params={"after": after, "limit": limit},
                            headers=self.headers)
        assert r.status_code == 200, r.text
        return PullPage.model_validate_json(r.content)

    def pull_all(self, stream: str, after: int = 0, limit: int = 1000) -> dict[str, Any]:
        """key → data after pulling every page (None for tombstones)."""
        state: dict[str, Any] = {}
        while True:
            page = self.pull(stream, after, limit)
            state.update({c.key: c.data for c in page.changes})
            after = page.next_after
            if not page.has_more:
                return state


def enroll_till(client: Any, engine: Engine, clock: Clock, *, store_code: str,
                terminal_code: str) -> Till:
    """Enroll a terminal through the API with a fresh one-time code."""
    code = create_enrollment_code(engine, store_code=store_code, now=clock())
    r = client.post("/v1/enroll", json={"enrollment_code": code, "terminal_code": terminal_code,
                                        "device_name": "测试机"},
                    headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})
    assert r.status_code == 200, r.text
    body = r.json()
    return Till(client, store_code, terminal_code, body["terminal_id"], body["credential"],
                clock)


class _TableReader(HTMLParser):
    """The text of every table's cells, by the ``<h2>`` title before the table."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._title: list[str] | None = None
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._last_title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._title = []
        elif tag == "table":
            self._rows = self.tables.setdefault(self._last_title, [])
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._title is not None:
            self._last_title, self._title = "".join(self._title).strip(), None
        elif tag == "table":
            self._rows = None
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def page_rows(page: str, title: str) -> list[dict[str, str]]:
    """The rows of the status page's table titled ``title``: column heading → cell text."""
    reader = _TableReader()
    reader.feed(page)
    head, *rows = reader.tables[title]
    return [dict(zip(head, row, strict=True)) for row in rows if len(row) == len(head)]


def backlog_shown(client: Any, terminal_code: str = "T01") -> str:
    """What the status page says in a terminal's Backlog column."""
    [row] = [r for r in page_rows(client.get("/").text, "终端 Terminals")
             if r["终端 Terminal"] == terminal_code]
    return row["积压 Backlog"]
