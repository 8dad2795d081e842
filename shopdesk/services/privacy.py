"""Masking of personal data: the one function for the whole program.

Agents see phone numbers, e-mail addresses and postal addresses masked everywhere (screens,
copies, exports); the owner and the bookkeeper see them in full. Everything that shows one
asks ``phone_for`` / ``email_for`` / ``address_for`` with the agent at the keyboard, and
the customer search finds what is masked by the whole only (services/customer_list.py).
"""

from __future__ import annotations

import re

from shopdesk.services.permissions import Action, AgentLike, can

_DIGIT = re.compile(r"\d")
# Chinese addresses: keep province, city and district; hide the street and number.
_CN_REGION = re.compile(r"^(.*?(?:省|自治区|市))?(.*?(?:市|州|盟))?(.*?(?:区|县|旗))")


def mask_phone(phone: str) -> str:
    """"13812345678" → "138****5678"; "+1 415 555 2073" → "+1 415 *** 2073" (digits masked,
    the first three and last four kept, separators kept)."""
    digits = _DIGIT.findall(phone)
    if len(digits) <= 7:
        return "*" * len(phone)
    keep_head, keep_tail = 3, 4
    if phone.startswith("+"):  # keep the country code as well
        keep_head = len(phone.split()[0]) - 1 + 3 if " " in phone else 3
    out, seen = [], 0
    total = len(digits)
    for ch in phone:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > total - keep_tail else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_address(address: str) -> str:
    """Keep the region, hide the street: "广东省深圳市南山区科技园路1号" → "广东省深圳市南山区****";
    "12 Market St, Apt 4B, San Francisco, CA 94103" → "****, San Francisco, CA 94103"."""
    text = address.strip()
    if not text:
        return text
    match = _CN_REGION.match(text)
    if match and match.group(0) and match.end() < len(text):
        return match.group(0) + "****"
    parts = text.split(",")  # "street, [apartment, …,] city, state ZIP"
    if len(parts) == 1:
        return "****"
    return ",".join(["****", *(parts[-2:] if len(parts) > 2 else parts[-1:])])


def mask_email(email: str) -> str:
    """Keep the first character and the domain: "wang.fang@example.com" → "w***@example.com"
    (three stars, whatever its length); no "@": all but the first character hidden."""
    text = email.strip()
    local, at, domain = text.rpartition("@")
    if not at:
        return text[:1] + "***" if text else text
    return local[:1] + "***@" + domain


def mask_name(name: str) -> str:
    """Keep the first character of each word: "王芳" → "王*", "Emma Stone" → "E*** S****"."""
    return " ".join(word[:1] + "*" * (len(word) - 1) if len(word) > 1 else word
                    for word in name.split())


def phone_for(agent: AgentLike | None, phone: str | None) -> str | None:
    if not phone:
        return phone
    return phone if can(agent, Action.SEE_PERSONAL_DATA) else mask_phone(phone)


def email_for(agent: AgentLike | None, email: str | None) -> str | None:
    if not email:
        return email
    return email if can(agent, Action.SEE_PERSONAL_DATA) else mask_email(email)


def handle_for(agent: AgentLike | None, handle: str) -> str:
    """A store handle as ``agent`` may see it: an e-mail store's (or any store's) handle
    that is an e-mail address is masked as one; a buyer nick is not personal data."""
    return email_for(agent, handle) or handle if "@" in handle else handle


def address_for(agent: AgentLike | None, address: str | None) -> str | None:
    if not address:
        return address
    return address if can(agent, Action.SEE_PERSONAL_DATA) else mask_address(address)
