"""Core layer: rules about the drawing itself — links, hosting, loose components, coverage,
captured feedback and cycles."""

from __future__ import annotations

from collections.abc import Iterator

from canvas.core.catalog import BOXES, FIGURE_BOXES, KINDS, kinds_in_box, link_refusal
from canvas.core.graph import DATA_SIDE, PEOPLE, edge_subgraph
from canvas.core.rules.base import Context, RawFinding
from canvas.core.wording import listing

HOSTED_KINDS = ("training", "deployment", "data_pipeline", "feature_pipeline")
#: Where user feedback is captured: into data, training or continual learning.
CAPTURES = DATA_SIDE | {"training", "continual_learning"}


def link_not_allowed(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    for link, why in g.bad_links:
        s, t = link.source, link.target
        if why == "self":
            text = f"{ctx.name(s)} links to itself: a component cannot feed itself; delete the link."
            ends: tuple[str, ...] = (s,)
        elif why == "duplicate":
            text = f"The link from {ctx.name(s)} to {ctx.name(t)} is drawn twice: delete the repeat."
            ends = (s, t)
        else:
            text = f"The link from {ctx.name(s)} to {ctx.name(t)} is not allowed: {link_refusal(g.kind[s], g.kind[t])}."
            ends = (s, t)
        yield RawFinding(text, ends, (link.id,))


def unhosted(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    if not g.by_kind.get("infrastructure"):
        return  # no infrastructure at all: the figure-coverage finding says so once
    for node in g.of_kind(*HOSTED_KINDS):
        if not g.hosts.pred[node]:
            kind = KINDS[g.kind[node]].short_label
            label = ctx.design.components[node].label.strip()
            what = ctx.name(node) if label.lower() == kind.lower() else f"{ctx.name(node)} ({kind.lower()})"
            yield RawFinding(f"{what} runs on no infrastructure: nothing in the design hosts it.", (node,))


def disconnected(ctx: Context) -> Iterator[RawFinding]:
    linked = ctx.g.linked
    for node in ctx.design.components:
        if node not in linked:
            yield RawFinding(f"{ctx.name(node)} is not connected to anything.", (node,))


def feedback_not_captured(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    people = [p for p in g.of_kind(*PEOPLE) if p in g.linked]
    if not people:
        return
    if any(g.kind[t] in CAPTURES for p in people for t in g.flow.succ[p]):
        return
    yield RawFinding(
        f"No user feedback is captured: nothing flows from {ctx.names(people)} back into data, training or "
        "continual learning, so the system learns nothing from how its predictions are received (labels may "
        "still come from elsewhere)."
    )


def figure_coverage(ctx: Context) -> Iterator[RawFinding]:
    if not ctx.design.links:
        return
    missing = [box for box in FIGURE_BOXES if not ctx.g.of_kind(*(k.id for k in kinds_in_box(box)))]
    if not missing:
        return
    boxes = [f"'{BOXES[b].title}' ({_chapter(BOXES[b].chapter)})" for b in missing]
    what = "box has" if len(missing) == 1 else "boxes have"
    yield RawFinding(f"{len(missing)} Figure 1-1 {what} no component: {listing(boxes, limit=len(boxes))}.")


def flow_cycle(ctx: Context) -> Iterator[RawFinding]:
    """Cycles of the forward graph, without the prediction-logging and pre-labelling links
    (a model or deployment writing into the data side), which the degenerate-loop rule judges."""
    import networkx as nx  # with the first graph, not at launch (see canvas.core.graph)

    g = ctx.g
    kind = g.kind
    graph = edge_subgraph(g.forward, lambda u, v: not (kind[u] in ("deployment", "model") and kind[v] in DATA_SIDE))
    loops = [g.in_file_order(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    for members in sorted(loops, key=lambda ms: g.order[ms[0]]):
        inside = set(members)
        links = [g.edge_link[(u, v)] for u in members for v in graph.succ[u] if v in inside]
        yield RawFinding(
            f"{ctx.names(members)} form a cycle in the forward flow: each feeds the next and the last feeds the "
            "first, so none of them has a well-defined input. Feedback belongs on links from an interface, users, "
            "monitoring or continual learning.",
            tuple(members),
            tuple(links),
        )


def _chapter(chapter: str) -> str:
    return "the whole book" if chapter == "all" else f"ch. {chapter}"
