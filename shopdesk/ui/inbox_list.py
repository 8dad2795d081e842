"""The inbox's conversation list: search, views with counts, store, status and tag filters,
the merged list (its delegate paints a row) and the search results."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.models import Agent, Store, Tag
from shopdesk.models.enums import ConversationStatus
from shopdesk.services import inbox as svc
from shopdesk.services import search as search_svc
from shopdesk.times import utcnow
from shopdesk.ui.background import Background
from shopdesk.ui.inbox_delegate import InboxDelegate, ago
from shopdesk.ui.inbox_live import LiveUpdates
from shopdesk.ui.inbox_model import InboxModel, RowRole
from shopdesk.ui.labels import conversation_status_label

log = logging.getLogger(__name__)

VIEWS = [svc.View.NEEDS_REPLY, svc.View.MINE, svc.View.UNASSIGNED, svc.View.ALL]


class ConversationList(QWidget):
    """Search box, views, filters and the list; says which conversation the user opened."""

    opened = Signal(object)  # the conversation id chosen in the list, or None
    resultOpened = Signal(int, object)  # noqa: N815 - a search hit: conversation, message or None
    recordOpened = Signal(str, int)  # noqa: N815 - a number's hit: "complaint" | "return", id
    reloaded = Signal()  # the list was read again from the top (a filter changed)
    applied = Signal(list)  # a live update of these conversation ids reached the list

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.db = db
        self.agent: Agent | None = None  # whose "Mine" it is
        self._counts: dict[svc.View, int] | None = None
        self.counting: Background | None = None  # the views' count under way
        self.live = LiveUpdates(self)  # changed rows read off the GUI thread, applied in place
        self.new_bar = QPushButton()
        self.new_bar.setObjectName("newActivityBar")
        self.new_bar.setVisible(False)
        self.new_bar.setStyleSheet("QPushButton { background: #DBEAFE; color: #1D4ED8; "
                                   "border: none; border-radius: 4px; padding: 4px; }")
        self.new_bar.clicked.connect(self.show_new)

        self.views = QTabBar()
        self.views.setObjectName("inboxViews")
        for _ in VIEWS:
            self.views.addTab("")
        self.views.currentChanged.connect(lambda _i: self.reload())

        self.store_bar = QWidget()
        self.store_bar.setObjectName("storeFilter")
        self.store_layout = QHBoxLayout(self.store_bar)
        self.store_layout.setContentsMargins(0, 0, 0, 0)
        self.store_layout.addStretch(1)
        self.store_buttons: list[QToolButton] = []
        for n in range(1, 10):  # Alt+1…9 toggle the stores in the bar's order
            shortcut = QShortcut(QKeySequence(f"Alt+{n}"), self)
            shortcut.activated.connect(lambda n=n: self.store_buttons[n - 1].toggle()
                                       if n <= len(self.store_buttons) else None)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("", None)
        for status in ConversationStatus:
            self.status_filter.addItem("", status.value)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.filter_bar = QWidget()
        filters = QHBoxLayout(self.filter_bar)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.tag_filter)
        filters.addStretch(1)
        filters.addWidget(self.new_bar)  # in the filters' row: the list never shifts down

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self.search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        focus_search = QShortcut(QKeySequence("Ctrl+K"), self)
        focus_search.activated.connect(lambda: (self.search_box.setFocus(),
                                                self.search_box.selectAll()))
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setVisible(False)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.viewport().installEventFilter(self)
        self.results.itemActivated.connect(self._open_result)
        self.results.currentItemChanged.connect(
            lambda item, _prev: self._open_result(item) if item else None)

        self.fill_store_filter(reload=False)
        self.fill_tag_filter()
        self.model = InboxModel(self._source())
        self.list = QListView()
        self.list.setObjectName("inboxList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(InboxDelegate(self))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.views)
        layout.addWidget(self.store_bar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.results, 1)

        self.ticker = QTimer(self)  # reply timers count down
        self.ticker.setInterval(30_000)
        self.ticker.timeout.connect(self.list.viewport().update)
        self.ticker.start()
        self.retranslate()

    # -- filter, list ----------------------------------------------------------------------

    def filter(self) -> svc.InboxFilter:
        stores = frozenset(int(b.property("store_id")) for b in self.store_buttons
                           if b.isChecked())
        view = VIEWS[max(0, self.views.currentIndex())]
        status = self.status_filter.currentData()
        tag = self.tag_filter.currentData()
        return svc.InboxFilter(view=view, agent_id=self.agent.id if self.agent else None,
                               store_ids=stores,
                               status=ConversationStatus(status) if status else None,
                               tag_id=tag)

    def _source(self):  # type: ignore[no-untyped-def]
        f = self.filter()

        def fetch(after, limit):  # type: ignore[no-untyped-def]
            with self.db.read_session() as session:
                return svc.page(session, f, after, limit)

        return fetch

    def set_agent(self, agent: Agent | None) -> None:
        self.agent = agent
        self.reload()

    def reload(self) -> None:
        self.live.clear()
        self.model.set_source(self._source())
        self.show_new_bar()
        self.count_views()
        self.reloaded.emit()

    def count_views(self) -> None:
        """The views' counts for the filters as they are now, read in a worker thread: a
        pass over every conversation, which the rows need not wait for; a count for filters
        changed since is dropped (``counting`` is the one under way)."""
        f, db = self.filter(), self.db

        def work() -> tuple[svc.InboxFilter, dict[svc.View, int]]:
            with db.read_session() as session:
                return f, svc.view_counts(session, f)

        self.counting = Background.call(work, self._counted, self._count_failed)

    def _counted(self, result: tuple[svc.InboxFilter, dict[svc.View, int]]) -> None:
        f, counts = result
        if f == self.filter():
            self.counting = None
            self.set_counts(counts)

    def _count_failed(self) -> None:  # the database is away: the counts stay as they are
        self.counting = None

    def select(self, conversation_id: int | None) -> bool:
        """Make ``conversation_id`` the list's current row, if it is listed."""
        row = self.model.row_of(conversation_id) if conversation_id is not None else -1
        if row < 0:
            return False
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(RowRole) if current.isValid() else None
        self.opened.emit(row.id if row else None)

    def show_counts(self, recount: bool = True) -> None:
        """The views' names with their counts; ``recount=False`` (a language change, or
        before anyone signed in) keeps the counts it has instead of asking the database."""
        if recount or (self._counts is None and self.isVisible()):
            with self.db.read_session() as session:
                self._counts = svc.view_counts(session, self.filter())
        counts = self._counts
        names = [self.tr("Needs reply"), self.tr("Mine"), self.tr("Unassigned"), self.tr("All")]
        for i, (view, name) in enumerate(zip(VIEWS, names, strict=True)):
            self.views.setTabText(i, f"{name} ({counts[view]:,})" if counts else name)

    def set_counts(self, counts: dict[svc.View, int]) -> None:
        self._counts = counts
        self.show_counts(recount=False)

    def update_row(self, conversation_id: int) -> None:
        """After a change made here: the conversation's row shows what it is now, where it
        is; the counts follow."""
        f = self.filter()
        with self.db.read_session() as session:
            self.live.apply(svc.rows(session, [conversation_id], f))
            self.set_counts(svc.view_counts(session, f))

    def on_changed(self, conversation_ids: list[int]) -> None:
        """Live update: see ui/inbox_live.py (``applied`` once it reached the list)."""
        self.live.changed(conversation_ids)

    @property
    def _job(self) -> object | None:
        """The live update's read in progress, if any."""
        return self.live.reading

    def show_new_bar(self) -> None:
        count = len(self.live.pending)
        self.new_bar.setText(self.tr("%1 new — Show").replace("%1", f"{count:,}"))
        self.new_bar.setVisible(count > 0 and not self.results.isVisible())

    def show_new(self) -> None:
        """The bar: new and moved conversations take their places, the ones that left this
        view go (not the open one); the selection stays on its conversation."""
        current = self.list.currentIndex().data(RowRole)
        self.live.show_new({current.id} if current is not None else set())
        self.show_new_bar()
        self.list.scrollToTop()

    # -- search ----------------------------------------------------------------------------

    def run_search(self) -> None:
        query = self.search_box.text()
        searching = bool(query.strip())
        self.results.setVisible(searching)
        self.list.setVisible(not searching)
        self.views.setVisible(not searching)
        self.store_bar.setVisible(not searching)
        self.filter_bar.setVisible(not searching)
        self.show_new_bar()
        self.results.clear()
        if not searching:
            return
        with self.db.read_session() as session:
            hits = search_svc.search(session, query)
        if not hits:
            item = QListWidgetItem(self.tr("Nothing found for “%1”").replace("%1", query))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
            return
        now = utcnow()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole,
                         (hit.conversation_id, hit.message_id, hit.record))
            label = QLabel(f"<b>{html.escape(hit.customer)}</b> · "
                           f"<span style='color:#6B7280'>{html.escape(hit.store_name)} · "
                           f"{html.escape(ago(self, hit.at, now))}</span><br>{hit.snippet_html}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(6, 4, 6, 4)
            label.setWordWrap(True)  # as wide as the list: long snippets wrap
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        self._fit_results()

    def _fit_results(self) -> None:
        """Each hit as tall as its wrapped text at the list's width (no sideways scroll)."""
        width = self.results.viewport().width()
        for i in range(self.results.count()):
            item = self.results.item(i)
            label = self.results.itemWidget(item)
            if label is not None:
                item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.results.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_results()
        return super().eventFilter(watched, event)

    def _open_result(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        conversation_id, message_id, record = data
        if record:  # a complaint's or return case's number: that record opens
            self.recordOpened.emit(*record)
        elif conversation_id is not None:
            self.resultOpened.emit(conversation_id, message_id)

    # -- filters ---------------------------------------------------------------------------

    def fill_store_filter(self, reload: bool = True) -> None:
        """One button per active store (again when stores are added or archived)."""
        chosen = {int(b.property("store_id")) for b in self.store_buttons if b.isChecked()}
        for button in self.store_buttons:
            self.store_layout.removeWidget(button)
            button.deleteLater()
        self.store_buttons = []
        with self.db.read_session() as session:
            stores = list(session.scalars(
                select(Store).where(Store.archived.is_(False)).order_by(Store.id)))
        for n, store in enumerate(stores, start=1):
            button = QToolButton()
            button.setText(store.name.replace("&", "&&"))  # "&" is not a shortcut here
            button.setCheckable(True)
            button.setChecked(store.id in chosen)
            button.setProperty("store_id", store.id)
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid {store.colour or '#9CA3AF'}; "
                "border-radius: 10px; padding: 2px 8px; }"
                f"QToolButton:checked {{ background: {store.colour or '#9CA3AF'}; color: white; }}")
            button.setToolTip(self.tr("Show only this store (Alt+%1)").replace("%1", str(n)))
            button.toggled.connect(lambda _on: self.reload())
            self.store_layout.insertWidget(n - 1, button)
            self.store_buttons.append(button)
        if reload:
            self.reload()

    def fill_tag_filter(self) -> None:
        """The tags to filter by (again after tags were created, renamed or merged)."""
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("Any tag"), None)
        with self.db.read_session() as session:
            for tag_id, name in session.execute(select(Tag.id, Tag.name).order_by(Tag.name)):
                self.tag_filter.addItem(name, tag_id)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))
        self.tag_filter.blockSignals(False)

    # -- text ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(self.tr("Search messages and customers (Ctrl+K)"))
        self.status_filter.setItemText(0, self.tr("Any status"))
        for i, status in enumerate(ConversationStatus, start=1):
            self.status_filter.setItemText(i, conversation_status_label(status))
        self.tag_filter.setItemText(0, self.tr("Any tag"))
        for n, button in enumerate(self.store_buttons, start=1):
            button.setToolTip(self.tr("Show only this store (Alt+%1)").replace("%1", str(n)))
        self.show_new_bar()
        self.show_counts(recount=False)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self._counts is None and self.counting is None:
            self.count_views()  # nobody signed in yet: count on first show
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
