"""The cloud's reference data as the till stores it: one handler per stream, which checks a
pulled change's data (outside any transaction) and writes, deletes or resets it.
``sync_pages`` applies pages of changes with them, in chunks that give way to sales.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, bindparam, delete, exists, update
from sqlalchemy.exc import SQLAlchemyError

from contract.members import TierRecord
from contract.products import ProductRow
from contract.protocol import MEMBER_LOOKUP_KEY_ID, PullPage
from contract.staff import RoleData, StaffData
from contract.stock_events import ExpectedReceiptData
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.signed_codes import public_key_from_text
from pos_app.core.store_info import StoreInfo
from pos_app.store import search_index
from pos_app.store.catalog import CatalogWriter
from pos_app.store.members import (
    LocalMember,
    decode_secret,
    members_confirmed,
    put_lookup_secret,
    put_member_coupons,
    put_members,
    put_tiers,
)
from pos_app.store.models import (
    chain_key,
    member,
    member_coupon,
    member_lookup_key,
    member_tier,
    points_entry,
    product,
    promotion,
    revoked_coupon,
    stock_cloud,
)
from pos_app.store.promotions import PromotionRecord, put_chain_key, put_promotions
from pos_app.store.receiving import ExpectedOrder, drop_expected, put_expected
from pos_app.store.search_text import IndexText, index_text, index_text_given
from pos_app.store.staff import (
    delete_roles,
    disable_cloud_staff,
    disable_staff,
    put_role,
    put_staff,
)
from pos_app.store.statements import replace
from pos_app.store.terminal import put_store_info, read_store_info

log = logging.getLogger(__name__)

# What the database raises when it refuses a write: SQLAlchemy's errors, and the driver's
# own from the writers that use its connection directly (products, members).
DB_ERRORS = (SQLAlchemyError, sqlite3.Error)
# A products page this big loads the search index in bulk (``search_index``): the sync
# client asks for pages of 5,000 while it pulls a stream from its start, 1,000 after.
BULK_PAGE = 2000


@dataclass(frozen=True, slots=True)
class Context:
    """What applying a change needs besides the change."""

    terminal_code: str
    basis_seq: int  # the cloud's cursor for this terminal (stock balances hold up to it)
    at: str


# ---- the data of each stream (see contract.protocol.STREAMS) ---------------------------------


class _Data(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)  # newer clouds may send more


class _Store(_Data):
    store_name: str
    store_address: str = ""
    footer: str = ""


class _Key(_Data):
    public_key: str


class _LookupKey(_Data):
    lookup_secret: str


class _Tier(_Data):
    rank: int
    name_zh: str
    name_en: str
    discount_bp: int = Field(default=0, ge=0, le=10_000)
    points_multiplier_bp: int = Field(default=10_000, ge=0)
    birthday_bonus_points: int = Field(default=0, ge=0)
    birthday_discount_bp: int = Field(default=0, ge=0, le=10_000)
    qualify_spend_fen: int = Field(default=0, ge=0)
    qualify_points: int = Field(default=0, ge=0)


class _Product(_Data):
    name: str = Field(min_length=1)
    name_en: str = ""
    unit: str = ""
    price_fen: int = Field(ge=0)
    tax_rate_bp: int = Field(default=1300, ge=0, le=10_000)
    is_weighed: bool = False
    age_restricted: bool = False
    category: str = ""
    brand: str = ""
    active: bool = True
    barcodes: list[str] = []
    cost_fen: int | None = Field(default=None, ge=0)


_TEXTS = ("name_en", "unit", "category", "brand")
_FLAGS = ("is_weighed", "age_restricted", "active")


def _plain_product(key: str, data: dict[str, Any]) -> ProductRow | None:
    """The product of ``data`` when every field is exactly of its type and in its range (what
    the cloud sends), as ``_Product`` would read it; None for anything else (``_Product``
    validates it then: coercions, defaults of odd kinds, the error messages). Checked by hand
    because pydantic's validation was a tenth of a big initial pull."""
    name = data.get("name")
    price = data.get("price_fen")
    tax = data.get("tax_rate_bp", 1300)
    codes = data.get("barcodes", [])
    cost = data.get("cost_fen")
    if cost is not None and (type(cost) is not int or cost < 0):
        return None
    if (type(name) is not str or not name or type(price) is not int or price < 0
            or type(tax) is not int or not 0 <= tax <= 10_000 or type(codes) is not list):
        return None
    texts = [data.get(f, "") for f in _TEXTS]
    flags = [data.get(f, f == "active") for f in _FLAGS]
    if (any(type(t) is not str for t in texts) or any(type(f) is not bool for f in flags)
            or any(type(c) is not str for c in codes)):
        return None
    try:  # pydantic refuses a string it cannot encode (a lone surrogate): so does this
        "".join((name, *texts, *codes)).encode()
    except UnicodeEncodeError:
        return None
    return ProductRow(sku=key, name=name, name_en=texts[0], unit=texts[1], price_fen=price,
                      tax_rate_bp=tax, is_weighed=flags[0], age_restricted=flags[1],
                      category=texts[2], brand=texts[3], active=flags[2],
                      barcodes=tuple(codes), cost_fen=cost)


_HASH = r"^[0-9a-f]{64}$"


class _Member(_Data):
    # Anything else the cloud sends (a full phone from an older cloud) is not kept.
    phone_masked: str = Field(min_length=1, max_length=32)
    name_masked: str = Field(default="", max_length=64)
    phone_hash: str | None = Field(default=None, pattern=_HASH)
    card_hash: str | None = Field(default=None, pattern=_HASH)
    birthday_md: str | None = Field(default=None, pattern=r"^\d{2}-\d{2}$")
    tier: str = "regular"
    points_confirmed: int = 0


class _Wallet(_Data):
    member_id: str = Field(min_length=1)
    code: str = Field(min_length=1)


class _Revoked(_Data):
    revoked_at: str = ""


class _Stock(_Data):
    on_hand: int


# ---- one handler per stream: prepare (outside the transaction), upsert, delete, reset ----


class Handler:
    """A stream's changes: ``prepare`` validates (no database), the rest run in the chunk's
    transaction."""

    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        raise NotImplementedError

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        raise NotImplementedError

    def reset(self, conn: Connection, ctx: Context) -> None:
        raise NotImplementedError

    def finish(self, conn: Connection, *, write: bool = True) -> None:
        """Write (or, after a failure, forget) what ``upsert`` left pending on ``conn``;
        called before the chunk's transaction ends."""

    def page_begins(self, conn: Connection, page: PullPage) -> None:
        """In the transaction of ``page``'s first chunk, before its changes."""

    def page_ends(self, conn: Connection, page: PullPage) -> None:
        """In the transaction of ``page``'s last chunk, after its changes."""


class _StoreHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        return _Store.model_validate(data)

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        old = read_store_info(conn)
        put_store_info(conn, StoreInfo(
            store_code=key, store_name=value.store_name, store_address=value.store_address,
            terminal_code=old.terminal_code if old else ctx.terminal_code,
            tax_mode=old.tax_mode if old else "inclusive",
            cash_rounding=old.cash_rounding if old else "none", footer=value.footer))

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        log.warning("the cloud deleted store %s; the till keeps its identity", key)

    def reset(self, conn: Connection, ctx: Context) -> None:
        pass  # one row, replaced by the page


class _ChainKeyHandler(Handler):
    """Public keys to verify codes with, and the chain's member lookup secret."""

    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        if key == MEMBER_LOOKUP_KEY_ID:
            secret = _LookupKey.model_validate(data)
            decode_secret(secret.lookup_secret)  # ValueError when unusable
            return secret
        value = _Key.model_validate(data)
        public_key_from_text(value.public_key)  # code.key_invalid when it is not a key
        return value

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        if isinstance(value, _LookupKey):
            put_lookup_secret(conn, secret=value.lookup_secret, at=ctx.at)
        else:
            put_chain_key(conn, key_id=key, public_key=value.public_key, at=ctx.at)

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        conn.execute(delete(chain_key).where(chain_key.c.key_id == key))
        conn.execute(delete(member_lookup_key).where(member_lookup_key.c.key_id == key))

    def reset(self, conn: Connection, ctx: Context) -> None:
        conn.execute(delete(chain_key))
        conn.execute(delete(member_lookup_key))


class _TierHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        return TierRecord(code=key, **_Tier.model_validate(data).model_dump())

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        put_tiers(conn, [value])

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        conn.execute(delete(member_tier).where(member_tier.c.code == key))

    def reset(self, conn: Connection, ctx: Context) -> None:
        conn.execute(delete(member_tier))


class _ProductHandler(Handler):
    def __init__(self) -> None:
        # One writer per open connection: its products are queued and its FTS rows written
        # in bursts (see ``catalog.CatalogWriter``), the rest by ``finish``, before the
        # chunk's transaction ends.
        self._writers: dict[int, CatalogWriter] = {}
        self._lock = threading.Lock()

    def prepare(self, key: str, data: dict[str, Any]) -> tuple[ProductRow, IndexText]:
        row = _plain_product(key, data)
        if row is None:  # anything else: pydantic decides (and says what is wrong)
            p = _Product.model_validate(data)
            row = ProductRow(
                sku=key, name=p.name, name_en=p.name_en, unit=p.unit, price_fen=p.price_fen,
                tax_rate_bp=p.tax_rate_bp, is_weighed=p.is_weighed,
                age_restricted=p.age_restricted, category=p.category, brand=p.brand,
                active=p.active, barcodes=tuple(p.barcodes), cost_fen=p.cost_fen)
        # The cloud's pinyin when it fits the name; else worked out here, before the
        # transaction (keeps it short).
        return row, index_text_given(row.name, data.get("pinyin")) or index_text(row.name)

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        row, it = value
        with self._lock:
            writer = self._writers.get(id(conn))
            if writer is None:
                writer = self._writers[id(conn)] = CatalogWriter(conn)
        writer.queue(row, it)

    def finish(self, conn: Connection, *, write: bool = True) -> None:
        with self._lock:
            writer = self._writers.pop(id(conn), None)
        if writer is not None:
            writer.close(write=write)

    def page_begins(self, conn: Connection, page: PullPage) -> None:
        # A big page is an initial pull (or a reset): the search index loads in bulk
        # until the stream's last page.
        if len(page.changes) >= BULK_PAGE:
            search_index.set_bulk(conn, True)

    def page_ends(self, conn: Connection, page: PullPage) -> None:
        if not page.has_more:
            search_index.set_bulk(conn, False)

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        with self._lock:
            writer = self._writers.get(id(conn))
        if writer is not None:  # an upsert of it may wait in the queue: it goes first
            writer.write_queued()
        # Sales and the stock ledger point at the product: it is retired, never removed.
        conn.execute(update(product).where(product.c.sku == key).values(active=False))

    def reset(self, conn: Connection, ctx: Context) -> None:
        conn.execute(update(product).where(product.c.active).values(active=False))


class _PromotionHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        body = {k: v for k, v in data.items() if k not in ("promo_id", "active")}
        promotion_from_dict({**body, "promo_id": key})  # promo.rule_invalid when unreadable
        kind = str(body.pop("kind"))
        return PromotionRecord(key, kind, body, active=bool(data.get("active", True)))

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        put_promotions(conn, [value], at=ctx.at)

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        conn.execute(update(promotion).where(promotion.c.promo_id == key)
                     .values(active=False, updated_at=ctx.at))

    def reset(self, conn: Connection, ctx: Context) -> None:
        conn.execute(update(promotion).where(promotion.c.active)
                     .values(active=False, updated_at=ctx.at))


_NO_LEDGER = ~exists().where(points_entry.c.member_id == member.c.member_id)


class _MemberHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        m = _Member.model_validate(data)
        return LocalMember(member_id=key, phone_masked=m.phone_masked,
                           name_masked=m.name_masked, phone_hash=m.phone_hash,
                           card_hash=m.card_hash, birthday_md=m.birthday_md, tier=m.tier,
                           points_confirmed=m.points_confirmed, source="cloud")

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        put_members(conn, [value], at=ctx.at)
        members_confirmed(conn, [key])

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        # A member with ledger entries here stays (the ledger is never rewritten).
        conn.execute(delete(member).where(member.c.member_id == key, _NO_LEDGER))

    def reset(self, conn: Connection, ctx: Context) -> None:
        # Members signed up here and not confirmed yet, and those with ledger entries, stay.
        conn.execute(delete(member).where(member.c.source == "cloud", _NO_LEDGER))


class _WalletHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        return _Wallet.model_validate(data)

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        put_member_coupons(conn, [(key, value.member_id, value.code)], at=ctx.at)

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        conn.execute(delete(member_coupon).where(member_coupon.c.coupon_id == key))

    def reset(self, conn: Connection, ctx: Context) -> None:
        conn.execute(delete(member_coupon))


_PUT_REVOKED = replace(revoked_coupon)


class _RevokedHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        return _Revoked.model_validate(data)

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        conn.execute(_PUT_REVOKED, {"coupon_id": key, "revoked_at": value.revoked_at or ctx.at})

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        conn.execute(delete(revoked_coupon).where(revoked_coupon.c.coupon_id == key))

    def reset(self, conn: Connection, ctx: Context) -> None:
        conn.execute(delete(revoked_coupon))


_PUT_STOCK = replace(stock_cloud)
_DELETE_STOCK = delete(stock_cloud).where(stock_cloud.c.sku == bindparam("sku"))


class _StockHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        return _Stock.model_validate(data)

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        conn.execute(_PUT_STOCK, {"sku": key, "on_hand": value.on_hand,
                                  "basis_seq": ctx.basis_seq, "updated_at": ctx.at})

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        conn.execute(_DELETE_STOCK, {"sku": key})

    def reset(self, conn: Connection, ctx: Context) -> None:
        conn.execute(delete(stock_cloud))


class _ExpectedHandler(Handler):
    """Purchase orders and incoming transfers of this store (``receiving``)."""

    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        d = ExpectedReceiptData.model_validate(data)
        return ExpectedOrder(key, d.store_code, d.kind, d.supplier, d.from_store, d.created_at,
                             None, tuple((ln.sku, ln.qty, ln.cost_fen) for ln in d.lines))

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        put_expected(conn, value)

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        drop_expected(conn, key)

    def reset(self, conn: Connection, ctx: Context) -> None:
        drop_expected(conn)


class _RoleHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        return RoleData.model_validate(data)

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        put_role(conn, key, value, at=ctx.at)

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        delete_roles(conn, key)

    def reset(self, conn: Connection, ctx: Context) -> None:
        delete_roles(conn)


class _StaffHandler(Handler):
    def prepare(self, key: str, data: dict[str, Any]) -> Any:
        return StaffData.model_validate(data)

    def upsert(self, conn: Connection, key: str, value: Any, ctx: Context) -> None:
        put_staff(conn, key, value, at=ctx.at)

    def delete(self, conn: Connection, key: str, ctx: Context) -> None:
        disable_staff(conn, key, at=ctx.at)

    def reset(self, conn: Connection, ctx: Context) -> None:
        disable_cloud_staff(conn, at=ctx.at)


HANDLERS: dict[str, Handler] = {
    "store": _StoreHandler(), "roles": _RoleHandler(), "staff": _StaffHandler(),
    "chain_keys": _ChainKeyHandler(), "tiers": _TierHandler(),
    "products": _ProductHandler(), "promotions": _PromotionHandler(),
    "members": _MemberHandler(), "wallet": _WalletHandler(),
    "revoked_coupons": _RevokedHandler(), "stock": _StockHandler(),
    "expected_receipts": _ExpectedHandler(),
}
