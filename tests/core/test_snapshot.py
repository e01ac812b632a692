"""Snapshots for the checker thread: copies no edit can reach, kept in step with the design."""

from __future__ import annotations

import copy
import random

from canvas.core.catalog import KIND_IDS
from canvas.core.edits import (
    AddComponent,
    AddLink,
    Changes,
    Edit,
    MoveComponents,
    SetLabel,
    SetLinkLabel,
    SetProperty,
    SetSuppression,
    remove_many,
)
from canvas.core.model import Component, Design, Link, Position, RuleSetting, Suppression
from canvas.core.snapshot import SnapshotCache, copy_design


def sample() -> Design:
    d = Design(name="Sample")
    d.components["a"] = Component(
        id="a",
        kind="model",
        label="A",
        position=Position(x=1, y=2),
        properties={"latency_ms": 10, "nested": {"list": [1, {"deep": True}]}},
        suppressions=[Suppression(rule="model.unmonitored", reason="shadow")],
    )
    d.components["b"] = Component(id="b", kind="deployment", label="B")
    d.links["l"] = Link(id="l", source="a", target="b", label="serves")
    return d


def mutate_everything_in_place(d: Design) -> None:
    """What no edit does today, and what a snapshot must survive all the same."""
    a = d.components["a"]
    a.label = "changed"
    a.position.x = 999.0
    a.properties["latency_ms"] = 99
    a.properties["nested"]["list"][1]["deep"] = False
    a.properties["nested"]["list"].append(3)
    a.suppressions[0].reason = "changed"
    a.suppressions.append(Suppression(rule="x", reason="y"))
    d.links["l"].label = "changed"
    d.settings.rules["model.unmonitored"] = RuleSetting(enabled=False)
    del d.components["b"]
    d.name = "changed"


def scribble_over(d: Design) -> None:
    """Change every component and link of ``d`` in place."""
    for comp in d.components.values():
        comp.label += "!"
        comp.position.x += 1
        comp.properties["scribbled"] = [1]
        comp.suppressions.append(Suppression(rule="x", reason="y"))
    for link in d.links.values():
        link.label += "!"


def test_a_copy_shares_no_mutable_object() -> None:
    live = sample()
    frozen = copy_design(live)
    before = frozen.snapshot()
    assert before == live.snapshot()
    mutate_everything_in_place(live)
    assert frozen.snapshot() == before
    assert live.frozen_view().snapshot() == live.snapshot()  # frozen_view is such a copy


def _random_edit(design: Design, rng: random.Random, n: int) -> Edit:
    comps, links = list(design.components), list(design.links)
    choice = rng.randrange(8) if comps else 0
    if choice == 0:
        cid = f"c{n}"
        return AddComponent(
            Component(id=cid, kind=rng.choice(KIND_IDS), label=cid, position=Position(x=rng.random(), y=rng.random()))
        )
    cid = rng.choice(comps)
    if choice == 1:
        return SetProperty(cid, "latency_ms", rng.randrange(100))
    if choice == 2:
        return SetLabel(cid, f"label {n}")
    if choice == 3:
        pos = design.components[cid].position
        return MoveComponents({cid: ((pos.x, pos.y), (pos.x + 20, pos.y))})
    if choice == 4:
        return SetSuppression(cid, "model.unmonitored", rng.choice([None, f"reason {n}"]))
    if choice == 5 and links:
        return SetLinkLabel(rng.choice(links), f"link {n}")
    if choice == 6 and len(comps) > 1:
        a, b = rng.sample(comps, 2)
        return AddLink(Link(id=f"l{n}", source=a, target=b))
    return remove_many(design, [cid], [])


def _tell(cache: SnapshotCache, changes: Changes) -> None:
    """What the checker service does with the document's signals."""
    for change in changes:
        if change.kind.startswith("component_"):
            cache.component_changed(change.id)
        elif change.kind.startswith("link_"):
            cache.link_changed(change.id)
        elif change.kind == "design_replaced":
            cache.reset()


def test_the_cache_follows_every_edit_and_undo_and_never_changes_a_snapshot() -> None:
    rng = random.Random(16)
    live, cache = sample(), SnapshotCache()
    done: list[Edit] = []
    taken: list[tuple[Design, dict]] = []
    for n in range(300):
        edit = _random_edit(live, rng, n)
        _tell(cache, edit.apply(live))
        done.append(edit)
        if n % 7 == 0 and done:  # undo now and then, as a user does
            _tell(cache, done.pop().revert(live))
        snap = cache.snapshot(live)
        assert snap.snapshot() == live.snapshot()
        taken.append((snap, copy.deepcopy(snap.snapshot())))
    scribble_over(live)
    for snap, then in taken:  # every snapshot handed out is still what it was
        assert snap.snapshot() == then
