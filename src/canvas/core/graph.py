"""Core layer: the graph views of a design, as networkx graphs.

The checker and the analysis read a design through these views (docs/checker.md says
what each one means for a user):

* **flow** — every *flows into* link, and the links from ``users`` (what users do is data);
* **forward** — the flow graph without the links that leave an ``interface``, ``users``,
  ``monitoring`` or ``continual_learning`` component (feedback and updates);
* **serving** — the forward graph cut where a model's serving reach stops: no link out of
  a ``training`` or ``training_data`` component (they start another model's learning), and
  no link from the data side into a model, except from a ``feature_pipeline`` that a model
  feeds directly (an embedding model is served through the model that reads its features);
* **hosts** — the *hosts* links of the infrastructure.

The request graph, which says how an online request runs, is built in
:mod:`canvas.core.latency`. Nodes are component ids; a self-link or a repeated link is
reported by the checker and is never an edge. Searches are networkx's, or the short
:func:`search` routine below where a search must not pass certain kinds.

networkx is imported where a graph is first built, not with this module (here and in the
rules): it takes a quarter of a second to load, and the editor's window is usable before
its first check.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import networkx as nx

from canvas.core.catalog import ALLOWED_TARGETS, FEEDBACK_SOURCES, LinkMeaning, in_flow_graph, link_meaning
from canvas.core.model import Design, Link

#: The kinds that hold or move data.
DATA_SIDE = frozenset({"data_source", "data_pipeline", "training_data", "feature_pipeline"})
#: Where predictions reach people.
PEOPLE = frozenset({"interface", "users"})
#: A model's serving reach does not continue past these: they start a model's learning.
LEARNING_STARTS = frozenset({"training", "training_data"})

View = Literal["flow", "forward", "serving", "request"]
#: A feature pipeline's model-fed state in the serving view: ``("model-fed", pipeline id)``.
Twin = tuple[str, str]
#: A node of a view: a component id, or (serving view only) a model-fed state.
Node = str | Twin


class DesignGraph:
    """The views of one design, built once per check in one pass over its links."""

    def __init__(self, design: Design) -> None:
        self.design = design
        comps = design.components
        #: Component id -> its place in the file (ties and "file order" use it).
        self.order: dict[Node, int] = {cid: i for i, cid in enumerate(comps)}
        #: Component id -> kind.
        self.kind: dict[Node, str] = {cid: c.kind for cid, c in comps.items()}
        self.by_kind: dict[str, list[str]] = defaultdict(list)
        for cid, c in comps.items():
            self.by_kind[c.kind].append(cid)
        #: (link, "self" | "duplicate" | "matrix") for every link the checker reports.
        self.bad_links: list[tuple[Link, str]] = []
        #: The first link of each (source, target) pair.
        self.edge_link: dict[tuple[str, str], str] = {}
        #: Every component at an end of some link (self-links and repeats included).
        self.linked: set[str] = set()
        #: Requirement -> the components its *requires* links target, and the reverse.
        self.requires: dict[str, list[str]] = defaultdict(list)
        self.required_by: dict[str, list[str]] = defaultdict(list)
        #: Component -> the targets of every link leaving it (repeats included).
        self.out_kinds: dict[str, list[str]] = defaultdict(list)
        import networkx as nx  # here, not at the top: see the module's docstring

        self.flow = nx.DiGraph()
        self.flow.add_nodes_from(comps)
        self.hosts = nx.DiGraph()
        self.hosts.add_nodes_from(comps)
        kind = self.kind
        for link in design.links.values():
            s, t = link.source, link.target
            self.linked.add(s)
            self.linked.add(t)
            self.out_kinds[s].append(kind[t])
            if s == t:
                self.bad_links.append((link, "self"))
                continue
            if (s, t) in self.edge_link:
                self.bad_links.append((link, "duplicate"))
                continue
            self.edge_link[(s, t)] = link.id
            sk = kind[s]
            if kind[t] not in ALLOWED_TARGETS.get(sk, ()):
                self.bad_links.append((link, "matrix"))  # reported, and still means what it says
            if in_flow_graph(sk):
                self.flow.add_edge(s, t)
            else:
                meaning = link_meaning(sk)
                if meaning is LinkMeaning.HOSTS:
                    self.hosts.add_edge(s, t)
                elif meaning is LinkMeaning.REQUIRES:
                    self.requires[s].append(t)
                    self.required_by[t].append(s)
        #: Feature pipeline -> its model-fed state in the serving view (for the pipelines a
        #: model feeds directly); :meth:`real` maps a state back to its component.
        self.twin: dict[str, Twin] = {
            f: ("model-fed", f)
            for f in self.by_kind.get("feature_pipeline", ())
            if any(kind[p] == "model" for p in self.flow.pred[f])
        }
        for pipeline, state in self.twin.items():
            self.kind[state] = kind[pipeline]
            self.order[state] = self.order[pipeline]

    # --- the views ------------------------------------------------------------------------

    @cached_property
    def forward(self) -> nx.DiGraph:
        kind = self.kind
        return edge_subgraph(self.flow, lambda u, v: kind[u] not in FEEDBACK_SOURCES)

    @cached_property
    def serving(self) -> nx.DiGraph:
        """The forward graph cut where a model's serving reach stops. A feature pipeline that
        a model feeds has a second node here, its *model-fed* state (:attr:`twin`): a model
        enters the pipeline by it, and only from it may the search go on into other models;
        arriving from the data side, the search may not."""
        import networkx as nx

        kind, forward = self.kind, self.forward
        twin = self.twin
        serving = nx.DiGraph()
        serving.add_nodes_from(forward)
        serving.add_nodes_from(twin.values())
        for u, v in forward.edges:
            ku, kv = kind[u], kind[v]
            if ku in LEARNING_STARTS:
                continue
            if ku in DATA_SIDE and kv == "model":
                if u in twin:
                    serving.add_edge(twin[u], v)
                continue
            serving.add_edge(u, twin[v] if ku == "model" and v in twin else v)
            if u in twin:
                serving.add_edge(twin[u], v)
        return serving

    @staticmethod
    def real(node: Node) -> str:
        """The component a serving-view node stands for."""
        return node[1] if isinstance(node, tuple) else node

    def with_twins(self, nodes: Iterable[str]) -> set[Node]:
        """``nodes`` and the model-fed states of those that have one."""
        twin = self.twin
        out: set[Node] = set(nodes)
        out.update(twin[n] for n in list(out) if n in twin)
        return out

    # --- queries --------------------------------------------------------------------------

    def of_kind(self, *kinds: str) -> list[str]:
        """Components of these kinds, in file order."""
        if len(kinds) == 1:
            return list(self.by_kind.get(kinds[0], ()))
        out = [c for k in kinds for c in self.by_kind.get(k, ())]
        out.sort(key=self.order.__getitem__)
        return out

    def links_along(self, path: Iterable[Node]) -> list[str]:
        """The links behind consecutive pairs of ``path`` (serving-view states mapped back)."""
        nodes = [self.real(n) for n in path]
        return [self.edge_link[pair] for pair in itertools.pairwise(nodes) if pair in self.edge_link]

    def components(self, path: Iterable[Node]) -> list[str]:
        """The components along ``path``, each once, in order (states mapped back)."""
        return list(dict.fromkeys(self.real(n) for n in path))

    def in_file_order(self, nodes: Iterable[Node]) -> list[str]:
        """The components ``nodes`` stand for, each once, in file order."""
        return sorted({self.real(n) for n in nodes}, key=self.order.__getitem__)


def edge_subgraph(graph: nx.DiGraph, keep: Callable[[str, str], bool]) -> nx.DiGraph:
    """A new graph with every node of ``graph`` and the edges ``keep`` accepts, in order."""
    import networkx as nx

    out = nx.DiGraph()
    out.add_nodes_from(graph)
    out.add_edges_from((u, v) for u, v in graph.edges if keep(u, v))
    return out


def reached(graph: nx.DiGraph, sources: Iterable[Node], upstream: bool = False) -> set[Node]:
    """Every node reachable from any of ``sources`` (themselves included), downstream or
    upstream: one multi-source breadth-first search."""
    import networkx as nx

    starts = list(dict.fromkeys(sources))
    if not starts:
        return set()
    g = graph.reverse(copy=False) if upstream else graph
    return {n for layer in nx.bfs_layers(g, starts) for n in layer}


def search(
    adjacency: Mapping[Node, Iterable[Node]],
    sources: Iterable[Node],
    *,
    expand: Callable[[Node], bool] | None = None,
    enter: Callable[[Node], bool] | None = None,
    within: Collection[Node] | None = None,
) -> dict[Node, Node | None]:
    """A breadth-first search for the questions networkx has no single call for: it
    follows ``adjacency`` (a networkx graph's ``succ`` or ``pred``) from ``sources``, enters
    only nodes ``enter`` accepts and that lie ``within`` the given set, and continues only
    from sources and nodes ``expand`` accepts. Returns each reached node's parent (``None``
    for a source), in the order reached: the path back to a source is a shortest one."""
    parent: dict[Node, Node | None] = {s: None for s in sources}
    queue = list(parent)
    for node in queue:  # the list grows while it is walked
        if expand is not None and parent[node] is not None and not expand(node):
            continue
        for nxt in adjacency[node]:
            if nxt in parent or (within is not None and nxt not in within) or (enter is not None and not enter(nxt)):
                continue
            parent[nxt] = node
            queue.append(nxt)
    return parent


def path_to(parent: Mapping[Node, Node | None], node: Node) -> list[Node]:
    """The path from a source of :func:`search` to ``node``."""
    out = [node]
    while (prev := parent[out[-1]]) is not None:
        out.append(prev)
    out.reverse()
    return out


def to_networkx(design: Design, view: View = "flow") -> nx.DiGraph:
    """The design as a networkx graph, for notebooks and scripts: ``"flow"``, ``"forward"``
    or ``"request"`` (see docs/checker.md), or ``"serving"``. Nodes carry ``kind``, ``label``
    and ``properties``; edges carry ``link`` (the id of the link behind the edge) or, in the
    request graph, ``links`` (the links an added edge stands for)."""
    import networkx as nx

    g = DesignGraph(design)
    if view == "request":
        from canvas.core.latency import request_graph

        out = request_graph(g).copy()
    elif view in ("flow", "forward", "serving"):
        graph = getattr(g, view)
        out = nx.DiGraph()
        out.add_nodes_from(c for c in graph if isinstance(c, str))
        for u, v in graph.edges:  # the serving view's model-fed states become their pipeline
            ru, rv = g.real(u), g.real(v)
            if ru != rv:
                out.add_edge(ru, rv, link=g.edge_link[(ru, rv)])
    else:
        raise ValueError(f"unknown view {view!r}: expected 'flow', 'forward', 'serving' or 'request'")
    comps = design.components
    attrs: dict[str, dict[str, Any]] = {
        cid: {"kind": comps[cid].kind, "label": comps[cid].label, "properties": dict(comps[cid].properties)}
        for cid in out
    }
    nx.set_node_attributes(out, attrs)
    return out
