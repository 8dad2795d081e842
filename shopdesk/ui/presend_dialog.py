"""The warning shown before a reply leaves when the pre-send check found something
(services/presend_check.py): the reply with each finding marked, and for each one what it is
and why it matters, in the agent's language. The agent sends anyway or goes back to edit;
the text is never changed here."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.services import presend_check
from shopdesk.services.presend_check import Finding, Kind
from shopdesk.ui.labels import platform_name


def finding_text(finding: Finding, platform: str) -> str:
    """One line: what was found and why it matters."""
    where = platform_name(platform)
    why = {
        Kind.WORD: QCoreApplication.translate(
            "PresendText", "“%1”: an absolute claim the advertising law forbids "
                           "(极限词); %2 can remove the listing or fine the store."),
        Kind.PHONE: QCoreApplication.translate(
            "PresendText", "“%1”: a phone number. %2 penalises contact details "
                           "that lead buyers off the platform."),
        Kind.WECHAT: QCoreApplication.translate(
            "PresendText", "“%1”: a WeChat contact. %2 penalises contact details "
                           "that lead buyers off the platform."),
        Kind.QQ: QCoreApplication.translate(
            "PresendText", "“%1”: a QQ contact. %2 penalises contact details that "
                           "lead buyers off the platform."),
        Kind.EMAIL: QCoreApplication.translate(
            "PresendText", "“%1”: an e-mail address. %2 penalises contact details "
                           "that lead buyers off the platform."),
        Kind.LINK: QCoreApplication.translate(
            "PresendText", "“%1”: a link to another site (%3). %2 penalises links "
                           "that lead buyers off the platform."),
        Kind.VARIABLE: QCoreApplication.translate(
            "PresendText", "“%1”: a variable without a value; the customer "
                           "would see it as written."),
    }[finding.kind]
    return why.replace("%1", finding.text).replace("%2", where).replace("%3", finding.rule)


def marked_html(text: str, findings: list[Finding]) -> str:
    """The reply, escaped, with each finding on a yellow background."""
    out, at = [], 0
    for f in sorted(findings, key=lambda x: x.start):
        if f.start < at:
            continue
        out.append(html.escape(text[at:f.start]))
        out.append('<span style="background:#FDE68A;color:#7C2D12;font-weight:600">'
                   + html.escape(text[f.start:f.end]) + "</span>")
        at = f.end
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


class PresendWarning(QDialog):
    """Send anyway (accepted) or Edit (rejected, the default: Enter does not send)."""

    def __init__(self, text: str, findings: list[Finding], platform: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presendWarning")
        self.setWindowTitle(self.tr("Check before sending"))
        self.findings = findings
        intro = QLabel(self.tr("This reply may break the rules of %1. Send it anyway, or "
                               "go back and edit it?").replace(
                                   "%1", platform_name(platform)))
        intro.setWordWrap(True)
        intro.setObjectName("presendIntro")
        self.reply = QTextBrowser()
        self.reply.setObjectName("presendReply")
        self.reply.setHtml(marked_html(text, findings))
        self.reply.setMaximumHeight(110)
        self.list = QListWidget()
        self.list.setObjectName("presendFindings")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        for finding in findings:
            self.list.addItem(finding_text(finding, platform))
        self.list.setCurrentRow(0)
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setObjectName("presendEdit")
        self.edit_button.setDefault(True)
        self.edit_button.clicked.connect(self.reject)
        self.send_button = QPushButton(self.tr("Send anyway"))
        self.send_button.setObjectName("presendSendAnyway")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reply)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(600, 400)

    def _fit_items(self) -> None:
        """Each reason wrapped over as many lines as it needs (a list view does not size
        wrapped items by itself)."""
        width = self.list.viewport().width() - 8
        metrics = self.list.fontMetrics()
        for row in range(self.list.count()):
            item = self.list.item(row)
            rect = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                        int(Qt.TextFlag.TextWordWrap), item.text())
            item.setSizeHint(QSize(width, rect.height() + 8))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_items()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_items()

    def chosen(self) -> Finding | None:
        """The finding selected in the list (the first by default): where Edit puts the
        cursor."""
        row = self.list.currentRow()
        return self.findings[row] if 0 <= row < len(self.findings) else None


def confirm_send(db: Database, conversation_id: int, editor: QPlainTextEdit) -> bool:
    """Check the editor's reply before it leaves: True to send (nothing found, or the agent
    chose Send anyway); False to edit, with the chosen finding selected in the editor."""
    text = editor.toPlainText()
    with db.read_session() as session:
        platform = presend_check.platform_of(session, conversation_id) or ""
        findings = presend_check.check(session, conversation_id, text)
    if not findings:
        return True
    dialog = PresendWarning(text, findings, platform, editor.window())
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return True
    finding = dialog.chosen()
    if finding is not None:  # the span, selected: typing replaces it, nothing else changes
        cursor = editor.textCursor()
        cursor.setPosition(_position(text, finding.start))
        cursor.setPosition(_position(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
    editor.setFocus()
    return False


def _position(text: str, index: int) -> int:
    """A Python index as a Qt text position (characters outside the BMP count twice)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)
