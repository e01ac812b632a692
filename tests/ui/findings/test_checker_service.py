"""The live checker: debounced, off the GUI thread on big designs (the GUI keeps processing
events), never publishing a stale result, and surviving a checker bug."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from canvas.core.model import Design
from canvas.core.rules import Finding, run_checks
from canvas.ui.findings import checker_service
from canvas.ui.findings.checker_service import THREAD_THRESHOLD, CheckerService
from canvas.ui.document import Document
from canvas.ui.findings.findings_status import FindingsStatus
from tests.ui.findings_designs import big_design, served_design


@pytest.fixture
def big(qapp) -> Iterator[tuple[Document, CheckerService]]:
    document = Document(big_design(10_000))
    assert len(document.design.components) > THREAD_THRESHOLD
    checker = CheckerService(document, debounce_ms=0)
    yield document, checker
    checker.shutdown()


def test_gui_processes_events_while_a_10000_component_design_is_checked(qtbot, big) -> None:
    document, checker = big
    ticks: list[bool] = []  # one entry per tick: was the worker running at that moment?
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(checker.running))
    timer.start()
    try:
        with qtbot.waitSignal(checker.findings_ready, timeout=120_000) as blocker:
            pass  # the service schedules a check of the design it starts with
    finally:
        timer.stop()
    assert len(blocker.args[0]) > 10_000
    assert checker.current and not checker.busy
    # The timer kept firing while the worker thread was checking: the event loop was free.
    assert sum(ticks) >= 5, f"only {sum(ticks)} ticks while checking ({len(ticks)} in all)"


def test_a_result_overtaken_by_an_edit_is_never_published(qtbot, big) -> None:
    document, checker = big
    published: list[list[Finding]] = []
    checker.findings_ready.connect(published.append)
    qtbot.waitUntil(lambda: checker.running, timeout=10_000)  # the first check is on the worker
    cid = document.add_component("data_source", 0, -500, "Late arrival")  # while it runs
    qtbot.waitUntil(lambda: not checker.busy, timeout=120_000)
    assert published, "the latest design was never checked"
    for findings in published:  # every published list knows about the late component
        assert any(f.rule == "component.disconnected" and f.components == (cid,) for f in findings)
    assert checker.current


def test_check_now_wins_over_a_running_check(qtbot, big) -> None:
    document, checker = big
    qtbot.waitUntil(lambda: checker.running, timeout=10_000)
    published: list[list[Finding]] = []
    checker.findings_ready.connect(published.append)
    findings = checker.check_now()
    assert published == [findings] and checker.current
    qtbot.waitUntil(lambda: not checker.running, timeout=120_000)
    qtbot.wait(50)
    assert published == [findings]  # the outdated thread result is dropped, nothing re-runs
    assert not checker.busy


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

        def broken(_design: object) -> list[Finding]:
            raise RuntimeError("boom")

        monkeypatch.setattr(checker_service, "run_checks", broken)
        with qtbot.waitSignal(checker.failed):
            document.set_property("model", "latency_ms", 90)
        qtbot.waitUntil(lambda: not checker.busy)
        assert checker.error and checker.findings == []
        assert status.text() == "Checker failed"

        monkeypatch.setattr(checker_service, "run_checks", run_checks)
        with qtbot.waitSignal(checker.findings_ready):
            document.set_property("model", "latency_ms", 40)
        assert checker.error is None
        assert status.text() == "0 errors, 0 warnings"
    finally:
        checker.shutdown()


class HeldCheck:
    """Stands in for the checker on the worker thread: says when it holds its design, waits
    until the test lets it go, and records each design it checked as it was before and
    after the wait."""

    def __init__(self) -> None:
        self.holding = threading.Event()
        self.release = threading.Event()
        self.seen: list[tuple[dict, dict]] = []

    def __call__(self, design: Design) -> list[Finding]:
        before = design.snapshot()
        self.holding.set()
        self.release.wait(timeout=60)
        self.seen.append((before, design.snapshot()))
        return run_checks(design)


def test_the_worker_checks_a_snapshot_the_editor_cannot_change(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    document = Document(big_design(THREAD_THRESHOLD + 100))
    held = HeldCheck()
    monkeypatch.setattr(checker_service, "run_checks", held)
    checker = CheckerService(document, debounce_ms=0)
    try:
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
    finally:
        held.release.set()
        checker.shutdown()
    (before, after), *later = held.seen
    assert before["components"]["c2"]["label"] == "model 2"
    assert after == before  # nothing the editor did reached the worker's design
    assert checker.current and later  # the edits were checked afterwards, on a snapshot of their own
    assert later[-1][0]["components"]["c2"]["label"] == "Renamed while checked"
