"""The business-requirement rules: slo.latency-exceeded, slo.latency-unknown,
budget.cost-exceeded and ml-fit.unmet. A requirement judges what lies in its scope."""

from __future__ import annotations

import pytest

from canvas.core.catalog import ML_FIT_CRITERIA, ML_FIT_SHINES
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

E, W = Severity.ERROR, Severity.WARNING

# The reference design's slowest request path into the app: the service fetches features,
# then scores: 10 + 20 + 10 = 40 ms, SLO 100 ms. A finding names the interface, then the path.
REFERENCE_PATH = ("app", "fp", "m", "dep")


# --- slo.latency-exceeded ------------------------------------------------------------------


class TestLatency:
    rule = "slo.latency-exceeded"

    def test_within_the_slo(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_exactly_at_the_slo_is_within(self) -> None:
        d = reference().props("m", latency_ms=80)  # 10 + 80 + 10 = 100
        assert not of_rule(check(d), self.rule)

    def test_fires_over_the_slo(self) -> None:
        d = reference().props("m", latency_ms=200)
        f = only(check(d), self.rule)
        assert f.severity is E
        assert f.components == REFERENCE_PATH
        assert_names(f, "app", "br", design=d.build())
        assert "220 ms" in f.message and "100 ms" in f.message
        assert (
            "('Feature store' 10 ms + 'Ranker' 200 ms + 'Ranking service' 10 ms + 'Shop app' (no figure))" in f.message
        )
        # The links behind the path: the features fetched by the service, the model through
        # its evaluation, the service into the app — not the offline chain.
        pairs = [("fp", "dep"), ("m", "ev"), ("ev", "dep"), ("dep", "app")]
        assert f.links == tuple(d.link_id(a, b) for a, b in pairs)

    def test_slowest_of_several_paths(self) -> None:
        # A second, slower model on the same app: the path through it is the slowest.
        d = reference()
        d.add("m2", "model", label="Big model", latency_ms=150, feedback_mitigation="x").chain("train", "m2", "ev")
        f = only(check(d), self.rule)
        assert "170 ms" in f.message and "'Big model' 150 ms" in f.message
        assert "m2" in f.components and "m" not in f.components

    def test_every_component_on_the_path_counts(self) -> None:
        d = reference().props("app", latency_ms=30).props("fp", latency_ms=50)  # 50 + 20 + 10 + 30 = 110
        f = only(check(d), self.rule)
        assert "110 ms" in f.message and "'Shop app' 30 ms" in f.message and "'Feature store' 50 ms" in f.message

    def test_offline_components_add_nothing(self) -> None:
        d = reference().props("src", latency_ms=4000).props("etl", latency_ms=7_200_000)
        d.props("train", latency_ms=10**6).props("ev", latency_ms=500)
        assert not of_rule(check(d), self.rule)

    def test_batch_deployment_is_not_on_the_request_path(self) -> None:
        d = reference().props("dep", mode="batch", latency_ms=5000)
        assert not of_rule(check(d), self.rule)

    def test_batch_branch_excluded_online_branch_counted(self) -> None:
        d = reference()
        d.add("nightly", "deployment", mode="batch", latency_ms=5000).chain("ev", "nightly", "app")
        d.link("infra", "nightly")
        assert not of_rule(check(d), self.rule)
        d.props("dep", latency_ms=100)  # online: 10 + 20 + 100 = 130
        f = only(check(d), self.rule)
        assert "130 ms" in f.message and "nightly" not in f.components

    def test_online_mode_is_the_default(self) -> None:
        d = reference().props("dep", mode=None, latency_ms=500)
        assert flagged(check(d), self.rule) == ["app"]

    def test_smallest_slo_upstream_of_the_model(self) -> None:
        d = reference().add("br2", "business_requirement", label="Snappy UX", latency_slo_ms=30).link("br2", "src")
        f = only(check(d), self.rule)
        assert "30 ms" in f.message and "40 ms" in f.message
        assert_names(f, "br2", design=d.build())
        assert "'Grow revenue'" not in f.message

    def test_larger_slo_elsewhere_does_not_loosen(self) -> None:
        d = reference().props("m", latency_ms=200)
        d.add("br2", "business_requirement", latency_slo_ms=1000).link("br2", "dep")
        f = only(check(d), self.rule)
        assert "'Grow revenue'" in f.message and "100 ms" in f.message

    @pytest.mark.parametrize("target", ["dep", "app"])
    def test_slo_on_the_deployment_or_the_interface_applies(self, target: str) -> None:
        d = reference().add("br2", "business_requirement", latency_slo_ms=10).link("br2", target)
        f = only(check(d), self.rule)
        assert "over the 10 ms SLO" in f.message

    def test_slo_on_the_training_does_not_reach_serving(self) -> None:
        d = reference().add("br2", "business_requirement", latency_slo_ms=10).link("br2", "train")
        assert not of_rule(check(d), self.rule)

    def test_slo_without_links_covers_every_interface(self) -> None:
        d = reference().add("br2", "business_requirement", latency_slo_ms=10)
        d.add("api", "interface").link("dep", "api")
        assert sorted(flagged(check(d), self.rule)) == ["api", "app"]

    def test_no_slo_no_finding(self) -> None:
        d = reference().props("br", latency_slo_ms=None).props("m", latency_ms=10_000)
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("value", ["10", True, None, [10]])
    def test_non_numeric_slo_is_ignored(self, value: object) -> None:
        d = reference().props("br", latency_slo_ms=value).props("m", latency_ms=10_000)
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("value", ["500", True, [500]])
    def test_non_numeric_latency_is_ignored(self, value: object) -> None:
        d = reference().props("m", latency_ms=value)
        assert not of_rule(check(d), self.rule)

    def test_a_path_without_a_model_counts_too(self) -> None:
        # A lookup served straight from a store: paths may start anywhere.
        d = DesignBuilder()
        d.add("br", "business_requirement", latency_slo_ms=10).add("fp", "feature_pipeline", latency_ms=500)
        d.add("dep", "deployment", latency_ms=5).add("app", "interface")
        d.chain("br", "fp", "dep", "app")
        f = only(check(d), self.rule)
        assert "505 ms" in f.message and f.components == ("app", "fp", "dep")

    def test_feedback_and_monitoring_are_not_on_the_path(self) -> None:
        d = reference().props("users", latency_ms=1000).props("mon", latency_ms=1000).props("cl", latency_ms=1000)
        d.link("mon", "app")  # a dashboard link is not a request path
        assert not of_rule(check(d), self.rule)

    def test_each_interface_has_its_own_path_and_slo(self) -> None:
        d = reference()
        d.add("src2", "data_source").add("m2", "model", label="Fraud model", latency_ms=50)
        d.add("dep2", "deployment", latency_ms=1).add("api", "interface", label="Payments API")
        d.add("br2", "business_requirement", label="Fast checkout", latency_slo_ms=20)
        d.chain("src2", "m2", "dep2", "api").link("br2", "m2")
        f = only(check(d), self.rule)
        assert f.components == ("api", "m2", "dep2") and "'Fast checkout'" in f.message
        assert "'Payments API'" in f.message and "51 ms" in f.message and "20 ms" in f.message
        assert "dep" not in f.components and "'Shop app'" not in f.message

    def test_two_interfaces_both_over(self) -> None:
        d = reference().props("m", latency_ms=500)
        d.add("api", "interface").link("dep", "api")
        assert sorted(flagged(check(d), self.rule)) == ["api", "app"]

    def test_shared_deployment_carries_the_slo_to_both_interfaces(self) -> None:
        d = DesignBuilder()
        d.add("br", "business_requirement", latency_slo_ms=50).add("src", "data_source")
        d.add("fp", "feature_pipeline", latency_ms=5).link("src", "fp")
        d.add("svc", "deployment", latency_ms=10).link("br", "svc").link("fp", "svc")
        for name, lat in (("a", 10), ("b", 60)):
            d.add(name, "model", latency_ms=lat).link(name, "svc")
        d.add("web", "interface").add("api", "interface").link("svc", "web").link("svc", "api")
        # fp 5 + b 60 + svc 10: both interfaces served by the slow model's path.
        assert flagged(check(d), self.rule) == ["web", "api"]

    def test_a_model_learning_from_a_store_does_not_put_the_store_on_the_request(self) -> None:
        d = DesignBuilder()
        d.add("br", "business_requirement", latency_slo_ms=50).add("fp", "feature_pipeline", latency_ms=40)
        d.add("m", "model", latency_ms=20).add("dep", "deployment").add("app", "interface")
        d.chain("fp", "m", "dep", "app").link("br", "app")
        assert not of_rule(check(d), self.rule)  # 20 ms: what a model learns from is not fetched

    def test_latency_across_a_forward_cycle(self) -> None:
        # Deployment logs feed the model's training: a cycle inside the forward graph.
        d = DesignBuilder()
        d.add("br", "business_requirement", latency_slo_ms=50).add("logs", "data_source")
        d.add("t", "training").add("m", "model", latency_ms=30).add("dep", "deployment", latency_ms=30)
        d.add("app", "interface")
        d.chain("logs", "t", "m", "dep", "logs").chain("dep", "app").link("br", "m")
        f = only(check(d), self.rule)
        assert "60 ms" in f.message and f.components[0] == "app" and "m" in f.components


# --- budget.cost-exceeded ------------------------------------------------------------------


class TestBudget:
    rule = "budget.cost-exceeded"

    def test_within_budget(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_exactly_at_budget_is_within(self) -> None:
        d = reference().props("train", monthly_cost=6000)  # 6000 - 2000 + 6000 = 10,000
        assert not of_rule(check(d), self.rule)

    def test_fires_over_budget(self) -> None:
        d = reference().props("train", monthly_cost=10_000)  # 14,000
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("br",)
        assert_names(f, "br", "train", design=d.build())
        assert "14,000" in f.message and "10,000" in f.message

    def test_what_the_requirement_covers_counts(self) -> None:
        d = reference().props("app", monthly_cost=2500).props("infra", monthly_cost=2000.5)
        f = only(check(d), self.rule)
        assert "$10,000.5" in f.message and "'K8s cluster' $2,000.5" in f.message

    def test_what_the_requirement_does_not_cover_does_not_count(self) -> None:
        # Users, developers and another product's spend lie outside the model's scope.
        d = reference().props("users", monthly_cost=50_000).props("devs", monthly_cost=50_000)
        d.add("other", "deployment", monthly_cost=50_000).link("infra", "other")
        assert not of_rule(check(d), self.rule)

    def test_a_requirement_without_links_covers_the_whole_design(self) -> None:
        d = reference().props("users", monthly_cost=50_000)
        d.add("company", "business_requirement", label="Company budget", monthly_budget=20_000)
        f = only(check(d), self.rule)
        assert f.components == ("company",) and "$56,000" in f.message
        assert "'Shoppers' $50,000" in f.message

    def test_each_requirement_checked_against_its_own_budget(self) -> None:
        d = reference()
        d.add("tight", "business_requirement", label="Cost cap", monthly_budget=5000)
        d.add("loose", "business_requirement", monthly_budget=50_000)
        f = only(check(d), self.rule)
        assert f.components == ("tight",) and "'Cost cap'" in f.message

    def test_no_budget_no_finding(self) -> None:
        d = reference().props("br", monthly_budget=None).props("train", monthly_cost=10**9)
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("value", ["1", True, None])
    def test_non_numeric_budget_is_ignored(self, value: object) -> None:
        d = reference().props("br", monthly_budget=value).props("train", monthly_cost=10**9)
        assert not of_rule(check(d), self.rule)

    def test_non_numeric_costs_are_ignored(self) -> None:
        d = reference().props("train", monthly_cost="100000").props("dep", monthly_cost=True)
        assert not of_rule(check(d), self.rule)


# --- ml-fit.unmet --------------------------------------------------------------------------

ALL_YES = {k: True for k in (*ML_FIT_CRITERIA, *ML_FIT_SHINES)}


def fit_design(**answers: object) -> DesignBuilder:
    d = DesignBuilder().add("br", "business_requirement", label="Predict churn", ml_fit=answers)
    return d


class TestMlFit:
    rule = "ml-fit.unmet"

    def test_all_yes(self) -> None:
        assert not of_rule(check(fit_design(**ALL_YES)), self.rule)

    @pytest.mark.parametrize("criterion", list(ML_FIT_CRITERIA))
    def test_each_criterion_answered_no(self, criterion: str) -> None:
        d = fit_design(**{**ALL_YES, criterion: False})
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("br",)
        assert_names(f, "br", design=d.build())
        assert ML_FIT_CRITERIA[criterion] in f.message

    @pytest.mark.parametrize("criterion", list(ML_FIT_CRITERIA))
    def test_criterion_no_is_not_excused_by_a_human(self, criterion: str) -> None:
        d = fit_design(**{**ALL_YES, criterion: False, "human_in_the_loop": True})
        assert flagged(check(d), self.rule) == ["br"]

    def test_several_noes_make_one_finding(self) -> None:
        d = fit_design(learn=False, unseen_data=False, cheap_mistakes=False)
        f = only(check(d), self.rule)
        assert ML_FIT_CRITERIA["learn"] in f.message and ML_FIT_CRITERIA["unseen_data"] in f.message
        assert "human in the loop" in f.message

    @pytest.mark.parametrize(
        "answers",
        [{}, {"learn": True}, {"predictions": None}, {"cheap_mistakes": None}, {"human_in_the_loop": False}],
        ids=["empty", "partial", "null-criterion", "null-cheap", "human-no"],
    )
    def test_missing_answers_do_not_count(self, answers: dict[str, object]) -> None:
        assert not of_rule(check(fit_design(**answers)), self.rule)

    def test_no_assessment_at_all(self) -> None:
        d = DesignBuilder().add("br", "business_requirement")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("value", ["no", [False], False, 0])
    def test_assessment_that_is_not_an_object_is_ignored(self, value: object) -> None:
        d = DesignBuilder().add("br", "business_requirement", ml_fit=value)
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("value", ["false", 0, "no"])
    def test_only_a_boolean_false_is_a_no(self, value: object) -> None:
        assert not of_rule(check(fit_design(learn=value, cheap_mistakes=value)), self.rule)

    def test_costly_mistakes_without_human(self) -> None:
        d = fit_design(**{**ALL_YES, "cheap_mistakes": False})
        f = only(check(d), self.rule)
        assert "'Predict churn'" in f.message and "human in the loop" in f.message

    def test_costly_mistakes_with_human_answered_no(self) -> None:
        d = fit_design(**{**ALL_YES, "cheap_mistakes": False, "human_in_the_loop": False})
        assert flagged(check(d), self.rule) == ["br"]

    def test_costly_mistakes_with_human_in_the_loop(self) -> None:
        d = fit_design(**{**ALL_YES, "cheap_mistakes": False, "human_in_the_loop": True})
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("shine", [k for k in ML_FIT_SHINES if k != "cheap_mistakes"])
    def test_other_shines_answered_no_are_fine(self, shine: str) -> None:
        assert not of_rule(check(fit_design(**{**ALL_YES, shine: False})), self.rule)

    def test_only_the_failing_requirement(self) -> None:
        d = fit_design(**ALL_YES)
        d.add("br2", "business_requirement", label="Replace the rules engine", ml_fit={"complex_patterns": False})
        f = only(check(d), self.rule)
        assert f.components == ("br2",) and "'Replace the rules engine'" in f.message


# --- slo.latency-unknown -------------------------------------------------------------------


class TestLatencyUnknown:
    rule = "slo.latency-unknown"

    def test_every_figure_known(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_a_model_without_a_figure(self) -> None:
        d = reference().props("m", latency_ms=None).props("dep", latency_ms=None)
        f = only(check(d), self.rule)
        assert f.severity is Severity.INFO and f.components == ("app", "m", "dep")
        assert_names(f, "app", "m", "dep", design=d.build())

    def test_no_slo_no_finding(self) -> None:
        d = reference().props("br", latency_slo_ms=None).props("m", latency_ms=None)
        assert not of_rule(check(d), self.rule)

    def test_batch_deployments_and_lookups_need_no_figure(self) -> None:
        d = reference().props("dep", mode="batch", latency_ms=None).props("fp", latency_ms=None)
        assert not of_rule(check(d), self.rule)

    def test_one_finding_per_interface(self) -> None:
        d = reference().props("m", latency_ms=None)
        d.add("api", "interface").link("dep", "api")
        assert flagged(check(d), self.rule) == ["app", "api"]
