"""Regenerate products.csv from catalog_source.txt (run from the repository root).

Packaged goods get GTIN-13s with company prefixes 690–695 and valid check digits; weighed
goods get the two Odoo-style base scale codes ``21 IIIII 00000 C`` (price label) and
``28 IIIII 00000 C`` (weight label), so both label kinds resolve to the product.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pos_app.core.barcode import with_check_digit

HERE = Path(__file__).resolve().parent
HEADER = ["sku", "name", "name_en", "category", "unit", "price", "tax_rate", "barcodes",
          "is_weighed", "age_restricted", "brand"]
# Brands the demo promotions target (a name starting with one belongs to it).
BRANDS = ("可口可乐", "百事", "雪碧", "芬达", "农夫山泉", "怡宝", "百岁山", "娃哈哈", "元气森林",
          "蒙牛", "伊利", "光明", "安慕希", "养乐多", "康师傅", "统一", "王老吉", "南孚", "乐事",
          "奥利奥", "旺旺", "好丽友", "德芙", "士力架", "卫龙", "三只松鼠", "良品铺子", "达利园",
          "青岛啤酒", "雪花", "金龙鱼", "鲁花", "海天", "李锦记", "老干妈", "高露洁", "黑人",
          "舒肤佳", "飘柔", "蓝月亮", "立白", "维达", "清风", "心相印", "雀巢", "金锣", "雨润",
          "双汇", "银鹭", "脉动")


def brand_of(name: str) -> str:
    """The demo brand a product name starts with, else empty."""
    return next((b for b in BRANDS if name.startswith(b)), "")


def main() -> None:
    rows: list[list[str]] = []
    category, tax, cat_no, seq, plu = "", "13", 0, 0, 100
    for raw in (HERE / "catalog_source.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            category, tax = raw[3:].split()
            cat_no, seq = cat_no + 1, 0
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("|")]
        name, name_en, unit, price = fields[:4]
        flags = fields[4] if len(fields) > 4 else ""
        seq += 1
        k = len(rows)
        if "w" in flags:
            plu += 1
            sku = f"W{plu:05d}"
            codes = [with_check_digit(f"{p}{plu:05d}00000") for p in ("21", "28")]
        else:
            sku = f"{cat_no:02d}{seq:04d}"
            codes = [with_check_digit(f"{690 + k % 6}{1000 + k:04d}{(k * 7919) % 100000:05d}")]
        rows.append([sku, name, name_en, category, unit, price, f"{tax}%", "|".join(codes),
                     "1" if "w" in flags else "0", "1" if "a" in flags else "0",
                     brand_of(name)])
    with (HERE / "products.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"{len(rows)} products")


if __name__ == "__main__":
    main()
