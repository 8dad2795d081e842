"""What every page of the returns wizard shares: the red line for what is wrong, focus
after the page shows, and the row of steps that says where the user is."""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from shopdesk.times import to_local
from shopdesk.ui.forms import error_label

if TYPE_CHECKING:
    from shopdesk.ui.return_wizard import ReturnWizard


def day(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d}" if when else ""


class WizardStep(QWizardPage):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__()
        self.w = wizard
        self.error = error_label()
        self.layout_ = QVBoxLayout(self)
        self.steps = QLabel()
        self.steps.setObjectName("wizardSteps")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setWordWrap(True)
        self.layout_.addWidget(self.steps)

    def step_name(self) -> str:
        """The step's short name in the row of steps (its title)."""
        return self.title()

    def show_steps(self, names: list[str], current: int) -> None:
        """The row of steps, this one in bold, the ones done in grey with a tick."""
        parts = []
        for n, name in enumerate(names):
            text = html.escape(f"{n + 1} {name}")
            if n < current:
                parts.append(f"<span style='color:#6B7280'>✓ {text}</span>")
            elif n == current:
                parts.append(f"<b style='color:#1D4ED8'>{text}</b>")
            else:
                parts.append(f"<span style='color:#9CA3AF'>{text}</span>")
        self.steps.setText(" &nbsp;›&nbsp; ".join(parts))

    def fail(self, message: str) -> bool:
        self.error.setText(message)
        return False

    @staticmethod
    def focus_later(widget: QWidget) -> None:
        """Focus ``widget`` once the wizard has finished showing the page (it focuses the
        page's first child itself right after ``initializePage``)."""
        QTimer.singleShot(0, widget, lambda: (widget.setFocus(), select_all(widget)))


def select_all(widget: QWidget) -> None:
    select = getattr(widget, "selectAll", None)
    if select is not None:
        select()
