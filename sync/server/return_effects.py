"""What ``return.completed`` does to the cloud's records, inside its push batch: the return
with its lines and payouts, the stock movements, and the flags HQ looks at.

Exactly once per store: the event is applied once (``applied_event``) and a return uuid
carried by a second event is quarantined (``sync.return_exists``). The return's points move
through its own ``points.transaction`` events (each applied once by its entry uuid), so the
return itself moves no points here.

Stock: a restocked line comes back (``return``, +qty); a damaged one comes back and is
written off at once (``return`` +qty, then ``write_off`` −qty, line numbers 2n−1 and 2n):
both are in the ledger, the balance moves only for restocked goods.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from sync.server.bounds import return_problem
from sync.server.flags import (
    RETURN_CLAWBACK_SHORT,
    RETURN_OTHER_TILL_OFFLINE,
    RETURN_OVER_SOLD,
)
from sync.server.ledger_tables import (
    sale_line,
    sale_return,
    sale_return_line,
    sale_return_tender,
    stock_movement,
)
from sync.server.payloads import ReturnCompleted

if TYPE_CHECKING:
    from sync.server.batch import Batch
    from sync.server.effects import Source

RETURN_EXISTS = "sync.return_exists"


def apply_return(batch: Batch, src: Source, p: ReturnCompleted) -> str | None:
    """Record the return; the quarantine reason (and whether to flag it) when it cannot
    apply, checked before anything is queued."""
    problem = return_problem(p)
    if problem is not None:
        return problem
    if p.return_uuid in batch.returns:
        return RETURN_EXISTS
    batch.returns.add(p.return_uuid)
    store_id, terminal_id = batch.caller.store_id, batch.caller.terminal_id
    key = {"store_id": store_id, "return_uuid": p.return_uuid}
    detail = {"return_seq": p.return_seq, "terminal_code": p.terminal_code,
              "original_terminal_code": p.original_terminal_code, "shift_uuid": p.shift_uuid,
              "staff_id": p.staff_id, "staff_name": p.staff_name,
              "approver_id": p.approver_id, "approver_name": p.approver_name,
              "rounding_fen": p.rounding_fen, "to_cash": p.to_cash, "flags": p.flags,
              "coupons_reinstated": p.coupons_reinstated}
    batch.insert(sale_return, {
        **key, "terminal_id": terminal_id, "event_uuid": src.event_uuid,
        "return_no": p.return_no, "kind": p.kind, "original_sale_uuid": p.original_sale_uuid,
        "original_receipt_no": p.original_receipt_no, "at": p.at, "reason": p.reason,
        "refund_fen": p.refund_fen, "tax_fen": p.tax_fen, "member_id": p.member_id,
        "points_back": p.points_back, "points_clawback": p.points_clawback,
        "clawback_short": p.clawback_short, "exchange_sale_uuid": p.exchange_sale_uuid,
        "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
        "received_at": batch.received_at})
    batch.insert(sale_return_line, *(
        {**key, "pos": n, "line_no": line.line_no, "sku": line.sku, "qty": line.qty,
         "net_fen": line.net_fen, "tax_fen": line.tax_fen, "refund_fen": line.refund_fen,
         "disposition": line.disposition} for n, line in enumerate(p.lines, 1)))
    batch.insert(sale_return_tender, *(
        {**key, "pos": n, "tender_index": t.tender_index, "kind": t.kind, "payout": t.payout,
         "amount_fen": t.amount_fen, "points": t.points} for n, t in enumerate(p.tenders, 1)))
    move = {"store_id": store_id, "event_uuid": src.event_uuid, "terminal_id": terminal_id,
            "created_at": src.created_at, "received_at": batch.received_at}
    for n, line in enumerate(p.lines, 1):
        batch.insert(stock_movement, {**move, "line_no": 2 * n - 1, "sku": line.sku,
                                      "delta": line.qty, "reason": "return"})
        if line.disposition == "damaged":
            batch.insert(stock_movement, {**move, "line_no": 2 * n, "sku": line.sku,
                                          "delta": -line.qty, "reason": "write_off"})
        else:
            batch.move_stock(line.sku, line.qty)
    _flags(batch, p)
    return None


def _flags(batch: Batch, p: ReturnCompleted) -> None:
    terminal = batch.caller.terminal_code
    if p.kind == "other_till_offline" or "other_till_offline" in p.flags:
        batch.flag(RETURN_OTHER_TILL_OFFLINE, p.return_uuid, terminal=terminal,
                   receipt_no=p.original_receipt_no, return_no=p.return_no,
                   refund_fen=p.refund_fen, approver=p.approver_name)
    if p.clawback_short > 0:
        batch.flag(RETURN_CLAWBACK_SHORT, p.return_uuid, terminal=terminal,
                   member_id=p.member_id, points=p.clawback_short, return_no=p.return_no)
    if p.original_sale_uuid is not None and p.kind == "sale":
        over = _over_sold(batch, p)
        if over:
            batch.flag(RETURN_OVER_SOLD, p.return_uuid, terminal=terminal,
                       receipt_no=p.original_receipt_no, lines=over)


def _over_sold(batch: Batch, p: ReturnCompleted) -> list[int]:
    """Lines of the original sale (recorded, or queued in this batch) that its returns
    (recorded, queued, and this one) took back more of than it sold; none while the cloud
    lacks the sale."""
    store_id, sale_uuid = batch.caller.store_id, p.original_sale_uuid
    sold = dict(batch.conn.execute(select(sale_line.c.line_no, sale_line.c.qty).where(
        sale_line.c.store_id == store_id, sale_line.c.sale_uuid == sale_uuid)).all())
    sold.update({row["line_no"]: row["qty"] for row in batch.rows.get(sale_line, [])
                 if row["sale_uuid"] == sale_uuid})  # the sale in this same batch
    if not sold:
        return []
    r, rl = sale_return.c, sale_return_line.c
    back: dict[int, int] = {int(no): int(qty) for no, qty in batch.conn.execute(
        select(rl.line_no, func.sum(rl.qty))
        .select_from(sale_return_line.join(sale_return, (r.store_id == rl.store_id)
                                           & (r.return_uuid == rl.return_uuid)))
        .where(r.store_id == store_id, r.original_sale_uuid == sale_uuid,
               rl.line_no.is_not(None)).group_by(rl.line_no)).all()}
    queued = {row["return_uuid"] for row in batch.rows.get(sale_return, [])
              if row["original_sale_uuid"] == sale_uuid}
    for row in batch.rows.get(sale_return_line, []):
        if row["return_uuid"] in queued and row["line_no"] is not None:
            back[row["line_no"]] = back.get(row["line_no"], 0) + int(row["qty"])
    return sorted(no for no, qty in back.items() if qty > int(sold.get(no, 0)))
