"""Fast bulk generation of synthetic SKUs with realistic Chinese names (benchmarks)."""

from __future__ import annotations

import random
from collections.abc import Callable

from sqlalchemy import Engine, func, select

from contract.pinyin import Unit, units_of
from contract.products import ProductRow
from pos_app.core.barcode import with_check_digit
from pos_app.store import search_index
from pos_app.store.catalog import CatalogWriter
from pos_app.store.db import write_tx
from pos_app.store.models import product
from pos_app.store.search_text import IndexText, index_text_of_units

BRANDS = (
    "康师傅 统一 今麦郎 白象 农夫山泉 娃哈哈 怡宝 百岁山 可口可乐 百事 元气森林 王老吉 加多宝 "
    "伊利 蒙牛 光明 君乐宝 三元 旺旺 达利园 好丽友 乐事 上好佳 三只松鼠 良品铺子 百草味 洽洽 "
    "徐福记 德芙 士力架 奥利奥 雀巢 立白 蓝月亮 汰渍 奥妙 超能 维达 清风 心相印 洁柔 舒肤佳 "
    "海飞丝 飘柔 高露洁 佳洁士 云南白药 金龙鱼 福临门 鲁花 胡姬花 五得利 香满园 海天 李锦记 "
    "老干妈 太太乐 六必治 双汇 雨润 金锣 思念 三全 湾仔码头 安井 桂格 维维 银鹭 露露 "
    "椰树 北冰洋 冰峰 东鹏 红牛 脉动 尖叫 农心 日清 合味道 五芳斋 稻香村 卫龙 周黑鸭"
).split()
FLAVORS = (
    "红烧牛肉 香辣牛肉 老坛酸菜 鲜虾鱼板 番茄鸡蛋 原味 草莓味 香草味 巧克力味 蓝莓 芒果 "
    "柠檬 蜂蜜 绿茶 乌龙 茉莉花 黑糖 红枣 核桃 花生 芝麻 椰子 菠萝 荔枝 水蜜桃 葡萄 "
    "苹果 橙子 西柚 青梅 海盐 黑胡椒 麻辣 藤椒 孜然 烧烤 番茄 黄瓜 酸奶 低糖 无糖 "
    "全脂 脱脂 高钙 儿童 家庭装 经典 清香 浓香 特级 有机 五常 东北 新疆 云南 四川"
).split()
NOUNS = (
    "方便面 拉面 米粉 粉丝 挂面 饮用水 矿泉水 苏打水 冰红茶 绿茶饮料 果汁 可乐 雪碧 汽水 "
    "凉茶 豆奶 纯牛奶 酸奶 奶粉 奶酪 饼干 薯片 瓜子 坚果 牛肉干 辣条 巧克力 糖果 果冻 "
    "面包 蛋糕 月饼 粽子 汤圆 水饺 馄饨 火腿肠 午餐肉 罐头 酱油 香醋 料酒 蚝油 鸡精 "
    "食盐 白糖 大米 面粉 花生油 菜籽油 调和油 洗衣液 洗衣粉 洗洁精 柔顺剂 抽纸 卷纸 "
    "湿巾 牙膏 牙刷 洗发水 护发素 沐浴露 香皂 洗手液 垃圾袋 保鲜膜 电池 毛巾 拖鞋 雨伞"
).split()
SPECS = (
    "100g 120g 150g 200g 250g 300g 350g 400g 500g 750g 1kg 2kg 5kg 10kg 250ml 310ml "
    "330ml 350ml 380ml 450ml 500ml 550ml 600ml 1l 1.25l 1.5l 2l 5l 6x330ml 12x250ml "
    "24x330ml 3包 5包 10包 2卷 10卷 12卷 3支装 6瓶 12盒"
).split()
CATEGORIES = ("饮料", "零食", "方便食品", "乳制品", "日用品", "粮油调味", "个人护理")
SYN_PREFIX = "SY"
BATCH = 50_000


def _parts(words: tuple[str, ...] | list[str]) -> list[tuple[str, list[Unit]]]:
    return [(w, units_of(w)) for w in words]


def synthetic_gtin(i: int) -> str:
    """Distinct valid GTIN-13 for synthetic item ``i`` (4th digit 8: apart from demo codes)."""
    return with_check_digit(f"{690 + i % 6}8{i // 6:08d}")


def generate_synthetic(
    *, engine: Engine, count: int, seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Append ``count`` synthetic products (SKU ``SY0000001``…) with one GTIN each; returns
    the number added. Pinyin is precomputed per name part; each batch goes in through the
    catalog writer's bulk insert of new products."""
    rng = random.Random(seed)
    brands, flavors, nouns, specs = (
        _parts(BRANDS), _parts(FLAVORS), _parts(NOUNS), _parts(SPECS)
    )
    sku = product.c.sku
    with engine.connect() as conn:
        last_sku = conn.execute(select(func.max(sku)).where(
            sku >= SYN_PREFIX, sku < SYN_PREFIX + "\uffff")).scalar()
    first = int(last_sku[len(SYN_PREFIX):]) + 1 if last_sku else 1
    done = 0
    # Bulk load: let FTS5 segments pile up instead of merging after every batch; one
    # 'optimize' at the end merges them once (much faster), then restore the defaults.
    with write_tx(engine) as conn:
        search_index.set_bulk(conn, True)
    while done < count:
        n = min(BATCH, count - done)
        batch: list[tuple[ProductRow, IndexText]] = []
        for k in range(n):
            i = first + done + k
            b, f, o, s = (rng.choice(brands), rng.choice(flavors), rng.choice(nouns),
                          rng.choice(specs))
            batch.append((ProductRow(
                sku=f"{SYN_PREFIX}{i:07d}", name=f"{b[0]}{f[0]}{o[0]} {s[0]}",
                category=rng.choice(CATEGORIES), unit="件",
                price_fen=rng.randrange(100, 20000), barcodes=(synthetic_gtin(i),)),
                index_text_of_units(b[1] + f[1] + o[1] + s[1])))
        with write_tx(engine) as conn:
            writer = CatalogWriter(conn, fts_batch=BATCH)
            try:
                for row, it in batch:
                    writer.queue(row, it)
            except BaseException:
                writer.close(write=False)
                raise
            writer.close()
        done += n
        if progress is not None:
            progress(done, count)
    with write_tx(engine) as conn:
        search_index.set_bulk(conn, False)
    search_index.optimize(engine=engine)
    return done


def optimize_search_index(*, engine: Engine) -> None:
    """Merge the FTS5 segments into one (after a bulk load; makes queries faster)."""
    search_index.optimize(engine=engine)
