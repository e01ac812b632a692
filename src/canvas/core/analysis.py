"""Core layer: latency and cost figures, shared by the checker and the analysis charts.

The slowest online path to each interface is a longest-path pass over the condensation
of the forward graph (batch deployments removed), done once for all interfaces.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from canvas.core.catalog import KINDS, Box
from canvas.core.graph import Condensed, DesignGraph
from canvas.core.model import Component, Design

_NO_SLO = (math.inf, "")


def number(value: Any) -> float | None:
    """A property value as a number, or ``None`` (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def latency_of(component: Component) -> float:
    return number(component.properties.get("latency_ms")) or 0.0


def cost_of(component: Component) -> float:
    return number(component.properties.get("monthly_cost")) or 0.0


def is_batch(component: Component) -> bool:
    return component.kind == "deployment" and component.properties.get("mode") == "batch"


@dataclass(frozen=True)
class ServingPath:
    """The slowest online path that ends at one interface."""

    interface: str
    nodes: tuple[str, ...]
    latencies: tuple[float, ...]
    total: float
    slo: float | None  # the tightest SLO of the requirements upstream of the path's models
    slo_requirement: str | None  # the business requirement that sets it
    links: tuple[str, ...] = ()

    @property
    def exceeded(self) -> bool:
        return self.slo is not None and self.total > self.slo


def slo_upstream(g: DesignGraph, forward: Condensed) -> dict[str, tuple[float, str]]:
    """For every node, the smallest ``latency_slo_ms`` (and its requirement) of the business
    requirements upstream of it: its *requires* links, then the forward graph."""
    seeds: dict[int, tuple[float, str]] = {}
    for target, reqs in g.required_by.items():
        for br in reqs:
            slo = number(g.design.components[br].properties.get("latency_slo_ms"))
            if slo is None:
                continue
            scc = forward.scc_of[target]
            seeds[scc] = min(seeds.get(scc, _NO_SLO), (slo, br))
    return forward.propagate(lambda scc: seeds.get(scc, _NO_SLO), upstream=True, combine=min)


def serving_paths(g: DesignGraph, forward: Condensed) -> list[ServingPath]:
    """The slowest online path to each interface, with the SLO that applies to it."""
    design = g.design
    interfaces = g.of_kind("interface")
    if not interfaces:
        return []
    batch = {n for n in g.of_kind("deployment") if is_batch(design.components[n])}
    if batch:
        online = nx.DiGraph()
        online.add_nodes_from(n for n in g.kind if n not in batch)
        online.add_edges_from((s, t) for s, t in g.forward.edges if s not in batch and t not in batch)
        cond = Condensed(online)
    else:
        cond = forward
    weight = {scc: sum(latency_of(design.components[n]) for n in members) for scc, members in cond.members.items()}
    best: dict[int, float] = {}
    parent: dict[int, int | None] = {}
    for scc in cond.order:
        top, via = 0.0, None
        for pred in cond.pred[scc]:
            if best[pred] > top or via is None:
                top, via = best[pred], pred
        best[scc] = weight[scc] + top
        parent[scc] = via
    slos = slo_upstream(g, forward)
    paths: list[ServingPath] = []
    for iface in interfaces:
        chain: list[int] = []
        step: int | None = cond.scc_of[iface]
        while step is not None:
            chain.append(step)
            step = parent[step]
        nodes: list[str] = []
        for s in reversed(chain):
            members = cond.members[s]
            nodes.extend(sorted(members, key=lambda n: (n == iface, n)))
        slo, req = min((slos[n] for n in nodes if g.kind[n] == "model"), default=_NO_SLO)
        lat = tuple(latency_of(design.components[n]) for n in nodes)
        paths.append(
            ServingPath(
                interface=iface,
                nodes=tuple(nodes),
                latencies=lat,
                total=sum(lat),
                slo=None if math.isinf(slo) else slo,
                slo_requirement=req or None,
                links=tuple(g.link_ids(nodes)),
            )
        )
    return paths


def cost_by_box(design: Design) -> dict[Box, float]:
    """Monthly cost summed per Figure 1-1 box, every box present (zero when empty)."""
    totals: dict[Box, float] = {k.box: 0.0 for k in KINDS.values()}
    for comp in design.components.values():
        kind = KINDS.get(comp.kind)
        if kind is not None:
            totals[kind.box] += cost_of(comp)
    return totals


def total_cost(design: Design) -> float:
    return sum(cost_of(c) for c in design.components.values())


def budgets(design: Design) -> list[tuple[str, float]]:
    """(requirement id, monthly_budget) for every requirement that sets one."""
    out = []
    for cid, comp in design.components.items():
        if comp.kind == "business_requirement":
            budget = number(comp.properties.get("monthly_budget"))
            if budget is not None:
                out.append((cid, budget))
    return out


def top_spenders(design: Design, n: int = 3) -> list[tuple[str, float]]:
    costs = defaultdict(float)
    for cid, comp in design.components.items():
        cost = cost_of(comp)
        if cost:
            costs[cid] = cost
    return sorted(costs.items(), key=lambda kv: -kv[1])[:n]


__all__ = [
    "ServingPath", "budgets", "cost_by_box", "cost_of", "latency_of", "number",
    "serving_paths", "slo_upstream", "top_spenders", "total_cost",
]
