"""The demo shop's knowledge base: a dozen articles in Chinese for the Tmall and Pinduoduo
stores (product facts for every store, each store's own shipping, returns and
promotions), a dozen in English for the Shopify store, and in each language a promotion
that is over. Dates count from the demo's anchor day; no random draw is taken, so the rest
of the demo stays as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# (key, store or None, type, title, body, keywords, valid from / to in days from the anchor)
Row = tuple[str, str | None, str, str, str, str, tuple[int, int] | None]

ZH: list[Row] = [
    ("kb-zh-mug", None, "product", "手作陶瓷马克杯 350ml",
     "容量350ml，高温陶瓷，釉面无铅无镉，通过食品接触检测。\n可以用洗碗机和微波炉（杯身无金属描边）。"
     "每只手工上釉，颜色和花纹略有差异，不属于质量问题。", "马克杯 杯子 容量 微波炉 洗碗机 QM-MUG-350", None),
    ("kb-zh-slipper", None, "size_chart", "居家拖鞋尺码表",
     "M码：适合36–38码，鞋内长25cm。\nL码：适合39–41码，鞋内长27cm。\n"
     "版型偏大半码；平时穿38码选M码，冬天穿厚袜子建议选L码。", "拖鞋 尺码 大小 码数 偏大 M码 L码 QM-SLIP",
     None),
    ("kb-zh-ceramic-care", None, "care", "陶瓷餐具清洗与保养",
     "首次使用前用温水加少量洗洁精清洗。\n避免冷热骤变（如冰箱取出直接加热），以免开裂。"
     "\n不要用钢丝球，釉面划痕会积色。", "清洗 保养 开裂 裂纹 餐盘 花瓶", None),
    ("kb-zh-throw-care", None, "care", "羊毛混纺盖毯洗护说明",
     "建议干洗；小面积污渍用冷水轻拍。\n不可机洗烘干，会缩水起球。平铺阴干，避免暴晒。",
     "盖毯 毯子 羊毛 洗护 起球 缩水 QM-THR-GRY", None),
    ("kb-zh-lamp", None, "product", "橡木床头台灯参数",
     "北美橡木灯座，E27灯口，随灯附赠4W LED暖光灯泡。\n触摸三档调光，线长1.8米，整灯保修一年。",
     "台灯 灯泡 调光 保修 QM-LAMP-OAK", None),
    ("kb-zh-candle", None, "product", "大豆蜡香薰蜡烛三件套",
     "天然大豆蜡、棉芯，每只燃烧约25小时。\n三种香型：雪松、白茶、无花果。首次点燃请烧到整个表面融化，"
     "避免“隧道”。", "蜡烛 香薰 香型 燃烧 少了一只 QM-CAND-3", None),
    ("kb-zh-damage", None, "returns", "运输破损怎么处理",
     "请客户拍摄破损商品和外包装照片（含快递面单）。\n确认运输破损后，可选补发或全额退款，"
     "运费由我们承担；补发时备注加固包装。", "破损 碎了 压扁 补发 照片 快递", None),
    ("kb-zh-tm-ship", "tmall", "shipping", "天猫店发货与物流说明",
     "付款后48小时内发货，默认顺丰速运，偏远地区中通快递。\n物流超过3天未更新：先联系快递催件，"
     "5天无更新按丢件处理，补发或退款。", "发货 物流 快递 顺丰 催件 单号 没更新 丢件", None),
    ("kb-zh-tm-return", "tmall", "returns", "七天无理由退货（天猫）",
     "签收后7天内支持无理由退货，商品不影响二次销售。\n无理由退货运费由买家承担，天猫运费险可抵扣；"
     "商品与描述不符或质量问题运费由我们承担。", "退货 退款 运费 运费险 无理由 颜色不一样", None),
    ("kb-zh-tm-1212", "tmall", "promotion", "双十二狂欢：满300减40",
     "活动期间全店满300减40，可与店铺券叠加。\n买两件加送亚麻抱枕套一只（送完即止）。",
     "优惠 满减 便宜 活动 双十二 优惠券", (-3, 12)),
    ("kb-zh-tm-1111", "tmall", "promotion", "双十一预售：定金膨胀50抵80",
     "预售定金50元抵80元，尾款11月11日0点开始支付。\n活动已结束，请勿再向客户承诺此优惠。",
     "优惠 定金 预售 双十一 便宜", (-40, -20)),
    ("kb-zh-pdd-ship", "pdd", "shipping", "拼多多店发货说明",
     "付款后72小时内发货，默认中通、圆通或韵达，不指定快递。\n平台要求：48小时内上传物流单号。"
     "催件请在订单内联系快递。", "发货 物流 快递 催件 单号 中通", None),
    ("kb-zh-pdd-gift", "pdd", "promotion", "拼多多店：两件送小礼品",
     "同一订单买两件及以上，送香薰蜡烛试用装一只。\n议价时可申请5元无门槛券，已是最低价。",
     "便宜 优惠 议价 买两个 礼品 优惠券", (-10, 30)),
]

EN: list[Row] = [
    ("kb-en-mug", "shopify", "product", "Handmade ceramic mug, 350 ml",
     "Holds 350 ml (12 oz). High-fired stoneware, lead- and cadmium-free glaze.\n"
     "Dishwasher and microwave safe. Each mug is glazed by hand, so colour and pattern vary "
     "slightly; that is not a defect.", "mug cup capacity microwave dishwasher QM-MUG-350",
     None),
    ("kb-en-slipper", "shopify", "size_chart", "House slippers size chart",
     "M: US women 6–8 / men 5–6.5, inner length 25 cm.\n"
     "L: US women 8.5–10 / men 7–9, inner length 27 cm.\n"
     "They run half a size large; with thick socks, go one size up.",
     "slippers size sizing fit large small socks QM-SLIP", None),
    ("kb-en-ceramic-care", "shopify", "care", "Caring for ceramics",
     "Wash before first use. Avoid sudden temperature changes (fridge to oven) to prevent "
     "cracks.\nNo steel wool: scratches in the glaze hold stains.",
     "care clean wash crack plate vase", None),
    ("kb-en-throw-care", "shopify", "care", "Wool-blend throw care",
     "Dry clean recommended; blot small spots with cold water.\n"
     "Do not machine wash or tumble dry: it shrinks and pills. Dry flat, out of the sun.",
     "throw blanket wool wash pilling shrink QM-THR-GRY", None),
    ("kb-en-lamp", "shopify", "product", "Oak bedside lamp",
     "Solid oak base, E26 socket, 4 W warm LED bulb included.\nTouch dimmer with three "
     "levels, 6 ft cord, one-year warranty.", "lamp bulb dimmer warranty QM-LAMP-OAK", None),
    ("kb-en-candle", "shopify", "product", "Soy candle set of 3",
     "Natural soy wax, cotton wicks, about 25 hours each.\nScents: cedar, white tea, fig. "
     "Let the first burn melt the whole surface to avoid tunnelling.",
     "candle scent burn missing QM-CAND-3", None),
    ("kb-en-ship", "shopify", "shipping", "Shipping policy",
     "Orders ship within 2 business days with USPS, UPS or FedEx.\nFree shipping on orders of "
     "$50 or more; otherwise $6.95. Tracking is e-mailed when the parcel leaves.",
     "shipping ship delivery arrive tracking cost free", None),
    ("kb-en-late", "shopify", "shipping", "Tracking not updating",
     "If tracking has not updated for 3 business days, open a trace with the carrier.\n"
     "After 7 days without a scan we treat the parcel as lost and send a replacement or refund.",
     "tracking lost late delivery where order updated", None),
    ("kb-en-return", "shopify", "returns", "Returns policy",
     "Returns are accepted within 7 days of delivery; request one on the order page.\n"
     "If the item is not as described or faulty we pay return shipping; otherwise the buyer "
     "does.", "return refund exchange colour shipping cost", None),
    ("kb-en-damage", "shopify", "returns", "Damaged in transit",
     "Ask for a photo of the damage and of the outer box.\nOnce confirmed, offer a replacement "
     "(packed with extra padding) or a full refund; we cover shipping.",
     "damaged broken crushed photo replacement", None),
    ("kb-en-holiday", "shopify", "promotion", "Holiday sale: 15% off with HOLIDAY15",
     "15% off everything with code HOLIDAY15, not combined with other codes.\nBuy two items "
     "and get a free linen cushion cover while stocks last.",
     "discount sale code coupon cheaper deal", (-5, 20)),
    ("kb-en-bf", "shopify", "promotion", "Black Friday: 25% off with BF25",
     "25% off sitewide with code BF25.\nThe sale is over: do not offer this code any more.",
     "discount sale code coupon black friday", (-30, -25)),
]


def article_records(anchor: datetime) -> Iterator[dict[str, Any]]:
    """The demo's articles as dataset records, written by the owner a month ago."""
    for rows, zone in ((ZH, ZoneInfo("Asia/Shanghai")), (EN, ZoneInfo("America/Los_Angeles"))):
        language = "zh" if rows is ZH else "en"
        for n, (key, store, kind, title, body, keywords, valid) in enumerate(rows):
            written = (anchor - timedelta(days=45 - n)).astimezone(zone)
            record: dict[str, Any] = {
                "kind": "article", "key": key, "type": kind, "language": language,
                "title": title, "body": body, "keywords": keywords,
                "created_at": written.isoformat(), "created_by": "owner",
                "updated_at": written.isoformat(), "updated_by": "owner"}
            if store is not None:
                record["store"] = store
            if valid is not None:
                start, end = valid
                record["valid_from"] = (anchor + timedelta(days=start)).astimezone(zone).isoformat()
                record["valid_to"] = (anchor + timedelta(days=end)).astimezone(zone).isoformat()
            yield record
