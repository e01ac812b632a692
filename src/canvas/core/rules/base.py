"""Core layer: what a rule and a finding are, and the context rules share.

A rule yields raw findings; the runner (``canvas.core.rules``) applies the suppressions,
the design's settings and the disconnected-component filter. The graph facts several rules
read live in :class:`Context` as cached properties, so each is computed once per check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from canvas.core.catalog import BOXES, Box
from canvas.core.graph import PEOPLE, DesignGraph, Node, reached
from canvas.core.model import Design, Severity
from canvas.core.wording import listing, quoted

T = TypeVar("T")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    components: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    suppressed: bool = False
    reason: str | None = None

    @property
    def subject(self) -> str | None:
        """The component a suppression of this finding sits on: its first component."""
        return self.components[0] if self.components else None

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
    """What a rule reports, before settings and suppressions are applied. The first
    component is the finding's subject."""

    message: str
    components: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    @property
    def subject(self) -> str | None:
        return self.components[0] if self.components else None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    box: Box
    chapter: str
    hint: str
    explanation: str
    check: Callable[[Context], Iterable[RawFinding]] = field(repr=False, compare=False)
    #: False for rules whose findings name no component (turned off in settings, never
    #: suppressed on a component).
    has_subject: bool = True

    @property
    def box_title(self) -> str:
        return BOXES[self.box].title


class Context:
    """A design and the graph facts rules share, each computed at most once per check."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.g = DesignGraph(design)
        self._facts: dict[Callable[[Context], object], object] = {}
        #: Every rule, by id (set by the runner): what a suppression or setting may name.
        self.known_rules: dict[str, Rule] = {}
        #: (rule id, subject) of every finding the rules run so far produced, before
        #: settings and filters (set by the runner): what makes a suppression *used*.
        self.produced: set[tuple[str, str]] = set()
        #: (rule id, component) -> the subject of a finding that names the component but is
        #: not about it (set by the runner): where a misplaced suppression belongs.
        self.involved: dict[tuple[str, str], str] = {}

    def fact(self, make: Callable[[Context], T]) -> T:
        """``make(self)``, made once per check: facts a family of rules shares."""
        if make not in self._facts:
            self._facts[make] = make(self)
        return self._facts[make]  # type: ignore[return-value]

    # --- wording --------------------------------------------------------------------------

    def name(self, cid: str) -> str:
        """A component's name in a message, quoted: ``'Ranker'``."""
        return quoted(self.design.components[cid])

    def names(self, cids: Iterable[str], limit: int = 4) -> str:
        return listing([self.name(c) for c in cids], limit)

    def props(self, cid: str) -> dict[str, object]:
        return self.design.components[cid].properties

    # --- models ---------------------------------------------------------------------------

    @cached_property
    def models(self) -> list[str]:
        return self.g.of_kind("model")

    @cached_property
    def inputs_to_learning(self) -> set[str]:
        """Models whose every outgoing link goes into training or training data (a base model
        fine-tuned, a teacher distilled, a model that pre-labels data): of the model rules
        only ``model.no-training-data`` applies to them."""
        out = self.g.out_kinds
        return {m for m in self.models if out.get(m) and all(k in ("training", "training_data") for k in out[m])}

    @cached_property
    def served_models(self) -> list[str]:
        """The models the serving rules judge: every model but the inputs to learning."""
        return [m for m in self.models if m not in self.inputs_to_learning]

    def origin(self, model: str) -> str:
        value = self.props(model).get("origin")
        return value if isinstance(value, str) else "trained"

    # --- what a model's serving reach holds (one search per kind, for every model) ---------

    def _reaching(self, *kinds: str) -> set[Node]:
        return reached(self.g.serving, self.g.of_kind(*kinds), upstream=True)

    @cached_property
    def reaches_monitor(self) -> set[Node]:
        """Components with a monitor in their serving reach."""
        return self._reaching("monitoring")

    @cached_property
    def reaches_deployment(self) -> set[Node]:
        return self._reaching("deployment")

    @cached_property
    def reaches_people(self) -> set[Node]:
        return self._reaching(*PEOPLE)

    # --- loops of the flow graph -----------------------------------------------------------

    @cached_property
    def flow_loops(self) -> dict[str, frozenset[str]]:
        """Each component on a loop of the flow graph -> the members of its loop (its
        strongly connected component)."""
        import networkx as nx  # with the first graph, not at launch (see canvas.core.graph)

        out: dict[str, frozenset[str]] = {}
        for members in nx.strongly_connected_components(self.g.flow):
            if len(members) > 1:
                frozen = frozenset(members)
                out.update(dict.fromkeys(members, frozen))
        return out
