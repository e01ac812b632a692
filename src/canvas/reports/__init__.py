"""Report layer (Qt-free): checker results rendered as text, JSON, SARIF 2.1.0 and JUnit XML."""

from __future__ import annotations

from dataclasses import dataclass, field

from canvas.core.model import Design
from canvas.core.rules import Finding


@dataclass
class FileResult:
    """The checker's result for one file, as every report format sees it."""

    path: str
    design: Design
    findings: list[Finding]
    text: str = field(default="", repr=False)  # the file's text, to point SARIF at lines

    @property
    def summary(self) -> dict[str, int]:
        from canvas.core.rules import summary

        return summary(self.findings)
