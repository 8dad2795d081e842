"""The main window's actions and menus.

Every action is made once here, with its object name and shortcut; the menus are a list of
(menu, entries) read by ``build_menus``, so a new menu or entry is one line in ``MENUS``
and one text in ``retranslate``. The window connects what the actions do and
gives their texts (``retranslate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from shopdesk.ui.about_box import show_about
from shopdesk.ui.i18n import LANGUAGES

if TYPE_CHECKING:
    from shopdesk.ui.mainwindow import MainWindow

PAGES = 7  # Ctrl+1 … Ctrl+7

# Menu name → its entries: an action's attribute name, "-" for a separator, "pages" for the
# page actions, "language:" for the language submenu.
MENUS: list[tuple[str, list[str]]] = [
    ("file_menu", ["import_action", "-", "switch_action", "end_shift_action", "-",
                   "quit_action"]),
    ("edit_menu", ["undo_action", "redo_action"]),
    ("view_menu", ["pages", "-", "notify_action", "ctrl_enter_action", "language:"]),
    ("returns_menu", ["new_return_action", "export_refunds_action"]),
    ("help_menu", ["shortcuts_action", "-", "about_action"]),
]


class WindowActions:
    """The actions of the main window (``window.addAction`` for those whose shortcut must
    work with the menu bar hidden) and the menus built from ``MENUS``."""

    def __init__(self, window: QMainWindow, language: str, notifications: bool,
                 ctrl_enter_sends: bool) -> None:
        def action(name: str, shortcut: QKeySequence | None = None,
                   checked: bool | None = None) -> QAction:
            made = QAction(window)
            made.setObjectName(name)
            if shortcut is not None:
                made.setShortcut(shortcut)
            if checked is not None:
                made.setCheckable(True)
                made.setChecked(checked)
            return made

        self.quit_action = action("quitAction", QKeySequence(QKeySequence.StandardKey.Quit))
        self.switch_action = action("switchAgentAction", QKeySequence("Ctrl+Shift+L"))
        window.addAction(self.switch_action)  # the shortcut works with the menu bar hidden
        self.end_shift_action = action("endShiftAction")
        self.about_action = action("aboutAction")
        self.shortcuts_action = action("shortcutsAction",
                                       QKeySequence(QKeySequence.StandardKey.HelpContents))
        window.addAction(self.shortcuts_action)
        # Undo and redo act on the inbox's conversations. The inbox answers Ctrl+Z itself
        # (a focused text field keeps its own undo); here the keys are only shown, so that
        # one key never has two owners in the window (Qt would then ignore it).
        self.undo_action = action("undoAction", QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = action("redoAction", QKeySequence(QKeySequence.StandardKey.Redo))
        for shown_only in (self.undo_action, self.redo_action):
            shown_only.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.import_action = action("importOrdersAction")
        self.new_return_action = action("newReturnAction")
        self.export_refunds_action = action("exportRefundsAction")
        self.notify_action = action("notificationsAction", checked=notifications)
        self.ctrl_enter_action = action("ctrlEnterSendsAction", checked=ctrl_enter_sends)
        self.page_actions = [action(f"pageAction{row}", QKeySequence(f"Ctrl+{row + 1}"))
                             for row in range(PAGES)]
        for page_action in self.page_actions:
            window.addAction(page_action)
        self.language_group = QActionGroup(window)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            made = action(f"language_{code}", checked=code == language)
            made.setText(name)  # a language's own name is never translated
            self.language_group.addAction(made)
            self.language_actions[code] = made
        self.menus: dict[str, QMenu] = {}
        self.build_menus(window)

    def build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        for name, entries in MENUS:
            menu = bar.addMenu("")
            menu.setObjectName(name)
            self.menus[name] = menu
            for entry in entries:
                if entry == "-":
                    menu.addSeparator()
                elif entry == "pages":
                    for page_action in self.page_actions:
                        menu.addAction(page_action)
                elif entry == "language:":
                    self.language_menu = menu.addMenu("")
                    self.language_menu.setObjectName("languageMenu")
                    for language_action in self.language_actions.values():
                        self.language_menu.addAction(language_action)
                else:
                    menu.addAction(getattr(self, entry))

    def retranslate(self, texts: dict[str, str]) -> None:
        """``texts``: a menu's or an action's attribute name → its text in the language now
        (the window translates them, in its own context)."""
        for name, text in texts.items():
            target = self.menus.get(name) or getattr(self, name)
            if isinstance(target, QMenu):
                target.setTitle(text)
            else:
                target.setText(text)


def wire_actions(window: MainWindow, a: WindowActions) -> None:
    """What each action does; the window knows the actions by these names too."""
    a.quit_action.triggered.connect(window.close)
    a.switch_action.triggered.connect(window.switchAgentRequested)
    a.end_shift_action.triggered.connect(window.endShiftRequested)
    a.about_action.triggered.connect(lambda: show_about(window))
    a.shortcuts_action.triggered.connect(window.show_shortcuts)
    runner = window.inbox.actions
    a.undo_action.triggered.connect(lambda: runner.undo())
    a.redo_action.triggered.connect(lambda: runner.undo(redo=True))
    stack = window.inbox.undo_stack
    stack.canUndoChanged.connect(a.undo_action.setEnabled)
    stack.canRedoChanged.connect(a.redo_action.setEnabled)
    a.undo_action.setEnabled(stack.canUndo())
    a.redo_action.setEnabled(stack.canRedo())
    a.import_action.triggered.connect(window.import_orders)
    a.new_return_action.triggered.connect(lambda: window.returns.start_return())
    a.export_refunds_action.triggered.connect(lambda: window.returns.export_refunds())
    a.notify_action.toggled.connect(window.set_notifications)
    a.ctrl_enter_action.toggled.connect(window.set_ctrl_enter)
    for row, action in enumerate(a.page_actions):
        action.triggered.connect(lambda _=False, r=row: window.navigation.setCurrentRow(r))
    for code, action in a.language_actions.items():
        action.triggered.connect(lambda _=False, c=code: window.languageRequested.emit(c))
    # The names the tests and the other modules know the actions by.
    for name in ("switch_action", "end_shift_action", "about_action", "notify_action",
                 "ctrl_enter_action", "import_action", "language_actions"):
        setattr(window, name, getattr(a, name))
    window.file_menu = a.menus["file_menu"]
