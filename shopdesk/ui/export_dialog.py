"""Reports → Export handovers…: a date range, the language, then where to save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QDir, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.ui.i18n import LANGUAGES


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class HandoverExportDialog(QDialog):
    def __init__(self, db: Database, exported_by: str, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverExportDialog")
        self.db = db
        self.exported_by = exported_by
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export handovers"))
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-30))
        self.first.setObjectName("exportFrom")
        self.last = QDateEdit(today)
        self.last.setObjectName("exportTo")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.language = QComboBox()
        self.language.setObjectName("exportLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_folder.setObjectName("openFolderButton")
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._open_folder)
        form = QFormLayout()
        form.addRow(self.tr("From:"), self.first)
        form.addRow(self.tr("To:"), self.last)
        form.addRow(self.tr("Language:"), self.language)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.choose_and_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Dates are calendar days in this computer's time zone.")))
        layout.addWidget(self.message)
        layout.addWidget(self.open_folder)
        layout.addWidget(self.buttons)

    def choose_and_export(self) -> None:
        name = f"handovers-{_day(self.first)}-{_day(self.last)}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save workbook"), str(Path(QDir.homePath()) / name),
            self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        from shopdesk.exporters.handovers import export_handovers  # openpyxl: load when used

        try:
            with self.db.read_session() as session:
                rows = export_handovers(session, path, _day(self.first), _day(self.last),
                                        lang=self.language.currentData(),
                                        exported_by=self.exported_by)
        except (ShopDeskError, OSError) as exc:
            self.message.setText(str(exc))
            return
        self.written = path
        self.message.setText(self.tr("%1 handovers written to %2")
                             .replace("%1", str(rows)).replace("%2", str(path)))
        self.open_folder.setVisible(True)

    def _open_folder(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))
