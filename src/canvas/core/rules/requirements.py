"""Core layer: rules about business requirements — the latency SLO, the budget and the
*When to use ML* fit (chapters 1–2, 7). A requirement judges what lies in its scope
(:mod:`canvas.core.scope`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from canvas.core.graph import reached
from canvas.core.latency import RequestPath, is_online, latency, request_graph, slowest_paths
from canvas.core.ml_fit import ml_fit_problems
from canvas.core.rules.base import Context, RawFinding
from canvas.core.scope import Scopes
from canvas.core.values import cost_of
from canvas.core.wording import ms, usd


class RequirementFacts:
    """Scopes, the request graph and the SLO over each interface, computed once per check."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.scopes = Scopes(ctx.g)

    @cached_property
    def request(self) -> nx.DiGraph:
        return request_graph(self.ctx.g)

    @cached_property
    def paths(self) -> dict[str, RequestPath]:
        return slowest_paths(self.ctx.g, self.request)

    @cached_property
    def slos(self) -> dict[str, tuple[float, str]]:
        """Interface -> (the smallest ``latency_slo_ms`` over it, the requirement setting it)."""
        g = self.ctx.g
        out: dict[str, tuple[float, str]] = {}
        for req, slo in self.scopes.with_property("latency_slo_ms"):
            scope = self.scopes.of(req)
            covered = g.of_kind("interface") if scope is None else [c for c in scope if g.kind[c] == "interface"]
            for i in covered:
                if i not in out or (slo, g.order[req]) < (out[i][0], g.order[out[i][1]]):
                    out[i] = (slo, req)
        return {i: out[i] for i in g.in_file_order(out)}


def facts(ctx: Context) -> RequirementFacts:
    return ctx.fact(RequirementFacts)


def latency_exceeded(ctx: Context) -> Iterator[RawFinding]:
    f = facts(ctx)
    for i, (slo, req) in f.slos.items():
        path = f.paths.get(i)
        if path is None or path.total <= slo:
            continue
        parts = " + ".join(_part(ctx, n) for n in path.nodes)
        yield RawFinding(
            f"The slowest request path into {ctx.name(i)} takes {ms(path.total)} ({parts}), over the "
            f"{ms(slo)} SLO of {ctx.name(req)}.",
            (i, *path.nodes[:-1]),
            path.links,
        )


def _part(ctx: Context, cid: str) -> str:
    """``'Ranker' 15 ms``, or ``'Ranker' (no figure)`` for a component with no latency_ms."""
    value = latency(ctx.g, cid)
    return f"{ctx.name(cid)} {ms(value)}" if value is not None else f"{ctx.name(cid)} (no figure)"


def latency_unknown(ctx: Context) -> Iterator[RawFinding]:
    f = facts(ctx)
    g = ctx.g
    for i, (slo, req) in f.slos.items():
        upstream = g.in_file_order(reached(f.request, [i], upstream=True))
        unknown = [
            n for n in upstream if g.kind[n] in ("model", "deployment") and is_online(g, n) and latency(g, n) is None
        ]
        if unknown:
            yield RawFinding(
                f"The {ms(slo)} SLO of {ctx.name(req)} over {ctx.name(i)} cannot be verified: "
                f"{ctx.names(unknown)} {'has' if len(unknown) == 1 else 'have'} no latency_ms on the request path.",
                (i, *unknown),
            )


def cost_exceeded(ctx: Context) -> Iterator[RawFinding]:
    scopes = facts(ctx).scopes
    comps = ctx.design.components
    for req, budget in scopes.with_property("monthly_budget"):
        scope = scopes.of(req)
        members = comps if scope is None else scope
        costs = [(cid, cost) for cid in members if (cost := cost_of(comps[cid]))]
        total = sum(cost for _, cost in costs)
        if total <= budget:
            continue
        costs.sort(key=lambda item: (-item[1], ctx.g.order[item[0]]))
        top = ", ".join(f"{ctx.name(cid)} {usd(cost)}" for cid, cost in costs[:3])
        if scope is None:
            text = f"The design costs {usd(total)} a month, over the {usd(budget)} budget of {ctx.name(req)}"
        else:
            text = f"What {ctx.name(req)} covers costs {usd(total)} a month, over its {usd(budget)} budget"
        yield RawFinding(f"{text} (largest: {top}).", (req,))


def ml_fit_unmet(ctx: Context) -> Iterator[RawFinding]:
    for req in ctx.g.of_kind("business_requirement"):
        problems = ml_fit_problems(ctx.props(req).get("ml_fit"))  # none for a fit that is not an assessment
        if problems:
            yield RawFinding(
                f"ML may not be the right approach for {ctx.name(req)} (ch. 1, When to use ML): it answers "
                + "; ".join(problems)
                + ".",
                (req,),
            )
