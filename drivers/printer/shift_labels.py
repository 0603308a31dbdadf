"""The printed words of the X/Z shift report: Chinese by default, English for other
languages, chosen the way receipts choose theirs (``shift_labels_for``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from drivers.printer.receipt_layout import LABELS_EN, ReceiptLabels


def _zh_tenders() -> Mapping[str, str]:
    # The same tender names as on the receipts: one word for one thing.
    return dict(ReceiptLabels().tenders)


@dataclass(frozen=True, slots=True)
class ShiftLabels:
    """Words of the shift report; ``{n}`` is a count, ``{rate}`` a VAT rate."""

    lang: str = "zh_CN"
    title_x: str = "X 报表（班中）"
    title_z: str = "Z 报表（交班）"
    reprint: str = "** 重印 **"
    shift_no: str = "班次"
    terminal: str = "收银机"
    opened_at: str = "开班时间"
    closed_at: str = "交班时间"
    taken_at: str = "打印时间"
    opened_by: str = "开班人"
    cashiers: str = "收银员"
    counted_by: str = "清点人"
    separator: str = "、"
    # activity
    activity: str = "交易概况"
    sales_count: str = "销售笔数"
    returns_count: str = "退货笔数"
    voided_sales: str = "作废单 {n} 笔"
    line_voids: str = "删除行 {n} 行"
    no_sale: str = "无销售开钱箱"
    # tenders
    tender_section: str = "收款方式"
    tenders: Mapping[str, str] = field(default_factory=_zh_tenders)
    tender_count: str = "{n} 笔"
    refund: str = "退款 {n} 笔"
    gross_sales: str = "销售合计"
    refunds: str = "退款合计"
    net_sales: str = "净销售额"
    # drawer
    drawer: str = "钱箱"
    opening_float: str = "备用金"
    cash_sales: str = "现金销售"
    cash_refunds: str = "现金退款"
    paid_in: str = "存入"
    paid_out: str = "支出"
    drops: str = "存入保险柜 {n} 次"
    expected_cash: str = "应有现金"
    # count and reconciliation
    cash_count: str = "现金清点"
    note: str = "纸币"
    coin: str = "硬币"
    counted_total: str = "清点合计"
    reconcile: str = "对账"
    expected_section: str = "应有金额（未清点）"
    expected: str = "应有"
    counted: str = "实点"
    accepted: str = "实点（按应有）"
    over: str = "** 长款 **"
    short: str = "** 短款 **"
    balanced: str = "平账"
    over_short_total: str = "长短款合计"
    # discounts and loyalty
    discounts: str = "优惠"
    discount_kinds: Mapping[str, str] = field(default_factory=lambda: {
        "promotion": "促销优惠", "line_discount": "单品折扣", "sale_discount": "整单折扣",
        "price_override": "手工改价", "markdown": "打折标签"})
    discount_total: str = "优惠合计"
    promotions: str = "促销明细"
    coupons: str = "优惠券 {n} 张"
    points: str = "积分"
    points_earned: str = "赠送积分"
    points_redeemed: str = "抵扣积分"
    # tax and cashiers
    tax: str = "税额"
    tax_row: str = "{rate} 销售 {taxable}"
    tax_amount: str = "税 {tax}"
    by_cashier: str = "收银员业绩"
    cashier_sales: str = "  销售 {n} 笔"
    cashier_returns: str = "  退货 {n} 笔"
    signatures: tuple[str, ...] = ("交班人签字", "主管签字")


SHIFT_LABELS_EN = ShiftLabels(
    lang="en_US", title_x="X REPORT (shift open)", title_z="Z REPORT (shift close)",
    reprint="** REPRINT **", shift_no="Shift", terminal="Till", opened_at="Opened",
    closed_at="Closed", taken_at="Printed", opened_by="Opened by", cashiers="Cashiers",
    counted_by="Counted by", separator=", ",
    activity="Activity", sales_count="Sales", returns_count="Returns",
    voided_sales="Voided sales ({n})", line_voids="Voided lines ({n})",
    no_sale="No-sale drawer opens",
    tender_section="Tenders", tenders=dict(LABELS_EN.tenders), tender_count="({n})",
    refund="Refunds ({n})", gross_sales="Gross sales", refunds="Refunds",
    net_sales="Net sales",
    drawer="Cash drawer", opening_float="Opening float", cash_sales="Cash sales",
    cash_refunds="Cash refunds", paid_in="Paid in", paid_out="Paid out",
    drops="Drops to safe ({n})", expected_cash="Expected cash",
    cash_count="Cash count", note="note", coin="coin", counted_total="Counted",
    reconcile="Reconciliation", expected_section="Expected (not counted)",
    expected="Expected", counted="Counted",
    accepted="Counted (accepted)", over="** OVER **", short="** SHORT **",
    balanced="Balanced", over_short_total="Total over/short",
    discounts="Discounts", discount_kinds={
        "promotion": "Promotions", "line_discount": "Line discounts",
        "sale_discount": "Sale discounts", "price_override": "Price overrides",
        "markdown": "Markdown labels"},
    discount_total="Total discounts", promotions="By promotion", coupons="Coupons ({n})",
    points="Points", points_earned="Points earned", points_redeemed="Points redeemed",
    tax="Tax", tax_row="{rate} sales {taxable}", tax_amount="tax {tax}",
    by_cashier="By cashier", cashier_sales="  Sales ({n})", cashier_returns="  Returns ({n})",
    signatures=("Cashier signature", "Supervisor signature"),
)


def shift_labels_for(lang: str) -> ShiftLabels:
    """The shift report's words for a language (Chinese for ``zh*``, else English), the
    same rule as ``receipt_layout.labels_for``."""
    return ShiftLabels() if lang.startswith("zh") else SHIFT_LABELS_EN
