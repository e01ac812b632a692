"""Core layer: rules about business requirements — SLO, budget and the *When to use ML* fit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from canvas.core.analysis import ServingPath, budgets, number, serving_paths, top_spenders, total_cost
from canvas.core.catalog import ML_FIT_CRITERIA
from canvas.core.rules.base import Context, RawFinding


def _ms(value: float) -> str:
    return f"{value:g} ms"


def latency_exceeded(ctx: Context) -> Iterator[RawFinding]:
    if not any(_has_slo(ctx, r) for r in ctx.g.of_kind("business_requirement")):
        return  # no SLO to exceed: no need for the slowest paths
    for path in serving_paths(ctx.g, ctx.forward_condensed):
        if not path.exceeded:
            continue
        label = _label_of(ctx)
        parts = " + ".join(
            f"{label(n)} {lat:g}" for n, lat in zip(path.nodes, path.latencies) if lat
        )
        assert path.slo is not None and path.slo_requirement is not None
        yield RawFinding(
            f"The slowest online path to '{label(path.interface)}' takes {_ms(path.total)} ({parts}), "
            f"over the {_ms(path.slo)} SLO of '{label(path.slo_requirement)}'.",
            # The interface, what adds latency or sets the SLO on the path, and the requirement;
            # the links mark the whole path.
            (
                path.interface,
                *(
                    n for n, lat in zip(path.nodes, path.latencies)
                    if n != path.interface and (lat or ctx.g.kind[n] == "model")
                ),
                path.slo_requirement,
            ),
            _links_from_first_contributor(ctx, path),
        )


def _links_from_first_contributor(ctx: Context, path: ServingPath) -> tuple[str, ...]:
    """The path's links from the first component that adds latency (or the model) on: the
    offline chain in front of it (data, training) is not part of the request."""
    g = ctx.g
    for i, (node, lat) in enumerate(zip(path.nodes, path.latencies)):
        if lat or g.kind[node] == "model":
            return tuple(g.link_ids([g.index[n] for n in path.nodes[i:]]))
    return path.links


def _label_of(ctx: Context) -> Callable[[str], str]:
    """Labels by component id (a serving path names components by id)."""
    comps = ctx.design.components
    return lambda cid: comps[cid].label


def _has_slo(ctx: Context, requirement: int) -> bool:
    return number(ctx.g.component(requirement).properties.get("latency_slo_ms")) is not None


def cost_exceeded(ctx: Context) -> Iterator[RawFinding]:
    limits = budgets(ctx.design)
    spent = total_cost(ctx.design) if limits else 0.0
    label = _label_of(ctx)
    for req, budget in limits:
        if spent > budget:
            top = ", ".join(f"'{label(c)}' ${cost:,.0f}" for c, cost in top_spenders(ctx.design))
            yield RawFinding(
                f"The design costs ${spent:,.0f} a month, over the ${budget:,.0f} budget of "
                f"'{label(req)}' (largest: {top}).",
                (req,),
            )


def ml_fit_problems(fit: dict[str, Any]) -> list[str]:
    """What the *When to use ML* assessment of ch. 1 says against using ML, one phrase per
    problem (empty: ML fits, or nothing is answered yet). The single verdict shared by the
    rule ``ml-fit.unmet`` and the inspector: a ``False`` to one of the five criteria, or
    costly mistakes (``cheap_mistakes: False``) without ``human_in_the_loop: True``."""
    problems = [f"no to '{text}'" for key, text in ML_FIT_CRITERIA.items() if fit.get(key) is False]
    if fit.get("cheap_mistakes") is False and fit.get("human_in_the_loop") is not True:
        problems.append("that wrong predictions are costly, with no human in the loop")
    return problems


def ml_fit_unmet(ctx: Context) -> Iterator[RawFinding]:
    for req in ctx.g.of_kind("business_requirement"):
        fit = ctx.g.component(req).properties.get("ml_fit")
        if not isinstance(fit, dict):
            continue
        problems = ml_fit_problems(fit)
        if problems:
            yield RawFinding(
                f"'{ctx.label(req)}' may not be a problem for ML (ch. 1, When to use ML): it answers "
                + "; ".join(problems) + ".",
                (ctx.id(req),),
            )
