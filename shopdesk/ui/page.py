"""The base of the main window's pages: a title, a short description, the shop's figures
that belong to the page, and data loaded when the page is first shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QSplitter, QVBoxLayout, QWidget


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
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)
        self.build()
        if self.body.count() == 0:
            layout.addStretch(1)
        self.retranslate()

    def build(self) -> None:
        """Add the page's own widgets to ``self.body``."""

    def retranslate(self) -> None:
        """Set every visible string; called again when the language changes."""

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Pages with their own data load it when first shown, not at start-up."""
        if not getattr(self, "_shown", False):
            self._shown = True
            self.first_show()
        super().showEvent(event)

    def first_show(self) -> None:
        """Load what the page shows; called once, the first time it is shown."""

    def show_figures(self, text: str) -> None:
        self.figures.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def list_over_detail(table: QWidget, count: QLabel, detail: QWidget, name: str,
                     sizes: list[int]) -> QSplitter:
    """A page's list with its count line above the chosen record's pane (Returns,
    Complaints), in a splitter the user can move."""
    top = QWidget()
    top_layout = QVBoxLayout(top)
    top_layout.setContentsMargins(0, 0, 0, 0)
    top_layout.addWidget(table, 1)
    top_layout.addWidget(count)
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setObjectName(name)
    splitter.addWidget(top)
    splitter.addWidget(detail)
    splitter.setSizes(sizes)
    splitter.setStretchFactor(0, 1)
    return splitter
