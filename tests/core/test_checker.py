"""The checker as a whole: the registry, settings, suppressions, ordering, the summary,
and determinism."""

from __future__ import annotations

import itertools

import pytest

from canvas.core.catalog import BOXES
from canvas.core.model import Design, Severity
from canvas.core.rules import RULES, RULES_BY_ID, Finding, run_checks, summary
from canvas.core.rules.base import Context, Rule
from tests.core.builders import (
    DesignBuilder,
    check,
    of_rule,
    only,
    reference,
    served_model,
)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Rule ids and default severities are part of the CLI contract.
SPEC_RULES = {
    "model.unmonitored": E,
    "model.no-training-data": E,
    "model.not-served": E,
    "model.no-update-loop": W,
    "model.unevaluated": W,
    "model.no-business-objective": W,
    "component.unhosted": W,
    "component.disconnected": W,
    "link.not-allowed": E,
    "feedback.not-captured": I,
    "feedback.degenerate-loop": W,
    "slo.latency-exceeded": E,
    "budget.cost-exceeded": W,
    "ml-fit.unmet": W,
    "design.figure-coverage": I,
    "monitoring.operational-only": W,
    "features.training-serving-skew": W,
    "evaluation.reads-training-data": I,
    "slo.latency-unknown": I,
    "retraining.trigger-unwatched": W,
    "flow.cycle": W,
    "design.unknown-rule": W,
    "design.unused-suppression": I,
}


def lonely_model() -> DesignBuilder:
    """A model fed by a data source and nothing else: three errors and some warnings."""
    d = DesignBuilder("Lonely")
    d.add("src", "data_source", label="CRM").add("m", "model", label="Churn model").link("src", "m")
    return d


def busy_design() -> DesignBuilder:
    """Several models sharing an app, a feature pipeline and a monitor, with feedback loops,
    a bad link, an unhosted pipeline, a loose component, a half-drawn model and a few
    practices gone wrong: something from every rule but feedback.not-captured (the app's
    logs are captured) and the two about suppressions."""
    d = DesignBuilder("Busy")
    d.add("br", "business_requirement", latency_slo_ms=20, monthly_budget=100, ml_fit={"cheap_mistakes": False})
    d.add("fp", "feature_pipeline", latency_ms=15, monthly_cost=80)
    served_model(d, "a", source="fp")
    served_model(d, "b", source="fp", monitor=False, evaluate=False)
    served_model(d, "c", app="api")
    d.add("src", "data_source", monthly_cost=50).chain("src", "fp")
    d.link("br", "a_dep").link("app", "src").link("b_dep", "a_mon")
    d.props("a_mon", signals=["p99 latency", "error rate"])  # operational only
    d.add("cl", "continual_learning", trigger="drift").chain("a_mon", "cl", "a_train")  # never fires
    d.link("a", "app")  # not allowed
    d.add("loose", "evaluation")
    d.props("a", latency_ms=25)  # over the 20 ms SLO on its own; b has no figure
    d.add("e_etl", "data_pipeline").add("e_train", "training").add("e", "model").chain("e_etl", "e_train", "e")
    d.add("infra", "infrastructure").link("infra", "a_train")
    d.add("c_fs", "feature_pipeline").link("c_fs", "c_train")
    d.add("online", "feature_pipeline").link("online", "c_dep")  # c learns from c_fs, served from here
    d.add("c_td", "training_data").chain("c_td", "c_train").link("c_td", "c_ev")  # scored on its own data
    d.add("p1", "data_pipeline").add("p2", "data_pipeline").chain("p1", "p2", "p1")
    return d


# --- the registry --------------------------------------------------------------------------


def test_registry_matches_the_spec_table() -> None:
    assert {r.id: r.severity for r in RULES if r.id in SPEC_RULES} == SPEC_RULES


def test_rule_ids_are_unique_and_indexed() -> None:
    assert len(RULES_BY_ID) == len(RULES)
    assert all(RULES_BY_ID[r.id] is r for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_is_documented(rule: Rule) -> None:
    assert rule.title and rule.hint and rule.explanation and rule.chapter
    assert rule.box in BOXES and rule.box_title


# --- findings ------------------------------------------------------------------------------


def test_finding_json_shape() -> None:
    f = only(check(lonely_model()), "model.unmonitored")
    assert f.to_json() == {
        "rule": "model.unmonitored",
        "severity": "error",
        "message": f.message,
        "components": ["m"],
        "links": [],
        "suppressed": False,
        "reason": None,
    }


def test_lonely_model_findings() -> None:
    findings = check(lonely_model())
    assert {f.rule for f in findings if f.severity is E} == {"model.unmonitored", "model.not-served"}
    assert all(f.suppressed is False and f.reason is None for f in findings)


# --- suppressions --------------------------------------------------------------------------


class TestSuppressions:
    def test_suppressed_finding_is_still_reported_with_its_reason(self) -> None:
        d = lonely_model().suppress("m", "model.unmonitored", "offline experiment")
        f = only(check(d), "model.unmonitored")
        assert f.suppressed is True and f.reason == "offline experiment"
        assert f.severity is E and f.components == ("m",) and "'Churn model'" in f.message
        assert f.to_json()["suppressed"] is True and f.to_json()["reason"] == "offline experiment"

    def test_suppressed_finding_is_not_counted(self) -> None:
        before = summary(check(lonely_model()))
        after = summary(check(lonely_model().suppress("m", "model.unmonitored", "offline experiment")))
        assert after == {**before, "error": before["error"] - 1}

    def test_suppression_covers_only_its_rule(self) -> None:
        d = lonely_model().suppress("m", "model.unmonitored", "offline experiment")
        f = only(check(d), "model.not-served")
        assert f.suppressed is False and f.reason is None

    def test_suppression_covers_only_its_component(self) -> None:
        d = lonely_model().add("m2", "model").link("src", "m2")
        d.suppress("m", "model.unmonitored", "offline experiment")
        found = {f.components[0]: f for f in of_rule(check(d), "model.unmonitored")}
        assert found["m"].suppressed and not found["m2"].suppressed
        assert found["m2"].reason is None

    def test_suppression_on_an_uninvolved_component_does_nothing(self) -> None:
        d = lonely_model().suppress("src", "model.unmonitored", "not the model")
        assert not only(check(d), "model.unmonitored").suppressed

    def test_suppressed_link_finding(self) -> None:
        d = DesignBuilder().add("m", "model").add("app", "interface").link("m", "app", "bad")
        d.suppress("m", "link.not-allowed", "legacy shortcut, removed next quarter")
        f = only(check(d), "link.not-allowed")
        assert f.suppressed and f.reason == "legacy shortcut, removed next quarter"
        assert f.links == ("bad",)
        assert summary(check(d))["error"] == sum(
            1 for x in check(d) if x.severity is E and x.rule != "link.not-allowed"
        )

    def test_suppressed_and_resevered(self) -> None:
        d = lonely_model().suppress("m", "model.unmonitored", "offline").setting("model.unmonitored", severity="info")
        f = only(check(d), "model.unmonitored")
        assert f.severity is I and f.suppressed and f.reason == "offline"
        assert summary([f]) == {"error": 0, "warning": 0, "info": 0}

    def test_disabled_rule_is_not_reported_even_when_suppressed(self) -> None:
        d = lonely_model().suppress("m", "model.unmonitored", "offline").setting("model.unmonitored", enabled=False)
        assert not of_rule(check(d), "model.unmonitored")

    def test_suppressing_everything_zeroes_the_summary(self) -> None:
        d = busy_design()
        findings = check(d)
        for f in findings:
            if f.components:
                d.suppress(f.components[0], f.rule, "accepted")
        d.setting("design.figure-coverage", enabled=False)
        again = check(d)
        assert [(f.rule, f.components) for f in again] == [
            (f.rule, f.components) for f in findings if f.rule != "design.figure-coverage"
        ]
        assert all(f.suppressed and f.reason == "accepted" for f in again)
        assert summary(again) == {"error": 0, "warning": 0, "info": 0}


# --- settings ------------------------------------------------------------------------------


class TestSettings:
    @pytest.mark.parametrize("rule", list(SPEC_RULES))
    def test_disabling_a_rule_removes_its_findings_only(self, rule: str) -> None:
        d = busy_design()
        before = check(d)
        d.setting(rule, enabled=False)
        after = check(d)
        assert not of_rule(after, rule)
        assert [f for f in after] == [f for f in before if f.rule != rule]

    def test_busy_design_trips_most_rules(self) -> None:
        assert {f.rule for f in check(busy_design())} == set(SPEC_RULES) - {
            "feedback.not-captured",
            "design.unknown-rule",
            "design.unused-suppression",
        }

    @pytest.mark.parametrize("severity", list(Severity))
    def test_changing_the_severity(self, severity: Severity) -> None:
        d = lonely_model().setting("model.unmonitored", severity=severity.value)
        f = only(check(d), "model.unmonitored")
        assert f.severity is severity
        assert f.components == ("m",) and "'Churn model'" in f.message

    def test_changed_severity_is_counted_under_it(self) -> None:
        base = summary(check(lonely_model()))
        moved = summary(check(lonely_model().setting("model.unmonitored", severity="warning")))
        assert moved == {"error": base["error"] - 1, "warning": base["warning"] + 1, "info": base["info"]}

    def test_enabled_without_severity_keeps_the_default(self) -> None:
        d = lonely_model().setting("model.unmonitored", enabled=True)
        assert only(check(d), "model.unmonitored").severity is E

    def test_setting_for_an_unknown_rule_is_reported_and_changes_nothing_else(self) -> None:
        d = lonely_model()
        before = check(d)
        d.setting("model.unmonitord", enabled=False).setting("other.rule", severity="info")
        after = check(d)
        unknown = of_rule(after, "design.unknown-rule")
        assert [f.components for f in unknown] == [(), ()]
        assert "did you mean 'model.unmonitored'?" in unknown[0].message
        assert [f for f in after if f.rule != "design.unknown-rule"] == before

    def test_settings_do_not_leak_into_the_registry_or_other_designs(self) -> None:
        check(lonely_model().setting("model.unmonitored", severity="info"))
        assert RULES_BY_ID["model.unmonitored"].severity is E
        assert only(check(lonely_model()), "model.unmonitored").severity is E

    def test_a_subset_of_rules(self) -> None:
        findings = run_checks(busy_design().build(), rules=(RULES_BY_ID["link.not-allowed"],))
        assert {f.rule for f in findings} == {"link.not-allowed"}


# --- ordering ------------------------------------------------------------------------------


RULE_INDEX = {r.id: i for i, r in enumerate(RULES)}


def assert_ordered(findings: list[Finding]) -> None:
    keys = [(f.severity.rank, RULE_INDEX[f.rule]) for f in findings]
    assert keys == sorted(keys), [(f.severity.value, f.rule) for f in findings]


class TestOrdering:
    def test_by_severity_then_rule_order(self) -> None:
        findings = check(busy_design())
        assert {f.severity for f in findings} == {E, W, I}
        assert_ordered(findings)

    def test_changed_severity_moves_the_rule_to_its_group(self) -> None:
        d = (
            busy_design()
            .setting("design.figure-coverage", severity="error")
            .setting("model.unmonitored", severity="info")
        )
        findings = check(d)
        assert_ordered(findings)
        errors = [f.rule for f in findings if f.severity is E]
        assert errors[-1] == "design.figure-coverage"
        infos = [f.rule for f in findings if f.severity is I]
        assert infos[0] == "model.unmonitored"

    def test_within_a_rule_design_order(self) -> None:
        d = DesignBuilder().add("src", "data_source")
        for name in ("m3", "m1", "m2"):
            d.add(name, "model").link("src", name)
        assert [f.components for f in of_rule(check(d), "model.unmonitored")] == [("m3",), ("m1",), ("m2",)]

    def test_subjectless_findings_come_first_in_their_rule(self) -> None:
        findings = check(busy_design().setting("design.figure-coverage", severity="error"))
        errors = [f for f in findings if f.severity is E]
        assert all(RULE_INDEX[a.rule] <= RULE_INDEX[b.rule] for a, b in itertools.pairwise(errors))

    def test_suppressed_findings_keep_their_place(self) -> None:
        d = busy_design()
        plain = check(d)
        for f in plain[:3]:
            assert f.subject is not None
            d.suppress(f.subject, f.rule, "accepted")
        suppressed = check(d)
        assert [f.suppressed for f in suppressed[:4]] == [True, True, True, False]
        assert [(f.rule, f.components) for f in suppressed] == [(f.rule, f.components) for f in plain]


# --- summary -------------------------------------------------------------------------------


class TestSummary:
    def test_empty(self) -> None:
        assert summary([]) == {"error": 0, "warning": 0, "info": 0}

    def test_clean_design(self) -> None:
        assert summary(check(reference())) == {"error": 0, "warning": 0, "info": 0}

    def test_counts_per_severity(self) -> None:
        findings = check(busy_design())
        expected = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
        assert summary(findings) == expected
        assert list(summary(findings)) == ["error", "warning", "info"]

    def test_hand_made_findings(self) -> None:
        fs = [
            Finding("x", E, "a"),
            Finding("x", E, "b", suppressed=True, reason="r"),
            Finding("y", W, "c"),
            Finding("z", I, "d"),
            Finding("z", I, "e"),
        ]
        assert summary(fs) == {"error": 1, "warning": 1, "info": 2}


# --- determinism and purity ----------------------------------------------------------------


class TestDeterminism:
    @pytest.mark.parametrize("build", [reference, lonely_model, busy_design, DesignBuilder])
    def test_same_findings_twice(self, build: object) -> None:
        design: Design = build().build()  # type: ignore[operator]
        first = run_checks(design)
        second = run_checks(design)
        assert first == second
        assert [f.to_json() for f in first] == [f.to_json() for f in second]

    def test_same_findings_on_a_clone_and_a_frozen_view(self) -> None:
        design = busy_design().build()
        first = run_checks(design)
        assert run_checks(design.clone()) == first
        assert run_checks(design.frozen_view()) == first

    def test_same_findings_from_a_round_trip(self) -> None:
        design = busy_design().build()
        again = Design.model_validate(design.model_dump(mode="json"))
        assert run_checks(again) == run_checks(design)

    def test_checking_does_not_change_the_design(self) -> None:
        d = busy_design().suppress("b", "model.unmonitored", "shadow").setting("ml-fit.unmet", severity="info")
        design = d.build()
        before = design.snapshot()
        run_checks(design)
        assert design.snapshot() == before


# --- messages ------------------------------------------------------------------------------


def test_long_lists_of_names_are_shortened() -> None:
    d = DesignBuilder()
    for i in range(6):
        d.add(f"x{i}", "interface", label=f"App {i}")
    ctx = Context(d.build())
    assert ctx.names(["x0"]) == "'App 0'"
    assert ctx.names(["x0", "x1"]) == "'App 0' and 'App 1'"
    assert ctx.names([f"x{i}" for i in range(6)]) == "'App 0', 'App 1', 'App 2', 'App 3' and 2 more"


@pytest.mark.parametrize(
    "rule",
    [r for r in SPEC_RULES if r not in ("design.figure-coverage", "design.unknown-rule", "design.unused-suppression")],
)
def test_busy_design_messages_name_components_by_label(rule: str) -> None:
    d = busy_design()
    if rule == "feedback.not-captured":
        d.unlink("app", "src")
    # Give every component a label that cannot be mistaken for its id.
    for cid, comp in d.design.components.items():
        comp.label = f"Component «{cid}»"
    found = of_rule(check(d), rule)
    assert found
    for f in found:
        named = f.components or ("app", "users")  # not-captured names the interfaces, as no subject
        assert any(f"'Component «{cid}»'" in f.message for cid in named), f.message
