"""Suppressions sit on a finding's subject (its first component); a suppression that names no
rule, or that no longer hides anything, is reported so that nothing is hidden silently."""

from __future__ import annotations

from canvas.core.model import Severity
from tests.core.builders import DesignBuilder, check, flagged, of_rule, only, reference


def served(model_label: str = "Ranker") -> DesignBuilder:
    d = DesignBuilder()
    d.add("src", "data_source").add("m", "model", label=model_label).add("dep", "deployment").add("app", "interface")
    return d.chain("src", "m", "dep", "app")


def test_a_suppression_applies_to_its_subject_only() -> None:
    # The degenerate loop's subject is the model: a suppression on the app hides nothing.
    d = reference().props("m", feedback_mitigation=None)
    d.suppress("app", "feedback.degenerate-loop", "the app randomises")
    findings = check(d)
    loop = only(findings, "feedback.degenerate-loop")
    assert not loop.suppressed
    unused = only(findings, "design.unused-suppression")
    assert unused.components == ("app",) and unused.severity is Severity.INFO
    d.suppress("m", "feedback.degenerate-loop", "exploration traffic outside the design")
    again = check(d)
    assert only(again, "feedback.degenerate-loop").suppressed
    assert flagged(again, "design.unused-suppression") == ["app"]


def test_a_used_suppression_is_not_reported() -> None:
    d = served().suppress("m", "model.unmonitored", "watched by the platform team")
    findings = check(d)
    assert only(findings, "model.unmonitored").suppressed
    assert not of_rule(findings, "design.unused-suppression")


def test_a_fixed_problem_leaves_its_suppression_unused() -> None:
    d = served().suppress("m", "model.unmonitored", "watched by the platform team")
    d.add("mon", "monitoring").link("dep", "mon")
    f = only(check(d), "design.unused-suppression")
    assert f.components == ("m",) and "'model.unmonitored'" in f.message and "remove" in f.message


def test_a_suppression_on_a_disconnected_component_is_used() -> None:
    d = DesignBuilder().add("m", "model").suppress("m", "model.unmonitored", "sketch")
    assert [f.rule for f in check(d)] == ["component.disconnected"]


def test_a_suppression_for_a_disabled_rule_is_not_reported() -> None:
    d = served().add("mon", "monitoring").link("dep", "mon")
    d.suppress("m", "model.unmonitored", "old").setting("model.unmonitored", enabled=False)
    assert not of_rule(check(d), "design.unused-suppression")


def test_a_suppression_for_a_rule_without_subjects_says_to_use_settings() -> None:
    d = served().suppress("m", "design.figure-coverage", "a sketch")
    f = only(check(d), "design.unused-suppression")
    assert "rule settings" in f.message


def test_an_unknown_rule_gets_only_the_unknown_rule_finding() -> None:
    d = served().suppress("m", "model.unmonitord", "typo")
    findings = check(d)
    f = only(findings, "design.unknown-rule")
    assert f.components == ("m",) and "did you mean 'model.unmonitored'?" in f.message
    assert not of_rule(findings, "design.unused-suppression")


def test_an_unknown_rule_far_from_any_gets_no_suggestion() -> None:
    f = only(check(served().suppress("m", "zzz", "?")), "design.unknown-rule")
    assert "did you mean" not in f.message


def test_the_housekeeping_findings_can_be_suppressed_too() -> None:
    d = served().suppress("m", "model.unmonitord", "typo").suppress("m", "design.unknown-rule", "kept on purpose")
    f = only(check(d), "design.unknown-rule")
    assert f.suppressed and not of_rule(check(d), "design.unused-suppression")


def test_a_suppression_on_a_component_the_finding_names_points_to_its_subject() -> None:
    d = reference().props("m", feedback_mitigation=None)
    d.suppress("app", "feedback.degenerate-loop", "the app randomises")
    f = only(check(d), "design.unused-suppression")
    assert "about 'Ranker'" in f.message and "move it there" in f.message
