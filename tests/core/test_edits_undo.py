"""Undo without Qt: long random sequences of core edits revert to the start and replay to the end.

Every kind of edit a user can make is drawn: add, remove (with links), move (with notes),
link, unlink, set/delete/rename a property, relabel, label a link, suppress/unsuppress, rule
settings, the link style, re-attach a link's end, rename the design, paste a fragment, delete a
multi-selection (notes and groups too), add and edit notes, group, move cards in and out of groups, and replace the
whole design (restoring recovered work). Reverting them all in reverse order must give back the starting
design exactly — the order of components, links and suppressions included, because the
saved file keeps it — and applying them again must give the end state. Sequences come both
from seeded generators (long, fast) and from hypothesis drawing the operations themselves
(so a failure shrinks to the few edits that cause it).
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canvas.core.annotation_edits import AddNote, SetGroup, SetNote, group_components, set_membership
from canvas.core.catalog import KIND_IDS
from canvas.core.clipboard import copy_fragment, paste_fragment
from canvas.core.edits import (
    AddComponent,
    AddLink,
    Edit,
    MoveComponents,
    ReattachLink,
    RemoveComponent,
    RemoveLink,
    RenameProperty,
    ReplaceDesign,
    SetDesignName,
    SetLabel,
    SetLinkLabel,
    SetLinkStyle,
    SetProperty,
    SetRuleSetting,
    SetSuppression,
    remove_many,
)
from canvas.core.model import NOTE_COLORS, Component, Design, Link, Note, Position, RuleSetting, Severity, Size

RULES = ["model.unmonitored", "component.disconnected", "feedback.not-captured"]


def exact(design: Design) -> str:
    """The snapshot as order-sensitive text (``==`` on dicts would ignore key order).

    Property keys and rule settings are compared sorted, as the file saves them
    (``canvas.io.save``): undoing a property deletion puts the key back last in memory."""
    snap = design.snapshot()
    for comp in snap["components"].values():
        comp["properties"] = dict(sorted(comp["properties"].items()))
    snap["settings"]["rules"] = dict(sorted(snap["settings"]["rules"].items()))
    return json.dumps(snap, sort_keys=False)


def start_design(rng: random.Random) -> Design:
    d = Design(name="Start")
    for i in range(6):
        kind = rng.choice(KIND_IDS)
        d.components[f"c{i}"] = Component(
            id=f"c{i}",
            kind=kind,
            label=f"C{i}",
            position=Position(x=i * 200.0, y=0.0),
            properties={"latency_ms": 5, "note": "x"} if i % 2 else {},
        )
    for i in range(5):
        d.links[f"s{i}"] = Link(id=f"s{i}", source=f"c{i}", target=f"c{i + 1}")
    d.notes["note-1"] = Note(id="note-1", text="Online path", position=Position(x=0, y=-200))
    group_components(d, ["c1", "c2"], "Serving").apply(d)
    return d


OPS = [
    "add",
    "remove",
    "move",
    "link",
    "unlink",
    "set_property",
    "delete_property",
    "rename_property",
    "label",
    "link_label",
    "suppress",
    "rule_setting",
    "design_name",
    "paste",
    "delete_many",
    "add_note",
    "edit_note",
    "group",
    "regroup",
    "edit_group",
    "link_style",
    "reattach",
    "replace",
]


def random_edit(design: Design, rng: random.Random, op: int | None = None) -> Edit | None:
    """An edit of kind ``OPS[op]`` (drawn from ``rng`` when ``op`` is None)."""
    comps = list(design.components)
    links = list(design.links)
    if op is None:
        # Replacing the whole design is rare in use; keep it rare here too.
        op = rng.randrange(len(OPS) - 1) if rng.random() > 0.02 else OPS.index("replace")
    if op == 0 or not comps:
        kind = rng.choice(KIND_IDS)
        cid = design.new_component_id(kind)
        where = Position(x=rng.uniform(-500, 500), y=rng.uniform(-500, 500))
        return AddComponent(Component(id=cid, kind=kind, label=cid, position=where))
    cid = rng.choice(comps)
    if op == 1:
        return RemoveComponent(cid)
    notes, groups = list(design.notes), list(design.groups)
    name = OPS[op]
    if name == "move":
        chosen = rng.sample(comps, k=min(len(comps), rng.randint(1, 3)))
        moves = {}
        for c in chosen:
            p = design.components[c].position
            moves[c] = ((p.x, p.y), (p.x + rng.choice([-20, 20, 40]), p.y + rng.choice([-20, 0, 60])))
        note_moves = {}
        for n in rng.sample(notes, k=min(len(notes), rng.randint(0, 2))):
            p = design.notes[n].position
            note_moves[n] = ((p.x, p.y), (p.x + 10, p.y - 10))
        return MoveComponents(moves, note_moves=note_moves)
    if name == "add_note":
        where = Position(x=rng.uniform(-500, 500), y=rng.uniform(-500, 500))
        return AddNote(Note(id=design.new_note_id(), text=f"Note {rng.randint(0, 9)}", position=where))
    if name == "edit_note":
        if not notes:
            return None
        note = design.notes[rng.choice(notes)]
        change = rng.choice(
            [{"text": "Changed"}, {"color": rng.choice(NOTE_COLORS)}, {"size": Size(width=300, height=80)}]
        )
        return SetNote(note.model_copy(update=change))
    if name == "link_style":
        return SetLinkStyle(rng.choice(["orthogonal", "curved"]))
    if name == "reattach":
        if not links:
            return None
        link = design.links[rng.choice(links)]
        ends = (cid, link.target) if rng.random() < 0.5 else (link.source, cid)
        return ReattachLink(link.id, *ends)
    if name == "group":
        return group_components(design, rng.sample(comps, k=min(len(comps), rng.randint(1, 3))), "G")
    if name == "regroup":
        target = rng.choice([None, *groups])
        return set_membership(design, rng.sample(comps, k=min(len(comps), rng.randint(1, 2))), target)
    if name == "edit_group":
        if not groups:
            return None
        group = design.groups[rng.choice(groups)]
        return SetGroup(group.model_copy(update=rng.choice([{"label": "Renamed"}, {"color": "red"}, {"members": []}])))
    if op == 3:
        # any pair, even one the matrix forbids: edits must revert whatever they did
        return AddLink(Link(id=design.new_link_id(), source=cid, target=rng.choice(comps), label=rng.choice(["", "x"])))
    if op == 4 and links:
        return RemoveLink(rng.choice(links))
    if op == 5:
        return SetProperty(cid, rng.choice(["latency_ms", "monthly_cost", "note", "new"]), rng.randint(0, 99))
    if op == 6:
        return SetProperty(cid, rng.choice(["latency_ms", "note", "absent"]), delete=True)
    if op == 7:
        props = list(design.components[cid].properties)
        if props:
            return RenameProperty(cid, rng.choice(props), f"renamed_{rng.randint(0, 9)}")
        return None
    if op == 8:
        return SetLabel(cid, f"Label {rng.randint(0, 999)}")
    if op == 9 and links:
        return SetLinkLabel(rng.choice(links), rng.choice(["", "events", "features"]))
    if op == 10:
        reason = rng.choice([None, "shadow model", "accepted risk"])
        return SetSuppression(cid, rng.choice(RULES), reason)
    if op == 11:
        setting = rng.choice([None, RuleSetting(enabled=False), RuleSetting(severity=Severity.INFO)])
        return SetRuleSetting(rng.choice(RULES), setting)
    if op == 12:
        return SetDesignName(rng.choice(["A", "B", "Untitled design"]))
    if op == 13:
        fragment = copy_fragment(
            design, rng.sample(comps, k=min(len(comps), rng.randint(1, 4))), rng.sample(notes, k=min(len(notes), 1))
        )
        batch, _ = paste_fragment(design, fragment, (rng.choice([30, 40]), 30.0))
        return batch
    if name == "replace":
        other = start_design(rng)
        other.name = f"Recovered {rng.randint(0, 9)}"
        gone = other.components.pop(rng.choice(list(other.components))).id
        other.links = {k: l for k, l in other.links.items() if gone not in (l.source, l.target)}
        # and out of its group, as the loader would insist: a group's members are components
        other.groups = {
            gid: g.model_copy(update={"members": [m for m in g.members if m != gone]})
            for gid, g in other.groups.items()
            if [m for m in g.members if m != gone]
        }
        return ReplaceDesign(other)
    chosen = rng.sample(comps, k=min(len(comps), rng.randint(0, 2)))
    return remove_many(
        design,
        chosen,
        rng.sample(links, k=min(len(links), rng.randint(0, 2))),
        note_ids=rng.sample(notes, k=min(len(notes), rng.randint(0, 1))),
        group_ids=rng.sample(groups, k=min(len(groups), rng.randint(0, 1))),
    )


def run_sequence(seed: int, length: int) -> tuple[Design, list[Edit], str, str, dict[str, Any]]:
    rng = random.Random(seed)
    design = start_design(rng)
    start = exact(design)
    start_plain = design.snapshot()
    applied: list[Edit] = []
    while len(applied) < length:
        edit = random_edit(design, rng)
        if edit is None:
            continue
        edit.apply(design)
        applied.append(edit)
    return design, applied, start, exact(design), start_plain


def check_round_trip(seed: int, length: int) -> None:
    design, applied, start, end, start_plain = run_sequence(seed, length)
    for edit in reversed(applied):
        edit.revert(design)
    assert design.snapshot() == start_plain
    assert exact(design) == start
    for edit in applied:
        edit.apply(design)
    assert exact(design) == end
    # and back once more: edits stay reversible after a redo
    for edit in reversed(applied):
        edit.revert(design)
    assert exact(design) == start


@pytest.mark.parametrize("seed", range(8))
def test_long_random_sequences_revert_and_replay(seed: int) -> None:
    check_round_trip(seed, 400)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), length=st.integers(min_value=1, max_value=120))
def test_any_sequence_reverts_and_replays(seed: int, length: int) -> None:
    check_round_trip(seed, length)


def check_drawn(ops: list[tuple[int, int]]) -> None:
    """Apply the drawn (operation, seed) pairs; revert all; re-apply; revert again."""
    rng = random.Random(0)
    design = start_design(rng)
    start, start_plain = exact(design), design.snapshot()
    applied: list[Edit] = []
    for op, seed in ops:
        edit = random_edit(design, random.Random(seed), op)
        if edit is None:
            continue
        edit.apply(design)
        applied.append(edit)
    end = exact(design)
    for edit in reversed(applied):
        edit.revert(design)
    assert design.snapshot() == start_plain
    assert exact(design) == start
    for edit in applied:
        edit.apply(design)
    assert exact(design) == end
    for edit in reversed(applied):
        edit.revert(design)
    assert exact(design) == start


drawn_op = st.tuples(st.integers(0, len(OPS) - 1), st.integers(0, 2**32 - 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(drawn_op, min_size=100, max_size=400))
def test_hypothesis_drawn_long_sequences(ops: list[tuple[int, int]]) -> None:
    check_drawn(ops)


STRESSED = [
    OPS.index(name)
    for name in (
        "paste",
        "delete_many",
        "remove",
        "suppress",
        "rule_setting",
        "set_property",
        "move",
        "link",
        "unlink",
        "group",
        "regroup",
    )
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STRESSED), st.integers(0, 2**32 - 1)), min_size=150, max_size=500))
def test_paste_delete_suppress_heavy_sequences(ops: list[tuple[int, int]]) -> None:
    """Mostly paste, delete and suppress, interleaved with links, moves and settings."""
    check_drawn(ops)


def test_replace_design_restores_every_field_and_order() -> None:
    rng = random.Random(5)
    design = start_design(rng)
    design.settings.rules["model.unmonitored"] = RuleSetting(enabled=False)
    before = exact(design)
    other = Design(name="Other")
    edit = ReplaceDesign(other)
    assert [c.kind for c in edit.apply(design)] == ["design_replaced"]
    assert exact(design) == exact(other)
    # Edits after the replace act on fresh copies, not on the edit's own design.
    SetDesignName("Changed").apply(design)
    assert other.name == "Other"
    edit.revert(design)
    assert exact(design) == before
    edit.apply(design)
    assert design.name == "Other"


def test_sequences_really_change_the_design() -> None:
    """Guard against a vacuous test: the random edits do change the design."""
    _design, applied, start, end, _ = run_sequence(3, 200)
    assert start != end
    kinds = {type(e).__name__ for e in applied}
    assert {
        "AddComponent",
        "RemoveComponent",
        "MoveComponents",
        "AddLink",
        "RemoveLink",
        "SetProperty",
        "RenameProperty",
        "SetLabel",
        "SetLinkLabel",
        "SetSuppression",
        "SetRuleSetting",
        "SetDesignName",
        "Batch",
        "RemoveMany",
        "AddNote",
        "SetNote",
        "SetGroup",
    } <= kinds
    all_kinds = set().union(*({type(e).__name__ for e in run_sequence(seed, 400)[1]} for seed in range(8)))
    assert "ReplaceDesign" in all_kinds
