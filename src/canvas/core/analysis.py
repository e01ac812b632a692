"""Core layer: latency and cost figures, shared by the checker and the analysis charts.

The slowest online path to each interface is a longest-path pass over the condensation
of the forward graph (batch deployments removed), done once for all interfaces.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from canvas.core.catalog import KINDS, Box
from canvas.core.graph import Condensed, DesignGraph, without
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


def slo_upstream(g: DesignGraph, forward: Condensed) -> list[tuple[float, str]]:
    """For every node, the smallest ``latency_slo_ms`` (and the id of its requirement) of
    the business requirements upstream of it: its *requires* links, then the forward graph.
    Nodes with none get ``(inf, "")``."""
    seeds: dict[int, tuple[float, str]] = {}
    for target, reqs in g.required_by.items():
        for br in reqs:
            slo = number(g.component(br).properties.get("latency_slo_ms"))
            if slo is None:
                continue
            scc = forward.scc(target)
            seeds[scc] = min(seeds.get(scc, _NO_SLO), (slo, g.ids[br]))
    if not seeds:
        return [_NO_SLO] * len(g.ids)
    return forward.propagate(seeds, upstream=True, default=_NO_SLO, combine=min)


def serving_paths(g: DesignGraph, forward: Condensed) -> list[ServingPath]:
    """The slowest online request path to each interface, with the SLO that applies to it.

    A request path serves a model, so a path through a model wins over any path without
    one (a slow log shipper next to the model must not hide the model's breach); among
    paths through models the slowest wins, and on a tie the one under the tighter SLO.
    Without any model upstream, the plain slowest path is shown (and has no SLO). One
    dynamic-programming pass over the condensation serves every interface; among equal
    paths the first predecessor in link order wins.
    """
    interfaces = g.of_kind("interface")
    if not interfaces:
        return []
    ids = g.ids
    batch = [n for n in g.of_kind("deployment") if is_batch(g.component(n))]
    cond = Condensed(*without(g.nodes, g.forward_succ, g.forward_pred, batch)) if batch else forward
    slos = slo_upstream(g, forward)
    latency = {node: ms for node, c in enumerate(g.design.components.values()) if c.properties and (ms := latency_of(c))}
    kinds, lat_of, groups = g.kinds, latency.get, cond._members
    # State 0: best path ending here with no model on it: total.
    # State 1: best path ending here through a model: (total, -slo, requirement).
    best0: dict[int, float] = {}
    best1: dict[int, tuple[float, float, str]] = {}
    parent0: dict[int, int | None] = {}
    parent1: dict[int, tuple[int, int] | None] = {}  # (pred component, pred state)
    for scc in cond.order:
        group = groups.get(scc)
        if group is None:
            weight = lat_of(scc, 0.0)
            own = slos[scc] if kinds[scc] == "model" else None
        else:
            weight = sum(lat_of(n, 0.0) for n in group)
            model_slos = [slos[n] for n in group if kinds[n] == "model"]
            own = min(model_slos) if model_slos else None
        preds = cond.preds(scc)
        if own is None:
            top0, via0 = 0.0, None
            top1: tuple[float, float, str] | None = None
            via1 = None
            for p in preds:
                b0 = best0.get(p)
                if b0 is not None and (via0 is None or b0 > top0):
                    top0, via0 = b0, p
                b1 = best1.get(p)
                if b1 is not None and (top1 is None or (b1[0], b1[1]) > (top1[0], top1[1])):
                    top1, via1 = b1, p
            best0[scc], parent0[scc] = weight + top0, via0
            if top1 is not None:
                best1[scc], parent1[scc] = (top1[0] + weight, top1[1], top1[2]), (via1, 1)  # type: ignore[assignment]
            continue
        own_slo, own_req = own
        choice: tuple[float, float, str] = (weight, -own_slo, own_req)
        via: tuple[int, int] | None = None
        for p in preds:
            options = []
            if p in best0:
                options.append(((best0[p] + weight, -own_slo, own_req), (p, 0)))
            if p in best1:
                t, neg, req = best1[p]
                options.append(((t + weight, *max((neg, req), (-own_slo, own_req))), (p, 1)))
            for value, origin in options:
                if (value[0], value[1]) > (choice[0], choice[1]) or via is None and value[0] >= choice[0]:
                    choice, via = value, origin
        best1[scc], parent1[scc] = choice, via
    paths: list[ServingPath] = []
    for iface in interfaces:
        start = cond.scc(iface)
        chain: list[int] = []
        if start in best1:
            total, neg_slo, req = best1[start]
            step: tuple[int, int] | None = (start, 1)
            while step is not None:
                chain.append(step[0])
                step = parent1[step[0]] if step[1] == 1 else _as_state0(parent0[step[0]])
            slo: float | None = None if math.isinf(-neg_slo) else -neg_slo
        else:
            req, slo = "", None
            s0: int | None = start
            while s0 is not None:
                chain.append(s0)
                s0 = parent0[s0]
        nodes: list[int] = []
        for c in reversed(chain):
            nodes.extend(sorted(cond.members(c), key=lambda n: (n == iface, ids[n])))
        lat = tuple(lat_of(n, 0.0) for n in nodes)
        paths.append(
            ServingPath(
                interface=ids[iface],
                nodes=g.id_tuple(nodes),
                latencies=lat,
                total=sum(lat),
                slo=slo,
                slo_requirement=(req or None) if slo is not None else None,
                links=tuple(g.link_ids(nodes)),
            )
        )
    return paths


def _as_state0(scc: int | None) -> tuple[int, int] | None:
    return None if scc is None else (scc, 0)


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
