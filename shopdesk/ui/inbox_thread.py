"""The open conversation's messages: bubbles with their delivery state, images and files,
"Load earlier messages" when scrolled to the top, and a searched message highlighted."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QFileDialog, QTextBrowser, QWidget

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.models.enums import Direction, SendState
from shopdesk.services import inbox as svc
from shopdesk.services.outbox import retry_now
from shopdesk.times import to_local
from shopdesk.ui.images import ORIGINALS, image_viewer, original_viewer
from shopdesk.ui.labels import rule_label
from shopdesk.ui.service_text import translated

THUMB = 160  # width of an image inside a bubble; click to see it large
THREAD_PAGE = 100  # messages shown when a conversation opens; "Load earlier" adds more


class ThreadView(QTextBrowser):
    """Shows one conversation, scrolled to its newest message or to a searched one."""

    problem = Signal(str)  # a message for the status line (a retry refused, a file unsaved)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationView")
        self.db = db
        self.conversation_id: int | None = None
        self.agent: Agent | None = None  # who answers for an uncertain send
        self.highlight: int | None = None  # a message to scroll to and mark (search)
        self.thread_size = THREAD_PAGE
        self._has_older = False  # the open thread has messages before those shown
        self._rendering = False
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._link)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.retranslate()

    def open(self, conversation_id: int | None) -> None:
        """Another conversation: it starts again at its newest page."""
        self.conversation_id = conversation_id
        self.thread_size = THREAD_PAGE

    def show_thread(self, from_bottom: int | None = None, keep_place: bool = False) -> None:
        """Show the open conversation, scrolled to its newest message, to the searched one,
        or ``from_bottom`` pixels above the end (older messages were added on top);
        ``keep_place`` (a live update) leaves a reader scrolled up where they are."""
        if self.conversation_id is None:
            self.clear()
            return
        bar = self.verticalScrollBar()
        if keep_place and from_bottom is None and bar.value() < bar.maximum():
            from_bottom = bar.maximum() - bar.value()
        with self.db.read_session() as session:
            messages = svc.thread(session, self.conversation_id, None, self.thread_size)
            if self.highlight is not None and all(m.id != self.highlight for m in messages):
                # an older message: load from there on
                messages = svc.thread_from(session, self.conversation_id, self.highlight)
        self._has_older = len(messages) >= self.thread_size
        self._rendering = True  # setHtml scrolls to the top: that is not the reader
        try:
            self.setHtml(self._render(messages))
            bar = self.verticalScrollBar()
            if self.highlight is not None:
                self.scrollToAnchor(f"m{self.highlight}")
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
        bar = self.verticalScrollBar()
        from_bottom = bar.maximum() - bar.value()
        self.thread_size += THREAD_PAGE
        self.show_thread(from_bottom)

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
                auto = html.escape(self.tr("Automatic") + " · ") if m.rule_name else ""
                parts.append(f'<tr><td align="center" style="color:#6B7280">{auto}{text} · '
                             f"{time_text}</td></tr>")
                continue
            if m.direction == Direction.IN:
                align, colour = "left", "#F3F4F6"
            elif m.direction == Direction.NOTE:
                align, colour = "right", "#FEF3C7"
            else:
                align, colour = "right", "#DCFCE7"
            state = self._state(m) if m.direction == Direction.OUT else ""
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
            if m.rule_name:  # written by an automation rule: says so, with the rule's name
                who = ("<span style='color:#7C3AED'>" + html.escape(
                    self.tr("Automatic · %1").replace("%1", rule_label(m.rule_name))) + "</span> · ")
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

    def _state(self, m: svc.ThreadMessage) -> str:
        """An outgoing message's delivery: queued, sending, sent, failed (with its reason
        and Retry) or may have been sent (Resend, or Mark as sent, by a person's word)."""
        def shown(colour: str, text: str) -> str:
            return f" · <span style='color:{colour}'>{html.escape(text)}</span>"

        if m.send_state == SendState.QUEUED:
            return shown("#6B7280", self.tr("queued"))
        if m.send_state == SendState.SENDING:
            return shown("#6B7280", self.tr("sending…"))
        if m.send_state == SendState.SENT:
            return shown("#059669", "✓ " + self.tr("sent"))
        if m.send_state == SendState.FAILED:
            return (shown("#DC2626", self.tr("failed") + f" ({m.send_error or ''})")
                    + f' <a href="retry:{m.id}">{self.tr("Retry")}</a>')
        if m.send_state == SendState.UNCERTAIN:
            return (shown("#B45309", self.tr("may have been sent"))
                    + f' <a href="resend:{m.id}">{self.tr("Resend")}</a>'
                    f' · <a href="mark-sent:{m.id}">{self.tr("Mark as sent")}</a>')
        return ""

    def _link(self, url: QUrl) -> None:
        """Links inside the conversation: load older messages, retry a failed send."""
        target = url.toString()
        if target == "older:":
            self.load_earlier()
        elif target.startswith("image:"):
            self.show_image(int(target.split(":", 1)[1]))
        elif target.startswith("file:"):
            self.open_file(int(target.split(":", 1)[1]))
        elif target.split(":", 1)[0] in ("retry", "resend", "mark-sent"):
            self._delivery(*target.split(":", 1))

    def _delivery(self, what: str, message_id: str) -> None:
        """Retry a failed reply; for one that may have been sent, the agent's word: send it
        again, or it did arrive."""
        try:
            with self.db.transaction() as session:
                if what == "retry":
                    retry_now(session, int(message_id))
                else:
                    from shopdesk.services import outbox  # uncertain sends: services/outbox

                    actor = session.get(Agent, self.agent.id) if self.agent else None
                    act = outbox.resend if what == "resend" else outbox.mark_sent
                    act(session, actor, int(message_id))
        except ShopDeskError as exc:
            self.problem.emit(translated(str(exc)))
        self.show_thread(keep_place=True)

    def _load_image(self, attachment_id: int) -> None:
        document = self.document()
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
                self.problem.emit(self.tr("The file could not be saved: %1")
                                  .replace("%1", exc.strerror or str(exc)))

    def show_image(self, attachment_id: int) -> None:
        """Click on an image: see it large."""
        with self.db.read_session() as session:
            found = svc.attachment_data(session, attachment_id)
        if found is not None:
            self.viewer = image_viewer(self, found[1])

    def retranslate(self) -> None:
        self.setPlaceholderText(self.tr("Choose a conversation on the left."))
        if self.conversation_id is not None:
            self.show_thread()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
