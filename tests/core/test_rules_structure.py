"""The rules about the drawing itself: link.not-allowed, component.unhosted,
component.disconnected, feedback.not-captured, design.figure-coverage and flow.cycle."""

from __future__ import annotations

import itertools

import pytest

from canvas.core.catalog import (
    ALLOWED_TARGETS,
    BOXES,
    FIGURE_BOXES,
    KIND_IDS,
    KINDS,
    Box,
    link_refusal,
)
from canvas.core.model import Severity
from tests.core.builders import (
    DesignBuilder,
    assert_names,
    check,
    flagged,
    of_rule,
    only,
    reference,
)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

ALL_PAIRS = list(itertools.product(KIND_IDS, KIND_IDS))
ALLOWED = [(s, t) for s, t in ALL_PAIRS if t in ALLOWED_TARGETS.get(s, ())]
HOSTED_KINDS = ("training", "deployment", "data_pipeline", "feature_pipeline")
FORBIDDEN = [(s, t) for s, t in ALL_PAIRS if t not in ALLOWED_TARGETS.get(s, ())]


def test_matrix_has_both_kinds_of_pair() -> None:
    assert ALLOWED and FORBIDDEN
    assert ("model", "interface") in FORBIDDEN and ("deployment", "interface") in ALLOWED


# --- link.not-allowed ----------------------------------------------------------------------


class TestLinkNotAllowed:
    rule = "link.not-allowed"

    @pytest.mark.parametrize(("source", "target"), ALLOWED, ids=[f"{s}->{t}" for s, t in ALLOWED])
    def test_allowed_pair_is_silent(self, source: str, target: str) -> None:
        d = DesignBuilder().add("a", source).add("b", target).link("a", "b")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize(("source", "target"), FORBIDDEN, ids=[f"{s}->{t}" for s, t in FORBIDDEN])
    def test_forbidden_pair_is_an_error(self, source: str, target: str) -> None:
        d = DesignBuilder().add("a", source, label="Alpha").add("b", target, label="Beta").link("a", "b", "bad")
        f = only(check(d), self.rule)
        assert f.severity is E
        assert f.components == ("a", "b") and f.links == ("bad",)
        assert_names(f, "a", "b", design=d.build())
        reason = link_refusal(source, target)
        assert reason is not None and reason in f.message

    def test_model_to_interface_message(self) -> None:
        d = DesignBuilder().add("m", "model", label="Ranker").add("app", "interface", label="Shop app")
        d.link("m", "app", "l-m-app")
        f = only(check(d), self.rule)
        assert f.message.startswith("The link from 'Ranker' to 'Shop app' is not allowed")
        assert f.links == ("l-m-app",)

    @pytest.mark.parametrize("kind", KIND_IDS)
    def test_self_link_is_an_error_for_every_kind(self, kind: str) -> None:
        d = DesignBuilder().add("x", kind, label="Loopy").link("x", "x", "self-1")
        f = only(check(d), self.rule)
        assert f.severity is E
        assert f.components == ("x",) and f.links == ("self-1",)
        assert_names(f, "x", design=d.build())
        assert "itself" in f.message

    def test_duplicate_link_reports_the_repeat_only(self) -> None:
        d = DesignBuilder().add("src", "data_source", label="Logs").add("m", "model", label="Ranker")
        d.link("src", "m", "first").link("src", "m", "second")
        f = only(check(d), self.rule)
        assert f.severity is E
        assert f.components == ("src", "m") and f.links == ("second",)
        assert_names(f, "src", "m", design=d.build())
        assert "drawn twice" in f.message

    def test_opposite_directions_are_not_duplicates(self) -> None:
        d = DesignBuilder().add("a", "data_pipeline").add("b", "data_pipeline").link("a", "b").link("b", "a")
        assert not of_rule(check(d), self.rule)

    def test_every_bad_link_reported_once(self) -> None:
        d = DesignBuilder().add("m", "model").add("app", "interface").add("dep", "deployment")
        d.link("m", "app", "bad1").link("m", "app", "bad2").link("dep", "dep", "bad3").link("m", "dep", "ok")
        found = of_rule(check(d), self.rule)
        assert sorted(f.links for f in found) == [("bad1",), ("bad2",), ("bad3",)]

    def test_reference_design_has_none(self) -> None:
        assert not of_rule(check(reference()), self.rule)


# --- component.unhosted --------------------------------------------------------------------


class TestUnhosted:
    rule = "component.unhosted"

    @staticmethod
    def with_infrastructure(kind: str, label: str = "Worker") -> DesignBuilder:
        """A connected component of ``kind`` in a design that has infrastructure elsewhere."""
        d = DesignBuilder().add("x", kind, label=label).add("devs", "developers").link("devs", "x")
        return d.add("infra", "infrastructure")

    @pytest.mark.parametrize("kind", HOSTED_KINDS)
    def test_fires_when_nothing_hosts_it(self, kind: str) -> None:
        d = self.with_infrastructure(kind)
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("x",)
        assert_names(f, "x", design=d.build())

    @pytest.mark.parametrize("kind", HOSTED_KINDS)
    def test_a_design_without_infrastructure_gets_no_unhosted(self, kind: str) -> None:
        d = DesignBuilder().add("x", kind).add("devs", "developers").link("devs", "x")
        assert not of_rule(check(d), self.rule)

    def test_a_disconnected_component_gets_only_that(self) -> None:
        d = DesignBuilder().add("x", "training").add("infra", "infrastructure")
        assert [f.rule for f in check(d) if "x" in f.components] == ["component.disconnected"]

    def test_infrastructure_hosting_infrastructure(self) -> None:
        d = self.with_infrastructure("training").add("cluster", "infrastructure")
        d.link("cluster", "infra").link("infra", "x")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("kind", HOSTED_KINDS)
    def test_hosted_by_infrastructure(self, kind: str) -> None:
        d = DesignBuilder().add("x", kind).add("infra", "infrastructure").link("infra", "x")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("kind", [k for k in KIND_IDS if k not in HOSTED_KINDS])
    def test_other_kinds_need_no_host(self, kind: str) -> None:
        assert not of_rule(check(DesignBuilder().add("x", kind)), self.rule)

    def test_links_from_other_kinds_do_not_host(self) -> None:
        d = DesignBuilder().add("t", "training").add("devs", "developers").add("br", "business_requirement")
        d.add("td", "training_data").link("devs", "t").link("br", "t").link("td", "t")
        d.add("infra", "infrastructure")
        assert flagged(check(d), self.rule) == ["t"]

    def test_the_kind_is_named_only_when_the_label_is_not_it(self) -> None:
        kind = KINDS["training"].short_label
        d = self.with_infrastructure("training", label="Trainer")
        d.add("u", "training", label=kind).link("devs", "u")
        messages = {f.components: f.message for f in of_rule(check(d), self.rule)}
        assert messages[("x",)].startswith(f"'Trainer' ({kind.lower()}) runs on no infrastructure")
        assert messages[("u",)].startswith(f"'{kind}' runs on no infrastructure")  # not "'X' (X)"

    def test_one_host_serves_many_and_each_unhosted_is_named(self) -> None:
        d = reference().unlink("infra", "fp").unlink("infra", "dep")
        found = of_rule(check(d), self.rule)
        by_id = {f.components: f for f in found}
        assert set(by_id) == {("fp",), ("dep",)}
        assert "'Feature store'" in by_id[("fp",)].message
        assert "'Ranking service'" in by_id[("dep",)].message


# --- component.disconnected ----------------------------------------------------------------


class TestDisconnected:
    rule = "component.disconnected"

    @pytest.mark.parametrize("kind", KIND_IDS)
    def test_fires_for_a_lonely_component_of_any_kind(self, kind: str) -> None:
        d = DesignBuilder().add("x", kind, label="Loner")
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("x",)
        assert_names(f, "x", design=d.build())

    def test_source_and_target_of_a_link_are_connected(self) -> None:
        d = DesignBuilder().add("a", "data_source").add("b", "model").link("a", "b")
        assert not of_rule(check(d), self.rule)

    def test_only_the_loose_one(self) -> None:
        d = reference().add("extra", "evaluation", label="Spare eval")
        f = only(check(d), self.rule)
        assert f.components == ("extra",) and "'Spare eval'" in f.message

    def test_any_link_counts_even_a_bad_one(self) -> None:
        d = DesignBuilder().add("a", "model").add("b", "interface").link("a", "b")
        assert not of_rule(check(d), self.rule)


# --- feedback.not-captured -----------------------------------------------------------------


class TestFeedbackNotCaptured:
    rule = "feedback.not-captured"

    def test_reference_captures_feedback(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_fires_when_nothing_flows_back(self) -> None:
        d = reference().unlink("app", "src")
        f = only(check(d), self.rule)
        assert f.severity is I
        assert f.components == ()
        assert_names(f, "users", "app", design=d.build())
        assert "user feedback" in f.message

    @pytest.mark.parametrize(
        ("source", "target"),
        [
            ("interface", "data_source"),
            ("interface", "data_pipeline"),
            ("interface", "training_data"),
            ("users", "data_source"),
            ("users", "training_data"),
            ("interface", "training"),
            ("interface", "continual_learning"),
        ],
    )
    def test_each_way_back_to_data_counts(self, source: str, target: str) -> None:
        d = reference().unlink("app", "src")
        d.add("p", source).add("back", target).link("p", "back")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("target", ["deployment", "monitoring", "users"])
    def test_links_from_the_interface_to_other_things_do_not_count(self, target: str) -> None:
        d = reference().unlink("app", "src")
        d.add("x", target).link("app", "x")
        assert of_rule(check(d), self.rule)

    def test_feedback_from_any_one_interface_is_enough(self) -> None:
        d = reference()
        d.add("dash", "interface", label="Dashboard").link("dep", "dash")
        assert not of_rule(check(d), self.rule)

    def test_silent_without_interface_or_users(self) -> None:
        d = DesignBuilder().add("src", "data_source").add("m", "model").link("src", "m")
        assert not of_rule(check(d), self.rule)

    def test_disconnected_interfaces_do_not_count(self) -> None:
        d = DesignBuilder().add("src", "data_source").add("m", "model").link("src", "m")
        d.add("app", "interface").add("u", "users")
        assert not of_rule(check(d), self.rule)

    def test_fires_on_a_design_without_models(self) -> None:
        # An app with users and nothing flowing back.
        d = DesignBuilder().add("app", "interface").add("u", "users").link("u", "app")
        f = only(check(d), self.rule)
        assert f.components == ()
        assert_names(f, "app", "u", design=d.build())


# --- design.figure-coverage ----------------------------------------------------------------


class TestFigureCoverage:
    rule = "design.figure-coverage"

    def test_nine_boxes(self) -> None:
        assert len(FIGURE_BOXES) == 9
        assert Box.INTERFACE not in FIGURE_BOXES and Box.SYSTEM not in FIGURE_BOXES

    def test_reference_covers_every_box(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_empty_design_has_no_coverage_finding(self) -> None:
        assert not of_rule(check(DesignBuilder()), self.rule)

    def test_a_design_without_links_has_no_coverage_finding(self) -> None:
        assert not of_rule(check(DesignBuilder().add("m", "model").add("src", "data_source")), self.rule)

    def test_one_finding_names_every_missing_box(self) -> None:
        d = DesignBuilder().add("dep", "deployment").add("app", "interface").link("dep", "app")
        f = only(check(d), self.rule)
        assert f.severity is I and f.components == () and f.links == ()
        missing = [b for b in FIGURE_BOXES if b is not Box.DEPLOY_MONITOR_UPDATE]
        assert f.message.startswith("8 Figure 1-1 boxes")
        for box in missing:
            assert f"'{BOXES[box].title}' (" in f.message

    @pytest.mark.parametrize("box", FIGURE_BOXES, ids=[b.value for b in FIGURE_BOXES])
    def test_missing_box_is_named(self, box: Box) -> None:
        d = reference()
        d.remove(*[cid for cid, c in d.design.components.items() if KINDS[c.kind].box is box])
        f = only(check(d), self.rule)
        assert f.message.startswith("1 Figure 1-1 box has") and f"'{BOXES[box].title}' (" in f.message

    def test_disconnected_components_count_as_present(self) -> None:
        d = reference().remove("cl", "mon", "dep").add("loose", "monitoring")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("kind", ["data_source", "data_pipeline", "training_data"])
    def test_any_kind_of_a_box_covers_it(self, kind: str) -> None:
        d = reference().remove("src", "etl", "td").add("x", kind)
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("kind", ["deployment", "monitoring", "continual_learning"])
    def test_any_of_deploy_monitor_update(self, kind: str) -> None:
        d = reference().remove("dep", "mon", "cl").add("x", kind)
        assert not of_rule(check(d), self.rule)

    def test_interface_is_not_a_figure_box(self) -> None:
        d = reference().remove("app")
        assert not of_rule(check(d), self.rule)


# --- flow.cycle ------------------------------------------------------------------------------


class TestFlowCycle:
    rule = "flow.cycle"

    def test_reference_has_none(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_a_cycle_among_pipelines(self) -> None:
        d = DesignBuilder().add("a", "data_pipeline", label="Ingest").add("b", "data_pipeline")
        d.chain("a", "b", "a")
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("a", "b")
        assert set(f.links) == {d.link_id("a", "b"), d.link_id("b", "a")}
        assert_names(f, "a", "b", design=d.build())

    def test_one_finding_per_cycle_subject_first_in_file(self) -> None:
        d = DesignBuilder()
        for x in ("p", "q", "r", "s"):
            d.add(x, "data_pipeline")
        d.chain("r", "s", "r").chain("q", "p", "q")
        assert flagged(check(d), self.rule) == ["p", "r"]

    def test_prediction_logging_is_judged_elsewhere(self) -> None:
        d = DesignBuilder()
        d.add("logs", "data_source").add("t", "training").add("m", "model").add("dep", "deployment")
        d.chain("logs", "t", "m", "dep", "logs")
        assert not of_rule(check(d), self.rule)

    def test_feedback_links_make_no_cycle(self) -> None:
        d = DesignBuilder()
        d.add("src", "data_source").add("dep", "deployment").add("app", "interface")
        d.chain("src", "dep", "app", "src")
        assert not of_rule(check(d), self.rule)
