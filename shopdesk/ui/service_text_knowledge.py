"""What the knowledge base says (services/knowledge.py), for ``service_text.translated``:
(pattern, translation) pairs, as in service_text.py."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def knowledge_patterns() -> list[tuple[str, str]]:
    t = QCoreApplication.translate
    return [
        (r"That article no longer exists\.", t("KnowledgeText", "That article no longer exists.")),
        (r"That image no longer exists\.", t("KnowledgeText", "That image no longer exists.")),
        (r"An article needs a title and a text\.",
         t("KnowledgeText", "An article needs a title and a text.")),
        (r"The title is longer than (\d+) characters\.",
         t("KnowledgeText", "The title is longer than %1 characters.")),
        (r"The keywords are longer than (\d+) characters\.",
         t("KnowledgeText", "The keywords are longer than %1 characters.")),
        (r"The article contains a character that cannot be stored \(NUL or a lone "
         r"surrogate\)\.",
         t("KnowledgeText", "The article contains a character that cannot be stored (NUL or a "
           "lone surrogate).")),
        (r"Choose the article's language: Chinese or English\.",
         t("KnowledgeText", "Choose the article's language: Chinese or English.")),
        (r"“(.+)” is not a kind of article\.", t("KnowledgeText", "“%1” is not a kind of article.")),
        (r"The end of the validity must come after its start\.",
         t("KnowledgeText", "The end of the validity must come after its start.")),
        (r"This article was changed by someone else; reload it and try again\.",
         t("KnowledgeText", "This article was changed by someone else; reload it and try again.")),
        (r"This article was changed by (.+) at (\d\d:\d\d); reload it and try again\.",
         t("KnowledgeText", "This article was changed by %1 at %2; reload it and try again.")),
    ]
