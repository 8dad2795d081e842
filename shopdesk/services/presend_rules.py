"""Each platform's pre-send rules: the words the advertising law forbids, the ordinary words
that contain one (最近 holds 最 and is fine), whether contact details are checked, and the
platform's own sites (a link to them is no contact outside the platform).

The defaults follow the Advertising Law of the PRC (《广告法》 art. 9 (3): no 国家级, 最高级,
最佳 or the like; art. 4 and 28: no false or absolute claims) and the lists of 极限词 that
Taobao, Tmall, JD, Pinduoduo and Douyin check listings and chats against; contact details
that lead buyers off the platform (phone numbers, WeChat, QQ, other sites) are penalised on
those five (淘宝 《禁止站外引流》, 京东 《站外引流》, 拼多多 and 抖店 rules alike). Shopify,
Amazon, e-mail and others get the words but no contact check (an e-mail reply may well carry
a phone number). The migration seeds these rows; the owner edits them in Settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Platform, PresendRule
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require
from shopdesk.times import utcnow

WORDS = [
    # 最 and its compounds (最 alone warns unless it is part of an allowed word below)
    "最", "全网最低", "史上最低", "最高级", "最佳", "最优", "最便宜",
    # 第一, 唯一 and 首
    "第一", "全网第一", "销量第一", "排名第一", "唯一", "首个", "首选", "首家", "全球首发",
    "全国首家", "独家", "独一无二", "绝无仅有", "NO.1", "TOP1",
    # 级 and 极
    "国家级", "世界级", "全球级", "宇宙级", "顶级", "顶尖", "极品", "极致", "终极", "至尊",
    "巅峰", "王牌", "销量冠军", "领袖品牌", "领导品牌", "遥遥领先", "史无前例", "前无古人",
    "万能", "无敌",
    # authority and quality claims
    "国家免检", "免检", "特供", "专供", "国家领导人推荐", "驰名商标",
    # pressure to buy now
    "秒杀全网", "随时涨价", "仅此一次", "错过就没了",
]
# Ordinary words that contain a forbidden one: a match inside one of these is no finding.
ALLOWED = [
    "最近", "最后", "最终", "最初", "最早", "最晚", "最迟", "最多", "最少", "最快", "最慢",
    "最好先", "您最好", "最好是", "最好在", "最新进展", "最新消息", "最新物流",
    "第一次", "第一天", "第一个", "第一件", "第一步", "第一时间", "第一批", "第一单",
    "第一眼", "第一条", "第一张", "第一页", "第一周", "第一位", "第一箱", "第一包",
    "唯一的办法", "首个工作日",
]
CONTACTS = {Platform.TAOBAO, Platform.TMALL, Platform.JD, Platform.PINDUODUO, Platform.DOUYIN}
DOMAINS = {
    Platform.TAOBAO: ["taobao.com", "tmall.com", "tb.cn", "alicdn.com", "alipay.com"],
    Platform.TMALL: ["tmall.com", "taobao.com", "tb.cn", "alicdn.com", "alipay.com"],
    Platform.JD: ["jd.com", "jd.hk", "3.cn", "360buyimg.com"],
    Platform.PINDUODUO: ["pinduoduo.com", "yangkeduo.com"],
    Platform.DOUYIN: ["douyin.com", "jinritemai.com", "iesdouyin.com"],
}


@dataclass(frozen=True)
class Rules:
    platform: str
    words: tuple[str, ...]
    allowed: tuple[str, ...]
    contacts: bool
    domains: tuple[str, ...]


def default_rules(platform: str) -> Rules:
    p = Platform(platform) if platform in Platform._value2member_map_ else Platform.OTHER
    return Rules(p.value, tuple(WORDS), tuple(ALLOWED), p in CONTACTS,
                 tuple(DOMAINS.get(p, ())))


def seed_rows() -> list[dict[str, object]]:
    """The rows the migration writes: the defaults of every platform."""
    rows = []
    for p in Platform:
        r = default_rules(p.value)
        rows.append({"platform": p.value, "words": "\n".join(r.words),
                     "allowed": "\n".join(r.allowed), "contacts": r.contacts,
                     "domains": "\n".join(r.domains)})
    return rows


def _lines(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def rules_for(session: Session, platform: str) -> Rules:
    """The platform's rules as the owner left them (the defaults when it has no row)."""
    row = session.scalar(select(PresendRule).where(PresendRule.platform == str(platform)))
    if row is None:
        return default_rules(str(platform))
    return Rules(row.platform, _lines(row.words), _lines(row.allowed), row.contacts,
                 _lines(row.domains))


def save(session: Session, actor: Agent, platform: str, words: str, allowed: str,
         contacts: bool, domains: str) -> Rules:
    """Replace a platform's rules (lists as text, one entry a line)."""
    require(actor, Action.MANAGE_SETTINGS)
    if platform not in Platform._value2member_map_:
        raise ShopDeskError(f"Unknown platform '{platform}'.")
    row = session.scalar(select(PresendRule).where(PresendRule.platform == platform))
    before = None
    if row is None:
        row = PresendRule(platform=platform)
        session.add(row)
    else:
        before = {"words": row.words, "allowed": row.allowed, "contacts": row.contacts,
                  "domains": row.domains}
    row.words, row.allowed = "\n".join(_lines(words)), "\n".join(_lines(allowed))
    row.contacts, row.domains = bool(contacts), "\n".join(_lines(domains))
    row.updated_at = utcnow()
    session.flush()
    audit.record(session, actor.id, "presend_rules.update", "presend_rules", row.id, before,
                 {"words": row.words, "allowed": row.allowed, "contacts": row.contacts,
                  "domains": row.domains})
    return rules_for(session, platform)
