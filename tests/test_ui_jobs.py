"""A background job always ends: done, failed with the error's message, or cancelled — a bug
in the work included (the dialog would otherwise wait for ever)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from shopdesk.errors import ShopDeskError
from shopdesk.ui.jobs import Job

pytestmark = pytest.mark.gui


class Receiver(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.failures: list[str] = []
        self.results: list[object] = []

    def failed(self, message: str) -> None:
        self.failures.append(message)

    def done(self, result: object) -> None:
        self.results.append(result)


def run(qtbot, work) -> Receiver:  # type: ignore[no-untyped-def]
    receiver = Receiver()
    qtbot.addWidget(receiver)
    job = Job(work)
    job.failed.connect(receiver.failed)
    job.done.connect(receiver.done)
    job.start()
    qtbot.waitUntil(lambda: bool(receiver.failures or receiver.results))
    job.finish()
    return receiver


def test_a_bug_in_the_work_still_ends_the_job_with_a_message(qtbot, caplog) -> None:
    def work(_report):  # type: ignore[no-untyped-def]
        return {}["missing"]

    receiver = run(qtbot, work)
    assert receiver.failures == ["The work stopped because of an unexpected error (KeyError); "
                                 "the details are in shopdesk.log."]
    assert "a background job failed" in caplog.text and "KeyError" in caplog.text


def test_a_refusal_and_a_result_arrive_as_they_are(qtbot) -> None:
    def refused(_report):  # type: ignore[no-untyped-def]
        raise ShopDeskError("The file is empty.")

    assert run(qtbot, refused).failures == ["The file is empty."]
    assert run(qtbot, lambda report: (report(1, 1), 42)[1]).results == [42]


def test_the_unexpected_error_reads_in_chinese(qapp) -> None:
    from shopdesk.ui.i18n import LanguageSwitcher
    from shopdesk.ui.service_text import translated

    translations = LanguageSwitcher()
    translations.apply("zh_CN")
    try:
        text = translated("The work stopped because of an unexpected error (KeyError); "
                          "the details are in shopdesk.log.")
        assert "KeyError" in text and "shopdesk.log" in text and "unexpected" not in text
    finally:
        translations.apply("en")


CLOSED_MID_JOB = r"""
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from shopdesk.ui.jobs import Job

app = QApplication([])
release, results = threading.Event(), []
dialog = QWidget()
job = Job(lambda report: (release.wait(10), "done")[1])
job.done.connect(dialog.setWindowTitle)  # a slot of the dialog: never called once it is gone
job.start()
def close_then_release():
    dialog.deleteLater()  # the dialog is closed and gone while the work runs
    QTimer.singleShot(100, release.set)
    QTimer.singleShot(600, app.quit)
QTimer.singleShot(50, close_then_release)
app.exec()
print("ended normally", results)  # nobody called job.finish(): the thread ended itself
"""


def test_a_dialog_closed_while_its_job_runs_does_not_abort_the_program(tmp_path) -> None:
    """The job's thread belongs to the application: a dialog deleted mid-job does not
    destroy a running thread (Qt aborts the process: "QThread: Destroyed while thread is
    still running")."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", CLOSED_MID_JOB], capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ended normally []" in done.stdout  # the dialog's slot was not called
