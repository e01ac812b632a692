"""Core layer: what a rule and a finding are, and the context rules share.

A rule yields raw findings; the runner applies the design's settings (disabled rules,
changed severities) and the components' suppressions. Expensive graph work lives in
:class:`Context` as cached properties, so each family of rules computes it once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from canvas.core.catalog import BOXES, Box
from canvas.core.graph import Condensed, DesignGraph
from canvas.core.model import Design, Severity


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    components: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    suppressed: bool = False
    reason: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "components": list(self.components),
            "links": list(self.links),
            "suppressed": self.suppressed,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class RawFinding:
    """What a rule reports, before settings and suppressions are applied."""

    message: str
    components: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    box: Box
    chapter: str
    hint: str
    explanation: str
    check: Callable[[Context], Iterator[RawFinding]] = field(repr=False, compare=False)

    @property
    def box_title(self) -> str:
        return BOXES[self.box].title


class Context:
    """A design and the graph facts rules share, each computed at most once per check."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.g = DesignGraph(design)

    def label(self, cid: str) -> str:
        return self.g.label(cid)

    def quoted(self, ids: list[str] | tuple[str, ...], limit: int = 4) -> str:
        names = [f"'{self.label(i)}'" for i in ids[:limit]]
        more = len(ids) - limit
        if more > 0:
            names.append(f"{more} more")
        return ", ".join(names)

    @property
    def models(self) -> list[str]:
        return self.g.of_kind("model")

    @cached_property
    def forward_condensed(self) -> Condensed:
        return Condensed(self.g.forward)

    @cached_property
    def flow_condensed(self) -> Condensed:
        return Condensed(self.g.flow)
