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
from canvas.core.graph import Condensed, DesignGraph, loop_targets
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

    def label(self, node: int) -> str:
        """The label of the component at ``node``."""
        return self.g.label(node)

    def id(self, node: int) -> str:
        return self.g.ids[node]

    def quoted(self, nodes: list[int] | tuple[int, ...], limit: int = 4) -> str:
        names = [f"'{self.label(i)}'" for i in nodes[:limit]]
        more = len(nodes) - limit
        if more > 0:
            names.append(f"{more} more")
        return ", ".join(names)

    @property
    def models(self) -> list[int]:
        return self.g.of_kind("model")

    @cached_property
    def forward_condensed(self) -> Condensed:
        return Condensed(self.g.nodes, self.g.forward_succ, self.g.forward_pred)

    @cached_property
    def flow_condensed(self) -> Condensed:
        return Condensed(self.g.nodes, self.g.flow_succ, self.g.flow_pred)

    # --- facts shared by the rules, each one pass over a condensation --------------------

    @cached_property
    def learners(self) -> list[int]:
        return self.g.of_kind("continual_learning")

    @cached_property
    def interfaces(self) -> list[int]:
        return self.g.of_kind("interface")

    @cached_property
    def model_loops(self) -> dict[int, list[int]]:
        """Per model on a loop of the flow graph: the interfaces and monitors downstream of
        it in the forward graph that lead back to it in the flow graph (see
        :func:`~canvas.core.graph.loop_targets`; interfaces first)."""
        targets = self.interfaces + self.g.of_kind("monitoring")
        return loop_targets(self.flow_condensed, self.g.forward_succ, self.models, targets)

    @cached_property
    def downstream(self) -> list[int]:
        """Per node, what it reaches in the forward graph: the :data:`MONITOR`,
        :data:`DEPLOYMENT`, :data:`PEOPLE` and :data:`SERVED` flags — one pass for every
        rule that looks downstream of the models."""
        fwd = self.forward_condensed
        g = self.g
        seeds: dict[int, int] = {}
        for flag, kinds in ((DEPLOYMENT, ("deployment",)), (PEOPLE, ("interface", "users")), (MONITOR, ("monitoring",))):
            for node in g.of_kind(*kinds):
                scc = fwd.scc(node)
                seeds[scc] = seeds.get(scc, 0) | flag
        # A deployment that reaches people serves; a node reaching it is served. Computed
        # in the same pass: a component's value is final when it is visited.
        served = {fwd.scc(d): _serve for d in g.of_kind("deployment")}
        return fwd.propagate(seeds, upstream=False, finish=served)

    @cached_property
    def upstream(self) -> list[int]:
        """Per node, what reaches it in the forward graph: :data:`DATA` (a data source) and
        :data:`REQUIREMENT` (the target of a business requirement's *requires* link)."""
        fwd = self.forward_condensed
        seeds: dict[int, int] = {}
        for flag, nodes in ((DATA, self.g.of_kind("data_source")), (REQUIREMENT, list(self.g.required_by))):
            for node in nodes:
                scc = fwd.scc(node)
                seeds[scc] = seeds.get(scc, 0) | flag
        return fwd.propagate(seeds, upstream=True)


def _serve(reached: int) -> int:
    return reached | SERVED if reached & PEOPLE else reached


#: Flags of :attr:`Context.downstream` and :attr:`Context.upstream`.
MONITOR, DEPLOYMENT, PEOPLE, SERVED = 1, 2, 4, 8
DATA, REQUIREMENT = 1, 2
