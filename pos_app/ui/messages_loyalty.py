"""Messages of members, points, coupons, signed codes and promotion explanations (see
``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

LOYALTY_MESSAGES: dict[str, str] = {
    # members, points, coupons and their signed codes
    "member.unknown": QT_TRANSLATE_NOOP(
        "messages",
        "This member code is valid but the member is not on this till yet. Look the member up by phone (F11), or continue without the member.",
    ),
    "member.phone_not_found": QT_TRANSLATE_NOOP(
        "messages",
        "No member has the phone number {phone}. Check the number, or sign the customer up (F11, then Sign up).",
    ),
    "member.name_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "The name holds a control character ({char}, character {position}). Clear it and type the name again.",
    ),
    "member.consent_required": QT_TRANSLATE_NOOP(
        "messages",
        "The customer must agree to the membership terms before signing up. Ask them, then tick the box.",
    ),
    "coupon.already_in_sale": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon is already on this sale.",
    ),
    "points.no_member": QT_TRANSLATE_NOOP(
        "messages",
        "Points can only be used with a member. Scan the member's code first (or press F11).",
    ),
    "points.not_a_number": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a number of points. Type whole points, e.g. 500."),
    "points.already_tendered": QT_TRANSLATE_NOOP(
        "messages",
        "Points are already used on this sale. Remove that payment first to change the points.",
    ),
    # promotion explanations (data from pos_app.core.promotions.explain; *_fen = money)
    "promo.percent_off": QT_TRANSLATE_NOOP(
        "messages", "{name}: {off} ({units} pcs), −{discount_fen}"),
    "promo.amount_off": QT_TRANSLATE_NOOP(
        "messages", "{name}: {amount_fen} off each ({units} pcs), −{discount_fen}"),
    "promo.member_price": QT_TRANSLATE_NOOP(
        "messages", "{name}: member price {price_fen} ({units} pcs), −{discount_fen}"),
    "promo.flash_price": QT_TRANSLATE_NOOP(
        "messages", "{name}: flash price {price_fen} ({units} pcs), −{discount_fen}"),
    "promo.buy_x_get_y": QT_TRANSLATE_NOOP(
        "messages", "{name}: buy {buy} get {get} ({units} pcs), −{discount_fen}"),
    "promo.nth_item": QT_TRANSLATE_NOOP(
        "messages", "{name}: every {n}th item {off}, −{discount_fen}"),
    "promo.n_for_price": QT_TRANSLATE_NOOP(
        "messages", "{name}: {n} for {price_fen} (× {bundles}), −{discount_fen}"),
    "promo.threshold_off": QT_TRANSLATE_NOOP(
        "messages", "{name}: spend {threshold_fen} get {amount_fen} off (× {steps}), −{discount_fen}"),
    "promo.threshold_gift": QT_TRANSLATE_NOOP(
        "messages", "{name}: {gift_name} free, −{discount_fen}"),
    "promo.points_multiplier": QT_TRANSLATE_NOOP(
        "messages", "{name}: {multiplier}× points on this sale"),
    "promo.threshold_near": QT_TRANSLATE_NOOP(
        "messages", "Spend {missing_fen} more for {name}"),
    "promo.gift_near": QT_TRANSLATE_NOOP(
        "messages", "Spend {missing_fen} more for the gift: {name}"),
    "promo.gift_available": QT_TRANSLATE_NOOP(
        "messages", "{name}: the customer has earned {gift_name}. Scan one to add it free."),
    "promo.rule_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "A promotion ({promo_id}) sent by head office cannot be read by this till and is not applied. Call a supervisor.",
    ),
    "code.malformed": QT_TRANSLATE_NOOP(
        "messages",
        "This code cannot be read as a member or coupon code. Ask the customer to refresh it in the app and show it again.",
    ),
    "code.forged": QT_TRANSLATE_NOOP(
        "messages",
        "This code was not issued by our chain (signature check failed). Do not accept it; call a supervisor if the customer disagrees.",
    ),
    "code.no_public_key": QT_TRANSLATE_NOOP(
        "messages",
        "This till has no key to check member and coupon codes yet. Continue without the code and call a supervisor to sync the till settings.",
    ),
    "code.key_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "The code-checking key in the settings is not valid. Paste the chain's key again (44 characters of base64) or call a supervisor.",
    ),
    "member.phone_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "This is not a mainland mobile number. Enter the 11 digits starting with 1, e.g. 138 1234 5678.",
    ),
    "member.code_expired": QT_TRANSLATE_NOOP(
        "messages",
        "This member code expired {seconds_ago} s ago. Ask the customer to refresh the code in the app.",
    ),
    "member.code_not_yet_valid": QT_TRANSLATE_NOOP(
        "messages",
        "This member code is dated {seconds_ahead} s ahead of this till's clock. Check the till's clock, or ask the customer to refresh the code.",
    ),
    "points.below_minimum": QT_TRANSLATE_NOOP(
        "messages",
        "At least {minimum} points must be redeemed at a time. Enter more, or pay without points.",
    ),
    "points.not_whole_fen": QT_TRANSLATE_NOOP(
        "messages",
        "Points are redeemed in steps of {step}. Enter a multiple of {step}.",
    ),
    "points.insufficient": QT_TRANSLATE_NOOP(
        "messages",
        "The member has only {available} points, but {points} were entered. Enter fewer points.",
    ),
    "points.offline_cap_reached": QT_TRANSLATE_NOOP(
        "messages",
        "The till is offline: a member may redeem at most {cap} points a day until it reconnects, and {left_today} are left today. Enter at most {left_today} points.",
    ),
    "points.over_sale_limit": QT_TRANSLATE_NOOP(
        "messages",
        "Points may pay at most {limit_amount} of this sale ({limit_points} points). Enter fewer points.",
    ),
    "coupon.already_used": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon has already been used. Continue without it.",
    ),
    "coupon.expired": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon expired on {valid_to}. Continue without it.",
    ),
    "coupon.not_yet_valid": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon can be used from {valid_from}. Ask the customer to keep it until then, and continue without it.",
    ),
    "coupon.needs_member": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon is for members only. Scan the customer's member code first, then scan the coupon again.",
    ),
    "coupon.wrong_member": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon belongs to another member and only its owner can use it. Continue without it.",
    ),
    "coupon.tier_too_low": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon is for {tier_en} ({tier_zh}) members and above. Continue without it.",
    ),
    "coupon.tier_unknown": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon is for a member level this till does not know ({tier}). Sync the till, or call a supervisor.",
    ),
    "coupon.min_spend_not_met": QT_TRANSLATE_NOOP(
        "messages",
        "This coupon needs a spend of {min_spend} on qualifying items; {missing} more is needed. Add items, or continue without it.",
    ),
    "coupon.no_eligible_items": QT_TRANSLATE_NOOP(
        "messages",
        "No item in this sale qualifies for this coupon. Add a qualifying item, or continue without it.",
    ),
    "member.phone_taken": QT_TRANSLATE_NOOP(
        "messages",
        "This phone number already belongs to a member. Look the member up by phone (F11) instead of signing up again.",
    ),
    "member.lookup_unavailable": QT_TRANSLATE_NOOP(
        "messages",
        "This till cannot look members up by phone or card until it has synced with head office once. Scan the member's QR code, or sync first.",
    ),
    "member.card_shared": QT_TRANSLATE_NOOP(
        "messages",
        "{count} members hold this card until head office merges them. Look the member up by phone (F11) and choose.",
    ),
}
