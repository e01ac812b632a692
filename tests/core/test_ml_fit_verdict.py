"""``canvas.core.ml_fit``: the inspector's When-to-use-ML verdict agrees with the checker's ``ml-fit.unmet`` rule."""

from __future__ import annotations

import itertools

from canvas.core.catalog import ML_FIT_CRITERIA
from canvas.core.ml_fit import ml_fit_problems, ml_fit_verdict
from canvas.core.model import Component, Design
from canvas.core.rules import run_checks

_ANSWERS = (None, True, False)
_KEYS = (*ML_FIT_CRITERIA, "cheap_mistakes", "human_in_the_loop")


def _rule_fires(fit: dict[str, bool]) -> str | None:
    comp = Component(id="req-1", kind="business_requirement", label="Req", properties={"ml_fit": fit})
    findings = [f for f in run_checks(Design(components={"req-1": comp})) if f.rule == "ml-fit.unmet"]
    return findings[0].message if findings else None


def test_verdict_matches_rule_for_every_answer_combination() -> None:
    for answers in itertools.product(_ANSWERS, repeat=len(_KEYS)):
        fit = {k: a for k, a in zip(_KEYS, answers, strict=True) if a is not None}
        problems = ml_fit_problems(fit)
        message = _rule_fires(fit)
        assert bool(problems) == (message is not None), fit
        for problem in problems:
            assert problem in message  # type: ignore[operator]


def test_verdict_wording() -> None:
    assert ml_fit_verdict({}) == "Not answered yet."
    assert ml_fit_verdict({k: True for k in ML_FIT_CRITERIA}) == "ML fits."
    assert ml_fit_verdict({"learn": True}).startswith("ML fits so far")
    assert ml_fit_verdict({"predictions": False}).startswith("ML may not fit: it answers no to 'It is a predictive")
    assert ml_fit_verdict({"cheap_mistakes": False, "human_in_the_loop": True}).startswith("ML fits so far")
