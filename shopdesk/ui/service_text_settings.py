"""What the services behind Settings and sign-in say (agents and PINs, quick replies and
their workbooks, store rules), what an export and the e-mail channel say when they fail,
for ``service_text.translated``: (pattern, translation) pairs, as in service_text.py."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_ONE_WORD = r"The code '(.*)' must be one word \(it is typed after /\)\."
_NEEDS_ALL = r"A quick reply needs a category, a code, a title and a text\."


def agent_patterns() -> list[tuple[str, str]]:
    """services/agents.py: agents, the owner, refund limits and signing in."""
    t = QCoreApplication.translate
    return [
        (r"A PIN is 4 to 8 digits\.", t("ServiceText", "A PIN is 4 to 8 digits.")),
        (r"This shop already has an owner\.", t("ServiceText", "This shop already has an owner.")),
        (r"Enter the owner's name\.", t("ServiceText", "Enter the owner's name.")),
        (r"Enter the agent's name\.", t("ServiceText", "Enter the agent's name.")),
        (r"The shop needs an owner: make someone else owner first\.",
         t("ServiceText", "The shop needs an owner: make someone else owner first.")),
        (r"You cannot deactivate yourself\.", t("ServiceText", "You cannot deactivate yourself.")),
        (r"The shop needs an active owner\.", t("ServiceText", "The shop needs an active owner.")),
        (r"'(.*)' is not a currency code such as CNY or USD\.",
         t("ServiceText", "“%1” is not a currency code such as CNY or USD.")),
        (r"A refund limit cannot be negative\.",
         t("ServiceText", "A refund limit cannot be negative.")),
        (r"This agent cannot sign in \(deactivated or removed\)\.",
         t("ServiceText", "This agent cannot sign in (deactivated or removed).")),
        (r"Too many wrong PINs\. Try again in (\d+) s\.",
         t("ServiceText", "Too many wrong PINs. Try again in %1 s.")),
        (r"Wrong PIN\.", t("ServiceText", "Wrong PIN.")),
        (r"There is no agent '(.*)'\.", t("ServiceText", "There is no agent “%1”.")),
        (r"Agent '(.*)' has a PIN: sign in from the window\.",
         t("ServiceText", "Agent “%1” has a PIN: sign in from the window.")),
    ]


def settings_patterns() -> list[tuple[str, str]]:
    """services/quick_replies.py (the editor and its Excel import), services/rules.py (what
    the store rules panel can send), exporters/workbook.py and channels/email.py."""
    t = QCoreApplication.translate
    return agent_patterns() + [
        (_NEEDS_ALL, t("ServiceText", "A quick reply needs a category, a code, a title and a text.")),
        (_ONE_WORD, t("ServiceText", "The code “%1” must be one word (it is typed after /).")),
        (r"The code '(.*)' is already used by '(.*)'\.",
         t("ServiceText", "The code “%1” is already used by “%2”.")),
        # the import names the workbook and, for a bad row, the row
        (rf"(.+), row (\d+): {_NEEDS_ALL}",
         t("ServiceText", "%1, row %2: a quick reply needs a category, a code, a title and a text.")),
        (rf"(.+), row (\d+): {_ONE_WORD[:-2]}\.",
         t("ServiceText", "%1, row %2: the code “%3” must be one word (it is typed after /).")),
        (r"(.+) is not an Excel workbook \(\.xlsx\): (.*)",
         t("ServiceText", "%1 is not an Excel workbook (.xlsx): %2")),
        (r"(.+\.\w+) is empty\.", t("ServiceText", "%1 is empty.")),
        (r"(.+): the first row needs the columns (.+); missing: (.+)\.",
         t("ServiceText", "%1: the first row needs the columns %2; missing: %3.")),
        (r"(.+): the code '(.*)' appears twice\.",
         t("ServiceText", "%1: the code “%2” appears twice.")),
        # store rules: the spin boxes keep their ranges; the amount and the text do not
        (r"the survey text must be at most (\d+) characters",
         t("ServiceText", "The survey text is longer than %1 characters.")),
        (r"rfm_vip_spent_minor must be a whole number from (\d+) to (\d+)",
         t("ServiceText", "The VIP amount is too large.")),
        # handover (services/handover.py)
        (r"That person does not answer customers and cannot take over work\.",
         t("ServiceText", "That person does not answer customers and cannot take over work.")),
        # exports
        (r"The end date is before the start date\.",
         t("ServiceText", "The end date is before the start date.")),
        (r"Could not write (.+): (.+)", t("ServiceText", "Could not write %1: %2")),
        # the store form (services/stores.py, channels/email.py)
        (r"The mailbox is missing \(usually INBOX\)\.",
         t("ChannelText", "The mailbox is missing (usually INBOX).")),
        (r"The (\w+) security must be TLS or STARTTLS\.",
         t("ChannelText", "The %1 security must be TLS or STARTTLS.")),
        (r"Choose the store's platform\.", t("ChannelText", "Choose the store's platform.")),
        (r"Working hours must be times like 09:00 and 18:00\.",
         t("ChannelText", "Working hours must be times like 09:00 and 18:00.")),
        (r"Unknown channel “(.*)”\.", t("ChannelText", "Unknown channel “%1”.")),
        # the e-mail channel: a server that answers no
        (r"(\w+): the server answered (\d+) (.+)\.",
         t("ChannelText", "%1: the server answered %2 %3.")),
        (r"IMAP: the server could not search the mailbox \((.*)\)\.",
         t("ChannelText", "IMAP: the server could not search the mailbox (%1).")),
        (r"IMAP: the server could not send the messages \((.*)\)\.",
         t("ChannelText", "IMAP: the server could not send the messages (%1).")),
        (r"SMTP: the server refused the address (.+)\.",
         t("ChannelText", "SMTP: the server refused the address %1.")),
        (r"IMAP: could not look for the reply in (.+) \((.*)\)\.",
         t("ChannelText", "IMAP: could not look for the reply in %1 (%2).")),
        (r"IMAP: could not look for the reply in (.+)\.",
         t("ChannelText", "IMAP: could not look for the reply in %1.")),
        (r"IMAP: the copy to (.+) failed \((.*)\)\.",
         t("ChannelText", "IMAP: the copy to %1 failed (%2).")),
        (r"IMAP: the copy to (.+) was refused \((.*)\)\.",
         t("ChannelText", "IMAP: the copy to %1 was refused (%2).")),
    ]
