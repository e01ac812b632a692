"""What a finding says: names by label (the id when blank, cut at 40 characters) and numbers
as people write them — never an exponent or ``inf``."""

from __future__ import annotations

import pytest

from canvas.core.model import Component
from canvas.core.wording import listing, ms, name, number, usd
from tests.core.builders import DesignBuilder, check, only


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (7_200_020, "7,200,020"),
        (1_250_000.0, "1,250,000"),
        (12.5, "12.5"),
        (0.25, "0.2"),
        (12.04, "12.0"),
        (1e15, "1,000,000,000,000,000"),
        (0, "0"),
        (float("inf"), "?"),
    ],
)
def test_numbers(value: float, text: str) -> None:
    assert number(value) == text


def test_units() -> None:
    assert ms(7_200_020) == "7,200,020 ms" and usd(1_250_000) == "$1,250,000"


def test_names() -> None:
    assert name(Component(id="m-1", kind="model", label="")) == "m-1"
    assert name(Component(id="m-1", kind="model", label="   ")) == "m-1"
    long = "A" * 41
    assert name(Component(id="x", kind="model", label=long)) == "A" * 39 + "…"
    assert name(Component(id="x", kind="model", label="A" * 40)) == "A" * 40


def test_listing() -> None:
    assert listing([]) == "" and listing(["'a'"]) == "'a'"
    assert listing(["'a'", "'b'", "'c'"]) == "'a', 'b' and 'c'"
    assert listing([f"'{i}'" for i in range(7)], limit=3) == "'0', '1', '2' and 4 more"


def test_a_finding_names_an_unlabelled_model_by_its_id() -> None:
    d = DesignBuilder().add("src", "data_source").add("model-7", "model", label="").link("src", "model-7")
    assert "Model 'model-7'" in only(check(d), "model.unmonitored").message


def test_huge_figures_read_like_a_person_wrote_them() -> None:
    d = DesignBuilder().add("r", "business_requirement", latency_slo_ms=100, monthly_budget=1000)
    d.add("m", "model", latency_ms=999_999_999.5, monthly_cost=1e12).add("dep", "deployment").add("app", "interface")
    d.chain("m", "dep", "app").link("r", "app")
    findings = check(d)
    slo = only(findings, "slo.latency-exceeded").message
    budget = only(findings, "budget.cost-exceeded").message
    assert "999,999,999.5 ms" in slo and "e+" not in slo and "inf" not in slo
    assert "$1,000,000,000,000" in budget and "e+" not in budget
