"""Errors with a message fit for a user. The UI shows the message; the log gets the traceback."""

from __future__ import annotations


def short(text: str, longest: int = 60) -> str:
    """``text`` as a message quotes it: cut after ``longest`` characters with how long it
    was, so that a field of 100,000 characters does not fill the screen or the log."""
    return text if len(text) <= longest else f"{text[:longest]}… ({len(text):,} characters)"


class ShopDeskError(Exception):
    """Base of every error ShopDesk raises on purpose. ``str(err)`` is the user's message."""


class ConfigurationError(ShopDeskError):
    """The program cannot start with the given settings (bad database URL, unreachable server)."""


class DatasetError(ShopDeskError):
    """A dataset file cannot be loaded. Names the line and the field."""

    def __init__(self, message: str, line: int | None = None, field: str | None = None) -> None:
        self.line = line
        self.field = field
        where = []
        if line is not None:
            where.append(f"line {line}")
        if field:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class TransitionError(ShopDeskError):
    """A return case was asked to move to a state the state machine does not allow."""


class MoneyError(ShopDeskError):
    """An amount is malformed or breaks a money rule (cap, currency)."""


class ConfirmationNeeded(MoneyError):
    """An amount the owner may pay only with a written reason (more than the order paid)."""


class StaleDataError(ShopDeskError):
    """Somebody else changed the record since it was read."""
