"""Core layer: the Figure 1-1 catalogue of component kinds, their attributes and links.

Everything here is data taken from Chip Huyen, *Designing Machine Learning Systems*,
chapter 1 (Figure 1-1). The ``kind`` ids and property names are part of the file format.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final


class Box(str, Enum):
    """The boxes of Figure 1-1 (plus the interface the chapter's text adds)."""

    USERS = "users"
    BUSINESS = "business_requirements"
    DEVELOPERS = "developers"
    INTERFACE = "interface"
    DATA = "data"
    FEATURES = "feature_engineering"
    ALGORITHMS = "ml_algorithms"
    EVALUATION = "evaluation"
    DEPLOY_MONITOR_UPDATE = "deployment_monitoring_updating"
    INFRASTRUCTURE = "infrastructure"
    SYSTEM = "system"  # the design as a whole, for rules about no single box


@dataclass(frozen=True)
class BoxInfo:
    box: Box
    title: str
    chapter: str
    colour: str
    in_figure: bool = True


BOXES: Final[dict[Box, BoxInfo]] = {
    b.box: b
    for b in (
        BoxInfo(Box.USERS, "ML system users", "11", "#8E24AA"),
        BoxInfo(Box.BUSINESS, "Business requirements", "1–2", "#F9A825"),
        BoxInfo(Box.DEVELOPERS, "ML system developers", "all", "#6D4C41"),
        BoxInfo(Box.INTERFACE, "Interface", "1, 7", "#00897B", in_figure=False),
        BoxInfo(Box.DATA, "Data", "3–4", "#1E88E5"),
        BoxInfo(Box.FEATURES, "Feature engineering", "5", "#3949AB"),
        BoxInfo(Box.ALGORITHMS, "ML algorithms", "6", "#43A047"),
        BoxInfo(Box.EVALUATION, "Evaluation", "6", "#7CB342"),
        BoxInfo(Box.DEPLOY_MONITOR_UPDATE, "Deployment, monitoring, updating of logic", "7–9", "#E53935"),
        BoxInfo(Box.INFRASTRUCTURE, "Infrastructure", "10", "#546E7A"),
        BoxInfo(Box.SYSTEM, "The whole ML system", "1", "#78909C", in_figure=False),
    )
}

#: The nine boxes drawn in Figure 1-1, in the order the coverage view shows them.
FIGURE_BOXES: Final[tuple[Box, ...]] = tuple(b for b, info in BOXES.items() if info.in_figure)


class AttrType(str, Enum):
    NUMBER = "number"  # non-negative float
    STRING = "string"
    ENUM = "enum"
    BOOL = "bool"
    STRING_LIST = "string_list"
    ML_FIT = "ml_fit"


@dataclass(frozen=True)
class Attribute:
    """A typed property the inspector edits and the loader validates."""

    name: str
    type: AttrType
    label: str
    description: str = ""
    unit: str = ""
    choices: tuple[str, ...] = ()
    default: object = None
    #: The largest value a number may hold (the loader refuses more): keeps sums readable.
    maximum: float | None = None


# --- The *When to use ML* assessment of chapter 1 -------------------------------------

#: The five criteria of ch. 1: "ML is an approach to (1) learn (2) complex patterns from
#: (3) existing data and use these patterns to make (4) predictions on (5) unseen data."
ML_FIT_CRITERIA: Final[dict[str, str]] = {
    "learn": "The system has the capacity to learn (it is not just looking things up)",
    "complex_patterns": "There are patterns to learn, and they are complex",
    "existing_data": "Data is available, or it is possible to collect data",
    "predictions": "It is a predictive problem",
    "unseen_data": "Unseen data shares patterns with the training data",
}
#: Where ML shines (ch. 1), on top of the five criteria.
ML_FIT_SHINES: Final[dict[str, str]] = {
    "repetitive": "The task is repetitive",
    "cheap_mistakes": "The cost of wrong predictions is cheap",
    "at_scale": "It is at scale (many predictions to make)",
    "changing_patterns": "The patterns are constantly changing",
}
ML_FIT_HUMAN: Final[dict[str, str]] = {
    "human_in_the_loop": "A human reviews predictions where mistakes are costly",
}
ML_FIT_KEYS: Final[tuple[str, ...]] = (*ML_FIT_CRITERIA, *ML_FIT_SHINES, *ML_FIT_HUMAN)

#: Signals the monitoring inspector suggests (a monitor may name any others).
MONITORING_SIGNALS: Final[tuple[str, ...]] = (
    "data drift",
    "prediction drift",
    "accuracy",
    "latency",
    "throughput",
    "feature distribution",
    "label distribution",
    "business metric",
)

#: Signals that watch the service, not the model (ch. 8 "operational metrics"): a monitor
#: that watches only these cannot see an ML failure. Compared whole, after normalising
#: (see ``canvas.core.rules.signals``), never as substrings.
OPERATIONAL_SIGNALS: Final[frozenset[str]] = frozenset(
    {
        "latency",
        "response time",
        "throughput",
        "qps",
        "rps",
        "requests",
        "error",
        "errors",
        "5xx",
        "timeout",
        "timeouts",
        "uptime",
        "availability",
        "cpu",
        "memory",
        "gpu",
        "disk",
        "cost",
        "spend",
        "tokens",
        "token spend",
    }
)

#: Where a model's weights come from (ch. 4, 7): trained by this system, pretrained weights
#: used as they are, or a third-party model behind an API. Unset means "trained".
MODEL_ORIGINS: Final[tuple[str, ...]] = ("trained", "pretrained", "hosted")


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    box: Box
    chapter: str
    description: str
    attributes: tuple[Attribute, ...] = ()

    @property
    def short_label(self) -> str:
        """The label without its parenthesised detail: "Data pipeline", "Model"."""
        return self.label.split(" (")[0]

    @property
    def default_label(self) -> str:
        """What a new component of this kind is called until renamed: the short label
        without its "/ alternative" ("Model training", "Feature engineering", "Deployment"),
        so it fits a card on one line."""
        return self.short_label.split(" / ")[0]

    @property
    def colour(self) -> str:
        return BOXES[self.box].colour

    def attribute(self, name: str) -> Attribute | None:
        for attr in self.attributes:
            if attr.name == name:
                return attr
        return COMMON_ATTRIBUTES_BY_NAME.get(name)

    @property
    def all_attributes(self) -> tuple[Attribute, ...]:
        return self.attributes + COMMON_ATTRIBUTES


#: The largest latency (ms) and amount of money ($) a design may hold.
MAX_MS: Final = 1_000_000_000.0
MAX_MONEY: Final = 1_000_000_000_000.0

LATENCY = Attribute(
    "latency_ms", AttrType.NUMBER, "Latency", "This component's share of an online request.", "ms", maximum=MAX_MS
)
MONTHLY_COST = Attribute(
    "monthly_cost", AttrType.NUMBER, "Monthly cost", "Running cost per month.", "$", maximum=MAX_MONEY
)
FEEDBACK_MITIGATION = Attribute(
    "feedback_mitigation",
    AttrType.STRING,
    "Feedback-loop mitigation",
    "How a degenerate feedback loop is broken (ch. 8), e.g. randomization, positional features.",
)
COMMON_ATTRIBUTES: Final[tuple[Attribute, ...]] = (LATENCY, MONTHLY_COST)
COMMON_ATTRIBUTES_BY_NAME: Final[dict[str, Attribute]] = {a.name: a for a in COMMON_ATTRIBUTES}

_KINDS: tuple[Kind, ...] = (
    Kind(
        "users",
        "ML system users",
        Box.USERS,
        "11",
        "The people who use the system's predictions and whose behaviour produces its data. "
        "Chapter 11 covers the human side: user experience, consistency and smooth failing.",
        (Attribute("audience", AttrType.STRING, "Audience", "Who they are, e.g. shoppers, analysts."),),
    ),
    Kind(
        "developers",
        "ML system developers",
        Box.DEVELOPERS,
        "all",
        "The data scientists and ML engineers who build, deploy and maintain the system. "
        "The whole book is written for them; they use the interface, training and monitoring.",
        (Attribute("team", AttrType.STRING, "Team"),),
    ),
    Kind(
        "business_requirement",
        "Business requirement",
        Box.BUSINESS,
        "1–2",
        "What the business needs from the system: the objective, the latency SLO and the "
        "budget, and whether ML is the right approach at all (ch. 1 'When to use ML'; ch. 2).",
        (
            Attribute("objective", AttrType.STRING, "Objective", "The business metric the system serves."),
            Attribute(
                "latency_slo_ms",
                AttrType.NUMBER,
                "Latency SLO",
                "Budget for an online request.",
                "ms",
                maximum=MAX_MS,
            ),
            Attribute(
                "monthly_budget",
                AttrType.NUMBER,
                "Monthly budget",
                "Spending limit per month.",
                "$",
                maximum=MAX_MONEY,
            ),
            Attribute("ml_fit", AttrType.ML_FIT, "When to use ML", "The ch. 1 assessment."),
        ),
    ),
    Kind(
        "interface",
        "Interface (app, API, dashboard)",
        Box.INTERFACE,
        "1, 7",
        "Where users and developers meet the system: an app, an API or a dashboard. "
        "Predictions arrive here and user feedback leaves from here (ch. 1, ch. 7).",
        (Attribute("interface_type", AttrType.ENUM, "Type", choices=("app", "api", "dashboard"), default="app"),),
    ),
    Kind(
        "data_source",
        "Data source",
        Box.DATA,
        "3",
        "Where data comes from: user input, system-generated logs, internal databases or third "
        "parties, stored as rows or columns, in batch or streaming form (ch. 3).",
        (
            Attribute(
                "origin",
                AttrType.ENUM,
                "Origin",
                choices=("user input", "system-generated", "internal database", "third party"),
                default="system-generated",
            ),
            Attribute("storage", AttrType.STRING, "Storage", "e.g. data warehouse, data lake, Kafka topic."),
        ),
    ),
    Kind(
        "data_pipeline",
        "Data pipeline (batch / stream processing)",
        Box.DATA,
        "3",
        "Moves and transforms data between stores and services, in batch jobs or as a stream "
        "of events (ch. 3: dataflow, batch versus stream processing).",
        (Attribute("processing", AttrType.ENUM, "Processing", choices=("batch", "stream"), default="batch"),),
    ),
    Kind(
        "training_data",
        "Training data (sampling, labels)",
        Box.DATA,
        "4",
        "The data the model learns from: how it is sampled, how labels are obtained (hand, "
        "natural, weak supervision), and how class imbalance is handled (ch. 4).",
        (
            Attribute("sampling", AttrType.STRING, "Sampling", "e.g. stratified, reservoir, importance."),
            Attribute(
                "labels", AttrType.ENUM, "Labels", choices=("natural", "hand", "weak", "semi-supervised", "none")
            ),
        ),
    ),
    Kind(
        "feature_pipeline",
        "Feature engineering / feature store",
        Box.FEATURES,
        "5",
        "Turns raw data into features, computed the same way for training and serving, often "
        "kept in a feature store; watch for data leakage (ch. 5).",
        (Attribute("online_store", AttrType.BOOL, "Online feature store", default=False),),
    ),
    Kind(
        "training",
        "Model training / experimentation",
        Box.ALGORITHMS,
        "6",
        "Model development: experiment tracking, distributed training, AutoML; produces "
        "model artefacts from training data and features (ch. 6).",
        (Attribute("framework", AttrType.STRING, "Framework", "e.g. PyTorch, XGBoost."),),
    ),
    Kind(
        "model",
        "Model (ML algorithm)",
        Box.ALGORITHMS,
        "6",
        "The ML algorithm and its learned parameters — the small part of an ML system that "
        "gets most of the attention (ch. 1, ch. 6).",
        (
            Attribute("algorithm", AttrType.STRING, "Algorithm", "e.g. gradient-boosted trees, two-tower network."),
            Attribute(
                "origin",
                AttrType.ENUM,
                "Origin",
                "trained: this system trains it; pretrained: weights from elsewhere, used as they are; "
                "hosted: a third-party model behind an API (e.g. an LLM). Fine-tuning is drawn as a "
                "pretrained model -> training -> a trained model.",
                choices=MODEL_ORIGINS,
                default="trained",
            ),
            FEEDBACK_MITIGATION,
        ),
    ),
    Kind(
        "evaluation",
        "Offline evaluation",
        Box.EVALUATION,
        "6",
        "Offline evaluation before deployment: baselines, perturbation, invariance and "
        "slice-based tests, calibration (ch. 6).",
        (Attribute("metrics", AttrType.STRING_LIST, "Metrics", "e.g. AUC, NDCG@10, MAPE."),),
    ),
    Kind(
        "deployment",
        "Deployment / prediction service",
        Box.DEPLOY_MONITOR_UPDATE,
        "7",
        "Serves predictions: online (on request) or batch (precomputed); model compression "
        "and edge deployment (ch. 7). Batch deployments are not on a request path.",
        (
            Attribute("mode", AttrType.ENUM, "Mode", choices=("online", "batch"), default="online"),
            FEEDBACK_MITIGATION,
        ),
    ),
    Kind(
        "monitoring",
        "Monitoring",
        Box.DEPLOY_MONITOR_UPDATE,
        "8",
        "Watches the deployed system for failures, data distribution shifts and degrading "
        "accuracy: operational and ML-specific metrics (ch. 8).",
        (Attribute("signals", AttrType.STRING_LIST, "Signals", "What is watched.", choices=MONITORING_SIGNALS),),
    ),
    Kind(
        "continual_learning",
        "Continual learning / retraining",
        Box.DEPLOY_MONITOR_UPDATE,
        "9",
        "Updates models as the world changes: stateless retraining or stateful training, "
        "triggered on a schedule, on performance drops or on drift; test in production (ch. 9).",
        (
            Attribute(
                "trigger", AttrType.ENUM, "Trigger", choices=("schedule", "performance", "drift"), default="schedule"
            ),
        ),
    ),
    Kind(
        "infrastructure",
        "Infrastructure (compute, storage, orchestration)",
        Box.INFRASTRUCTURE,
        "10",
        "What everything runs on: storage and compute, resource management and "
        "orchestration, the ML platform (ch. 10).",
        (
            Attribute(
                "layer",
                AttrType.ENUM,
                "Layer",
                choices=("compute", "storage", "orchestration", "platform"),
                default="compute",
            ),
        ),
    ),
)

KINDS: Final[dict[str, Kind]] = {k.id: k for k in _KINDS}
KIND_IDS: Final[tuple[str, ...]] = tuple(KINDS)


def kinds_in_box(box: Box) -> list[Kind]:
    return [k for k in _KINDS if k.box == box]


# --- Links -------------------------------------------------------------------------------


class LinkMeaning(str, Enum):
    HOSTS = "hosts"
    REQUIRES = "requires"
    USES = "uses"
    FLOWS = "flows into"


def link_meaning(source_kind: str) -> LinkMeaning:
    """What an arrow means, decided by the kind it leaves."""
    if source_kind == "infrastructure":
        return LinkMeaning.HOSTS
    if source_kind == "business_requirement":
        return LinkMeaning.REQUIRES
    if source_kind in ("users", "developers"):
        return LinkMeaning.USES
    return LinkMeaning.FLOWS


#: Kinds whose outgoing links carry something into the system. Links from ``users`` read
#: as *uses*, but what users do — their input, clicks and feedback — is data the feedback
#: rules must see, so the flow graph keeps them too (the forward graph leaves them out again).
def in_flow_graph(source_kind: str) -> bool:
    return source_kind not in ("infrastructure", "business_requirement", "developers")


#: Sources of feedback and update links, left out of the forward graph.
FEEDBACK_SOURCES: Final[frozenset[str]] = frozenset({"interface", "users", "monitoring", "continual_learning"})

_SYSTEM = (
    "interface",
    "data_source",
    "data_pipeline",
    "training_data",
    "feature_pipeline",
    "training",
    "model",
    "evaluation",
    "deployment",
    "monitoring",
    "continual_learning",
)

ALLOWED_TARGETS: Final[dict[str, frozenset[str]]] = {
    "users": frozenset({"interface", "data_source", "training_data"}),
    "developers": frozenset({*_SYSTEM, "infrastructure"}),
    "business_requirement": frozenset({*_SYSTEM, "infrastructure"}),
    "interface": frozenset({"users", "deployment", "data_source", "data_pipeline", "training_data", "monitoring"}),
    "data_source": frozenset(
        {
            "interface",
            "model",
            "data_pipeline",
            "training_data",
            "feature_pipeline",
            "training",
            "evaluation",
            "deployment",
            "monitoring",
        }
    ),
    "data_pipeline": frozenset(
        {
            "interface",
            "model",
            "data_source",
            "data_pipeline",
            "training_data",
            "feature_pipeline",
            "training",
            "evaluation",
            "deployment",
            "monitoring",
        }
    ),
    "training_data": frozenset({"model", "data_pipeline", "feature_pipeline", "training", "evaluation"}),
    "feature_pipeline": frozenset(
        {
            "feature_pipeline",
            "training_data",
            "training",
            "model",
            "evaluation",
            "deployment",
            "monitoring",
        }
    ),
    "training": frozenset({"model", "evaluation"}),
    # A base model fine-tuned or a teacher distilled (-> training), model-assisted labelling
    # (-> training data), embeddings as features (-> feature pipeline): ch. 4, 5, 7.
    "model": frozenset(
        {"model", "evaluation", "deployment", "monitoring", "training", "training_data", "feature_pipeline"}
    ),
    "evaluation": frozenset({"model", "deployment", "training", "monitoring", "continual_learning"}),
    # Predictions written back as labels or pseudo-labels (-> training data): ch. 4.
    "deployment": frozenset(
        {
            "deployment",
            "interface",
            "users",
            "monitoring",
            "data_source",
            "data_pipeline",
            "training_data",
        }
    ),
    # An alert that rolls back or shifts traffic (-> deployment): ch. 8-9.
    "monitoring": frozenset({"continual_learning", "interface", "training", "developers", "deployment"}),
    # A retrained model is evaluated; a feature store or retrieval index is refreshed: ch. 9.
    "continual_learning": frozenset(
        {
            "training",
            "model",
            "deployment",
            "training_data",
            "data_pipeline",
            "evaluation",
            "feature_pipeline",
        }
    ),
    # A platform on a cluster (infrastructure -> infrastructure): ch. 10.
    "infrastructure": frozenset({*_SYSTEM, "infrastructure"}),
}

#: Pairs refused for a reason worth saying in its own words.
_REFUSALS: Final[dict[tuple[str, str], str]] = {
    ("training", "deployment"): "training produces a model; link the model to the deployment",
    ("users", "model"): "users reach a model through an interface or a deployment, not directly",
    ("model", "users"): "a model's predictions reach users through a deployment or an interface",
    (
        "business_requirement",
        "users",
    ): "a requirement states what the system must do; link it to a component of the system",
}


def link_refusal(source_kind: str, target_kind: str) -> str | None:
    """Why a link of these kinds is not allowed — and what the source can link to — or
    ``None`` when it is allowed."""
    allowed = ALLOWED_TARGETS.get(source_kind, frozenset())
    if target_kind in allowed:
        return None
    src, tgt = KINDS[source_kind].short_label, KINDS[target_kind].short_label
    meaning = link_meaning(source_kind).value
    if not allowed:
        return f"{src} cannot link to anything"
    options = [KINDS[k].short_label for k in KIND_IDS if k in allowed]
    listed = ", ".join(options[:-1]) + f" or {options[-1]}" if len(options) > 1 else options[0]
    why = _REFUSALS.get((source_kind, target_kind))
    if why:
        return f"{src} cannot link to {tgt}: {why}"
    return f"{src} cannot link to {tgt} (a link from it means '{meaning}'); it can link to {listed}"
