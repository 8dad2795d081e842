"""How a conversation row of the inbox list looks: store badge, customer, preview, time,
unread count, assignee and reply timer."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from shopdesk.services import inbox as svc
from shopdesk.times import to_local, utcnow
from shopdesk.ui.inbox_model import RowRole


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
