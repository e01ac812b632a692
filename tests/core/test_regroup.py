"""Regrouping in one step: cards leaving one group and joining another in the same gesture."""

from __future__ import annotations

from canvas.core.annotation_edits import group_components, regroup, set_membership
from canvas.core.model import Component, Design, Position


def design() -> Design:
    d = Design()
    for i, cid in enumerate(["a", "b", "c", "d", "e"]):
        d.components[cid] = Component(id=cid, kind="model", label=cid, position=Position(x=i * 200.0))
    group_components(d, ["a", "b"], "Online").apply(d)
    group_components(d, ["c", "d"], "Offline").apply(d)
    return d


def members(d: Design) -> dict[str, list[str]]:
    return {g.label: list(g.members) for g in d.groups.values()}


def test_leaving_and_joining_in_one_step_keep_each_other() -> None:
    d = design()
    before = d.snapshot()
    online, offline = (g.id for g in d.groups.values())
    edit = regroup(d, {"a": None, "b": offline, "e": online})
    assert edit is not None
    edit.apply(d)
    assert members(d) == {"Online": ["e"], "Offline": ["c", "d", "b"]}
    edit.revert(d)
    assert d.snapshot() == before


def test_a_group_whose_last_member_leaves_goes_and_comes_back_on_undo() -> None:
    d = design()
    before = d.snapshot()
    offline = list(d.groups)[1]
    edit = regroup(d, {"a": offline, "b": offline})
    assert edit is not None
    edit.apply(d)
    assert members(d) == {"Offline": ["c", "d", "a", "b"]}
    edit.revert(d)
    assert d.snapshot() == before


def test_nothing_to_change_is_no_edit() -> None:
    d = design()
    online = list(d.groups)[0]
    assert regroup(d, {"a": online, "e": None, "missing": online}) is None
    assert regroup(d, {"e": "no-such-group"}) is None
    assert set_membership(d, ["a"], online) is None
