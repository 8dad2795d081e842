"""Before a reply goes out: when another agent replied to this customer in the last minute,
ask first, naming the agent and showing their reply (two agents answering one customer at
once send two different answers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from shopdesk.db import Database
from shopdesk.services import presence as svc
from shopdesk.times import to_local, utcnow

SHOWN = 400  # characters of the other reply shown in the question



def question(reply: svc.RecentReply) -> str:
    seconds = max(0, int((utcnow() - reply.at).total_seconds()))
    text = reply.text if len(reply.text) <= SHOWN else reply.text[:SHOWN] + "…"
    return "\n\n".join([
        QCoreApplication.translate("ReplyGuard", "%1 replied to this customer %2 seconds ago (%3):").replace("%1", reply.agent)
        .replace("%2", str(seconds)).replace("%3", f"{to_local(reply.at):%H:%M:%S}"),
        f"“{text}”",
        QCoreApplication.translate("ReplyGuard", "Send your reply as well?"),
    ])


def confirm_reply(parent: QWidget, db: Database, conversation_id: int, agent_id: int) -> bool:
    """Whether the reply may go: True at once when nobody else replied in the last minute."""
    with db.read_session() as session:
        reply = svc.recent_reply(session, conversation_id, agent_id)
    if reply is None:
        return True
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("ReplyGuard", "Another agent just replied"),
                      question(reply), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("recentReplyBox")
    send = box.addButton(QCoreApplication.translate("ReplyGuard", "Send anyway"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(QCoreApplication.translate("ReplyGuard", "Don't send"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)  # Enter out of habit does not send a second answer
    box.exec()
    return box.clickedButton() is send
