"""Core layer: a layered (Sugiyama) drawing of one connected flow, left to right, Qt-free.

The classic four steps, each in its simplest form that draws well and stays near-linear:

1. Layers: longest path from the sources over the flow's acyclic links; a feedback link
   that points forward in that layering is then kept too (so users sit before the app
   they use); sources are pulled right next to their first successor.
2. A link spanning several layers gets a dummy node in each layer between, so crossing
   reduction and coordinates see it and keep a lane free for its route.
3. Order within layers: sweeps, alternately down and up, sorting each layer by the
   weighted median (or, in a second try, the barycentre) of its neighbours, each sweep
   followed by transpositions of neighbours while they lower the crossings; the order
   with the fewest crossings (counted exactly, per pair of layers, with a Fenwick tree)
   is kept (Graphviz dot's mincross, without its ranks' flat edges).
4. Coordinates: each layer's vertical positions are the closest, in least squares, to
   the mean of their neighbours' subject to the order and the gaps (isotonic regression
   by pooling adjacent violators), swept down and up; dummies weigh more, so long links
   run straight. Layers are as wide as their widest node.

A part much wider or much taller than the wanted aspect ratio is wrapped: cut between
layers into bands stacked top to bottom (as ELK's graph wrapping), or cut between rows
into columns set side by side.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import accumulate, pairwise

#: Gaps between layers, between nodes in a layer, and next to a dummy (a link's lane).
COLUMN_GAP = 90.0
ROW_GAP = 36.0
LANE_GAP = 20.0
#: Space between wrapped bands.
BAND_GAP = 80.0
GRID = 20.0
_ROUNDS = 4
#: Ordering: at most so many sweeps, stopping after so many without fewer crossings;
#: transposition passes per sweep.
_ORDER_ROUNDS = 24
_STALE_ROUNDS = 6
_TRANSPOSE_PASSES = 8
#: A band holds at least this many layers (a short flow is not worth cutting).
_MIN_BAND_LAYERS = 4
_DUMMY_WEIGHT = 4.0

Size = tuple[float, float]
Positions = dict[str, tuple[float, float]]


def layered(
    sizes: Mapping[str, Size],
    edges: Sequence[tuple[str, str]],
    feedback: Sequence[tuple[str, str]],
    order: Mapping[str, int],
    aspect: float | None,
) -> tuple[Positions, float, float]:
    """Top-left positions (from (0, 0)) of the nodes ``sizes`` (width, height), laid out
    by the flow ``edges``, with the ``feedback`` links reversed; and the drawing's width
    and height, wrapped towards ``aspect`` (None: not wrapped). ``order`` (the design's
    order) breaks every tie."""
    layer = _layers(list(sizes), edges, feedback, order)
    layers, preds, succs, is_dummy = _with_dummies(sizes, edges, feedback, layer, order)
    _order_layers(layers, preds, succs)
    half = {n: (0.0 if is_dummy[n] else sizes[n][1] / 2) for layer_nodes in layers for n in layer_nodes}
    centre = _coordinates(layers, preds, succs, half, is_dummy)
    widths = [max((sizes[n][0] for n in col if not is_dummy[n]), default=0.0) for col in layers]
    xs = [0.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + snap_up(w + COLUMN_GAP))
    tops = {n: (d, centre[n] - half[n]) for d, col in enumerate(layers) for n in col if not is_dummy[n]}
    return _wrap(tops, sizes, xs, widths, layers, is_dummy, centre, aspect)


def _layers(
    nodes: list[str], edges: Sequence[tuple[str, str]], feedback: Sequence[tuple[str, str]], order: Mapping[str, int]
) -> dict[str, int]:
    succ: dict[str, list[str]] = defaultdict(list)
    for s, t in acyclic(edges, order):
        succ[s].append(t)
    layer = _longest_path(nodes, succ)
    for s, t in feedback:
        if layer[s] < layer[t] and t not in succ[s]:
            succ[s].append(t)
    layer = _longest_path(nodes, succ)
    has_pred = {t for ts in succ.values() for t in ts}
    for n in nodes:  # a source sits just before its nearest successor
        if n not in has_pred and succ.get(n):
            layer[n] = max(layer[n], min(layer[t] for t in succ[n]) - 1)
    return layer


def _longest_path(nodes: list[str], succ: Mapping[str, list[str]]) -> dict[str, int]:
    indeg = dict.fromkeys(nodes, 0)
    for ts in succ.values():
        for t in ts:
            indeg[t] += 1
    layer = dict.fromkeys(nodes, 0)
    ready = [n for n in nodes if indeg[n] == 0]
    while ready:
        n = ready.pop()
        for t in succ.get(n, ()):
            layer[t] = max(layer[t], layer[n] + 1)
            indeg[t] -= 1
            if indeg[t] == 0:
                ready.append(t)
    return layer


def acyclic(edges: Sequence[tuple[str, str]], order: Mapping[str, int]) -> list[tuple[str, str]]:
    """``edges`` without the back edges of an iterative depth-first search (and without
    repeats), roots taken in ``order``."""
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


def _with_dummies(
    sizes: Mapping[str, Size],
    edges: Sequence[tuple[str, str]],
    feedback: Sequence[tuple[str, str]],
    layer: dict[str, int],
    order: Mapping[str, int],
) -> tuple[list[list[str]], dict[str, list[str]], dict[str, list[str]], dict[str, bool]]:
    """Layers (in a first order: the design's), and neighbours one layer up and down,
    with a dummy node wherever a link passes a layer."""
    depth = max(layer.values()) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    for n in sorted(sizes, key=order.__getitem__):
        layers[layer[n]].append(n)
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    is_dummy = dict.fromkeys(sizes, False)
    seen: set[tuple[str, str]] = set()
    for k, (s, t) in enumerate(list(edges) + list(feedback)):
        if layer[s] > layer[t]:
            s, t = t, s  # a link pointing back is drawn, for ordering, as if reversed
        if layer[s] == layer[t] or (s, t) in seen:
            continue
        seen.add((s, t))
        prev = s
        for d in range(layer[s] + 1, layer[t]):
            dummy = f"\0{k}:{d}"
            is_dummy[dummy] = True
            layers[d].append(dummy)
            succs[prev].append(dummy)
            preds[dummy].append(prev)
            prev = dummy
        succs[prev].append(t)
        preds[t].append(prev)
    return layers, preds, succs, is_dummy


def _order_layers(layers: list[list[str]], preds: Mapping[str, list[str]], succs: Mapping[str, list[str]]) -> None:
    """Sweeps, alternately down and up, each followed by transpositions, keeping the
    order with the fewest crossings (as Graphviz dot's mincross); done once sorting by
    the weighted median and once by the barycentre (each wins on some flows), from the
    same first order."""
    start = [list(col) for col in layers]
    best, best_crossings = start, _crossings(start, succs)
    for by_median in (True, False):
        tried = [list(col) for col in start]
        crossings = _sweeps(tried, preds, succs, by_median)
        if crossings < best_crossings:
            best, best_crossings = tried, crossings
    layers[:] = best


def _sweeps(
    layers: list[list[str]], preds: Mapping[str, list[str]], succs: Mapping[str, list[str]], by_median: bool
) -> int:
    """Reorder ``layers`` in place into the best order the sweeps found; its crossings."""
    best = [list(col) for col in layers]
    best_crossings = _crossings(layers, succs)
    pos = {n: i for col in layers for i, n in enumerate(col)}
    stale = 0
    for r in range(_ORDER_ROUNDS):
        if best_crossings == 0 or stale >= _STALE_ROUNDS:
            break
        # Every other pair of sweeps turns ties the other way, to leave a plateau.
        flip = r % 4 >= 2
        if r % 2 == 0:
            for d in range(1, len(layers)):
                _sort_layer(layers[d], preds, pos, by_median, flip)
        else:
            for d in range(len(layers) - 2, -1, -1):
                _sort_layer(layers[d], succs, pos, by_median, flip)
        _transpose(layers, preds, succs, pos, flip)
        crossings = _crossings(layers, succs)
        if crossings < best_crossings:
            best, best_crossings, stale = [list(col) for col in layers], crossings, 0
        else:
            stale += 1
    layers[:] = best
    return best_crossings


def _sort_layer(
    col: list[str], neighbours: Mapping[str, list[str]], pos: dict[str, int], by_median: bool, flip: bool
) -> None:
    """Sort a layer by the weighted median (or the barycentre) of its nodes' neighbours'
    positions, the other breaking ties, then the current order (reversed if ``flip``);
    a node with no neighbours there keeps its place."""
    keyed: list[tuple[float, float, int, str]] = []
    free: list[int] = []
    for i, n in enumerate(col):
        ranks = sorted(pos[m] for m in neighbours.get(n, ()))
        if not ranks:
            continue
        free.append(i)
        median, mean = _weighted_median(ranks), sum(ranks) / len(ranks)
        tie = -i if flip else i
        keyed.append((median, mean, tie, n) if by_median else (mean, median, tie, n))
    keyed.sort()
    for i, (_, _, _, n) in zip(free, keyed, strict=True):
        col[i] = n
    for i, n in enumerate(col):
        pos[n] = i


def _weighted_median(ranks: list[int]) -> float:
    """Graphviz dot's median: the middle rank, or for an even count the two middle ones
    weighted towards the side where the ranks lie closer together."""
    k = len(ranks)
    m = k // 2
    if k % 2:
        return float(ranks[m])
    if k == 2:
        return (ranks[0] + ranks[1]) / 2
    left, right = ranks[m - 1] - ranks[0], ranks[-1] - ranks[m]
    if left + right == 0:
        return (ranks[m - 1] + ranks[m]) / 2
    return (ranks[m - 1] * right + ranks[m] * left) / (left + right)


def _transpose(
    layers: list[list[str]],
    preds: Mapping[str, list[str]],
    succs: Mapping[str, list[str]],
    pos: dict[str, int],
    flip: bool,
) -> None:
    """Swap neighbours in a layer while that lowers the crossings of their links (or, if
    ``flip``, on the first pass, keeps them equal)."""
    for k in range(_TRANSPOSE_PASSES):
        improved = False
        equal_too = flip and k == 0
        for col in layers:
            for i in range(len(col) - 1):
                u, v = col[i], col[i + 1]
                pu, su, pv, sv = preds.get(u, ()), succs.get(u, ()), preds.get(v, ()), succs.get(v, ())
                if not (pu or su) or not (pv or sv):
                    continue
                kept = _pair_crossings(pu, pv, pos) + _pair_crossings(su, sv, pos)
                swapped = _pair_crossings(pv, pu, pos) + _pair_crossings(sv, su, pos)
                if swapped < kept or (equal_too and swapped == kept and kept > 0):
                    col[i], col[i + 1] = v, u
                    pos[u], pos[v] = i + 1, i
                    improved = improved or swapped < kept
        if not improved:
            return


def _pair_crossings(left: Sequence[str], right: Sequence[str], pos: Mapping[str, int]) -> int:
    """How many links from a node to ``left`` cross links from the node just below it
    to ``right`` (in one neighbouring layer)."""
    return sum(1 for a in left for b in right if pos[a] > pos[b])


def _crossings(layers: list[list[str]], succs: Mapping[str, list[str]]) -> int:
    total = 0
    for d in range(len(layers) - 1):
        below = {n: i for i, n in enumerate(layers[d + 1])}
        ends = sorted((i, below[t]) for i, n in enumerate(layers[d]) for t in succs.get(n, ()) if t in below)
        tree = [0] * (len(layers[d + 1]) + 1)
        for seen, (_, j) in enumerate(ends):
            k, smaller_or_equal = j + 1, 0
            while k > 0:
                smaller_or_equal += tree[k]
                k -= k & -k
            total += seen - smaller_or_equal
            k = j + 1
            while k < len(tree):
                tree[k] += 1
                k += k & -k
    return total


def _coordinates(
    layers: list[list[str]],
    preds: Mapping[str, list[str]],
    succs: Mapping[str, list[str]],
    half: Mapping[str, float],
    is_dummy: Mapping[str, bool],
) -> dict[str, float]:
    """Vertical centres: packed first, then pulled towards their neighbours."""
    centre: dict[str, float] = {}
    for col in layers:
        y = 0.0
        for i, n in enumerate(col):
            if i:
                y += _gap(col[i - 1], n, half, is_dummy)
            centre[n] = y
    tallest = max(range(len(layers)), key=lambda d: centre[layers[d][-1]] if layers[d] else 0.0)
    for col in layers:  # centre the shorter layers on the tallest one
        if col:
            shift = (centre[layers[tallest][-1]] - centre[col[-1]]) / 2
            for n in col:
                centre[n] += shift
    # Each node's least distance from the top of its layer, given the order and the gaps.
    offsets = [list(accumulate((_gap(a, b, half, is_dummy) for a, b in pairwise(col)), initial=0.0)) for col in layers]
    for _ in range(_ROUNDS):
        for d in range(1, len(layers)):
            _settle(layers[d], offsets[d], preds, centre, is_dummy)
        for d in range(len(layers) - 2, -1, -1):
            _settle(layers[d], offsets[d], succs, centre, is_dummy)
    both = _both(preds, succs)
    for col, col_offsets in zip(layers, offsets, strict=True):
        _settle(col, col_offsets, both, centre, is_dummy)
    return centre


def _both(preds: Mapping[str, list[str]], succs: Mapping[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for table in (preds, succs):
        for n, ms in table.items():
            out[n].extend(ms)
    return out


def _gap(a: str, b: str, half: Mapping[str, float], is_dummy: Mapping[str, bool]) -> float:
    gap = LANE_GAP if is_dummy[a] or is_dummy[b] else ROW_GAP
    return half[a] + half[b] + gap


def _settle(
    col: list[str],
    offsets: list[float],
    neighbours: Mapping[str, list[str]],
    centre: dict[str, float],
    is_dummy: Mapping[str, bool],
) -> None:
    """Move the layer's nodes as near the mean of their neighbours as the order and gaps
    (``offsets``: each node's least distance from the first) allow (weighted least
    squares: pool adjacent violators on offset positions)."""
    if not col:
        return
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for i, n in enumerate(col):
        ms = neighbours.get(n, ())
        want = sum(centre[m] for m in ms) / len(ms) if ms else centre[n]
        weight = (_DUMMY_WEIGHT if is_dummy[n] else 1.0) * (1.0 if ms else 0.1)
        blocks.append([(want - offsets[i]) * weight, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w
            blocks[-1][2] += c
    i = 0
    for s, w, c in blocks:
        for _ in range(int(c)):
            centre[col[i]] = s / w + offsets[i]
            i += 1


def _wrap(
    tops: dict[str, tuple[int, float]],
    sizes: Mapping[str, Size],
    xs: list[float],
    widths: list[float],
    layers: list[list[str]],
    is_dummy: Mapping[str, bool],
    centre: Mapping[str, float],
    aspect: float | None,
) -> tuple[Positions, float, float]:
    """Snap to the grid, then cut a part far from ``aspect`` into bands."""
    snapped = _snap_layers(tops, sizes, layers, is_dummy)
    y0 = min(y for y in snapped.values())
    pos = {n: (xs[tops[n][0]], y - y0) for n, y in snapped.items()}
    width = xs[-1] + widths[-1]
    height = max(y + sizes[n][1] for n, (_, y) in pos.items())
    if aspect is None:
        return pos, width, height
    if width > aspect * height * 1.6 and len(layers) >= 2 * _MIN_BAND_LAYERS:
        return _bands(pos, sizes, xs, widths, aspect, height)
    if height * aspect > width * 1.6 and len(pos) > 8:
        return _columns(pos, sizes, width, height, aspect)
    return pos, width, height


def _snap_layers(
    tops: dict[str, tuple[int, float]], sizes: Mapping[str, Size], layers: list[list[str]], is_dummy: Mapping[str, bool]
) -> dict[str, float]:
    """Tops on the grid, keeping every layer's order and its gaps."""
    out: dict[str, float] = {}
    for col in layers:
        floor = -math.inf
        for n in col:
            if is_dummy[n]:
                continue
            y = max(round(tops[n][1] / GRID) * GRID, floor)
            out[n] = y
            floor = snap_up(y + sizes[n][1] + ROW_GAP)
    return out


def _bands(
    pos: Positions, sizes: Mapping[str, Size], xs: list[float], widths: list[float], aspect: float, height: float
) -> tuple[Positions, float, float]:
    """Cut the layers into bands of about equal width stacked top to bottom."""
    width = xs[-1] + widths[-1]
    best: tuple[float, int] | None = None
    for k in range(1, len(xs) // _MIN_BAND_LAYERS + 1):
        shape = (width / k) / (k * height + (k - 1) * BAND_GAP)
        score = abs(math.log(shape / aspect))
        if best is None or score < best[0] - 1e-9:
            best = (score, k)
    k = best[1] if best else 1
    starts = [0]
    for b in range(1, k):
        starts.append(min(range(starts[-1] + 1, len(xs)), key=lambda d: abs(xs[d] - b * width / k)))
    band_of = {x: max(b for b, s in enumerate(starts) if xs[s] <= x) for x in xs}
    out: Positions = {}
    tops = [0.0] * k
    bottoms = [0.0] * k
    for n, (x, y) in pos.items():
        b = band_of[x]
        bottoms[b] = max(bottoms[b], y + sizes[n][1])
    for b in range(1, k):
        tops[b] = snap_up(tops[b - 1] + bottoms[b - 1] + BAND_GAP)
    for n, (x, y) in pos.items():
        b = band_of[x]
        out[n] = (x - xs[starts[b]], y + tops[b])
    new_width = max(x + sizes[n][0] for n, (x, _) in out.items())
    return out, new_width, tops[-1] + bottoms[-1]


def _columns(
    pos: Positions, sizes: Mapping[str, Size], width: float, height: float, aspect: float
) -> tuple[Positions, float, float]:
    """Cut a tall drawing between rows into columns set side by side."""
    k = max(1, round(math.sqrt(aspect * height / (width + COLUMN_GAP * 2))))
    if k == 1:
        return pos, width, height
    band = snap_up(height / k)
    step = snap_up(width + 2 * COLUMN_GAP)
    out = {}
    for n, (x, y) in pos.items():
        b = min(k - 1, int((y + sizes[n][1] / 2) // band))
        out[n] = (x + b * step, y - b * band)
    top = min(y for _, y in out.values())
    out = {n: (x, y - top) for n, (x, y) in out.items()}
    new_height = max(y + sizes[n][1] for n, (_, y) in out.items())
    return out, (k - 1) * step + width, new_height


def snap_up(v: float) -> float:
    """``v`` rounded up to the grid."""
    return math.ceil(v / GRID) * GRID


def snap(v: float) -> float:
    """``v`` rounded to the nearest grid line."""
    return round(v / GRID) * GRID
