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
    job.start(receiver)
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
