"""UI layer: the checker's findings drawn on the canvas.

Every component and link a live (not suppressed) finding involves gets the worst severity
as an outline, a badge with its number of findings, and a tooltip listing them. Items
whose findings are gone are cleared, because :meth:`DesignScene.set_findings` clears every
item it is not given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from canvas.core.model import Severity
from canvas.ui.canvas.scene import DesignScene, FindingMark
from canvas.ui.findings.checker_service import CheckerService
from canvas.ui.findings.severity import worst

if TYPE_CHECKING:
    from canvas.core.rules import Finding

#: At most this many findings are listed in an item's tooltip.
TOOLTIP_LINES = 6


def tooltip_for(findings: list[Finding]) -> str:
    """Plain text, one finding per line, worst first (the item escapes and formats it)."""
    ordered = sorted(findings, key=lambda f: f.severity.rank)
    lines = [f"{f.severity.value.capitalize()} · {f.rule}: {f.message}" for f in ordered[:TOOLTIP_LINES]]
    if len(ordered) > TOOLTIP_LINES:
        lines.append(f"… and {len(ordered) - TOOLTIP_LINES} more in the Findings panel")
    return "\n".join(lines)


def marks_for(findings: Iterable[Finding]) -> tuple[dict[str, FindingMark], dict[str, FindingMark]]:
    """Per component id and per link id: (worst severity, count, tooltip) of its live findings."""
    per_component: dict[str, list[Finding]] = defaultdict(list)
    per_link: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.suppressed:
            continue
        for cid in dict.fromkeys(f.components):
            per_component[cid].append(f)
        for lid in dict.fromkeys(f.links):
            per_link[lid].append(f)
    return _marks(per_component), _marks(per_link)


def _marks(grouped: dict[str, list[Finding]]) -> dict[str, FindingMark]:
    out: dict[str, FindingMark] = {}
    for key, fs in grouped.items():
        sev: Severity | None = worst([f.severity for f in fs])
        out[key] = (sev.value if sev else None, len(fs), tooltip_for(fs))
    return out


class FindingsOverlay(QObject):
    """Keeps the scene's outlines and badges in step with the checker."""

    def __init__(self, scene: DesignScene, checker: CheckerService, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else scene)
        self.scene = scene
        self.checker = checker
        checker.findings_ready.connect(self.apply)
        scene.rebuilt.connect(self._on_rebuilt)
        if checker.current:
            self.apply(checker.findings)

    def apply(self, findings: list[Finding]) -> None:
        components, links = marks_for(findings)
        self.scene.set_findings(components, links)

    def _on_rebuilt(self) -> None:
        # New items start unmarked. After Document.replace the findings are another design's
        # (``current`` is False) and the check of the new one is on its way.
        if self.checker.current:
            self.apply(self.checker.findings)
