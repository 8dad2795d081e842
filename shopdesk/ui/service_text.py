"""What the services say (plain English) in the UI's language: channels and store checks,
returns and money rules, and who may do what.

The services speak plain English; their sentences are matched here and said again through
Qt's translations, with the names and numbers kept. A sentence without a pattern stays as
it is (tests/test_translations.py lists the services' sentences that must have one)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from shopdesk.services.permissions import Action, AgentLike, denial
from shopdesk.ui.service_text_automation import automation_patterns
from shopdesk.ui.service_text_files import backup_patterns, import_patterns
from shopdesk.ui.service_text_knowledge import knowledge_patterns
from shopdesk.ui.service_text_live import live_patterns
from shopdesk.ui.service_text_settings import settings_patterns


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


def _case_patterns() -> list[tuple[str, str]]:
    """Returns and refunds (services/return_opening.py, return_steps.py, returns.py) and money (money.py)."""
    return [
        (r"Choose at least one item and how many\.",
         QCoreApplication.translate("ServiceText", "Choose at least one item and how many.")),
        (r"(.+) is not in order (.+)\.", QCoreApplication.translate("ServiceText", "%1 is not in order %2.")),
        (r"The quantity of (.+) cannot be negative\.", QCoreApplication.translate("ServiceText", "The quantity of %1 cannot be negative.")),
        (r"(.+): (\d+) is more than can still be returned \((\d+) bought, (\d+) already in "
         r"other returns\)\.",
         QCoreApplication.translate("ServiceText", "%1: %2 is more than can still be returned (%3 bought, %4 already in other "
            "returns).")),
        (r"Enter an amount more than zero\.", QCoreApplication.translate("ServiceText", "Enter an amount more than zero.")),
        (r"At most (\S+) can be refunded: (\S+) was paid for order (\S+) and (\S+) has "
         r"already been refunded\.",
         QCoreApplication.translate("ServiceText", "At most %1 can be refunded: %2 was paid for order %3 and %4 has already been "
            "refunded.")),
        (r"Say what the customer gets in exchange \(the replacement item\)\.",
         QCoreApplication.translate("ServiceText", "Say what the customer gets in exchange (the replacement item).")),
        (r"Order (\S+) is outside the (\d+)-day no-reason window; choose the real reason or "
         r"another kind of settlement\.",
         QCoreApplication.translate("ServiceText", "Order %1 is outside the %2-day no-reason window; choose the real reason or "
            "another kind of settlement.")),
        (r"Describe the reason when it is “Other”\.", QCoreApplication.translate("ServiceText", "Describe the reason when it is “Other”.")),
        (r"Order (\S+) belongs to (.+), not to the customer of this conversation\.",
         QCoreApplication.translate("ServiceText", "Order %1 belongs to %2, not to the customer of this conversation.")),
        (r"This return case no longer exists\.", QCoreApplication.translate("ServiceText", "This return case no longer exists.")),
        (r"Give the reason; the customer will see it\.",
         QCoreApplication.translate("ServiceText", "Give the reason; the customer will see it.")),
        (r"Enter the tracking number\.", QCoreApplication.translate("ServiceText", "Enter the tracking number.")),
        (r"A bookkeeper sees returns but does not change them\.",
         QCoreApplication.translate("ServiceText", "A bookkeeper sees returns but does not change them.")),
        (r"(\S+) is above your refund limit of (\S+); the case waits for the owner\. Hand it "
         r"to the owner with “Ask the owner”\.",
         QCoreApplication.translate("ServiceText", "%1 is above your refund limit of %2; the case waits for the owner. Hand it to "
            "the owner with “Ask the owner”.")),
        (r"There is no active owner to approve this case\.",
         QCoreApplication.translate("ServiceText", "There is no active owner to approve this case.")),
        (r"an amount must be more than zero",
         QCoreApplication.translate("ServiceText", "Enter an amount more than zero.")),
        (r"this case has already been refunded", QCoreApplication.translate("ServiceText", "This case has already been refunded.")),
        (r"a case must be approved before it is refunded",
         QCoreApplication.translate("ServiceText", "A case must be approved before it is refunded.")),
        (r"approved (\S+) is more than the requested (\S+) (\w+)",
         QCoreApplication.translate("ServiceText", "The approved %1 is more than the requested %2 %3.")),
        (r"refund (\S+) is more than the approved (\S+) (\w+)",
         QCoreApplication.translate("ServiceText", "The refund of %1 is more than the approved %2 %3.")),
        (r"refunds of (\S+) (\w+) would exceed the (\S+) (\w+) paid for the order",
         QCoreApplication.translate("ServiceText", "Refunds of %1 %2 would exceed the %3 %4 paid for the order.")),
        (r"'(.*)' is not an amount", QCoreApplication.translate("ServiceText", "“%1” is not an amount.")),
        (r"(\S+) has more than (\d+) decimal places for (\w+)",
         QCoreApplication.translate("ServiceText", "%1 has more than %2 decimal places for %3.")),
    ]


def _work_patterns() -> list[tuple[str, str]]:
    """The inbox, complaints, tags, notes, merges, handovers and surveys."""
    gone = {"agent": QCoreApplication.translate("ServiceText", "That agent no longer exists."),
            "complaint": QCoreApplication.translate("ServiceText", "That complaint no longer exists."),
            "conversation": QCoreApplication.translate("ServiceText", "That conversation no longer exists."),
            "customer": QCoreApplication.translate("ServiceText", "That customer no longer exists."),
            "note": QCoreApplication.translate("ServiceText", "That note no longer exists."), "order": QCoreApplication.translate("ServiceText", "That order no longer exists."),
            "photo": QCoreApplication.translate("ServiceText", "That photo no longer exists."),
            "quick reply": QCoreApplication.translate("ServiceText", "That quick reply no longer exists."),
            "return case": QCoreApplication.translate("ServiceText", "That return case no longer exists."),
            "store": QCoreApplication.translate("ServiceText", "That store no longer exists."), "tag": QCoreApplication.translate("ServiceText", "That tag no longer exists.")}
    return [(rf"That {re.escape(what)} no longer exists\.", text)
            for what, text in gone.items()] + [
        (r"The work stopped because of an unexpected error \((\w+)\); the details are in shopdesk\.log\.",
         QCoreApplication.translate("ServiceText", "The work stopped because of an unexpected error (%1); the details are in shopdesk.log.")),
        (r"At most (\d+) images\.", QCoreApplication.translate("ServiceText", "At most %1 images.")),
        (r"The message is empty\.", QCoreApplication.translate("ServiceText", "The message is empty.")),
        (r"Snooze until a time in the future\.", QCoreApplication.translate("ServiceText", "Snooze until a time in the future.")),
        (r"(.+) is not an image ShopDesk can send \(PNG, JPEG, GIF, WebP or BMP\)\.",
         QCoreApplication.translate("ServiceText", "%1 is not an image ShopDesk can send (PNG, JPEG, GIF, WebP or BMP).")),
        (r"(.+) is larger than 10 MB\.", QCoreApplication.translate("ServiceText", "%1 is larger than 10 MB.")),
        (r"That agent cannot take conversations \(deactivated or removed\)\.",
         QCoreApplication.translate("ServiceText", "That agent cannot take conversations (deactivated or removed).")),
        (r"Write a short summary of the complaint\.",
         QCoreApplication.translate("ServiceText", "Write a short summary of the complaint.")),
        (r"The summary is longer than (\d+) characters; put the rest in the details\.",
         QCoreApplication.translate("ServiceText", "The summary is longer than %1 characters; put the rest in the details.")),
        (r"This complaint no longer exists\.", QCoreApplication.translate("ServiceText", "This complaint no longer exists.")),
        (r"Order (\S+) belongs to another customer\.",
         QCoreApplication.translate("ServiceText", "Order %1 belongs to another customer.")),
        (r"The conversation belongs to another customer\.",
         QCoreApplication.translate("ServiceText", "The conversation belongs to another customer.")),
        (r"That agent cannot take complaints \(deactivated\)\.",
         QCoreApplication.translate("ServiceText", "That agent cannot take complaints (deactivated).")),
        (r"Say why the complaint goes up a tier; the next tier reads it\.",
         QCoreApplication.translate("ServiceText", "Say why the complaint goes up a tier; the next tier reads it.")),
        (r"Write how the complaint was resolved\.", QCoreApplication.translate("ServiceText", "Write how the complaint was resolved.")),
        (r"Compensation cannot be negative\.", QCoreApplication.translate("ServiceText", "Compensation cannot be negative.")),
        (r"Choose a severity\.", QCoreApplication.translate("ServiceText", "Choose a severity.")),
        (r"The note is empty\.", QCoreApplication.translate("ServiceText", "The note is empty.")),
        (r"A tag needs a name\.", QCoreApplication.translate("ServiceText", "A tag needs a name.")),
        (r"A tag name is at most (\d+) characters\.", QCoreApplication.translate("ServiceText", "A tag name is at most %1 characters.")),
        (r"There is already a tag “(.+)”; merge them instead\.",
         QCoreApplication.translate("ServiceText", "There is already a tag “%1”; merge them instead.")),
        (r"'(.*)' is not a colour like #2563EB\.", QCoreApplication.translate("ServiceText", "“%1” is not a colour like #2563EB.")),
        (r"Choose another tag to merge into\.", QCoreApplication.translate("ServiceText", "Choose another tag to merge into.")),
        (r"You can change only your own notes\.", QCoreApplication.translate("ServiceText", "You can change only your own notes.")),
        (r"A customer cannot be merged with itself\.",
         QCoreApplication.translate("ServiceText", "A customer cannot be merged with itself.")),
        (r"That merge is not in the audit trail\.", QCoreApplication.translate("ServiceText", "That merge is not in the audit trail.")),
        (r"The merge of (.+) into (.+) was already undone\.",
         QCoreApplication.translate("ServiceText", "The merge of %1 into %2 was already undone.")),
        (r"(.+) was merged again later; undo that merge first\.",
         QCoreApplication.translate("ServiceText", "%1 was merged again later; undo that merge first.")),
        (r"A customer cannot be told apart from itself\.",
         QCoreApplication.translate("ServiceText", "A customer cannot be told apart from itself.")),
        (r"(.+) was already merged into another customer\.",
         QCoreApplication.translate("ServiceText", "%1 was already merged into another customer.")),
        (r"That agent cannot take over work \(deactivated or removed\)\.",
         QCoreApplication.translate("ServiceText", "That agent cannot take over work (deactivated or removed).")),
        (r"You can only hand over your own work\.", QCoreApplication.translate("ServiceText", "You can only hand over your own work.")),
        (r"A score is a whole number from 1 to 5\.", QCoreApplication.translate("ServiceText", "A score is a whole number from 1 to 5.")),
        # compensation (services/compensation.py)
        (r"(\S+) is above your refund limit of (\S+); the complaint waits for the owner\. Hand it "
         r"to the owner with “Ask the owner”\.",
         QCoreApplication.translate("ServiceText", "%1 is above your refund limit of %2; the complaint waits for the owner. Hand it "
            "to the owner with “Ask the owner”.")),
        (r"(\S+) of compensation and (\S+) already refunded or compensated come to more than the "
         r"(\S+) paid for order (\S+); only the owner can allow that\. Hand it to the owner "
         r"with “Ask the owner”\.",
         QCoreApplication.translate("ServiceText", "%1 of compensation and %2 already refunded or compensated come to more than "
            "the %3 paid for order %4; only the owner can allow that. Hand it to the owner "
            "with “Ask the owner”.")),
        (r"(\S+) of compensation and (\S+) already refunded or compensated come to more than the "
         r"(\S+) paid for order (\S+)\. To pay it all the same, write why in the confirmation\.",
         QCoreApplication.translate("ServiceText", "%1 of compensation and %2 already refunded or compensated come to more than "
            "the %3 paid for order %4. To pay it all the same, write why in the confirmation.")),
        (r"(\S+) of compensation has already been granted for this complaint; it can grow but "
         r"not shrink\.",
         QCoreApplication.translate("ServiceText", "%1 of compensation has already been granted for this complaint; it can grow "
            "but not shrink.")),
        (r"(\S+) is more than ShopDesk takes as one amount \(at most (\S+)\)\.",
         QCoreApplication.translate("ServiceText", "%1 is more than ShopDesk takes as one amount (at most %2).")),
        (r"There is no active owner to approve this complaint\.",
         QCoreApplication.translate("ServiceText", "There is no active owner to approve this complaint.")),
        # the outbox (services/outbox.py, channels/sync.py)
        (r"That reply no longer exists\.", QCoreApplication.translate("ServiceText", "That reply no longer exists.")),
        (r"This reply is not waiting to be sent again\.",
         QCoreApplication.translate("ServiceText", "This reply is not waiting to be sent again.")),
        (r"This message is not waiting to be sent again\.",
         QCoreApplication.translate("ServiceText", "This message is not waiting to be sent again.")),
        (r"Only a reply that may have been sent can be marked as sent\.",
         QCoreApplication.translate("ServiceText", "Only a reply that may have been sent can be marked as sent.")),
        (r"The reply may have been sent\.",
         QCoreApplication.translate("ServiceText", "The reply may have been sent.")),
        (r"ShopDesk stopped while sending this reply; it may have been sent\.",
         QCoreApplication.translate("ServiceText", "ShopDesk stopped while sending this reply; it may have been sent.")),
    ]


def _permission_patterns() -> list[tuple[str, str]]:
    """services/permissions.py: ``denial`` (tooltips, lower case) and ``require`` (a
    sentence)."""
    roles = {"an agent": QCoreApplication.translate("ServiceText", "An agent"), "a bookkeeper": QCoreApplication.translate("ServiceText", "A bookkeeper"),
             "the owner": QCoreApplication.translate("ServiceText", "The owner")}
    actions = {
        "view the shop": QCoreApplication.translate("ServiceText", "view the shop"),
        "answer customers or change conversations": QCoreApplication.translate("ServiceText", "answer customers or change "
                                                       "conversations"),
        "see unmasked phone numbers and addresses": QCoreApplication.translate("ServiceText", "see unmasked phone numbers and "
                                                       "addresses"),
        "change returns or complaints": QCoreApplication.translate("ServiceText", "change returns or complaints"),
        "approve refunds": QCoreApplication.translate("ServiceText", "approve refunds"),
        "export data": QCoreApplication.translate("ServiceText", "export data"),
        "change settings": QCoreApplication.translate("ServiceText", "change settings"),
        "change stores": QCoreApplication.translate("ServiceText", "change stores"),
        "change agents": QCoreApplication.translate("ServiceText", "change agents"),
        "hand over a shift": QCoreApplication.translate("ServiceText", "hand over a shift"),
        "restore backups": QCoreApplication.translate("ServiceText", "restore backups"),
    }
    out = [(rf"(?i:{re.escape(role)}) cannot {re.escape(action)}\.?",
            QCoreApplication.translate("ServiceText", "%1 cannot %2.").replace("%1", who).replace("%2", what))
           for role, who in roles.items() for action, what in actions.items()]
    out += [
        (r"(?i:n)obody is signed in\.?", QCoreApplication.translate("ServiceText", "Nobody is signed in.")),
        (r"(?i:t)his agent has been deactivated\.?", QCoreApplication.translate("ServiceText", "This agent has been deactivated.")),
        (r"(?i:t)he amount is above your refund limit; the owner must approve it\.?",
         QCoreApplication.translate("ServiceText", "The amount is above your refund limit; the owner must approve it.")),
    ]
    return out


def translated(text: str) -> str:
    """``text`` in the UI's language, sentence by sentence; unknown sentences stay."""
    if not text:
        return text
    patterns = (_patterns() + _case_patterns() + _work_patterns() + _permission_patterns()
                + backup_patterns() + import_patterns() + live_patterns()
                + knowledge_patterns() + automation_patterns() + settings_patterns())

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


def denied(agent: AgentLike | None, action: Action) -> str | None:
    """Why ``agent`` may not do ``action`` (``permissions.denial``) in the UI's language, for
    a tooltip; None when it may."""
    why = denial(agent, action)
    return translated(why) if why else None
