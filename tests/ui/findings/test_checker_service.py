"""The live checker: debounced, off the GUI thread on big designs (the GUI keeps processing
events), never publishing a stale result, and surviving a checker bug."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from canvas.core import rules
from canvas.core.model import Design
from canvas.core.rules import Finding, run_checks
from canvas.ui.document import Document
from canvas.ui.findings.checker_service import THREAD_THRESHOLD, CheckerService
from canvas.ui.findings.findings_status import FindingsStatus
from tests.ui.findings_designs import big_design, served_design


class HeldCheck:
    """Stands in for the checker: on the worker thread it says when it holds its design and
    waits until the test lets it go (a check exactly as long as the test needs); it records
    each design checked there as it was before and after the wait. On the GUI thread
    (``check_now``) it checks at once."""

    def __init__(self) -> None:
        self.holding = threading.Event()
        self.release = threading.Event()
        self.seen: list[tuple[dict, dict]] = []

    def __call__(self, design: Design, ctx: object = None) -> list[Finding]:
        if threading.current_thread() is threading.main_thread():
            return run_checks(design)
        before = design.snapshot()
        self.holding.set()
        self.release.wait(timeout=60)
        self.seen.append((before, design.snapshot()))
        return run_checks(design)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldCheck]:
    check = HeldCheck()
    monkeypatch.setattr(rules, "run_checks", check)
    yield check
    check.release.set()  # never leave the worker waiting


@pytest.fixture
def worker_checked(qapp, held: HeldCheck) -> Iterator[tuple[Document, CheckerService]]:
    """A design big enough for the worker thread, its checker, and the first check held."""
    document = Document(big_design(THREAD_THRESHOLD + 100))
    checker = CheckerService(document, debounce_ms=0)
    yield document, checker
    held.release.set()
    checker.shutdown()


def test_a_10000_component_design_is_checked_on_the_worker(qtbot, qapp) -> None:
    document = Document(big_design(10_000))
    checker = CheckerService(document, debounce_ms=0)
    try:
        with qtbot.waitSignal(checker.findings_ready, timeout=120_000) as blocker:
            pass  # the service schedules a check of the design it starts with
    finally:
        checker.shutdown()
    assert len(blocker.args[0]) > 10_000 and blocker.args[0] == run_checks(document.design)
    assert checker.current and not checker.busy


def test_the_gui_keeps_processing_events_while_a_check_runs(qtbot, held, worker_checked) -> None:
    """While a check runs on the worker, for as long as the test keeps it running, the GUI's
    event loop delivers a timer's signal and the status bar says findings are pending."""
    _document, checker = worker_checked
    status = FindingsStatus(checker)
    qtbot.addWidget(status)
    qtbot.waitUntil(held.holding.is_set, timeout=10_000)  # the check has started, and waits
    tick = QTimer(singleShot=True, interval=0)
    with qtbot.waitSignal(tick.timeout, timeout=5_000):  # delivered by the GUI's event loop…
        tick.start()
    assert checker.running and not held.release.is_set()  # …while the check was still running
    assert checker.busy and status.text().endswith("checking…")
    held.release.set()
    with qtbot.waitSignal(checker.findings_ready, timeout=60_000):
        pass
    assert checker.current and not checker.busy and not status.text().endswith("checking…")


def test_a_result_overtaken_by_an_edit_is_never_published(qtbot, held, worker_checked) -> None:
    document, checker = worker_checked
    published: list[list[Finding]] = []
    checker.findings_ready.connect(published.append)
    qtbot.waitUntil(held.holding.is_set, timeout=10_000)  # the first check is on the worker
    cid = document.add_component("data_source", 0, -500, "Late arrival")  # while it runs
    held.release.set()
    qtbot.waitUntil(lambda: not checker.busy, timeout=60_000)
    assert len(held.seen) == 2, "the latest design was not checked after the outdated one"
    assert len(published) == 1  # the outdated result was dropped, the latest one shown
    assert any(f.rule == "component.disconnected" and f.components == (cid,) for f in published[0])
    assert checker.current


def test_check_now_wins_over_a_running_check(qtbot, held, worker_checked) -> None:
    _document, checker = worker_checked
    qtbot.waitUntil(held.holding.is_set, timeout=10_000)
    published: list[list[Finding]] = []
    checker.findings_ready.connect(published.append)
    findings = checker.check_now()
    assert published == [findings] and checker.current
    held.release.set()
    qtbot.waitUntil(lambda: not checker.running, timeout=60_000)  # its result has come back…
    assert published == [findings]  # …and was dropped; nothing runs again
    assert not checker.busy and len(held.seen) == 1


def test_edits_are_debounced_into_one_check(qtbot) -> None:
    document = Document(served_design())
    checker = CheckerService(document, debounce_ms=50)
    try:
        qtbot.waitUntil(lambda: not checker.busy)
        published: list[list[Finding]] = []
        checker.findings_ready.connect(published.append)
        for ms in range(10, 60, 10):
            document.set_property("model", "latency_ms", ms)
        assert checker.busy and not checker.current
        qtbot.waitUntil(lambda: not checker.busy)
        assert len(published) == 1 and checker.current
        assert published[0] == run_checks(document.design)
    finally:
        checker.shutdown()


def test_a_checker_bug_is_reported_not_raised(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    document = Document(served_design())
    checker = CheckerService(document, debounce_ms=10)
    status = FindingsStatus(checker)
    qtbot.addWidget(status)
    try:
        qtbot.waitUntil(lambda: not checker.busy)

        def broken(_design: object, ctx: object = None) -> list[Finding]:
            raise RuntimeError("boom")

        monkeypatch.setattr(rules, "run_checks", broken)
        with qtbot.waitSignal(checker.failed):
            document.set_property("model", "latency_ms", 90)
        qtbot.waitUntil(lambda: not checker.busy)
        assert checker.error and checker.findings == []
        assert status.text() == "Checker failed"

        monkeypatch.setattr(rules, "run_checks", run_checks)
        with qtbot.waitSignal(checker.findings_ready):
            document.set_property("model", "latency_ms", 40)
        assert checker.error is None
        assert status.text() == "0 errors, 0 warnings"
    finally:
        checker.shutdown()


def test_rules_that_cannot_be_loaded_are_a_failed_check_not_a_stuck_one(qtbot, monkeypatch) -> None:
    """The rules load with the first check, on the worker: if that import fails, the
    checker says so and stays ready for the next edit."""
    document = Document(big_design(THREAD_THRESHOLD))
    monkeypatch.setitem(sys.modules, "canvas.core.rules", None)  # what a broken install gives
    checker = CheckerService(document, debounce_ms=10)
    try:
        with qtbot.waitSignal(checker.failed, timeout=60_000):
            pass
        qtbot.waitUntil(lambda: not checker.busy, timeout=60_000)
        assert checker.error and checker.findings == [] and not checker.running
        monkeypatch.undo()
        with qtbot.waitSignal(checker.findings_ready, timeout=60_000):
            document.set_label("c2", "Checked again")
        assert checker.error is None and checker.findings
    finally:
        checker.shutdown()


def test_the_worker_checks_a_snapshot_the_editor_cannot_change(qtbot, held, worker_checked) -> None:
    document, checker = worker_checked
    qtbot.waitUntil(held.holding.is_set, timeout=10_000)  # the worker holds its snapshot
    assert checker.running
    design = document.design
    document.set_label("c2", "Renamed while checked")
    document.set_property("c2", "latency_ms", 7)
    document.move({"c3": ((600.0, 0.0), (640.0, 40.0))})
    document.delete(["c5"])
    design.components["c2"].properties["latency_ms"] = 1234  # in place, as no edit does
    design.links["l1"].label = "scribbled"
    held.release.set()
    qtbot.waitUntil(lambda: not checker.busy, timeout=60_000)
    (before, after), *later = held.seen
    assert before["components"]["c2"]["label"] == "model 2"
    assert after == before  # nothing the editor did reached the worker's design
    assert checker.current and later  # the edits were checked afterwards, on a snapshot of their own
    assert later[-1][0]["components"]["c2"]["label"] == "Renamed while checked"


def test_an_edit_after_shutdown_is_not_checked(qtbot) -> None:
    """The window's teardown may still change the document: nothing is sent to the stopped
    worker (that raised in the event loop)."""
    document = Document(big_design(THREAD_THRESHOLD))  # checked on the worker
    checker = CheckerService(document, debounce_ms=10)
    checker.shutdown()
    document.set_name("Renamed while closing")
    qtbot.wait(50)  # past the debounce: an exception in the event loop fails the test
    assert not checker.running
