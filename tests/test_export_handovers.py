"""The Handovers workbook, re-read with openpyxl, on both backends."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from shopdesk.cli import main
from shopdesk.exporters.handovers import export_handovers
from shopdesk.models import Agent
from shopdesk.models.enums import Role
from shopdesk.services import agents as agent_svc
from shopdesk.services import handover as svc

HOSTILE = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1:A2)",
           "\t=1+1", "退款\x07完成"]


def seed(db) -> None:
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "林晓雨")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("王芳", Role.AGENT))
        for i, note in enumerate(HOSTILE):
            h = svc.save_handover(s, wang, owner.id if i % 2 else None, note, svc.HandoverDraft(
                waiting=[svc.HandoverItem("conversation", 1, "周磊 · 天猫", "=2+2 还没发货")]))
            # Noon of today, so a run just after midnight still finds them all on "today".
            noon = datetime.combine(date.today(), time(12)).astimezone()
            h.at = noon - timedelta(minutes=len(HOSTILE) - i)


def test_handovers_sheet_keeps_hostile_text_literal(db, tmp_path: Path) -> None:
    seed(db)
    path = tmp_path / "handovers.xlsx"
    today = date.today()
    with db.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.role == Role.OWNER))
        rows = export_handovers(s, owner, path, today - timedelta(days=1), today,
                                lang="zh_CN")
    assert rows == len(HOSTILE)
    book = load_workbook(path)
    assert book.sheetnames == ["Handovers", "关于"]
    sheet = book["Handovers"]
    assert [c.value for c in sheet[1]][:4] == ["时间", "交班人", "接收人", "备注"]
    notes = [sheet.cell(row=r, column=4).value for r in range(2, 2 + rows)]
    assert notes == [n.strip().replace("\x07", "") for n in HOSTILE]
    for r in range(2, 2 + rows):
        assert sheet.cell(row=r, column=4).data_type == "s"  # never a formula
        assert isinstance(sheet.cell(row=r, column=1).value, datetime)
        assert sheet.cell(row=r, column=5).value == 1
    assert sheet.cell(row=2, column=3).value == "所有人"
    assert sheet.cell(row=3, column=3).value == "林晓雨"
    assert "=2+2 还没发货" in sheet.cell(row=2, column=9).value
    about = {row[0].value: row[1].value for row in book["关于"].iter_rows()}
    assert about["行数"] == rows and about["导出人"] == "林晓雨"


def test_export_command(db, db_url: str, tmp_path: Path, capsys) -> None:
    seed(db)
    out = tmp_path / "h.xlsx"
    today = date.today().isoformat()
    assert main(["export", "handovers", "--from", today, "--to", today, "-o", str(out),
                 "--db", db_url]) == 0
    assert load_workbook(out)["Handovers"].max_row == len(HOSTILE) + 1
    assert main(["export", "handovers", "--from", today, "--to", "2020-01-01", "-o", str(out),
                 "--db", db_url]) == 1
    assert "before the start date" in capsys.readouterr().err
