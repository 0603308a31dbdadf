from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.points import (
    LedgerKind,
    PointsEntry,
    PointsPolicy,
    balance,
    check_redeem,
    earn_points,
    eligible_spend,
    max_redeemable,
    points_on_return,
    redeem_value,
)

POLICY = PointsPolicy()
X1 = 10_000


# --- earning --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eligible", "tier_bp", "event_bp", "points"),
    [
        (0, X1, X1, 0),
        (99, X1, X1, 0),  # a part of ¥1 earns nothing
        (100, X1, X1, 1),
        (12_345, X1, X1, 123),
        (12_345, 15_000, X1, 184),  # 184.5 floored
        (12_345, 15_000, 20_000, 369),
        (300, 15_000, 15_000, 6),  # 6.75 floored once, not 4.5→4 then ×1.5
        (150, 20_000, X1, 2),  # base is whole yuan first: 1 × 2, not 1.5 × 2
        (100_000, 20_000, 30_000, 6_000),
        (100_000, 0, X1, 0),
    ],
)
def test_points_earned(eligible: int, tier_bp: int, event_bp: int, points: int) -> None:
    assert earn_points(eligible, tier_multiplier_bp=tier_bp, event_multiplier_bp=event_bp,
                       policy=POLICY) == points


def test_other_earn_rate() -> None:
    policy = PointsPolicy(earn_fen_per_point=200)  # ¥2 = 1 point
    assert earn_points(399, tier_multiplier_bp=X1, event_multiplier_bp=X1, policy=policy) == 1


@pytest.mark.parametrize(
    ("lines", "points_paid", "eligible"),
    [
        ([("饮料", 1_000), ("烟草", 3_000), ("生鲜", 500)], 0, 1_500),
        ([("饮料", 1_000), ("烟草", 3_000), ("生鲜", 500)], 600, 900),
        ([("饮料", 1_000), ("烟草", 3_000), ("生鲜", 500)], 2_000, 0),
        ([("烟草", 3_000)], 0, 0),
        ([("饮料", 1_000), ("饮料", -200)], 0, 800),
        ([("", 1_234)], 0, 1_234),
        ([], 0, 0),
    ],
)
def test_eligible_spend_skips_excluded_categories_and_points_paid(
    lines: list[tuple[str, int]], points_paid: int, eligible: int
) -> None:
    assert eligible_spend(lines, points_paid_fen=points_paid,
                          excluded_categories=frozenset({"烟草"})) == eligible


def test_negative_earn_inputs_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        earn_points(-1, tier_multiplier_bp=X1, event_multiplier_bp=X1, policy=POLICY)
    with pytest.raises(ValueError):
        PointsPolicy(earn_fen_per_point=0)
    with pytest.raises(ValueError):
        PointsPolicy(redeem_max_share_bp=10_001)


# --- redeeming ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_yuan", "points", "fen"),
    [(100, 100, 100), (100, 257, 257), (200, 300, 150), (50, 101, 202), (30, 30, 100)],
)
def test_redeem_value_is_exact_fen(per_yuan: int, points: int, fen: int) -> None:
    assert redeem_value(points, PointsPolicy(redeem_points_per_yuan=per_yuan)) == Money(fen)


@pytest.mark.parametrize(("per_yuan", "step"), [(100, 1), (50, 1), (200, 2), (30, 3), (1000, 10)])
def test_redeem_step_keeps_values_whole_fen(per_yuan: int, step: int) -> None:
    policy = PointsPolicy(redeem_points_per_yuan=per_yuan)
    assert policy.redeem_step == step
    if step > 1:
        with pytest.raises(ValueError):
            redeem_value(step + 1, policy)


@pytest.mark.parametrize(
    ("available", "due", "used_today", "online", "policy", "most"),
    [
        (1_200, 10_000, 0, True, POLICY, 1_200),
        (8_000, 10_000, 0, True, POLICY, 5_000),  # at most half of ¥100
        (8_000, 10_001, 0, True, POLICY, 5_000),  # half of 100.01 is 50.005: floored
        (8_000, 30_000, 0, True, POLICY, 8_000),
        (8_000, 30_000, 9_999, True, POLICY, 8_000),  # online: no daily cap
        (8_000, 30_000, 0, False, POLICY, 5_000),  # offline daily cap
        (8_000, 30_000, 4_500, False, POLICY, 500),
        (8_000, 30_000, 4_950, False, POLICY, 0),  # 50 left is under the minimum
        (8_000, 30_000, 6_000, False, POLICY, 0),
        (99, 30_000, 0, True, POLICY, 0),
        (-50, 30_000, 0, True, POLICY, 0),
        (8_000, 199, 0, True, POLICY, 0),
        (8_000, 0, 0, True, POLICY, 0),
        (8_000, 30_000, 0, True, PointsPolicy(redeem_max_points_per_sale=300), 300),
        (8_000, 30_000, 0, True, PointsPolicy(redeem_max_share_bp=10_000), 8_000),
        (1_000, 10_000, 0, True, PointsPolicy(redeem_points_per_yuan=30), 999),  # step 3
        (8_000, 10_000, 0, True, PointsPolicy(redeem_points_per_yuan=200), 8_000),
    ],
)
def test_most_points_a_sale_can_take(
    available: int, due: int, used_today: int, online: bool, policy: PointsPolicy, most: int
) -> None:
    assert max_redeemable(available=available, due=Money(due), used_today_offline=used_today,
                          online=online, policy=policy) == most


def redeem(points: int, *, available: int = 1_200, due: int = 10_000, used_today: int = 0,
           online: bool = True, policy: PointsPolicy = POLICY) -> Money:
    return check_redeem(points, available=available, due=Money(due),
                        used_today_offline=used_today, online=online, policy=policy)


@pytest.mark.parametrize(
    ("points", "kwargs", "key", "data"),
    [
        (50, {}, "points.below_minimum", {"points": 50, "minimum": 100, "max_points": 1_200}),
        (0, {}, "points.below_minimum", {"points": 0, "minimum": 100, "max_points": 1_200}),
        (-100, {}, "points.below_minimum", {"points": -100, "minimum": 100,
                                            "max_points": 1_200}),
        (101, {"policy": PointsPolicy(redeem_points_per_yuan=200)}, "points.not_whole_fen",
         {"points": 101, "step": 2, "max_points": 1_200}),
        (1_300, {}, "points.insufficient", {"points": 1_300, "available": 1_200,
                                            "max_points": 1_200}),
        (100, {"available": -20}, "points.insufficient", {"points": 100, "available": 0,
                                                          "max_points": 0}),
        (600, {"online": False, "used_today": 4_500}, "points.offline_cap_reached",
         {"points": 600, "cap": 5_000, "used_today": 4_500, "left_today": 500,
          "max_points": 500}),
        (600, {"due": 1_000}, "points.over_sale_limit",
         {"points": 600, "limit_points": 500, "limit_amount": 500, "max_points": 500}),
        (400, {"policy": PointsPolicy(redeem_max_points_per_sale=300)},
         "points.over_sale_limit",
         {"points": 400, "limit_points": 300, "limit_amount": 300, "max_points": 300}),
        (100, {"due": 150}, "points.over_sale_limit",
         {"points": 100, "limit_points": 75, "limit_amount": 75, "max_points": 0}),
    ],
)
def test_redeem_limits(points: int, kwargs: dict[str, Any], key: str,
                       data: dict[str, object]) -> None:
    with pytest.raises(PosError) as exc:
        redeem(points, **kwargs)
    assert (exc.value.key, exc.value.data) == (key, data)


@pytest.mark.parametrize(
    ("points", "kwargs", "value"),
    [
        (100, {}, 100),
        (1_200, {}, 1_200),
        (500, {"online": False, "used_today": 4_500}, 500),
        (300, {"policy": PointsPolicy(redeem_points_per_yuan=200)}, 150),
    ],
)
def test_allowed_redemptions_pay_their_value(points: int, kwargs: dict[str, Any],
                                            value: int) -> None:
    assert redeem(points, **kwargs) == Money(value)


policies = st.builds(
    PointsPolicy,
    redeem_points_per_yuan=st.sampled_from([50, 100, 200, 30, 1000]),
    redeem_min_points=st.integers(0, 500),
    redeem_max_share_bp=st.integers(0, 10_000),
    redeem_max_points_per_sale=st.integers(0, 5_000),
    offline_daily_cap_points=st.integers(0, 10_000),
)


@given(available=st.integers(-1_000, 50_000), due=st.integers(0, 500_000),
       used=st.integers(0, 12_000), online=st.booleans(), policy=policies)
def test_the_maximum_is_always_allowed_and_one_step_more_never(
    available: int, due: int, used: int, online: bool, policy: PointsPolicy
) -> None:
    most = max_redeemable(available=available, due=Money(due), used_today_offline=used,
                          online=online, policy=policy)
    args: dict[str, Any] = {"available": available, "due": Money(due), "used_today_offline": used,
            "online": online, "policy": policy}
    if most:
        value = check_redeem(most, **args)
        assert 0 < value.fen <= due * policy.redeem_max_share_bp // 10_000
    with pytest.raises(PosError):
        check_redeem(most + policy.redeem_step, **args)


# --- ledger entries -------------------------------------------------------------------------


def test_balance_sums_signed_entries() -> None:
    entries = [
        PointsEntry("earn", 123, "sale-1"),
        PointsEntry("redeem", -100, "sale-2"),
        PointsEntry("reverse", -60, "sale-1", "return"),
        PointsEntry("adjust", 10, None, "goodwill"),
        PointsEntry("expire", -3),
    ]
    assert balance(entries) == -30
    assert balance([]) == 0


@pytest.mark.parametrize(("kind", "points"), [("earn", -1), ("redeem", 1), ("expire", 5)])
def test_entries_with_the_wrong_sign_are_refused(kind: LedgerKind, points: int) -> None:
    with pytest.raises(ValueError):
        PointsEntry(kind, points)


def test_entry_kinds_and_types_are_checked() -> None:
    with pytest.raises(ValueError):
        PointsEntry("gift", 1)  # type: ignore[arg-type]  # no such kind, on purpose
    with pytest.raises(TypeError):
        PointsEntry("earn", 1.5)  # type: ignore[arg-type]  # a float, on purpose


# --- returns --------------------------------------------------------------------------------


def returns_in_steps(earned: int, redeemed: int, sale: int,
                     parts: list[int]) -> list[tuple[int, int]]:
    moved: list[tuple[int, int]] = []
    returned = reversed_earn = refunded = 0
    for part in parts:
        step = points_on_return(earned=earned, redeemed=redeemed, sale_net_fen=sale,
                                returned_net_fen=part, already_returned_net_fen=returned,
                                already_reversed_earn=reversed_earn,
                                already_refunded_redeem=refunded)
        moved.append(step)
        returned += part
        reversed_earn += step[0]
        refunded += step[1]
    return moved


@pytest.mark.parametrize(
    ("earned", "redeemed", "sale", "parts", "moved"),
    [
        (123, 500, 12_345, [12_345], [(123, 500)]),
        (120, 500, 12_000, [6_000], [(60, 250)]),
        (3, 0, 300, [100, 100, 100], [(1, 0), (1, 0), (1, 0)]),
        (1, 0, 300, [100, 100, 100], [(0, 0), (1, 0), (0, 0)]),
        (5, 7, 1_000, [333, 333, 334], [(2, 2), (1, 3), (2, 2)]),
        (5, 7, 1_000, [1, 1, 998], [(0, 0), (0, 0), (5, 7)]),
        (0, 300, 0, [0, 0], [(0, 300), (0, 0)]),
    ],
)
def test_points_moved_by_returns(earned: int, redeemed: int, sale: int, parts: list[int],
                                 moved: list[tuple[int, int]]) -> None:
    assert returns_in_steps(earned, redeemed, sale, parts) == moved


@pytest.mark.parametrize(
    "kwargs",
    [
        {"returned_net_fen": 1_001},
        {"returned_net_fen": 600, "already_returned_net_fen": 500},
        {"returned_net_fen": -1},
        {"returned_net_fen": 100, "already_reversed_earn": 1},  # moved points, returned nothing
        {"returned_net_fen": 100, "already_returned_net_fen": 100, "already_reversed_earn": 51},
        {"returned_net_fen": 100, "already_returned_net_fen": 100,
         "already_refunded_redeem": 21},
    ],
)
def test_impossible_return_histories_are_programming_errors(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        points_on_return(earned=50, redeemed=20, sale_net_fen=1_000, **kwargs)


@st.composite
def sales_with_returns(draw: st.DrawFn) -> tuple[int, int, int, list[int], bool]:
    sale = draw(st.integers(1, 1_000_000))
    cuts = sorted(draw(st.lists(st.integers(0, sale), max_size=8)))
    everything = draw(st.booleans())
    bounds = [0, *cuts, sale] if everything else [0, *cuts]
    parts = [b - a for a, b in pairwise(bounds)]
    return draw(st.integers(0, 100_000)), draw(st.integers(0, 100_000)), sale, parts, everything


@given(sales_with_returns())
def test_any_split_of_returns_moves_exactly_what_the_sale_had_never_more(
    case: tuple[int, int, int, list[int], bool],
) -> None:
    earned, redeemed, sale, parts, everything = case
    moved = returns_in_steps(earned, redeemed, sale, parts)
    taken = given_back = 0
    for take, give in moved:
        assert take >= 0 and give >= 0
        taken += take
        given_back += give
        assert taken <= earned and given_back <= redeemed
    if everything:
        assert (taken, given_back) == (earned, redeemed)
