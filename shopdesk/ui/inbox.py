"""The Inbox page: every store's conversations in one list, the open conversation and the
composer."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from shopdesk.channels.sync import retry_now
from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store, Tag
from shopdesk.models.enums import ConversationStatus, Direction, Priority, Role, SendState
from shopdesk.services import inbox as svc
from shopdesk.services import search as search_svc
from shopdesk.services import surveys
from shopdesk.services.agents import active_agents
from shopdesk.services.customers import customer_of_conversation
from shopdesk.services.permissions import Action, can
from shopdesk.times import to_local, utcnow
from shopdesk.ui.customer_card import CustomerCard
from shopdesk.ui.images import ORIGINALS, image_viewer, original_viewer, read_image
from shopdesk.ui.images import choose_images as pick_images
from shopdesk.ui.inbox_model import InboxModel, RowRole
from shopdesk.ui.labels import conversation_status_label
from shopdesk.ui.quick_reply_picker import QuickReplyPicker
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.settings import Preferences

THUMB = 160  # width of an image inside a bubble; click to see it large
THREAD_PAGE = 100  # messages shown when a conversation opens; "Load earlier" adds more
VIEWS = [svc.View.NEEDS_REPLY, svc.View.MINE, svc.View.UNASSIGNED, svc.View.ALL]


def snooze_time(delta: timedelta | None) -> datetime:
    """Now plus ``delta``, or tomorrow at 9:00 local time when ``delta`` is None."""
    if delta is not None:
        return utcnow() + delta
    tomorrow = (datetime.now().astimezone() + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0)
    return tomorrow.astimezone(UTC)


def ago(widget: QWidget, when: datetime | None, now: datetime) -> str:
    """"3 min", "2 h", "Yesterday", "11-03": short relative time for a list row."""
    if when is None:
        return ""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return QCoreApplication.translate("RelativeTime", "now")
    if seconds < 3600:
        return QCoreApplication.translate("RelativeTime", "%1 min").replace("%1", str(int(seconds // 60)))
    if seconds < 86400:
        return QCoreApplication.translate("RelativeTime", "%1 h").replace("%1", str(int(seconds // 3600)))
    local = to_local(when)
    if seconds < 2 * 86400:
        return QCoreApplication.translate("RelativeTime", "Yesterday")
    return local.strftime("%m-%d")


def reply_timer(widget: QWidget, due: datetime | None, now: datetime) -> tuple[str, bool]:
    """("Reply within 23 min", False) or ("Overdue 2 h", True)."""
    if due is None:
        return "", False
    seconds = (due - now).total_seconds()
    span = abs(seconds)
    if span < 3600:
        amount = QCoreApplication.translate("RelativeTime", "%1 min").replace(
            "%1", str(max(1, int(span // 60))))
    elif span < 86400:
        amount = QCoreApplication.translate("RelativeTime", "%1 h").replace(
            "%1", str(int(span // 3600)))
    else:
        amount = QCoreApplication.translate("RelativeTime", "%1 d").replace(
            "%1", str(int(span // 86400)))
    if seconds >= 0:
        return QCoreApplication.translate("RelativeTime", "Reply within %1").replace("%1", amount), False
    return QCoreApplication.translate("RelativeTime", "Overdue %1").replace("%1", amount), True


class InboxDelegate(QStyledItemDelegate):
    """Paints a conversation row: store badge, customer, preview, time, unread, assignee,
    reply timer."""

    HEIGHT = 68

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(1, self.HEIGHT)  # as wide as the view: rows never scroll sideways

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: svc.InboxRow = index.data(RowRole)
        if row is None:
            return
        now = utcnow()
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, QColor("#DBEAFE") if selected else QColor("white"))
        painter.setPen(QColor("#E5E7EB"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        # store badge
        badge = QRect(rect.left() + 10, rect.top() + 12, 32, 32)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(row.store_colour or "#6B7280"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, row.platform[:1].upper())
        left = badge.right() + 10
        right = rect.right() - 10
        # line 1: customer, time
        painter.setPen(QColor("#111827"))
        time_text = ago(self.owner, row.last_message_at, now)
        metrics = painter.fontMetrics()
        painter.drawText(QRect(left, rect.top() + 6, right - left - 70, 20),
                         Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(row.customer, Qt.TextElideMode.ElideRight,
                                            right - left - 70))
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#6B7280"))
        painter.drawText(QRect(right - 70, rect.top() + 6, 70, 20),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, time_text)
        # line 2: preview, unread, assignee
        badges_width = 0
        if row.unread:
            text = str(row.unread) if row.unread < 100 else "99+"
            width = max(20, painter.fontMetrics().horizontalAdvance(text) + 10)
            pill = QRect(right - width, rect.top() + 28, width, 18)
            painter.setBrush(QColor("#EF4444"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(pill, 9, 9)
            painter.setPen(QColor("white"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            badges_width += width + 6
        if row.assignee:
            width = painter.fontMetrics().horizontalAdvance(row.assignee) + 10
            chip = QRect(right - badges_width - width, rect.top() + 28, width, 18)
            painter.setBrush(QColor("#E5E7EB"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor("#374151"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, row.assignee)
            badges_width += width + 6
        painter.setPen(QColor("#374151"))
        preview_width = right - left - badges_width
        painter.drawText(QRect(left, rect.top() + 27, preview_width, 20),
                         Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(row.preview, Qt.TextElideMode.ElideRight,
                                            preview_width))
        # line 3: store, reply timer
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
        painter.setFont(small)
        painter.setPen(QColor("#9CA3AF"))
        painter.drawText(QRect(left, rect.top() + 46, right - left - 140, 18),
                         Qt.AlignmentFlag.AlignVCenter, row.store_name)
        timer, overdue = reply_timer(self.owner, row.reply_due_at, now)
        if timer:
            painter.setPen(QColor("#DC2626") if overdue else QColor("#059669"))
            painter.drawText(QRect(right - 160, rect.top() + 46, 160, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, timer)
        painter.restore()


class Composer(QPlainTextEdit):
    """Enter sends; Shift+Enter or Ctrl+Enter starts a new line (as in sellers' chat tools)."""

    sendRequested = Signal()  # noqa: N815
    quickReplyRequested = Signal(str)  # noqa: N815 - what was typed after "/"
    ctrl_enter_sends = False  # Settings: Ctrl+Enter sends and Enter starts a new line

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Slash and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.quickReplyRequested.emit("")
            return
        if event.text() == "/" and not self.toPlainText():
            self.quickReplyRequested.emit("")  # "/" at the start opens the picker
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
            shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            sends = ctrl if self.ctrl_enter_sends else not (ctrl or shift)
            if sends:
                self.sendRequested.emit()
            else:
                self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


class InboxPage(QWidget):
    """Views with counts, store filters, the merged list, the conversation and the composer."""

    changed = Signal()  # something the rest of the window counts has changed
    startReturn = Signal(int)  # noqa: N815 - "Start return" for this conversation
    startOrderReturn = Signal(int)  # noqa: N815 - "Start return" on an order of the card
    openReturn = Signal(int)  # noqa: N815 - a case link on the card
    createComplaint = Signal(int)  # noqa: N815 - "Create complaint" for this conversation
    openComplaint = Signal(int)  # noqa: N815 - a ticket link on the card

    def __init__(self, db: Database, prefs: Preferences | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxPage")
        self.db = db
        self.prefs = prefs or Preferences()
        self.agent: Agent | None = None
        self.current: int | None = None
        self._status: ConversationStatus | None = None

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
        self.fill_store_filter(reload=False)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("", None)
        for status in ConversationStatus:
            self.status_filter.addItem("", status.value)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("tagFilter")
        self.fill_tag_filter()
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.filter_bar = QWidget()
        filters = QHBoxLayout(self.filter_bar)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.tag_filter)
        filters.addStretch(1)

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
        self.results.itemActivated.connect(self._open_result)
        self.results.currentItemChanged.connect(
            lambda item, _prev: self._open_result(item) if item else None)
        self.highlight: int | None = None

        self.model = InboxModel(self._source())
        self.list = QListView()
        self.list.setObjectName("inboxList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(InboxDelegate(self))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(self._opened)

        self.header = QLabel()
        self.header.setObjectName("conversationHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.assign_me = QPushButton()
        self.assign_me.setObjectName("assignMeButton")
        self.assign_me.clicked.connect(lambda: self.act(
            lambda s, a, c: svc.assign(s, a, c, a.id)))
        self.assign_menu = QMenu(self)
        self.assign_button = QToolButton()
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.assign_button.setMenu(self.assign_menu)
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self._close_or_reopen)
        self.snooze_menu = QMenu(self)
        self.snooze_button = QToolButton()
        self.snooze_button.setObjectName("snoozeButton")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(self.snooze_menu)
        self.tag_menu = QMenu(self)
        self.tag_menu.aboutToShow.connect(self._fill_tag_menu)
        self.tag_button = QToolButton()
        self.tag_button.setObjectName("tagButton")
        self.tag_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tag_button.setMenu(self.tag_menu)
        self.priority = QComboBox()
        self.priority.setObjectName("priorityBox")
        for p in Priority:
            self.priority.addItem("", p.value)
        self.priority.activated.connect(lambda _i: self.act(
            lambda s, a, c: svc.set_priority(s, a, c, Priority(self.priority.currentData()))))
        self.start_return = QPushButton()
        self.start_return.setObjectName("startReturnButton")
        self.start_return.clicked.connect(
            lambda: self.startReturn.emit(self.current) if self.current else None)
        self.score_menu = QMenu(self)
        self.score_button = QToolButton()
        self.score_button.setObjectName("scoreButton")
        self.score_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.score_button.setMenu(self.score_menu)
        self.create_complaint = QPushButton()
        self.create_complaint.setObjectName("createComplaintButton")
        self.create_complaint.clicked.connect(
            lambda: self.createComplaint.emit(self.current) if self.current else None)
        self.actions_bar = QWidget()
        actions = QHBoxLayout(self.actions_bar)
        actions.setContentsMargins(0, 0, 0, 0)
        for widget in (self.assign_me, self.assign_button, self.close_button,
                       self.snooze_button, self.tag_button, self.priority):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.conversation = QTextBrowser()
        self.conversation.setObjectName("conversationView")
        self.conversation.setOpenLinks(False)
        self.conversation.anchorClicked.connect(self._link)
        self.thread_size = THREAD_PAGE
        self._has_older = False  # the open thread has messages before those shown
        self._rendering = False
        self.conversation.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.composer = Composer()
        self.composer.setObjectName("composer")
        self.composer.setMaximumHeight(110)
        self.composer.sendRequested.connect(self.send)
        self.composer.ctrl_enter_sends = self.prefs.ctrl_enter_sends
        self.draft_timer = QTimer(self)  # a crash loses at most a second of typing
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(1000)
        self.draft_timer.timeout.connect(self.save_draft)
        self.composer.textChanged.connect(self.draft_timer.start)
        self.composer.quickReplyRequested.connect(self.insert_quick_reply)
        self.note_mode = QCheckBox()
        self.note_mode.setObjectName("noteMode")
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attachButton")
        self.attach_button.clicked.connect(self.choose_images)
        self.pending: list[tuple[str, str, bytes]] = []  # images to send with the reply
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingAttachments")
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self.send)
        self.status = QLabel()
        self.status.setObjectName("composerStatus")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.views)
        left_layout.addWidget(self.store_bar)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.results, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.score_button)
        header_row.addWidget(self.create_complaint)
        header_row.addWidget(self.start_return)  # case buttons sit with who the customer is
        right_layout.addLayout(header_row)
        right_layout.addWidget(self.actions_bar)
        right_layout.addWidget(self.conversation, 1)
        right_layout.addWidget(self.composer)
        row = QHBoxLayout()
        row.addWidget(self.note_mode)
        row.addWidget(self.attach_button)
        row.addWidget(self.pending_label)
        row.addWidget(self.status, 1)
        row.addWidget(self.send_button)
        right_layout.addLayout(row)
        self.card = CustomerCard(db)
        self.card.openReturn.connect(self.openReturn)
        self.card.startReturn.connect(self.startOrderReturn)
        self.card.openComplaint.connect(self.openComplaint)
        self.card.openConversation.connect(self.open_conversation)
        self.card.tagsChanged.connect(self.fill_tag_filter)
        splitter = QSplitter()
        splitter.setObjectName("inboxSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.addWidget(self.card)
        splitter.setSizes([360, 560, 240])
        splitter.setStretchFactor(1, 1)  # the conversation takes what the window adds
        self.card.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self.ticker = QTimer(self)  # reply timers count down
        self.ticker.setInterval(30_000)
        self.ticker.timeout.connect(self.list.viewport().update)
        self.ticker.start()
        self.retranslate()
        self._set_composer_enabled()

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

    def reload(self) -> None:
        self.model.set_source(self._source())
        self._show_counts()
        row = self.model.row_of(self.current) if self.current is not None else -1
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def _show_counts(self, recount: bool = True) -> None:
        """The views' names with their counts; ``recount=False`` (a language change, or
        before anyone signed in) keeps the counts it has instead of asking the database."""
        if recount or (getattr(self, "_counts", None) is None and self.isVisible()):
            with self.db.read_session() as session:
                self._counts = svc.view_counts(session, self.filter())
        counts = getattr(self, "_counts", None)
        names = [self.tr("Needs reply"), self.tr("Mine"), self.tr("Unassigned"), self.tr("All")]
        for i, (view, name) in enumerate(zip(VIEWS, names, strict=True)):
            self.views.setTabText(i, f"{name} ({counts[view]:,})" if counts else name)

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        self._fill_menus()
        self.reload()
        self._set_composer_enabled()

    def run_search(self) -> None:
        query = self.search_box.text()
        searching = bool(query.strip())
        self.results.setVisible(searching)
        self.list.setVisible(not searching)
        self.views.setVisible(not searching)
        self.store_bar.setVisible(not searching)
        self.filter_bar.setVisible(not searching)
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
            item.setData(Qt.ItemDataRole.UserRole, (hit.conversation_id, hit.message_id))
            label = QLabel(f"<b>{html.escape(hit.customer)}</b> · "
                           f"<span style='color:#6B7280'>{html.escape(hit.store_name)} · "
                           f"{html.escape(ago(self, hit.at, now))}</span><br>{hit.snippet_html}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(6, 4, 6, 4)
            item.setSizeHint(label.sizeHint())
            self.results.addItem(item)
            self.results.setItemWidget(item, label)

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

    def open_conversation(self, conversation_id: int) -> None:
        """Show one conversation (from a return case, a link…), selected if it is listed."""
        for row in range(self.model.rowCount()):
            data = self.model.index(row).data(RowRole)
            if data is not None and data.id == conversation_id:
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
                return
        self._open(conversation_id)
        self.highlight = None
        self.show_conversation()
        self._set_composer_enabled()

    def _open_result(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        conversation_id, message_id = data
        self._open(conversation_id)
        self.highlight = message_id
        self.show_conversation()
        self._set_composer_enabled()

    def on_changed(self, conversation_ids: list[int]) -> None:
        """Live update: changed rows are replaced in place or move to the top; rows new to
        the view are inserted at the top. Selection stays on its conversation, and a reader
        scrolled down the list keeps seeing the same rows."""
        bar = self.list.verticalScrollBar()
        with self.db.read_session() as session:
            f = self.filter()
            for conversation_id in conversation_ids:
                fresh = svc.row(session, conversation_id)
                if fresh is None:
                    continue
                if self.model.row_of(conversation_id) >= 0:
                    self.model.update_row(fresh)
                elif svc.matches(session, f, conversation_id):
                    keep = bar.value()
                    self.model.insert_top(fresh)
                    if keep > 0:
                        bar.setValue(keep + InboxDelegate.HEIGHT)
        self._show_counts()
        if self.current in conversation_ids:
            self.show_conversation()

    # -- the open conversation ---------------------------------------------------------------

    def save_draft(self) -> None:
        """Keep what is typed for this conversation (also across restarts)."""
        if self.current is not None:
            self.prefs.set_draft(self.db.url, self.current, self.composer.toPlainText())

    def _open(self, conversation_id: int | None) -> None:
        self.save_draft()
        self.current = conversation_id
        self.thread_size = THREAD_PAGE
        self.composer.blockSignals(True)
        self.composer.setPlainText(
            self.prefs.draft(self.db.url, conversation_id) if conversation_id else "")
        self.composer.moveCursor(QTextCursor.MoveOperation.End)
        self.composer.blockSignals(False)

    def _opened(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(RowRole) if current.isValid() else None
        self._open(row.id if row else None)
        self.show_conversation()
        self._set_composer_enabled()

    def show_conversation(self, from_bottom: int | None = None) -> None:
        """Show the open conversation, scrolled to its newest message, to the searched one,
        or ``from_bottom`` pixels above the end (older messages were added on top)."""
        if self.current is None:
            self.header.clear()
            self.conversation.clear()
            self.card.show_customer(None, self.agent)
            return
        with self.db.read_session() as session:
            row = svc.row(session, self.current)
            messages = svc.thread(session, self.current, None, self.thread_size)
            customer_id = customer_of_conversation(session, self.current)
        if customer_id != self.card.customer_id or self.card.viewer is not self.agent:
            self.card.show_customer(customer_id, self.agent)
        if row is not None:
            self.header.setText(f"{row.customer}  ·  {row.store_name}")
            self._status = row.status
            self.close_button.setText(self.tr("Reopen") if row.status == ConversationStatus.CLOSED
                                      else self.tr("Close"))
            self.priority.setCurrentIndex(self.priority.findData(row.priority.value))
        if self.highlight is not None and all(m.id != self.highlight for m in messages):
            with self.db.read_session() as session:  # an older message: load from there on
                messages = svc.thread_from(session, self.current, self.highlight)
        self._has_older = len(messages) >= self.thread_size
        self._rendering = True  # setHtml scrolls to the top: that is not the reader
        try:
            self.conversation.setHtml(self._render(messages))
            bar = self.conversation.verticalScrollBar()
            if self.highlight is not None:
                self.conversation.scrollToAnchor(f"m{self.highlight}")
                self.highlight = None
            elif from_bottom is not None:
                bar.setValue(bar.maximum() - from_bottom)
            else:
                bar.setValue(bar.maximum())
        finally:
            self._rendering = False

    def _scrolled(self, value: int) -> None:
        """Scrolled up to the first message shown: the earlier ones come in above it."""
        if value == 0 and self._has_older and not self._rendering:
            self.load_earlier()

    def load_earlier(self) -> None:
        """The next page of older messages, the messages on screen staying where they are."""
        bar = self.conversation.verticalScrollBar()
        from_bottom = bar.maximum() - bar.value()
        self.thread_size += THREAD_PAGE
        self.show_conversation(from_bottom)

    def _render(self, messages: list[svc.ThreadMessage]) -> str:
        parts = ['<table width="100%" cellspacing="6">']
        warned = self.tr("This e-mail could not be read cleanly; the text may be incomplete.")
        original = self.tr("Show original")
        if len(messages) >= self.thread_size:
            older = self.tr("Load earlier messages")
            parts.append(f'<tr><td align="center"><a href="older:">{older}</a></td></tr>')
        last_day = None
        for m in messages:
            local = to_local(m.at)
            if local.date() != last_day:
                last_day = local.date()
                parts.append(f'<tr><td align="center" style="color:#9CA3AF">'
                             f'{local:%Y-%m-%d}</td></tr>')
            text = html.escape(m.text).replace("\n", "<br>")
            time_text = f"{local:%H:%M}"
            if m.direction == Direction.SYSTEM:
                parts.append(f'<tr><td align="center" style="color:#6B7280">{text} · '
                             f"{time_text}</td></tr>")
                continue
            if m.direction == Direction.IN:
                align, colour = "left", "#F3F4F6"
            elif m.direction == Direction.NOTE:
                align, colour = "right", "#FEF3C7"
            else:
                align, colour = "right", "#DCFCE7"
            state = ""
            if m.send_state == SendState.QUEUED:
                state = " · " + self.tr("queued")
            elif m.send_state == SendState.FAILED:
                retry = self.tr("Retry")
                state = (" · " + self.tr("failed") + f" ({html.escape(m.send_error or '')}) "
                         f'<a href="retry:{m.id}">{retry}</a>')
            if m.warning:
                text = (f"<span style='color:#B45309'>⚠ {html.escape(warned)}</span><br>"
                        + text)
            for att in m.attachments:
                if att.mime_type.startswith("image/"):
                    self._load_image(att.id)
                    text += (f'<br><a href="image:{att.id}"><img src="att:{att.id}" '
                             f'width="{THUMB}"></a>')
                elif att.mime_type in ORIGINALS:
                    text += f'<br><a href="file:{att.id}">{html.escape(original)}</a>'
                else:
                    text += (f'<br>📎 <a href="file:{att.id}">{html.escape(att.filename)}</a>'
                             f" ({att.size // 1024 + 1} KB)")
            who = html.escape(m.author) + " · " if m.author else ""
            label = self.tr("Internal note") + " · " if m.direction == Direction.NOTE else ""
            if m.id == self.highlight:
                colour = "#FDE68A"
            parts.append(
                f'<tr><td align="{align}"><a name="m{m.id}"></a>'
                f'<table cellpadding="8" bgcolor="{colour}"><tr><td>'
                f"{text}<br><span style='color:#6B7280;font-size:small'>{label}{who}"
                f"{time_text}{state}</span></td></tr></table></td></tr>")
        parts.append("</table>")
        return "".join(parts)

    def _link(self, url) -> None:  # type: ignore[no-untyped-def]
        """Links inside the conversation: load older messages, retry a failed send."""
        target = url.toString()
        if target == "older:":
            self.load_earlier()
        elif target.startswith("image:"):
            self.show_image(int(target.split(":", 1)[1]))
        elif target.startswith("file:"):
            self.open_file(int(target.split(":", 1)[1]))
        elif target.startswith("retry:"):
            try:
                with self.db.transaction() as session:
                    retry_now(session, int(target.split(":", 1)[1]))
            except ShopDeskError as exc:
                self.status.setText(translated(str(exc)))
            self.show_conversation()

    def _load_image(self, attachment_id: int) -> None:
        document = self.conversation.document()
        url = QUrl(f"att:{attachment_id}")
        if not document.resource(QTextDocument.ResourceType.ImageResource, url):
            with self.db.read_session() as session:
                found = svc.attachment_data(session, attachment_id)
            image = QImage.fromData(found[1]) if found else QImage()
            document.addResource(QTextDocument.ResourceType.ImageResource, url, image)

    def open_file(self, attachment_id: int) -> None:
        """An e-mail's original (its HTML, or the raw mail) in a window; another file is
        saved where the agent chooses."""
        with self.db.read_session() as session:
            found = svc.attachment_data(session, attachment_id)
            name = svc.attachment_name(session, attachment_id)
        if found is None:
            return
        mime, data = found
        if mime in ORIGINALS:
            self.original = original_viewer(self, mime, data)
            return
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save attachment"), name or "")
        if path:
            try:
                Path(path).write_bytes(data)
            except OSError as exc:
                self.status.setText(self.tr("The file could not be saved: %1")
                                    .replace("%1", exc.strerror or str(exc)))

    def show_image(self, attachment_id: int) -> None:
        """Click on an image: see it large."""
        with self.db.read_session() as session:
            found = svc.attachment_data(session, attachment_id)
        if found is not None:
            self.viewer = image_viewer(self, found[1])

    # -- actions ----------------------------------------------------------------------------

    def act(self, work) -> None:  # type: ignore[no-untyped-def]
        """Run a conversation action for the signed-in agent, then refresh what shows it."""
        if self.current is None or self.agent is None:
            return
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.agent.id)
                work(session, actor, self.current)
        except StaleDataError:
            self.status.setText(self.tr(
                "Someone else changed this conversation just now; it has been reloaded."))
        except ShopDeskError as exc:
            self.status.setText(translated(str(exc)))
        else:
            self.status.clear()
        self._refresh_current()
        self.card.refresh()  # tags and figures may have changed

    def _refresh_current(self) -> None:
        """After a change to the open conversation: its row, the counts, the thread."""
        if self.current is not None:
            with self.db.read_session() as session:
                fresh = svc.row(session, self.current)
            if fresh is not None:
                self.model.update_row(fresh)
        self._show_counts()
        self.show_conversation()
        self.changed.emit()

    def _fill_tag_menu(self) -> None:
        """Tags of the conversation's customer, ticked; choosing one toggles it."""
        self.tag_menu.clear()
        if self.current is None:
            return
        with self.db.read_session() as session:
            tags = list(session.execute(select(Tag.id, Tag.name).order_by(Tag.name)))
            chosen = svc.customer_tags_of(session, self.current)
        for tag_id, name in tags:
            action = self.tag_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(tag_id in chosen)
            action.toggled.connect(lambda on, t=tag_id: self.act(
                lambda s, a, c: svc.tag_customer(s, a, c, t, on)))

    def _close_or_reopen(self) -> None:
        if self._status == ConversationStatus.CLOSED:
            self.act(svc.reopen)
        else:
            self.act(svc.close)

    def _fill_menus(self) -> None:
        self.assign_menu.clear()
        with self.db.read_session() as session:
            agents = [(a.id, a.name) for a in active_agents(session)
                      if a.role != Role.BOOKKEEPER]
        unassigned = self.assign_menu.addAction(self.tr("Unassigned"))
        unassigned.triggered.connect(lambda: self.act(lambda s, a, c: svc.assign(s, a, c, None)))
        for agent_id, name in agents:
            action = self.assign_menu.addAction(name)
            action.triggered.connect(
                lambda _=False, i=agent_id: self.act(lambda s, a, c: svc.assign(s, a, c, i)))
        self.score_menu.clear()
        for score, label in ((5, self.tr("5 · very satisfied")), (4, self.tr("4 · satisfied")),
                             (3, self.tr("3 · neutral")), (2, self.tr("2 · dissatisfied")),
                             (1, self.tr("1 · very dissatisfied"))):
            action = self.score_menu.addAction(label)
            action.triggered.connect(lambda _=False, n=score: self.act(
                lambda s, a, c: surveys.enter_score(s, a, c, n)))
        self.snooze_menu.clear()
        for label, delta in ((self.tr("For 1 hour"), timedelta(hours=1)),
                             (self.tr("For 3 hours"), timedelta(hours=3)),
                             (self.tr("Until tomorrow 9:00"), None)):
            action = self.snooze_menu.addAction(label)
            action.triggered.connect(lambda _=False, d=delta: self.act(
                lambda s, a, c: svc.snooze(s, a, c, snooze_time(d))))

    # -- composer ---------------------------------------------------------------------------

    def _set_composer_enabled(self) -> None:
        allowed = can(self.agent, Action.REPLY)
        ready = allowed and self.current is not None
        self.composer.setEnabled(ready)
        self.send_button.setEnabled(ready)
        self.note_mode.setEnabled(ready)
        tip = "" if allowed else self.tr("Your role cannot answer customers.")
        for widget in (self.composer, self.send_button, self.attach_button, self.assign_me,
                       self.score_button,
                       self.assign_button, self.close_button, self.snooze_button,
                       self.tag_button, self.priority):
            widget.setEnabled(ready)
            widget.setToolTip(tip)
        cases = denied(self.agent, Action.HANDLE_CASES)
        self.start_return.setEnabled(cases is None and self.current is not None)
        self.start_return.setToolTip(cases or self.tr("Start a return or refund for this "
                                                      "customer's order"))
        if self.score_button.isEnabled():
            self.score_button.setToolTip(self.tr("Enter the customer's satisfaction score by "
                                                 "hand (for example after a phone call)"))
        self.create_complaint.setEnabled(cases is None and self.current is not None)
        self.create_complaint.setToolTip(cases or self.tr(
            "Open a complaint ticket with this conversation's customer, order and message"))

    def choose_images(self) -> None:
        self.attach_files(pick_images(self))

    def attach_files(self, paths: list[Path]) -> None:
        files = list(self.pending)
        for path in paths:
            try:
                files.append(read_image(path))
            except OSError as exc:
                self.status.setText(f"{path.name}: {exc.strerror}")
                return
        self.set_pending(files)

    def set_pending(self, files: list[tuple[str, str, bytes]]) -> None:
        self.pending = files
        self.pending_label.setText(
            self.tr("%1 image(s): %2").replace("%1", str(len(files))).replace(
                "%2", ", ".join(name for name, _m, _d in files)) if files else "")

    def insert_quick_reply(self, query: str = "") -> None:
        if self.current is None or not self.composer.isEnabled():
            return
        chosen = QuickReplyPicker.pick(self.db, self.current, self.agent, query, self)
        if chosen is not None:
            text, images = chosen
            self.composer.insertPlainText(text)
            if images:  # the reply's images go with it
                self.set_pending(self.pending + images)
        self.composer.setFocus()

    def send(self) -> None:
        if self.current is None or self.agent is None:
            return
        text = self.composer.toPlainText()
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.agent.id)
                svc.queue_reply(session, actor, self.current, text,
                                note=self.note_mode.isChecked(), attachments=self.pending)
        except ShopDeskError as exc:
            self.status.setText(translated(str(exc)))  # the text stays in the composer
            return
        self.status.clear()
        self.composer.clear()
        self.set_pending([])
        self.prefs.set_draft(self.db.url, self.current, "")
        self._refresh_current()

    # -- text -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(self.tr("Search messages and customers (Ctrl+K)"))
        self.composer.setPlaceholderText(self.tr(
            "Write a reply. Enter sends, Shift+Enter starts a new line, / or Ctrl+/ for "
            "quick replies."))
        self.note_mode.setText(self.tr("Internal note"))
        self.send_button.setText(self.tr("Send"))
        self.attach_button.setText(self.tr("Attach image…"))
        self.start_return.setText(self.tr("Start return…"))
        self.create_complaint.setText(self.tr("Create complaint…"))
        self.score_button.setText(self.tr("Score"))
        self.status_filter.setItemText(0, self.tr("Any status"))
        for i, status in enumerate(ConversationStatus, start=1):
            self.status_filter.setItemText(i, conversation_status_label(status))
        self.tag_filter.setItemText(0, self.tr("Any tag"))
        self.assign_me.setText(self.tr("Assign to me"))
        if self.current is None:
            self.close_button.setText(self.tr("Close"))
        self.conversation.setPlaceholderText(self.tr("Choose a conversation on the left."))
        self.assign_button.setText(self.tr("Assign…"))
        self.snooze_button.setText(self.tr("Snooze"))
        self.tag_button.setText(self.tr("Tags"))
        for i, name in enumerate([self.tr("Low priority"), self.tr("Normal priority"),
                                  self.tr("High priority"), self.tr("Urgent")]):
            self.priority.setItemText(i, name)
        self._fill_menus()
        for n, button in enumerate(self.store_buttons, start=1):
            button.setToolTip(self.tr("Show only this store (Alt+%1)").replace("%1", str(n)))
        self._show_counts(recount=False)
        if self.current is not None:
            self.show_conversation()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if getattr(self, "_counts", None) is None:
            self._show_counts()  # nobody signed in yet: count on first show
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
