"""``GET /v1/sales/{receipt_no}``: a till asks for a sale of its store to return it
(``contract.sale_lookup``), with every return of it the cloud has recorded.

Only within the caller's store: a receipt number that names another store is refused
before anything is read (its sales are never shown, not even whether they exist).
Indexed reads only: the sale by (store, receipt number), its lines and tenders by its key,
its earned points by its member's ledger, its returns by (store, original sale).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from contract.sale_lookup import (
    LookupLine,
    LookupRefundedTender,
    LookupReturn,
    LookupReturnedLine,
    LookupTender,
    SaleLookup,
)
from sync.server.auth import authenticate
from sync.server.db import read_tx
from sync.server.ledger_tables import (
    points_entry,
    sale,
    sale_line,
    sale_return,
    sale_return_line,
    sale_return_tender,
    sale_tender,
)
from sync.server.problems import ProblemError
from sync.server.tables import terminal

MAX_RECEIPT = 64


def lookup_sale(engine: Engine, *, authorization: str | None, receipt_no: str) -> SaleLookup:
    """The caller's store's completed sale ``receipt_no`` and its returns; 403
    ``sync.receipt_other_store``, 404 ``sync.receipt_not_found``."""
    receipt_no = receipt_no.strip()
    with read_tx(engine) as conn:
        caller = authenticate(conn, authorization)
        if not receipt_no.startswith(f"{caller.store_code}-") or len(receipt_no) > MAX_RECEIPT:
            raise ProblemError(403, "sync.receipt_other_store",
                               "the receipt is not one of this store's: return it there",
                               receipt_no=receipt_no[:MAX_RECEIPT], store=caller.store_code)
        s = sale.c
        row: Any = conn.execute(
            select(s.sale_uuid, s.receipt_no, s.closed_at, s.cashier, s.member_id,
                   s.total_fen, s.tax_fen, s.rounding_fen, terminal.c.code)
            .select_from(sale.outerjoin(terminal, (terminal.c.store_id == s.store_id)
                                        & (terminal.c.terminal_id == s.terminal_id)))
            .where(s.store_id == caller.store_id, s.receipt_no == receipt_no,
                   s.state == "completed")).first()
        if row is None:
            raise ProblemError(404, "sync.receipt_not_found",
                               "no completed sale of this store has that receipt number",
                               receipt_no=receipt_no)
        key = (caller.store_id, row.sale_uuid)
        lines = [LookupLine(line_no=r.line_no, sku=r.sku, name=r.name, qty=int(r.qty),
                            is_weighed=bool(r.is_weighed), unit_price_fen=int(r.unit_price_fen),
                            net_fen=int(r.net_fen), tax_fen=int(r.tax_fen),
                            tax_rate_bp=int(r.tax_rate_bp))
                 for r in conn.execute(select(sale_line).where(
                     sale_line.c.store_id == key[0], sale_line.c.sale_uuid == key[1])
                     .order_by(sale_line.c.line_no))]
        tenders = [LookupTender(kind=r.kind, amount_fen=int(r.amount_fen),
                                reference=r.reference)
                   for r in conn.execute(select(sale_tender).where(
                       sale_tender.c.store_id == key[0], sale_tender.c.sale_uuid == key[1])
                       .order_by(sale_tender.c.tender_no))]
        earned = 0
        if row.member_id is not None:
            p = points_entry.c
            earned = int(conn.execute(select(func.coalesce(func.sum(p.points), 0)).where(
                p.member_id == row.member_id, p.sale_uuid == row.sale_uuid,
                p.kind == "earn")).scalar_one())
        return SaleLookup(
            sale_uuid=row.sale_uuid, receipt_no=row.receipt_no, store_code=caller.store_code,
            terminal_code=row.code or "", closed_at=row.closed_at, cashier=row.cashier,
            member_id=row.member_id, total_fen=int(row.total_fen), tax_fen=int(row.tax_fen),
            rounding_fen=int(row.rounding_fen), points_earned=earned, lines=lines,
            tenders=tenders, returns=_returns(conn, caller.store_id, row.sale_uuid))


def _returns(conn: Connection, store_id: int, sale_uuid: str) -> list[LookupReturn]:
    r = sale_return.c
    heads: Any = conn.execute(
        select(r.return_uuid, r.return_no, r.points_clawback, terminal.c.code)
        .select_from(sale_return.outerjoin(terminal, (terminal.c.store_id == r.store_id)
                                           & (terminal.c.terminal_id == r.terminal_id)))
        .where(r.store_id == store_id, r.original_sale_uuid == sale_uuid)
        .order_by(r.received_at, r.return_uuid)).all()
    if not heads:
        return []
    uuids = [h.return_uuid for h in heads]
    lines: dict[str, list[LookupReturnedLine]] = defaultdict(list)
    rl = sale_return_line.c
    for x in conn.execute(select(rl.return_uuid, rl.line_no, rl.qty, rl.net_fen, rl.tax_fen)
                          .where(rl.store_id == store_id, rl.return_uuid.in_(uuids),
                                 rl.line_no.is_not(None)).order_by(rl.pos)):
        lines[x.return_uuid].append(LookupReturnedLine(
            line_no=x.line_no, qty=int(x.qty), net_fen=int(x.net_fen), tax_fen=int(x.tax_fen)))
    tenders: dict[str, list[LookupRefundedTender]] = defaultdict(list)
    rt = sale_return_tender.c
    for t in conn.execute(select(rt.return_uuid, rt.tender_index, rt.amount_fen, rt.points)
                          .where(rt.store_id == store_id, rt.return_uuid.in_(uuids),
                                 rt.tender_index.is_not(None)).order_by(rt.pos)):
        tenders[t.return_uuid].append(LookupRefundedTender(
            index=t.tender_index, amount_fen=int(t.amount_fen), points=int(t.points)))
    return [LookupReturn(return_uuid=h.return_uuid, return_no=h.return_no,
                         terminal_code=h.code or "", lines=lines[h.return_uuid],
                         tenders=tenders[h.return_uuid],
                         points_clawback=int(h.points_clawback)) for h in heads]
