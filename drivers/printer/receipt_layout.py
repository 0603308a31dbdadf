"""ReceiptDocument → lines of N half-width columns, plus barcode/QR blocks.

Every text line is padded to exactly ``columns`` cells, so the ESC/POS text path and the
raster path print the same grid. A wide character is never split across lines. For a printer
the cells are counted in its encoding's bytes (``charset``): a multi-byte character is two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from drivers.printer.charset import cells as cells  # re-exported: the layout's measure
from drivers.printer.charset import char_cells, printable
from pos_app.core.money import Money
from pos_app.core.receipt import ReceiptDocument, ReceiptLine, ReceiptMember
from pos_app.core.tenders import Tender

Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line, already padded to the layout's width."""

    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class BarcodeBlock:
    """A CODE128 barcode (the receipt number, for returns)."""

    value: str


@dataclass(frozen=True, slots=True)
class QrBlock:
    """A QR code (e-receipt or join-membership link)."""

    data: str


Block = TextLine | BarcodeBlock | QrBlock


@dataclass(frozen=True, slots=True)
class ReceiptLayout:
    """The receipt as blocks for a printer ``columns`` cells wide."""

    columns: int
    blocks: tuple[Block, ...]
    encoding: str | None = None  # cells counted in this encoding's bytes (None: Unicode)

    def text(self) -> str:
        """The text lines only (tests, logs)."""
        return "\n".join(b.text for b in self.blocks if isinstance(b, TextLine))


@dataclass(frozen=True, slots=True)
class ReceiptLabels:
    """Printed words; Chinese by default, the app may pass translated ones. ``lang`` is the
    receipt's language: it also picks the product names."""

    lang: str = "zh_CN"
    receipt_no: str = "单号"
    reprint: str = "** 重印 **"
    time: str = "时间"
    cashier: str = "收银员"
    terminal: str = "收银机"
    discount: str = "优惠"
    subtotal: str = "小计"
    discounts: str = "优惠合计"
    manual_discount: str = "手工折扣"
    rounding: str = "抹零"
    total: str = "合计"
    tax: str = "其中税额 {rate}"
    change: str = "找零"
    tenders: Mapping[str, str] = field(default_factory=lambda: {
        "cash": "现金", "card": "银行卡", "mobile": "移动支付", "points": "积分抵扣",
        "exchange": "换货抵扣"})
    items: str = "件数"
    promo: str = "促销"
    promo_separator: str = "、"
    points_count: str = "({points}分)"
    member: str = "会员"
    tier: str = "会员等级"
    points_earned: str = "本单积分"
    points_redeemed: str = "积分抵扣"
    points_balance: str = "积分余额"


LABELS_EN = ReceiptLabels(
    lang="en_US", receipt_no="No.", reprint="** REPRINT **", time="Time", cashier="Cashier",
    terminal="Till", discount="Discount", subtotal="Subtotal", discounts="Discounts",
    manual_discount="Manual discount", rounding="Rounding", total="TOTAL",
    tax="incl. tax {rate}", change="Change",
    tenders={"cash": "Cash", "card": "Card", "mobile": "Mobile payment", "points": "Points",
             "exchange": "Exchange credit"},
    items="Items", promo="Promo", promo_separator=", ", points_count="({points} pts)",
    member="Member", tier="Tier", points_earned="Points earned", points_redeemed="Points used",
    points_balance="Points balance",
)


def labels_for(lang: str) -> ReceiptLabels:
    """The printed words for a UI language (Chinese for ``zh*``, else English)."""
    return ReceiptLabels() if lang.startswith("zh") else LABELS_EN


def product_names(item: ReceiptLine, lang: str, *, bilingual: bool = False) -> list[str]:
    """A line's product name in ``lang`` and, when ``bilingual``, its other language's name
    (if it has a different one), to print under it."""
    first = item.display_name(lang)
    if not bilingual:
        return [first]
    second = item.name if first == item.name_en else item.name_en
    return [first, second] if second and second != first else [first]


def clip(text: str, width: int, encoding: str | None = None) -> str:
    """The longest prefix of ``text`` that fits ``width`` cells (whole characters only)."""
    used = 0
    for i, c in enumerate(text):
        w = char_cells(c, encoding)
        if used + w > width:
            return text[:i]
        used += w
    return text


def wrap(text: str, width: int, encoding: str | None = None) -> list[str]:
    """Lines of at most ``width`` cells; Latin words break at spaces, CJK anywhere."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        cur = ""
        for c in para:
            if cells(cur, encoding) + char_cells(c, encoding) <= width:
                cur += c
                continue
            cut = cur.rfind(" ")
            if c != " " and cut > 0 and c.isascii() and cur[-1:].isascii():
                lines.append(cur[:cut].rstrip())
                cur = cur[cut + 1:] + c
            else:
                lines.append(cur.rstrip())
                cur = "" if c == " " else c
        if cur.strip():
            lines.append(cur.rstrip())
    return lines


def pack(items: Sequence[str], width: int, separator: str,
         encoding: str | None = None) -> list[str]:
    """``items`` joined by ``separator`` in lines of at most ``width`` cells; an item is
    split (as ``wrap`` does) only when it is longer than a whole line."""
    lines: list[str] = []
    cur = ""
    for i, item in enumerate(items):
        token = item + separator if i < len(items) - 1 else item
        if cells((cur + token).rstrip(), encoding) <= width:
            cur += token
            continue
        if cur.strip():
            lines.append(cur.rstrip())
        parts = wrap(token, width, encoding) or [""]
        lines += parts[:-1]
        cur = parts[-1]
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def pad(text: str, width: int, align: Align = "left", encoding: str | None = None) -> str:
    """``text`` clipped and padded with spaces to exactly ``width`` cells."""
    text = clip(text, width, encoding)
    room = width - cells(text, encoding)
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def left_right(left: str, right: str, width: int, encoding: str | None = None) -> str:
    """``left`` then ``right`` flush right; the left part gives way (whole characters)."""
    right = clip(right, width, encoding)
    # One space between the two parts; with nothing on the right the left may fill the line.
    room = width - cells(right, encoding) - 1 if right else width
    left = clip(left, max(room, 0), encoding)
    return left + " " * (width - cells(left, encoding) - cells(right, encoding)) + right


def rate_text(rate_bp: int) -> str:
    """1300 → ``13%``, 950 → ``9.5%``."""
    whole, frac = divmod(rate_bp, 100)
    return f"{whole}%" if not frac else f"{whole}.{frac:02d}".rstrip("0") + "%"


def layout_receipt(
    doc: ReceiptDocument,
    *,
    columns: int,
    labels: ReceiptLabels | None = None,
    text_map: Mapping[str, str] | None = None,
    qr_data: str = "",
    qr_caption: str = "",
    reprint: bool = False,
    encoding: str | None = None,
    bilingual: bool = False,
) -> ReceiptLayout:
    """Lay ``doc`` out for a printer ``columns`` cells wide that prints in ``encoding``
    (cells counted in its bytes; ``None``: Unicode widths, for the screen). Product names
    are in the labels' language; ``bilingual`` adds the other language's under each."""
    lab = labels or ReceiptLabels()
    table = str.maketrans(dict(text_map or {}))
    w, enc = columns, encoding
    out: list[Block] = []

    def prep(text: str) -> str:
        return printable(text.translate(table), enc)

    def line(text: str, *, align: Align = "left", bold: bool = False) -> None:
        out.append(TextLine(pad(prep(text), w, align, enc), bold))

    def lr(left: str, right: str, *, bold: bool = False) -> None:
        out.append(TextLine(left_right(prep(left), prep(right), w, enc), bold))

    def para(text: str, align: Align, *, bold: bool = False) -> None:
        for part in wrap(prep(text), w, enc):
            line(part, align=align, bold=bold)

    def hanging(prefix: str, texts: Sequence[str], right: str = "") -> None:
        # ``prefix`` then ``texts`` packed into rows indented under the first; ``right``
        # flush right on the last row.
        prefix, right = prep(prefix), prep(right)
        room = max(w - cells(prefix, enc) - (cells(right, enc) + 1 if right else 0), 1)
        rows = pack([prep(t) for t in texts], room, prep(lab.promo_separator), enc) or [""]
        for i, row in enumerate(rows):
            lead = prefix if i == 0 else " " * cells(prefix, enc)
            last = right if i == len(rows) - 1 else ""
            out.append(TextLine(left_right(lead + row, last, w, enc)))

    def y(m: Money) -> str:
        return m.yuan_text()

    rule = "-" * w
    para(doc.store_name, "center", bold=True)
    para(doc.store_address, "center")
    if reprint:
        line(lab.reprint, align="center", bold=True)
    line(rule)
    lr(lab.receipt_no, doc.receipt_no)
    lr(lab.time, doc.completed_at.strftime("%Y-%m-%d %H:%M:%S"))
    lr(f"{lab.terminal} {doc.terminal_code}", f"{lab.cashier} {doc.cashier}")
    line(rule)
    for item in doc.lines:
        first, *others = product_names(item, lab.lang, bilingual=bilingual)
        para(first, "left")
        for other in others:
            hanging("  ", [other])
        lr(f"  {item.qty_text} x {y(item.unit_price)}", y(item.gross))
        if item.promo_names:
            hanging(f"  {lab.promo}: ", item.promo_names)
        if item.discount.fen:
            lr(f"  {lab.discount}", "-" + y(item.discount))
    line(rule)
    lr(lab.subtotal, y(doc.subtotal))
    for promo in doc.promotions:
        hanging("  ", [promo.name], "-" + y(promo.discount))
    if doc.manual_discount.fen:
        lr("  " + lab.manual_discount, "-" + y(doc.manual_discount))
    if doc.discount.fen:
        lr(lab.discounts, "-" + y(doc.discount))
    if doc.rounding.fen:
        lr(lab.rounding, y(doc.rounding))
    lr(lab.total, "¥" + y(doc.total), bold=True)
    for rate_bp, tax in doc.tax_by_rate:
        lr("  " + lab.tax.format(rate=rate_text(rate_bp)), y(tax))
    line(rule)
    for t in doc.tenders:
        lr(tender_text(t, lab), y(t.tendered))
    lr(lab.change, y(doc.change))
    line(rule)
    if doc.member is not None:
        for left, right in member_rows(doc.member, lab):
            lr(left, right)
        line(rule)
    if doc.footer:
        para(doc.footer, "center")
    if doc.barcode_value:
        out.append(BarcodeBlock(doc.barcode_value))
        line(doc.barcode_value, align="center")
    if qr_data:
        out.append(QrBlock(qr_data))
        if qr_caption:
            para(qr_caption, "center")
    return ReceiptLayout(columns=w, blocks=tuple(out), encoding=enc)


def tender_text(t: Tender, lab: ReceiptLabels) -> str:
    """A tender's printed name; a points tender says how many points it used."""
    name = lab.tenders.get(t.kind, t.kind)
    if t.kind == "points" and t.reference.isdigit():
        return f"{name} {lab.points_count.format(points=int(t.reference))}"
    return name


def member_rows(m: ReceiptMember, lab: ReceiptLabels) -> list[tuple[str, str]]:
    """The member block as (left, right) rows; a missing name or tier is left out."""
    rows: list[tuple[str, str]] = []
    if m.masked_phone or m.masked_name:
        rows.append((f"{lab.member} {m.masked_phone}".rstrip(), m.masked_name))
    if m.tier_name:
        rows.append((lab.tier, m.tier_name))
    rows.append((lab.points_earned, f"+{m.points_earned}"))
    if m.points_redeemed:
        rows.append((lab.points_redeemed, f"-{m.points_redeemed}"))
    rows.append((lab.points_balance, str(m.points_balance)))
    return rows


def layout_test_page(*, columns: int, text_map: Mapping[str, str] | None = None,
                     encoding: str | None = None) -> ReceiptLayout:
    """A test page: Chinese, Latin, a ruler and an aligned price column."""
    table = str.maketrans(dict(text_map or {}))

    def prep(text: str) -> str:
        return printable(text.translate(table), encoding)

    rows = [
        pad(prep("打印测试 PRINT TEST"), columns, "center", encoding),
        "".join(str(i % 10) for i in range(columns)),
        left_right(prep("中文宽字符 测试"), prep("¥12.50"), columns, encoding),
        left_right("Latin text", prep("¥0.99"), columns, encoding),
        "=" * columns,
    ]
    return ReceiptLayout(columns=columns, blocks=tuple(TextLine(r) for r in rows),
                         encoding=encoding)
