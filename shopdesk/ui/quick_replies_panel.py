"""Settings → Quick replies: add, edit, delete, reorder, import and export (.xlsx)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.services import quick_replies as qr
from shopdesk.services.permissions import Action, can
from shopdesk.ui.forms import error_label, ok_cancel, say
from shopdesk.ui.images import choose_images, read_image
from shopdesk.ui.service_text import translated

ID = Qt.ItemDataRole.UserRole


class QuickReplyEditor(QDialog):
    def __init__(self, categories: list[str], item: qr.QuickReplyItem | None,
                 parent: QWidget | None = None,
                 images: list[tuple[str, str, bytes]] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickReplyEditor")
        self.setWindowTitle(self.tr("Edit quick reply") if item else self.tr("Add quick reply"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(categories)
        self.code = QLineEdit()
        self.title = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(self.tr(
            "Variables: {customer} {order_no} {store} {agent} {tracking_no}"))
        if item:
            self.category.setCurrentText(item.category)
            self.code.setText(item.code)
            self.title.setText(item.title)
            self.body.setPlainText(item.body)
        self.images: list[tuple[str, str, bytes]] = list(images or [])
        self.image_list = QListWidget()
        self.image_list.setObjectName("quickReplyImages")
        self.image_list.setMaximumHeight(70)
        add_image = QPushButton(self.tr("Add images…"))
        add_image.setObjectName("addQuickReplyImage")
        add_image.clicked.connect(self.choose_images)
        remove_image = QPushButton(self.tr("Remove"))
        remove_image.clicked.connect(self.remove_image)
        image_buttons = QVBoxLayout()
        image_buttons.addWidget(add_image)
        image_buttons.addWidget(remove_image)
        image_row = QHBoxLayout()
        image_row.addWidget(self.image_list, 1)
        image_row.addLayout(image_buttons)
        self._show_images()
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("Code (typed after /):"), self.code)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Text:"), self.body)
        form.addRow(self.tr("Images sent with it:"), image_row)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def choose_images(self) -> None:
        self.add_images(choose_images(self))

    def add_images(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                self.images.append(read_image(path))
            except OSError as exc:
                self.error.setText(f"{path.name}: {exc.strerror}")
        self._show_images()

    def remove_image(self) -> None:
        row = self.image_list.currentRow()
        if 0 <= row < len(self.images):
            del self.images[row]
            self._show_images()

    def _show_images(self) -> None:
        self.image_list.clear()
        for name, _mime, data in self.images:
            self.image_list.addItem(f"{name} ({len(data) // 1024 + 1} KB)")

    def values(self) -> tuple[str, str, str, str]:
        return (self.category.currentText(), self.code.text(), self.title.text(),
                self.body.toPlainText())


class QuickRepliesPanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickRepliesPage")
        self.db = db
        self.actor: Agent | None = None
        self.tree = QTreeWidget()
        self.tree.setObjectName("quickReplyTree")
        self.tree.setColumnCount(3)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.edit())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, handler in (("add", self.add), ("edit", self.edit), ("delete", self.delete),
                              ("up", lambda: self.move(-1)), ("down", lambda: self.move(1)),
                              ("import", self.import_file), ("export", self.export_file)):
            button = QPushButton()
            button.setObjectName(f"quickReply_{name}")
            button.clicked.connect(handler)
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("quickRepliesMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        # Texts and rows come with retranslate(), which the Settings page calls.

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Code"), self.tr("Title"), self.tr("Text")])
        for name, text in (("add", self.tr("Add…")), ("edit", self.tr("Edit…")),
                           ("delete", self.tr("Delete")), ("up", self.tr("Move up")),
                           ("down", self.tr("Move down")), ("import", self.tr("Import .xlsx…")),
                           ("export", self.tr("Export .xlsx…"))):
            self.buttons[name].setText(text)
        self.reload()

    def set_actor(self, actor: Agent | None) -> None:
        self.actor = actor
        allowed = can(actor, Action.MANAGE_SETTINGS)
        for name, button in self.buttons.items():
            button.setEnabled(allowed or name == "export")
            button.setToolTip("" if allowed or name == "export" else
                              self.tr("Only the owner changes quick replies."))

    def reload(self, select_id: int | None = None) -> None:
        with self.db.read_session() as session:
            self.items = qr.find(session)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for item in self.items:
            group = groups.get(item.category)
            if group is None:
                group = groups[item.category] = QTreeWidgetItem([item.category])
                self.tree.addTopLevelItem(group)
                group.setExpanded(True)
            child = QTreeWidgetItem([f"/{item.code}", item.title, item.body.replace("\n", " ")])
            child.setData(0, ID, item.id)
            group.addChild(child)
            if item.id == select_id:
                self.tree.setCurrentItem(child)
        self.tree.resizeColumnToContents(0)

    def selected(self) -> qr.QuickReplyItem | None:
        current = self.tree.currentItem()
        reply_id = current.data(0, ID) if current else None
        return next((i for i in self.items if i.id == reply_id), None)

    def _run(self, work) -> object:  # type: ignore[no-untyped-def]
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.actor.id) if self.actor else None
                result = work(session, actor)
        except ShopDeskError as exc:
            say(self.message, translated(str(exc)), ok=False)
            return None
        self.message.clear()
        return result if result is not None else True

    def _editor(self, item: qr.QuickReplyItem | None) -> None:
        categories = sorted({i.category for i in self.items})
        images = None
        if item is not None:
            with self.db.read_session() as session:
                images = qr.images_of(session, item.id)
        editor = QuickReplyEditor(categories, item, self, images)
        while editor.exec() == QDialog.DialogCode.Accepted:
            values = editor.values()
            saved = self._run(lambda s, a, v=values: qr.save(
                s, a, item.id if item else None, *v, images=editor.images).id)
            if saved:
                self.reload(saved)  # type: ignore[arg-type]
                break
            editor.error.setText(self.message.text())
        editor.deleteLater()

    def add(self) -> None:
        self._editor(None)

    def edit(self) -> None:
        item = self.selected()
        if item is not None and can(self.actor, Action.MANAGE_SETTINGS):
            self._editor(item)

    def delete(self) -> None:
        item = self.selected()
        if item is not None and self._run(lambda s, a: qr.delete(s, a, item.id)):
            self.reload()
            say(self.message, self.tr("Deleted /%1.").replace("%1", item.code), ok=True)

    def move(self, step: int) -> None:
        item = self.selected()
        if item is not None and self._run(lambda s, a: qr.move(s, a, item.id, step)):
            self.reload(item.id)

    def import_file(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import quick replies"),
                                                  QDir.homePath(),
                                                  self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        counts = self._run(lambda s, a: qr.import_xlsx(s, a, Path(path)))
        if counts:
            added, updated = counts  # type: ignore[misc]
            self.reload()
            say(self.message, self.tr("%1 added, %2 updated.")
                .replace("%1", str(added)).replace("%2", str(updated)), ok=True)

    def export_file(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export quick replies"),
                str(Path(QDir.homePath()) / "quick-replies.xlsx"),
                self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        try:
            with self.db.read_session() as session:
                count = qr.export_xlsx(session, Path(path))
        except OSError as exc:
            say(self.message, translated(str(exc)), ok=False)
            return
        say(self.message, self.tr("%1 quick replies written to %2")
            .replace("%1", str(count)).replace("%2", str(path)), ok=True)
