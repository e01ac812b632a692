"""Core layer: the rules about each model's life cycle (Figure 1-1, chapters 3–9).

A model's **serving reach** is what it reaches in the serving view (see
:mod:`canvas.core.graph`); its **deployments** are the deployments in that reach it
reaches through no other model. The serving rules skip the models that are only inputs
to learning (every link out of them goes into training or training data).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from canvas.core.graph import Node, path_to, reached, search
from canvas.core.rules.base import Context, RawFinding
from canvas.core.rules.loops import Updates, feedback_loop, mitigated


class ModelFacts:
    """What the model rules share, computed once per check."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.updates = Updates(ctx)

    def deployments(self, model: str) -> dict[Node, Node | None]:
        """The search from the model that enters no other model; its deployments are the
        model's deployments (the parents give a path to each)."""
        kind = self.ctx.g.kind
        return search(self.ctx.g.serving.succ, [model], enter=lambda n: kind[n] != "model")

    @cached_property
    def fed_by_data(self) -> set[Node]:
        """Components with a data source or training data upstream of them in the forward
        graph, or downstream of a component that receives a link from an interface or users
        (logged interactions are data)."""
        g = self.ctx.g
        people = g.of_kind("interface", "users")
        receivers = [t for p in people for t in g.flow.succ[p]]
        return reached(g.forward, [*g.of_kind("data_source", "training_data"), *receivers])

    @cached_property
    def has_objective(self) -> set[Node]:
        """Components a requirement's *requires* link targets, or with such a target
        upstream (forward graph) or in their serving reach."""
        g = self.ctx.g
        targets = list(g.required_by)
        return reached(g.forward, targets) | reached(g.serving, g.with_twins(targets), upstream=True)


def _facts(ctx: Context) -> ModelFacts:
    return ctx.fact(ModelFacts)


def unmonitored(ctx: Context) -> Iterator[RawFinding]:
    for m in ctx.served_models:
        if m not in ctx.reaches_monitor:
            yield RawFinding(
                f"Model {ctx.name(m)} has no monitoring on its serving path: nothing would notice when its "
                "inputs drift or its predictions degrade in production.",
                (m,),
            )


def no_training_data(ctx: Context) -> Iterator[RawFinding]:
    fed = _facts(ctx).fed_by_data
    for m in ctx.models:
        if ctx.origin(m) == "trained" and m not in fed:
            yield RawFinding(
                f"Model {ctx.name(m)} is trained by this system, but no data source or training data is "
                "upstream of it: where does it learn from? (If its weights come from elsewhere, set its origin "
                "to pretrained or hosted.)",
                (m,),
            )


def not_served(ctx: Context) -> Iterator[RawFinding]:
    for m in ctx.served_models:
        if m not in ctx.reaches_deployment:
            yield RawFinding(f"Model {ctx.name(m)} reaches no deployment: its predictions are never served.", (m,))
        elif m not in ctx.reaches_people:
            yield RawFinding(f"Model {ctx.name(m)} is deployed, but its predictions reach no interface or users.", (m,))


def no_update_loop(ctx: Context) -> Iterator[RawFinding]:
    updates = _facts(ctx).updates
    for m in ctx.served_models:
        if ctx.origin(m) != "trained" or updates.updated(m):
            continue
        idle = updates.untriggered(m)
        if idle:
            why = (
                f"{ctx.names(idle)} {'leads' if len(idle) == 1 else 'lead'} back to its training, but "
                f"{'runs' if len(idle) == 1 else 'run'} on drift or performance and no monitor on its serving "
                "path feeds it, so it never runs for this model"
            )
        else:
            why = (
                "no continual learning on a schedule, or triggered by a monitor on its serving path, leads back "
                "to its training"
            )
        yield RawFinding(f"Nothing updates model {ctx.name(m)} when the world shifts: {why}.", (m,))


def unevaluated(ctx: Context) -> Iterator[RawFinding]:
    g, facts = ctx.g, _facts(ctx)
    kind = g.kind
    promoters = [c for c in g.of_kind("continual_learning") if any(kind[n] == "deployment" for n in g.flow.succ[c])]
    for m in ctx.served_models:
        bypass = search(g.serving.succ, [m], enter=lambda n: kind[n] not in ("evaluation", "model"))
        skipped = g.in_file_order(n for n in bypass if kind[n] == "deployment")
        links = [lid for d in skipped for lid in g.links_along(path_to(bypass, d))]
        pushers: list[str] = []
        pushed_into: list[str] = []
        if promoters:
            own = {g.real(d) for d in facts.deployments(m) if kind[d] == "deployment"}
            for c in facts.updates.updaters(m, promoters):
                pushed = search(g.flow.succ, [c], enter=lambda n: kind[n] == "deployment")
                hits = g.in_file_order(d for d in pushed if d in own)
                if hits:
                    pushers.append(c)
                    pushed_into.extend(d for d in hits if d not in pushed_into)
                    skipped.extend(d for d in hits if d not in skipped)
                    links.extend(lid for d in hits for lid in g.links_along(path_to(pushed, d)))
        if not skipped:
            continue
        what = []
        if bypass.keys() & set(skipped):
            what.append(
                f"reaches {ctx.names([d for d in skipped if d in bypass])} on a path with no offline evaluation"
            )
        if pushers:
            what.append(f"is promoted by {ctx.names(pushers)} straight into {ctx.names(pushed_into)}, untested")
        yield RawFinding(
            f"Model {ctx.name(m)} " + ", and ".join(what) + ".",
            (m, *skipped, *pushers),
            tuple(dict.fromkeys(links)),
        )


def no_business_objective(ctx: Context) -> Iterator[RawFinding]:
    covered = _facts(ctx).has_objective
    for m in ctx.served_models:
        if m not in covered:
            yield RawFinding(
                f"Model {ctx.name(m)} serves no business requirement: no requirement is linked to it, to "
                "what feeds it or to what serves it, so nothing states what it is for.",
                (m,),
            )


def degenerate_loop(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    for m in ctx.served_models:
        if mitigated(ctx.props(m)):
            continue
        found = feedback_loop(ctx, m)
        if found is None:
            continue
        loop, start = found
        way_back = g.components(loop[start + 1 : -1])
        back = f"come back to it through {ctx.names(way_back, limit=6)}" if way_back else "come straight back to it"
        yield RawFinding(
            f"Model {ctx.name(m)} learns from its own predictions: they reach {ctx.name(g.real(loop[start]))} and "
            f"{back}, and neither the model nor a deployment on the way out sets feedback_mitigation, so its "
            "biases will amplify themselves.",
            tuple(g.components(loop)),
            tuple(g.links_along(loop)),
        )
