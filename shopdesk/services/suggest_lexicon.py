"""What customers mean, in the words they use: a small after-sales thesaurus in Chinese and
English. A message and a candidate answer that name the same concept (a parcel that has
not arrived, a broken item, an invoice) share a feature ``c:<concept>`` even when they share
no word, and across the two languages ("where is my parcel" meets "物流单号").

Triggers are matched on folded text (NFKC, lower case): Chinese ones as substrings, Latin
ones at word starts (``ship`` matches "shipped", not "worship"). Keep each trigger specific
to its concept; a trigger in two concepts counts for both."""

from __future__ import annotations

CONCEPTS: dict[str, tuple[str, ...]] = {
    "greeting": (
        "在吗", "在不在", "在么", "有人吗", "有人在", "你好", "您好", "哈喽", "嗨", "客服",
        "请问一下", "咨询一下", "问一下", "hello", "hi", "hey", "anyone there", "anybody",
        "good morning", "good afternoon", "is someone", "are you there", "greeting",
    ),
    "logistics": (
        "物流", "快递", "发货", "发了", "发出", "单号", "运单", "到哪", "哪里了", "什么时候到",
        "几天到", "多久到", "还没收到", "没收到", "收到货", "查件", "寄出", "包裹", "顺丰",
        "中通", "圆通", "韵达", "申通", "ems", "派送", "配送", "到货", "签收", "track",
        "ship", "parcel", "package", "deliver", "arriv", "courier", "where is my", "where's my",
        "order status", "dispatch", "sent out", "fedex", "ups", "usps", "dhl",
    ),
    "hurry": (
        "催", "怎么还没", "还没到", "还没有到", "太慢", "好慢", "很慢", "这么慢", "好几天",
        "一直没", "一直不", "不动", "没更新", "没动静", "几天了", "一周了", "一个星期",
        "急用", "着急", "急着", "快点", "尽快", "加急", "停了", "卡住", "卡在", "延误",
        "slow", "late", "still not", "still hasn't", "still haven't", "not moving", "stuck",
        "hurry", "urgent", "asap", "delay", "taking forever", "so long", "weeks", "days ago",
        "speed up", "chase",
    ),
    "damage": (
        "破", "碎", "坏", "裂", "损", "摔", "瘪", "凹", "划痕", "刮花", "漏", "缺角", "掉漆",
        "变形", "烂", "压坏", "不能用", "用不了", "质量问题", "broken", "broke", "damag",
        "crack", "shatter", "smash", "dent", "scratch", "chipped", "leak", "defect", "faulty",
        "照片", "拍照", "photo", "picture",
    ),
    "return": (
        "退货", "退回", "退款", "退掉", "退了", "退一下", "能退", "可以退", "想退", "要退", "换货",
        "换一个", "调换", "不想要", "不要了", "不合适", "七天", "7天", "无理由", "寄回",
        "退换", "售后", "return", "refund", "send back", "send it back", "exchange",
        "money back", "don't want", "do not want", "changed my mind", "doesn't fit",
        "does not fit", "too small", "too big", "cancel",
    ),
    "invoice": (
        "发票", "发漂", "开票", "开个票", "开张票", "票据", "抬头", "税号", "专票", "普票",
        "报销", "收据", "增值税", "invoice", "receipt", "vat", "tax id", "fapiao", "billing",
    ),
    "thanks": (
        "谢谢", "谢啦", "感谢", "多谢", "好的", "好滴", "好嘞", "收到了", "明白", "知道了",
        "没问题", "辛苦", "再见", "拜拜", "麻烦了", "ok", "okay", "thank", "thx", "cheers",
        "bye", "great", "got it", "appreciate", "that's all", "all good", "good day",
    ),
}


def triggers() -> list[tuple[str, str]]:
    """(folded trigger, concept) for every trigger, longest first."""
    pairs = [(word, concept) for concept, words in CONCEPTS.items() for word in words]
    return sorted(pairs, key=lambda p: -len(p[0]))
