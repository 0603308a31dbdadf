"""Member points rules: earning, redeeming as a payment, and what a return gives back.

Points are whole integers. Rounding is explicit and always in one place:

- Earning drops fractions (``floor``): a sale never earns a point it has not fully paid for.
- Redeeming only accepts amounts whose value is whole fen, so money is never rounded.
- Returns work on the cumulative returned share, so partial returns add up exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import gcd
from typing import Literal, get_args

from pos_app.core.errors import PosError
from pos_app.core.money import Money, div_half_up

_BP = 10_000
_FEN_PER_YUAN = 100

LedgerKind = Literal["earn", "redeem", "reverse", "adjust", "expire"]
LEDGER_KINDS: tuple[LedgerKind, ...] = get_args(LedgerKind)
EarnRounding = Literal["floor"]


@dataclass(frozen=True, slots=True)
class PointsPolicy:
    """The chain's points rules (defaults: ¥1 earns 1 point, 100 points pay ¥1)."""

    earn_fen_per_point: int = 100
    # Only "floor": fractional points are dropped, never rounded up.
    earn_rounding: EarnRounding = "floor"
    excluded_categories: frozenset[str] = frozenset()
    redeem_points_per_yuan: int = 100
    redeem_min_points: int = 100
    redeem_max_share_bp: int = 5000  # at most this share of the amount due
    redeem_max_points_per_sale: int = 0  # 0 = no per-sale limit
    # Per member per day while offline, when the balance the till knows may be stale.
    offline_daily_cap_points: int = 5000

    def __post_init__(self) -> None:
        if self.earn_fen_per_point < 1 or self.redeem_points_per_yuan < 1:
            raise ValueError("earn_fen_per_point and redeem_points_per_yuan must be positive")
        if self.earn_rounding not in get_args(EarnRounding):
            raise ValueError(f"unknown earn_rounding {self.earn_rounding!r}")
        if not 0 <= self.redeem_max_share_bp <= _BP:
            raise ValueError("redeem_max_share_bp must be 0..10000")
        for name in ("redeem_min_points", "redeem_max_points_per_sale",
                     "offline_daily_cap_points"):
            if getattr(self, name) < 0:
                raise ValueError(f"PointsPolicy.{name} must not be negative")

    @property
    def redeem_step(self) -> int:
        """Redeemed points must be a multiple of this so their value is whole fen."""
        return self.redeem_points_per_yuan // gcd(self.redeem_points_per_yuan, _FEN_PER_YUAN)


@dataclass(frozen=True, slots=True)
class PointsEntry:
    """A signed change to a member's points; earn is never negative, redeem and expire never
    positive, reverse and adjust either way."""

    kind: LedgerKind
    points: int
    sale_uuid: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind not in LEDGER_KINDS:
            raise ValueError(f"unknown ledger kind {self.kind!r}")
        if type(self.points) is not int:
            raise TypeError("PointsEntry.points must be int")
        if (self.kind == "earn" and self.points < 0) or (
            self.kind in ("redeem", "expire") and self.points > 0
        ):
            raise ValueError(f"{self.kind} entry with points {self.points} has the wrong sign")


def balance(entries: Iterable[PointsEntry]) -> int:
    """The sum of the entries' deltas."""
    return sum(e.points for e in entries)


# --- earning ----------------------------------------------------------------------------


def eligible_spend(
    lines: Sequence[tuple[str, int]], *, points_paid_fen: int, excluded_categories: frozenset[str]
) -> int:
    """Fen that earn points: net of lines (``(category, net_fen)`` after every discount,
    coupons included) outside ``excluded_categories``, minus what points paid; never below 0."""
    spend = sum(net for category, net in lines if category not in excluded_categories)
    return max(spend - points_paid_fen, 0)


def earn_points(
    eligible_fen: int, *, tier_multiplier_bp: int, event_multiplier_bp: int, policy: PointsPolicy
) -> int:
    """Points earned on ``eligible_fen``.

    Base points are whole units of ``earn_fen_per_point`` (the rest of a unit earns nothing);
    both multipliers are applied exactly and the product is floored once at the end, so
    ×1.5 then ×1.5 on 3 base points gives 6 (6.75 floored), not 5 (floor twice).
    """
    if eligible_fen < 0 or tier_multiplier_bp < 0 or event_multiplier_bp < 0:
        raise ValueError("earn_points takes non-negative amounts and multipliers")
    base = eligible_fen // policy.earn_fen_per_point
    return base * tier_multiplier_bp * event_multiplier_bp // (_BP * _BP)


# --- redeeming --------------------------------------------------------------------------


def redeem_value(points: int, policy: PointsPolicy) -> Money:
    """What ``points`` pay; ValueError unless they are a multiple of ``policy.redeem_step``."""
    if points % policy.redeem_step:
        raise ValueError(f"{points} points are not worth whole fen")
    return Money(points * _FEN_PER_YUAN // policy.redeem_points_per_yuan)


def _floor_to_step(points: int, policy: PointsPolicy) -> int:
    return max(points - points % policy.redeem_step, 0)


def _sale_limit(due: Money, policy: PointsPolicy) -> int:
    # The share cap in fen is floored so points never pay more than the share allows.
    share_fen = max(due.fen, 0) * policy.redeem_max_share_bp // _BP
    limit = share_fen * policy.redeem_points_per_yuan // _FEN_PER_YUAN
    if policy.redeem_max_points_per_sale:
        limit = min(limit, policy.redeem_max_points_per_sale)
    return _floor_to_step(limit, policy)


def _offline_left(used_today_offline: int, policy: PointsPolicy) -> int:
    return max(policy.offline_daily_cap_points - used_today_offline, 0)


def max_redeemable(
    *, available: int, due: Money, used_today_offline: int, online: bool, policy: PointsPolicy
) -> int:
    """The most points this sale can take (0 when even the minimum is out of reach)."""
    limit = min(max(available, 0), _sale_limit(due, policy))
    if not online:
        limit = min(limit, _offline_left(used_today_offline, policy))
    limit = _floor_to_step(limit, policy)
    return limit if limit >= max(policy.redeem_min_points, 1) else 0


def check_redeem(
    points: int,
    *,
    available: int,
    due: Money,
    used_today_offline: int,
    online: bool,
    policy: PointsPolicy,
) -> Money:
    """The value of redeeming ``points`` on this sale, or a ``points.*`` error.

    Every error's data holds ``points`` and ``max_points`` (what could be redeemed now).
    """
    most = max_redeemable(available=available, due=due, used_today_offline=used_today_offline,
                          online=online, policy=policy)
    minimum = max(policy.redeem_min_points, 1)
    if points < minimum:
        raise PosError("points.below_minimum", points=points, minimum=minimum, max_points=most)
    if points % policy.redeem_step:
        raise PosError("points.not_whole_fen", points=points, step=policy.redeem_step,
                       max_points=most)
    if points > available:
        raise PosError("points.insufficient", points=points, available=max(available, 0),
                       max_points=most)
    if not online and points > _offline_left(used_today_offline, policy):
        raise PosError("points.offline_cap_reached", points=points,
                       cap=policy.offline_daily_cap_points, used_today=used_today_offline,
                       left_today=_offline_left(used_today_offline, policy), max_points=most)
    limit = _sale_limit(due, policy)
    if points > limit:
        raise PosError("points.over_sale_limit", points=points, limit_points=limit,
                       limit_amount=redeem_value(limit, policy).fen, max_points=most)
    return redeem_value(points, policy)


# --- returns ----------------------------------------------------------------------------


def points_on_return(
    *,
    earned: int,
    redeemed: int,
    sale_net_fen: int,
    returned_net_fen: int,
    already_returned_net_fen: int = 0,
    already_reversed_earn: int = 0,
    already_refunded_redeem: int = 0,
) -> tuple[int, int]:
    """(earned points to take back, redeemed points to give back) for a return, both ≥ 0.

    ``returned_net_fen`` is this return; ``already_*`` are the sums of earlier returns of the
    same sale. Each total is the nearest point (halves up) to its share of the *cumulative*
    returned net, minus what earlier returns already moved, so any split into partial
    returns adds up to exactly ``earned`` and ``redeemed`` once everything is back, and never
    to more. A sale with zero net gives everything back on its first return.
    """
    amounts = (earned, redeemed, sale_net_fen, returned_net_fen, already_returned_net_fen,
               already_reversed_earn, already_refunded_redeem)
    if any(a < 0 for a in amounts):
        raise ValueError("points_on_return takes non-negative numbers")
    returned_total = already_returned_net_fen + returned_net_fen
    if returned_total > sale_net_fen:
        raise ValueError("more returned than the sale's net")
    if already_reversed_earn > earned or already_refunded_redeem > redeemed:
        raise ValueError("earlier returns moved more points than the sale had")
    moved_before = already_reversed_earn or already_refunded_redeem
    if sale_net_fen and already_returned_net_fen == 0 and moved_before:
        raise ValueError("earlier returns moved points but returned nothing")

    def part(total: int, already: int) -> int:
        target = total if sale_net_fen == 0 else div_half_up(total * returned_total,
                                                              sale_net_fen)
        return min(max(target - already, 0), total - already)

    return part(earned, already_reversed_earn), part(redeemed, already_refunded_redeem)
