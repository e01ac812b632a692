"""Core layer: the blocks of a Tidy Up — a big flow cut into its products, and the
blocks packed towards an aspect ratio — Qt-free.

A design of many products sharing a few components is one connected flow; drawn as one
layered drawing its products interleave in every layer. :func:`blocks_of` cuts such a
flow into its products: Louvain communities (networkx) of the flow and the side links,
with a resolution that grows with the number of links — two products join only when
linked by more than about (their links x their links) / (2 x ``_JOIN``) links, the same
cut for 20 products as for 200 (plain modularity merges more, the bigger the design: its
resolution limit) — then moves of single nodes and linked pairs that raise the
modularity (Louvain moves one node at a time and can leave a pair stranded), and tiny
communities joined to their neighbours. :func:`chain` orders the blocks so linked ones
follow each other, and :func:`pack` sets them in snaking columns.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from canvas.core.layering import COLUMN_GAP, snap, snap_up

Positions = dict[str, tuple[float, float]]
Drawing = tuple[Positions, float, float]

#: Gaps between packed blocks: below a block, and beside it.
PART_GAP = 80.0
BLOCK_GAP_X = COLUMN_GAP + PART_GAP
#: A connected flow of more units than this is cut into its products, communities of at
#: least ``_MIN_BLOCK`` units (see the module's docstring for ``_JOIN``).
_SPLIT_MIN = 40
_MIN_BLOCK = 4
_JOIN = 150.0
_REFINE_PASSES = 4
#: Column heights tried, as fractions of the height of a drawing of the same area at the
#: aimed-at aspect ratio.
_COLUMN_TRIES = (0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5, 1.7)


def blocks_of(graph: nx.Graph, side_targets: dict[str, list[str]], unit_order: dict[str, int]) -> list[set[str]]:
    """The units drawn as one block each, in the design's order: the connected parts of
    the flow, a big part cut into its products (Louvain communities, counting also the
    links of the components beside the flow)."""
    out: list[set[str]] = []
    for part in nx.connected_components(graph):
        if len(part) <= _SPLIT_MIN:
            out.append(part)
            continue
        # Built in the design's order: Louvain's result depends on the order it meets
        # nodes in, and a set's order changes from one run of Python to the next.
        g = nx.Graph()
        nodes = sorted(part, key=unit_order.__getitem__)
        g.add_nodes_from(nodes)
        g.add_edges_from((u, v, data) for u in nodes for v, data in graph[u].items())
        for s, targets in side_targets.items():
            for t in targets:
                if t in part:
                    g.add_edge(s, t, weight=g.get_edge_data(s, t, {"weight": 0})["weight"] + 1)
        # The resolution grows with the number of links, so two products join only when
        # linked by more than about (their links x their links) / (2 x _JOIN): the same
        # cut for 20 products as for 200 (plain modularity merges more, the bigger the
        # design: its resolution limit).
        resolution = g.size("weight") / _JOIN
        found = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=0)
        found = _refine(g, [set(c) for c in found], resolution)
        out.extend(_merge_small([c & part for c in found if c & part], graph))
    return sorted(out, key=lambda p: min(unit_order[n] for n in p))


def _refine(g: nx.Graph, communities: list[set[str]], resolution: float) -> list[set[str]]:
    """Louvain moves one node at a time, so two linked nodes that belong elsewhere
    together (a monitor and its retraining hanging off the next product) can stay put:
    move single nodes and linked pairs to the community that raises the modularity,
    while one does."""
    m = g.size("weight")
    if m == 0:
        return communities
    degree = dict(g.degree(weight="weight"))
    of = {n: k for k, c in enumerate(communities) for n in c}
    total = [sum(degree[n] for n in c) for c in communities]
    for _ in range(_REFINE_PASSES):
        moved = False
        movers: list[tuple[str, ...]] = [(n,) for n in g]
        movers += [(u, v) for u, v in g.edges() if of[u] == of[v]]
        for group in movers:
            home = of[group[0]]
            if any(of[n] != home for n in group):
                continue
            links: dict[int, float] = defaultdict(float)
            for n in group:
                for nb, data in g[n].items():
                    if nb not in group:
                        links[of[nb]] += data["weight"]
            d = sum(degree[n] for n in group)
            stay = links.get(home, 0.0)

            gains = {
                k: (w - stay) / m - resolution * d * (total[k] - (total[home] - d)) / (2 * m * m)
                for k, w in links.items()
                if k != home
            }
            best = max(gains, key=lambda k: (gains[k], -k), default=None)
            if best is None or gains[best] <= 1e-12:
                continue
            for n in group:
                communities[home].discard(n)
                communities[best].add(n)
                of[n] = best
            total[home] -= d
            total[best] += d
            moved = True
        if not moved:
            break
    return [c for c in communities if c]


def _merge_small(communities: list[set[str]], graph: nx.Graph) -> list[set[str]]:
    """Communities of fewer than ``_MIN_BLOCK`` units joined to the one they have the most links with."""
    of = {n: k for k, c in enumerate(communities) for n in c}
    for k in sorted(range(len(communities)), key=lambda k: len(communities[k])):
        c = communities[k]
        if not c or len(c) >= _MIN_BLOCK:
            continue
        links: dict[int, int] = defaultdict(int)
        for n in c:
            for m, data in graph[n].items():
                if of[m] != k:
                    links[of[m]] += data["weight"]
        if links:
            into = max(links, key=lambda j: (links[j], -j))
            communities[into] |= c
            of.update(dict.fromkeys(c, into))
            communities[k] = set()
    return [c for c in communities if c]


def chain(parts: list[int], links: dict[int, dict[int, int]]) -> list[int]:
    """The parts in packing order: each followed by the one it has the most links with,
    else by the next in the design's order, so linked blocks end up side by side."""
    left = dict.fromkeys(parts)
    out: list[int] = []
    while left:
        last = out[-1] if out else None
        linked = [j for j in links.get(last, {}) if j in left] if last is not None else []
        nxt = max(linked, key=lambda j: (links[last][j], -j)) if linked and last is not None else next(iter(left))
        out.append(nxt)
        del left[nxt]
    return out


def pack(drawings: list[Drawing], aspect: float) -> tuple[Positions, float, float]:
    """Blocks in columns, in the order given, each column as tall as a height chosen to
    bring the whole nearest ``aspect``; every other column runs bottom to top, so
    consecutive blocks stay next to each other at the turns. A flow runs left to right,
    so a link from one block into the next is shortest with the two one above the other."""
    if not drawings:
        return {}, 0.0, 0.0
    steps = [snap_up(h + PART_GAP) for _, _, h in drawings]
    area = sum((w + BLOCK_GAP_X) * step for (_, w, _), step in zip(drawings, steps, strict=True))
    ideal = math.sqrt(area / aspect)
    best: tuple[float, list[list[int]]] | None = None
    for f in _COLUMN_TRIES:
        columns = _fill(steps, max(max(steps), ideal * f))
        width = sum(snap_up(max(drawings[k][1] for k in col) + BLOCK_GAP_X) for col in columns) - BLOCK_GAP_X
        height = max(sum(steps[k] for k in col) for col in columns) - PART_GAP
        score = abs(math.log(width / height / aspect))
        if best is None or score < best[0] - 1e-9:
            best = (score, columns)
    assert best is not None
    columns = best[1]
    heights = [sum(steps[k] for k in col) - PART_GAP for col in columns]
    height = max(heights)
    out: Positions = {}
    x = 0.0
    for c, col in enumerate(columns):
        y = 0.0 if c % 2 == 0 else snap(height - heights[c])
        for k in col if c % 2 == 0 else col[::-1]:
            out.update({n: (x + px, y + py) for n, (px, py) in drawings[k][0].items()})
            y += steps[k]
        x += snap_up(max(drawings[k][1] for k in col) + BLOCK_GAP_X)
    return out, x - BLOCK_GAP_X, height


def _fill(steps: list[float], height: float) -> list[list[int]]:
    """Consecutive blocks (of heights ``steps``, gaps included) filled into columns of ``height``."""
    columns: list[list[int]] = [[]]
    y = 0.0
    for k, step in enumerate(steps):
        if columns[-1] and y + step - PART_GAP > height:
            columns.append([])
            y = 0.0
        columns[-1].append(k)
        y += step
    return columns
