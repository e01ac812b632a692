"""The Python API for notebooks and scripts: ``from canvas import load_design, check, to_networkx``."""

from __future__ import annotations

import networkx as nx
import pytest

from canvas import check, load_design, to_networkx
from canvas.resources import templates_dir


@pytest.fixture
def fraud():
    return load_design(templates_dir() / "fraud-detection.json")


def test_check_returns_the_cli_findings(fraud) -> None:
    findings = check(fraud)
    assert [(f.rule, f.severity.value) for f in findings] == [("slo.latency-exceeded", "error")]
    assert findings[0].to_json()["components"][0] == "auth-api"


@pytest.mark.parametrize("view", ["flow", "forward", "serving", "request"])
def test_every_view_is_a_networkx_digraph_with_attributes(fraud, view: str) -> None:
    g = to_networkx(fraud, view=view)  # type: ignore[arg-type]
    assert isinstance(g, nx.DiGraph)
    node = g.nodes["fraud-model"]
    assert node["kind"] == "model" and node["label"] == "Fraud scoring model"
    assert node["properties"]["latency_ms"] == 15


def test_the_views_differ_as_documented(fraud) -> None:
    flow, forward, request = (to_networkx(fraud, view=v) for v in ("flow", "forward", "request"))  # type: ignore[arg-type]
    assert flow.has_edge("auth-api", "transactions")  # feedback: in the flow graph only
    assert not forward.has_edge("auth-api", "transactions")
    assert flow.edges["auth-api", "transactions"]["link"] == "auth-api->transactions"
    assert "training" not in request  # offline: never on a request path
    # the service fetches features, then scores: an edge the file does not draw, behind its link
    assert request.edges["feature-store", "fraud-model"]["links"] == ("feature-store->scoring-service",)
    assert nx.dag_longest_path(request) == ["feature-store", "fraud-model", "scoring-service", "auth-api"]


def test_an_unknown_view_is_refused(fraud) -> None:
    with pytest.raises(ValueError, match="unknown view 'model'"):
        to_networkx(fraud, view="model")  # type: ignore[arg-type]


def test_unknown_names_are_not_the_api() -> None:
    import canvas

    with pytest.raises(AttributeError):
        canvas.run  # noqa: B018
