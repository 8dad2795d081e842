"""What the services say when two agents work on one record at once, in the UI's language:
the refusal of a stale action (``services/audit.stale``), for every kind of record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def live_patterns() -> list[tuple[str, str]]:
    """(pattern, translated sentence with %1, %2… for the pattern's groups)."""
    named = QCoreApplication.translate("LiveText", "This %1 was changed by %2 at %3; reload it and try again.")
    someone_at = QCoreApplication.translate("LiveText", "This %1 was changed by someone else at %2; reload it and try again.")
    someone = QCoreApplication.translate("LiveText", "This %1 was changed by someone else; reload it and try again.")
    nouns = {"case": QCoreApplication.translate("LiveText", "case"), "complaint": QCoreApplication.translate("LiveText", "complaint"),
             "conversation": QCoreApplication.translate("LiveText", "conversation"), "customer's tags": QCoreApplication.translate("LiveText", "customer's tags")}
    out: list[tuple[str, str]] = []
    for english, noun in nouns.items():
        def fill(template: str, noun: str = noun) -> str:  # %1 is the noun; the rest move up
            return (template.replace("%1", noun).replace("%2", "%1").replace("%3", "%2"))

        out += [
            (rf"This {english} was changed by someone else at (\d\d:\d\d); reload it and try "
             r"again\.", fill(someone_at)),
            (rf"This {english} was changed by someone else; reload it and try again\.",
             fill(someone)),
            (rf"This {english} was changed by (.+) at (\d\d:\d\d); reload it and try again\.",
             fill(named)),
        ]
    out.append((r"This case was changed by someone else a moment ago; reload it\.",
                QCoreApplication.translate("LiveText", "This case was changed by someone else a moment ago; reload it.")))
    return out
