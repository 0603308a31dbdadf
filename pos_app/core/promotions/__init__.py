"""Promotion engine: which rules apply to a basket, and what each takes off which line.

Pure: no Qt, no SQL, no clock (``PromoContext.at`` is the store's wall-clock time). Money is
int fen; every result is deterministic: it depends only on the lines, the rule set (not the
order it was given in) and the context. Ties are broken by a rule's rank: priority (higher
first), then promo_id; and by cart order between units.

**Units.** A piece line is ``qty`` units at its unit price. A weighed line, or any line with
a scale label's fixed amount, is one indivisible unit worth its gross: the unit rules and
the basket rules apply to it (amount_off once per line), the count rules skip it. A line
with ``price_overridden`` gets no promotion and does not count towards thresholds (the
cashier's price wins). Manual line and sale discounts are applied by pricing afterwards.

**Active.** validity covers ``at`` (see ``Validity``), the store is listed (or none are),
the member tier is listed (or none are), the channel is listed, and a ``coupon_only`` rule
is named in ``coupon_promo_ids``. member_price needs a member whose tier has a price.

**Unit rules** take off each unit: percent_off ``percent_bp`` (half-up per unit), amount_off
``amount`` (at most the unit), member_price and flash_price set the unit price (per kg for
a weighed line: ``qty_g × price / 1000`` half-up; a label amount is scaled by
``price / product.price``); a price rule never raises a price. flash_price with
``limit_per_member`` sells at most ``limit − flash_bought[promo_id]`` units at that price
(per sale without a member; a weighed line counts as one unit); the others pay full price.

**Count rules** (piece units only; a rule uses the "bought" units too, not only the ones it
discounts): nth_item sorts its units by price, dearest first, and takes ``percent_bp`` off
every Nth (the cheaper item of each pair; may span SKUs). buy_x_get_y: every X units bought
from ``target`` give Y units of ``get_target`` (or ``target``) at ``percent_bp`` off (0 =
free), cheapest "get" units first; a unit is bought or got, never both; the bought units are
the cheapest left. n_for_price: bundles of N units, dearest first, cost ``price`` each while
that saves money; the saving is spread over the bundle's units by their price.

**Phase 1, item rules.** "exclusive" and "best_of" rules compete: a unit goes to at most
one of them, and the engine picks the mix with the largest total discount (see
``competition``: unit rules settle unit by unit; count rules and limited flash prices
that share lines are searched as a group, every subset up to 10 count rules, greedy
above; ties: higher summed priority, then smaller sorted promo_ids). Then "stackable"
item rules apply in rank order on the reduced amounts of every unit they cover that no
exclusive rule took.

**Phase 2, basket rules** (see ``basket``). The base is the net after phase 1 of the units
the rule covers, except units an exclusive rule took. threshold_off: ``amount`` once when
base ≥ ``threshold``, or ``amount × (base // threshold)`` with ``repeat``, at most ``cap``,
spread over the lines by their net (exact to the fen). threshold_gift: when base ≥
``threshold`` (the gift unit itself not counted) one unit of ``gift_sku`` becomes free;
without one in the basket a ``promo.gift_available`` hint instead. Exclusive/best_of basket
rules compete for units like item rules; stackable ones apply after, each on what is left.
A basket rule that did not apply and whose base is at least half its threshold gives a
``promo.threshold_near`` (or ``promo.gift_near``) hint with the missing amount.

**Points.** points_multiplier rules give no discount; the highest active one (a targeted one
needs a matching line) sets ``points_multiplier_bp`` (events do not multiply each other) and
is listed in ``applied`` with discount 0.

**Result.** Every discount is ≤ the amount left on its unit, so no line goes below zero.
``applied`` lists phase-1 competing rules, then stackable ones, then basket rules (winners,
then stackables), each group in rank order, then the points event. ``line_ids`` and
``line_promos`` name every line a rule used, including the full-price "bought" units of a
count rule. Explanations: key ``promo.<kind>``, data with ``name``, ``discount_fen`` and the
kind's figures (``explain``). Result values are immutable and may be shared between runs (a
rule that did the same as last scan returns the same AppliedPromotion): treat explanation
data as read-only.
"""

from pos_app.core.promotions.book import PromotionBook
from pos_app.core.promotions.engine import apply_promotions
from pos_app.core.promotions.kinds import Channel, RuleKind, Stacking
from pos_app.core.promotions.model import (
    AppliedPromotion,
    Explanation,
    PromoContext,
    PromoResult,
    Promotion,
    Target,
)
from pos_app.core.promotions.validity import Validity

__all__ = [
    "AppliedPromotion",
    "Channel",
    "Explanation",
    "PromoContext",
    "PromoResult",
    "Promotion",
    "PromotionBook",
    "RuleKind",
    "Stacking",
    "Target",
    "Validity",
    "apply_promotions",
]
