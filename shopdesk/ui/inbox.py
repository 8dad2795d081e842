"""The Inbox page: the conversation list, the open conversation with its actions, the
composer and the customer card, wired together."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.models import Agent, Tag
from shopdesk.models.enums import ConversationStatus, Priority, Role
from shopdesk.services import inbox as svc
from shopdesk.services import surveys
from shopdesk.services.agents import active_agents
from shopdesk.services.conversation_checks import expect_tag
from shopdesk.services.customers import customer_of_conversation
from shopdesk.services.permissions import Action, can
from shopdesk.ui.automation_inbox import ExcludeBox
from shopdesk.ui.customer_card import CustomerCard
from shopdesk.ui.flow_layout import FlowLayout
from shopdesk.ui.inbox_composer import Composer, ComposerPanel
from shopdesk.ui.inbox_delegate import InboxDelegate, ago, reply_timer
from shopdesk.ui.inbox_knowledge import KnowledgePanel, insert_article
from shopdesk.ui.inbox_list import VIEWS, ConversationList
from shopdesk.ui.inbox_parts import ThreadAndComposerNames, menu_button, snooze_time
from shopdesk.ui.inbox_thread import THREAD_PAGE, THUMB, ThreadView
from shopdesk.ui.inbox_undo import ActionRunner
from shopdesk.ui.presence_line import PresenceLine
from shopdesk.ui.reply_guard import confirm_reply
from shopdesk.ui.service_text import denied
from shopdesk.ui.settings import Preferences

__all__ = ["THREAD_PAGE", "THUMB", "VIEWS", "Composer", "InboxDelegate", "InboxPage", "ago",
           "reply_timer", "snooze_time"]


class InboxPage(ThreadAndComposerNames, QWidget):
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
        self.shown_state: svc.ConversationState | None = None  # what an action expects
        self._status: ConversationStatus | None = None

        self.conversations = ConversationList(db)
        self.conversations.opened.connect(self._opened)
        self.conversations.resultOpened.connect(self._open_result)
        self.conversations.recordOpened.connect(
            lambda kind, rid: (self.openComplaint if kind == "complaint"
                               else self.openReturn).emit(rid))
        self.conversations.reloaded.connect(lambda: self.conversations.select(self.current))
        # the list's parts, by the names the window and the tests know
        self.model = self.conversations.model
        self.list = self.conversations.list
        self.views = self.conversations.views
        self.search_box = self.conversations.search_box
        self.results = self.conversations.results
        self.status_filter = self.conversations.status_filter
        self.tag_filter = self.conversations.tag_filter

        self.actions = ActionRunner(self)  # runs the actions, with undo (Ctrl+Z)
        self.undo_stack = self.actions.stack
        self._build_actions()
        self.conversation = ThreadView(db)
        self.composer_panel = ComposerPanel(db, self.prefs)
        self.composer_panel.sent.connect(lambda _c: self._refresh_current())
        self.composer = self.composer_panel.editor
        self.status = self.composer_panel.status
        self.send_button = self.composer_panel.send_button
        self.conversation.problem.connect(self.status.setText)
        self.presence = PresenceLine(db)  # who else views or types this conversation
        self.composer.textChanged.connect(self.presence.typed)
        self.composer_panel.before_send = lambda cid: self.agent is not None and confirm_reply(
            self, db, cid, self.agent.id)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.score_button)
        header_row.addWidget(self.create_complaint)
        header_row.addWidget(self.start_return)  # case buttons sit with who the customer is
        right_layout.addLayout(header_row)
        right_layout.addWidget(self.presence)
        right_layout.addWidget(self.actions_bar)
        right_layout.addWidget(self.conversation, 1)
        right_layout.addWidget(self.composer_panel)
        self.card = CustomerCard(db)
        self.card.undo_key.setEnabled(False)  # the page's Ctrl+Z hands it to the card
        self.card.openReturn.connect(self.openReturn)
        self.card.startReturn.connect(self.startOrderReturn)
        self.card.openComplaint.connect(self.openComplaint)
        self.card.openConversation.connect(self.open_conversation)
        self.card.tagsChanged.connect(self.fill_tag_filter)
        self.knowledge = KnowledgePanel(db)  # the articles that fit the conversation
        self.knowledge.insertRequested.connect(
            lambda text, images: insert_article(self.composer_panel, text, images))
        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("inboxSideSplitter")
        side.addWidget(self.card)
        side.addWidget(self.knowledge)
        side.setSizes([520, 200])  # the card first; the articles below it
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        splitter = QSplitter()
        splitter.setObjectName("inboxSplitter")
        splitter.addWidget(self.conversations)
        splitter.addWidget(right)
        splitter.addWidget(side)
        splitter.setSizes([360, 560, 240])
        splitter.setStretchFactor(1, 1)  # the conversation takes what the window adds
        self.card.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.retranslate()
        self._set_composer_enabled()

    def _build_actions(self) -> None:
        """The header (who, which store) and the bar of conversation actions."""
        self.header = QLabel()
        self.header.setObjectName("conversationHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)  # a long name wraps instead of being cut
        self.assign_me = QPushButton()
        self.assign_me.setObjectName("assignMeButton")
        self.assign_me.clicked.connect(lambda: self.act(
            lambda s, a, c: svc.assign(s, a, c, a.id), self.tr("Assigned")))
        self.assign_menu = QMenu(self)
        self.assign_button = menu_button("assignButton", self.assign_menu)
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self._close_or_reopen)
        self.snooze_menu = QMenu(self)
        self.snooze_button = menu_button("snoozeButton", self.snooze_menu)
        self.tag_menu = QMenu(self)
        self.tag_menu.aboutToShow.connect(self._fill_tag_menu)
        self.tag_button = menu_button("tagButton", self.tag_menu)
        self.priority = QComboBox()
        self.priority.setObjectName("priorityBox")
        self.priority.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for p in Priority:
            self.priority.addItem("", p.value)
        self.priority.activated.connect(lambda _i: self.act(
            lambda s, a, c: svc.set_priority(s, a, c, Priority(self.priority.currentData())),
            self.tr("Priority changed")))
        self.start_return = QPushButton()
        self.start_return.setObjectName("startReturnButton")
        self.start_return.clicked.connect(
            lambda: self.startReturn.emit(self.current) if self.current else None)
        self.score_menu = QMenu(self)
        self.score_button = menu_button("scoreButton", self.score_menu)
        self.create_complaint = QPushButton()
        self.create_complaint.setObjectName("createComplaintButton")
        self.create_complaint.clicked.connect(
            lambda: self.createComplaint.emit(self.current) if self.current else None)
        self.automation_box = ExcludeBox(self)
        self.actions_bar = QWidget()
        actions = FlowLayout(self.actions_bar)  # wraps when the window is narrow
        for widget in (self.assign_me, self.assign_button, self.close_button,
                       self.snooze_button, self.tag_button, self.priority, self.automation_box):
            actions.addWidget(widget)

    # -- the list's parts (the window, other pages and the tests reach them here) -----------

    @property
    def store_buttons(self) -> list[QToolButton]:
        return self.conversations.store_buttons

    def filter(self) -> svc.InboxFilter:
        return self.conversations.filter()

    def reload(self) -> None:
        self.conversations.reload()

    def run_search(self) -> None:
        self.conversations.run_search()

    def fill_store_filter(self, reload: bool = True) -> None:
        self.conversations.fill_store_filter(reload)

    def fill_tag_filter(self) -> None:
        self.conversations.fill_tag_filter()

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        self.undo_stack.clear()  # another agent does not undo what this one did
        self.composer_panel.agent = agent
        self.composer_panel.suggestions.agent = agent
        self.conversation.agent = agent
        self._fill_menus()
        self.conversations.set_agent(agent)
        self._set_composer_enabled()
        self.presence.set_agent(agent)

    def on_changed(self, conversation_ids: list[int]) -> None:
        """Live update from the sync worker (or another PC)."""
        self.conversations.on_changed(conversation_ids)
        if self.current in conversation_ids:  # new messages, or a reply's delivery
            self.show_conversation(keep_place=True)
            self.composer_panel.suggestions.show_for(self.current)

    # -- the open conversation ---------------------------------------------------------------

    def open_conversation(self, conversation_id: int) -> None:
        """Show one conversation (from a return case, a link…), selected if it is listed."""
        if self.conversations.select(conversation_id):
            return
        self._open(conversation_id)
        self.conversation.highlight = None
        self.show_conversation()
        self._set_composer_enabled()

    def _open_result(self, conversation_id: int, message_id: int | None) -> None:
        self._open(conversation_id)
        self.conversation.highlight = message_id
        self.show_conversation()
        self._set_composer_enabled()

    def _opened(self, conversation_id: int | None) -> None:
        self._open(conversation_id)
        self.show_conversation()
        self._set_composer_enabled()

    def _open(self, conversation_id: int | None) -> None:
        self.composer_panel.open(conversation_id)
        self.conversation.open(conversation_id)
        self.current = conversation_id
        self.presence.open(conversation_id)

    def save_draft(self) -> None:
        self.composer_panel.save_draft()

    def show_conversation(self, keep_place: bool = False) -> None:
        """The open conversation: header, buttons' state, messages, the customer's card."""
        self.knowledge.show_conversation(self.current, self.agent)
        self.automation_box.show_for(self.current)
        if self.current is None:
            self.header.clear()
            self.conversation.show_thread()
            self.card.show_customer(None, self.agent)
            return
        with self.db.read_session() as session:
            row = svc.row(session, self.current)
            customer_id = customer_of_conversation(session, self.current)
            self.shown_state = svc.state(session, self.current) if row is not None else None
        if customer_id != self.card.customer_id or self.card.viewer is not self.agent:
            self.card.show_customer(customer_id, self.agent)
        if row is not None:
            self.header.setText(f"{row.customer}  ·  {row.store_name}")
            self._status = row.status
            self.close_button.setText(self.tr("Reopen") if row.status == ConversationStatus.CLOSED
                                      else self.tr("Close"))
            self.priority.setCurrentIndex(self.priority.findData(row.priority.value))
        self.conversation.show_thread(keep_place=keep_place)

    # -- actions ----------------------------------------------------------------------------

    def act(self, work, text: str | None = None, inverse=None) -> None:  # type: ignore[no-untyped-def]
        """A conversation action for the signed-in agent (see ``ActionRunner.act``)."""
        self.actions.act(work, text, inverse)

    def refresh_conversation(self, conversation_id: int) -> None:
        """After an action on a conversation (the open one, or another one undone)."""
        if conversation_id == self.current:
            self._refresh_current()
        else:
            self.conversations.update_row(conversation_id)
            self.changed.emit()
        self.card.refresh()  # tags and figures may have changed

    def _refresh_current(self) -> None:
        """After a change to the open conversation: its row, the counts, the thread."""
        if self.current is not None:
            self.conversations.update_row(self.current)
        else:
            self.conversations.show_counts()
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
                lambda s, a, c: (expect_tag(s, c, t, not on), svc.tag_customer(s, a, c, t, on)),
                self.tr("Tags changed"),
                lambda s, a, c: svc.tag_customer(s, a, c, t, not on)))

    def _close_or_reopen(self) -> None:
        if self._status == ConversationStatus.CLOSED:
            self.act(svc.reopen, self.tr("Reopened"))
        else:
            self.act(svc.close)  # not undone: it may have asked the customer for a score

    def _fill_menus(self) -> None:
        self.assign_menu.clear()
        with self.db.read_session() as session:
            agents = [(a.id, a.name) for a in active_agents(session)
                      if a.role != Role.BOOKKEEPER]
        unassigned = self.assign_menu.addAction(self.tr("Unassigned"))
        assigned = self.tr("Assigned")
        unassigned.triggered.connect(lambda: self.act(
            lambda s, a, c: svc.assign(s, a, c, None), assigned))
        for agent_id, name in agents:
            action = self.assign_menu.addAction(name)
            action.triggered.connect(lambda _=False, i=agent_id: self.act(
                lambda s, a, c: svc.assign(s, a, c, i), assigned))
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
                lambda s, a, c: svc.snooze(s, a, c, snooze_time(d)), self.tr("Snoozed")))

    def _set_composer_enabled(self) -> None:
        allowed = can(self.agent, Action.REPLY)
        ready = allowed and self.current is not None
        tip = "" if allowed else self.tr("Your role cannot answer customers.")
        self.composer_panel.set_ready(ready, tip)
        for widget in (self.assign_me, self.score_button, self.assign_button,
                       self.close_button, self.snooze_button, self.tag_button, self.priority):
            widget.setEnabled(ready)
            widget.setToolTip(tip)
        self.automation_box.setEnabled(ready)
        cases = "" if self.agent is None else denied(self.agent, Action.HANDLE_CASES)  # none yet
        self.start_return.setEnabled(cases is None and self.current is not None)
        self.start_return.setToolTip(cases or self.tr("Start a return or refund for this "
                                                      "customer's order"))
        if self.score_button.isEnabled():
            self.score_button.setToolTip(self.tr("Enter the customer's satisfaction score by "
                                                 "hand (for example after a phone call)"))
        self.create_complaint.setEnabled(cases is None and self.current is not None)
        self.create_complaint.setToolTip(cases or self.tr(
            "Open a complaint ticket with this conversation's customer, order and message"))

    # -- text -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.start_return.setText(self.tr("Start return…"))
        self.create_complaint.setText(self.tr("Create complaint…"))
        self.score_button.setText(self.tr("Score"))
        self.assign_me.setText(self.tr("Assign to me"))
        if self.current is None:
            self.close_button.setText(self.tr("Close"))
        self.assign_button.setText(self.tr("Assign…"))
        self.snooze_button.setText(self.tr("Snooze"))
        self.tag_button.setText(self.tr("Tags"))
        for i, name in enumerate([self.tr("Low priority"), self.tr("Normal priority"),
                                  self.tr("High priority"), self.tr("Urgent")]):
            self.priority.setItemText(i, name)
        self._fill_menus()
        if self.current is not None:
            self.show_conversation()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
