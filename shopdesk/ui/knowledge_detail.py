"""One article on the Knowledge page as agents read it: title, what kind and for which
store, whether it is still valid, the text, the images (a click shows one large) and its
history (who changed what, when). The owner's Edit and Delete buttons sit above."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services import knowledge as kb
from shopdesk.ui.knowledge_labels import (
    every_store,
    history_line,
    kind_label,
    language_label,
    local_day,
    state_label,
    validity,
)

THUMB = 72
STATE_COLOURS = {kb.ACTIVE: "#047857", kb.EXPIRED: "#B91C1C", kb.UPCOMING: "#B45309"}


def meta_line(item: kb.ArticleItem) -> str:
    """“Promotion · 栖木家居天猫旗舰店 · Chinese · Expired (… – …)”, as rich text."""
    parts = [kind_label(item.kind), item.store_name or every_store(),
             language_label(item.language)]
    text = html.escape(" · ".join(parts))
    if item.valid_from or item.valid_to or item.state != kb.ACTIVE:
        badge = state_label(item.state)
        dates = validity(item)
        text += (f" · <b style='color:{STATE_COLOURS[item.state]}'>{html.escape(badge)}</b>"
                 + (f" ({html.escape(dates)})" if dates else ""))
    return text


class ArticleView(QWidget):
    editRequested = Signal(int)  # noqa: N815
    deleteRequested = Signal(int)  # noqa: N815
    imageRequested = Signal(int)  # noqa: N815 - an image's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.item: kb.ArticleItem | None = None
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold")
        self.meta = QLabel()
        self.meta.setObjectName("articleMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editArticleButton")
        self.edit_button.clicked.connect(lambda: self.item and self.editRequested.emit(
            self.item.id))
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteArticleButton")
        self.delete_button.clicked.connect(lambda: self.item and self.deleteRequested.emit(
            self.item.id))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QTextBrowser()
        self.body.setObjectName("articleBody")
        self.images = QListWidget()
        self.images.setObjectName("articleImages")
        self.images.setViewMode(QListWidget.ViewMode.IconMode)
        self.images.setIconSize(QSize(THUMB, THUMB))
        self.images.setFixedHeight(THUMB + 28)
        self.images.setFlow(QListWidget.Flow.LeftToRight)
        self.images.itemActivated.connect(
            lambda item: self.imageRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.images.itemClicked.connect(
            lambda item: self.imageRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.history_title = QLabel()
        self.history_title.setObjectName("articleHistoryTitle")
        self.history = QListWidget()
        self.history.setObjectName("articleHistory")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.history_title)
        lower_layout.addWidget(self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("articleSplitter")
        split.addWidget(self.body)
        split.addWidget(lower)
        split.setSizes([400, 110])
        split.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.meta)
        layout.addWidget(self.images)
        layout.addWidget(split, 1)
        self.retranslate()
        self.show_article(None)

    def show_article(self, item: kb.ArticleItem | None,
                     thumbnails: dict[int, bytes] | None = None,
                     history: list[kb.HistoryEntry] | None = None) -> None:
        self.item = item
        self.edit_button.setVisible(item is not None)
        self.delete_button.setVisible(item is not None)
        self.images.clear()
        self.history.clear()
        if item is None:
            self.title.setText(self.tr("No article chosen"))
            self.meta.clear()
            self.body.clear()
            self.images.setVisible(False)
            return
        self.title.setText(item.title)
        self.meta.setText(meta_line(item))
        keywords = self.tr("Keywords: %1").replace("%1", item.keywords)
        self.body.setPlainText(item.body + (f"\n\n{keywords}" if item.keywords else ""))
        for image in item.images:
            entry = QListWidgetItem(image.filename)
            entry.setData(Qt.ItemDataRole.UserRole, image.id)
            data = (thumbnails or {}).get(image.id)
            if data:
                pixmap = QPixmap.fromImage(QImage.fromData(data))
                entry.setIcon(QIcon(pixmap.scaled(THUMB, THUMB,
                                                  Qt.AspectRatioMode.KeepAspectRatio)))
            self.images.addItem(entry)
        self.images.setVisible(bool(item.images))
        for entry in history or []:
            self.history.addItem(history_line(entry))
        if not history:  # loaded from a file: no one's changes recorded here
            self.history.addItem(self.tr("Last changed %1").replace("%1", local_day(
                item.updated_at)))

    def set_can_edit(self, allowed: bool, why: str | None) -> None:
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else why or "")

    def retranslate(self) -> None:
        self.edit_button.setText(self.tr("Edit"))
        self.delete_button.setText(self.tr("Delete…"))
        self.history_title.setText(self.tr("History"))
        if self.item is None:
            self.title.setText(self.tr("No article chosen"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
