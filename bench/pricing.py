"""Promotion pricing: a 200-line basket against 500 active promotions, priced warm.

``price_ms_p50/p99``: ``apply_promotions`` (what runs on every scan), over the basket and 63
states one scan away from it, in turn; the reference is ``price_cart`` (pricing without
promotions) on the same carts, in its own series. ``gc_full_collections``: full garbage
collections during the promotion series (each costs a few ms with this heap, whoever runs);
``price_ms_p99_gc_frozen``: the same series with the start-up heap frozen (``gc.freeze()``).
The rules mix SKU, category and brand targets, every kind, all three stacking modes, member
prices, flash prices with limits and a points event; the basket leans towards promoted
products, as a real one does in a sale week.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from datetime import datetime
from datetime import time as clock
from typing import Any

from bench.report import log
from bench.stats import ms, percentile
from pos_app.core.cart import Cart
from pos_app.core.money import Money
from pos_app.core.pricing import price_cart
from pos_app.core.product import ProductInfo
from pos_app.core.promotions import (
    PromoContext,
    Promotion,
    PromotionBook,
    RuleKind,
    Stacking,
    Target,
    Validity,
    apply_promotions,
)
from pos_app.core.promotions.book import Rule

PROMOTIONS = 500
LINES = 200
WEIGHED_LINES = 20
CATALOG = 5_000
CATEGORIES = 40
BRANDS = 60
TARGET_P99_MS = 5
SCANS = 63  # cart states one scan apart, priced round-robin
AT = datetime(2024, 11, 11, 19, 30)  # a Monday evening in a sale week


def _catalog(rng: random.Random) -> list[ProductInfo]:
    products = []
    for pid in range(1, CATALOG + 1):
        weighed = pid % 25 == 0
        products.append(ProductInfo(
            product_id=pid, sku=f"SKU{pid:05d}", name=f"商品{pid}", name_en=f"Product {pid}",
            unit="kg" if weighed else "件", price=Money(rng.randint(150, 6_000)),
            tax_rate_bp=rng.choice((900, 1300)), is_weighed=weighed,
            category=f"C{pid % CATEGORIES:02d}", brand=f"B{pid % BRANDS:02d}"))
    return products


def _promotions(rng: random.Random, promoted: list[ProductInfo]) -> list[Promotion]:
    return promotions_for(rng, promoted,
                          categories=[f"C{i:02d}" for i in range(CATEGORIES)],
                          brands=[f"B{i:02d}" for i in range(BRANDS)])


def promotions_for(rng: random.Random, promoted: list[ProductInfo], *,
                   categories: list[str], brands: list[str],
                   gift_sku: str = "SKU00001") -> list[Promotion]:
    """``PROMOTIONS`` rules of every kind over ``promoted`` products (SKU rules), the given
    categories and brands; also what ``bench scan`` and ``bench soak`` put in the till."""
    def sku_target(k: int = 1) -> Target:
        return Target(skus=frozenset(p.sku for p in rng.sample(promoted, k)))

    def cat_target() -> Target:
        return Target(categories=frozenset({rng.choice(categories)}))

    def brand_target() -> Target:
        return Target(brands=frozenset({rng.choice(brands)}))

    evenings = Validity(hours=(clock(17), clock(23)))
    sale_week = Validity(starts=datetime(2024, 11, 4), ends=datetime(2024, 11, 18))
    stackings: tuple[Stacking, ...] = ("best_of", "best_of", "best_of", "exclusive", "stackable")
    out: list[Promotion] = []

    def add(kind: RuleKind, target: Target, stacking: Stacking | None = None,
            **kw: Any) -> None:
        n = len(out)
        kw.setdefault("validity", rng.choice((Validity(), evenings, sale_week)))
        out.append(Promotion(f"P{n:04d}", f"促销{n}", kind, target,
                             stacking=rng.choice(stackings) if stacking is None else stacking,
                             priority=rng.randrange(3), **kw))

    for _ in range(130):
        add("percent_off", sku_target(), percent_bp=rng.choice((500, 1000, 1500, 2000)))
    for _ in range(50):
        add("amount_off", sku_target(), amount=Money(rng.choice((50, 100, 200))))
    for _ in range(60):
        add("member_price", sku_target(), stacking="best_of",
            tier_prices=(("gold", Money(rng.randint(100, 800))),
                         ("silver", Money(rng.randint(150, 900)))))
    for i in range(20):
        add("flash_price", sku_target(), price=Money(rng.randint(99, 500)),
            limit_per_member=(2 if i % 2 else 0))
    for _ in range(30):
        add("nth_item", sku_target(rng.randint(1, 3)), qty=2, percent_bp=5000)
    for _ in range(8):
        add("nth_item", cat_target(), qty=rng.choice((2, 3)), percent_bp=5000,
            stacking="best_of")
    for _ in range(30):
        add("n_for_price", sku_target(rng.randint(2, 4)), qty=rng.choice((2, 3)),
            price=Money(rng.randint(500, 2_000)))
    for _ in range(30):
        x = rng.choice((1, 2))
        add("buy_x_get_y", sku_target(2), qty=x, get_qty=1)
    for _ in range(55):
        add("percent_off", cat_target(), percent_bp=rng.choice((500, 800, 1000)))
    for _ in range(50):
        add("percent_off", brand_target(), percent_bp=rng.choice((500, 1000)))
    for _ in range(10):
        add("amount_off", brand_target(), amount=Money(100))
    for _ in range(12):
        add("threshold_off", cat_target(), threshold=Money(10_000), amount=Money(1_500),
            repeat=True, cap=Money(4_500))
    for _ in range(5):
        add("threshold_off", Target(), threshold=Money(rng.choice((20_000, 30_000))),
            amount=Money(rng.choice((2_000, 3_000))))
    add("threshold_gift", Target(), threshold=Money(50_000),
        gift_sku=promoted[0].sku)
    add("threshold_gift", cat_target(), threshold=Money(8_000), gift_sku=gift_sku)
    add("points_multiplier", Target(), multiplier_bp=20_000, stacking="stackable")
    while len(out) < PROMOTIONS:
        add("percent_off", sku_target(), percent_bp=300, tiers=frozenset({"gold"}),
            stores=frozenset({"S001", "S002"}))
    return out


def _basket(rng: random.Random, products: list[ProductInfo], promoted: list[ProductInfo]) -> Cart:
    pieces = [p for p in products if not p.is_weighed]
    weighed = [p for p in products if p.is_weighed]
    promoted_pieces = [p for p in promoted if not p.is_weighed]
    chosen = rng.sample(promoted_pieces, 110) + rng.sample(pieces, LINES - WEIGHED_LINES - 110)
    cart = Cart()
    for p in dict.fromkeys(chosen):  # a product twice would merge into one line
        cart = cart.add(p, rng.randint(1, 3))
    while len(cart.lines) < LINES - WEIGHED_LINES:
        cart = cart.add(rng.choice(pieces), rng.randint(1, 3))
    for p in rng.sample(weighed, WEIGHED_LINES):
        cart = cart.add(p, rng.randint(150, 2_000))
    return cart


def run(*, skus: int, small: bool) -> dict[str, object]:
    del skus  # the rule set, not the catalog, sets the cost; the catalog stays 5,000
    samples = 200 if small else 2_000
    rng = random.Random(20241111)
    products = _catalog(rng)
    promoted = rng.sample(products, 400)
    book = PromotionBook(_promotions(rng, promoted))
    cart = _basket(rng, products, promoted)
    lines = cart.lines
    ctx = PromoContext(at=AT, store_code="S001", tier="gold", flash_bought={"P0251": 1})
    active = sum(1 for p in book.promotions if _active(p, ctx))
    units = sum(1 if ln.product.is_weighed else ln.qty for ln in lines)
    carts = _scans(rng, cart)
    for c in carts[:20]:  # warm-up: the book's index memo and the interpreter's caches
        apply_promotions(c.lines, book, ctx)
        price_cart(c)
    # Separate series: each one's garbage (and the full collections it triggers) stays
    # in its own figures; price_cart allocates more per call than the engine does.
    promo_ns, promo_gc = _series(carts, samples, lambda c: apply_promotions(c.lines, book, ctx))
    ref_ns, _ = _series(carts, samples, price_cart)
    # The same again with the start-up heap frozen (gc.freeze(), as a long-running app can
    # do after start-up): full collections then skip it, which shows the engine's own tail.
    gc.collect()
    gc.freeze()
    try:
        frozen_ns, _ = _series(carts, samples, lambda c: apply_promotions(c.lines, book, ctx))
    finally:
        gc.unfreeze()
    result = apply_promotions(lines, book, ctx)
    gross = sum(ln.gross.fen for ln in lines)
    log(f"{samples} samples over {len(carts)} cart states; {len(result.applied)} rules applied, "
        f"{result.total_discount.fen / gross:.1%} off {gross / 100:.2f} yuan; "
        f"{promo_gc} full GC collections during the timed series")
    return {
        "promotions": len(book),
        "active": active,
        "lines": len(lines),
        "units": units,
        "applied": len(result.applied),
        "discount_fen": result.total_discount.fen,
        "gross_fen": gross,
        "hints": len(result.hints),
        "price_ms_p50": ms(percentile(promo_ns, 50)),
        "price_ms_p99": ms(percentile(promo_ns, 99)),
        "price_ms_max": ms(max(promo_ns)),
        "price_ms_p99_gc_frozen": ms(percentile(frozen_ns, 99)),
        "gc_full_collections": promo_gc,
        "ref_price_cart_ms_p50": ms(percentile(ref_ns, 50)),
        "ref_price_cart_ms_p99": ms(percentile(ref_ns, 99)),
        "target_p99_ms": TARGET_P99_MS,
    }


def _scans(rng: random.Random, cart: Cart) -> list[Cart]:
    """The basket and the states one scan away (one more of a piece line), priced in turn.

    Re-pricing one identical cart would flatter the engine, which reuses what did not change.
    """
    pieces = [ln for ln in cart.lines if not ln.product.is_weighed]
    return [cart] + [cart.set_qty(ln.line_id, ln.qty + 1) for ln in rng.sample(pieces, SCANS)]


def _series(carts: list[Cart], samples: int, price: Callable[[Cart], object]
            ) -> tuple[list[int], int]:
    """Timings of ``price`` over the cart states in turn, and the full GC runs meanwhile."""
    gen2 = gc.get_stats()[2]["collections"]
    out = []
    for k in range(samples):
        cart = carts[k % len(carts)]
        t0 = time.perf_counter_ns()
        price(cart)
        out.append(time.perf_counter_ns() - t0)
    return out, gc.get_stats()[2]["collections"] - gen2


def _active(promotion: Promotion, ctx: PromoContext) -> bool:
    return Rule(promotion, 0).is_active(ctx)
