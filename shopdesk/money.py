"""Money: integer minor units in the database, ``Decimal`` in Python, never ``float``.

This is the one place that converts between the three forms a program meets: the minor
units stored in the database, the ``Decimal`` used in calculations, and the text a person or
a file writes ("1,299.00", "¥128.00", "128").
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from decimal import Context, Decimal, InvalidOperation, getcontext, localcontext

from shopdesk.errors import MoneyError

# ISO 4217 minor-unit exponents for the currencies a shop is likely to meet.
_EXPONENTS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "KWD": 3, "BHD": 3, "JOD": 3}
_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$", "TWD": "NT$"}
_AMOUNT_RE = re.compile(r"^-?\d+(\.\d+)?$")


def exponent(currency: str) -> int:
    """Number of decimal places of ``currency``'s minor unit (2 unless ISO says otherwise)."""
    return _EXPONENTS.get(currency.upper(), 2)


def parse_amount(text: str, currency: str) -> int:
    """Parse a decimal amount ("1,299.00", "128", "¥12.5") into minor units.

    Refuses anything that is not an exact amount in ``currency`` (more decimals than the
    currency has, letters, empty text) with a message fit for a user.
    """
    if not isinstance(text, str):
        raise MoneyError(f"amount must be written as text like \"12.50\", not {text!r}")
    cleaned = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    for symbol in sorted(set(_SYMBOLS.values()) | {"￥"}, key=len, reverse=True):
        if cleaned.startswith(symbol):
            cleaned = cleaned[len(symbol):]
        elif cleaned.startswith("-" + symbol):
            cleaned = "-" + cleaned[len(symbol) + 1:]
    if not _AMOUNT_RE.match(cleaned):
        raise MoneyError(f"'{text}' is not an amount")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already rules this out
        raise MoneyError(f"'{text}' is not an amount") from exc
    return to_minor(value, currency)


_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_WORDS_AFTER = {"CNY": ("元", "块", "圆"), "JPY": ("円",)}


def amounts_named(text: str, currency: str) -> list[int]:
    """The amounts in ``currency`` that ``text`` names, in minor units, in order: a number
    after the currency's symbol or code ("¥358.00", "CNY 358") or before its code or word
    ("300元"). A message written by hand is checked with it against the amount it states."""
    code = currency.upper()
    before = {code, _SYMBOLS.get(code, code)} | ({"￥"} if _SYMBOLS.get(code) == "¥" else set())
    after = {code, *_WORDS_AFTER.get(code, ())}
    pattern = (f"(?:{'|'.join(map(re.escape, sorted(before, key=len, reverse=True)))})"
               f"\\s*{_NUMBER}|(?<![\\d.,]){_NUMBER}\\s*(?:{'|'.join(map(re.escape, after))})")
    found = []
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        try:
            found.append(parse_amount(match.group(1) or match.group(2), currency))
        except MoneyError:  # "1.005": not an amount in this currency
            continue
    return found


def to_minor(value: Decimal, currency: str) -> int:
    """Convert an exact ``Decimal`` to minor units; refuses fractions of a minor unit."""
    if isinstance(value, float):
        raise MoneyError("money must never be a float")
    scaled = Decimal(value).scaleb(exponent(currency))
    if scaled != scaled.to_integral_value():
        raise MoneyError(
            f"{value} has more than {exponent(currency)} decimal places for {currency}"
        )
    return int(scaled)


def to_decimal(minor: int, currency: str) -> Decimal:
    """Minor units to an exact ``Decimal`` with the currency's number of places."""
    places = exponent(currency)
    with _exact(minor, places):
        return (Decimal(minor).scaleb(-places)).quantize(Decimal(1).scaleb(-places))


def _exact(minor: int, places: int) -> AbstractContextManager[Context]:
    """A decimal context in which any whole number of minor units is never rounded (the
    default keeps 28 digits)."""
    context = getcontext().copy()
    context.prec = max(context.prec, len(str(abs(int(minor)))) + places + 1)
    return localcontext(context)


def format_plain(minor: int, currency: str) -> str:
    """"1299.00": the form datasets and files use (no grouping, no symbol)."""
    return str(to_decimal(minor, currency))


def format_money(minor: int, currency: str, *, symbol: bool = True) -> str:
    """"¥1,299.00" / "$12.50": the form people read."""
    value = to_decimal(minor, currency)
    places = exponent(currency)
    sign = "-" if value < 0 else ""
    with _exact(minor, places):
        text = f"{abs(value):,.{places}f}"
    prefix = _SYMBOLS.get(currency.upper(), currency.upper() + " ") if symbol else ""
    return f"{sign}{prefix}{text}"
