"""The "Handovers" workbook sheet: past shift handovers for the owner and the bookkeeper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from shopdesk.exporters.cells import cell, text_cell, time_cell
from shopdesk.exporters.workbook import about_sheet, check_lang, header, local_day_bounds, save
from shopdesk.models import Agent, Handover
from shopdesk.services.handover import item_title
from shopdesk.services.permissions import Action, require

HEADERS = {
    "en": ["Time", "From", "For", "Note", "Waiting for a reply", "Returns", "Complaints",
           "Snoozed", "Open items"],
    "zh_CN": ["时间", "交班人", "接收人", "备注", "等待回复", "退货退款", "投诉", "推迟的会话",
              "未完成事项"],
}
WORDS = {"en": {"everyone": "Everyone", "what": "Shift handovers"},
         "zh_CN": {"everyone": "所有人", "what": "交班记录"}}
SECTIONS = ("waiting", "returns", "complaints", "snoozed")


def export_handovers(session: Session, actor: Agent, path: Path, first: date, last: date, *,
                     lang: str = "en",
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Write the handovers from ``first`` to ``last`` (local days) to ``path`` as ``actor``.
    Returns rows. Their notes and items are free text about customers, which cannot be
    masked: a role that must not see personal data may not export them."""
    require(actor, Action.EXPORT)
    require(actor, Action.SEE_PERSONAL_DATA)
    check_lang(lang)
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
    sheet = book.create_sheet("Handovers")
    header(sheet, HEADERS[lang], [18, 16, 16, 50, 12, 12, 12, 12, 80])
    for n, (handover, from_name, to_name) in enumerate(rows, start=1):
        content = handover.content or {}
        counts = [len(content.get(s) or []) for s in SECTIONS]
        items = "\n".join(f"{item_title(e)} — {e.get('detail', '')}"
                          for s in SECTIONS for e in content.get(s) or [])
        sheet.append([time_cell(sheet, handover.at), text_cell(sheet, from_name),
                      text_cell(sheet, to_name or words["everyone"]),
                      text_cell(sheet, handover.note), *(cell(sheet, c) for c in counts),
                      text_cell(sheet, items)])
        if progress:
            progress(n, len(rows))

    about_sheet(book, lang, what=words["what"], first=first, last=last, rows=len(rows),
                exported_by=actor.name)
    save(book, path)
    return len(rows)
