"""The "Handovers" workbook sheet: past shift handovers for the owner and the bookkeeper."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from shopdesk import __version__
from shopdesk.errors import ShopDeskError
from shopdesk.exporters.cells import cell, text_cell, time_cell
from shopdesk.models import Agent, Handover

HEADERS = {
    "en": ["Time", "From", "For", "Note", "Waiting for a reply", "Returns", "Complaints",
           "Snoozed", "Open items"],
    "zh_CN": ["时间", "交班人", "接收人", "备注", "等待回复", "退货退款", "投诉", "推迟的会话",
              "未完成事项"],
}
WORDS = {
    "en": {"everyone": "Everyone", "sheet_about": "About", "exported": "Exported",
           "by": "Exported by", "range": "Dates (local calendar days)", "zone": "Time zone",
           "rows": "Rows", "version": "ShopDesk version", "sheet": "Handovers"},
    "zh_CN": {"everyone": "所有人", "sheet_about": "关于", "exported": "导出时间",
              "by": "导出人", "range": "日期（本地日历日）", "zone": "时区", "rows": "行数",
              "version": "ShopDesk 版本", "sheet": "Handovers"},
}
SECTIONS = ("waiting", "returns", "complaints", "snoozed")


def local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of ``first``, start of the day after ``last``) in the computer's local time."""
    if last < first:
        raise ShopDeskError("The end date is before the start date.")
    start = datetime(first.year, first.month, first.day).astimezone()
    end = datetime(last.year, last.month, last.day).astimezone() + timedelta(days=1)
    return start, end


def export_handovers(session: Session, path: Path, first: date, last: date, *,
                     lang: str = "en", exported_by: str = "",
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Write the handovers from ``first`` to ``last`` (local days) to ``path``. Returns rows."""
    if lang not in HEADERS:
        raise ShopDeskError(f"language must be one of {', '.join(HEADERS)}")
    words = WORDS[lang]
    start, end = local_day_bounds(first, last)
    sender, receiver = aliased(Agent), aliased(Agent)
    rows = session.execute(
        select(Handover, sender.name, receiver.name)
        .join(sender, sender.id == Handover.from_agent_id)
        .outerjoin(receiver, receiver.id == Handover.to_agent_id)
        .where(Handover.at >= start, Handover.at < end)
        .order_by(Handover.at)).all()

    book = Workbook(write_only=True)
    sheet = book.create_sheet(words["sheet"])
    sheet.freeze_panes = "A2"
    widths = [18, 16, 16, 50, 12, 12, 12, 12, 80]
    for i, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    header = []
    for title in HEADERS[lang]:
        c = text_cell(sheet, title)
        c.font = Font(bold=True)
        header.append(c)
    sheet.append(header)
    for n, (handover, from_name, to_name) in enumerate(rows, start=1):
        content = handover.content or {}
        counts = [len(content.get(s) or []) for s in SECTIONS]
        items = "\n".join(f"{e.get('title', '')} — {e.get('detail', '')}"
                          for s in SECTIONS for e in content.get(s) or [])
        sheet.append([time_cell(sheet, handover.at), text_cell(sheet, from_name),
                      text_cell(sheet, to_name or words["everyone"]),
                      text_cell(sheet, handover.note), *(cell(sheet, c) for c in counts),
                      text_cell(sheet, items)])
        if progress:
            progress(n, len(rows))

    about = book.create_sheet(words["sheet_about"])
    zone = time.strftime("%Z") or "local"
    for key, value in [
        (words["exported"], cell(about, datetime.now().astimezone())),
        (words["by"], text_cell(about, exported_by)),
        (words["range"], text_cell(about, f"{first.isoformat()} – {last.isoformat()}")),
        (words["zone"], text_cell(about, f"{zone} (UTC{datetime.now().astimezone():%z})")),
        (words["rows"], cell(about, len(rows))),
        (words["version"], text_cell(about, __version__)),
    ]:
        about.append([text_cell(about, key), value])
    tmp = path.with_name(path.name + ".part")
    try:
        book.save(tmp)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return len(rows)
