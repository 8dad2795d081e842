"""The pages of the main window. Each page's own issue fills it; until then a page says
what it will hold and shows the shop's figures that belong to it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    """A page with a title and a short description; subclasses add their content."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("pageDescription")
        self.figures = QLabel()
        self.figures.setObjectName("pageFigures")
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        card = QFrame()
        card.setObjectName("figuresCard")
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.figures)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addWidget(card)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible string; called again when the language changes."""

    def show_figures(self, text: str) -> None:
        self.figures.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class InboxPage(Page):
    def retranslate(self) -> None:
        self.title.setText(self.tr("Inbox"))
        self.description.setText(self.tr(
            "Every customer message from every store, in one list."))


class CustomersPage(Page):
    def retranslate(self) -> None:
        self.title.setText(self.tr("Customers"))
        self.description.setText(self.tr(
            "Customer cards with tags, notes, orders and history across stores."))


class ReturnsPage(Page):
    def retranslate(self) -> None:
        self.title.setText(self.tr("Returns"))
        self.description.setText(self.tr(
            "Return and refund cases from request to closed, with their deadlines."))


class ComplaintsPage(Page):
    def retranslate(self) -> None:
        self.title.setText(self.tr("Complaints"))
        self.description.setText(self.tr(
            "Complaint tickets by category and severity, with their response times."))


class ReportsPage(Page):
    def retranslate(self) -> None:
        self.title.setText(self.tr("Reports"))
        self.description.setText(self.tr(
            "Satisfaction, complaints and refunds over time, and the Excel exports."))


class SettingsPage(Page):
    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.description.setText(self.tr(
            "Stores, agents, quick replies, tags and the rules of the shop."))
