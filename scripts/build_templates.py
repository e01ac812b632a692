"""Builds the shipped design templates in ``assets/templates/``.

Run from the repository root with ``.venv/bin/python scripts/build_templates.py``. Each
template is built from ``canvas.core.model`` objects and written with
``canvas.io.save.save_design``, so the files have exactly the format and key order the app
writes (and a load -> save round trip leaves them byte for byte unchanged).

Ids are readable and stable (``ranker-model``); link ids are ``source->target``. Positions
are on a grid of ``COL`` x ``ROW`` (cards are 170 x 64) and every template follows one plan,
left to right by flow: the developers and the business requirement on the top row; then the
model lane (training -> model -> evaluation, then monitoring -> continual learning, whose
retrain link dips back under the lane); then the data-and-serving lane (data sources ->
pipelines -> training data, then deployment -> interface, whose feedback link dips back under
the lane to the data); feature pipelines and users below it; infrastructure at the bottom
or the left edge. Links into a card arrive through an empty cell or a column gap, so flow
links never pass behind other cards (the app draws links behind cards as bezier curves).

Before writing, the script validates what the loader and the checker would: every property
value against the catalogue, every link against the allowed matrix, no overlapping cards. It
also reports (without failing) links whose curve passes behind a card other than its ends.
``tests/core/test_templates.py`` pins the checker's findings on every template.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    import canvas  # noqa: F401  (installed in the venv)
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from canvas.core.catalog import KINDS, link_refusal  # noqa: E402
from canvas.core.model import Component, Design, Group, Link, Note, Position, Size  # noqa: E402
from canvas.io.load import validate_property  # noqa: E402
from canvas.io.save import save_design  # noqa: E402

TEMPLATES_DIR = ROOT / "assets" / "templates"

#: Grid steps (scene units) and the card size of the canvas (canvas.ui.canvas.items.style).
COL, ROW = 220, 140
CARD_W, CARD_H = 170, 64
PORT_RADIUS = 5.0

ALL_FIT_CRITERIA = {
    "learn": True,
    "complex_patterns": True,
    "existing_data": True,
    "predictions": True,
    "unseen_data": True,
}


class Builder:
    """A design under construction, laid out on the template grid."""

    def __init__(self, name: str) -> None:
        self.design = Design(name=name)

    def add(self, cid: str, kind: str, label: str, col: float, row: float, **properties: object) -> str:
        if cid in self.design.components:
            raise ValueError(f"duplicate component id {cid!r}")
        if kind not in KINDS:
            raise ValueError(f"{cid}: unknown kind {kind!r}")
        for key, value in properties.items():
            problem = validate_property(kind, key, value)
            if problem:
                raise ValueError(f"{cid}.{key}: {problem}")
        self.design.components[cid] = Component(
            id=cid,
            kind=kind,
            label=label,
            position=Position(x=round(col * COL), y=round(row * ROW)),
            properties=dict(properties),
        )
        return cid

    def link(self, source: str, target: str, label: str = "") -> None:
        comps = self.design.components
        why = link_refusal(comps[source].kind, comps[target].kind)
        if why or source == target:
            raise ValueError(f"{source} -> {target}: {why or 'self-link'}")
        lid = f"{source}->{target}"
        if lid in self.design.links:
            raise ValueError(f"duplicate link {lid}")
        self.design.links[lid] = Link(id=lid, source=source, target=target, label=label)

    def links(self, source: str, *targets: str, label: str = "") -> None:
        for target in targets:
            self.link(source, target, label)

    def group(self, gid: str, label: str, color: str, *members: str) -> None:
        """A named frame around ``members`` (the app draws it around their cards)."""
        comps = self.design.components
        if gid in self.design.groups or any(m not in comps for m in members):
            raise ValueError(f"group {gid}: duplicate id or unknown member")
        if any(self.design.group_of(m) is not None for m in members):
            raise ValueError(f"group {gid}: a member is already in a group")
        self.design.groups[gid] = Group(id=gid, label=label, members=list(members), color=color)

    def note(
        self,
        nid: str,
        text: str,
        col: float,
        row: float,
        width: float = 220,
        height: float = 120,
        color: str = "yellow",
    ) -> None:
        """A note with its top-left corner at a grid cell."""
        self.design.notes[nid] = Note(
            id=nid,
            text=text,
            color=color,
            position=Position(x=round(col * COL), y=round(row * ROW)),
            size=Size(width=width, height=height),
        )


# --- layout checks ---------------------------------------------------------------------------


def _card(c: Component, pad: float = 0.0) -> tuple[float, float, float, float]:
    return (c.position.x - pad, c.position.y - pad, c.position.x + CARD_W + pad, c.position.y + CARD_H + pad)


def _bezier(link: Link, design: Design, steps: int = 80) -> list[tuple[float, float]]:
    """Points on the link's curve, as ``canvas.ui.canvas.items.link_item.link_geometry`` draws it."""
    s, t = design.components[link.source], design.components[link.target]
    x0, y0 = s.position.x + CARD_W + PORT_RADIUS, s.position.y + CARD_H / 2
    x3, y3 = t.position.x - PORT_RADIUS - 0.5, t.position.y + CARD_H / 2
    dx, dy = x3 - x0, y3 - y0
    if dx >= 0:
        reach, dip = max(dx * 0.5, 30.0), 0.0
    else:
        reach = min(max(-dx * 0.35, 60.0), 160.0)
        dip = CARD_H * 1.4 if abs(dy) < CARD_H + 20 else 0.0
    x1, y1, x2, y2 = x0 + reach, y0 + dip, x3 - reach, y3 + dip
    pts = []
    for i in range(steps + 1):
        u = i / steps
        a, b, c, d = (1 - u) ** 3, 3 * (1 - u) ** 2 * u, 3 * (1 - u) * u**2, u**3
        pts.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return pts


def check_layout(design: Design) -> list[str]:
    """Overlapping cards or notes (fatal) and links drawn behind other cards (reported).
    (That no group's frame holds a card of another is tested with the app's own frames,
    tests/ui/canvas/test_template_annotations.py.)"""
    comps = list(design.components.values())
    for i, a in enumerate(comps):
        ax0, ay0, ax1, ay1 = _card(a, 10)
        for b in comps[i + 1 :]:
            bx0, by0, bx1, by1 = _card(b)
            if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
                raise ValueError(f"{design.name}: cards {a.id} and {b.id} overlap")
    for n in design.notes.values():
        nx0, ny0 = n.position.x - 20, n.position.y - 20
        nx1, ny1 = n.position.x + n.size.width + 20, n.position.y + n.size.height + 20
        for c in comps:
            cx0, cy0, cx1, cy1 = _card(c)
            if nx0 < cx1 and cx0 < nx1 and ny0 < cy1 and cy0 < ny1:
                raise ValueError(f"{design.name}: note {n.id} is over card {c.id}")
    notes = []
    for link in design.links.values():
        pts = _bezier(link, design)
        for c in comps:
            if c.id in (link.source, link.target):
                continue
            x0, y0, x1, y1 = _card(c, -4)
            if any(x0 < x < x1 and y0 < y < y1 for x, y in pts):
                notes.append(f"{design.name}: link {link.id} passes behind {c.id}")
    return notes


# --- the templates -------------------------------------------------------------------------


def figure_1_1() -> Design:
    """The reference design of chapter 1: one component for each box of Figure 1-1, wired as
    the book describes — data through pipelines and a feature store into training, a model
    evaluated offline before its prediction service, monitoring that triggers retraining, user
    feedback captured as natural labels, everything hosted on an ML platform. It is clean: no
    errors, warnings or notes. Edit it to see what the checker says."""
    b = Builder("Figure 1-1 reference system")
    # top row: the people and the requirement outside the system
    b.add("developers", "developers", "ML system developers", 2, 0, team="ML platform & data science")
    b.add(
        "business-requirement",
        "business_requirement",
        "Business requirement",
        3,
        0,
        objective="Raise the share of sessions in which users act on a prediction",
        latency_slo_ms=100,
        monthly_budget=20000,
        ml_fit={
            **ALL_FIT_CRITERIA,
            "repetitive": True,
            "cheap_mistakes": True,
            "at_scale": True,
            "changing_patterns": True,
            "human_in_the_loop": False,
        },
    )
    b.add("users", "users", "ML system users", 6, 3, audience="People using the product")
    # model development, then monitoring and updating
    b.add("training", "training", "Model training", 3, 1, framework="PyTorch", monthly_cost=3000)
    b.add(
        "model",
        "model",
        "Model",
        4,
        1,
        algorithm="gradient-boosted trees",
        latency_ms=25,
        feedback_mitigation="randomization: 2% of predictions explore",
    )
    b.add(
        "evaluation", "evaluation", "Offline evaluation", 5, 1, metrics=["AUC", "calibration", "slice-based accuracy"]
    )
    b.add(
        "monitoring",
        "monitoring",
        "Monitoring",
        7,
        1,
        signals=["data drift", "prediction drift", "accuracy", "latency"],
        monthly_cost=800,
    )
    b.add("continual-learning", "continual_learning", "Continual learning", 8, 1, trigger="drift")
    # data, then serving
    b.add(
        "data-source",
        "data_source",
        "User activity logs",
        0,
        2,
        origin="system-generated",
        storage="event log in the data lake",
        monthly_cost=1500,
    )
    b.add("data-pipeline", "data_pipeline", "Data pipeline", 1, 2, processing="stream", monthly_cost=2000)
    b.add(
        "training-data",
        "training_data",
        "Training data",
        2,
        2,
        labels="natural",
        sampling="time-based split, negatives downsampled",
    )
    b.add("deployment", "deployment", "Prediction service", 6, 2, mode="online", latency_ms=15, monthly_cost=2500)
    b.add("interface", "interface", "Product app", 7, 2, interface_type="app", latency_ms=30)
    b.add(
        "feature-pipeline",
        "feature_pipeline",
        "Feature store",
        2,
        3,
        online_store=True,
        latency_ms=10,
        monthly_cost=1500,
    )
    # infrastructure along the bottom
    b.add("infrastructure", "infrastructure", "ML platform", 0, 4, layer="platform", monthly_cost=4000)

    b.link("business-requirement", "model")
    b.link("developers", "training")
    b.link("users", "interface")
    b.link("data-source", "data-pipeline")
    b.links("data-pipeline", "training-data", "feature-pipeline")
    b.link("training-data", "training")
    b.links("feature-pipeline", "training", "deployment")
    b.link("training", "model")
    b.link("model", "evaluation")
    b.link("evaluation", "deployment")
    b.link("deployment", "interface")
    b.link("deployment", "monitoring")
    b.link("interface", "data-source", "user feedback")
    b.link("monitoring", "continual-learning")
    b.link("continual-learning", "training", "retrain")
    b.links("infrastructure", "data-pipeline", "feature-pipeline", "training", "deployment")
    return b.design


def recommender() -> Design:
    """A two-stage e-commerce recommender: candidate generation, then a ranking model, served
    together within a 150 ms SLO and retrained daily. It shows two warnings: the ranking model
    learns from clicks on the lists it ranked itself and sets no feedback_mitigation
    (feedback.degenerate-loop: its biases amplify themselves), and the candidate model's ANN
    index goes to the recommender service without offline evaluation (model.unevaluated)."""
    b = Builder("E-commerce recommender")
    b.add("recsys-team", "developers", "Recsys team", 2, 0, team="Recsys (4 ML engineers, 2 data scientists)")
    b.add(
        "business-requirement",
        "business_requirement",
        "Grow revenue per session",
        3,
        0,
        objective="+3% revenue per session from home-page and product-page recommendations",
        latency_slo_ms=150,
        monthly_budget=60000,
        ml_fit={
            **ALL_FIT_CRITERIA,
            "repetitive": True,
            "cheap_mistakes": True,
            "at_scale": True,
            "changing_patterns": True,
            "human_in_the_loop": False,
        },
    )
    # models: candidate generation, then ranking
    b.add("retrieval-training", "training", "Two-tower training", 3, 1, framework="TensorFlow Recommenders")
    b.add(
        "candidate-model",
        "model",
        "Candidate generation",
        4,
        1,
        algorithm="two-tower retrieval + ANN index (ScaNN), top 500",
        latency_ms=20,
        feedback_mitigation="random exploration: 3% of candidates drawn uniformly from the catalogue",
    )
    b.add("data-platform", "infrastructure", "Data platform", 0, 2, layer="orchestration", monthly_cost=6000)
    b.add("gpu-cluster", "infrastructure", "GPU training cluster", 2, 2, layer="compute", monthly_cost=9000)
    b.add("ranker-training", "training", "Ranker training", 3, 2, framework="PyTorch")
    b.add(
        "ranker-model",
        "model",
        "Ranking model",
        5,
        2,
        algorithm="deep & cross network (DCN-v2), multi-task click + purchase",
        latency_ms=35,
    )
    b.add(
        "ranker-evaluation",
        "evaluation",
        "Ranker offline evaluation",
        6,
        2,
        metrics=["NDCG@10", "AUC", "calibration", "replay revenue@10"],
    )
    b.add(
        "monitoring",
        "monitoring",
        "Drift & KPI monitoring",
        8,
        2,
        signals=["data drift", "prediction drift", "feature distribution", "business metric", "latency"],
        monthly_cost=1500,
    )
    b.add("daily-retraining", "continual_learning", "Daily ranker retraining", 9, 2, trigger="schedule")
    # data and serving
    b.add(
        "clickstream",
        "data_source",
        "Clickstream events",
        0,
        3,
        origin="system-generated",
        storage="Kafka topic",
        monthly_cost=3000,
    )
    b.add("stream-processing", "data_pipeline", "Flink stream processing", 1, 3, processing="stream", monthly_cost=4000)
    b.add(
        "feature-store",
        "feature_pipeline",
        "User & item feature store",
        2,
        3,
        online_store=True,
        latency_ms=10,
        monthly_cost=5000,
    )
    b.add("rec-service", "deployment", "Recommender service", 7, 3, mode="online", latency_ms=15, monthly_cost=8000)
    b.add("storefront", "interface", "Storefront app", 8, 3, interface_type="app", latency_ms=40)
    b.add(
        "catalogue",
        "data_source",
        "Product catalogue",
        0,
        4,
        origin="internal database",
        storage="PostgreSQL",
        monthly_cost=800,
    )
    b.add("nightly-etl", "data_pipeline", "Nightly ETL (Spark)", 1, 4, processing="batch", monthly_cost=2500)
    b.add(
        "training-data",
        "training_data",
        "Labelled impressions",
        2,
        4,
        labels="natural",
        sampling="all positives, 5% of non-clicked impressions as negatives",
    )
    b.add("serving-cluster", "infrastructure", "Kubernetes serving cluster", 6, 4, layer="compute", monthly_cost=7000)
    b.add("shoppers", "users", "Shoppers", 7, 4, audience="Signed-in and anonymous shoppers")

    b.link("business-requirement", "candidate-model")
    b.links("recsys-team", "retrieval-training", "ranker-training")
    b.links("clickstream", "stream-processing", "nightly-etl")
    b.link("catalogue", "nightly-etl")
    b.link("stream-processing", "feature-store")
    b.links("nightly-etl", "feature-store", "training-data")
    b.links("feature-store", "retrieval-training", "ranker-training")
    b.links("training-data", "retrieval-training", "ranker-training")
    b.link("retrieval-training", "candidate-model")
    b.link("ranker-training", "ranker-model")
    b.link("candidate-model", "ranker-model")
    b.link("candidate-model", "rec-service")
    b.link("ranker-model", "ranker-evaluation")
    b.link("ranker-evaluation", "rec-service")
    b.link("feature-store", "rec-service", "online features")
    b.link("rec-service", "storefront")
    b.link("rec-service", "monitoring")
    b.link("storefront", "clickstream", "clicks & purchases")
    b.link("shoppers", "storefront")
    b.link("monitoring", "daily-retraining")
    b.link("daily-retraining", "ranker-training")  # unlabelled: its label sat on the serving frame's name
    b.link("daily-retraining", "retrieval-training", "retrain daily")
    b.links("data-platform", "stream-processing", "nightly-etl", "feature-store")
    b.links("gpu-cluster", "retrieval-training", "ranker-training")
    b.link("serving-cluster", "rec-service")
    # Groups stay small enough for Tidy Up to keep the drawing view-shaped: it lays a group
    # out as one block, and a block as long as the whole flow makes the drawing a strip.
    b.group(
        "offline-training", "Offline training (daily)", "purple", "gpu-cluster", "retrieval-training", "ranker-training"
    )
    b.group(
        "online-serving", "Online serving (150 ms)", "blue", "rec-service", "storefront", "serving-cluster", "shoppers"
    )
    b.note(
        "two-stage",
        "Two stages: candidate generation narrows the catalogue to 500 items in 20 ms; "
        "the ranker orders them. Both must fit the 150 ms budget together.",
        7,
        0,
        width=400,
        height=90,
    )
    b.note(
        "feedback",
        "The ranker learns from clicks on lists it ranked itself: add exploration or a "
        "position-bias correction before trusting its offline wins.",
        0,
        0,
        width=380,
        height=90,
        color="pink",
    )
    return b.design


def fraud_detection() -> Design:
    """Real-time card fraud scoring at authorisation, with a human review queue and delayed
    chargeback labels. It shows one error: the scoring service fetches real-time features
    (18 ms), then scores (model 15 ms, service 8 ms), and the authorisation API adds 12 ms —
    53 ms against the 50 ms SLO (slo.latency-exceeded). Costly mistakes are answered with a
    human in the loop, so the When to use ML assessment passes."""
    b = Builder("Real-time fraud detection")
    b.add("risk-ml-team", "developers", "Risk ML team", 2, 0, team="Fraud data science & ML engineering")
    b.add(
        "business-requirement",
        "business_requirement",
        "Stop card fraud",
        3,
        0,
        objective="Cut fraud losses by 30% while keeping false declines under 0.3% of approvals",
        latency_slo_ms=50,
        monthly_budget=45000,
        ml_fit={
            **ALL_FIT_CRITERIA,
            "repetitive": True,
            "cheap_mistakes": False,
            "at_scale": True,
            "changing_patterns": True,
            "human_in_the_loop": True,
        },
    )
    b.add(
        "streaming-platform", "infrastructure", "Kafka + Flink platform", 0, 1, layer="orchestration", monthly_cost=8000
    )
    b.add("training", "training", "Fraud model training", 3, 1, framework="XGBoost", monthly_cost=1500)
    b.add(
        "fraud-model",
        "model",
        "Fraud scoring model",
        4,
        1,
        algorithm="gradient-boosted trees (XGBoost) on transaction, velocity and device features",
        latency_ms=15,
    )
    b.add(
        "backtest",
        "evaluation",
        "Out-of-time backtest",
        5,
        1,
        metrics=["PR-AUC", "recall at 0.3% false-positive rate", "fraud $ caught", "false declines"],
    )
    b.add(
        "monitoring",
        "monitoring",
        "Fraud monitoring",
        7,
        1,
        signals=["data drift", "prediction drift", "label distribution", "latency", "business metric"],
        monthly_cost=1000,
    )
    b.add("retraining", "continual_learning", "Retraining on drift", 8, 1, trigger="drift")
    b.add(
        "transactions",
        "data_source",
        "Card transactions",
        0,
        2,
        origin="system-generated",
        storage="Kafka topic",
        monthly_cost=2000,
    )
    b.add("stream-aggregation", "data_pipeline", "Stream aggregation", 1, 2, processing="stream", monthly_cost=3500)
    b.add(
        "feature-store",
        "feature_pipeline",
        "Real-time features",
        2,
        2,
        online_store=True,
        latency_ms=18,
        monthly_cost=4000,
    )
    b.add(
        "scoring-service",
        "deployment",
        "Online scoring service",
        6,
        2,
        mode="online",
        latency_ms=8,
        monthly_cost=5000,
        feedback_mitigation="0.5% of would-be declines go to manual review instead, for unbiased labels",
    )
    b.add("auth-api", "interface", "Authorisation API", 7, 2, interface_type="api", latency_ms=12)
    b.add(
        "profiles",
        "data_source",
        "Account profiles",
        0,
        3,
        origin="internal database",
        storage="PostgreSQL change stream",
    )
    b.add(
        "training-data",
        "training_data",
        "Labelled transactions",
        2,
        3,
        labels="natural",
        sampling="all fraud cases + 2% of legitimate transactions, reweighted",
    )
    b.add("review-queue", "interface", "Manual review queue", 7, 3, interface_type="dashboard", monthly_cost=1500)
    b.add("chargebacks", "data_source", "Chargebacks", 0, 4, origin="third party", storage="daily card-network files")
    b.add("label-join", "data_pipeline", "Chargeback label join", 1, 4, processing="batch", monthly_cost=500)
    b.add("ml-platform", "infrastructure", "ML platform", 2, 4, layer="platform", monthly_cost=9000)
    b.add("fraud-analysts", "users", "Fraud analysts", 6, 4, audience="Risk operations analysts")

    b.link("business-requirement", "fraud-model")
    b.link("risk-ml-team", "training")
    b.links("transactions", "stream-aggregation", "label-join")
    b.link("profiles", "stream-aggregation")
    b.link("chargebacks", "label-join")
    b.link("stream-aggregation", "feature-store")
    b.link("label-join", "training-data")
    b.links("feature-store", "training")
    b.link("training-data", "training")
    b.link("training", "fraud-model")
    b.link("fraud-model", "backtest")
    b.link("backtest", "scoring-service")
    b.link("feature-store", "scoring-service", "online features")
    b.links("scoring-service", "auth-api", "review-queue", "monitoring")
    b.link("auth-api", "transactions", "authorised & declined transactions")
    b.link("fraud-analysts", "review-queue")
    b.link("review-queue", "training-data", "analyst decisions")
    b.link("monitoring", "retraining")
    b.link("retraining", "training", "retrain")
    b.links("streaming-platform", "stream-aggregation", "feature-store", "label-join")
    b.links("ml-platform", "training", "scoring-service")
    b.group(
        "real-time-path",
        "Real-time path (50 ms at authorisation)",
        "red",
        "feature-store",
        "scoring-service",
        "auth-api",
    )
    b.note(
        "latency-budget",
        "Latency budget at authorisation: features 18 + model 15 + service 8 + API 12 = "
        "53 ms, over the 50 ms SLO. Precompute the velocity features to fit.",
        4,
        3,
        width=400,
        height=90,
        color="pink",
    )
    b.note(
        "labels",
        "Chargebacks arrive 30-90 days late: train on transactions old enough to be labelled, "
        "and use analyst decisions for the recent ones.",
        3,
        4,
        width=420,
        height=90,
    )
    return b.design


def search_ranking() -> Design:
    """Product search: query understanding, dual-encoder retrieval and learning to rank,
    served online, learning from click logs with position-bias features and interleaving. It
    shows one warning: the GPU training cluster, the serving cluster and query understanding
    bring what the business requirement covers to $69,600 a month, over its $60,000 budget
    (budget.cost-exceeded)."""
    b = Builder("Search ranking")
    b.add("search-team", "developers", "Search relevance team", 2, 0, team="Search relevance")
    b.add(
        "business-requirement",
        "business_requirement",
        "Help shoppers find products",
        3,
        0,
        objective="+5% search conversion (searches that end in a purchase), fewer zero-result searches",
        latency_slo_ms=200,
        monthly_budget=60000,
        ml_fit={
            **ALL_FIT_CRITERIA,
            "repetitive": True,
            "cheap_mistakes": True,
            "at_scale": True,
            "changing_patterns": True,
            "human_in_the_loop": False,
        },
    )
    b.add("gpu-cluster", "infrastructure", "GPU training cluster", 2, 1, layer="compute", monthly_cost=22000)
    b.add("retrieval-training", "training", "Dual-encoder training", 3, 1, framework="PyTorch")
    b.add(
        "retrieval-model",
        "model",
        "Retrieval model",
        4,
        1,
        algorithm="dual-encoder ANN retrieval unioned with BM25, top 1,000",
        latency_ms=40,
    )
    b.add(
        "judgments",
        "data_source",
        "Relevance judgments",
        5,
        1,
        origin="third party",
        storage="rater platform exports",
        monthly_cost=4000,
    )
    b.add(
        "training-data",
        "training_data",
        "Click-through training data",
        2,
        2,
        labels="natural",
        sampling="sessions stratified by query frequency; inverse propensity weights for position",
    )
    b.add("ltr-training", "training", "LTR training", 3, 2, framework="LightGBM")
    b.add(
        "ltr-model",
        "model",
        "Learning to rank model",
        5,
        2,
        algorithm="LambdaMART (gradient-boosted trees), NDCG@10 objective",
        latency_ms=30,
        feedback_mitigation="position-bias features (unbiased learning to rank)",
    )
    b.add(
        "offline-evaluation",
        "evaluation",
        "Offline evaluation",
        6,
        2,
        metrics=["NDCG@10", "MRR", "recall@1000", "zero-result rate"],
    )
    b.add(
        "monitoring",
        "monitoring",
        "Search quality monitoring",
        8,
        2,
        signals=["prediction drift", "feature distribution", "business metric", "latency", "throughput"],
        monthly_cost=1500,
    )
    b.add("retraining", "continual_learning", "Retrain on quality drop", 9, 2, trigger="performance")
    b.add(
        "query-logs",
        "data_source",
        "Query & click logs",
        0,
        3,
        origin="system-generated",
        storage="Kafka topic, archived to the data lake",
        monthly_cost=2000,
    )
    b.add("log-etl", "data_pipeline", "Session & click-log ETL", 1, 3, processing="batch", monthly_cost=2500)
    b.add(
        "query-understanding",
        "feature_pipeline",
        "Query understanding",
        2,
        3,
        online_store=False,
        latency_ms=25,
        monthly_cost=9000,
    )
    b.add(
        "search-service",
        "deployment",
        "Search service",
        7,
        3,
        mode="online",
        latency_ms=20,
        monthly_cost=6000,
        feedback_mitigation="interleaving: 2% of queries get a randomised top 10",
    )
    b.add("search-page", "interface", "Search results page", 8, 3, interface_type="app", latency_ms=45)
    b.add(
        "product-corpus",
        "data_source",
        "Product corpus",
        0,
        4,
        origin="internal database",
        storage="PostgreSQL",
        monthly_cost=600,
    )
    b.add("indexing", "data_pipeline", "Indexing pipeline", 1, 4, processing="stream", monthly_cost=2000)
    b.add(
        "document-features",
        "feature_pipeline",
        "Document features",
        2,
        4,
        online_store=True,
        latency_ms=8,
        monthly_cost=5000,
    )
    b.add("shoppers", "users", "Shoppers searching", 7, 4, audience="Shoppers using the search box")
    b.add("data-platform", "infrastructure", "Data platform", 0, 5, layer="orchestration", monthly_cost=5000)
    b.add("search-cluster", "infrastructure", "Serving cluster", 1, 5, layer="compute", monthly_cost=10000)

    b.link("business-requirement", "retrieval-model")
    b.links("search-team", "retrieval-training", "ltr-training")
    b.link("query-logs", "log-etl")
    b.links("log-etl", "query-understanding", "training-data")
    b.link("product-corpus", "indexing")
    b.link("indexing", "document-features")
    b.links("training-data", "retrieval-training", "ltr-training")
    b.links("query-understanding", "retrieval-training", "ltr-training")
    b.link("document-features", "ltr-training")
    b.link("retrieval-training", "retrieval-model")
    b.link("ltr-training", "ltr-model")
    b.link("retrieval-model", "ltr-model", "top 1,000 candidates")
    b.link("ltr-model", "offline-evaluation")
    b.link("judgments", "offline-evaluation")
    b.link("offline-evaluation", "search-service")
    b.link("query-understanding", "search-service", "query features")
    b.link("document-features", "search-service")
    b.links("search-service", "search-page", "monitoring")
    b.link("search-page", "query-logs", "queries, clicks, purchases")
    b.link("shoppers", "search-page")
    b.link("monitoring", "retraining")
    b.link("retraining", "ltr-training", "retrain")
    b.link("retraining", "retrieval-training", "retrain")
    b.links("gpu-cluster", "retrieval-training", "ltr-training")
    b.links("data-platform", "log-etl", "indexing")
    b.links("search-cluster", "query-understanding", "document-features", "search-service")
    return b.design


def demand_forecasting() -> Design:
    """Weekly store x SKU demand forecasts computed in batch and shown to planners, who review
    and override them. It has no findings: the forecast job runs for 45 minutes, but a batch
    deployment is not on a request path, so the dashboard's 2-second SLO holds; retraining
    runs weekly on a schedule."""
    b = Builder("Demand forecasting (batch)")
    b.add("forecasting-team", "developers", "Forecasting team", 2, 0, team="Supply-chain data science")
    b.add(
        "business-requirement",
        "business_requirement",
        "Right stock in every store",
        3,
        0,
        objective="Cut stock-outs by 20% and overstock write-offs by 10% with weekly store x SKU forecasts",
        latency_slo_ms=2000,
        monthly_budget=15000,
        ml_fit={
            **ALL_FIT_CRITERIA,
            "repetitive": True,
            "cheap_mistakes": False,
            "at_scale": True,
            "changing_patterns": True,
            "human_in_the_loop": True,
        },
    )
    b.add(
        "weather",
        "data_source",
        "Weather & holidays",
        0,
        1,
        origin="third party",
        storage="daily API snapshot",
        monthly_cost=300,
    )
    b.add("training", "training", "Weekly model training", 3, 1, framework="LightGBM", monthly_cost=900)
    b.add(
        "forecast-model",
        "model",
        "Demand forecast model",
        4,
        1,
        algorithm="global LightGBM with quantile loss (P50, P90)",
        feedback_mitigation="stock-out weeks treated as censored demand, not as low demand",
    )
    b.add(
        "backtest",
        "evaluation",
        "Rolling-origin backtest",
        5,
        1,
        metrics=["WAPE", "bias", "pinball loss (P90)", "skill vs. seasonal-naive baseline"],
    )
    b.add(
        "monitoring",
        "monitoring",
        "Accuracy monitoring",
        7,
        1,
        signals=["accuracy", "data drift", "prediction drift", "business metric"],
        monthly_cost=400,
    )
    b.add("weekly-retraining", "continual_learning", "Weekly retraining", 8, 1, trigger="schedule")
    b.add(
        "pos-sales",
        "data_source",
        "Point-of-sale history",
        0,
        2,
        origin="internal database",
        storage="data warehouse",
        monthly_cost=1200,
    )
    b.add("nightly-etl", "data_pipeline", "Nightly ETL (Airflow + dbt)", 1, 2, processing="batch", monthly_cost=1500)
    b.add(
        "training-window",
        "training_data",
        "2-year training window",
        2,
        2,
        labels="natural",
        sampling="rolling-origin splits; stock-out weeks masked",
    )
    b.add(
        "batch-forecast",
        "deployment",
        "Weekly batch forecast job",
        6,
        2,
        mode="batch",
        latency_ms=2700000,
        monthly_cost=600,
    )
    b.add(
        "planning-dashboard",
        "interface",
        "Planning dashboard",
        7,
        2,
        interface_type="dashboard",
        latency_ms=800,
        monthly_cost=500,
    )
    b.add(
        "promotions",
        "data_source",
        "Promotion & price calendar",
        0,
        3,
        origin="internal database",
        storage="data warehouse",
    )
    b.add("features", "feature_pipeline", "Batch features", 2, 3, online_store=False, monthly_cost=800)
    b.add("planners", "users", "Supply planners", 6, 3, audience="Replenishment planners and category managers")
    b.add("orchestration", "infrastructure", "Airflow & warehouse", 0, 4, layer="orchestration", monthly_cost=3000)

    b.link("business-requirement", "forecast-model")
    b.link("forecasting-team", "training")
    b.links("weather", "nightly-etl")
    b.link("pos-sales", "nightly-etl")
    b.link("promotions", "nightly-etl")
    b.links("nightly-etl", "training-window", "features")
    b.link("training-window", "training")
    b.link("features", "training")
    b.link("training", "forecast-model")
    b.link("forecast-model", "backtest")
    b.link("backtest", "batch-forecast")
    b.link("features", "batch-forecast")
    b.links("batch-forecast", "planning-dashboard", "monitoring")
    b.link("planners", "planning-dashboard")
    b.link("planning-dashboard", "training-window", "overrides & stock-out flags")
    b.link("monitoring", "weekly-retraining")
    b.link("weekly-retraining", "training", "retrain weekly")
    b.links("orchestration", "nightly-etl", "features", "training", "batch-forecast")
    return b.design


TEMPLATES = {
    "figure-1-1": figure_1_1,
    "recommender": recommender,
    "fraud-detection": fraud_detection,
    "search-ranking": search_ranking,
    "demand-forecasting": demand_forecasting,
}


def description(build: object) -> str:
    """The template's description for the gallery: its builder's docstring, one paragraph."""
    return " ".join((getattr(build, "__doc__", "") or "").split())


def main() -> int:
    TEMPLATES_DIR.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        design = build()
        for note in check_layout(design):
            print("note:", note)
        path = TEMPLATES_DIR / f"{name}.json"
        save_design(design, path, backup=False)
        # save_design writes new files through mkstemp (mode 0600); shipped assets must be
        # readable by every user of an installed app.
        path.chmod(0o644)
        about = path.with_suffix(".md")
        about.write_text(description(build) + "\n", encoding="utf-8")
        about.chmod(0o644)
        print(f"wrote {path.relative_to(ROOT)} ({len(design.components)} components, {len(design.links)} links)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
