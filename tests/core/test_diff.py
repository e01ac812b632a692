"""The semantic diff of two designs (``canvas.core.diff``): one pair of designs per kind of
change, file order never mattering, and the findings each side has."""

from __future__ import annotations

import random

from canvas.core.diff import UNSET, FieldChange, diff_designs, diff_findings, match
from canvas.core.model import Design, Group, Link, Note, Position, RuleSetting, Severity, Size, Suppression
from canvas.core.rules import Finding
from tests.core.builders import reference


def pair() -> tuple[Design, Design]:
    """The clean reference design twice (independent copies)."""
    old = reference().build()
    return old, old.clone()


def shuffled(design: Design, seed: int = 7) -> Design:
    """The same design with every collection in another order."""
    rng = random.Random(seed)
    out = design.clone()
    for name in ("components", "links", "notes", "groups"):
        items = list(getattr(out, name).items())
        rng.shuffle(items)
        setattr(out, name, dict(items))
    for c in out.components.values():
        props = list(c.properties.items())
        rng.shuffle(props)
        c.properties = dict(props)
    for g in out.groups.values():
        rng.shuffle(g.members)
    rules = list(out.settings.rules.items())
    rng.shuffle(rules)
    out.settings.rules = dict(rules)
    return out


def with_annotations(design: Design) -> Design:
    design.notes["n1"] = Note(id="n1", text="Ask the data team", position=Position(x=10, y=10))
    design.notes["n2"] = Note(id="n2", text="Second note", color="blue")
    design.groups["g1"] = Group(id="g1", label="Online serving", members=["dep", "app", "fp"])
    design.groups["g2"] = Group(id="g2", label="Training", members=["train", "td"], color="green")
    design.settings.rules["component.unhosted"] = RuleSetting()
    return design


def test_identical_designs_have_no_differences() -> None:
    old, new = pair()
    diff = diff_designs(old, new)
    assert not diff.design_changed and not diff.findings_changed
    assert diff.findings.still_there == ()  # the reference design is clean


def test_reordered_but_equal_files_have_no_differences() -> None:
    old = with_annotations(reference().build())
    old.components["m"].properties["signals_note"] = "x"
    diff = diff_designs(old, shuffled(old))
    assert not diff.design_changed
    assert not diff.findings_changed


def test_components_added_removed_and_changed() -> None:
    old, new = pair()
    new.components["mon2"] = new.components["mon"].model_copy(update={"id": "mon2", "label": "Second monitor"})
    del new.components["ev"]
    new.links = {k: link for k, link in new.links.items() if "ev" not in (link.source, link.target)}
    etl = new.components["etl"]
    etl.properties = {**etl.properties, "processing": "stream", "monthly_cost": 1200}
    diff = diff_designs(old, new)
    assert [c.id for c in diff.components.added] == ["mon2"]
    assert [c.id for c in diff.components.removed] == ["ev"]
    (changed,) = diff.components.changed
    assert changed.id == "etl"
    assert changed.fields == (
        FieldChange("property", 1000, 1200, "monthly_cost"),
        FieldChange("property", UNSET, "stream", "processing"),
    )


def test_a_renamed_component_is_changed_not_removed_and_added() -> None:
    old, new = pair()
    new.components["m"].label = "Ranking model v2"
    diff = diff_designs(old, new)
    assert diff.components.added == () and diff.components.removed == ()
    (changed,) = diff.components.changed
    assert changed.id == "m"
    assert changed.fields == (FieldChange("label", "Ranker", "Ranking model v2"),)
    assert diff.links == type(diff.links)()  # its links did not change either


def test_kind_property_removal_and_suppressions() -> None:
    old, new = pair()
    new.components["dep"].kind = "monitoring"
    new.components["dep"].properties = {k: v for k, v in new.components["dep"].properties.items() if k != "mode"}
    old.components["m"].suppressions = [Suppression(rule="model.no-update-loop", reason="old reason")]
    new.components["m"].suppressions = [
        Suppression(rule="model.no-update-loop", reason="new reason"),
        Suppression(rule="model.unevaluated", reason="shadow"),
    ]
    diff = diff_designs(old, new)
    by_id = {c.id: c.fields for c in diff.components.changed}
    assert by_id["dep"] == (
        FieldChange("kind", "deployment", "monitoring"),
        FieldChange("property", "online", UNSET, "mode"),
    )
    assert by_id["m"] == (
        FieldChange("suppression", "old reason", "new reason", "model.no-update-loop"),
        FieldChange("suppression", UNSET, "shadow", "model.unevaluated"),
    )


def test_moves_are_counted_apart_not_changes() -> None:
    old, new = pair()
    for cid in ("m", "ev", "dep"):
        new.components[cid].position = Position(x=500 + len(cid), y=70)
    new.components["app"].position = Position(x=old.components["app"].position.x + 1e-9, y=0)  # float noise
    diff = diff_designs(old, new)
    assert diff.components.changed == ()
    assert sorted(diff.components.moved) == ["dep", "ev", "m"]
    assert diff.design_changed and not diff.findings_changed


def test_links_match_by_their_ends() -> None:
    old, new = pair()
    lid = next(k for k, link in new.links.items() if (link.source, link.target) == ("m", "ev"))
    del new.links[lid]
    new.links["redrawn"] = Link(id="redrawn", source="m", target="ev")  # deleted and drawn again
    diff = diff_designs(old, new)
    assert not diff.links

    new.links["extra"] = Link(id="extra", source="mon", target="dep")
    relabel = next(k for k, link in new.links.items() if (link.source, link.target) == ("fp", "dep"))
    new.links[relabel] = new.links[relabel].model_copy(update={"label": "online features"})
    gone = next(k for k, link in new.links.items() if (link.source, link.target) == ("devs", "mon"))
    del new.links[gone]
    diff = diff_designs(old, new)
    assert [(link.source, link.target) for link in diff.links.added] == [("mon", "dep")]
    assert [(link.source, link.target) for link in diff.links.removed] == [("devs", "mon")]
    (changed,) = diff.links.changed
    assert (changed.new.source, changed.fields) == ("fp", (FieldChange("label", "", "online features"),))


def test_duplicate_links_pair_by_id_then_in_order() -> None:
    old, new = pair()
    old.links["dup-a"] = Link(id="dup-a", source="m", target="dep", label="a")
    old.links["dup-b"] = Link(id="dup-b", source="m", target="dep", label="b")
    new.links["dup-b"] = Link(id="dup-b", source="m", target="dep", label="b")
    new.links["dup-a"] = Link(id="dup-a", source="m", target="dep", label="a")
    assert not diff_designs(old, new).links  # same ids, same labels, other order
    del new.links["dup-a"]
    diff = diff_designs(old, new)
    assert [link.id for link in diff.links.removed] == ["dup-a"] and not diff.links.changed


def test_notes_groups_settings_and_name() -> None:
    old = with_annotations(reference().build())
    new = old.clone()
    new.name = "Reference v2"
    new.notes["n1"] = new.notes["n1"].model_copy(update={"text": "Asked", "color": "pink"})
    new.notes["n2"] = new.notes["n2"].model_copy(update={"size": Size(width=300, height=120)})
    new.notes["n3"] = Note(id="n3", text="New")
    new.groups["g1"] = new.groups["g1"].model_copy(update={"label": "Serving", "members": ["app", "dep", "mon"]})
    del new.groups["g2"]
    new.settings.rules["component.unhosted"] = new.settings.rules["component.unhosted"].model_copy(
        update={"enabled": False}
    )
    diff = diff_designs(old, new)
    assert diff.name == FieldChange("name", "Reference", "Reference v2")
    assert [n.id for n in diff.notes.added] == ["n3"]
    assert {c.id: c.fields for c in diff.notes.changed} == {
        "n1": (FieldChange("text", "Ask the data team", "Asked"), FieldChange("color", "yellow", "pink")),
    }
    assert diff.notes.moved == ("n2",)  # resized
    assert [g.id for g in diff.groups.removed] == ["g2"]
    (group,) = diff.groups.changed
    assert group.fields == (
        FieldChange("label", "Online serving", "Serving"),
        FieldChange("members", ("dep", "app", "fp"), ("app", "dep", "mon")),
    )
    assert diff.settings == (
        FieldChange(
            "rule_setting",
            {"enabled": True, "severity": None},
            {"enabled": False, "severity": None},
            "component.unhosted",
        ),
    )


def test_findings_introduced_resolved_and_still_there() -> None:
    b = reference()
    b.remove("mon")  # unmonitored (error), no update loop
    old = b.build()
    new = old.clone()
    # the change removes the evaluation gate: m -> dep directly
    del new.components["ev"]
    new.links = {k: link for k, link in new.links.items() if "ev" not in (link.source, link.target)}
    new.links["gate-bypass"] = Link(id="gate-bypass", source="m", target="dep")
    # and resolves the missing monitor
    new.components["mon"] = reference().build().components["mon"]
    new.links["l-mon"] = Link(id="l-mon", source="dep", target="mon")
    new.links["l-cl"] = Link(id="l-cl", source="mon", target="cl")
    diff = diff_designs(old, new)
    introduced = {f.rule for f in diff.findings.introduced}
    resolved = {f.rule for f in diff.findings.resolved}
    assert "model.unevaluated" in introduced
    assert "model.unmonitored" in resolved
    assert {f.rule for f in diff.findings.new_problems(Severity.WARNING)} >= {"model.unevaluated"}
    assert diff.findings.new_problems(Severity.ERROR) == [
        f for f in diff.findings.introduced if f.severity is Severity.ERROR
    ]


def test_a_renamed_subject_keeps_its_finding() -> None:
    b = reference()
    b.remove("mon")
    old = b.build()
    new = old.clone()
    new.components["m"].label = "Renamed ranker"
    diff = diff_designs(old, new)
    assert diff.findings.introduced == () and diff.findings.resolved == ()
    unmonitored = [p for p in diff.findings.still_there if p.new.rule == "model.unmonitored"]
    assert unmonitored and "Renamed ranker" in unmonitored[0].new.message and unmonitored[0].differs


def test_findings_without_subject_match_by_message() -> None:
    def f(rule: str, message: str, *components: str) -> Finding:
        return Finding(rule, Severity.INFO, message, components)

    old = [f("design.figure-coverage", "1 box has no component: 'Evaluation'."), f("x.rule", "about a", "a")]
    new = [
        f("design.figure-coverage", "2 boxes have no component: 'Evaluation', 'Data'."),
        f("x.rule", "about a, reworded", "a"),
    ]
    changes = diff_findings(old, new)
    assert [x.message for x in changes.introduced] == ["2 boxes have no component: 'Evaluation', 'Data'."]
    assert [x.message for x in changes.resolved] == ["1 box has no component: 'Evaluation'."]
    assert [(p.old.message, p.new.message) for p in changes.still_there] == [("about a", "about a, reworded")]


def test_several_findings_on_one_subject_pair_by_components_first() -> None:
    """Two forbidden links from one component: the one fixed is resolved, the other stays —
    not paired off in file order. One left on each side is the same finding (rule and subject)."""

    def bad_link(target: str) -> Finding:
        return Finding("link.not-allowed", Severity.ERROR, f"a -> {target}", ("a", target))

    changes = diff_findings([bad_link("b"), bad_link("c")], [bad_link("c")])
    assert [f.components for f in changes.resolved] == [("a", "b")]
    assert [p.new.components for p in changes.still_there] == [("a", "c")]
    changes = diff_findings([bad_link("b"), bad_link("c")], [bad_link("c"), bad_link("d")])
    assert changes.resolved == () and changes.introduced == ()
    assert [(p.old.components, p.new.components) for p in changes.still_there] == [
        (("a", "c"), ("a", "c")),
        (("a", "b"), ("a", "d")),
    ]


def test_lifting_a_suppression_or_raising_a_severity_is_a_new_problem() -> None:
    quiet = Finding("model.unmonitored", Severity.ERROR, "m", ("m",), suppressed=True, reason="shadow")
    loud = Finding("model.unmonitored", Severity.ERROR, "m", ("m",))
    assert diff_findings([quiet], [loud]).new_problems(Severity.ERROR) == [loud]
    assert diff_findings([loud], [quiet]).new_problems(Severity.WARNING) == []
    warn = Finding("model.unevaluated", Severity.WARNING, "m", ("m",))
    err = Finding("model.unevaluated", Severity.ERROR, "m", ("m",))
    assert diff_findings([warn], [err]).new_problems(Severity.ERROR) == [err]
    assert diff_findings([warn], [err]).new_problems(Severity.WARNING) == []  # a warning already


def test_match_keeps_orders() -> None:
    pairs, old_left, new_left = match([1, 2, 3, 4], [4, 5, 2], key=lambda x: x)
    assert pairs == [(4, 4), (2, 2)] and old_left == [1, 3] and new_left == [5]
