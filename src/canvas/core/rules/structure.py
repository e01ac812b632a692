"""Core layer: rules about the drawing itself — links, hosting, loose components, coverage."""

from __future__ import annotations

from collections.abc import Iterator

from canvas.core.catalog import BOXES, FIGURE_BOXES, KINDS, kinds_in_box, link_refusal
from canvas.core.rules.base import Context, RawFinding

HOSTED_KINDS = ("training", "deployment", "data_pipeline", "feature_pipeline")
DATA_KINDS = frozenset({"data_source", "data_pipeline", "training_data"})


def link_not_allowed(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    for link, why in g.bad_links:
        s, t = g.index[link.source], g.index[link.target]
        src, tgt = ctx.label(s), ctx.label(t)
        if why == "self":
            text = f"Link '{link.id}' goes from '{src}' to itself: self-links are not allowed."
        elif why == "duplicate":
            first = g.edge_link[(s, t)]
            text = f"Link '{link.id}' from '{src}' to '{tgt}' repeats link '{first}'."
        else:
            sk, tk = g.kinds[s], g.kinds[t]
            text = f"Link from '{src}' to '{tgt}' is not allowed: {link_refusal(sk, tk)}."
        yield RawFinding(text, tuple(dict.fromkeys((link.source, link.target))), (link.id,))


def unhosted(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    for node in g.of_kind(*HOSTED_KINDS):
        if not g.hosted_by.get(node):
            kind = KINDS[g.kinds[node]].short_label
            label = ctx.label(node)
            what = f"'{label}'" if label == kind else f"'{label}' ({kind})"  # no "'X' (X)"
            yield RawFinding(
                f"{what} runs on no infrastructure: link an Infrastructure component to it.",
                (ctx.id(node),),
            )


def disconnected(ctx: Context) -> Iterator[RawFinding]:
    linked = ctx.g.linked
    if len(linked) == len(ctx.g.ids):
        return
    for node, cid in enumerate(ctx.g.ids):
        if node not in linked:
            yield RawFinding(f"'{ctx.label(node)}' is not connected to anything.", (cid,))


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
    g = ctx.g
    people = g.of_kind("interface", "users")
    flow, kinds = g.flow_succ, g.kinds
    for p in people:
        if any(kinds[t] in DATA_KINDS for t in flow[p]):
            return
    where = f" from {ctx.quoted(people)}" if people else ""
    yield RawFinding(
        f"Nothing flows back{where} to the data: the design captures no natural labels or user feedback.",
        g.id_tuple(people),
    )
