"""UI layer: the live checker — debounced, off the GUI thread for big designs, never stale.

Every design change bumps a generation number and restarts a short debounce timer. When it
fires, the checker runs on a cheap frozen view of the design: inline for small designs,
on a single worker thread for large ones. A result is published only if no edit happened
since it was started, so a stale result is never shown as current.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from canvas.core.rules import Finding, run_checks, summary
from canvas.ui.document import Document

#: Above this many components the check runs on the worker thread.
THREAD_THRESHOLD = 400


class CheckerService(QObject):
    #: The findings for the current design (emitted on the GUI thread).
    findings_ready = Signal(list)
    #: True while the shown findings lag behind the design.
    busy_changed = Signal(bool)
    _finished = Signal(int, list)  # from the worker thread, queued to the GUI thread

    def __init__(self, document: Document, debounce_ms: int = 250, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.findings: list[Finding] = []
        self._generation = 0
        self._running: Future[list[Finding]] | None = None
        self._pending = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checker")
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._start)
        self._finished.connect(self._publish)
        document.design_changed.connect(self.schedule)

    @property
    def summary(self) -> dict[str, int]:
        return summary(self.findings)

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._running is not None

    def schedule(self) -> None:
        self._generation += 1
        was_busy = self.busy
        self._timer.start()
        if not was_busy:
            self.busy_changed.emit(True)

    def check_now(self) -> list[Finding]:
        """Run synchronously (tests, export, before save) and publish the result."""
        self._timer.stop()
        self._generation += 1
        self._publish(self._generation, run_checks(self.document.design))
        return self.findings

    def _start(self) -> None:
        if self._running is not None:
            self._pending = True  # one check at a time; rerun when this one ends
            return
        generation = self._generation
        design = self.document.design.frozen_view()
        if len(design.components) < THREAD_THRESHOLD:
            self._publish(generation, run_checks(design))
            return
        self._running = self._executor.submit(run_checks, design)
        self._running.add_done_callback(lambda fut: self._finished.emit(generation, _result(fut)))

    def _publish(self, generation: int, findings: list[Finding]) -> None:
        if self._running is not None and self._running.done():
            self._running = None
        if generation != self._generation:
            if self._pending or not self._timer.isActive():
                self._pending = False
                self._start()
            return
        self._pending = False
        self.findings = findings
        self.findings_ready.emit(findings)
        if not self.busy:
            self.busy_changed.emit(False)

    def shutdown(self) -> None:
        self._timer.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)


def _result(fut: Future[list[Finding]]) -> list[Finding]:
    try:
        return fut.result()
    except Exception:  # a checker bug must not take the editor down; show no findings
        import logging

        logging.getLogger(__name__).exception("the checker failed")
        return []
