"""``ml_fit_problems``: the one *When to use ML* verdict, shared by ``ml-fit.unmet`` and the inspector."""

from __future__ import annotations

from canvas.core.catalog import ML_FIT_CRITERIA
from canvas.core.ml_fit import ml_fit_problems
from canvas.core.model import Component, Design
from canvas.core.rules import run_checks


def _messages(fit: dict[str, bool]) -> list[str]:
    comp = Component(id="req-1", kind="business_requirement", label="Churn", properties={"ml_fit": fit})
    return [f.message for f in run_checks(Design(components={"req-1": comp})) if f.rule == "ml-fit.unmet"]


def test_nothing_answered_or_all_yes_is_no_problem() -> None:
    assert ml_fit_problems({}) == []
    assert ml_fit_problems({k: True for k in ML_FIT_CRITERIA}) == []
    assert _messages({}) == []


def test_a_no_to_a_criterion() -> None:
    assert ml_fit_problems({"predictions": False, "learn": True}) == ["no to 'It is a predictive problem'"]


def test_costly_mistakes_need_a_human_in_the_loop() -> None:
    costly = "that wrong predictions are costly, with no human in the loop"
    assert ml_fit_problems({"cheap_mistakes": False}) == [costly]
    assert ml_fit_problems({"cheap_mistakes": False, "human_in_the_loop": False}) == [costly]
    assert ml_fit_problems({"cheap_mistakes": False, "human_in_the_loop": True}) == []
    assert ml_fit_problems({"repetitive": False, "at_scale": False, "changing_patterns": False}) == []


def test_rule_message_is_built_from_it() -> None:
    fit = {"existing_data": False, "cheap_mistakes": False}
    assert _messages(fit) == [
        "ML may not be the right approach for 'Churn' (ch. 1, When to use ML): it answers "
        "no to 'Data is available, or it is possible to collect data'; "
        "that wrong predictions are costly, with no human in the loop."
    ]
