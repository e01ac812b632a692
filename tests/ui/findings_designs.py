"""Designs for the findings and analysis tests (and the README screenshots).

``served_design`` is a complete serving path with an update loop: a requirement with a
latency SLO and a budget, latencies and costs on its components. Tests break it (or fix
it) through the Document and check what the panels and the canvas show.
"""

from __future__ import annotations

from canvas.core.model import Component, Design, Link, Position


def served_design() -> Design:
    """Requirement -> data -> features -> training -> model -> evaluation -> deployment ->
    app, with monitoring and retraining, infrastructure and users. The deployment fetches the
    features, then scores: latency 25+40+15 = 80 ms against a 100 ms SLO; cost $7,200
    against a $10,000 budget."""
    d = Design(name="Recommender")
    spec = [
        (
            "req",
            "business_requirement",
            "Grow engagement",
            0,
            0,
            {"latency_slo_ms": 100, "monthly_budget": 10000, "objective": "watch time"},
        ),
        ("src", "data_source", "Event logs", 0, 140, {"monthly_cost": 400}),
        ("etl", "data_pipeline", "Stream ETL", 220, 140, {"monthly_cost": 600}),
        ("feat", "feature_pipeline", "Feature store", 440, 140, {"latency_ms": 25, "monthly_cost": 900}),
        ("train", "training", "Training", 660, 40, {"monthly_cost": 2000}),
        ("model", "model", "Ranker", 880, 40, {"latency_ms": 40, "feedback_mitigation": "randomization"}),
        ("eval", "evaluation", "Offline eval", 1100, 40, {}),
        ("dep", "deployment", "Ranking API", 1320, 140, {"latency_ms": 15, "monthly_cost": 1800, "mode": "online"}),
        ("app", "interface", "Home feed", 1540, 140, {}),
        ("users", "users", "Viewers", 1760, 140, {}),
        ("mon", "monitoring", "Drift monitor", 1540, 300, {"monthly_cost": 300, "signals": ["data drift"]}),
        ("cl", "continual_learning", "Nightly retrain", 1100, 300, {"trigger": "drift"}),
        ("infra", "infrastructure", "Kubernetes", 660, 300, {"monthly_cost": 1200}),
        ("devs", "developers", "ML team", 0, 300, {}),
    ]
    for cid, kind, label, x, y, props in spec:
        d.components[cid] = Component(id=cid, kind=kind, label=label, position=Position(x=x, y=y), properties=props)
    edges = [
        ("req", "model"),
        ("src", "etl"),
        ("etl", "feat"),
        ("feat", "train"),
        ("feat", "dep"),
        ("train", "model"),
        ("model", "eval"),
        ("eval", "dep"),
        ("dep", "app"),
        ("app", "users"),
        ("dep", "mon"),
        ("mon", "cl"),
        ("cl", "train"),
        ("users", "src"),
        ("infra", "train"),
        ("infra", "dep"),
        ("infra", "etl"),
        ("infra", "feat"),
        ("devs", "train"),
    ]
    for i, (s, t) in enumerate(edges, start=1):
        d.links[f"link-{i}"] = Link(id=f"link-{i}", source=s, target=t)
    return d


def big_design(n: int = 10_000) -> Design:
    """``n`` components in chains source -> pipeline -> model -> deployment (+ a few loners),
    laid out on a grid — a stress test for the live checker, not a sensible system."""
    d = Design(name=f"{n} components")
    kinds = ("data_source", "data_pipeline", "model", "deployment")
    cols = 100
    for i in range(n):
        kind = kinds[i % 4]
        cid = f"c{i}"
        d.components[cid] = Component(
            id=cid, kind=kind, label=f"{kind} {i}", position=Position(x=(i % cols) * 200.0, y=(i // cols) * 100.0)
        )
        if i % 4:
            lid = f"l{i}"
            d.links[lid] = Link(id=lid, source=f"c{i - 1}", target=cid)
    return d
