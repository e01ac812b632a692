"""Core layer: how an online request runs — the request graph and its slowest paths.

The **request graph** is the forward graph restricted to the *online* kinds (a data source
looked up, a feature pipeline, a model, an online deployment, an interface), without the
links from a deployment or a model into the data side (logging a prediction is a write,
not a step of the request) and without the links from the data side into a model (what a
model learns from), plus two kinds of edge that say how a request runs:

* a model that reaches a deployment through evaluation components only is linked to it
  (``model -> evaluation -> deployment`` is the usual drawing; evaluation adds no latency);
* within one online deployment, its data inputs come before its models: the service
  fetches the features, then scores.

Each edge carries the file's links behind it, so a finding outlines what the user drew.
The slowest path to each interface is one longest-path pass, by ``latency_ms``, over the
condensation of the request graph (a loop counts each of its components once).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from canvas.core.graph import DesignGraph, search
from canvas.core.values import number

#: Kinds that are always on a request path when linked into one (deployments: unless batch).
ONLINE_KINDS = frozenset({"data_source", "feature_pipeline", "model", "deployment", "interface"})
#: Data inputs a deployment fetches before it scores.
LOOKUPS = frozenset({"data_source", "feature_pipeline"})
_WRITES_FROM = frozenset({"deployment", "model"})
_DATA_SIDE = frozenset({"data_source", "data_pipeline", "training_data", "feature_pipeline"})


def is_online(g: DesignGraph, cid: str) -> bool:
    kind = g.kind[cid]
    if kind == "deployment":
        return g.design.components[cid].properties.get("mode") != "batch"
    return kind in ONLINE_KINDS


def latency(g: DesignGraph, cid: str) -> float | None:
    """A component's ``latency_ms``, or ``None`` when it sets none."""
    return number(g.design.components[cid].properties.get("latency_ms"))


def request_graph(g: DesignGraph) -> nx.DiGraph:
    """The request graph; each edge's ``links`` are the ids of the links it stands for."""
    import networkx as nx  # with the first graph, not at launch (see canvas.core.graph)

    kind, forward, edge_link = g.kind, g.forward, g.edge_link
    graph = nx.DiGraph()
    graph.add_nodes_from(c for c in g.design.components if is_online(g, c))
    for u, v in forward.edges:
        if u in graph and v in graph:
            if kind[u] in _WRITES_FROM and kind[v] in _DATA_SIDE:
                continue
            if kind[u] in _DATA_SIDE and kind[v] == "model":
                continue
            graph.add_edge(u, v, links=(edge_link[(u, v)],))
    for m in g.of_kind("model"):
        through = search(
            forward.succ,
            [m],
            enter=lambda n: kind[n] in ("evaluation", "deployment"),
            expand=lambda n: kind[n] == "evaluation",
        )
        for d in through:
            if kind[d] == "deployment" and d in graph and not graph.has_edge(m, d):
                path = [d]
                while (prev := through[path[-1]]) is not None:
                    path.append(prev)
                graph.add_edge(m, d, links=tuple(g.links_along(reversed(path))))
    for d in g.of_kind("deployment"):
        if d not in graph:
            continue
        scorers = [m for m in graph.pred[d] if kind[m] == "model"]
        for x in forward.pred[d]:
            if kind[x] in LOOKUPS and x in graph:
                for m in scorers:
                    if not graph.has_edge(x, m):
                        graph.add_edge(x, m, links=(edge_link[(x, d)],))
    return graph


@dataclass(frozen=True)
class RequestPath:
    """The slowest path of the request graph that ends at one interface."""

    interface: str
    nodes: tuple[str, ...]  # in request order, the interface last
    latencies: tuple[float, ...]  # each node's latency_ms (0 when unset)
    links: tuple[str, ...]

    @property
    def total(self) -> float:
        return sum(self.latencies)


def slowest_paths(g: DesignGraph, graph: nx.DiGraph) -> dict[str, RequestPath]:
    """The slowest request path into each interface, by summed ``latency_ms``. Equal paths:
    the one through the component first in the file."""
    interfaces = [i for i in g.of_kind("interface") if i in graph]
    if not interfaces:
        return {}
    import networkx as nx

    order = g.order
    cond = nx.condensation(graph)
    members = {c: sorted(data["members"], key=order.__getitem__) for c, data in cond.nodes(data=True)}
    first = {c: order[ms[0]] for c, ms in members.items()}
    weight = {c: sum(latency(g, n) or 0.0 for n in ms) for c, ms in members.items()}
    best: dict[int, float] = {}
    via: dict[int, int | None] = {}
    for c in nx.topological_sort(cond):
        top, chosen = 0.0, None
        for p in sorted(cond.pred[c], key=first.__getitem__):
            if chosen is None or best[p] > top:
                top, chosen = best[p], p
        best[c], via[c] = weight[c] + top, chosen
    mapping = cond.graph["mapping"]
    out: dict[str, RequestPath] = {}
    for i in interfaces:
        chain: list[int] = []
        step: int | None = mapping[i]
        while step is not None:
            chain.append(step)
            step = via[step]
        chain.reverse()
        nodes = [n for c in chain for n in members[c]]
        links: list[str] = []
        for a, b in itertools.pairwise(chain):
            links.extend(_links_between(graph, members[a], members[b]))
        for c in chain:
            if len(members[c]) > 1:
                links.extend(_links_between(graph, members[c], members[c]))
        out[i] = RequestPath(i, tuple(nodes), tuple(latency(g, n) or 0.0 for n in nodes), tuple(dict.fromkeys(links)))
    return out


def _links_between(graph: nx.DiGraph, sources: list[str], targets: list[str]) -> list[str]:
    """The links behind the first edge from ``sources`` into ``targets`` — every edge among
    them when the two are the same loop."""
    wanted = set(targets)
    found: list[str] = []
    for u in sources:
        for v, data in graph.succ[u].items():
            if v in wanted:
                found.extend(data["links"])
                if sources is not targets:
                    return found
    return found
