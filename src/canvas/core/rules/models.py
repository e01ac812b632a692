"""Core layer: the rules about each model's life cycle (Figure 1-1, chapters 6–9).

Each rule answers for every model at once with one multi-source search or one bitset pass
over the condensation; none searches the graph once per model.
"""

from __future__ import annotations

from collections.abc import Iterator

from canvas.core.graph import Condensed, cut, loop_targets, reach, without
from canvas.core.rules.base import DATA, DEPLOYMENT, MONITOR, REQUIREMENT, SERVED, Context, RawFinding


def unmonitored(ctx: Context) -> Iterator[RawFinding]:
    down = ctx.downstream
    for m in ctx.models:
        if not down[m] & MONITOR:
            yield RawFinding(
                f"Model '{ctx.label(m)}' has no monitoring downstream of it: nothing would notice "
                "when its predictions degrade in production.",
                (ctx.id(m),),
            )


def no_training_data(ctx: Context) -> Iterator[RawFinding]:
    up = ctx.upstream
    for m in ctx.models:
        if not up[m] & DATA:
            yield RawFinding(
                f"Model '{ctx.label(m)}' has no data source upstream of it: where does its training data come from?",
                (ctx.id(m),),
            )


def not_served(ctx: Context) -> Iterator[RawFinding]:
    down = ctx.downstream
    for m in ctx.models:
        if not down[m] & DEPLOYMENT:
            yield RawFinding(
                f"Model '{ctx.label(m)}' reaches no deployment: its predictions are never served.", (ctx.id(m),)
            )
        elif not down[m] & SERVED:
            yield RawFinding(
                f"Model '{ctx.label(m)}' is deployed, but none of its deployments reaches an interface or users.",
                (ctx.id(m),),
            )


def no_update_loop(ctx: Context) -> Iterator[RawFinding]:
    flow, kinds = ctx.flow_condensed, ctx.g.kinds
    # A monitor downstream of the model (forward graph) that leads back to it (flow graph),
    # with a continual-learning component on that loop: they share the model's component.
    learning = {flow.scc(c) for c in ctx.learners if flow.in_loop(c)}
    loops = ctx.model_loops
    for m in ctx.models:
        watched = flow.scc(m) in learning and any(kinds[t] == "monitoring" for t in loops.get(m, ()))
        if not watched:
            yield RawFinding(
                f"Nothing updates model '{ctx.label(m)}' when the world shifts: no monitor downstream "
                "of it leads, through continual learning, back to it or its training.",
                (ctx.id(m),),
            )


def unevaluated(ctx: Context) -> Iterator[RawFinding]:
    skips = reach(ctx.g.forward_pred, ctx.g.of_kind("deployment"), avoid=set(ctx.g.of_kind("evaluation")))
    for m in ctx.models:
        if m in skips:
            yield RawFinding(
                f"Model '{ctx.label(m)}' reaches a deployment on a path that skips offline evaluation.", (ctx.id(m),)
            )


def no_business_objective(ctx: Context) -> Iterator[RawFinding]:
    up = ctx.upstream
    for m in ctx.models:
        if not up[m] & REQUIREMENT:
            yield RawFinding(
                f"Model '{ctx.label(m)}' serves no business requirement: nothing states what it is for.", (ctx.id(m),)
            )


def degenerate_loop(ctx: Context) -> Iterator[RawFinding]:
    """A loop model -> interface (forward graph) -> model (flow graph) with no mitigation on
    it: neither on the model nor on a deployment anywhere on the loop, way out or way back.
    With the mitigated deployments taken out of both graphs, what is left of each loop is
    exactly the loops that no deployment breaks."""
    interfaces = ctx.interfaces
    if not interfaces:
        return
    g = ctx.g
    guards = [d for d in g.of_kind("deployment") if _mitigated(g.component(d).properties)]
    models = [m for m in ctx.models if not _mitigated(g.component(m).properties)]
    if guards:  # what is left of the loops without the mitigated deployments
        flow = Condensed(*without(g.nodes, g.flow_succ, g.flow_pred, guards))
        forward_succ = cut(g.forward_succ, set(guards))
        looped = loop_targets(flow, forward_succ, models, interfaces)
    else:  # the shared answer, interfaces and monitors: keep the interfaces
        kinds = g.kinds
        looped = {m: apps for m, ts in ctx.model_loops.items() if (apps := [t for t in ts if kinds[t] == "interface"])}
    for m in models:
        if m not in looped:
            continue
        apps = looped[m]
        yield RawFinding(
            f"Model '{ctx.label(m)}' feeds {ctx.quoted(apps)} and learns back from it: its predictions "
            "shape its own training data, and neither the model nor a deployment on that loop sets "
            "feedback_mitigation.",
            g.id_tuple((m, *apps)),
        )


def _mitigated(props: dict[str, object]) -> bool:
    value = props.get("feedback_mitigation")
    return isinstance(value, str) and bool(value.strip())
