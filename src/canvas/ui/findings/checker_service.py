"""UI layer: the live checker — debounced, off the GUI thread for big designs, never stale.

An edit that only moves cards is not checked again: no rule reads positions, so the
findings on show stay true (dragging a card of a 10,000-component design costs no check).

Every design change bumps a generation number and restarts a short debounce timer. When it
fires, the checker runs on a snapshot of the design — copies no edit can reach, renewed
only where the document says something changed (:class:`~canvas.core.snapshot.SnapshotCache`)
— inline for small designs, on a single worker thread for large ones. A result is published only if no edit happened
since it was started, so a stale result is never shown as current; at most one check runs
at a time, and when an outdated one ends the latest design is checked next.

Panels that need figures too expensive for the GUI thread on big designs (the analysis
charts) register an *analysis*: a function of the design that runs in the same pass, on
the same snapshot, and is published with the findings under the same rules.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from canvas.core.model import Design
from canvas.core.snapshot import SnapshotCache
from canvas.ui.document import Document

if TYPE_CHECKING:
    from canvas.core.rules import Context, Finding

    #: An analysis: a function of the design checked and of the check's context.
    Analysis = Callable[[Design, Context | None], Any]

    #: What one pass produces: the findings (``None`` if the checker failed) and the analyses.
    _Result = tuple[list[Finding] | None, dict[str, Any]]

_log = logging.getLogger(__name__)

#: Above this many components the check runs on the worker thread.
THREAD_THRESHOLD = 400


class CheckerService(QObject):
    #: The findings for the current design (emitted on the GUI thread).
    findings_ready = Signal(list)
    #: True while the shown findings lag behind the design.
    busy_changed = Signal(bool)
    #: The checker raised; the argument is a sentence for the status bar.
    failed = Signal(str)
    # From the worker thread, queued to the GUI thread: (generation, (design checked, _Result)).
    _finished = Signal(int, object)

    def __init__(self, document: Document, debounce_ms: int = 250, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.findings: list[Finding] = []
        #: The message of the last failure, ``None`` when the last check succeeded.
        self.error: str | None = None
        self._generation = 0  # bumped on every design change
        self._shown = 0  # the generation whose findings are published
        self._shown_design: Design | None = document.design  # the design object they belong to
        self._running: Future[_Result] | None = None
        self._analyses: dict[str, Analysis] = {}
        self._results: dict[str, Any] = {}
        self._busy = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checker")
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._start)
        self._finished.connect(self._on_finished)
        # What changed since the last design_changed: an edit that only moved cards leaves
        # every finding as it was (no rule reads positions), so it needs no new check.
        self._changes: set[str] = set()
        # The copies the checks read, renewed where the document says something changed.
        self._snapshots = SnapshotCache()
        document.component_moved.connect(self._snapshots.component_changed)
        document.component_moved.connect(lambda _id: self._changes.add("moved"))
        for signal in (document.component_added, document.component_removed, document.component_changed):
            signal.connect(self._snapshots.component_changed)
            signal.connect(lambda *_: self._changes.add("other"))
        for signal in (document.link_added, document.link_removed, document.link_changed):
            signal.connect(self._snapshots.link_changed)
            signal.connect(lambda *_: self._changes.add("other"))
        document.design_replaced.connect(self._snapshots.reset)
        document.design_replaced.connect(lambda: self._changes.add("other"))
        document.design_changed.connect(self._design_changed)
        self.schedule()  # the design it starts with needs a check too

    @property
    def summary(self) -> dict[str, int]:
        if not self.findings:  # before the first check: the rules are not loaded yet
            return {"error": 0, "warning": 0, "info": 0}
        from canvas.core.rules import summary

        return summary(self.findings)

    @property
    def busy(self) -> bool:
        """Whether the shown findings may lag behind the design."""
        return self._busy

    @property
    def running(self) -> bool:
        """Whether a check is running on the worker thread right now."""
        return self._running is not None

    @property
    def current(self) -> bool:
        """Whether the published findings are those of the design as it is now (also right
        after ``Document.replace``, before its ``design_changed`` has reached us)."""
        return self._shown == self._generation and self._shown_design is self.document.design

    @property
    def checked_this_design(self) -> bool:
        """Whether the published findings are of the design now open (perhaps from before
        its last edit); not after ``Document.replace`` until its first check is done."""
        return self._shown_design is self.document.design

    def add_analysis(self, name: str, compute: Analysis) -> None:
        """Also compute ``compute(design, ctx)`` on every check (off the GUI thread when the
        checker is), ``ctx`` being the check's :class:`~canvas.core.rules.base.Context` (its
        graph views and facts, already built; ``None`` if the checker failed); read it with
        :meth:`analysis` when ``findings_ready`` fires."""
        self._analyses[name] = compute
        self.schedule()

    def analysis(self, name: str) -> Any:
        """The published result of an analysis (``None`` before its first run or if it failed)."""
        return self._results.get(name)

    def set_debounce(self, ms: int) -> None:
        """How long the design must stay still before it is checked."""
        self._timer.setInterval(ms)

    def _design_changed(self) -> None:
        moves_only, self._changes = self._changes == {"moved"}, set()
        if moves_only and self.current:
            # Cards moved, nothing else: the published findings (and figures) still hold.
            self._generation += 1
            self._shown = self._generation
            return
        self.schedule()

    def schedule(self) -> None:
        """The design changed: check it again after the debounce delay."""
        self._generation += 1
        self._timer.start()
        self._update_busy()

    def check_now(self) -> list[Finding]:
        """Run synchronously (tests, export, before save) and publish the result."""
        self._timer.stop()
        self._generation += 1
        design = self.document.design
        self._publish(self._generation, design, _run(design, dict(self._analyses)))
        return self.findings

    # --- internals -----------------------------------------------------------------------
    def _start(self) -> None:
        if self._running is not None:
            return  # one check at a time: _on_finished starts the next one
        generation, source = self._generation, self.document.design
        design = self._snapshots.snapshot(source)  # made here, on the GUI thread, between edits
        analyses = dict(self._analyses)
        # Small designs are checked inline, once the rules are loaded: the first check loads
        # them (and networkx, a quarter of a second) on the worker, so the window stays live.
        if len(design.components) < THREAD_THRESHOLD and "canvas.core.rules" in sys.modules:
            self._publish(generation, source, _run(design, analyses))
            return
        future = self._executor.submit(_run, design, analyses)
        self._running = future
        future.add_done_callback(lambda fut: self._done(generation, source, fut))

    def _done(self, generation: int, source: Design, future: Future[_Result]) -> None:
        # Runs on the worker thread; the signal is queued to the GUI thread.
        if future.cancelled():
            return
        with contextlib.suppress(RuntimeError):  # the service was deleted while the check ran (window closed)
            self._finished.emit(generation, (source, future.result()))

    def _on_finished(self, generation: int, payload: tuple[Design, _Result]) -> None:
        self._running = None
        source, result = payload
        if generation == self._generation and source is self.document.design:
            self._publish(generation, source, result)
        elif not self.current and not self._timer.isActive():
            self._start()  # edits came in while it ran, and their debounce has already fired
        self._update_busy()

    def _publish(self, generation: int, source: Design, result: _Result) -> None:
        self._shown, self._shown_design = generation, source
        findings, self._results = result
        if findings is None:
            self.error = "The checker failed on this design; see the log for details."
            self.findings = []
            self.failed.emit(self.error)
        else:
            self.error = None
            self.findings = findings
        self.findings_ready.emit(self.findings)
        self._update_busy()

    def _update_busy(self) -> None:
        busy = self._timer.isActive() or self._running is not None or not self.current
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def shutdown(self) -> None:
        """Stop checking (the window is closing): drops the debounce and any queued check;
        an edit made after it (the window's teardown) is not checked."""
        self._timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self._timer.timeout.disconnect(self._start)
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self._finished.disconnect(self._on_finished)
        self._executor.shutdown(wait=True, cancel_futures=True)


def _run(design: Design, analyses: dict[str, Analysis]) -> _Result:
    """Run the checker and the analyses; a bug in them must not take the editor down
    (``None`` stands for a failed part). The rules (and networkx) load with the first check,
    not with the window."""
    ctx: Context | None = None
    try:
        from canvas.core.rules import Context, run_checks

        ctx = Context(design)
        findings: list[Finding] | None = run_checks(design, ctx=ctx)
    except Exception:
        _log.exception("the checker failed")
        findings, ctx = None, None
    results: dict[str, Any] = {}
    for name, compute in analyses.items():
        try:
            results[name] = compute(design, ctx)
        except Exception:
            _log.exception("the %s analysis failed", name)
            results[name] = None
    return findings, results
