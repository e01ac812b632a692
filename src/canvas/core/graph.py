"""Core layer: the networkx views of a design that the checker and the analysis read.

* the *flow graph* holds the *flows into* links (spec §3, §4);
* the *forward graph* is the flow graph without the links that leave an ``interface``,
  ``users``, ``monitoring`` or ``continual_learning`` component — feedback and updates — so
  "downstream of this model" means its own serving path.

The helpers answer reachability questions for *all* nodes in one pass (multi-source
searches and bitset propagation over the condensation), never one search per node, which
is what keeps the checker linear-ish on 10,000 components (see shared/PLATFORM.md).
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

import networkx as nx

from canvas.core.catalog import FEEDBACK_SOURCES, in_flow_graph, link_meaning, link_refusal, LinkMeaning
from canvas.core.model import Design, Link


class DesignGraph:
    """The graph views of one design, built once per check."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.kind: dict[str, str] = {cid: c.kind for cid, c in design.components.items()}
        self.by_kind: dict[str, list[str]] = defaultdict(list)
        for cid, kind in self.kind.items():
            self.by_kind[kind].append(cid)
        self.flow = nx.DiGraph()
        self.flow.add_nodes_from(self.kind)
        self.hosted_by: dict[str, list[str]] = defaultdict(list)
        self.required_by: dict[str, list[str]] = defaultdict(list)
        self.degree: dict[str, int] = defaultdict(int)
        self.edge_link: dict[tuple[str, str], str] = {}
        #: (link, reason) for every link that breaks the allowed matrix, loops or repeats.
        self.bad_links: list[tuple[Link, str]] = []
        flow_edges = []
        forward_edges = []
        for link in design.links.values():
            s, t = link.source, link.target
            self.degree[s] += 1
            self.degree[t] += 1
            if s == t:
                self.bad_links.append((link, "self"))
                continue
            if (s, t) in self.edge_link:
                self.bad_links.append((link, "duplicate"))
                continue
            self.edge_link[(s, t)] = link.id
            sk, tk = self.kind[s], self.kind[t]
            if link_refusal(sk, tk) is not None:
                self.bad_links.append((link, "matrix"))
            meaning = link_meaning(sk)
            if meaning is LinkMeaning.HOSTS:
                self.hosted_by[t].append(s)
            elif meaning is LinkMeaning.REQUIRES:
                self.required_by[t].append(s)
            if in_flow_graph(sk):
                flow_edges.append((s, t))
                if sk not in FEEDBACK_SOURCES:
                    forward_edges.append((s, t))
        self.flow.add_edges_from(flow_edges)
        self._forward_edges = forward_edges

    def of_kind(self, *kinds: str) -> list[str]:
        out: list[str] = []
        for k in kinds:
            out.extend(self.by_kind.get(k, ()))
        return out

    def label(self, cid: str) -> str:
        return self.design.components[cid].label

    @cached_property
    def forward(self) -> nx.DiGraph:
        g = nx.DiGraph()
        g.add_nodes_from(self.kind)
        g.add_edges_from(self._forward_edges)
        return g

    def link_ids(self, path: Iterable[str]) -> list[str]:
        nodes = list(path)
        return [self.edge_link[(a, b)] for a, b in zip(nodes, nodes[1:]) if (a, b) in self.edge_link]


# --- one-pass reachability ---------------------------------------------------------------


def reach(
    graph: nx.DiGraph, sources: Iterable[str], upstream: bool = False, avoid: frozenset[str] | set[str] = frozenset()
) -> set[str]:
    """Every node reachable from any of ``sources`` (sources included), never entering
    ``avoid``: one multi-source search, whatever the number of sources."""
    # The raw adjacency dicts: networkx's read-only views cost ~2x on this hot loop.
    adj = graph._pred if upstream else graph._succ
    seen = set(s for s in sources if s in adj and s not in avoid)
    stack = list(seen)
    while stack:
        node = stack.pop()
        for nxt in adj[node]:
            if nxt not in seen and nxt not in avoid:
                seen.add(nxt)
                stack.append(nxt)
    return seen


class Condensed:
    """A graph's strongly connected components in topological order, for DP passes.

    Built from networkx's SCCs into plain dicts: ``nx.condensation`` builds a second
    attributed DiGraph, which costs more than the passes that use it.
    """

    def __init__(self, graph: nx.DiGraph) -> None:
        self.graph = graph
        self.members: dict[int, list[str]] = {}
        self.scc_of: dict[str, int] = {}
        for i, component in enumerate(nx.strongly_connected_components(graph)):
            self.members[i] = list(component)
            for node in component:
                self.scc_of[node] = i
        succ: dict[int, set[int]] = {i: set() for i in self.members}
        pred: dict[int, set[int]] = {i: set() for i in self.members}
        scc_of = self.scc_of
        for s, nbrs in graph._succ.items():
            a = scc_of[s]
            for t in nbrs:
                b = scc_of[t]
                if a != b:
                    succ[a].add(b)
                    pred[b].add(a)
        self.succ, self.pred = succ, pred
        # Kahn's algorithm: a topological order of the SCC DAG.
        indegree = {i: len(p) for i, p in pred.items()}
        order = [i for i, d in indegree.items() if d == 0]
        for i in order:  # the list grows while it is walked
            for j in succ[i]:
                indegree[j] -= 1
                if indegree[j] == 0:
                    order.append(j)
        self.order: list[int] = order

    def propagate(
        self, seed: Callable[[int], Any], upstream: bool, combine: Callable[[Any, Any], Any] = operator.or_
    ) -> dict[str, Any]:
        """Fold ``seed`` values along the graph for every node at once.

        With ``upstream=False`` a node gets the combination of the seeds of everything it
        reaches (itself and its SCC included); with ``upstream=True``, of everything that
        reaches it. Seeds are given per SCC index. Bitsets make this a set union.
        """
        order = self.order if upstream else list(reversed(self.order))
        neighbours = self.pred if upstream else self.succ
        value: dict[int, Any] = {}
        for scc in order:
            acc = seed(scc)
            for other in neighbours[scc]:
                acc = combine(acc, value[other])
            value[scc] = acc
        return {node: value[scc] for node, scc in self.scc_of.items()}

    def seed_bits(self, bit_of: dict[str, int]) -> Callable[[int], int]:
        """A seed function: OR of the bits of the SCC's members that have one."""
        per_scc: dict[int, int] = defaultdict(int)
        for node, bit in bit_of.items():
            per_scc[self.scc_of[node]] |= bit
        return lambda scc: per_scc.get(scc, 0)


def bits_for(nodes: Iterable[str]) -> dict[str, int]:
    """Give each node its own bit (in the order given)."""
    return {n: 1 << i for i, n in enumerate(nodes)}


def nodes_in(bits: int, order: list[str]) -> list[str]:
    """The nodes whose bits are set, ``order`` being the list given to :func:`bits_for`;
    costs the number of set bits, not the number of nodes."""
    out = []
    while bits:
        low = bits & -bits
        out.append(order[low.bit_length() - 1])
        bits ^= low
    return out
