"""Core layer: the rules about each model's life cycle (Figure 1-1, chapters 6–9).

Each rule answers for every model at once with one multi-source search or one bitset pass
over the condensation; none searches the graph once per model.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from canvas.core.graph import Condensed, bits_for, nodes_in, reach
from canvas.core.rules.base import Context, RawFinding


def unmonitored(ctx: Context) -> Iterator[RawFinding]:
    fwd = ctx.g.forward
    watched = reach(fwd, ctx.g.of_kind("monitoring"), upstream=True)
    for m in ctx.models:
        if m not in watched:
            yield RawFinding(
                f"Model '{ctx.label(m)}' has no monitoring downstream of it: nothing would notice "
                "when its predictions degrade in production.",
                (m,),
            )


def no_training_data(ctx: Context) -> Iterator[RawFinding]:
    fed = reach(ctx.g.forward, ctx.g.of_kind("data_source"))
    for m in ctx.models:
        if m not in fed:
            yield RawFinding(
                f"Model '{ctx.label(m)}' has no data source upstream of it: where does its training data come from?",
                (m,),
            )


def not_served(ctx: Context) -> Iterator[RawFinding]:
    fwd = ctx.g.forward
    deployments = ctx.g.of_kind("deployment")
    reaches_people = reach(fwd, ctx.g.of_kind("interface", "users"), upstream=True)
    reaches_any = reach(fwd, deployments, upstream=True)
    reaches_served = reach(fwd, [d for d in deployments if d in reaches_people], upstream=True)
    for m in ctx.models:
        if m not in reaches_any:
            yield RawFinding(
                f"Model '{ctx.label(m)}' reaches no deployment: its predictions are never served.", (m,)
            )
        elif m not in reaches_served:
            yield RawFinding(
                f"Model '{ctx.label(m)}' is deployed, but none of its deployments reaches an interface or users.",
                (m,),
            )


def no_update_loop(ctx: Context) -> Iterator[RawFinding]:
    learners = bits_for(ctx.g.of_kind("continual_learning"))
    flow = ctx.flow_condensed
    reached_by = flow.propagate(flow.seed_bits(learners), upstream=True)  # learners that reach x
    reaches = flow.propagate(flow.seed_bits(learners), upstream=False)  # learners x reaches
    fwd = ctx.forward_condensed
    monitor_seed: dict[int, int] = {}
    for mon in ctx.g.of_kind("monitoring"):
        scc = fwd.scc_of[mon]
        monitor_seed[scc] = monitor_seed.get(scc, 0) | reaches[mon]
    # For each node: the learners reached by a monitor downstream of it in the forward graph.
    via_monitor = fwd.propagate(lambda scc: monitor_seed.get(scc, 0), upstream=False)
    for m in ctx.models:
        if not via_monitor[m] & reached_by[m]:
            yield RawFinding(
                f"Nothing updates model '{ctx.label(m)}' when the world shifts: no monitor downstream "
                "of it leads, through continual learning, back to it or its training.",
                (m,),
            )


def unevaluated(ctx: Context) -> Iterator[RawFinding]:
    skips = reach(
        ctx.g.forward, ctx.g.of_kind("deployment"), upstream=True, avoid=set(ctx.g.of_kind("evaluation"))
    )
    for m in ctx.models:
        if m in skips:
            yield RawFinding(
                f"Model '{ctx.label(m)}' reaches a deployment on a path that skips offline evaluation.", (m,)
            )


def no_business_objective(ctx: Context) -> Iterator[RawFinding]:
    covered = reach(ctx.g.forward, list(ctx.g.required_by))
    for m in ctx.models:
        if m not in covered:
            yield RawFinding(
                f"Model '{ctx.label(m)}' serves no business requirement: nothing states what it is for.", (m,)
            )


def degenerate_loop(ctx: Context) -> Iterator[RawFinding]:
    """A loop model -> interface (forward graph) -> model (flow graph) with no mitigation on
    it: neither on the model nor on a deployment anywhere on the loop, way out or way back.
    With the mitigated deployments taken out of both graphs, what is left of each loop is
    exactly the loops that no deployment breaks (two bitset passes for all models)."""
    design = ctx.design
    interface_ids = ctx.g.of_kind("interface")
    if not interface_ids:
        return
    interfaces = bits_for(interface_ids)
    guards = [d for d in ctx.g.of_kind("deployment") if _mitigated(design.components[d].properties)]
    if guards:
        fwd, flow = Condensed(_without(ctx.g.forward, guards)), Condensed(_without(ctx.g.flow, guards))
    else:
        fwd, flow = ctx.forward_condensed, ctx.flow_condensed
    reached = fwd.propagate(fwd.seed_bits(interfaces), upstream=False)  # interfaces x reaches (forward)
    fed_back = flow.propagate(flow.seed_bits(interfaces), upstream=True)  # interfaces reaching x (flow)
    for m in ctx.models:
        if _mitigated(design.components[m].properties):
            continue
        loop = reached[m] & fed_back[m]
        if not loop:
            continue
        apps = nodes_in(loop, interface_ids)
        yield RawFinding(
            f"Model '{ctx.label(m)}' feeds {ctx.quoted(apps)} and learns back from it: its predictions "
            "shape its own training data, and neither the model nor a deployment on that loop sets "
            "feedback_mitigation.",
            (m, *apps),
        )


def _without(graph: nx.DiGraph, nodes: list[str]) -> nx.DiGraph:
    """A copy of the graph without ``nodes`` (a plain graph: views are slow to walk)."""
    out = graph.copy()
    out.remove_nodes_from(nodes)
    return out


def _mitigated(props: dict[str, object]) -> bool:
    value = props.get("feedback_mitigation")
    return isinstance(value, str) and bool(value.strip())
