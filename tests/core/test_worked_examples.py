"""The checker's 22 worked examples, each one a test named after it (docs/checker.md
explains the rules they exercise).

``a>b`` in a docstring is a link, ``{…}`` properties. Each test says what the named rules
do; other rules may also fire on these fragments.
"""

from __future__ import annotations

from canvas.core.analysis import latency_rows
from canvas.core.model import Severity
from tests.core.builders import DesignBuilder, check, flagged, of_rule, only


def slo_on(d: DesignBuilder, target: str, slo: float, rid: str = "req") -> DesignBuilder:
    d.add(rid, "business_requirement", latency_slo_ms=slo)
    return d.link(rid, target)


def totals(d: DesignBuilder) -> dict[str, float]:
    return {row.interface: row.total for row in latency_rows(d.build())}


# 1 ---------------------------------------------------------------------------------------


def example_1(through_evaluation: bool) -> DesignBuilder:
    d = DesignBuilder()
    d.add("fs", "feature_pipeline", latency_ms=18).add("svc", "deployment", latency_ms=8)
    d.add("m", "model", latency_ms=15).add("api", "interface", latency_ms=12)
    d.link("fs", "svc")
    if through_evaluation:
        d.add("ev", "evaluation").chain("m", "ev", "svc")
    else:
        d.link("m", "svc")
    d.link("svc", "api")
    return slo_on(d, "m", 50)


def test_example_1_the_service_fetches_features_then_scores() -> None:
    d = example_1(through_evaluation=False)
    f = only(check(d), "slo.latency-exceeded")
    assert f.severity is Severity.ERROR
    assert "53 ms" in f.message and "50 ms" in f.message
    assert f.components[0] == "api" and set(f.components) == {"api", "fs", "m", "svc"}
    assert set(f.links) == {d.link_id("fs", "svc"), d.link_id("m", "svc"), d.link_id("svc", "api")}


def test_example_1_evaluation_adds_nothing() -> None:
    d = example_1(through_evaluation=True)
    f = only(check(d), "slo.latency-exceeded")
    assert "53 ms" in f.message
    assert set(f.links) == {
        d.link_id("fs", "svc"),
        d.link_id("m", "ev"),
        d.link_id("ev", "svc"),
        d.link_id("svc", "api"),
    }


# 2 ---------------------------------------------------------------------------------------


def test_example_2_ab_arms_are_alternatives_and_training_is_offline() -> None:
    d = DesignBuilder()
    d.add("a", "model", latency_ms=40).add("da", "deployment", latency_ms=10).add("app", "interface", latency_ms=20)
    d.add("b", "model", latency_ms=40).add("db", "deployment", latency_ms=10)
    d.add("log", "data_source").add("tr", "training")
    d.chain("a", "da", "app").chain("b", "db", "app")
    d.link("da", "log").link("db", "log").chain("log", "tr", "a").link("tr", "b")
    slo_on(d, "app", 100)
    assert not of_rule(check(d), "slo.latency-exceeded")
    assert totals(d) == {"app": 70}


# 3 ---------------------------------------------------------------------------------------


def test_example_3_batch_scoring_into_a_lookup_store() -> None:
    d = DesignBuilder()
    d.add("m", "model").add("bd", "deployment", mode="batch").add("kv", "data_source", latency_ms=150)
    d.add("lk", "deployment", latency_ms=50).add("app", "interface", latency_ms=30)
    d.chain("m", "bd", "kv", "lk", "app")
    slo_on(d, "app", 100)
    f = only(check(d), "slo.latency-exceeded")
    assert f.severity is Severity.ERROR and "230 ms" in f.message
    assert f.components == ("app", "kv", "lk")
    assert f.links == (d.link_id("kv", "lk"), d.link_id("lk", "app"))


# 4 ---------------------------------------------------------------------------------------


def test_example_4_an_slo_on_the_interface() -> None:
    d = DesignBuilder()
    d.add("r", "business_requirement", latency_slo_ms=100).add("api", "interface", latency_ms=10)
    d.add("m", "model", latency_ms=150).add("svc", "deployment", latency_ms=20)
    d.link("r", "api").chain("m", "svc", "api")
    findings = check(d)
    f = only(findings, "slo.latency-exceeded")
    assert "180 ms" in f.message and f.components[0] == "api"
    assert not of_rule(findings, "model.no-business-objective")


# 5 ---------------------------------------------------------------------------------------


def test_example_5_a_shared_app_does_not_update_the_other_model() -> None:
    d = DesignBuilder()
    d.add("src", "data_source").add("app", "interface").add("mon", "monitoring").add("cl", "continual_learning")
    for m in ("a", "b"):
        d.add(f"t{m}", "training").add(m, "model").add(f"d{m}", "deployment")
        d.chain("src", f"t{m}", m, f"d{m}", "app").link(f"d{m}", "mon")
    d.link("app", "src").chain("mon", "cl", "ta")
    assert flagged(check(d), "model.no-update-loop") == ["b"]


# 6 ---------------------------------------------------------------------------------------


def test_example_6_an_output_table_does_not_bring_another_models_monitor() -> None:
    d = DesignBuilder()
    d.add("src", "data_source").add("a", "model").add("da", "deployment").add("log", "data_source")
    d.add("tb", "training").add("b", "model").add("db", "deployment").add("app", "interface").add("mon", "monitoring")
    d.chain("src", "a", "da", "log", "tb", "b", "db", "app").link("db", "mon")
    assert flagged(check(d), "model.unmonitored") == ["a"]


# 7, 8 ------------------------------------------------------------------------------------


def test_example_7_a_loop_through_users_needs_no_interface() -> None:
    d = DesignBuilder()
    d.add("src", "data_source").add("tr", "training").add("m", "model").add("d", "deployment").add("u", "users")
    d.chain("src", "tr", "m", "d", "u").link("u", "src")
    f = only(check(d), "feedback.degenerate-loop")
    assert f.components[0] == "m" and set(f.components) == {"m", "d", "u", "src", "tr"}
    assert len(f.links) == 5


def test_example_8_trained_on_its_own_logged_decisions() -> None:
    d = DesignBuilder()
    d.add("src", "data_source").add("tr", "training").add("m", "model").add("d", "deployment")
    d.add("app", "interface")
    d.chain("src", "tr", "m", "d", "src").link("d", "app")
    f = only(check(d), "feedback.degenerate-loop")
    assert f.components == ("m", "d", "src", "tr")
    assert f.links == (d.link_id("m", "d"), d.link_id("d", "src"), d.link_id("src", "tr"), d.link_id("tr", "m"))


# 9 ---------------------------------------------------------------------------------------


def test_example_9_retraining_promotes_straight_into_serving() -> None:
    d = DesignBuilder()
    d.add("m", "model").add("ev", "evaluation").add("d", "deployment").add("app", "interface")
    d.add("mon", "monitoring").add("cl", "continual_learning").add("tr", "training")
    d.chain("m", "ev", "d", "app").chain("d", "mon", "cl", "tr", "m").link("cl", "d")
    f = only(check(d), "model.unevaluated")
    assert f.components == ("m", "d", "cl")
    assert f.links == (d.link_id("cl", "d"),)
    assert "'The cl'" in f.message


# 10, 11 ------------------------------------------------------------------------------------


def test_example_10_hand_labelled_training_data_is_training_data() -> None:
    d = DesignBuilder()
    d.add("td", "training_data").add("tr", "training").add("m", "model").add("d", "deployment")
    d.add("app", "interface")
    d.chain("td", "tr", "m", "d", "app")
    assert not of_rule(check(d), "model.no-training-data")


def test_example_11_a_scheduled_retraining_updates_the_model() -> None:
    d = DesignBuilder()
    d.add("src", "data_source").add("cl", "continual_learning", trigger="schedule").add("tr", "training")
    d.add("m", "model").add("d", "deployment").add("app", "interface").add("mon", "monitoring")
    d.chain("src", "tr", "m", "d", "app").link("d", "mon").chain("cl", "tr")
    findings = check(d)
    assert not of_rule(findings, "model.unmonitored")
    assert not of_rule(findings, "model.no-update-loop")


# 12 --------------------------------------------------------------------------------------


def test_example_12_a_placeholder_is_no_mitigation() -> None:
    d = DesignBuilder()
    d.add("src", "data_source").add("tr", "training").add("m", "model", feedback_mitigation="none")
    d.add("d", "deployment").add("app", "interface")
    d.chain("src", "tr", "m", "d", "app", "src")
    assert flagged(check(d), "feedback.degenerate-loop") == ["m"]
    d.props("m", feedback_mitigation="randomization")
    assert not of_rule(check(d), "feedback.degenerate-loop")


# 13 --------------------------------------------------------------------------------------


def test_example_13_fine_tuning_a_pretrained_model() -> None:
    d = DesignBuilder()
    d.add("base", "model", origin="pretrained").add("ft", "training").add("m", "model")
    d.chain("base", "ft", "m")
    findings = check(d)
    assert not of_rule(findings, "link.not-allowed")
    assert not [f for f in findings if f.rule.startswith("model.") and f.components[0] == "base"]


# 14 --------------------------------------------------------------------------------------


def test_example_14_budgets_judge_their_own_product() -> None:
    d = DesignBuilder()
    d.add("ra", "business_requirement", monthly_budget=45000).add("a", "model", monthly_cost=30000)
    d.add("rb", "business_requirement", monthly_budget=35000).add("b", "model", monthly_cost=20000)
    d.add("platform", "infrastructure", monthly_cost=10000)
    d.link("ra", "a").link("rb", "b").fan("platform", "a", "b")
    assert not of_rule(check(d), "budget.cost-exceeded")
    d.props("platform", monthly_cost=16000)  # 46,000 > 45,000 for ra; 36,000 > 35,000 for rb
    assert flagged(check(d), "budget.cost-exceeded") == ["ra", "rb"]


# 15, 16 ------------------------------------------------------------------------------------


def test_example_15_a_lonely_model_gets_one_finding() -> None:
    d = DesignBuilder().add("m", "model")
    findings = check(d)
    assert [f.rule for f in findings] == ["component.disconnected"]


def test_example_16_an_empty_design_has_no_findings() -> None:
    assert check(DesignBuilder()) == []


def test_example_16_figure_coverage_is_one_finding() -> None:
    d = DesignBuilder().add("src", "data_source").add("m", "model").link("src", "m")
    f = only(check(d), "design.figure-coverage")
    assert f.components == ()
    assert f.message.startswith("7 Figure 1-1 boxes")


# 17 --------------------------------------------------------------------------------------


def test_example_17_a_misspelt_rule_is_named_with_the_closest_id() -> None:
    d = DesignBuilder().add("src", "data_source").add("m", "model").link("src", "m")
    d.suppress("m", "model.unmonitord", "watched by the platform team")
    f = only(check(d), "design.unknown-rule")
    assert f.components == ("m",) and "'model.unmonitored'" in f.message


# 18 --------------------------------------------------------------------------------------


def served_and_watched(signals: list[str]) -> DesignBuilder:
    d = DesignBuilder()
    d.add("src", "data_source").add("m", "model").add("d", "deployment").add("app", "interface")
    d.add("mon", "monitoring", signals=signals)
    return d.chain("src", "m", "d", "app").link("d", "mon")


def test_example_18_operational_signals_only() -> None:
    for signals in (["latency", "throughput"], ["p99 latency", "error rate", "CPU utilisation", "requests per second"]):
        assert flagged(check(served_and_watched(signals)), "monitoring.operational-only") == ["mon"], signals
    for signals in (["latency", "data drift"], ["word error rate"]):
        assert not of_rule(check(served_and_watched(signals)), "monitoring.operational-only"), signals


# 19 --------------------------------------------------------------------------------------


def test_example_19_training_serving_skew() -> None:
    d = DesignBuilder()
    d.add("fo", "feature_pipeline").add("tr", "training").add("m", "model").add("d", "deployment")
    d.add("app", "interface").add("fn", "feature_pipeline")
    d.chain("fo", "tr", "m", "d", "app").link("fn", "d")
    assert flagged(check(d), "features.training-serving-skew") == ["m"]
    d.link("fo", "fn")
    assert not of_rule(check(d), "features.training-serving-skew")


# 20 --------------------------------------------------------------------------------------


def test_example_20_evaluation_reads_the_training_data() -> None:
    d = DesignBuilder()
    d.add("td", "training_data").add("tr", "training").add("m", "model").add("ev", "evaluation")
    d.chain("td", "tr", "m", "ev").link("td", "ev")
    assert flagged(check(d), "evaluation.reads-training-data") == ["ev"]
    d.add("ho", "training_data").link("ho", "ev")
    assert not of_rule(check(d), "evaluation.reads-training-data")
    alone = DesignBuilder().add("m", "model").add("ev", "evaluation").link("m", "ev")
    assert not of_rule(check(alone), "evaluation.reads-training-data")


# 21 --------------------------------------------------------------------------------------


def test_example_21_a_nightly_pipeline_is_not_request_latency() -> None:
    d = DesignBuilder()
    d.add("etl", "data_pipeline", latency_ms=7_200_000).add("fs", "feature_pipeline", latency_ms=5)
    d.add("d", "deployment", latency_ms=10).add("app", "interface", latency_ms=20).add("m", "model", latency_ms=15)
    d.chain("etl", "fs", "d", "app").link("m", "d")
    slo_on(d, "app", 100)
    assert not of_rule(check(d), "slo.latency-exceeded")
    assert totals(d) == {"app": 50}


# 22 --------------------------------------------------------------------------------------


def test_example_22_a_drift_trigger_fed_by_no_drift_signal() -> None:
    def design(signals: list[str]) -> DesignBuilder:
        d = DesignBuilder()
        d.add("mon", "monitoring", signals=signals).add("cl", "continual_learning", trigger="drift")
        return d.link("mon", "cl")

    assert flagged(check(design(["latency", "accuracy"])), "retraining.trigger-unwatched") == ["cl"]
    assert not of_rule(check(design(["feature drift"])), "retraining.trigger-unwatched")


def test_a_lone_percentile_is_not_a_quality_signal() -> None:
    d = DesignBuilder()
    d.add("mon", "monitoring", signals=["p95"]).add("cl", "continual_learning", trigger="performance")
    d.link("mon", "cl")
    assert flagged(check(d), "retraining.trigger-unwatched") == ["cl"]
