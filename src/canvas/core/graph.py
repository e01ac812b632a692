"""Core layer: the graph views of a design that the checker and the analysis read.

* the *flow graph* holds the *flows into* links (spec §3, §4);
* the *forward graph* is the flow graph without the links that leave an ``interface``,
  ``users``, ``monitoring`` or ``continual_learning`` component — feedback and updates — so
  "downstream of this model" means its own serving path.

A node is a component's position in the design (an ``int``): the graphs are plain lists of
successor (or predecessor) lists indexed by node, built in one pass over the links. A
check walks them a few times, and list indexing costs a fraction of a lookup by string id
(the checker at 10,000 components ran three times faster in its component search than
with string-keyed dicts). :attr:`DesignGraph.ids` turns a node back into its component id
at the edge, for findings and paths. The strongly connected components come from our own
iterative search on the same lists (tests hold it to networkx's answer).

The helpers answer reachability questions for *all* nodes in one pass (multi-source
searches and bitset propagation over the condensation), never one search per node, which
is what keeps the checker linear-ish on 10,000 components (see shared/PLATFORM.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any

from canvas.core.catalog import ALLOWED_TARGETS, FEEDBACK_SOURCES, LinkMeaning, in_flow_graph, link_meaning
from canvas.core.model import Component, Design, Link

#: Up to this many (sources x nodes) in one loop, :func:`loop_targets` searches from each
#: source; past it, one bitset pass serves them all.
_SMALL_LOOP = 4096

#: A directed graph as plain lists: ``adjacency[node]`` lists its successors (or
#: predecessors), nodes being ints.
Adjacency = list[list[int]]

_SOURCE, _TARGET, _KIND = attrgetter("source"), attrgetter("target"), attrgetter("kind")
_DONE = 1 << 62  # a finished node's mark in the component search: above every visit number


@lru_cache(maxsize=None)
def _source_class(source_kind: str) -> tuple[LinkMeaning, bool, bool, frozenset[str]]:
    """(meaning, in the flow graph, in the forward graph, allowed target kinds) of the links
    leaving a kind: decided once per kind, not once per link."""
    flow = in_flow_graph(source_kind)
    return link_meaning(source_kind), flow, flow and source_kind not in FEEDBACK_SOURCES, ALLOWED_TARGETS.get(source_kind, frozenset())


def empty_lists(n: int) -> Adjacency:
    return [[] for _ in range(n)]


class DesignGraph:
    """The graph views of one design, built once per check in one pass over the links.

    Nodes are ints: ``ids[node]`` is the component's id, ``index[id]`` its node,
    ``kinds[node]`` its kind."""

    def __init__(self, design: Design) -> None:
        self.design = design
        comps = design.components
        self.ids: list[str] = list(comps)
        n = len(self.ids)
        #: Every node, in design order.
        self.nodes = range(n)
        self.index: dict[str, int] = dict(zip(self.ids, range(n)))
        self.kinds: list[str] = list(map(_KIND, comps.values()))
        self.by_kind: dict[str, list[int]] = defaultdict(list)
        for node, k in enumerate(self.kinds):
            self.by_kind[k].append(node)
        self.hosted_by: dict[int, list[int]] = defaultdict(list)
        self.required_by: dict[int, list[int]] = defaultdict(list)
        #: (link, reason) for every link that breaks the allowed matrix, loops or repeats.
        self.bad_links: list[tuple[Link, str]] = []
        # Successors and predecessors in the flow graph and in the forward graph. The
        # forward graph only drops the links leaving some kinds: it shares the flow graph's
        # successor lists for every other node.
        self.flow_succ: Adjacency = empty_lists(n)
        self.flow_pred: Adjacency = empty_lists(n)
        self.forward_pred: Adjacency = empty_lists(n)
        self._links = list(design.links.values())
        index = self.index.__getitem__
        #: The ends of every link, as nodes, in link order.
        self.sources: list[int] = list(map(index, map(_SOURCE, self._links)))
        self.targets: list[int] = list(map(index, map(_TARGET, self._links)))
        classes = {k: _source_class(k) for k in self.by_kind}
        node_class = list(map(classes.__getitem__, self.kinds))
        self._ends = ends = list(zip(self.sources, self.targets))
        if len(set(ends)) == len(ends) and not any(s == t for s, t in ends):
            self._add_links(node_class)
        else:
            self._add_links_checked(node_class)
        none: list[int] = []
        self.forward_succ: Adjacency = [out if c[2] else none for out, c in zip(self.flow_succ, node_class)]

    def _add_links(self, node_class: list[tuple[LinkMeaning, bool, bool, frozenset[str]]]) -> None:
        """The links of a design with no self-link and no repeat (the usual design): a plain
        loop adds each to its graphs; the allowed matrix is checked once per pair of kinds."""
        kinds, sources, targets = self.kinds, self.sources, self.targets
        pairs = set(zip(map(kinds.__getitem__, sources), map(kinds.__getitem__, targets)))
        if any(tk not in _source_class(sk)[3] for sk, tk in pairs):
            self.bad_links = [
                (link, "matrix") for link, s, t in zip(self._links, sources, targets)
                if kinds[t] not in node_class[s][3]
            ]
        flow_succ, flow_pred, fwd_pred = self.flow_succ, self.flow_pred, self.forward_pred
        hosted_by, required_by = self.hosted_by, self.required_by
        hosts, requires = LinkMeaning.HOSTS, LinkMeaning.REQUIRES
        for s, t in zip(sources, targets):
            meaning, flow, forward, _ = node_class[s]
            if flow:
                flow_succ[s].append(t)
                flow_pred[t].append(s)
                if forward:
                    fwd_pred[t].append(s)
            elif meaning is hosts:
                hosted_by[t].append(s)
            elif meaning is requires:
                required_by[t].append(s)

    def _add_links_checked(self, node_class: list[tuple[LinkMeaning, bool, bool, frozenset[str]]]) -> None:
        """The links one by one, spotting self-links and repeats (a repeat is left out of the
        graphs)."""
        kinds = self.kinds
        bad = self.bad_links
        flow_succ, flow_pred, fwd_pred = self.flow_succ, self.flow_pred, self.forward_pred
        hosted_by, required_by = self.hosted_by, self.required_by
        seen: set[tuple[int, int]] = set()
        for link, s, t in zip(self._links, self.sources, self.targets):
            if s == t:
                bad.append((link, "self"))
                continue
            if (s, t) in seen:
                bad.append((link, "duplicate"))
                continue
            seen.add((s, t))
            meaning, flow, forward, allowed = node_class[s]
            if kinds[t] not in allowed:
                bad.append((link, "matrix"))
            if flow:
                flow_succ[s].append(t)
                flow_pred[t].append(s)
                if forward:
                    fwd_pred[t].append(s)
            elif meaning is LinkMeaning.HOSTS:
                hosted_by[t].append(s)
            elif meaning is LinkMeaning.REQUIRES:
                required_by[t].append(s)

    @cached_property
    def kind(self) -> dict[str, str]:
        """Component id -> kind (for code that holds ids, not nodes)."""
        return dict(zip(self.ids, self.kinds))

    @cached_property
    def edge_link(self) -> dict[tuple[int, int], str]:
        """The first link of every (source, target) pair of nodes (built when a finding needs it)."""
        return dict(zip(reversed(self._ends), [link.id for link in reversed(self._links)]))

    @cached_property
    def linked(self) -> set[int]:
        """Every node at an end of some link (self-links and repeats included)."""
        ends = set(self.sources)
        ends.update(self.targets)
        return ends

    def of_kind(self, *kinds: str) -> list[int]:
        out: list[int] = []
        for k in kinds:
            out.extend(self.by_kind.get(k, ()))
        return out

    def component(self, node: int) -> Component:
        return self.design.components[self.ids[node]]

    def label(self, node: int) -> str:
        return self.component(node).label

    def id_tuple(self, nodes: Iterable[int]) -> tuple[str, ...]:
        ids = self.ids
        return tuple(ids[n] for n in nodes)

    def link_ids(self, path: Sequence[int]) -> list[str]:
        edge_link = self.edge_link
        return [edge_link[(a, b)] for a, b in zip(path, path[1:]) if (a, b) in edge_link]


def without(nodes: Iterable[int], succ: Adjacency, pred: Adjacency, drop: Iterable[int]) -> tuple[list[int], Adjacency, Adjacency]:
    """The same graph without the nodes in ``drop`` and their edges (a dropped node keeps
    its place, with no edges; only the lists that name one are copied)."""
    gone = set(drop)
    return [n for n in nodes if n not in gone], cut(succ, gone), cut(pred, gone)


def cut(adjacency: Adjacency, gone: set[int]) -> Adjacency:
    """``adjacency`` without the nodes in ``gone``: theirs emptied, the lists naming one copied
    without them, every other list shared."""
    none: list[int] = []
    return [
        none if i in gone else out if gone.isdisjoint(out) else [m for m in out if m not in gone]
        for i, out in enumerate(adjacency)
    ]


# --- one-pass reachability ---------------------------------------------------------------


def reach(adjacency: Adjacency, sources: Iterable[int], avoid: frozenset[int] | set[int] = frozenset()) -> set[int]:
    """Every node reachable along ``adjacency`` (successors: downstream; predecessors:
    upstream) from any of ``sources`` (sources included), never entering ``avoid``: one
    multi-source search, whatever the number of sources."""
    seen = set(s for s in sources if s not in avoid)
    stack = list(seen)
    while stack:
        for nxt in adjacency[stack.pop()]:
            if nxt not in seen and nxt not in avoid:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def strongly_connected(nodes: Iterable[int], succ: Adjacency) -> list[list[int]]:
    """The strongly connected components of the graph on ``nodes`` (``succ`` may name only
    nodes among them), sinks first — reverse topological order.

    Tarjan's search without recursion, in Pearce's one-array form: a node's entry holds
    its visit number, lowered to the lowest one it reaches, and is set above every visit
    number once its component is out, so no on-stack set is needed. Each node's successor
    iterator stays on the work stack, so no edge is looked at twice."""
    low = [0] * len(succ)  # 0: not visited yet
    stack: list[int] = []
    found: list[list[int]] = []
    visits = 0
    for root in nodes:
        if low[root]:
            continue
        visits += 1
        low[root] = visits
        work: list[tuple[int, Iterator[int], int, int]] = [(root, iter(succ[root]), visits, len(stack))]
        stack.append(root)
        while work:
            v, successors, number, depth = work[-1]
            for w in successors:
                lw = low[w]
                if not lw:
                    visits += 1
                    low[w] = visits
                    work.append((w, iter(succ[w]), visits, len(stack)))
                    stack.append(w)
                    break
                if lw < low[v]:
                    low[v] = lw
            else:  # every successor of v is done
                work.pop()
                lv = low[v]
                if lv == number:  # v roots a component: the stack from v up
                    component = stack[depth:]
                    del stack[depth:]
                    for w in component:
                        low[w] = _DONE
                    found.append(component)
                elif lv < low[work[-1][0]]:
                    low[work[-1][0]] = lv
    return found


class Condensed:
    """A graph's strongly connected components in topological order, for DP passes.

    A component is named by one of its nodes (its *representative*, the first in design
    order); a node alone in its component represents itself. Kahn's algorithm runs first:
    a DAG — the forward graph of most designs — needs no component search, and its
    condensation is the graph itself. Otherwise the component search runs on what Kahn
    could not order; it finds the components in reverse topological order, so no second
    sort is needed. The condensation's edges are gathered when first asked for.
    """

    def __init__(self, nodes: Iterable[int], succ: Adjacency, pred: Adjacency) -> None:
        nodes = list(nodes)
        #: The number of node places (``len(succ)``): :meth:`propagate` returns a list this long.
        self.size = len(succ)
        indegree = list(map(len, pred))
        order = [n for n in nodes if not indegree[n]]
        for n in order:  # the list grows while it is walked
            for m in succ[n]:
                left = indegree[m] - 1
                indegree[m] = left
                if not left:
                    order.append(m)
        #: Representatives in topological order (sources first).
        self.order: list[int] = order
        #: The node -> representative map, for nodes in components of two or more.
        self.rep: dict[int, int] = {}
        self._members: dict[int, list[int]] = {}
        self._succ: Sequence[Iterable[int]] | Mapping[int, Iterable[int]] = succ
        self._pred: Sequence[Iterable[int]] | Mapping[int, Iterable[int]] = pred
        self._graph: tuple[list[int], Adjacency] | None = None  # until its edges are condensed
        if len(order) < len(nodes):
            # What Kahn could not order is closed under successors: search only that part.
            cyclic = [n for n in nodes if indegree[n] > 0]
            found: list[int] = []
            rep, members = self.rep, self._members
            for component in strongly_connected(cyclic, succ):
                if len(component) > 1:
                    component.sort()  # design order: the same whatever the search's order
                    head = component[0]
                    members[head] = component
                    rep.update(dict.fromkeys(component, head))
                    found.append(head)
                else:
                    found.append(component[0])
            found.reverse()
            order.extend(found)
            self._graph = (nodes, succ)

    @property
    def succ(self) -> Sequence[Iterable[int]] | Mapping[int, Iterable[int]]:
        """Successors of each representative (representatives, each once)."""
        if self._graph is not None:
            self._condense(*self._graph)
        return self._succ

    @property
    def pred(self) -> Sequence[Iterable[int]] | Mapping[int, Iterable[int]]:
        """Predecessors of each representative (representatives, each once, in link order)."""
        if self._graph is not None:
            self._condense(*self._graph)
        return self._pred

    def _condense(self, nodes: list[int], succ: Adjacency) -> None:
        """The condensation's edges, gathered in one pass over the graph's (on first use:
        a caller that only wants the components does not pay for them)."""
        self._graph = None
        rep = self.rep
        csucc: dict[int, dict[int, None]] = {r: {} for r in self.order}
        cpred: dict[int, dict[int, None]] = {r: {} for r in self.order}
        for n in nodes:
            r = rep.get(n, n)
            out = csucc[r]
            for m in succ[n]:
                rm = rep.get(m, m)
                if rm != r:
                    out[rm] = None
                    cpred[rm][r] = None
        self._succ, self._pred = csucc, cpred

    def scc(self, node: int) -> int:
        """The representative of ``node``'s component."""
        return self.rep.get(node, node)

    def in_loop(self, node: int) -> bool:
        """Whether ``node`` is on a cycle (its component has two or more nodes)."""
        return node in self.rep

    def members(self, scc: int) -> list[int]:
        """The nodes of the component ``scc`` represents, in design order."""
        return self._members.get(scc) or [scc]

    def preds(self, scc: int) -> Iterable[int]:
        """The components with an edge into ``scc`` (in link order, each once)."""
        return self.pred[scc]

    def propagate(
        self, seeds: Mapping[int, Any], upstream: bool, default: Any = 0,
        combine: Callable[[Any, Any], Any] | None = None,
        finish: Mapping[int, Callable[[Any], Any]] | None = None,
    ) -> list[Any]:
        """Fold seed values along the graph for every node at once; the result is indexed
        by node (a node outside the graph keeps ``default``).

        With ``upstream=False`` a node gets the combination of the seeds of everything it
        reaches (itself and its component included); with ``upstream=True``, of everything
        that reaches it. ``seeds`` maps representatives to values (``default`` for the
        others); without ``combine`` values are OR-ed: bitsets make this a set union.
        ``finish[scc]``, if given, turns a component's value into its final one before
        anything upstream (or downstream) reads it.
        """
        order: Iterable[int] = self.order if upstream else reversed(self.order)
        neighbours = self.pred if upstream else self.succ
        value = [default] * self.size
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

    def seed_bits(self, bit_of: Mapping[int, int]) -> dict[int, int]:
        """Seeds for :meth:`propagate`: per component, the OR of its members' bits."""
        seeds: dict[int, int] = {}
        rep = self.rep
        for node, bit in bit_of.items():
            scc = rep.get(node, node)
            seeds[scc] = seeds.get(scc, 0) | bit
        return seeds


def bits_for(nodes: Iterable[int]) -> dict[int, int]:
    """Give each node its own bit (in the order given)."""
    return {n: 1 << i for i, n in enumerate(nodes)}


def nodes_in(bits: int, order: list[int]) -> list[int]:
    """The nodes whose bits are set, ``order`` being the list given to :func:`bits_for`;
    costs the number of set bits, not the number of nodes."""
    out = []
    while bits:
        low = bits & -bits
        out.append(order[low.bit_length() - 1])
        bits ^= low
    return out


def loop_targets(
    flow: Condensed, forward_succ: Adjacency, sources: Iterable[int], targets: Iterable[int]
) -> dict[int, list[int]]:
    """For each of ``sources`` on a loop of the flow graph: the ``targets`` downstream of it
    in the forward graph that lead back to it in the flow graph (in ``targets`` order).

    The forward graph is part of the flow graph, so such a target is in the source's own
    strongly connected component of the flow graph, and so is every forward path from the
    source to it. Each component is therefore searched on its own, which keeps the cost at
    the size of the loops, not (nodes x targets) over the whole design: a search per
    source in a small loop, one bitset pass over the forward graph inside a big one (one
    bit per target in it)."""
    rep = flow.rep
    by_scc: dict[int, list[int]] = defaultdict(list)
    for t in targets:
        if t in rep:
            by_scc[rep[t]].append(t)
    wanted: dict[int, list[int]] = defaultdict(list)
    for s in sources:
        scc = rep.get(s, -1)
        if scc in by_scc:
            wanted[scc].append(s)
    found: dict[int, list[int]] = {}
    for scc, froms in wanted.items():
        members = flow.members(scc)
        order = by_scc[scc]
        if len(froms) * len(members) <= _SMALL_LOOP:  # the usual loop: a search per source
            for s in froms:
                seen = {s}
                stack = [s]
                while stack:  # forward, never leaving the component
                    for nxt in forward_succ[stack.pop()]:
                        if nxt not in seen and rep.get(nxt) == scc:
                            seen.add(nxt)
                            stack.append(nxt)
                hits = [t for t in order if t in seen]
                if hits:
                    found[s] = hits
            continue
        # A big loop: its members renumbered 0..k-1 with their forward edges inside it.
        local = dict(zip(members, range(len(members))))
        succ, pred = empty_lists(len(members)), empty_lists(len(members))
        for i, n in enumerate(members):
            out = succ[i]
            for m in forward_succ[n]:
                j = local.get(m)
                if j is not None:
                    out.append(j)
                    pred[j].append(i)
        cond = Condensed(range(len(members)), succ, pred)
        reached = cond.propagate(cond.seed_bits(bits_for([local[t] for t in order])), upstream=False)
        for s in froms:
            hits = nodes_in(reached[local[s]], order)
            if hits:
                found[s] = hits
    return found
