"""Link routing (core, no Qt): orthogonal routes around cards, checked geometrically."""

from __future__ import annotations

import random

import pytest

from canvas.core.geometry import Rect
from canvas.core.layout import tidy_layout
from canvas.core.link_path import path_steps, point_at_half
from canvas.core.routing import LinkEnds, LinkRouter, route_all, route_some
from tests.core.geometry_checks import (
    CARD_H,
    CARD_W,
    TEMPLATES,
    cards_of,
    ends_of,
    overlapping_segments,
    route_problems,
    template,
)


def row(n: int, gap: float = 90.0, y: float = 0.0) -> dict[str, Rect]:
    return {f"c{i}": Rect(i * (CARD_W + gap), y, CARD_W, CARD_H) for i in range(n)}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
@pytest.mark.parametrize("tidy", [True, False], ids=["tidied", "as-shipped"])
def test_template_routes_pass_no_card_and_start_and_end_on_their_cards(path, tidy):
    design = template(path)
    cards = cards_of(design, tidy_layout(design) if tidy else None)
    links = ends_of(design)
    routes = route_all(cards, links)
    assert set(routes) == {link.id for link in links}
    assert route_problems(cards, links, routes) == []
    if tidy:
        assert overlapping_segments(routes) == []


def test_forward_links_leave_right_and_enter_left_and_stacked_cards_use_top_and_bottom():
    cards = {"a": Rect(0, 0, CARD_W, CARD_H), "b": Rect(300, 120, CARD_W, CARD_H), "c": Rect(0, 200, CARD_W, CARD_H)}
    routes = route_all(cards, [LinkEnds("ab", "a", "b"), LinkEnds("ac", "a", "c")])
    assert (routes["ab"].source_side, routes["ab"].target_side) == ("right", "left")
    assert (routes["ac"].source_side, routes["ac"].target_side) == ("bottom", "top")
    assert routes["ab"].points[0] == (CARD_W, CARD_H / 2) and routes["ab"].points[-1] == (300, 120 + CARD_H / 2)


def test_a_feedback_link_goes_over_or_under_the_cards_between_not_through_them():
    cards = row(5) | {"below": Rect(2 * (CARD_W + 90), 100, CARD_W, CARD_H)}
    links = [LinkEnds(f"f{i}", f"c{i}", f"c{i + 1}") for i in range(4)] + [LinkEnds("back", "c4", "c0")]
    routes = route_all(cards, links)
    assert route_problems(cards, links, routes) == []
    back = routes["back"].points
    middle = [p for p in back[1:-1]]
    # every corner lies above the row or below the lowest card between the ends
    assert all(y < 0 or y > 100 + CARD_H for _, y in middle)


def test_parallel_links_and_links_sharing_a_side_stay_apart():
    cards = {"a": Rect(0, 0, CARD_W, CARD_H), "b": Rect(400, 200, CARD_W, CARD_H), "c": Rect(400, -200, CARD_W, CARD_H)}
    links = [
        LinkEnds("1", "a", "b"),
        LinkEnds("2", "a", "b"),
        LinkEnds("3", "a", "b"),
        LinkEnds("4", "a", "c"),
        LinkEnds("5", "b", "a"),
    ]
    routes = route_all(cards, links)
    assert route_problems(cards, links, routes) == []
    assert overlapping_segments(routes) == []
    starts = [routes[k].points[0] for k in ("1", "2", "3", "4")]
    assert len(set(starts)) == 4


def test_random_grids_route_clear_and_deterministically():
    for seed in range(12):
        rng = random.Random(seed)
        cells = rng.sample([(i, j) for i in range(7) for j in range(6)], 24)
        cards = {
            f"n{k}": Rect(i * 240 + rng.choice((0, 20, 40)), j * 110 + rng.choice((0, 10)), CARD_W, CARD_H)
            for k, (i, j) in enumerate(cells)
        }
        ids = sorted(cards)
        links = [LinkEnds(f"l{k}", *rng.sample(ids, 2)) for k in range(30)]
        routes = route_all(cards, links)
        assert route_problems(cards, links, routes) == [], seed
        assert routes == route_all(dict(cards), list(links))


def test_rerouting_after_a_move_changes_only_the_moved_cards_links_and_their_neighbours():
    cards = row(4) | {"top": Rect(260, -200, CARD_W, CARD_H)}
    links = [
        LinkEnds("a", "c0", "c1"),
        LinkEnds("b", "c1", "c2"),
        LinkEnds("c", "c2", "c3"),
        LinkEnds("d", "top", "c3"),
    ]
    router = LinkRouter(cards, links)
    before = router.route_all()
    moved = Rect(260, 200, CARD_W, CARD_H)
    router.move_card("c1", moved)
    changed = router.reroute(router.links_of(["c1"]))
    assert {"a", "b"} <= set(changed) and "d" not in changed
    after = dict(before) | changed
    new_cards = dict(cards) | {"c1": moved}
    assert route_problems(new_cards, links, after) == []
    # the one-shot function gives the same as the kept router
    assert route_some(new_cards, links, ["a", "b"], before) == changed


def test_self_links_and_missing_cards():
    cards = {"a": Rect(0, 0, CARD_W, CARD_H)}
    routes = route_all(cards, [LinkEnds("self", "a", "a"), LinkEnds("dangling", "a", "gone")])
    assert set(routes) == {"self"}
    assert routes["self"].points[0] == (CARD_W, CARD_H / 2)


def test_path_steps_round_corners_or_curve():
    z = ((0.0, 0.0), (50.0, 0.0), (50.0, 100.0), (100.0, 100.0))
    steps = path_steps(z)
    assert steps[-1] == ("L", 100.0, 100.0)
    assert [s[0] for s in steps] == ["L", "Q", "L", "Q", "L"]
    assert path_steps(z, "curved") == [("C", 50.0, 0.0, 50.0, 100.0, 100.0, 100.0)]
    u = ((0.0, 0.0), (0.0, -40.0), (-300.0, -40.0), (-300.0, 0.0))
    assert path_steps(u, "curved")[-1] == ("L", -300.0, 0.0)
    assert point_at_half(z) == (50.0, 50.0)


def test_long_links_in_a_tangled_tidied_design_go_along_the_gaps_through_no_card():
    # 300 components linked at random: many links run far across the drawing, between
    # blocks and columns, where no simple shape is clear.
    from canvas.core.model import Component, Design, Link

    rng = random.Random(3)
    kinds = ["data_source", "data_pipeline", "feature_pipeline", "training", "model", "deployment", "monitoring"]
    design = Design()
    for i in range(300):
        design.components[f"c{i}"] = Component(id=f"c{i}", kind=rng.choice(kinds), label=f"c{i}")
    for k in range(360):
        a, b = rng.sample(range(300), 2)
        design.links[f"l{k}"] = Link(id=f"l{k}", source=f"c{a}", target=f"c{b}")
    cards = cards_of(design, tidy_layout(design))
    links = ends_of(design)
    routes = route_all(cards, links)
    assert route_problems(cards, links, routes) == []
    # and after a card moves, its links are routed clear again
    router = LinkRouter(cards, links)
    router.route_all()
    for cid in ("c0", "c1", "c2"):
        moved = Rect(cards[cid].x + 130, cards[cid].y + 40, CARD_W, CARD_H)
        router.move_card(cid, moved)
        cards = dict(cards) | {cid: moved}
        changed = router.reroute(router.links_of([cid]))
        own = [link for link in links if cid in (link.source, link.target)]
        assert route_problems(cards, own, dict(router.routes) | changed) == []
