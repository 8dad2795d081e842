"""The Knowledge page: the articles agents answer with (product facts, size charts, care,
shipping and return policies, promotions), found by any part of their text, one Chinese
character too; the chosen one to read beside the list, with its images and history; the
owner writes, changes and deletes them here (everyone else reads)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.models.knowledge import ArticleKind
from shopdesk.services import knowledge as kb
from shopdesk.services.permissions import Action, can
from shopdesk.ui.flow_layout import FlowLayout
from shopdesk.ui.images import image_viewer
from shopdesk.ui.knowledge_detail import ArticleView
from shopdesk.ui.knowledge_editor import ArticleEditor
from shopdesk.ui.knowledge_labels import (
    every_store,
    kind_label,
    language_label,
    local_day,
    state_label,
)
from shopdesk.ui.page import Page
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.table_model import RowsModel, row_table

GREY, RED = QColor("#6B7280"), QColor("#B91C1C")


class ArticlesModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Title"), self.tr("Kind"), self.tr("Store"), self.tr("Valid until")]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a: kb.ArticleItem = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            until = local_day(a.valid_to)[:10]
            if a.state != kb.ACTIVE:
                until = f"{state_label(a.state)} {until}".strip()
            return [a.title, kind_label(a.kind), a.store_name or every_store(),
                    until][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and a.state != kb.ACTIVE:
            return QBrush(RED if index.column() == 3 and a.expired else GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            return a.summary(200)
        return None


class KnowledgePage(Page):
    def __init__(self, object_name: str, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        self.agent: Agent | None = None
        super().__init__(object_name, parent)

    def build(self) -> None:
        self.figures.parentWidget().setVisible(False)
        self.search = QLineEdit()
        self.search.setObjectName("knowledgeSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.reload)
        self.store_filter = QComboBox()
        self.store_filter.setObjectName("knowledgeStoreFilter")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("knowledgeKindFilter")
        self.kind_filter.addItem("", None)
        for kind in ArticleKind:
            self.kind_filter.addItem("", kind.value)
        self.language_filter = QComboBox()
        self.language_filter.setObjectName("knowledgeLanguageFilter")
        for code in (None, "zh", "en"):
            self.language_filter.addItem("", code)
        self.show_expired = QCheckBox()
        self.show_expired.setObjectName("knowledgeShowExpired")
        self.show_expired.setChecked(True)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newArticleButton")
        self.new_button.clicked.connect(self.new_article)
        bar = QWidget()
        filters = FlowLayout(bar)
        filters.addWidget(self.search)
        for box in (self.store_filter, self.kind_filter, self.language_filter):
            box.currentIndexChanged.connect(lambda _i: self.reload())
            filters.addWidget(box)
        self.show_expired.toggled.connect(lambda _on: self.reload())
        filters.addWidget(self.show_expired)
        filters.addWidget(self.new_button)
        self.model = ArticlesModel()
        self.table = row_table(QTableView(), "articleList")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 140), (3, 130)):
            self.table.setColumnWidth(column, width)
        self.count = QLabel()
        self.count.setObjectName("articlesCount")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        self.view = ArticleView()
        self.view.editRequested.connect(self.edit_article)
        self.view.deleteRequested.connect(lambda aid: self.delete_article(aid))
        self.view.imageRequested.connect(self._show_image)
        self.editor = ArticleEditor()
        self.editor.saveRequested.connect(self.save)
        self.editor.cancelled.connect(lambda: self.detail.setCurrentWidget(self.view))
        self.detail = QStackedWidget()
        self.detail.setObjectName("articleDetail")
        self.detail.addWidget(self.view)
        self.detail.addWidget(self.editor)
        splitter = QSplitter()
        splitter.setObjectName("knowledgeSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setSizes([680, 420])
        splitter.setStretchFactor(1, 1)
        self.body.addWidget(bar)
        self.body.addWidget(splitter, 1)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_article)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self,
                  lambda: (self.search.setFocus(), self.search.selectAll()))
        self.fill_stores()

    def first_show(self) -> None:
        self.reload()

    def fill_stores(self) -> None:
        with self.db.read_session() as session:
            stores = [(sid, name) for sid, name in session.execute(
                select(Store.id, Store.name).where(Store.archived.is_(False)).order_by(Store.id))]
        chosen = self.store_filter.currentData()
        self.store_filter.blockSignals(True)
        self.store_filter.clear()
        self.store_filter.addItem("", None)
        self.store_filter.addItem("", kb.EVERY_STORE)
        for sid, name in stores:
            self.store_filter.addItem(name, sid)
        self.store_filter.setCurrentIndex(max(0, self.store_filter.findData(chosen)))
        self.store_filter.blockSignals(False)
        self.editor.set_stores(stores)
        self.retranslate()

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        allowed, why = can(agent, Action.MANAGE_SETTINGS), denied(agent, Action.MANAGE_SETTINGS)
        self.new_button.setEnabled(allowed)
        self.new_button.setToolTip(self.tr("Write a new article (Ctrl+N)") if allowed
                                   else self.tr("Only the owner writes articles."))
        self.view.set_can_edit(allowed, why and self.tr("Only the owner writes articles."))
        if not allowed:
            self.detail.setCurrentWidget(self.view)
        if getattr(self, "_shown", False):
            self.reload()

    # -- the list -----------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        self._typing.stop()
        keep = keep if keep is not None else (self.view.item.id if self.view.item else None)
        if self.agent is None:
            self.model.beginResetModel()
            self.model.rows = []
            self.model.endResetModel()
            self._show_count()
            return
        kind, language = self.kind_filter.currentData(), self.language_filter.currentData()
        try:
            with self.db.read_session() as session:
                rows = kb.list_articles(session, self.agent, query=self.search.text(),
                                        store=self.store_filter.currentData(), kind=kind,
                                        language=language,
                                        include_expired=self.show_expired.isChecked())
        except ShopDeskError as exc:
            self.count.setText(translated(str(exc)))
            return
        self.model.beginResetModel()
        self.model.rows = rows
        self.model.endResetModel()
        self._show_count()
        ids = [a.id for a in rows]
        if keep in ids:
            self.select_article(keep)
        elif rows and self.detail.currentWidget() is self.view:
            self.select_article(rows[0].id)
        elif not rows and self.detail.currentWidget() is self.view:
            self.view.show_article(None)

    def select_article(self, article_id: int) -> None:
        for row, a in enumerate(self.model.rows):
            if a.id == article_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                break
        self.show_article(article_id)

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_article(self.model.rows[current.row()].id)

    def show_article(self, article_id: int) -> None:
        try:
            with self.db.read_session() as session:
                item = kb.get(session, self.agent, article_id)
                thumbs = {i.id: kb.image_data(session, self.agent, i.id)[2] for i in item.images}
                history = kb.history(session, self.agent, article_id)
        except ShopDeskError:
            item, thumbs, history = None, {}, []
        self.view.show_article(item, thumbs, history)
        self.detail.setCurrentWidget(self.view)

    def _show_count(self) -> None:
        rows = self.model.rows
        expired = sum(1 for a in rows if a.expired)
        text = self.tr("%1 articles").replace("%1", f"{len(rows):,}")
        if expired:
            text += " · " + self.tr("%1 expired").replace("%1", f"{expired:,}")
        self.count.setText(text)

    # -- writing (the owner) ------------------------------------------------------------------

    def new_article(self) -> None:
        if not can(self.agent, Action.MANAGE_SETTINGS):
            return
        store = self.store_filter.currentData()
        language = self.language_filter.currentData() or "zh"
        self.editor.start(None, store_id=store or None, language=language)
        self.detail.setCurrentWidget(self.editor)

    def edit_article(self, article_id: int) -> None:
        if not can(self.agent, Action.MANAGE_SETTINGS):
            return
        with self.db.read_session() as session:
            item = kb.get(session, self.agent, article_id)
            images = kb.images_of(session, self.agent, article_id)
        self.editor.start(item, images)
        self.detail.setCurrentWidget(self.editor)

    def save(self) -> None:
        """Save the editor's article; a refusal is shown in the editor, which stays open."""
        assert self.agent is not None
        draft, item = self.editor.draft(), self.editor.item
        try:
            with self.db.transaction() as session:
                agent = session.get(Agent, self.agent.id)
                assert agent is not None
                saved = (kb.update(session, agent, item.id, item.version, draft) if item
                         else kb.create(session, agent, draft))
        except ShopDeskError as exc:
            self.editor.show_problem(translated(str(exc)))
            return
        self.detail.setCurrentWidget(self.view)
        self.reload(keep=saved.id)
        self.select_article(saved.id)

    def delete_article(self, article_id: int, confirm: bool = True) -> QMessageBox | None:
        """Ask first (window-modally; returns the box), then delete."""
        if not can(self.agent, Action.MANAGE_SETTINGS):
            return None
        if not confirm:
            self._delete(article_id)
            return None
        box = QMessageBox(self)
        box.setObjectName("confirmDeleteArticle")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete article"))
        title = self.view.item.title if self.view.item else ""
        box.setText(self.tr("Delete “%1”? Its history stays in the audit trail.").replace(
            "%1", title))
        yes = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        yes.setObjectName("confirmDeleteArticleButton")
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        yes.clicked.connect(lambda: self._delete(article_id))
        box.open()
        return box

    def _delete(self, article_id: int) -> None:
        assert self.agent is not None
        version = self.view.item.version if self.view.item and self.view.item.id == article_id \
            else None
        try:
            with self.db.transaction() as session:
                agent = session.get(Agent, self.agent.id)
                kb.delete(session, agent, article_id, expected_version=version)  # type: ignore[arg-type]
        except ShopDeskError as exc:
            self.count.setText(translated(str(exc)))
            return
        self.view.show_article(None)
        self.reload()

    def _show_image(self, image_id: int) -> None:
        with self.db.read_session() as session:
            _name, _mime, data = kb.image_data(session, self.agent, image_id)
        self.viewer = image_viewer(self, data)

    # -- text ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Knowledge"))
        self.description.setText(self.tr(
            "Product facts, size charts, care, shipping and return policies and promotions, "
            "for one store or every store. The inbox shows those that fit the open "
            "conversation; expired promotions are never offered."))
        self.search.setPlaceholderText(self.tr("Search articles (Ctrl+F)"))
        if self.store_filter.count() >= 2:
            self.store_filter.setItemText(0, self.tr("All stores"))
            self.store_filter.setItemText(1, self.tr("For every store"))
        self.kind_filter.setItemText(0, self.tr("All kinds"))
        for i in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(i, kind_label(self.kind_filter.itemData(i)))
        self.language_filter.setItemText(0, self.tr("Any language"))
        for i in range(1, self.language_filter.count()):
            self.language_filter.setItemText(i, language_label(
                self.language_filter.itemData(i)))
        self.show_expired.setText(self.tr("Show expired"))
        self.new_button.setText(self.tr("New article…"))
        self.model.retranslate()
        self._show_count()
