"""The model life-cycle rules: monitoring, data, serving, updates, evaluation,
business objective and degenerate feedback loops — each firing and not firing, on designs
with feedback loops and with several models sharing components."""

from __future__ import annotations

import pytest

from canvas.core.model import Severity
from tests.core.builders import (
    DesignBuilder,
    assert_names,
    check,
    flagged,
    of_rule,
    only,
    reference,
    served_model,
)

E, W = Severity.ERROR, Severity.WARNING


def test_reference_design_is_clean() -> None:
    assert check(reference()) == []


def two_models_one_app() -> DesignBuilder:
    """Models A and B serve the same app; the app's logs feed A's
    training; one monitor watches A's service only."""
    d = DesignBuilder("Shared app")
    served_model(d, "a", monitor=True)
    served_model(d, "b", monitor=False)
    d.link("app", "a_src")  # the app's logs feed A's training
    return d


# --- model.unmonitored ---------------------------------------------------------------------


class TestUnmonitored:
    rule = "model.unmonitored"

    def test_fires_without_monitor(self) -> None:
        d = reference().remove("mon")
        f = only(check(d), self.rule)
        assert f.severity is E
        assert f.components == ("m",) and f.links == ()
        assert_names(f, "m", design=d.build())

    def test_monitor_on_the_serving_path_counts(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_monitor_directly_on_the_model_counts(self) -> None:
        d = reference().unlink("dep", "mon").link("m", "mon")
        assert not of_rule(check(d), self.rule)

    def test_monitor_upstream_of_the_model_does_not_count(self) -> None:
        d = reference().unlink("dep", "mon").link("src", "mon")
        assert flagged(check(d), self.rule) == ["m"]

    def test_monitor_behind_the_interface_does_not_count(self) -> None:
        # app -> monitor is a feedback link: not part of the model's forward path.
        d = reference().unlink("dep", "mon").link("app", "mon")
        assert flagged(check(d), self.rule) == ["m"]

    def test_infrastructure_shared_with_a_monitor_does_not_count(self) -> None:
        d = reference().unlink("dep", "mon").link("infra", "mon")
        assert flagged(check(d), self.rule) == ["m"]

    def test_spec_example_shared_app_does_not_monitor_the_other_model(self) -> None:
        # B's predictions reach the app whose logs feed A's training, and A is watched:
        # in the flow graph B does reach A's monitor, in the forward graph it does not.
        d = two_models_one_app()
        findings = check(d)
        f = only(findings, self.rule)
        assert f.components == ("b",) and f.severity is E
        assert_names(f, "b", design=d.build())
        assert "'The a'" not in f.message

    def test_shared_monitor_watches_both_models(self) -> None:
        d = two_models_one_app()
        d.link("b_dep", "a_mon")
        assert not of_rule(check(d), self.rule)

    def test_one_finding_per_unmonitored_model_in_design_order(self) -> None:
        d = DesignBuilder()
        for name in ("z", "y", "x"):
            served_model(d, name, monitor=False)
        found = of_rule(check(d), self.rule)
        assert [f.components for f in found] == [("z",), ("y",), ("x",)]
        assert all("'The " + f.components[0] + "'" in f.message for f in found)

    def test_monitor_downstream_through_a_forward_cycle(self) -> None:
        # deployment logs -> training -> model -> deployment is a cycle inside the forward
        # graph; the monitor hangs off the logs.
        d = DesignBuilder()
        d.add("logs", "data_source").add("t", "training").add("m", "model").add("dep", "deployment")
        d.add("app", "interface").add("mon", "monitoring")
        d.chain("logs", "t", "m", "dep", "logs").link("dep", "app").link("logs", "mon")
        assert not of_rule(check(d), self.rule)

    def test_no_models_no_findings(self) -> None:
        d = DesignBuilder().add("src", "data_source").add("mon", "monitoring").link("src", "mon")
        assert not of_rule(check(d), self.rule)


# --- model.no-training-data ----------------------------------------------------------------


class TestNoTrainingData:
    rule = "model.no-training-data"

    def test_fires_without_a_data_source(self) -> None:
        d = DesignBuilder()
        d.add("etl", "data_pipeline").add("t", "training").add("m", "model", label="Churn model")
        d.chain("etl", "t", "m")
        f = only(check(d), self.rule)
        assert f.severity is E and f.components == ("m",)
        assert_names(f, "m", design=d.build())

    def test_source_upstream_through_pipelines(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_source_directly_into_the_model(self) -> None:
        d = DesignBuilder().add("src", "data_source").add("m", "model").link("src", "m")
        assert not of_rule(check(d), self.rule)

    def test_source_only_downstream_does_not_count(self) -> None:
        # The deployment writes logs, but the logs feed nothing of this model.
        d = DesignBuilder()
        d.add("m", "model").add("dep", "deployment").add("logs", "data_source")
        d.chain("m", "dep", "logs")
        assert flagged(check(d), self.rule) == ["m"]

    def test_hand_labelled_training_data_counts(self) -> None:
        d = DesignBuilder()
        d.add("td", "training_data", labels="hand").add("t", "training").add("m", "model")
        d.chain("td", "t", "m")
        assert not of_rule(check(d), self.rule)

    def test_logged_interactions_are_data(self) -> None:
        # The app's logged interactions, through a pipeline, are B's only training data.
        d = DesignBuilder()
        served_model(d, "a")
        d.add("b_etl", "data_pipeline").add("b_train", "training").add("b", "model")
        d.chain("app", "b_etl", "b_train", "b")
        assert not of_rule(check(d), self.rule)

    def test_what_users_do_is_data(self) -> None:
        d = DesignBuilder()
        d.add("u", "users").add("etl", "data_pipeline").add("t", "training").add("m", "model")
        d.add("app", "interface").link("u", "app").chain("app", "etl", "t", "m")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("origin", ["pretrained", "hosted"])
    def test_weights_from_elsewhere_need_no_data(self, origin: str) -> None:
        d = DesignBuilder().add("m", "model", origin=origin).add("dep", "deployment").add("app", "interface")
        d.chain("m", "dep", "app")
        assert not of_rule(check(d), self.rule)
        d.props("m", origin="trained")
        assert flagged(check(d), self.rule) == ["m"]

    def test_shared_source_feeds_several_models(self) -> None:
        d = DesignBuilder().add("src", "data_source")
        served_model(d, "a", source="src")
        served_model(d, "b", source="src")
        assert not of_rule(check(d), self.rule)


# --- model.not-served ----------------------------------------------------------------------


class TestNotServed:
    rule = "model.not-served"

    def test_fires_when_no_deployment(self) -> None:
        d = DesignBuilder().add("src", "data_source").add("m", "model", label="Lonely").link("src", "m")
        f = only(check(d), self.rule)
        assert f.severity is E and f.components == ("m",)
        assert_names(f, "m", design=d.build())
        assert "no deployment" in f.message

    def test_fires_when_the_deployment_reaches_nobody(self) -> None:
        d = DesignBuilder().add("m", "model").add("dep", "deployment").add("mon", "monitoring")
        d.chain("m", "dep", "mon")
        f = only(check(d), self.rule)
        assert f.components == ("m",)
        assert "reach no interface or users" in f.message

    def test_served_to_an_interface(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_served_directly_to_users(self) -> None:
        d = DesignBuilder().add("m", "model").add("dep", "deployment").add("u", "users")
        d.chain("m", "dep", "u")
        assert not of_rule(check(d), self.rule)

    def test_chained_deployments_and_models(self) -> None:
        d = DesignBuilder()
        d.add("m1", "model").add("m2", "model").add("d1", "deployment").add("d2", "deployment")
        d.add("app", "interface")
        d.chain("m1", "m2", "d1", "d2", "app")
        assert not of_rule(check(d), self.rule)

    def test_batch_deployment_still_serves(self) -> None:
        d = DesignBuilder().add("m", "model").add("dep", "deployment", mode="batch").add("app", "interface")
        d.chain("m", "dep", "app")
        assert not of_rule(check(d), self.rule)

    def test_one_serving_deployment_is_enough(self) -> None:
        d = DesignBuilder()
        d.add("m", "model").add("d1", "deployment").add("d2", "deployment").add("app", "interface")
        d.chain("m", "d1", "app").link("m", "d2")
        assert not of_rule(check(d), self.rule)

    def test_interface_reached_only_through_monitoring_does_not_count(self) -> None:
        d = DesignBuilder()
        d.add("m", "model").add("dep", "deployment").add("mon", "monitoring").add("dash", "interface")
        d.chain("m", "dep", "mon", "dash")
        f = only(check(d), self.rule)
        assert "reach no interface or users" in f.message

    def test_deployment_reached_only_through_continual_learning_does_not_count(self) -> None:
        d = DesignBuilder()
        d.add("m", "model").add("ev", "evaluation").add("cl", "continual_learning")
        d.add("dep", "deployment").add("app", "interface")
        d.chain("m", "ev", "cl", "dep", "app")
        f = only(check(d), self.rule)
        assert "no deployment" in f.message

    def test_other_models_deployment_does_not_serve_this_one(self) -> None:
        # B feeds A's training through the shared app's logs, and A is served: B is not.
        d = DesignBuilder()
        served_model(d, "a")
        d.add("b", "model").add("b_src", "data_source").link("b_src", "b")
        d.add("b_dep", "deployment").link("b", "b_dep")
        d.link("app", "a_src")
        assert flagged(check(d), self.rule) == ["b"]

    def test_shared_app_serves_both(self) -> None:
        assert not of_rule(check(two_models_one_app()), self.rule)


# --- model.no-update-loop ------------------------------------------------------------------


class TestNoUpdateLoop:
    rule = "model.no-update-loop"

    def test_monitor_to_continual_learning_to_training(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_continual_learning_straight_to_the_model(self) -> None:
        d = reference().unlink("cl", "train").link("cl", "m")
        assert not of_rule(check(d), self.rule)

    def test_continual_learning_through_training_data(self) -> None:
        d = reference().unlink("cl", "train").link("cl", "td")
        assert not of_rule(check(d), self.rule)

    def test_fires_without_continual_learning(self) -> None:
        d = reference().remove("cl")
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("m",)
        assert_names(f, "m", design=d.build())

    def test_fires_when_monitor_leads_nowhere(self) -> None:
        d = reference().unlink("mon", "cl")
        assert flagged(check(d), self.rule) == ["m"]

    def test_monitor_straight_to_training_is_not_continual_learning(self) -> None:
        d = reference().unlink("mon", "cl").link("mon", "train")
        assert flagged(check(d), self.rule) == ["m"]

    def test_fires_when_the_monitor_is_not_downstream_of_the_model(self) -> None:
        # A monitor on the data source drives retraining; the model's own monitor does not.
        d = reference().unlink("mon", "cl")
        d.add("mon2", "monitoring").chain("src", "mon2", "cl")
        findings = check(d)
        assert flagged(findings, self.rule) == ["m"]
        assert not of_rule(findings, "model.unmonitored")

    def test_fires_when_learning_updates_another_training(self) -> None:
        d = reference().unlink("cl", "train")
        d.add("t2", "training").add("m2", "model").chain("cl", "t2", "m2")
        assert "m" in flagged(check(d), self.rule)

    def test_redeploying_is_not_updating(self) -> None:
        # Continual learning that only redeploys reaches the model through a deployment
        # and an interface, not through its training.
        d = reference().unlink("cl", "train").link("cl", "dep")
        assert flagged(check(d), self.rule) == ["m"]

    def test_a_scheduled_retraining_needs_no_monitor(self) -> None:
        d = reference().unlink("mon", "cl").props("cl", trigger="schedule")
        assert not of_rule(check(d), self.rule)
        d.props("cl", trigger=None)  # unset: the catalogue's default, a schedule
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("origin", ["pretrained", "hosted"])
    def test_weights_from_elsewhere_are_not_retrained_here(self, origin: str) -> None:
        d = reference().remove("cl").props("m", origin=origin)
        assert not of_rule(check(d), self.rule)

    def test_through_another_model_is_not_an_update(self) -> None:
        d = reference().unlink("cl", "train")
        d.add("m0", "model").chain("cl", "m0", "train")
        assert flagged(check(d), self.rule) == ["m"]

    def test_shared_monitor_updates_only_the_model_its_learning_feeds(self) -> None:
        d = two_models_one_app()
        d.link("b_dep", "a_mon")  # shared monitoring: both models are watched
        d.add("cl", "continual_learning").chain("a_mon", "cl", "a_train")
        findings = check(d)
        f = only(findings, self.rule)
        assert f.components == ("b",)
        assert_names(f, "b", design=d.build())
        assert not of_rule(findings, "model.unmonitored")

    def test_shared_pipeline_updates_both_models(self) -> None:
        d = DesignBuilder().add("src", "data_source").add("etl", "data_pipeline").link("src", "etl")
        served_model(d, "a", source="etl")
        served_model(d, "b", source="etl")
        d.add("cl", "continual_learning").link("cl", "etl")
        d.link("a_mon", "cl").link("b_mon", "cl")
        assert not of_rule(check(d), self.rule)

    def test_other_models_monitor_does_not_count(self) -> None:
        # B's predictions reach A's app, the app feeds A; A's monitor drives learning that
        # feeds B: B is not downstream of that monitor (forward graph), so B has no loop.
        d = two_models_one_app()
        d.add("cl", "continual_learning", trigger="drift").chain("a_mon", "cl", "b_train")
        assert "b" in flagged(check(d), self.rule)


# --- model.unevaluated ---------------------------------------------------------------------


class TestUnevaluated:
    rule = "model.unevaluated"

    def test_every_path_through_evaluation(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_fires_when_model_goes_straight_to_deployment(self) -> None:
        d = reference().link("m", "dep")
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("m", "dep")
        assert f.links == (d.link_id("m", "dep"),)
        assert_names(f, "m", "dep", design=d.build())

    def test_retraining_that_promotes_through_evaluation_is_fine(self) -> None:
        d = reference()
        d.add("ev2", "evaluation").chain("cl", "ev2", "dep")
        assert not of_rule(check(d), self.rule)

    def test_retraining_that_pushes_straight_to_serving(self) -> None:
        d = reference().link("cl", "dep")
        f = only(check(d), self.rule)
        assert f.components == ("m", "dep", "cl") and f.links == (d.link_id("cl", "dep"),)

    def test_refreshing_a_feature_store_is_not_a_promotion(self) -> None:
        d = reference().link("cl", "fp")
        assert not of_rule(check(d), self.rule)

    def test_fires_without_any_evaluation(self) -> None:
        d = DesignBuilder()
        served_model(d, "a", evaluate=False)
        assert flagged(check(d), self.rule) == ["a"]

    def test_fires_for_a_batch_deployment_too(self) -> None:
        d = DesignBuilder().add("m", "model").add("dep", "deployment", mode="batch").link("m", "dep")
        assert flagged(check(d), self.rule) == ["m"]

    def test_no_deployment_no_finding(self) -> None:
        d = DesignBuilder().add("src", "data_source").add("m", "model").link("src", "m")
        assert not of_rule(check(d), self.rule)

    def test_downstream_model_skipping_evaluation(self) -> None:
        # m is evaluated before m2; m2 goes straight to the deployment.
        d = DesignBuilder()
        d.add("m", "model").add("ev", "evaluation").add("m2", "model").add("dep", "deployment")
        d.chain("m", "ev", "m2", "dep")
        assert flagged(check(d), self.rule) == ["m2"]

    def test_forward_cycle_through_evaluation(self) -> None:
        d = DesignBuilder()
        d.add("logs", "data_source").add("t", "training").add("m", "model").add("ev", "evaluation")
        d.add("dep", "deployment").add("app", "interface")
        d.chain("logs", "t", "m", "ev", "dep", "logs").link("dep", "app")
        assert not of_rule(check(d), self.rule)

    def test_deployment_reached_through_the_interface_does_not_count(self) -> None:
        d = reference()
        d.add("dep2", "deployment").link("app", "dep2")
        assert not of_rule(check(d), self.rule)

    def test_shared_app_only_the_unevaluated_model(self) -> None:
        d = DesignBuilder()
        served_model(d, "a")
        served_model(d, "b", evaluate=False)
        d.link("app", "a_src")
        assert flagged(check(d), self.rule) == ["b"]


# --- model.no-business-objective -----------------------------------------------------------


class TestNoBusinessObjective:
    rule = "model.no-business-objective"

    @pytest.mark.parametrize("target", ["m", "src", "etl", "td", "fp", "train"])
    def test_requirement_on_the_model_or_upstream(self, target: str) -> None:
        d = reference().unlink("br", "m").link("br", target)
        assert not of_rule(check(d), self.rule)

    def test_fires_without_requirement(self) -> None:
        d = reference().remove("br")
        f = only(check(d), self.rule)
        assert f.severity is W and f.components == ("m",)
        assert_names(f, "m", design=d.build())

    @pytest.mark.parametrize("target", ["dep", "app", "mon"])
    def test_requirement_on_what_serves_the_model(self, target: str) -> None:
        # A requirement on the product's deployment or interface covers the models serving it.
        d = reference().unlink("br", "m").link("br", target)
        assert not of_rule(check(d), self.rule)

    def test_requirement_on_another_models_interface_does_not_count(self) -> None:
        d = two_models_one_app()
        d.add("api", "interface").add("br", "business_requirement").link("br", "api")
        d.link("a_dep", "api")
        assert flagged(check(d), self.rule) == ["b"]

    def test_requirement_on_infrastructure_does_not_count(self) -> None:
        d = reference().unlink("br", "m").link("br", "infra")
        assert flagged(check(d), self.rule) == ["m"]

    def test_shared_feature_pipeline_carries_the_requirement_to_both(self) -> None:
        d = DesignBuilder().add("br", "business_requirement").add("fp", "feature_pipeline")
        d.add("src", "data_source").chain("br", "fp")
        d.link("src", "fp")
        served_model(d, "a", source="fp")
        served_model(d, "b", source="fp")
        assert not of_rule(check(d), self.rule)

    def test_requirement_on_one_model_only(self) -> None:
        d = two_models_one_app()
        d.add("br", "business_requirement").link("br", "a_train")
        assert flagged(check(d), self.rule) == ["b"]


# --- feedback.degenerate-loop --------------------------------------------------------------


class TestDegenerateLoop:
    rule = "feedback.degenerate-loop"

    def test_mitigated_on_the_model(self) -> None:
        assert not of_rule(check(reference()), self.rule)

    def test_fires_without_mitigation(self) -> None:
        d = reference().props("m", feedback_mitigation=None)
        f = only(check(d), self.rule)
        assert f.severity is W
        # The shortest loop, the model first: out through evaluation and serving to the app,
        # back through the logs, the pipeline and the training (ties: first in the file).
        assert f.components == ("m", "ev", "dep", "app", "src", "etl", "td", "train")
        assert f.links == tuple(
            d.link_id(a, b)
            for a, b in (
                ("m", "ev"),
                ("ev", "dep"),
                ("dep", "app"),
                ("app", "src"),
                ("src", "etl"),
                ("etl", "td"),
                ("td", "train"),
                ("train", "m"),
            )
        )
        assert_names(f, "m", "app", design=d.build())

    def test_mitigated_on_the_deployment_on_the_loop(self) -> None:
        d = reference().props("m", feedback_mitigation=None).props("dep", feedback_mitigation="positional features")
        assert not of_rule(check(d), self.rule)

    @pytest.mark.parametrize("value", ["", "   ", 1, True, ["randomization"]])
    def test_blank_or_non_string_mitigation_does_not_count(self, value: object) -> None:
        d = reference().props("m", feedback_mitigation=value)
        assert flagged(check(d), self.rule) == ["m"]

    def test_no_feedback_no_loop(self) -> None:
        d = reference().props("m", feedback_mitigation=None).unlink("app", "src")
        assert not of_rule(check(d), self.rule)

    def test_feedback_to_another_model_is_not_this_models_loop(self) -> None:
        # Both reach the app; the app's logs feed A only: A has a loop, B does not.
        d = two_models_one_app()
        f = only(check(d), self.rule)
        assert f.components == ("a", "a_ev", "a_dep", "app", "a_src", "a_train")
        assert_names(f, "a", "app", design=d.build())

    def test_mitigated_deployment_of_another_model_does_not_count(self) -> None:
        d = two_models_one_app()
        d.props("b_dep", feedback_mitigation="randomization")
        assert flagged(check(d), self.rule) == ["a"]

    def test_mitigation_on_another_model_on_the_loop_does_not_count(self) -> None:
        d = DesignBuilder()
        d.add("src", "data_source").add("t", "training").add("m", "model")
        d.add("m2", "model", feedback_mitigation="randomization").add("dep", "deployment").add("app", "interface")
        d.chain("src", "t", "m", "m2", "dep", "app", "src")
        assert flagged(check(d), self.rule) == ["m"]

    def test_loop_through_users_needs_no_interface(self) -> None:
        d = DesignBuilder()
        d.add("src", "data_source").add("t", "training").add("m", "model").add("dep", "deployment")
        d.add("u", "users")
        d.chain("src", "t", "m", "dep", "u", "src")
        assert flagged(check(d), self.rule) == ["m"]

    def test_the_shortest_of_several_loops_is_named(self) -> None:
        d = reference().props("m", feedback_mitigation=None)
        d.add("api", "interface", label="Partner API").chain("dep", "api", "td")
        f = only(check(d), self.rule)
        assert f.components == ("m", "ev", "dep", "api", "td", "train")
        assert_names(f, "m", "api", design=d.build())

    def test_interface_without_way_back_is_not_named(self) -> None:
        d = reference().props("m", feedback_mitigation=None)
        d.add("api", "interface").link("dep", "api")
        f = only(check(d), self.rule)
        assert "app" in f.components and "api" not in f.components

    def test_the_way_back_does_not_pass_monitoring_or_another_model(self) -> None:
        d = DesignBuilder()
        d.add("src", "data_source").add("t", "training").add("m", "model").add("dep", "deployment")
        d.add("app", "interface").add("mon", "monitoring").add("m2", "model")
        d.chain("src", "t", "m", "dep", "app").chain("dep", "mon", "t")
        assert not of_rule(check(d), self.rule)
        d.chain("app", "m2", "t")  # refused link kept for its meaning: through another model
        assert not of_rule(check(d), self.rule)

    def test_predictions_written_back_as_labels(self) -> None:
        d = DesignBuilder()
        d.add("td", "training_data").add("t", "training").add("m", "model").add("dep", "deployment")
        d.add("app", "interface")
        d.chain("td", "t", "m", "dep", "app").link("dep", "td")
        f = only(check(d), self.rule)
        assert f.components == ("m", "dep", "td", "t")

    def test_mitigated_deployment_on_the_way_back(self) -> None:
        # The loop is model -> serving -> app -> logging service -> logs -> ... -> model;
        # the logging deployment, on the loop, randomizes what is logged.
        d = DesignBuilder()
        d.add("src", "data_source").add("t", "training").add("m", "model").add("dep", "deployment")
        d.add("app", "interface").add("logger", "deployment", feedback_mitigation="randomization")
        d.chain("src", "t", "m", "dep", "app", "logger", "src")
        assert not of_rule(check(d), self.rule)

    def test_unmitigated_second_route_to_the_app_still_loops(self) -> None:
        # One of the model's two deployments randomizes; the other shapes the app's data
        # unmitigated, so a loop with no mitigation on it remains.
        d = DesignBuilder()
        d.add("src", "data_source").add("t", "training").add("m", "model").add("app", "interface")
        d.add("d1", "deployment", feedback_mitigation="randomization").add("d2", "deployment", mode="batch")
        d.chain("src", "t", "m", "d1", "app", "src").chain("m", "d2", "app")
        assert flagged(check(d), self.rule) == ["m"]

    def test_loop_through_a_forward_cycle(self) -> None:
        d = DesignBuilder()
        d.add("logs", "data_source").add("t", "training").add("m", "model").add("dep", "deployment")
        d.add("app", "interface")
        d.chain("logs", "t", "m", "dep", "logs").chain("dep", "app", "logs")
        assert flagged(check(d), self.rule) == ["m"]


# --- the serving reach through a feature pipeline ------------------------------------------


class TestServingThroughFeatures:
    def embedding_cascade(self) -> DesignBuilder:
        """An embedding model writes the item vectors the ranker reads at serving time."""
        d = DesignBuilder()
        d.add("src", "data_source").add("te", "training").add("emb", "model").add("vec", "feature_pipeline")
        d.add("tr", "training").add("rk", "model").add("dep", "deployment").add("app", "interface")
        d.add("mon", "monitoring")
        d.chain("src", "te", "emb", "vec", "rk", "dep", "app").chain("src", "tr", "rk").link("dep", "mon")
        return d

    def test_an_embedding_model_is_served_through_the_model_that_reads_its_features(self) -> None:
        findings = check(self.embedding_cascade())
        for rule in ("model.unmonitored", "model.not-served"):
            assert "emb" not in flagged(findings, rule), rule

    def test_arriving_from_the_data_side_does_not_enter_the_next_model(self) -> None:
        # a's deployment logs into a table that feeds the same feature store: that does not
        # put b's monitor on a's serving path.
        d = self.embedding_cascade()
        d.add("a", "model").add("ta", "training").add("da", "deployment").add("log", "data_source")
        d.chain("src", "ta", "a", "da", "app").chain("da", "log", "vec")
        assert flagged(check(d), "model.unmonitored") == ["a"]

    def test_a_requirement_on_a_shared_store_does_not_cover_the_models_reading_it(self) -> None:
        d = self.embedding_cascade()
        d.add("r", "business_requirement", latency_slo_ms=1).link("r", "vec")
        assert not of_rule(check(d), "slo.latency-exceeded")  # the app is not in its scope


def test_an_untriggered_retraining_is_named_with_why_it_does_not_count() -> None:
    d = reference().unlink("mon", "cl")  # the drift-triggered retraining has no monitor now
    f = only(check(d), "model.no-update-loop")
    assert "'Retrainer' leads back to its training" in f.message and "no monitor" in f.message


def test_an_evaluations_data_is_not_served_features() -> None:
    d = DesignBuilder()
    d.add("fo", "feature_pipeline").add("tr", "training").add("m", "model").add("ev", "evaluation")
    d.add("d", "deployment").add("app", "interface").add("fe", "feature_pipeline")
    d.chain("fo", "tr", "m", "ev", "d", "app").link("fe", "ev")
    assert not of_rule(check(d), "features.training-serving-skew")
