"""The read-only status page at ``/``: plain HTML rendered on the server (no script, no build
step), every value escaped. It refreshes itself so a person can watch sales arrive."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from contract.protocol import CLOCK_SKEW_FLAG_S
from sync.server.db import read_tx
from sync.server.ledger_tables import flag, sale, stock_balance
from sync.server.quarantine import quarantined_events
from sync.server.settings import CloudSettings
from sync.server.tables import product, store, terminal

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;
padding:.25em .6em;text-align:left}th{background:#f2f2f2}td.n{text-align:right}
.bad{color:#b00020;font-weight:bold}.muted{color:#888}
"""
# A till syncs every 30 s by default: a backlog it reported longer ago than this is old news
# (marked "stale", and in red while events were left unsent).
BACKLOG_STALE = timedelta(minutes=10)


def fen_text(fen: int) -> str:
    """¥12.34 from 1234 fen (integers only, never float)."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"


def _when(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


class _Raw:
    """A cell already rendered (and escaped) by this module."""

    def __init__(self, html: str) -> None:
        self.html = html


def _cell(value: Any) -> str:
    if isinstance(value, _Raw):
        return value.html
    if isinstance(value, int) and not isinstance(value, bool):
        return f"<td class='n'>{value}</td>"
    return f"<td>{escape(str(value))}</td>"


def _table(title: str, head: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A titled table; every cell is escaped unless it is ``_Raw``."""
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows)
    if not body:
        body = f"<tr><td class='muted' colspan='{len(head)}'>—</td></tr>"
    heads = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f"<h2>{escape(title)}</h2><table><tr>{heads}</tr>{body}</table>"


def _bad(text: str, condition: bool, css: str = "") -> _Raw:
    cls = "bad" if condition else css
    return _Raw(f"<td class='{cls}'>{escape(text)}</td>")


def _backlog(t: Any, zone: ZoneInfo, now: datetime) -> _Raw:
    """Events the till had written when it last said (at hello) that the cloud still lacks,
    with when it said so; "unknown" for a till that never said (one from before issue 10)."""
    if t["last_seq"] is None or t["last_seq_at"] is None:
        return _Raw("<td class='muted'>unknown</td>")
    backlog = max(0, int(t["last_seq"]) - int(t["cursor"]))
    text = f"{backlog} · {_when(t['last_seq_at'], zone)}"
    stale = now - t["last_seq_at"] > BACKLOG_STALE
    css = "n bad" if stale and backlog else "n"
    return _Raw(f"<td class='{css}'>{escape(text + (' · stale' if stale else ''))}</td>")


def _terminals(terminals: Sequence[Any], codes: dict[int, str], zone: ZoneInfo,
               now: datetime) -> str:
    rows = []
    for t in terminals:
        skew = t["last_clock_skew_s"]
        rows.append((
            codes.get(t["store_id"], "?"), t["code"], t["device_name"],
            _when(t["last_seen_at"], zone), _when(t["last_push_at"], zone),
            _bad("—" if skew is None else f"{skew:.0f}", abs(skew or 0) > CLOCK_SKEW_FLAG_S),
            t["cursor"], _backlog(t, zone, now),
            _bad("revoked" if t["revoked_at"] else "active", t["revoked_at"] is not None)))
    return _table("终端 Terminals", [
        "门店 Store", "终端 Terminal", "设备 Device", "上次同步 Last sync", "上次推送 Last push",
        "时钟偏差 Clock skew (s)", "游标 Cursor", "积压 Backlog", "状态 State"], rows)


def render_status(engine: Engine, *, settings: CloudSettings, now: datetime) -> str:
    """The status page HTML."""
    zone = ZoneInfo(settings.timezone)
    today = now.astimezone(zone).date().isoformat()
    n = settings.status_rows
    with read_tx(engine) as conn:
        stores = conn.execute(select(store.c.id, store.c.code, store.c.name, store.c.address)
                              .order_by(store.c.code)).all()
        terminals = conn.execute(select(terminal).order_by(
            terminal.c.store_id, terminal.c.code, terminal.c.created_at)).mappings().all()
        sales = {r[0]: (r[1], r[2]) for r in conn.execute(
            select(sale.c.store_id, func.count(), func.coalesce(func.sum(sale.c.total_fen), 0))
            .where(sale.c.business_date == today, sale.c.state == "completed")
            .group_by(sale.c.store_id))}
        # Per store, on the (store_id, on_hand) index; then the lowest n of them all.
        stock = sorted((r for s in stores for r in conn.execute(
            select(stock_balance.c.store_id, stock_balance.c.sku, product.c.name,
                   stock_balance.c.on_hand, stock_balance.c.updated_at)
            .join(product, product.c.sku == stock_balance.c.sku, isouter=True)
            .where(stock_balance.c.store_id == s.id)
            .order_by(stock_balance.c.on_hand, stock_balance.c.sku).limit(n))),
            key=lambda r: (r.on_hand, r.store_id, r.sku))[:n]
        flags = conn.execute(select(flag).where(flag.c.resolved_at.is_(None))
                             .order_by(flag.c.created_at.desc()).limit(n)).mappings().all()
        quarantined = quarantined_events(conn, limit=n)
    codes = {s.id: s.code for s in stores}
    parts = [
        _table("门店 Stores", ["代码 Code", "名称 Name", "地址 Address",
                               f"今日销售 Sales {today}", "今日金额 Total"],
               [(s.code, s.name, s.address, sales.get(s.id, (0, 0))[0],
                 fen_text(sales.get(s.id, (0, 0))[1])) for s in stores]),
        _terminals(terminals, codes, zone, now),
        _table("库存最低 Lowest stock", ["门店 Store", "SKU", "商品 Product", "库存 On hand",
                                          "更新 Updated"],
               [(codes.get(r.store_id, "?"), r.sku, r.name or "",
                 _bad(str(r.on_hand), r.on_hand < 0, "n"), _when(r.updated_at, zone))
                for r in stock]),
        _table("待处理 Flags", ["门店 Store", "类型 Kind", "对象 Subject", "详情 Detail",
                                 "时间 When"],
               [(codes.get(f["store_id"], "?"), f["kind"], f["subject"], f["detail"],
                 _when(f["created_at"], zone)) for f in flags]),
    ]
    parts += [
        _table(f"隔离事件 Quarantined events · {code}",
               ["终端 Terminal", "Seq", "类型 Type", "原因 Reason", "收到 Received",
                "事件 Event"],
               [(q.terminal_code, q.seq, q.type, q.reason, _when(q.received_at, zone),
                 q.event_uuid) for q in events])
        for code, events in (quarantined or {"—": []}).items()]
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            "<meta http-equiv='refresh' content='10'>"
            "<title>O2O 云端状态 Cloud status</title>"
            f"<style>{_STYLE}</style></head><body><h1>O2O 云端状态 Cloud status</h1>"
            f"<p class='muted'>{escape(_when(now, zone))} ({escape(settings.timezone)})</p>"
            + "".join(parts) + "</body></html>")
