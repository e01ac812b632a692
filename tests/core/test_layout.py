"""Auto-layout (core, no Qt): left to right by flow, no overlaps, loops and loners handled."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from canvas.core.catalog import FEEDBACK_SOURCES
from canvas.core.layout import GRID, tidy_layout
from canvas.core.model import Component, Design, Link, Position

CARD_W, CARD_H = 170.0, 64.0


def build(components: list[tuple[str, str]], links: list[tuple[str, str]]) -> Design:
    d = Design()
    for i, (cid, kind) in enumerate(components):
        where = Position(x=(i * 37) % 300, y=(i * 53) % 400)
        d.components[cid] = Component(id=cid, kind=kind, label=cid, position=where)
    for i, (s, t) in enumerate(links):
        d.links[f"l{i}"] = Link(id=f"l{i}", source=s, target=t)
    return d


def assert_no_overlaps(pos: dict[str, tuple[float, float]]) -> None:
    cells = sorted(pos.values())
    seen = set()
    for x, y in cells:
        assert (x, y) not in seen
        seen.add((x, y))
    # same column or far apart: compare neighbours in a sweep over x
    by_column: dict[float, list[float]] = {}
    for x, y in cells:
        by_column.setdefault(x, []).append(y)
    xs = sorted(by_column)
    for a, b in zip(xs, xs[1:], strict=False):
        assert b - a >= CARD_W + 20
    for ys in by_column.values():
        ys.sort()
        for a, b in zip(ys, ys[1:], strict=False):
            assert b - a >= CARD_H + 20


REFERENCE = build(
    [
        ("req", "business_requirement"),
        ("infra", "infrastructure"),
        ("users", "users"),
        ("src", "data_source"),
        ("pipe", "data_pipeline"),
        ("tdata", "training_data"),
        ("feat", "feature_pipeline"),
        ("train", "training"),
        ("model", "model"),
        ("eval", "evaluation"),
        ("dep", "deployment"),
        ("app", "interface"),
        ("mon", "monitoring"),
        ("cl", "continual_learning"),
        ("lonely", "developers"),
        ("alone", "data_source"),
    ],
    [
        ("src", "pipe"),
        ("pipe", "tdata"),
        ("tdata", "feat"),
        ("feat", "train"),
        ("train", "model"),
        ("model", "eval"),
        ("eval", "dep"),
        ("dep", "app"),
        ("dep", "mon"),
        ("mon", "cl"),
        ("cl", "train"),
        ("app", "src"),
        ("users", "app"),
        ("app", "users"),
        ("req", "model"),
        ("infra", "train"),
        ("infra", "dep"),
        ("feat", "dep"),
    ],
)


def test_flow_goes_left_to_right_and_nothing_overlaps():
    # In a view as wide as the flow (a 16:9 view wraps this 9-layer flow into two bands).
    pos = tidy_layout(REFERENCE, aspect=8)
    assert set(pos) == set(REFERENCE.components)
    assert_no_overlaps(pos)
    kinds = {cid: c.kind for cid, c in REFERENCE.components.items()}
    for link in REFERENCE.links.values():
        if kinds[link.source] in FEEDBACK_SOURCES | {"business_requirement", "infrastructure", "developers"}:
            continue  # feedback and update links may point back; side components sit above/below
        assert pos[link.source][0] < pos[link.target][0], (link.source, link.target)
    chain = ["src", "pipe", "tdata", "feat", "train", "model", "eval", "dep", "app"]
    xs = [pos[c][0] for c in chain]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)


def test_side_components_sit_above_and_below_what_they_serve_and_loners_go_below():
    pos = tidy_layout(REFERENCE, aspect=8)
    column = [y for cid, (x, y) in pos.items() if x == pos["model"][0] and cid != "req"]
    assert pos["req"][0] == pos["model"][0] and pos["req"][1] < min(column)  # requirement on top of its model's column
    assert pos["train"][0] <= pos["infra"][0] <= pos["dep"][0]  # infrastructure below what it hosts
    assert pos["infra"][1] > max(pos["train"][1], pos["dep"][1])
    assert pos["cl"][0] > pos["mon"][0]  # retraining follows its monitor
    linked_bottom = max(y for cid, (x, y) in pos.items() if cid not in ("lonely", "alone"))
    assert pos["lonely"][1] > linked_bottom and pos["alone"][1] > linked_bottom
    assert pos["users"][0] < pos["app"][0]  # a forward feedback link is kept: users before the app


def test_positions_are_on_the_grid_and_start_at_the_old_corner():
    d = build([("a", "data_source"), ("b", "model")], [("a", "b")])
    d.components["a"].position = Position(x=1003, y=-497)
    d.components["b"].position = Position(x=2000, y=300)
    pos = tidy_layout(d)
    assert all(x % GRID == 0 and y % GRID == 0 for x, y in pos.values())
    assert min(x for x, _ in pos.values()) == 1000 and min(y for _, y in pos.values()) == -500


def test_cycles_without_feedback_kinds_are_broken():
    d = build(
        [("a", "data_pipeline"), ("b", "data_source"), ("c", "data_pipeline"), ("m", "model")],
        [("a", "b"), ("b", "c"), ("c", "a"), ("c", "m"), ("m", "m")],
    )
    pos = tidy_layout(d)
    assert_no_overlaps(pos)
    assert pos["a"][0] < pos["b"][0] < pos["c"][0] < pos["m"][0]


def test_separate_systems_are_stacked():
    d = build([("a", "data_source"), ("b", "model"), ("c", "data_source"), ("e", "model")], [("a", "b"), ("c", "e")])
    pos = tidy_layout(d)
    assert_no_overlaps(pos)
    assert pos["a"][1] == pos["b"][1] and pos["c"][1] == pos["e"][1] and pos["c"][1] > pos["a"][1]


def test_empty_and_deterministic():
    assert tidy_layout(Design()) == {}
    assert tidy_layout(REFERENCE) == tidy_layout(REFERENCE.clone())


@pytest.mark.parametrize("n", [3000])
def test_big_design_lays_out_without_overlaps(n):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        from synthetic import make_design
    finally:
        sys.path.pop(0)
    d = make_design(n)
    pos = tidy_layout(d)
    assert len(pos) == n
    assert len(set(pos.values())) == n
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    width, height = max(xs) - min(xs) + CARD_W, max(ys) - min(ys) + CARD_H
    assert 0.4 < width / height < 6  # cut into bands, not one column 30,000 units tall


# --- layouts worth keeping (issue 19) ------------------------------------------------
from canvas.core.model import Group  # noqa: E402
from tests.core.geometry_checks import TEMPLATES, cards_of, template  # noqa: E402


def boxes_overlap(pos: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    items = sorted(pos.items(), key=lambda kv: kv[1])
    found = []
    for i, (a, (ax, ay)) in enumerate(items):
        for b, (bx, by) in items[i + 1 :]:
            if bx >= ax + CARD_W:
                break
            if abs(by - ay) < CARD_H and abs(bx - ax) < CARD_W:
                found.append((a, b))
    return found


def aspect_of(pos: dict[str, tuple[float, float]]) -> float:
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    return (max(xs) - min(xs) + CARD_W) / (max(ys) - min(ys) + CARD_H)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_templates_tidy_into_a_compact_view_shaped_drawing(path):
    design = template(path)
    pos = tidy_layout(design)
    assert set(pos) == set(design.components)
    assert boxes_overlap(pos) == []
    assert 0.8 < aspect_of(pos) < 3.2  # near 16:9, not one row twelve columns wide


def test_the_aspect_ratio_follows_the_view():
    design = template(next(p for p in TEMPLATES if p.stem == "search-ranking"))
    wide, narrow = aspect_of(tidy_layout(design, aspect=4.0)), aspect_of(tidy_layout(design, aspect=1.0))
    assert wide > narrow


def with_group(design: Design, members: list[str]) -> Design:
    """The design with ``members`` in a group "g" of their own (out of the groups a
    template already puts them in: a component is in one group at most)."""
    d = design.clone()
    for gid, group in list(d.groups.items()):
        kept = [m for m in group.members if m not in members]
        if kept:
            d.groups[gid] = group.model_copy(update={"members": kept})
        else:
            del d.groups[gid]
    d.groups["g"] = Group(id="g", label="Serving", members=members)
    return d


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_a_groups_frame_holds_only_its_members(path):
    design = template(path)
    ids = list(design.components)
    members = [c for c in ids if design.components[c].kind in ("deployment", "interface", "monitoring", "users")]
    d = with_group(design, members)
    pos = tidy_layout(d)
    assert boxes_overlap(pos) == []
    left = min(pos[m][0] for m in members)
    top = min(pos[m][1] for m in members)
    right = max(pos[m][0] for m in members) + CARD_W
    bottom = max(pos[m][1] for m in members) + CARD_H
    intruders = [
        c
        for c in ids
        if c not in members
        and pos[c][0] < right
        and pos[c][0] + CARD_W > left
        and pos[c][1] < bottom
        and pos[c][1] + CARD_H > top
    ]
    assert intruders == []


def test_tidying_a_selection_leaves_the_rest_where_it_was_and_overlaps_nothing():
    design = template(next(p for p in TEMPLATES if p.stem == "recommender"))
    chosen = list(design.components)[:8]
    pos = tidy_layout(design, only=chosen)
    assert set(pos) == set(chosen)
    merged = {cid: (c.position.x, c.position.y) for cid, c in design.components.items()} | pos
    assert boxes_overlap(merged) == []
    assert all(x % GRID == 0 and y % GRID == 0 for x, y in pos.values())


def synthetic(n: int) -> Design:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        from synthetic import make_design
    finally:
        sys.path.pop(0)
    return make_design(n, cross_link_rate=1.0)


def product_of(cid: str) -> str:
    return cid.rsplit("-", 1)[1]  # the synthetic design's ids: "<role>-<product>"


def intruders(pos: dict[str, tuple[float, float]], members: list[str]) -> list[str]:
    """Cards of others overlapping the box around ``members``."""
    left = min(pos[m][0] for m in members)
    top = min(pos[m][1] for m in members)
    right = max(pos[m][0] for m in members) + CARD_W
    bottom = max(pos[m][1] for m in members) + CARD_H
    inside = set(members)
    return [
        c
        for c, (x, y) in pos.items()
        if c not in inside and x < right and x + CARD_W > left and y < bottom and y + CARD_H > top
    ]


@pytest.fixture(scope="module")
def tidied_300() -> tuple[Design, dict[str, tuple[float, float]]]:
    design = synthetic(300)  # 21 products, each linked to the next by two links
    return design, tidy_layout(design)


def test_a_design_of_many_products_draws_each_product_as_its_own_block(tidied_300):
    design, pos = tidied_300
    assert boxes_overlap(pos) == []
    products: dict[str, list[str]] = {}
    for cid in design.components:
        if not cid.startswith("extra"):
            products.setdefault(product_of(cid), []).append(cid)
    assert len(products) == 21
    # Requirements and infrastructure included: nobody else's card inside a product's box.
    assert {p: found for p, members in products.items() if (found := intruders(pos, members))} == {}
    # Each product is a flow left to right, its requirement above its model, its
    # infrastructure below its training.
    for p in products:
        assert pos[f"src-{p}"][0] < pos[f"train-{p}"][0] < pos[f"model-{p}"][0] < pos[f"dep-{p}"][0]
        assert pos[f"req-{p}"][1] < pos[f"model-{p}"][1] and pos[f"infra-{p}"][1] > pos[f"train-{p}"][1]
    assert 16 / 9 / 1.5 < aspect_of(pos) < 16 / 9 * 1.5


def test_a_design_of_many_products_routes_clear_with_few_crossings(tidied_300):
    from canvas.core.routing import route_all
    from tests.core.geometry_checks import crossings, ends_of, route_problems

    design, pos = tidied_300
    cards = cards_of(design, pos)
    links = ends_of(design)
    routes = route_all(cards, links)
    assert route_problems(cards, links, routes) == []
    # Graphviz dot's drawing of this design (one long staircase, 6.8 times as wide as
    # high), routed the same way, has 114 crossings; this one has about 250: about 12
    # inside each product (its feedback loops round it, its requirement and
    # infrastructure's links) and the two links from each product into the next crossing
    # those. The products drawn interleaved, as before, gave 4,477.
    assert crossings(routes) <= 300


def test_groups_stay_together_in_a_design_of_many_products():
    from canvas.core.routing import route_all
    from tests.core.geometry_checks import ends_of, route_problems

    design = synthetic(300)
    for p in range(0, 21, 3):
        members = [f"{role}-{p}" for role in ("dep", "app", "mon", "users")]
        design.groups[f"g{p}"] = Group(id=f"g{p}", label=f"Serving {p}", members=members)
    pos = tidy_layout(design)
    assert boxes_overlap(pos) == []
    assert [intruders(pos, group.members) for group in design.groups.values()] == [[]] * len(design.groups)
    cards = cards_of(design, pos)
    links = ends_of(design)
    assert route_problems(cards, links, route_all(cards, links)) == []


def test_different_products_joined_by_a_few_links_each_stay_whole():
    from canvas.core.model import Component
    from canvas.core.routing import route_all
    from tests.core.geometry_checks import ends_of, route_problems

    design = Design()
    products: list[list[str]] = []
    for k, path in enumerate(TEMPLATES):
        part = template(path)
        products.append([f"t{k}-{cid}" for cid in part.components])
        for cid, c in part.components.items():
            design.components[f"t{k}-{cid}"] = c.model_copy(update={"id": f"t{k}-{cid}"})
        for lid, link in part.links.items():
            ends = {"source": f"t{k}-{link.source}", "target": f"t{k}-{link.target}"}
            design.links[f"t{k}-{lid}"] = Link(id=f"t{k}-{lid}", **ends)

    def first(k: int, kind: str) -> str:
        return next(c for c in products[k] if design.components[c].kind == kind)

    # Each product's features feed the next one's training; one cluster hosts every training.
    design.components["hub"] = Component(id="hub", kind="infrastructure", label="Shared GPU cluster")
    for k in range(len(products)):
        design.links[f"h{k}"] = Link(id=f"h{k}", source="hub", target=first(k, "training"))
        if k:
            ends = {"source": first(k - 1, "feature_pipeline"), "target": first(k, "training")}
            design.links[f"x{k}"] = Link(id=f"x{k}", **ends)
    pos = tidy_layout(design)
    assert boxes_overlap(pos) == []
    assert [[c for c in intruders(pos, members) if c != "hub"] for members in products] == [[]] * len(products)
    # Each product whole: its flow runs left to right (a product cut in two would have
    # its pieces side by side or stacked, some links running back).
    beside = FEEDBACK_SOURCES | {"business_requirement", "infrastructure", "developers"}
    backwards = [
        link.id
        for lid, link in design.links.items()
        if lid.startswith("t")
        and design.components[link.source].kind not in beside
        and pos[link.source][0] >= pos[link.target][0]
    ]
    assert backwards == []
    cards = cards_of(design, pos)
    links = ends_of(design)
    assert route_problems(cards, links, route_all(cards, links)) == []
