"""Sales and returns for the report tests, computed by hand (``tests/store/test_reports.py``
says what falls where): store day D is 2024-11-22 in Asia/Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from contract.products import ProductRow
from contract.staff import StaffData
from pos_app.store import catalog
from pos_app.store.db import write_tx
from pos_app.store.returns import ReturnLineRecord, ReturnRecord, ReturnTenderRecord, commit_return
from pos_app.store.sales import (
    SaleLineRecord,
    SalePromotionRecord,
    SaleRecord,
    TenderRecord,
    commit_sale,
    record_voided_sale,
)
from pos_app.store.staff import put_staff

SHANGHAI = ZoneInfo("Asia/Shanghai")
CST = timezone(timedelta(hours=8))
D = date(2024, 11, 22)


def _at(year: int, month: int, day: int, hour: int, minute: int, second: int = 0, *,
        tz: timezone = CST) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=tz)


class Shop:
    """Products with categories and a builder of sales of them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        ids = catalog.upsert_products(engine=engine, rows=[
            ProductRow(sku="DRINK", name="冰红茶", name_en="Ice tea", price_fen=300,
                       category="饮料"),
            ProductRow(sku="SNACK", name="薯片", name_en="Chips", price_fen=750,
                       category="零食"),
            ProductRow(sku="APPLE", name="苹果", name_en="Apples", price_fen=1280,
                       category="生鲜", is_weighed=True, unit="kg"),
        ])
        self.ids = dict(zip(("DRINK", "SNACK", "APPLE"), ids, strict=True))
        self.n = 0

    def line(self, sku: str, qty: int, price: int, *, gross: int | None = None,
             discount: int = 0, promo: int = 0) -> SaleLineRecord:
        gross = qty * price if gross is None else gross
        return SaleLineRecord(
            product_id=self.ids.get(sku), sku=sku, name=f"{sku} 名", name_en=sku.title(),
            qty=qty, unit_price_fen=price, gross_fen=gross, net_fen=gross - discount,
            discount_fen=discount, promo_discount_fen=promo, tax_rate_bp=1300,
            is_weighed=sku == "APPLE")

    def sell(self, at: datetime, lines: list[SaleLineRecord], *,
             tenders: list[tuple[str, int]] | None = None, cashier: tuple[str, str] = ("", ""),
             member: str | None = None, sale_discount: int = 0,
             promotions: tuple[SalePromotionRecord, ...] = (), void: bool = False) -> int:
        self.n += 1
        total = sum(ln.net_fen for ln in lines)
        tenders = tenders or [("cash", total)]
        record = SaleRecord(
            sale_uuid=f"sale-{self.n}", store_code="S001", terminal_code="T01",
            opened_at=at, closed_at=at, lines=lines,
            tenders=[TenderRecord(kind, amount, amount) for kind, amount in tenders],
            cashier=cashier[1], cashier_id=cashier[0], member_id=member,
            item_count=sum(ln.qty for ln in lines), subtotal_fen=total, total_fen=total,
            paid_fen=total, discount_fen=sum(ln.discount_fen for ln in lines),
            sale_discount_fen=sale_discount, promotions=promotions)
        if void:
            return record_voided_sale(engine=self.engine, record=record)
        return commit_sale(engine=self.engine, record=record).sale_id

    def take_back(self, at: datetime, sku: str, qty: int, payouts: list[tuple[str, int]], *,
                  staff: tuple[str, str], sale_no: int | None = None) -> str:
        """A return written by the store as the return service writes it: ``qty`` of
        ``sku`` (of sale ``sale_no``, or without a receipt), paid out as ``payouts``."""
        self.n += 1
        fen = sum(amount for _kind, amount in payouts)
        record = ReturnRecord(
            return_uuid=f"return-{self.n}", store_code="S001", terminal_code="T01",
            kind="no_receipt" if sale_no is None else "sale", at=at,
            business_date=at.date().isoformat(), reason="defective",
            lines=[ReturnLineRecord(line_no=None if sale_no is None else 1,
                                    product_id=self.ids.get(sku), sku=sku, name=f"{sku} 名",
                                    qty=qty, net_fen=fen, refund_fen=fen)],
            tenders=[ReturnTenderRecord(None, kind, kind, amount, points=amount if
                                        kind == "points" else 0) for kind, amount in payouts],
            original_sale_uuid=None if sale_no is None else f"sale-{sale_no}",
            staff_id=staff[0], staff_name=staff[1], refund_fen=fen)
        return commit_return(engine=self.engine, record=record).return_no


ANN = ("st-ann", "安妮")
BOB = ("st-bob", "Bob")
CARL = ("st-carl", "Carl")  # takes returns, sells nothing
TWO_DRINKS = SalePromotionRecord("P-2DRINK", "饮料第二件减1元", "bundle", 100,
                                 {"key": "promo.bundle", "data": {}})


def sell_around_d(engine: Engine) -> Shop:
    """The products, a staff member (Ann, code 1001) and the sales around day D."""
    s = Shop(engine)
    with write_tx(engine) as conn:
        put_staff(conn, "st-ann", StaffData(code="1001", name="安妮", role="cashier",
                                            pin_hash="$argon2id$" + "x" * 40),
                  at="2024-11-01T00:00:00+08:00")
    # D, 09:15: 2 drinks (promotion -1.00) and chips; a member; Ann; cash.
    s.sell(_at(2024, 11, 22, 9, 15), [s.line("DRINK", 2, 300, discount=100, promo=100),
                                      s.line("SNACK", 1, 750)],
           cashier=ANN, member="M1", promotions=(TWO_DRINKS,))
    # D, 09:45: chips with the sale's 0.50 discount, 512 g of apples; Bob; card + cash.
    s.sell(_at(2024, 11, 22, 9, 45), [s.line("SNACK", 1, 750, discount=50),
                                      s.line("APPLE", 512, 1280, gross=655)],
           tenders=[("card", 1000), ("cash", 355)], cashier=BOB, sale_discount=50)
    # 23:30 UTC on D-1 = 07:30 on D: 3 drinks less 0.90 by hand, an open-price item.
    s.sell(_at(2024, 11, 21, 23, 30, tz=UTC), [s.line("DRINK", 3, 300, discount=90),
                                               s.line("OPEN", 1, 200)],
           tenders=[("mobile", 1010)], cashier=ANN, member="M2")
    # D, 23:59:59: one drink, nobody signed in.
    s.sell(_at(2024, 11, 22, 23, 59, 59), [s.line("DRINK", 1, 300)])
    # 16:30 UTC on D = 00:30 on D+1: five bags of chips.
    s.sell(_at(2024, 11, 22, 16, 30, tz=UTC), [s.line("SNACK", 5, 750)], cashier=BOB)
    # 15:59:59 UTC on D-1 = 23:59:59 on D-1.
    s.sell(_at(2024, 11, 21, 15, 59, 59, tz=UTC), [s.line("DRINK", 7, 300)])
    # D, 10:00: a voided sale.
    s.sell(_at(2024, 11, 22, 10, 0), [s.line("SNACK", 1, 750)], void=True)
    return s


def return_around_d(shop: Shop) -> Shop:
    """Returns around day D, on top of ``sell_around_d``'s sales: three fall in D (one of
    them written at 23:30 UTC the day before), one at 16:30 UTC on D in D+1 and one at
    15:59:59 UTC on D-1 in D-1."""
    # D, 10:30: Ann takes back the chips of D's first sale, in cash.
    shop.take_back(_at(2024, 11, 22, 10, 30), "SNACK", 1, [("cash", 750)], staff=ANN,
                   sale_no=1)
    # 23:30 UTC on D-1 = 07:30 on D: Bob, a drink back onto the card.
    shop.take_back(_at(2024, 11, 21, 23, 30, tz=UTC), "DRINK", 1, [("card", 300)], staff=BOB)
    # D, 11:00: Carl, an exchange's credit, the rest in cash (two rows) and points.
    shop.take_back(_at(2024, 11, 22, 11, 0), "SNACK", 1,
                   [("exchange", 200), ("cash", 150), ("cash", 5), ("points", 100)],
                   staff=CARL)
    # 16:30 UTC on D = 00:30 on D+1.
    shop.take_back(_at(2024, 11, 22, 16, 30, tz=UTC), "SNACK", 1, [("cash", 999)], staff=ANN)
    # 15:59:59 UTC on D-1 = 23:59:59 on D-1.
    shop.take_back(_at(2024, 11, 21, 15, 59, 59, tz=UTC), "DRINK", 1, [("cash", 111)],
                   staff=ANN)
    return shop
