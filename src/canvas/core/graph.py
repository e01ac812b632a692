"""Core layer: the graph views of a design that the checker and the analysis read.

* the *flow graph* holds the *flows into* links (spec §3, §4);
* the *forward graph* is the flow graph without the links that leave an ``interface``,
  ``users``, ``monitoring`` or ``continual_learning`` component — feedback and updates — so
  "downstream of this model" means its own serving path.

Both are built in one pass over the links as plain adjacency lists (``node -> [node]``):
a check walks them a few times, and building two ``networkx.DiGraph`` objects cost more
than all the walks. The strongly connected components come from our own iterative Tarjan
on the same lists (tests hold it to networkx's answer).

The helpers answer reachability questions for *all* nodes in one pass (multi-source
searches and bitset propagation over the condensation), never one search per node, which
is what keeps the checker linear-ish on 10,000 components (see shared/PLATFORM.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from typing import Any

from canvas.core.catalog import ALLOWED_TARGETS, FEEDBACK_SOURCES, LinkMeaning, in_flow_graph, link_meaning
from canvas.core.model import Design, Link

#: Up to this many (sources x nodes) in one loop, :func:`loop_targets` searches from each
#: source; past it, one bitset pass serves them all.
_SMALL_LOOP = 4096

#: Up to this many targets per source, repeats are spotted by scanning the list.
_FEW = 8

#: A directed graph as plain lists: every node maps to its successors (or predecessors).
Adjacency = dict[str, list[str]]


@lru_cache(maxsize=None)
def _source_class(source_kind: str) -> tuple[LinkMeaning, bool, bool, frozenset[str]]:
    """(meaning, in the flow graph, in the forward graph, allowed target kinds) of the links
    leaving a kind: decided once per kind, not once per link."""
    flow = in_flow_graph(source_kind)
    return link_meaning(source_kind), flow, flow and source_kind not in FEEDBACK_SOURCES, ALLOWED_TARGETS.get(source_kind, frozenset())


class DesignGraph:
    """The graph views of one design, built once per check in one pass over the links."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.kind: dict[str, str] = {cid: c.kind for cid, c in design.components.items()}
        self.by_kind: dict[str, list[str]] = defaultdict(list)
        for cid, k in self.kind.items():
            self.by_kind[k].append(cid)
        self.hosted_by: dict[str, list[str]] = defaultdict(list)
        self.required_by: dict[str, list[str]] = defaultdict(list)
        #: (link, reason) for every link that breaks the allowed matrix, loops or repeats.
        self.bad_links: list[tuple[Link, str]] = []
        # Successors and predecessors in the flow graph and in the forward graph. The
        # forward graph only drops the links leaving some kinds: it shares the flow graph's
        # successor lists for every other node. The links of the kinds outside the flow
        # graph (hosts, requires, developers' uses) keep their targets in ``side``, where
        # repeats are spotted.
        kind = self.kind
        self.flow_succ: Adjacency = {n: [] for n in kind}
        self.flow_pred: Adjacency = {n: [] for n in kind}
        self.forward_pred: Adjacency = {n: [] for n in kind}
        side: Adjacency = defaultdict(list)
        hubs: dict[str, set[str]] = {}
        bad = self.bad_links
        flow_succ, flow_pred, fwd_pred = self.flow_succ, self.flow_pred, self.forward_pred
        hosted_by, required_by = self.hosted_by, self.required_by
        classes = {k: _source_class(k) for k in self.by_kind}
        for link in design.links.values():
            s, t = link.source, link.target
            if s == t:
                bad.append((link, "self"))
                continue
            meaning, flow, forward, allowed = classes[kind[s]]
            out = flow_succ[s] if flow else side[s]
            if len(out) < _FEW:
                repeat = t in out  # a handful of targets: a list beats hashing
            else:  # a hub: a set of its targets keeps the check O(1)
                seen = hubs.get(s)
                if seen is None:
                    seen = hubs[s] = set(out)
                repeat = t in seen
                seen.add(t)
            if repeat:
                bad.append((link, "duplicate"))
                continue
            out.append(t)
            if kind[t] not in allowed:
                bad.append((link, "matrix"))
            if flow:
                flow_pred[t].append(s)
                if forward:
                    fwd_pred[t].append(s)
            elif meaning is LinkMeaning.HOSTS:
                hosted_by[t].append(s)
            elif meaning is LinkMeaning.REQUIRES:
                required_by[t].append(s)
        none: list[str] = []
        self.forward_succ: Adjacency = {n: flow_succ[n] if classes[k][2] else none for n, k in kind.items()}

    @cached_property
    def edge_link(self) -> dict[tuple[str, str], str]:
        """The first link of every (source, target) pair (built when a finding needs it)."""
        links = list(self.design.links.values())
        return {(link.source, link.target): link.id for link in reversed(links)}

    @cached_property
    def linked(self) -> set[str]:
        """Every component at an end of some link (self-links and repeats included)."""
        return {end for link in self.design.links.values() for end in (link.source, link.target)}

    def of_kind(self, *kinds: str) -> list[str]:
        out: list[str] = []
        for k in kinds:
            out.extend(self.by_kind.get(k, ()))
        return out

    def label(self, cid: str) -> str:
        return self.design.components[cid].label

    def link_ids(self, path: Iterable[str]) -> list[str]:
        nodes = list(path)
        return [self.edge_link[(a, b)] for a, b in zip(nodes, nodes[1:]) if (a, b) in self.edge_link]


def without(nodes: Iterable[str], succ: Adjacency, pred: Adjacency, drop: Iterable[str]) -> tuple[list[str], Adjacency, Adjacency]:
    """The same graph without the nodes in ``drop`` (and their edges)."""
    gone = set(drop)
    keep = [n for n in nodes if n not in gone]
    return (
        keep,
        {n: [m for m in succ[n] if m not in gone] for n in keep},
        {n: [m for m in pred[n] if m not in gone] for n in keep},
    )


# --- one-pass reachability ---------------------------------------------------------------


def reach(adjacency: Adjacency, sources: Iterable[str], avoid: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Every node reachable along ``adjacency`` (successors: downstream; predecessors:
    upstream) from any of ``sources`` (sources included), never entering ``avoid``: one
    multi-source search, whatever the number of sources."""
    seen = set(s for s in sources if s in adjacency and s not in avoid)
    stack = list(seen)
    while stack:
        for nxt in adjacency[stack.pop()]:
            if nxt not in seen and nxt not in avoid:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def strongly_connected(nodes: Iterable[str], succ: Adjacency) -> list[list[str]]:
    """The strongly connected components of the graph on ``nodes`` (``succ`` may name only
    nodes among them), sinks first — reverse topological order.

    Tarjan's algorithm without recursion; each node's successor iterator is kept on the
    work stack, so no edge is looked at twice (networkx's version rescans a node's
    successors every time the search comes back to it, and wants a DiGraph)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[str, Iterator[str]]] = [(root, iter(succ[root]))]
        while work:
            v, successors = work[-1]
            for w in successors:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(succ[w])))
                    break
                if w in on_stack and index[w] < low[v]:
                    low[v] = index[w]
            else:  # every successor of v is done
                work.pop()
                lv = low[v]
                if work and lv < low[work[-1][0]]:
                    low[work[-1][0]] = lv
                if lv == index[v]:
                    component: list[str] = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    found.append(component)
    return found


class Condensed:
    """A graph's strongly connected components in topological order, for DP passes.

    A component is named by one of its nodes (its *representative*, the smallest id); a
    node alone in its component represents itself. Kahn's algorithm runs first: a DAG —
    the forward graph of most designs — needs no component search, and its condensation
    is the graph itself. Otherwise Tarjan's search runs on what Kahn could not order; it
    finds the components in reverse topological order, so no second sort is needed. The
    condensation's edges are gathered when first asked for.
    """

    def __init__(self, nodes: Iterable[str], succ: Adjacency, pred: Adjacency) -> None:
        nodes = list(nodes)
        indegree = {n: len(pred[n]) for n in nodes}
        order = [n for n in nodes if not indegree[n]]
        for n in order:  # the list grows while it is walked
            for m in succ[n]:
                left = indegree[m] - 1
                indegree[m] = left
                if not left:
                    order.append(m)
        #: Representatives in topological order (sources first).
        self.order: list[str] = order
        #: The node -> representative map, for nodes in components of two or more.
        self.rep: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._succ: Mapping[str, Iterable[str]] = succ
        self._pred: Mapping[str, Iterable[str]] = pred
        self._graph: tuple[list[str], Adjacency] | None = None  # until its edges are condensed
        if len(order) < len(nodes):
            # What Kahn could not order is closed under successors: search only that part.
            cyclic = [n for n in nodes if indegree[n] > 0]
            found: list[str] = []
            for component in strongly_connected(cyclic, succ):
                if len(component) > 1:
                    group = sorted(component)  # by id: the same whatever the set's order
                    head = group[0]
                    self._members[head] = group
                    for m in group:
                        self.rep[m] = head
                    found.append(head)
                else:
                    found.extend(component)
            found.reverse()
            order.extend(found)
            self._graph = (nodes, succ)

    @property
    def succ(self) -> Mapping[str, Iterable[str]]:
        """Successors of each representative (representatives, each once)."""
        if self._graph is not None:
            self._condense(*self._graph)
        return self._succ

    @property
    def pred(self) -> Mapping[str, Iterable[str]]:
        """Predecessors of each representative (representatives, each once, in link order)."""
        if self._graph is not None:
            self._condense(*self._graph)
        return self._pred

    def _condense(self, nodes: list[str], succ: Adjacency) -> None:
        """The condensation's edges, gathered in one pass over the graph's (on first use:
        a caller that only wants the components does not pay for them)."""
        self._graph = None
        rep = self.rep
        csucc: dict[str, dict[str, None]] = {r: {} for r in self.order}
        cpred: dict[str, dict[str, None]] = {r: {} for r in self.order}
        for n in nodes:
            r = rep.get(n, n)
            out = csucc[r]
            for m in succ[n]:
                rm = rep.get(m, m)
                if rm != r:
                    out[rm] = None
                    cpred[rm][r] = None
        self._succ, self._pred = csucc, cpred

    def scc(self, node: str) -> str:
        """The representative of ``node``'s component."""
        return self.rep.get(node, node)

    def in_loop(self, node: str) -> bool:
        """Whether ``node`` is on a cycle (its component has two or more nodes)."""
        return node in self.rep

    def members(self, scc: str) -> list[str]:
        """The nodes of the component ``scc`` represents, sorted by id."""
        return self._members.get(scc) or [scc]

    def preds(self, scc: str) -> Iterable[str]:
        """The components with an edge into ``scc`` (in link order, each once)."""
        return self.pred[scc]

    def propagate(
        self, seeds: Mapping[str, Any], upstream: bool, default: Any = 0,
        combine: Callable[[Any, Any], Any] | None = None,
        finish: Mapping[str, Callable[[Any], Any]] | None = None,
    ) -> dict[str, Any]:
        """Fold seed values along the graph for every node at once.

        With ``upstream=False`` a node gets the combination of the seeds of everything it
        reaches (itself and its component included); with ``upstream=True``, of everything
        that reaches it. ``seeds`` maps representatives to values (``default`` for the
        others); without ``combine`` values are OR-ed: bitsets make this a set union.
        ``finish[scc]``, if given, turns a component's value into its final one before
        anything upstream (or downstream) reads it.
        """
        order: Iterable[str] = self.order if upstream else reversed(self.order)
        neighbours = self.pred if upstream else self.succ
        value: dict[str, Any] = {}
        get = seeds.get
        for scc in order:
            acc = get(scc, default)
            if combine is None:
                for other in neighbours[scc]:
                    acc |= value[other]
            else:
                for other in neighbours[scc]:
                    acc = combine(acc, value[other])
            if finish is not None and scc in finish:
                acc = finish[scc](acc)
            value[scc] = acc
        for node, scc in self.rep.items():
            value[node] = value[scc]
        return value

    def seed_bits(self, bit_of: Mapping[str, int]) -> dict[str, int]:
        """Seeds for :meth:`propagate`: per component, the OR of its members' bits."""
        seeds: dict[str, int] = {}
        rep = self.rep
        for node, bit in bit_of.items():
            scc = rep.get(node, node)
            seeds[scc] = seeds.get(scc, 0) | bit
        return seeds


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


def loop_targets(
    flow: Condensed, forward_succ: Adjacency, sources: Iterable[str], targets: Iterable[str]
) -> dict[str, list[str]]:
    """For each of ``sources`` on a loop of the flow graph: the ``targets`` downstream of it
    in the forward graph that lead back to it in the flow graph (in ``targets`` order).

    The forward graph is part of the flow graph, so such a target is in the source's own
    strongly connected component of the flow graph, and so is every forward path from the
    source to it. Each component is therefore searched on its own — a bitset pass over
    the forward graph inside it, one bit per target in it — which keeps the cost at the
    size of the loops, not (nodes x targets) over the whole design."""
    by_scc: dict[str, list[str]] = defaultdict(list)
    for t in targets:
        if flow.in_loop(t):
            by_scc[flow.scc(t)].append(t)
    wanted: dict[str, list[str]] = defaultdict(list)
    for s in sources:
        scc = flow.scc(s)
        if scc in by_scc:
            wanted[scc].append(s)
    found: dict[str, list[str]] = {}
    for scc, froms in wanted.items():
        members = flow.members(scc)
        inside = set(members)
        succ = {n: [m for m in forward_succ[n] if m in inside] for n in members}
        order = by_scc[scc]
        if len(froms) * len(members) <= _SMALL_LOOP:  # the usual loop: a search per source
            for s in froms:
                seen = reach(succ, (s,))
                hits = [t for t in order if t in seen]
                if hits:
                    found[s] = hits
            continue
        pred: Adjacency = {n: [] for n in members}
        for n, ms in succ.items():
            for m in ms:
                pred[m].append(n)
        local = Condensed(members, succ, pred)
        reached = local.propagate(local.seed_bits(bits_for(order)), upstream=False)
        for s in froms:
            hits = nodes_in(reached[s], order)
            if hits:
                found[s] = hits
    return found

