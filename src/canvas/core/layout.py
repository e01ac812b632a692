"""Core layer: automatic left-to-right layout of a design ("Tidy up"), Qt-free.

The layout is layered by flow, in the spirit of Sugiyama's method but kept linear-ish so
it scales to 10,000 components:

1. The layout graph holds every link except the feedback and update links (those that
   leave an ``interface``, ``users``, ``monitoring`` or ``continual_learning`` component,
   as in the checker's forward graph, spec §4). Remaining cycles are broken by dropping
   the back edges of one depth-first search.
2. Nodes get a layer by longest path from the sources (networkx topological
   generations). A feedback link is then kept too when it points forward in that
   layering — it cannot close a cycle — so ``users -> interface`` places the users next to
   the interface instead of leaving them alone.
3. Sources are pulled right, next to their first successor (a business requirement sits
   just before the model it constrains, infrastructure before what it hosts).
4. Inside a layer nodes are ordered by the barycentre of their predecessors (one sweep,
   then one sweep back) to reduce crossings, then spread vertically. A part much taller
   than wide (thousands of components) is cut into bands of rows set side by side.
5. The components beside the flow — business requirements and developers above it,
   infrastructure below it — are left out of the layering and placed last, in the column
   of (the mean of) what they require, use or host, on the nearest free row, so their
   dashed links no longer run along the flow's own rows.
6. Each weakly connected part is laid out on its own and the parts are packed on shelves
   (left to right, then a new row) towards a landscape shape; components with no link at
   all go in a final grid below everything.

Positions are the top-left corners the model stores, on a 20-unit grid, starting at the
design's current top-left corner so a tidy-up does not throw the design off screen.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict

import networkx as nx

from canvas.core.catalog import FEEDBACK_SOURCES
from canvas.core.model import Design

#: Horizontal distance between layers and vertical distance between rows (card 170 x 64).
COLUMN_STEP = 260.0
ROW_STEP = 100.0
#: Gap between stacked connected parts.
PART_GAP = 60.0
CARD_WIDTH = 170.0
#: Width / height aimed at when a tall part is cut into bands.
ASPECT = 1.6
GRID = 20.0

Positions = dict[str, tuple[float, float]]

#: Kinds placed beside the flow rather than in it: above (-1) or below (+1).
SIDE = {"business_requirement": -1, "developers": -1, "infrastructure": 1}


def tidy_layout(design: Design) -> Positions:
    """New top-left positions for every component of ``design``."""
    if not design.components:
        return {}
    order = {cid: i for i, cid in enumerate(design.components)}
    kinds = {cid: c.kind for cid, c in design.components.items()}

    primary: list[tuple[str, str]] = []
    feedback: list[tuple[str, str]] = []
    side_targets: dict[str, list[str]] = defaultdict(list)
    for link in design.links.values():
        s, t = link.source, link.target
        if s == t or s not in kinds or t not in kinds:
            continue
        if kinds[s] in SIDE and kinds[t] not in SIDE:
            side_targets[s].append(t)
            continue
        if kinds[s] in SIDE or kinds[t] in SIDE:
            continue
        # Monitoring feeding continual learning is the update flow going on; what leaves
        # continual learning (retraining) and the other feedback sources loops back.
        forward = kinds[s] not in FEEDBACK_SOURCES or (kinds[s] == "monitoring" and kinds[t] == "continual_learning")
        (primary if forward else feedback).append((s, t))

    dag = nx.DiGraph()
    dag.add_nodes_from(c for c in design.components if c not in side_targets)
    dag.add_edges_from(_acyclic(primary, order))
    first = _layers(dag)
    dag.add_edges_from((s, t) for s, t in feedback if first[s] < first[t])
    layer = _layers(dag)
    _pull_sources_right(dag, layer)

    x0 = _snap(min(c.position.x for c in design.components.values()))
    y0 = _snap(min(c.position.y for c in design.components.values()))
    out: Positions = {}
    loners: list[str] = []
    blocks: list[tuple[Positions, float, float]] = []  # each part laid out at (0, 0), its size
    parts = sorted(nx.weakly_connected_components(dag), key=lambda part: min(order[n] for n in part))
    for part in parts:
        if len(part) == 1:
            loners.extend(part)
            continue
        local: Positions = {}
        height = _place_part(dag, part, layer, order, 0.0, 0.0, local)
        width = max(x for x, _ in local.values()) + CARD_WIDTH
        blocks.append((local, width, height))
    # Shelf packing, tallest parts first: left to right, a new shelf when the row is full.
    blocks.sort(key=lambda b: -b[2])  # stable: equal heights keep the design's order
    area = sum((w + COLUMN_STEP) * (h + PART_GAP) for _, w, h in blocks)
    target = max([w for _, w, _ in blocks] + [math.sqrt(area * ASPECT)])
    x = y = shelf = 0.0
    for local, w, h in blocks:
        if x > 0 and x + w > target:
            x, y, shelf = 0.0, y + _snap_up(shelf + PART_GAP), 0.0
        for n, (px, py) in local.items():
            out[n] = (x0 + x + px, y0 + y + py)
        x += _snap_up(w - CARD_WIDTH) + 2 * COLUMN_STEP  # one empty column between parts
        shelf = max(shelf, h)
    if blocks:
        y += _snap_up(shelf + PART_GAP)
    if loners:
        loners.sort(key=order.__getitem__)
        if blocks:
            columns = max(4, round(target / COLUMN_STEP))
        else:
            columns = max(4, math.ceil(math.sqrt(len(loners) * ASPECT * ROW_STEP / COLUMN_STEP)))
        for i, cid in enumerate(loners):
            out[cid] = (x0 + (i % columns) * COLUMN_STEP, y0 + y + (i // columns) * ROW_STEP)
    _place_side(side_targets, kinds, order, out)
    top = min(y for _, y in out.values())
    if top < y0:  # rows added above the flow: keep the layout's top at the old corner
        out = {n: (x, y + y0 - top) for n, (x, y) in out.items()}
    return out


def _place_side(side_targets: dict[str, list[str]], kinds: dict[str, str], order: dict[str, int], out: Positions) -> None:
    """Put each side component in the column nearest the mean x of its targets, on the first
    free row above (requirements, developers) or below (infrastructure) them."""
    columns: dict[float, list[float]] = defaultdict(list)
    for x, y in out.values():
        columns[x].append(y)
    for ys in columns.values():
        ys.sort()
    xs = sorted(columns)
    for node in sorted(side_targets, key=order.__getitem__):
        targets = [out[t] for t in side_targets[node] if t in out]
        direction = SIDE[kinds[node]]
        if not targets or not xs:
            x = xs[0] if xs else 0.0
            y = (min((p[1] for p in out.values()), default=0.0) - ROW_STEP) if direction < 0 else 0.0
        else:
            mean_x = sum(p[0] for p in targets) / len(targets)
            i = bisect.bisect_left(xs, mean_x)
            x = min(xs[max(0, i - 1):i + 1], key=lambda c: abs(c - mean_x))
            y = (min(p[1] for p in targets) - ROW_STEP) if direction < 0 else (max(p[1] for p in targets) + ROW_STEP)
        ys = columns[x]
        while _taken(ys, y):
            y += direction * ROW_STEP
        bisect.insort(ys, y)
        if x not in xs:
            bisect.insort(xs, x)
        out[node] = (x, y)


def _taken(ys: list[float], y: float) -> bool:
    """Whether a card at ``y`` would come within a row of another in the same column."""
    i = bisect.bisect_left(ys, y)
    return any(abs(ys[j] - y) < ROW_STEP - 1e-6 for j in (i - 1, i) if 0 <= j < len(ys))


def _snap_up(v: float) -> float:
    return math.ceil(v / GRID) * GRID


def _snap(v: float) -> float:
    return round(v / GRID) * GRID


def _acyclic(edges: list[tuple[str, str]], order: dict[str, int]) -> list[tuple[str, str]]:
    """``edges`` without the back edges of an iterative depth-first search (and duplicates)."""
    succ: dict[str, list[str]] = defaultdict(list)
    for s, t in edges:
        succ[s].append(t)
    state: dict[str, int] = {}  # 1 = on the stack, 2 = finished
    kept: list[tuple[str, str]] = []
    seen_edges: set[tuple[str, str]] = set()
    for root in sorted(succ, key=order.__getitem__):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if (node, child) in seen_edges:
                    continue
                seen_edges.add((node, child))
                st = state.get(child)
                if st == 1:
                    continue  # a back edge: it would close a cycle
                kept.append((node, child))
                if st is None:
                    state[child] = 1
                    stack.append((child, iter(succ.get(child, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return kept


def _layers(dag: nx.DiGraph) -> dict[str, int]:
    layer: dict[str, int] = {}
    for depth, generation in enumerate(nx.topological_generations(dag)):
        for node in generation:
            layer[node] = depth
    return layer


def _pull_sources_right(dag: nx.DiGraph, layer: dict[str, int]) -> None:
    for node in dag.nodes:
        if dag.in_degree(node) == 0 and dag.out_degree(node) > 0:
            layer[node] = max(layer[node], min(layer[t] for t in dag.successors(node)) - 1)


def _place_part(
    dag: nx.DiGraph, part: set[str], layer: dict[str, int], order: dict[str, int], x0: float, y0: float, out: Positions
) -> float:
    """Place one connected part with its top-left at (x0, y0); returns its height."""
    base = min(layer[n] for n in part)
    columns: dict[int, list[str]] = defaultdict(list)
    for n in part:
        columns[layer[n] - base].append(n)
    depth = max(columns) + 1
    tallest = max(len(c) for c in columns.values())
    # Ranks are centred rows, so layers of different sizes line up with each other.
    offset = {d: (tallest - len(c)) // 2 for d, c in columns.items()}
    rank: dict[str, float] = {}
    for d in range(depth):
        col = sorted(columns.get(d, ()), key=order.__getitem__)
        keys = {n: _barycentre(dag.predecessors(n), rank, float(offset.get(d, 0) + i)) for i, n in enumerate(col)}
        col.sort(key=keys.__getitem__)
        columns[d] = col
        for i, n in enumerate(col):
            rank[n] = float(offset[d] + i)
    for d in range(depth - 2, -1, -1):  # a sweep back, by successors, to straighten sources
        col = columns.get(d, [])
        keys = {n: _barycentre(dag.successors(n), rank, rank[n]) for n in col}
        col.sort(key=keys.__getitem__)
        for i, n in enumerate(col):
            rank[n] = float(offset[d] + i)
    band_rows = _band_rows(tallest, depth)
    for d, col in columns.items():
        for i, n in enumerate(col):
            band, row = divmod(offset[d] + i, band_rows)
            out[n] = (x0 + (band * (depth + 1) + d) * COLUMN_STEP, y0 + row * ROW_STEP)
    return (min(tallest, band_rows) - 1) * ROW_STEP + 64.0


def _band_rows(tallest: int, depth: int) -> int:
    """Rows per band: a part far taller than wide is cut into bands set side by side,
    aiming at a landscape shape (a screen, a page), instead of one endless column."""
    if tallest * ROW_STEP <= 2 * depth * COLUMN_STEP:
        return tallest
    return max(8, math.ceil(math.sqrt(tallest * (depth + 1) * COLUMN_STEP / (ASPECT * ROW_STEP))))


def _barycentre(neighbours: object, rank: dict[str, float], fallback: float) -> float:
    total = 0.0
    count = 0
    for n in neighbours:  # type: ignore[attr-defined]
        r = rank.get(n)
        if r is not None:
            total += r
            count += 1
    return total / count if count else fallback
