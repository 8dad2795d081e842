"""What channels and store checks say (English, from the services) in the UI's language.

The services speak plain English; their sentences about connections and store settings
are matched here and said again through ``tr``, with the names and numbers kept."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication


# (pattern, translated sentence with %1, %2… for the pattern's groups)
def _patterns() -> list[tuple[str, str]]:
    return [
        (r"(\w+): the server “(.+)” was not found\. Check the server name\.",
         QCoreApplication.translate("ChannelText", "%1: the server “%2” was not found. Check the server name.")),
        (r"(\w+): (\S+) refused the connection\. Check the port\.",
         QCoreApplication.translate("ChannelText", "%1: %2 refused the connection. Check the port.")),
        (r"(\w+): (\S+) did not answer within (\d+) seconds\.",
         QCoreApplication.translate("ChannelText", "%1: %2 did not answer within %3 seconds.")),
        (r"(\w+): the certificate of (\S+) is not trusted \((.*)\)\.",
         QCoreApplication.translate("ChannelText", "%1: the certificate of %2 is not trusted (%3).")),
        (r"(\w+): the secure connection \(TLS\) to (\S+) failed \((.*)\)\. Check the port "
         r"and whether the server wants TLS or STARTTLS\.",
         QCoreApplication.translate("ChannelText", "%1: the secure connection (TLS) to %2 failed (%3). Check the port and whether "
            "the server wants TLS or STARTTLS.")),
        (r"(\w+): the server refused the user name or password\.",
         QCoreApplication.translate("ChannelText", "%1: the server refused the user name or password.")),
        (r"(\w+): (\S+) does not offer STARTTLS\. Choose TLS, or another port\.",
         QCoreApplication.translate("ChannelText", "%1: %2 does not offer STARTTLS. Choose TLS, or another port.")),
        (r"(\w+): the connection to (\S+) was lost\.",
         QCoreApplication.translate("ChannelText", "%1: the connection to %2 was lost.")),
        (r"IMAP: signed in to (\S+) as (\S+); the mailbox (.+) holds (\S+) messages\.",
         QCoreApplication.translate("ChannelText", "IMAP: signed in to %1 as %2; the mailbox %3 holds %4 messages.")),
        (r"SMTP: signed in to (\S+) as (\S+)\.", QCoreApplication.translate("ChannelText", "SMTP: signed in to %1 as %2.")),
        (r"IMAP: the mailbox “(.+)” does not exist on the server\.",
         QCoreApplication.translate("ChannelText", "IMAP: the mailbox “%1” does not exist on the server.")),
        (r"There is no password for this store's mailbox on this computer\. Enter it in "
         r"Settings → Stores\.",
         QCoreApplication.translate("ChannelText", "There is no password for this store's mailbox on this computer. Enter it in "
            "Settings → Stores.")),
        (r"This customer has no e-mail address in this store\.",
         QCoreApplication.translate("ChannelText", "This customer has no e-mail address in this store.")),
        (r"The demo channel needs no connection\.", QCoreApplication.translate("ChannelText", "The demo channel needs no connection.")),
        (r"This store has no channel to test\.", QCoreApplication.translate("ChannelText", "This store has no channel to test.")),
        (r"The store's e-mail address is missing or not an address\.",
         QCoreApplication.translate("ChannelText", "The store's e-mail address is missing or not an address.")),
        (r"The (\w+) server is missing\.", QCoreApplication.translate("ChannelText", "The %1 server is missing.")),
        (r"The (\w+) port must be between 1 and 65535\.",
         QCoreApplication.translate("ChannelText", "The %1 port must be between 1 and 65535.")),
        (r"The start date must be a date like 2026-11-01\.",
         QCoreApplication.translate("ChannelText", "The start date must be a date like 2026-11-01.")),
        (r"The store needs a name\.", QCoreApplication.translate("ChannelText", "The store needs a name.")),
        (r"The colour must look like #FF5000\.", QCoreApplication.translate("ChannelText", "The colour must look like #FF5000.")),
        (r"The currency must be a three-letter code such as CNY or USD\.",
         QCoreApplication.translate("ChannelText", "The currency must be a three-letter code such as CNY or USD.")),
        (r"“(.+)” is not a time zone \(for example Asia/Shanghai\)\.",
         QCoreApplication.translate("ChannelText", "“%1” is not a time zone (for example Asia/Shanghai).")),
        (r"The reply target must be between 1 minute and 7 days\.",
         QCoreApplication.translate("ChannelText", "The reply target must be between 1 minute and 7 days.")),
        (r"Working hours must end after they start\.",
         QCoreApplication.translate("ChannelText", "Working hours must end after they start.")),
        (r"Choose at least one working day\.", QCoreApplication.translate("ChannelText", "Choose at least one working day.")),
        (r"This store has orders in (\w+); its currency cannot change\.",
         QCoreApplication.translate("ChannelText", "This store has orders in %1; its currency cannot change.")),
    ]


def translated(text: str) -> str:
    """``text`` in the UI's language, sentence by sentence; unknown sentences stay."""
    if not text:
        return text
    patterns = _patterns()

    def one(sentence: str) -> str | None:
        for pattern, target in patterns:
            match = re.fullmatch(pattern, sentence)
            if match:
                for n, value in enumerate(match.groups(), start=1):
                    target = target.replace(f"%{n}", value)
                return target
        return None

    whole = one(text)
    if whole is not None:
        return whole
    return " ".join(one(s) or s for s in re.split(r"(?<=\.)\s+(?=[A-Z“])", text))
