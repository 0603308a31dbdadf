"""Loyalty use cases, offline against the local store: identify and sign up members, take
coupons and points, and work out what a completed sale earns, redeems and uses.

Reference data (tiers, promotion rules, the chain's public keys) is one immutable
``LoyaltyReference``: built by ``load_reference`` on any thread (the sync worker after a pull),
put in use by ``use`` on the UI thread with one assignment, so a reader sees the old or the
new rules whole, never a mix. A few hundred rules, indexed by the pricing engine.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine

from contract.members import MemberRecord
from pos_app.core.coupons import Coupon, check_coupon, parse_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.loyalty_rules import COUPON_PROMO_PREFIX, coupon_promotion, member_promotions
from pos_app.core.members import (
    DEFAULT_TIERS,
    Member,
    Tier,
    birthday_from_month_day,
    mask_phone,
    normalize_phone,
    parse_member_code,
    tier_by_code,
)
from pos_app.core.money import Money
from pos_app.core.points import PointsPolicy, check_redeem, earn_points, eligible_spend
from pos_app.core.points import max_redeemable as _max_redeemable
from pos_app.core.pricing import PricedCart, PromoSetup
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promotions import PromoContext, Promotion, PromotionBook
from pos_app.core.sale import Sale
from pos_app.core.signed_codes import public_key_from_text
from pos_app.core.store_info import StoreInfo
from pos_app.core.text import require_clean
from pos_app.services.results import Pending
from pos_app.store import members as member_store
from pos_app.store import promotions as promo_store
from pos_app.store.members import LocalMember, PointsRecord
from pos_app.store.promotions import CouponUseRecord
from pos_app.store.sales import SalePromotionRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SaleLoyalty:
    """What a completed sale does to loyalty: ledger entries, coupons used, rules applied."""

    points: tuple[PointsRecord, ...]
    coupons: tuple[CouponUseRecord, ...]
    promotions: tuple[SalePromotionRecord, ...]
    promo_usage: tuple[tuple[str, str, int], ...]
    earned: int
    redeemed: int


def member_from_record(r: LocalMember) -> Member:
    """The core member of a store row."""
    return Member(member_id=r.member_id, phone_masked=r.phone_masked, name_masked=r.name_masked,
                  tier=r.tier, birthday=birthday_from_month_day(r.birthday_md),
                  points_confirmed=r.points_confirmed, points_pending=r.points_pending)


@dataclass(frozen=True, slots=True, eq=False)
class LoyaltyReference:
    """The chain's tiers, promotion rules and public keys as they were read together, and
    the rules' index (compared by identity: a new one is a new read)."""

    tiers: tuple[Tier, ...]
    rules: tuple[Promotion, ...]
    keys: tuple[Ed25519PublicKey, ...]
    book: PromotionBook


def load_reference(*, engine: Engine) -> LoyaltyReference:
    """Read tiers, rules and keys (any thread; nothing is put in use); a rule or key the till
    cannot read is logged and left out (the rest keeps working)."""
    rows = member_store.list_tiers(engine=engine)
    tiers = tuple(Tier(code=t.code, name_zh=t.name_zh, name_en=t.name_en, rank=t.rank,
                       discount_bp=t.discount_bp, points_multiplier_bp=t.points_multiplier_bp,
                       birthday_bonus_points=t.birthday_bonus_points,
                       birthday_discount_bp=t.birthday_discount_bp,
                       qualify_spend_fen=t.qualify_spend_fen,
                       qualify_points=t.qualify_points) for t in rows) or DEFAULT_TIERS
    rules: list[Promotion] = []
    for rec in promo_store.active_promotions(engine=engine):
        try:
            rules.append(promotion_from_dict(
                {**rec.payload, "promo_id": rec.promo_id, "kind": rec.kind}))
        except PosError as exc:
            log.warning("promotion %s left out: %s", rec.promo_id, exc)
    keys: list[Ed25519PublicKey] = []
    for text in promo_store.chain_keys(engine=engine):
        try:
            keys.append(public_key_from_text(text))
        except PosError:
            log.warning("a chain key in the store cannot be read; left out")
    return LoyaltyReference(tiers=tiers, rules=tuple(rules), keys=tuple(keys),
                            book=PromotionBook(tuple(rules)))


class LoyaltyService:
    """Members, coupons and points for one terminal."""

    def __init__(
        self, *, engine: Engine, store_info: StoreInfo, clock: Callable[[], datetime],
        new_uuid: Callable[[], str] = lambda: str(uuid.uuid4()),
        policy: PointsPolicy | None = None, is_online: Callable[[], bool] = lambda: False,
    ) -> None:
        self._engine = engine
        self.store_info = store_info
        self._clock = clock
        self._new_uuid = new_uuid
        self.policy = policy or PointsPolicy()
        self._is_online = is_online
        self.reference = load_reference(engine=engine)
        # Books of the chain's rules plus a member's/coupons' own, for the reference in use.
        self._books: tuple[LoyaltyReference, dict[tuple[Promotion, ...], PromotionBook]] = (
            self.reference, {})

    # ---- reference data ------------------------------------------------------------------

    def use(self, reference: LoyaltyReference) -> None:
        """Put newly read reference data in use: one assignment (on the UI thread, which
        prices sales with it)."""
        self.reference = reference

    def reload(self) -> None:
        """Read tiers, rules and keys again and put them in use at once (start-up, tests)."""
        self.use(load_reference(engine=self._engine))

    @property
    def tiers(self) -> tuple[Tier, ...]:
        return self.reference.tiers

    @property
    def rules(self) -> tuple[Promotion, ...]:
        return self.reference.rules

    @property
    def keys(self) -> tuple[Ed25519PublicKey, ...]:
        return self.reference.keys

    def tier(self, code: str) -> Tier:
        """The member's tier; an unknown code counts as the lowest tier."""
        tiers = self.tiers
        return tier_by_code(code, tiers) or min(tiers, key=lambda t: t.rank)

    def setup(self, *, member: Member | None, coupons: Sequence[Coupon], cart_skus: Sequence[str],
              opened_at: datetime) -> PromoSetup:
        """The rules a sale is priced with: the chain's, the member's, the coupons'."""
        ref = self.reference  # one read: tiers and rules of the same reference
        extra: list[Promotion] = []
        if member is not None:
            tier = tier_by_code(member.tier, ref.tiers) or min(ref.tiers, key=lambda t: t.rank)
            extra += member_promotions(member, tier, today=opened_at.date())
        for c in coupons:
            extra.append(coupon_promotion(c, free_sku=_free_sku(c, cart_skus)))
        owner, books = self._books
        if owner is not ref or len(books) > 64:  # one per member/coupon mix seen lately
            books = {}
            self._books = (ref, books)
        key = tuple(extra)
        book = ref.book if not key else books.get(key)
        if book is None:
            book = books[key] = PromotionBook(ref.rules + key)
        flash = (member_store.flash_bought(engine=self._engine, member_id=member.member_id)
                 if member is not None else {})
        ctx = PromoContext(
            at=opened_at, store_code=self.store_info.store_code,
            tier=member.tier if member is not None else None,
            coupon_promo_ids=frozenset(COUPON_PROMO_PREFIX + c.coupon_id for c in coupons),
            flash_bought=flash,
        )
        return PromoSetup(book=book, context=ctx)

    # ---- members -------------------------------------------------------------------------

    def _require_keys(self) -> tuple[Ed25519PublicKey, ...]:
        if not self.keys:
            raise PosError("code.no_public_key")
        return self.keys

    def member_from_code(self, code: str) -> Member:
        """The member of a dynamic member QR code (verified offline, must not be expired)."""
        parsed = parse_member_code(code, public_keys=self._require_keys(), now=self._clock())
        rec = member_store.get_member(engine=self._engine, member_id=parsed.member_id)
        if rec is None:
            raise PosError("member.unknown")
        return member_from_record(rec)

    def find_by_phone(self, text: str) -> list[Member]:
        """The members with this mobile number (any usual spelling of it): one, or several
        when the cloud has not merged a phone signed up twice yet (the cashier chooses)."""
        phone = normalize_phone(text)
        found = member_store.find_members(engine=self._engine, phone=phone)
        if not found:
            raise PosError("member.phone_not_found", phone=mask_phone(phone))
        return [member_from_record(r) for r in found]

    def find_by_card(self, card_no: str) -> Member | None:
        """The member whose static card barcode this is, if any (else it may be a product);
        ``member.card_shared`` when several members hold it (look them up by phone)."""
        if member_store.lookup_secret(engine=self._engine) is None:
            return None  # no member can be found by card yet: maybe it is a product
        found = member_store.find_members(engine=self._engine, card_no=card_no)
        if len(found) > 1:
            raise PosError("member.card_shared", count=len(found))
        return member_from_record(found[0]) if found else None

    def member_by_id(self, member_id: str) -> Member | None:
        """The member with this id as stored now (points included), if known."""
        rec = member_store.get_member(engine=self._engine, member_id=member_id)
        return member_from_record(rec) if rec is not None else None

    def begin_sign_up(self, *, phone: str, name: str = "", consent: bool
                      ) -> Pending[LocalMember, Member]:
        """Quick sign-up at the till: usable at once, queued for the cloud."""
        if not consent:
            raise PosError("member.consent_required")
        number = normalize_phone(phone)
        require_clean(name, key="member.name_invalid")
        at = self._clock()
        info = self.store_info
        lowest = min(self.tiers, key=lambda t: t.rank)
        record = MemberRecord(
            member_id=f"L-{info.store_code}-{info.terminal_code}-{self._new_uuid()[:8]}",
            phone=number, name=name.strip()[:32], tier=lowest.code, source="till",
            consent_at=at.isoformat(),
        )
        engine = self._engine

        def run() -> LocalMember:
            return member_store.sign_up(engine=engine, member=record,
                                        store_code=info.store_code,
                                        terminal_code=info.terminal_code, at=at.isoformat())

        return Pending(run, member_from_record, lambda: None)

    # ---- coupons -------------------------------------------------------------------------

    def coupon_from_code(self, code: str, *, sale: Sale, priced: PricedCart) -> Coupon:
        """A scanned coupon, verified and checked against this sale (``coupon.*`` says why
        not)."""
        coupon = parse_coupon_code(code, public_keys=self._require_keys())
        if promo_store.is_revoked(engine=self._engine, coupon_id=coupon.coupon_id):
            raise PosError("coupon.revoked")
        if any(c.coupon_id == coupon.coupon_id for c in sale.coupons):
            raise PosError("coupon.already_in_sale")
        member = sale.member
        spend = sum(pl.net.fen for pl in priced.lines)
        in_category = sum(pl.net.fen for pl in priced.lines
                          if pl.line.product.category in coupon.categories)
        check_coupon(
            coupon, now=self._clock(), member_id=member.member_id if member else None,
            member_tier_rank=self.tier(member.tier).rank if member else None, tiers=self.tiers,
            eligible_spend_fen=spend, category_spend_fen=in_category,
            has_free_item=any(pl.line.product.sku in coupon.skus for pl in priced.lines),
            already_redeemed=promo_store.is_redeemed(engine=self._engine,
                                                     coupon_id=coupon.coupon_id),
        )
        return coupon

    def wallet(self, member: Member) -> list[tuple[Coupon, str]]:
        """The member's unused, unexpired wallet coupons with their codes (a code the till
        cannot verify is logged and left out)."""
        now = self._clock()
        found: list[tuple[Coupon, str]] = []
        for code in member_store.member_coupon_codes(engine=self._engine,
                                                     member_id=member.member_id):
            try:
                coupon = parse_coupon_code(code, public_keys=self._require_keys())
            except PosError as exc:
                log.warning("a wallet coupon of %s cannot be read: %s", member.member_id,
                            exc.key)
                continue
            if promo_store.is_revoked(engine=self._engine, coupon_id=coupon.coupon_id):
                continue
            if coupon.valid_from <= now < coupon.valid_to:
                found.append((coupon, code))
        return found

    # ---- points --------------------------------------------------------------------------

    def _used_today(self, member: Member) -> int:
        return member_store.redeemed_on(engine=self._engine, member_id=member.member_id,
                                        business_date=self._clock().date().isoformat())

    def max_points(self, member: Member, due: Money) -> int:
        """The most points the member may pay with on a sale owing ``due``."""
        return _max_redeemable(available=member.points_available, due=due,
                               used_today_offline=self._used_today(member),
                               online=self._is_online(), policy=self.policy)

    def points_value(self, member: Member, points: int, due: Money) -> Money:
        """What ``points`` pay, or ``points.*`` saying why they cannot."""
        return check_redeem(points, available=member.points_available, due=due,
                            used_today_offline=self._used_today(member),
                            online=self._is_online(), policy=self.policy)

    # ---- a completed sale ----------------------------------------------------------------

    def for_sale(self, *, sale: Sale, priced: PricedCart, closed_at: datetime) -> SaleLoyalty:
        """Ledger entries, coupon uses and applied rules of a sale about to be committed."""
        promo = priced.promotions
        records = tuple(SalePromotionRecord(
            promo_id=a.promo_id, name=a.name, kind=a.kind, discount_fen=a.discount.fen,
            explanation={"key": a.explanation.key, "data": dict(a.explanation.data)},
        ) for a in promo.applied)
        applied = {a.promo_id: a for a in promo.applied}
        member = sale.member
        member_id = member.member_id if member else None
        coupons = tuple(
            CouponUseRecord(c.coupon_id, applied[COUPON_PROMO_PREFIX + c.coupon_id].discount.fen,
                            member_id)
            for c in sale.coupons if COUPON_PROMO_PREFIX + c.coupon_id in applied)
        if member is None:
            return SaleLoyalty((), coupons, records, (), 0, 0)
        day = closed_at.date().isoformat()
        redeemed = sum(int(t.reference) for t in sale.tenders if t.kind == "points")
        points_paid = sum(t.amount.fen for t in sale.tenders if t.kind == "points")
        spend = eligible_spend([(pl.line.product.category, pl.net.fen) for pl in priced.lines],
                               points_paid_fen=points_paid,
                               excluded_categories=self.policy.excluded_categories)
        earned = earn_points(spend,
                             tier_multiplier_bp=self.tier(member.tier).points_multiplier_bp,
                             event_multiplier_bp=promo.points_multiplier_bp, policy=self.policy)
        entries: list[PointsRecord] = []
        if redeemed:
            entries.append(PointsRecord(self._new_uuid(), member.member_id, "redeem", -redeemed,
                                        day, "sale"))
        if earned:
            entries.append(PointsRecord(self._new_uuid(), member.member_id, "earn", earned,
                                        day, "sale"))
        usage = tuple((member.member_id, a.promo_id, int(str(a.explanation.data["units"])))
                      for a in promo.applied if a.kind == "flash_price")
        return SaleLoyalty(tuple(entries), coupons, records, usage, earned, redeemed)


def _free_sku(coupon: Coupon, cart_skus: Sequence[str]) -> str:
    """The item a free-item coupon gives: the first listed one in the basket, else any."""
    if coupon.kind != "free_item":
        return ""
    present = [s for s in cart_skus if s in coupon.skus]
    return present[0] if present else min(coupon.skus, default="")
