"""``shopdesk demo``: a believable shop, built as a dataset and loaded like any other.

Three stores (Tmall and Pinduoduo in CNY, Shopify in USD), a few agents, customers with
Chinese and English names (some known in two stores), orders, conversations with real
back-and-forth, quick replies, complaints, surveys and returns in every state. The same
seed and anchor day give the same shop, record for record.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.dataset.demo_articles import article_records
from shopdesk.dataset.fields import FORMAT_NAME, FORMAT_VERSION
from shopdesk.models import Complaint, Store
from shopdesk.services import automation_builtin
from shopdesk.services.rules import of_store
from shopdesk.times import as_utc


@dataclass(frozen=True)
class DemoSize:
    customers: int
    conversations: int
    messages: int | None  # None: as many as the scripts give (about 6 a conversation)
    complaints: int
    returns: int


SIZES = {
    "small": DemoSize(customers=300, conversations=600, messages=None, complaints=60, returns=40),
    "large": DemoSize(customers=30_000, conversations=100_000, messages=1_000_000,
                      complaints=2_000, returns=1_000),
}

STORES = [
    {"key": "tmall", "name": "栖木家居天猫旗舰店", "platform": "tmall", "currency": "CNY",
     "timezone": "Asia/Shanghai", "colour": "#FF0036", "lang": "zh"},
    {"key": "pdd", "name": "栖木好物拼多多店", "platform": "pinduoduo", "currency": "CNY",
     "timezone": "Asia/Shanghai", "colour": "#E02E24", "lang": "zh"},
    {"key": "shopify", "name": "Qimu Home (Shopify)", "platform": "shopify", "currency": "USD",
     "timezone": "America/Los_Angeles", "colour": "#5E8E3E", "lang": "en"},
]

AGENTS = [
    {"key": "owner", "name": "林晓雨", "role": "owner"},
    {"key": "wangfang", "name": "王芳", "role": "agent"},
    {"key": "chenwei", "name": "陈伟", "role": "agent"},
    {"key": "emma", "name": "Emma Brooks", "role": "agent"},
    {"key": "books", "name": "赵会计", "role": "bookkeeper"},
]
RESPONDERS = ["owner", "wangfang", "chenwei", "emma"]

TAGS = [
    {"key": "vip", "name": "VIP", "colour": "#D4A017"},
    {"key": "repeat", "name": "回头客", "colour": "#2E86C1"},
    {"key": "risk", "name": "差评风险", "colour": "#C0392B"},
    {"key": "wholesale", "name": "批发客户", "colour": "#7D3C98"},
    {"key": "influencer", "name": "带货达人", "colour": "#17A589"},
]

# (sku, Chinese title, English title, CNY price, USD price)
PRODUCTS = [
    ("QM-MUG-350", "手作陶瓷马克杯 350ml", "Handmade ceramic mug 350 ml", "59.00", "14.90"),
    ("QM-PLT-8IN", "釉下彩餐盘 8英寸", "Underglaze dinner plate 8 in", "45.00", "12.50"),
    ("QM-LAMP-OAK", "橡木床头台灯", "Oak bedside lamp", "269.00", "49.00"),
    ("QM-THR-GRY", "羊毛混纺盖毯 灰色", "Wool-blend throw, grey", "329.00", "69.00"),
    ("QM-CUSH-45", "亚麻抱枕套 45cm", "Linen cushion cover 45 cm", "39.90", "11.00"),
    ("QM-VASE-S", "粗陶花瓶 小号", "Stoneware vase, small", "89.00", "19.90"),
    ("QM-TOWEL-2", "长绒棉浴巾两条装", "Long-staple cotton bath towels (2)", "129.00", "29.00"),
    ("QM-SLIP-M", "居家拖鞋 M码", "House slippers, size M", "49.00", "15.00"),
    ("QM-SLIP-L", "居家拖鞋 L码", "House slippers, size L", "49.00", "15.00"),
    ("QM-CAND-3", "大豆蜡香薰蜡烛三件套", "Soy candle set of 3", "99.00", "24.00"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "晓东", "思雨", "子涵", "欣怡",
         "浩然", "雨桐", "梓萱", "一诺"]
FIRST = ["Emily", "James", "Olivia", "Liam", "Sophia", "Noah", "Ava", "Mason", "Mia", "Lucas",
         "Grace", "Ethan", "Chloe", "Henry", "Zoe", "Daniel", "Lily", "Jack", "Ella", "Owen"]
LAST = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis",
        "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams"]
CARRIERS_ZH = ["顺丰速运", "中通快递", "圆通速递", "韵达快递"]
CARRIERS_EN = ["USPS", "UPS", "FedEx"]

# Conversation scripts: topic → turns of (direction, Chinese text, English text).
# {name} {product} {order} {tracking} {carrier} {agent} are filled in.
SCRIPTS: dict[str, list[tuple[str, str, str]]] = {
    "delivery": [
        ("in", "你好，我的订单{order}怎么还没发货？", "Hi, my order {order} hasn't shipped yet?"),
        ("out", "亲，您好！我是客服{agent}，马上帮您查一下～",
         "Hi {name}, this is {agent}. Let me check that for you."),
        ("out", "已经发出啦，{carrier}单号{tracking}，预计两天到。",
         "It shipped with {carrier}, tracking number {tracking}; it should arrive in two days."),
        ("in", "好的，谢谢！", "Great, thank you!"),
        ("in", "物流好几天没更新了，是不是丢件了？😟",
         "Tracking hasn't updated for days, is it lost? 😟"),
        ("out", "我们已经联系快递催件了，有消息第一时间告诉您。",
         "We've asked the carrier to look into it and will update you as soon as we hear."),
    ],
    "size": [
        ("in", "{product}我平时穿38的鞋，选M码还是L码？",
         "I wear a US 8 shoe, should I get the {product} in M or L?"),
        ("out", "亲，38码建议选M码，偏大半码，穿着刚好～",
         "For a US 8 we recommend M; they run half a size large."),
        ("in", "那偏大的话冬天穿袜子会不会挤？", "If they run large, will they be tight with socks?"),
        ("out", "穿厚袜子的话建议L码哦。", "With thick socks, go for L."),
        ("in", "好，那我拍L码了👍", "OK, ordering L then 👍"),
    ],
    "broken": [
        ("in", "收到的{product}碎了！！包装都压扁了", "My {product} arrived broken! The box was crushed."),
        ("out", "非常抱歉给您带来不好的体验！麻烦拍一下破损的照片和外包装发给我们。",
         "I'm so sorry! Could you send us a photo of the damage and the outer box?"),
        ("in", "[图片] [图片] 你们看吧", "[photo] [photo] here you go"),
        ("out", "收到，确认是运输破损，我们给您补发一个新的，或者直接退款，您看哪种方便？",
         "Thanks, that's transit damage. We can send a replacement or refund you, which do you prefer?"),
        ("in", "补发吧，下次包装好一点", "Send a replacement please, and pack it better this time"),
        ("out", "好的，今天就给您补发，已备注加固包装。",
         "Will do, it ships today with extra padding."),
    ],
    "invoice": [
        ("in", "请问可以开增值税普通发票吗？抬头是公司。",
         "Can I get an invoice with my company name on it?"),
        ("out", "可以的亲，麻烦提供公司抬头和税号。", "Of course, please send the company name and tax ID."),
        ("in", "抬头：上海栖木贸易有限公司，税号91310000MA1FL0000X",
         "Company: Northwind Traders LLC, tax ID 12-3456789"),
        ("out", "好的，电子发票会在三个工作日内发到您的邮箱。",
         "Thanks, the invoice will be e-mailed within three working days."),
    ],
    "haggle": [
        ("in", "{product}能便宜点吗？买两个", "Any discount on the {product} if I buy two?"),
        ("out", "亲，已经是活动价了哦，买两件可以送您一个小礼品～",
         "It's already on sale, but we can add a small gift for two."),
        ("in", "再便宜10块就下单", "Take 10 off and I'll order now"),
        ("out", "给您申请了一张5元优惠券，已经是最低啦。",
         "I've added a $2 coupon to your account, that's the best we can do."),
        ("in", "行吧😂", "Fine 😂"),
    ],
    "return": [
        ("in", "{product}颜色和图片不一样，想退货", "The {product} colour isn't like the photos, I'd like to return it"),
        ("out", "抱歉亲，支持七天无理由退货，您在订单里申请退货就可以。",
         "Sorry about that! You can return it within 7 days; just request a return on the order."),
        ("in", "运费谁出？", "Who pays return shipping?"),
        ("out", "商品与描述不符的话运费我们承担，寄回后填写单号即可。",
         "If it's not as described we cover shipping; just enter the tracking number after you send it."),
    ],
}
SCRIPT_NAMES = list(SCRIPTS)
FILLER = [
    ("in", "在吗？", "Hello?"),
    ("out", "在的亲，请问还有什么可以帮您？", "Yes, how else can I help?"),
    ("in", "好的收到", "Got it"),
    ("out", "不客气，祝您生活愉快～", "You're welcome, have a great day!"),
]

# Each in the language of the stores that use it: groups in Chinese for the Chinese stores,
# in English for the Shopify store.
QUICK_REPLIES = [
    ("问候", "hi", "欢迎语", "亲，您好！我是{store}的客服{agent}，很高兴为您服务～"),
    ("Greetings", "hello", "Greeting", "Hi {customer}, this is {agent} from {store}. How can I help?"),
    ("物流", "wl", "物流单号", "亲，您的订单{order_no}已发货，快递单号{tracking_no}，请注意查收。"),
    ("Shipping", "track", "Tracking", "Your order {order_no} has shipped: tracking number {tracking_no}."),
    ("物流", "cui", "催件", "已经帮您联系快递催件，有进展第一时间通知您。"),
    ("售后", "ps", "破损处理", "非常抱歉！麻烦提供破损照片和外包装照片，我们马上为您处理。"),
    ("售后", "th", "退货流程", "支持七天无理由退货：在订单页申请退货，寄回后填写快递单号即可。"),
    ("Returns", "return", "Returns", "You can return within 7 days of delivery: request it on the order page."),
    ("发票", "fp", "开发票", "可以开电子发票，请提供抬头和税号，三个工作日内发到邮箱。"),
    ("结束语", "bye", "结束语", "感谢您的支持，祝您生活愉快！有问题随时找我们～"),
]

COMPLAINT_SUMMARIES = {
    "product_quality": ("杯子使用一周出现裂纹", "Mug cracked after a week"),
    "wrong_item": ("发错颜色", "Received the wrong colour"),
    "missing_item": ("套装少了一只蜡烛", "Candle set was missing one candle"),
    "damaged_in_transit": ("花瓶运输途中破碎", "Vase broken in transit"),
    "logistics_delay": ("物流十天未到", "Parcel ten days late"),
    "description_mismatch": ("尺寸与描述不符", "Size not as described"),
    "service_attitude": ("客服回复态度差", "Rude reply from support"),
    "price_dispute": ("下单后第二天降价要求退差价", "Price dropped the day after ordering"),
    "after_sales": ("退货申请三天无人处理", "Return request ignored for three days"),
    "other": ("要求修改收货地址", "Wants the delivery address changed"),
}
COMPLAINT_STATUSES = ["new", "in_progress", "escalated", "resolved", "closed"]
# The demo stores' hours to resolve a complaint (a small shop's, not the strict defaults),
# set by finish_demo after loading, since the dataset format does not carry store rules.
DEMO_SLA_HOURS = {"sla_critical_hours": 24, "sla_high_hours": 48, "sla_normal_hours": 72,
                  "sla_low_hours": 120}
SLA_OF = {"critical": "sla_critical_hours", "high": "sla_high_hours",
          "normal": "sla_normal_hours", "low": "sla_low_hours"}
OVERDUE_SHARE = 0.12
SEVERITIES = ["low", "normal", "normal", "high", "critical"]

RETURN_PATHS: dict[str, list[tuple[str, list[str]]]] = {
    # final state → (kind, states in order)
    "requested": [("refund_only", ["requested"])],
    "approved": [("return_refund", ["requested", "approved"])],
    "rejected": [("refund_only", ["requested", "rejected"])],
    "awaiting_return": [("return_refund", ["requested", "approved", "awaiting_return"])],
    "return_shipped": [("exchange", ["requested", "approved", "awaiting_return", "return_shipped"])],
    "received": [("return_refund", ["requested", "approved", "awaiting_return",
                                    "return_shipped", "received"])],
    "refunded": [("refund_only", ["requested", "approved", "refunded"]),
                 ("return_refund", ["requested", "approved", "awaiting_return",
                                    "return_shipped", "received", "refunded"])],
    "exchange_shipped": [("exchange", ["requested", "approved", "awaiting_return",
                                       "return_shipped", "received", "exchange_shipped"])],
    "closed": [("return_refund", ["requested", "approved", "awaiting_return", "return_shipped",
                                  "received", "refunded", "closed"]),
               ("refund_only", ["requested", "rejected", "requested", "approved", "refunded",
                                "closed"])],
    "cancelled": [("return_refund", ["requested", "approved", "cancelled"])],
}
RECENT_RETURN_DAYS = 20  # open return cases come from orders placed in these last days
RETURN_REASONS = {
    "refund_only": ["missing_item", "late_delivery", "damaged_in_transit"],
    "return_refund": ["no_reason_7_days", "quality_issue", "not_as_described", "changed_mind"],
    "exchange": ["size_or_fit", "wrong_item", "quality_issue"],
}


def default_anchor() -> datetime:
    """Today at midnight UTC: the demo's "now". The same seed and day give the same shop."""
    today = datetime.now(UTC).date()
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


def _us_phone(i: int, _drawn: int) -> str:
    """A US number of its own for customer ``i`` (so that only the demo's deliberate second
    accounts share one); the random draw is still made to keep the demo's stream."""
    return f"+1 415 {200 + i // 10000} {i % 10000:04d}"


class _Demo:
    def __init__(self, size: DemoSize, seed: int, anchor: datetime) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.anchor = anchor
        self.zones = {s["key"]: ZoneInfo(s["timezone"]) for s in STORES}
        self.lang = {s["key"]: s["lang"] for s in STORES}
        self.orders_of: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.order_seq = 0

    def t(self, store: str, at: datetime) -> str:
        return at.astimezone(self.zones[store]).isoformat()

    def records(self) -> Iterator[dict[str, Any]]:
        yield {"format": FORMAT_NAME, "version": FORMAT_VERSION}
        for s in STORES:
            yield {"kind": "store", **{k: v for k, v in s.items() if k != "lang"}}
        for a in AGENTS:
            yield {"kind": "agent", **a}
        for t in TAGS:
            yield {"kind": "tag", **t}
        customers = list(self._customers())
        for c in customers:
            yield c["record"]
        yield from self._second_accounts(customers)
        yield from self._notes(customers)
        yield from self._orders(customers)
        convs = []
        for rec in self._conversations(customers):
            if rec["kind"] == "conversation":
                convs.append(rec)
            yield rec
        for i, (cat, code, title, body) in enumerate(QUICK_REPLIES):
            yield {"kind": "quick_reply", "key": f"qr{i + 1}", "category": cat, "code": code,
                   "title": title, "body": body}
        yield from article_records(self.anchor)
        yield from self._complaints(customers)
        yield from self._surveys(convs)
        yield from self._returns()

    def _customers(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for i in range(self.size.customers):
            english = rng.random() < 0.3
            stores = ["shopify"] if english else [rng.choice(["tmall", "tmall", "pdd"])]
            if rng.random() < 0.12:  # known in two stores
                stores.append(rng.choice([s["key"] for s in STORES if s["key"] not in stores]))
            if english:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                handle = f"{name.lower().replace(' ', '.')}{i + 1}"
                email = f"{handle}@example.com"
                phone = None if rng.random() < 0.6 else _us_phone(i, rng.randint(1000, 9999))
            else:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                handle = f"tb_{rng.randint(100, 999)}{i + 1:05d}"
                phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10**7, 10**8 - 1)}"
                email = None if rng.random() < 0.8 else f"user{i}@qq.com"
            created = self.anchor - timedelta(days=rng.randint(30, 720), minutes=rng.randint(0, 1440))
            tags = [t["key"] for t in TAGS if rng.random() < 0.08]
            key = f"c{i + 1}"
            record = {"kind": "customer", "key": key, "name": name, "phone": phone,
                      "email": email, "created_at": self.t(stores[0], created),
                      "tags": tags or None,
                      "identities": [{"store": s, "handle": handle if j == 0 else f"{handle}_{s}"}
                                     for j, s in enumerate(stores)]}
            yield {"key": key, "name": name, "stores": stores, "record": _clean(record),
                   "lang": "en" if english else "zh"}

    def _second_accounts(self, customers: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """One customer in fifty also has an account of its own in another store, with the
        same phone number or e-mail address: what the Customers page suggests merging. A
        separate random stream keeps the rest of the demo as it was."""
        rng = random.Random(len(customers) * 7919)
        for n, c in enumerate(rng.sample(customers, len(customers) // 50), start=1):
            record = c["record"]
            other = next(s["key"] for s in STORES if s["key"] not in c["stores"])
            handle = f"{record['identities'][0]['handle']}_{other}_2"
            yield _clean({"kind": "customer", "key": f"d{n}", "name": record["name"],
                          "phone": record.get("phone"), "email": record.get("email"),
                          "created_at": record["created_at"],
                          "identities": [{"store": other, "handle": handle}]})

    def _notes(self, customers: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        texts = {"zh": ["老客户，喜欢陶瓷系列", "上次发错货，注意核对", "要求发顺丰",
                        "生日在12月，可送小礼物"],
                 "en": ["Prefers e-mail, not chat", "Bought for a café, may order in bulk",
                        "Asked for gift wrapping last time"]}
        for c in customers:
            if self.rng.random() < 0.1:
                at = self.anchor - timedelta(days=self.rng.randint(1, 90))
                yield {"kind": "note", "customer": c["key"], "author": self.rng.choice(RESPONDERS),
                       "at": self.t(c["stores"][0], at), "text": self.rng.choice(texts[c["lang"]]),
                       "pinned": self.rng.random() < 0.3}

    def _orders(self, customers: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for c in customers:
            for store in c["stores"]:
                for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
                    yield self._order(c, store)

    def _order(self, c: dict[str, Any], store: str) -> dict[str, Any]:
        rng = self.rng
        usd = store == "shopify"
        self.order_seq += 1
        picks = rng.sample(PRODUCTS, rng.choice([1, 1, 2, 3]))
        items = [{"sku": p[0], "title": p[2] if usd else p[1], "qty": rng.choice([1, 1, 2]),
                  "unit_price": p[4] if usd else p[3]} for p in picks]
        goods = sum(Decimal(i["unit_price"]) * i["qty"] for i in items)
        shipping = Decimal("0.00") if not usd or goods >= 50 else Decimal("6.95")
        placed = self.anchor - timedelta(days=rng.randint(0, 180), minutes=rng.randint(0, 1440))
        age = (self.anchor - placed).days
        status = ("paid" if age < 2 else "shipped" if age < 5 else
                  rng.choice(["delivered", "completed", "completed"]))
        if rng.random() < 0.03:
            status = "cancelled"
        if usd:
            order_no = f"#{1000 + self.order_seq}"
        else:
            order_no = f"{rng.randint(2, 4)}{rng.randint(10**17, 10**18 - 1)}"  # 19 digits
        carrier = rng.choice(CARRIERS_EN if usd else CARRIERS_ZH) if status != "paid" else None
        tracking = (f"{'1Z' if usd else 'SF'}{rng.randint(10**11, 10**12 - 1)}"
                    if carrier else None)
        order = {"kind": "order", "key": f"o{self.order_seq}", "store": store,
                 "customer": c["key"], "order_no": order_no, "placed_at": self.t(store, placed),
                 "paid_at": self.t(store, placed + timedelta(minutes=rng.randint(1, 30))),
                 # not from rng, so the rest of the demo stays as it was before this field
                 "delivered_at": (
                     self.t(store, placed + timedelta(days=2 + self.order_seq % 3))
                     if status in ("delivered", "completed") else None),
                 "status": status, "currency": "USD" if usd else "CNY",
                 "total": str(goods + shipping), "shipping": str(shipping) if shipping else None,
                 "items": items, "carrier": carrier, "tracking_no": tracking}
        self.orders_of.setdefault((c["key"], store), []).append(
            {**order, "_placed": placed, "_total": goods + shipping})
        return _clean(order)

    def _conversations(self, customers: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        rng = self.rng
        n = self.size.conversations
        per_conv = (self.size.messages // n) if self.size.messages else None
        extra = (self.size.messages - per_conv * n) if self.size.messages and per_conv else 0
        for i in range(n):
            c = customers[rng.randrange(len(customers))]
            store = rng.choice(c["stores"])
            lang = self.lang[store] if c["lang"] == "zh" else "en"
            topic = rng.choice(SCRIPT_NAMES)
            # Most conversations are old and closed; the last few days are still open.
            recent = rng.random() < 0.15
            start = self.anchor - timedelta(
                seconds=rng.randint(600, 72 * 3600) if recent else rng.randint(3, 180) * 86400
                + rng.randint(0, 86399))
            orders = self.orders_of.get((c["key"], store)) or [None]
            order = orders[-1]
            agent_key = rng.choice(RESPONDERS[1:] if lang == "zh" else ["emma", "owner"])
            agent_name = next(a["name"] for a in AGENTS if a["key"] == agent_key)
            values = {
                "name": c["name"], "agent": agent_name,
                "product": (order["items"][0]["title"] if order else
                            rng.choice(PRODUCTS)[2 if lang == "en" else 1]),
                "order": order["order_no"] if order else "—",
                "tracking": (order or {}).get("tracking_no") or "SF1234567890",
                "carrier": (order or {}).get("carrier") or ("顺丰速运" if lang == "zh" else "UPS"),
            }
            if topic == "size":  # sizes are asked about slippers, whatever was ordered before
                values["product"] = "居家拖鞋" if lang == "zh" else "house slippers"
            turns = list(SCRIPTS[topic])
            if per_conv is None:
                turns = turns[: rng.randint(2, len(turns))]
            else:
                want = per_conv + (1 if i < extra else 0)
                while len(turns) < want:
                    turns.append(FILLER[len(turns) % len(FILLER)])
                turns = turns[:want]
            # The customer wrote last: needs a reply. The large demo keeps its exact count of
            # messages, so there the shop's last answer becomes the customer's "Hello?".
            if recent and rng.random() < 0.6:
                if per_conv is not None:
                    if turns and turns[-1][0] == "out":
                        turns[-1] = FILLER[0]
                else:
                    while turns and turns[-1][0] == "out":
                        turns.pop()
                    if not turns:
                        turns = [SCRIPTS[topic][0]]
            status = ("open" if recent else
                      rng.choice(["closed", "closed", "closed", "closed", "pending"]))
            if recent and turns[-1][0] == "out":
                status = rng.choice(["pending", "closed", "open"])
            if recent and rng.random() < 0.05:
                status = "snoozed"
            assignee = agent_key if (not recent or rng.random() < 0.6) else None
            key = f"v{i + 1}"
            subject = None
            if store == "shopify":
                subject = {"delivery": "Where is my order?", "size": "Sizing question",
                           "broken": "Damaged item", "invoice": "Invoice request",
                           "haggle": "Discount?", "return": "Return request"}[topic]
            yield _clean({"kind": "conversation", "key": key, "store": store, "customer": c["key"],
                          "status": status, "assignee": assignee, "subject": subject,
                          "created_at": self.t(store, start),
                          "external_id": f"{store}-{i + 1}"})
            at = start
            for j, (direction, zh, en) in enumerate(turns):
                at = at + timedelta(minutes=rng.randint(1, 25) if direction == "out" else
                                    rng.randint(1, 90))
                if at > self.anchor:
                    at = self.anchor - timedelta(seconds=len(turns) - j)
                body = (zh if lang == "zh" else en).format(**values)
                yield _clean({"kind": "message", "conversation": key, "at": self.t(store, at),
                              "direction": direction,
                              "author": (agent_key if direction == "out" else None), "text": body,
                              "external_id": f"{store}-{i + 1}-{j + 1}"})
            if status == "closed" and rng.random() < 0.2 and per_conv is None:
                yield {"kind": "message", "conversation": key,
                       "at": self.t(store, at + timedelta(minutes=1)), "direction": "note",
                       "author": agent_key,
                       "text": "已处理，客户满意" if lang == "zh" else "Resolved, customer happy"}

    def _complaints(self, customers: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        rng = self.rng
        categories = list(COMPLAINT_SUMMARIES)
        for i in range(self.size.complaints):
            c = customers[rng.randrange(len(customers))]
            store = c["stores"][0]
            orders = self.orders_of.get((c["key"], store))
            category = categories[i % len(categories)]
            status = COMPLAINT_STATUSES[(i // len(categories)) % len(COMPLAINT_STATUSES)]
            severity = SEVERITIES[rng.randrange(len(SEVERITIES))]
            # Finished tickets spread over six months. Open ones are within their time to
            # resolve, as in a shop that keeps up, except about one in eight, which is late.
            is_open = status in ("new", "in_progress", "escalated")
            days = 10 if is_open else 180
            drawn = rng.randint(0, days * 86400) / (days * 86400)  # 0‥1
            opened = self.anchor - timedelta(days=180 * drawn)
            if is_open:
                sla = timedelta(hours=DEMO_SLA_HOURS[SLA_OF[severity]])
                opened = self.anchor - (sla + timedelta(hours=1 + 40 * drawn / OVERDUE_SHARE)
                                        if drawn < OVERDUE_SHARE else
                                        max(sla * 0.35, sla - timedelta(hours=26))
                                        * (drawn - OVERDUE_SHARE) / (1 - OVERDUE_SHARE))
            first = opened + timedelta(minutes=rng.randint(5, 600)) if status != "new" else None
            resolved = (opened + timedelta(minutes=rng.randint(120, 96 * 60))
                        if status in ("resolved", "closed") else None)
            zh, en = COMPLAINT_SUMMARIES[category]
            english = self.lang[store] == "en"
            comp = None
            if resolved and rng.random() < 0.5:
                comp = f"{rng.choice([5, 10, 20, 30]) if english else rng.choice([10, 20, 50, 100])}.00"
            yield _clean({
                "kind": "complaint", "key": f"k{i + 1}", "store": store, "customer": c["key"],
                "order": orders[-1]["key"] if orders else None, "category": category,
                "severity": severity, "tier": 3 if status == "escalated" and rng.random() < 0.3
                else 2 if status == "escalated" else 1,
                "status": status, "opened_at": self.t(store, opened),
                "first_response_at": self.t(store, first) if first else None,
                "resolved_at": self.t(store, resolved) if resolved else None,
                "assignee": rng.choice(RESPONDERS) if status != "new" else None,
                "summary": en if english else zh,
                "resolution": ("Refunded shipping and apologised" if english else "已补偿并致歉")
                if resolved else None,
                "compensation": comp})

    def _surveys(self, convs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        rng = self.rng
        comments = {5: ["非常满意", "Great service!"], 4: ["满意", "Quick answer"],
                    3: ["一般", "OK"], 2: ["回复太慢", "Slow reply"], 1: ["很不满意", "Terrible"]}
        for conv in convs:
            if conv["status"] != "closed" or rng.random() < 0.4:
                continue
            score = rng.choices([5, 4, 3, 2, 1], weights=[50, 25, 12, 8, 5])[0]
            sent = datetime.fromisoformat(conv["created_at"]) + timedelta(minutes=rng.randint(60, 360))
            answered = sent + timedelta(minutes=rng.randint(1, 300))
            yield _clean({"kind": "survey", "conversation": conv["key"],
                          "agent": conv.get("assignee"), "score": score,
                          "comment": rng.choice(comments[score]) if rng.random() < 0.5 else None,
                          "sent_at": sent.isoformat(), "answered_at": answered.isoformat()})

    def _returns(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        candidates = [o for orders in self.orders_of.values() for o in orders
                      if o["status"] in ("delivered", "completed", "shipped")]
        rng.shuffle(candidates)
        # Cases still being worked belong to recent orders; closed and cancelled ones may be
        # old. (A shop does not leave a return open for months.)
        recent_since = self.anchor - timedelta(days=RECENT_RETURN_DAYS)
        pools = {True: [o for o in candidates if o["_placed"] >= recent_since],
                 False: [o for o in candidates if o["_placed"] < recent_since]}
        finals = list(RETURN_PATHS)
        for i in range(min(self.size.returns, len(candidates))):
            final = finals[i % len(finals)]
            wanted = final not in ("closed", "cancelled")
            order = (pools[wanted] or pools[not wanted]).pop()
            kind, states = RETURN_PATHS[final][(i // len(finals)) % len(RETURN_PATHS[final])]
            item = order["items"][0]
            qty = 1
            requested = Decimal(item["unit_price"]) * qty
            store = order["store"]
            at = order["_placed"] + timedelta(days=rng.randint(3, 9))
            if at > self.anchor:
                at = self.anchor - timedelta(hours=len(states) * 3)
            events = []
            for state in states:
                ev: dict[str, Any] = {"at": self.t(store, at), "state": state}
                if state != "requested":
                    ev["by"] = rng.choice(RESPONDERS)
                if state == "approved":
                    ev["amount"] = str(requested)
                if state == "return_shipped":
                    ev["carrier"] = rng.choice(CARRIERS_EN if store == "shopify" else CARRIERS_ZH)
                    ev["tracking_no"] = f"RT{rng.randint(10**10, 10**11 - 1)}"
                if state == "exchange_shipped":
                    ev["tracking_no"] = f"EX{rng.randint(10**10, 10**11 - 1)}"
                if state == "rejected":
                    ev["note"] = ("No photos of the damage" if store == "shopify"
                                  else "未提供破损照片")
                events.append(ev)
                at = min(at + timedelta(hours=rng.randint(2, 40)), self.anchor)
            yield _clean({"kind": "return", "key": f"r{i + 1}", "store": store,
                          "order": order["key"], "customer": order["customer"], "type": kind,
                          "reason": RETURN_REASONS[kind][i % len(RETURN_REASONS[kind])],
                          "reason_text": None, "items": [{"sku": item["sku"], "qty": qty}],
                          "requested": str(requested), "events": events})


def finish_demo(session: Session) -> None:
    """What the dataset format does not carry: the demo stores' complaint rules, and the
    times to resolve its tickets by them."""
    for store in session.scalars(select(Store)):
        store.settings = {**(store.settings or {}), **DEMO_SLA_HOURS}
    session.flush()
    for complaint in session.scalars(select(Complaint)):
        complaint.sla_due_at = (as_utc(complaint.opened_at)
                                + of_store(complaint.store).complaint_sla(complaint.severity))
    automation_builtin.ensure(session, enabled=True)  # switched on in the demo, off elsewhere
    automation_builtin.switch_all(session, True)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def demo_records(
    size: str = "small", seed: int = 1, anchor: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """The demo shop as dataset records, header first."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}")
    return _Demo(SIZES[size], seed, anchor or default_anchor()).records()
