"""Core layer: rules about the drawing itself — links, hosting, loose components, coverage."""

from __future__ import annotations

from collections.abc import Iterator

from canvas.core.catalog import BOXES, FIGURE_BOXES, KINDS, kinds_in_box, link_refusal
from canvas.core.rules.base import Context, RawFinding

HOSTED_KINDS = ("training", "deployment", "data_pipeline", "feature_pipeline")
DATA_KINDS = frozenset({"data_source", "data_pipeline", "training_data"})


def link_not_allowed(ctx: Context) -> Iterator[RawFinding]:
    for link, why in ctx.g.bad_links:
        src, tgt = ctx.label(link.source), ctx.label(link.target)
        if why == "self":
            text = f"Link '{link.id}' goes from '{src}' to itself: self-links are not allowed."
        elif why == "duplicate":
            first = ctx.g.edge_link[(link.source, link.target)]
            text = f"Link '{link.id}' from '{src}' to '{tgt}' repeats link '{first}'."
        else:
            sk, tk = ctx.g.kind[link.source], ctx.g.kind[link.target]
            text = f"Link from '{src}' to '{tgt}' is not allowed: {link_refusal(sk, tk)}."
        yield RawFinding(text, tuple(dict.fromkeys((link.source, link.target))), (link.id,))


def unhosted(ctx: Context) -> Iterator[RawFinding]:
    for cid in ctx.g.of_kind(*HOSTED_KINDS):
        if not ctx.g.hosted_by.get(cid):
            kind = KINDS[ctx.g.kind[cid]].short_label
            label = ctx.label(cid)
            what = f"'{label}'" if label == kind else f"'{label}' ({kind})"  # no "'X' (X)"
            yield RawFinding(
                f"{what} runs on no infrastructure: link an Infrastructure component to it.",
                (cid,),
            )


def disconnected(ctx: Context) -> Iterator[RawFinding]:
    linked = ctx.g.linked
    for cid in ctx.design.components:
        if cid not in linked:
            yield RawFinding(f"'{ctx.label(cid)}' is not connected to anything.", (cid,))


def figure_coverage(ctx: Context) -> Iterator[RawFinding]:
    for box in FIGURE_BOXES:
        kinds = kinds_in_box(box)
        if not ctx.g.of_kind(*(k.id for k in kinds)):
            names = " or ".join(k.short_label for k in kinds)
            yield RawFinding(
                f"Figure 1-1 box '{BOXES[box].title}' (ch. {BOXES[box].chapter}) has no component: "
                f"consider adding {names}."
            )


def feedback_not_captured(ctx: Context) -> Iterator[RawFinding]:
    people = ctx.g.of_kind("interface", "users")
    flow = ctx.g.flow_succ
    for p in people:
        if any(ctx.g.kind[t] in DATA_KINDS for t in flow[p]):
            return
    where = f" from {ctx.quoted(people)}" if people else ""
    yield RawFinding(
        f"Nothing flows back{where} to the data: the design captures no natural labels or user feedback.",
        tuple(people),
    )
