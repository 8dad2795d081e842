"""Check a reply before it leaves, against its store's platform rules (services/presend_rules):
words the advertising law forbids (极限词), contact details that lead buyers off the
platform (phone numbers, WeChat and QQ, e-mail addresses, links to other sites) and ``{variables}`` left
unfilled. Findings only: the text is never changed, and the caller decides (the composer
warns and the agent sends anyway or edits).

Plain Python: findings carry a kind (a reason code), the span in the text and what matched;
the UI words them in the agent's language (ui/presend_text.py).

False positives are what make agents ignore a warning, so: 最 warns only outside the
ordinary words that hold it (最近, 最后, 最多 …: the platform's ``allowed`` list); a number is a
phone number only with a mobile's or a landline's shape and no digit or letter either side
(order and tracking numbers are longer or carry letters); QQ and WeChat need their name next
to the number or ID; a link warns only when it leads to a site that is not the platform's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from shopdesk.models import Conversation, Store
from shopdesk.services.presend_rules import Rules, rules_for
from shopdesk.textfold import fold


class Kind(StrEnum):
    WORD = "word"  # a word the advertising law forbids
    PHONE = "phone"
    WECHAT = "wechat"
    QQ = "qq"
    LINK = "link"  # a link to a site that is not the platform's
    EMAIL = "email"  # an e-mail address
    VARIABLE = "variable"  # a {variable} left unfilled


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int  # span in the checked text, [start, end)
    end: int
    text: str  # what matched, as written
    rule: str = ""  # the list entry that matched (a forbidden word), or the site's domain


_SEP = r"[-\s.·]?"
PHONE = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[-\s]?)?1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4}(?![0-9A-Za-z])"
    r"|(?<![0-9A-Za-z])(?:\(0\d{2,3}\)|0\d{2,3}-)\s?\d{7,8}(?![0-9A-Za-z])"
    r"|(?<![0-9A-Za-z])400-?\d{3}-?\d{4}(?![0-9A-Za-z])")
_WECHAT_NAME = r"(?<![a-z])(?:微信|威信|薇信|徽信|v信|vx|wx|wechat|weixin)"
_ADD = r"(?:加(?:我|一下|个)?\s*)"  # 加我, 加一下, 加个
WECHAT = re.compile(
    # the name with an ID (a letter, then 5–19 letters, digits, - or _) or a number after it
    _ADD + "?" + _WECHAT_NAME + r"\s*(?:号|id)?\s*[:：是为]?\s*"
    r"(?:[a-z][-_a-z0-9]{5,19}|\d{6,11})(?![-_a-z0-9])"
    # asking to be added there
    "|" + _ADD + _WECHAT_NAME, re.IGNORECASE)
_QQ_NAME = r"(?<![a-z])(?:qq|扣扣|企鹅)"
QQ = re.compile(_ADD + "?" + _QQ_NAME + r"\s*(?:号码?|群)?\s*[:：是为]?\s*[1-9]\d{4,10}(?!\d)"
                "|" + _ADD + _QQ_NAME, re.IGNORECASE)
LINK = re.compile(
    r"(?:https?://|www\.)[^\s，。！？、）)\]】>\"'“”]+"
    r"|(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|cn|net|org|top|xyz|vip|shop|store|cc|me|io|co|info"
    r"|link|site|hk|tw)(?:/[^\s，。！？、）)\]】>\"'“”]*)?(?![\w.])", re.IGNORECASE)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])", re.IGNORECASE)
VARIABLE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_HOST = re.compile(r"^(?:https?://)?([^/:?#\s]+)", re.IGNORECASE)


def _host(link: str) -> str:
    m = _HOST.match(link)
    return (m.group(1) if m else link).lower().rstrip(".")


def _own_site(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in domains)


def _folded(text: str) -> str:
    """The text folded (ＱＱ → qq) where that keeps every character in its place, so that a
    span in it is the same span in the text."""
    for folded in (fold(text), text.casefold()):
        if len(folded) == len(text):
            return folded
    return text


def _word_findings(text: str, folded: str, rules: Rules) -> list[Finding]:
    """Every occurrence of a forbidden word that is not inside an allowed word; where
    words overlap (全网最低 holds 最) the longest is the finding."""
    allowed_spans: list[tuple[int, int]] = []
    for word in rules.allowed:
        w = fold(word)
        if not w:
            continue
        at = folded.find(w)
        while at >= 0:
            allowed_spans.append((at, at + len(w)))
            at = folded.find(w, at + 1)
    found: list[Finding] = []
    for word in sorted(rules.words, key=len, reverse=True):
        w = fold(word)
        if not w:
            continue
        at = folded.find(w)
        while at >= 0:
            end = at + len(w)
            inside_allowed = any(a <= at and end <= b for a, b in allowed_spans)
            overlaps = any(f.start < end and at < f.end for f in found)
            if not inside_allowed and not overlaps and _word_boundary(folded, at, end, w):
                found.append(Finding(Kind.WORD, at, end, text[at:end], word))
            at = folded.find(w, at + 1)
    return found


def _word_boundary(folded: str, start: int, end: int, word: str) -> bool:
    """Latin entries (NO.1, TOP1) must be whole words: 'top10' and 'stop1' are not TOP1."""
    if not word.isascii():
        return True
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and
                                                                after.isalnum())


def check_text(text: str, rules: Rules) -> list[Finding]:
    """The findings of ``text`` under ``rules``, in the order they appear."""
    folded = _folded(text)
    found = _word_findings(text, folded, rules)
    if rules.contacts:
        taken: list[tuple[int, int]] = []
        for kind, pattern in ((Kind.WECHAT, WECHAT), (Kind.QQ, QQ), (Kind.EMAIL, EMAIL),
                              (Kind.LINK, LINK), (Kind.PHONE, PHONE)):
            for m in pattern.finditer(folded):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue  # a WeChat ID that is a phone number is one finding
                rule = ""
                if kind is Kind.LINK:
                    rule = _host(m.group(0))
                    if _own_site(rule, rules.domains):
                        continue
                taken.append((m.start(), m.end()))
                found.append(Finding(kind, m.start(), m.end(), text[m.start():m.end()], rule))
    found += [Finding(Kind.VARIABLE, m.start(), m.end(), m.group(0), m.group(0))
              for m in VARIABLE.finditer(text)]
    return sorted(found, key=lambda f: (f.start, f.end))


def platform_of(session: Session, conversation_id: int) -> str | None:
    conv = session.get(Conversation, conversation_id)
    store = session.get(Store, conv.store_id) if conv is not None else None
    return store.platform.value if store is not None else None


def check(session: Session, conversation_id: int, text: str) -> list[Finding]:
    """Check a reply in a conversation against its store's platform rules."""
    platform = platform_of(session, conversation_id)
    if platform is None:
        return []
    return check_text(text, rules_for(session, platform))
