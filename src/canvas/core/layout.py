"""Core layer: automatic layout of a design ("Tidy up"), Qt-free.

1. The flow: every link except those leaving a component beside the flow (business
   requirements and developers, infrastructure). A feedback or update link — one leaving
   an ``interface``, ``users``, ``monitoring`` or ``continual_learning`` component, as in
   the checker's forward graph — is reversed for the layering (monitoring feeding
   continual learning is the update flow going on, and stays forward).
2. A group's members are laid out on their own (recursively) and enter the flow as one
   block the size of the group's frame, so the frame around them holds no one else.
3. The flow's weakly connected parts are its blocks; a big part (a design of many
   products sharing a few components) is cut into its products (``layout_blocks.py``:
   Louvain communities of the flow and side links, refined). Each block is drawn by
   ``layering.layered`` (Sugiyama: layers, dummies, median/barycentre ordering with
   transpositions, least-squares coordinates) with its side components (4.), and the
   blocks are packed in snaking columns towards the wanted aspect ratio, linked blocks
   next to each other; only a block much larger than the whole is wrapped on its own (a
   design of one block is wrapped towards the ratio). Links between blocks are routed in
   the gaps between them. Components with no link at all go in a grid below everything.
4. The components beside the flow — requirements and developers above it,
   infrastructure below it — join the block holding most of what they require, use or
   host, in the column of (the mean of) those, on the nearest free row above or below.

Positions are the top-left corners the model stores, on a 20-unit grid, starting at the
design's current top-left corner so a tidy-up does not throw the design off screen.
``tidy_layout(design, only=ids)`` tidies just those components, where they were (or
next to it, where they no longer fit) and leaves the others alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from canvas.core.catalog import FEEDBACK_SOURCES
from canvas.core.geometry import CardIndex, Rect
from canvas.core.layering import COLUMN_GAP, GRID, ROW_GAP, layered, snap, snap_up
from canvas.core.layout_blocks import PART_GAP, blocks_of, chain, pack
from canvas.core.model import Design

#: Cards are 170 x 64 today; a layer step is a card and a gap.
CARD_WIDTH = 170.0
CARD_HEIGHT = 64.0
COLUMN_STEP = CARD_WIDTH + COLUMN_GAP
ROW_STEP = CARD_HEIGHT + ROW_GAP
#: Space around a group's members inside its frame (more on top, for the group's name).
GROUP_PAD = 20.0
GROUP_PAD_TOP = 40.0
#: Among several blocks, one wider (or taller) than this times the drawing aimed at is
#: wrapped on its own.
_WRAP_BEYOND = 1.25
#: The shape aimed at: a 16:9 view.
ASPECT = 16 / 9

Positions = dict[str, tuple[float, float]]

#: Kinds placed beside the flow rather than in it: above (-1) or below (+1).
SIDE = {"business_requirement": -1, "developers": -1, "infrastructure": 1}


def tidy_layout(design: Design, aspect: float = ASPECT, only: Iterable[str] | None = None) -> Positions:
    """New top-left positions for every component of ``design`` (or only for the
    components ``only``, placed where they were or next to it)."""
    ids = list(design.components) if only is None else [c for c in design.components if c in set(only)]
    if not ids:
        return {}
    local, width, height = _arrange(design, ids, aspect)
    x0 = snap(min(design.components[c].position.x for c in ids))
    y0 = snap(min(design.components[c].position.y for c in ids))
    if only is not None:
        x0, y0 = _free_spot(design, set(ids), x0, y0, width, height)
    return {n: (x0 + x, y0 + y) for n, (x, y) in local.items()}


def _arrange(design: Design, ids: list[str], aspect: float) -> tuple[Positions, float, float]:
    """Positions of ``ids`` from (0, 0), and the drawing's width and height."""
    order = {cid: i for i, cid in enumerate(ids)}
    kinds = {cid: design.components[cid].kind for cid in ids}
    blocks, unit = _group_blocks(design, ids, aspect)
    sizes = {u: (w, h) for u, (_, w, h) in blocks.items()}
    unit_order: dict[str, int] = {}
    for cid in ids:
        u = unit.get(cid, cid)
        unit_order.setdefault(u, order[cid])
        if u == cid and cid not in sizes:
            sizes[cid] = (CARD_WIDTH, CARD_HEIGHT)

    flow: list[tuple[str, str]] = []
    feedback: list[tuple[str, str]] = []
    side_targets: dict[str, list[str]] = defaultdict(list)
    for link in design.links.values():
        s, t = link.source, link.target
        if s == t or s not in kinds or t not in kinds:
            continue
        us, ut = unit.get(s, s), unit.get(t, t)
        if kinds[s] in SIDE and us == s:
            if kinds[t] not in SIDE or ut != t:
                side_targets[s].append(t)
            continue
        if (kinds[t] in SIDE and ut == t) or us == ut:
            continue
        # Monitoring feeding continual learning is the update flow going on; what leaves
        # continual learning (retraining) and the other feedback sources loops back.
        forward = kinds[s] not in FEEDBACK_SOURCES or (kinds[s] == "monitoring" and kinds[t] == "continual_learning")
        (flow if forward else feedback).append((us, ut))
    for cid in side_targets:
        del sizes[cid]

    graph = nx.Graph()
    graph.add_nodes_from(sizes)
    for s, t in flow + feedback:
        graph.add_edge(s, t, weight=graph.get_edge_data(s, t, {"weight": 0})["weight"] + 1)
    parts = blocks_of(graph, {s: [unit.get(t, t) for t in ts] for s, ts in side_targets.items()}, unit_order)
    part_of = {n: k for k, part in enumerate(parts) for n in part}
    sides: list[dict[str, list[str]]] = [{} for _ in parts]
    for node in sorted(side_targets, key=order.__getitem__):
        votes = [part_of[unit.get(t, t)] for t in side_targets[node]]
        sides[max(votes, key=lambda k: (votes.count(k), -votes.index(k)))][node] = side_targets[node]
    edges: list[list[tuple[str, str]]] = [[] for _ in parts]
    back: list[list[tuple[str, str]]] = [[] for _ in parts]
    for pairs, into in ((flow, edges), (feedback, back)):
        for s, t in pairs:
            if part_of[s] == part_of[t]:
                into[part_of[s]].append((s, t))

    def draw(k: int, wrap_to: float | None) -> tuple[Positions, float, float]:
        local = layered({n: sizes[n] for n in parts[k]}, edges[k], back[k], unit_order, wrap_to)[0]
        frames = {u: (local[u][0], local[u][1], w, h) for u, (_, w, h) in blocks.items() if u in local}
        for u, (members, _, _) in blocks.items():
            if u in local:
                bx, by = local.pop(u)
                local.update({m: (bx + x, by + y) for m, (x, y) in members.items()})
        _place_side(sides[k], kinds, order, local, frames)
        return _from_origin(local, frames)

    loners = [k for k, part in enumerate(parts) if len(part) == 1 and not sides[k] and next(iter(part)) not in blocks]
    drawn = [k for k in range(len(parts)) if k not in set(loners)]
    drawings = {k: draw(k, None if len(drawn) > 1 else aspect) for k in drawn}
    # A block much wider (or taller) than the whole drawing aimed at is wrapped itself.
    width_aimed = math.sqrt(sum((w + PART_GAP) * (h + PART_GAP) for _, w, h in drawings.values()) * aspect)
    for k, (_, w, h) in list(drawings.items()):
        if len(drawn) > 1 and (w > _WRAP_BEYOND * width_aimed or h * aspect > _WRAP_BEYOND * width_aimed):
            drawings[k] = draw(k, aspect)
    links_between: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for s, t in flow + feedback:
        if part_of[s] != part_of[t]:
            links_between[part_of[s]][part_of[t]] += 1
            links_between[part_of[t]][part_of[s]] += 1
    out, width, height = pack([drawings[k] for k in chain(drawn, links_between)], aspect)
    if loners:
        columns = (
            max(4, round(max(width, 1.0) / COLUMN_STEP))
            if drawings
            else max(4, math.ceil(math.sqrt(len(loners) * aspect * ROW_STEP / COLUMN_STEP)))
        )
        top = snap_up(height + PART_GAP) if drawings else 0.0
        for i, k in enumerate(loners):
            out[next(iter(parts[k]))] = ((i % columns) * COLUMN_STEP, top + (i // columns) * ROW_STEP)
    return _from_origin(out, {})


def _from_origin(
    pos: Positions, frames: dict[str, tuple[float, float, float, float]]
) -> tuple[Positions, float, float]:
    """``pos`` moved so its top-left corner (of the cards and ``frames``) is (0, 0); its width and height."""
    boxes = [(x, y, CARD_WIDTH, CARD_HEIGHT) for x, y in pos.values()] + list(frames.values())
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return {n: (x - left, y - top) for n, (x, y) in pos.items()}, right - left, bottom - top


def _group_blocks(
    design: Design, ids: list[str], aspect: float
) -> tuple[dict[str, tuple[Positions, float, float]], dict[str, str]]:
    """Each group with members among ``ids`` (but not all of them) laid out on its own:
    block id -> (member positions inside the frame, frame width, height); and which block
    each member is in."""
    present = set(ids)
    blocks: dict[str, tuple[Positions, float, float]] = {}
    unit: dict[str, str] = {}
    for gid, group in design.groups.items():
        members = [m for m in ids if m in set(group.members) and m not in unit]
        if not members or len(members) == len(present):
            continue
        inner, w, h = _arrange(design, members, aspect)
        block = f"\0group:{gid}"
        blocks[block] = (
            {m: (GROUP_PAD + x, GROUP_PAD_TOP + y) for m, (x, y) in inner.items()},
            snap_up(w + 2 * GROUP_PAD),
            snap_up(h + GROUP_PAD + GROUP_PAD_TOP),
        )
        unit.update(dict.fromkeys(members, block))
    return blocks, unit


def _place_side(
    side_targets: dict[str, list[str]],
    kinds: dict[str, str],
    order: dict[str, int],
    out: Positions,
    frames: dict[str, tuple[float, float, float, float]],
) -> None:
    """Put each side component in the column nearest the mean x of its targets, on the
    first free row above (requirements, developers) or below (infrastructure) them."""
    taken = CardIndex({n: Rect(x, y, CARD_WIDTH, CARD_HEIGHT) for n, (x, y) in out.items()}, reach=ROW_GAP)
    for u, frame in frames.items():
        taken.move(u, Rect(*frame))
    xs = sorted({x for x, _ in out.values()})
    flow_top = min((y for _, y in out.values()), default=0.0)
    flow_bottom = max((y for _, y in out.values()), default=0.0)
    for node in sorted(side_targets, key=order.__getitem__):
        targets = [out[t] for t in side_targets[node] if t in out]
        up = SIDE[kinds[node]] < 0
        if not targets or not xs:
            x = xs[0] if xs else 0.0
            y = flow_top - ROW_STEP if up else flow_bottom + ROW_STEP
        else:
            mean_x = sum(p[0] for p in targets) / len(targets)
            x = min(xs, key=lambda c: (abs(c - mean_x), c))
            y = min(p[1] for p in targets) - ROW_STEP if up else max(p[1] for p in targets) + ROW_STEP
        y = snap(y)
        while taken.in_box(
            x - COLUMN_GAP / 2 + 1, y - ROW_GAP + 1, x + CARD_WIDTH + COLUMN_GAP / 2 - 1, y + CARD_HEIGHT + ROW_GAP - 1
        ):
            y += -GRID if up else GRID
        out[node] = (x, y)
        taken.move(node, Rect(x, y, CARD_WIDTH, CARD_HEIGHT))


def _free_spot(
    design: Design, chosen: set[str], x0: float, y0: float, width: float, height: float
) -> tuple[float, float]:
    """The top-left corner nearest (x0, y0) where a ``width`` x ``height`` drawing comes
    near no component outside ``chosen``."""
    others = CardIndex(
        {
            cid: Rect(c.position.x, c.position.y, CARD_WIDTH, CARD_HEIGHT)
            for cid, c in design.components.items()
            if cid not in chosen
        },
        reach=0.0,
    )
    gap = ROW_GAP
    for ring in range(0, 200):
        cells = [(i, j) for i in range(-ring, ring + 1) for j in range(-ring, ring + 1) if max(abs(i), abs(j)) == ring]
        cells.sort(key=lambda c: (math.hypot(c[0] * COLUMN_STEP, c[1] * ROW_STEP), c))
        for i, j in cells:
            x, y = x0 + i * COLUMN_STEP, y0 + j * ROW_STEP
            if not others.in_box(x - gap, y - gap, x + width + gap, y + height + gap):
                return x, y
    right = max((r.right for r in others.cards.values()), default=x0)
    return snap_up(right + COLUMN_GAP), y0
