"""Core layer: rules about the data a model learns from and is served with (ch. 5–7):
training/serving skew of features, and an evaluation that may score a model on the data it
learned from."""

from __future__ import annotations

from collections.abc import Iterator

from canvas.core.graph import DATA_SIDE, reached, search
from canvas.core.rules.base import Context, RawFinding
from canvas.core.rules.models import ModelFacts


def training_serving_skew(ctx: Context) -> Iterator[RawFinding]:
    """A model learns from feature pipelines T (reaching it in the forward graph without
    passing a deployment) and its deployments are served features from pipelines S
    (reaching one of them without passing a model — or an evaluation, whose inputs are not
    served), and no pipeline of S is in T or downstream of one: the features are computed
    twice, two ways."""
    g = ctx.g
    kind = g.kind
    if not g.by_kind.get("feature_pipeline"):
        return
    facts = ctx.fact(ModelFacts)
    for m in ctx.served_models:
        deployments = [d for d in facts.deployments(m) if kind[d] == "deployment"]
        if not deployments:
            continue
        served = [
            n
            for n in search(g.forward.pred, deployments, enter=lambda n: kind[n] not in ("model", "evaluation"))
            if kind[n] == "feature_pipeline"
        ]
        if not served:
            continue
        learned = [
            n
            for n in search(g.forward.pred, [m], enter=lambda n: kind[n] != "deployment")
            if kind[n] == "feature_pipeline"
        ]
        if not learned:
            continue
        if reached(g.forward, served, upstream=True) & set(learned):
            continue
        learned_in, served_in = g.in_file_order(learned), g.in_file_order(served)
        feeds = "feeds" if len(learned_in) == 1 else "feed"
        yield RawFinding(
            f"Model {ctx.name(m)} learns from features computed by {ctx.names(learned_in)} but is served features "
            f"computed by {ctx.names(served_in)}, which {ctx.names(learned_in)} never {feeds}: the same features "
            "are computed two ways, and the model sees different inputs in production than in training.",
            (m, *learned_in, *served_in),
        )


def reads_training_data(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    kind = g.kind
    for ev in g.of_kind("evaluation"):
        preds = g.in_file_order(g.flow.pred[ev])
        inputs = [p for p in preds if kind[p] in DATA_SIDE]
        if not inputs:
            continue
        trainings = [t for m in preds if kind[m] == "model" for t in g.flow.pred[m] if kind[t] == "training"]
        if not trainings:
            continue
        upstream = reached(g.forward, trainings, upstream=True)
        if all(x in upstream for x in inputs):
            yield RawFinding(
                f"Evaluation {ctx.name(ev)} reads only {ctx.names(inputs)}, which also "
                f"{'feeds' if len(inputs) == 1 else 'feed'} the training of the model it scores: it may score "
                "the model on what it learned from.",
                (ev, *inputs),
            )
