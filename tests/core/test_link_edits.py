"""Re-attaching a link's end and the design's link style: core edits, reversible, no Qt."""

from __future__ import annotations

from canvas.core.edits import ReattachLink, SetLinkStyle, link_problem
from canvas.core.model import Component, Design, Link, Position


def design() -> Design:
    d = Design()
    for i, (cid, kind) in enumerate([("m", "model"), ("d1", "deployment"), ("d2", "deployment"), ("t", "training")]):
        d.components[cid] = Component(id=cid, kind=kind, label=cid, position=Position(x=i * 200.0))
    d.links["a"] = Link(id="a", source="m", target="d1", label="serves")
    d.links["b"] = Link(id="b", source="t", target="m")
    return d


def test_reattach_keeps_the_links_id_label_and_place_and_reverts():
    d = design()
    edit = ReattachLink("a", "m", "d2")
    edit.apply(d)
    assert list(d.links) == ["a", "b"]
    assert (d.links["a"].source, d.links["a"].target, d.links["a"].label) == ("m", "d2", "serves")
    edit.revert(d)
    assert (d.links["a"].source, d.links["a"].target) == ("m", "d1")


def test_a_link_is_not_a_duplicate_of_itself_but_of_another():
    d = design()
    assert link_problem(d, "m", "d1") == "These components are already linked"
    assert link_problem(d, "m", "d1", moving="a") is None
    d.links["c"] = Link(id="c", source="m", target="d2")
    assert link_problem(d, "m", "d2", moving="a") == "These components are already linked"
    assert link_problem(d, "m", "m", moving="a") == "A component cannot link to itself"
    assert link_problem(d, "d1", "t", moving="a") is not None  # the matrix still decides


def test_link_style_edit_reverts():
    d = design()
    edit = SetLinkStyle("curved")
    edit.apply(d)
    assert d.settings.link_style == "curved"
    edit.revert(d)
    assert d.settings.link_style == "orthogonal"
