"""The editor of one article on the Knowledge page: title, kind, store, language, keywords,
validity, text and images. It builds an ``ArticleDraft``; the page saves it."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.models.knowledge import ArticleKind
from shopdesk.services import knowledge as kb
from shopdesk.ui.forms import error_label
from shopdesk.ui.images import choose_images, read_image
from shopdesk.ui.knowledge_labels import every_store, kind_label, language_label


def _qt_time(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _date_edit(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


class ArticleEditor(QWidget):
    """Empty for a new article (``start``) or filled from one (``start(item, images)``)."""

    saveRequested = Signal()  # noqa: N815 - the page saves ``draft()``
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleEditor")
        self.item: kb.ArticleItem | None = None
        self.images: list[tuple[str, str, bytes]] = []
        self.heading = QLabel()
        self.heading.setObjectName("articleEditorHeading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold")
        self.title = QLineEdit()
        self.title.setObjectName("articleTitleEdit")
        self.title.setMaxLength(200)
        self.kind = QComboBox()
        self.kind.setObjectName("articleKindBox")
        for kind in ArticleKind:
            self.kind.addItem("", kind.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._promotion_dates())
        self.store = QComboBox()
        self.store.setObjectName("articleStoreBox")
        self.store.addItem("", None)
        self.language = QComboBox()
        self.language.setObjectName("articleLanguageBox")
        for code in ("zh", "en"):
            self.language.addItem("", code)
        self.keywords = QLineEdit()
        self.keywords.setObjectName("articleKeywordsEdit")
        self.keywords.setMaxLength(500)
        self.has_start, self.has_end = QCheckBox(), QCheckBox()
        self.has_start.setObjectName("articleHasStart")
        self.has_end.setObjectName("articleHasEnd")
        self.start_edit, self.end_edit = _date_edit("articleValidFrom"), _date_edit("articleValidTo")
        self.has_start.toggled.connect(self.start_edit.setEnabled)
        self.has_end.toggled.connect(self.end_edit.setEnabled)
        validity = QHBoxLayout()
        for box, edit in ((self.has_start, self.start_edit), (self.has_end, self.end_edit)):
            validity.addWidget(box)
            validity.addWidget(edit)
        validity.addStretch(1)
        self.body = QPlainTextEdit()
        self.body.setObjectName("articleBodyEdit")
        self.image_list = QListWidget()
        self.image_list.setObjectName("articleImageList")
        self.image_list.setMaximumHeight(64)
        self.add_image = QPushButton()
        self.add_image.setObjectName("addArticleImage")
        self.add_image.clicked.connect(self._add_images)
        self.remove_image = QPushButton()
        self.remove_image.setObjectName("removeArticleImage")
        self.remove_image.clicked.connect(self._remove_image)
        image_buttons = QVBoxLayout()
        image_buttons.addWidget(self.add_image)
        image_buttons.addWidget(self.remove_image)
        image_buttons.addStretch(1)
        image_row = QHBoxLayout()
        image_row.addWidget(self.image_list, 1)
        image_row.addLayout(image_buttons)
        self.message = error_label("articleEditorMessage")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveArticleButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.saveRequested)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelArticleButton")
        self.cancel_button.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = [QLabel() for _ in range(8)]
        for label, field in zip(self.labels, (self.title, self.kind, self.store, self.language,
                                              self.keywords, validity, self.body, image_row),
                                strict=True):
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.form, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def set_stores(self, stores: list[tuple[int, str]]) -> None:
        chosen = self.store.currentData()
        while self.store.count() > 1:
            self.store.removeItem(1)
        for store_id, name in stores:
            self.store.addItem(name, store_id)
        self.store.setCurrentIndex(max(0, self.store.findData(chosen)))

    def start(self, item: kb.ArticleItem | None = None,
              images: list[tuple[str, str, bytes]] | None = None,
              store_id: int | None = None, language: str = "zh") -> None:
        """A new article (in ``store_id`` and ``language``), or ``item`` to change."""
        self.item = item
        self.message.clear()
        self.images = list(images or [])
        now = QDateTime.currentDateTime()
        if item is None:
            self.title.clear()
            self.kind.setCurrentIndex(0)
            self.store.setCurrentIndex(max(0, self.store.findData(store_id)))
            self.language.setCurrentIndex(max(0, self.language.findData(language)))
            self.keywords.clear()
            self.body.clear()
            starts, ends = None, None
        else:
            self.title.setText(item.title)
            self.kind.setCurrentIndex(self.kind.findData(item.kind.value))
            self.store.setCurrentIndex(max(0, self.store.findData(item.store_id)))
            self.language.setCurrentIndex(self.language.findData(item.language))
            self.keywords.setText(item.keywords)
            self.body.setPlainText(item.body)
            starts, ends = item.valid_from, item.valid_to
        self.has_start.setChecked(starts is not None)
        self.has_end.setChecked(ends is not None)
        self.start_edit.setEnabled(starts is not None)
        self.end_edit.setEnabled(ends is not None)
        self.start_edit.setDateTime(_qt_time(starts) if starts else now)
        self.end_edit.setDateTime(_qt_time(ends) if ends else now.addDays(7))
        self._show_images()
        self.retranslate()
        self.title.setFocus()

    def _promotion_dates(self) -> None:
        """Choosing “Promotion” for a new article offers an end date (a week from now)."""
        if (self.item is None and self.kind.currentData() == ArticleKind.PROMOTION.value
                and not self.has_end.isChecked()):
            self.has_end.setChecked(True)

    @staticmethod
    def _moment(edit: QDateTimeEdit) -> datetime:
        return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)

    def draft(self) -> kb.ArticleDraft:
        return kb.ArticleDraft(
            kind=self.kind.currentData(), language=self.language.currentData(),
            title=self.title.text(), body=self.body.toPlainText(),
            store_id=self.store.currentData(), keywords=self.keywords.text(),
            valid_from=self._moment(self.start_edit) if self.has_start.isChecked() else None,
            valid_to=self._moment(self.end_edit) if self.has_end.isChecked() else None,
            images=list(self.images))

    def show_problem(self, text: str) -> None:
        self.message.setText(text)

    def _add_images(self) -> None:
        for path in choose_images(self):
            try:
                self.images.append(read_image(path))
            except OSError as exc:
                self.message.setText(str(exc))
        self._show_images()

    def _remove_image(self) -> None:
        row = self.image_list.currentRow()
        if 0 <= row < len(self.images):
            del self.images[row]
            self._show_images()

    def _show_images(self) -> None:
        self.image_list.clear()
        self.image_list.addItems([name for name, _m, _d in self.images])
        self.remove_image.setEnabled(bool(self.images))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Change article") if self.item else self.tr("New article"))
        for label, text in zip(self.labels, (
                self.tr("Title"), self.tr("Kind"), self.tr("Store"), self.tr("Language"),
                self.tr("Keywords"), self.tr("Valid"), self.tr("Text"), self.tr("Images")),
                strict=True):
            label.setText(text)
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kind_label(self.kind.itemData(i)))
        self.store.setItemText(0, every_store())
        for i in range(self.language.count()):
            self.language.setItemText(i, language_label(self.language.itemData(i)))
        self.keywords.setPlaceholderText(self.tr("Words customers use, separated by spaces"))
        self.body.setPlaceholderText(self.tr("What agents should know and may tell the "
                                             "customer"))
        self.has_start.setText(self.tr("from"))
        self.has_end.setText(self.tr("until"))
        self.add_image.setText(self.tr("Add images…"))
        self.remove_image.setText(self.tr("Remove"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

