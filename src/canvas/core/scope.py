"""Core layer: what a business requirement covers — its *scope*.

A requirement with *requires* links covers its targets; what lies downstream of them in
the serving view (not past a training or training data, not into a model from the data
side); everything upstream, in the forward graph, of the targets and of the deployments
found downstream; and the infrastructure hosting any of those, followed up through
infrastructure that hosts infrastructure. A requirement with no *requires* links covers the
whole design: its SLO applies to every interface and its budget to every cost.

Scopes are searched once per requirement that needs one, so the cost is the summed size of
those scopes, not the number of requirements times the design.
"""

from __future__ import annotations

from canvas.core.graph import DesignGraph, reached
from canvas.core.values import number


class Scopes:
    """The scopes of a design's requirements, each searched when first asked for."""

    def __init__(self, g: DesignGraph) -> None:
        self.g = g
        self._found: dict[str, frozenset[str] | None] = {}

    def of(self, requirement: str) -> frozenset[str] | None:
        """The components ``requirement`` covers; ``None`` when it covers the whole design."""
        if requirement not in self._found:
            self._found[requirement] = self._search(requirement)
        return self._found[requirement]

    def _search(self, requirement: str) -> frozenset[str] | None:
        g = self.g
        targets = g.requires.get(requirement)
        if not targets:
            return None
        down = {g.real(n) for n in reached(g.serving, targets)}
        deployments = [n for n in down if g.kind[n] == "deployment"]
        members = down | {g.real(n) for n in reached(g.forward, [*targets, *deployments], upstream=True)}
        return frozenset(g.real(n) for n in reached(g.hosts, members, upstream=True))

    def covers(self, requirement: str, component: str) -> bool:
        scope = self.of(requirement)
        return scope is None or component in scope

    def with_property(self, name: str) -> list[tuple[str, float]]:
        """(requirement, value) for every business requirement that sets ``name`` to a
        number, in file order."""
        g = self.g
        comps = g.design.components
        out = []
        for r in g.of_kind("business_requirement"):
            value = number(comps[r].properties.get(name))
            if value is not None:
                out.append((r, value))
        return out
