"""Core layer: the completeness checker — the registry of rules and the function that runs them.

Rule ids, default severities and meanings are part of the CLI contract; docs/checker.md
describes each rule for users. A finding's *subject* is its first component: the one a
suppression sits on.
"""

from __future__ import annotations

from canvas.core.catalog import Box
from canvas.core.model import Design, Severity
from canvas.core.rules import data, housekeeping, models, requirements, signals, structure
from canvas.core.rules.base import Context, Finding, RawFinding, Rule

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
B = Box

RULES: tuple[Rule, ...] = (
    Rule(
        "model.unmonitored",
        E,
        "Model has no monitoring",
        B.DEPLOY_MONITOR_UPDATE,
        "8",
        "Link the model's deployment to a Monitoring component that watches its inputs and "
        "predictions (data drift, prediction drift, accuracy).",
        "ML systems fail silently: a model keeps answering while its inputs drift and its accuracy "
        "decays, and only monitoring notices (ch. 8). The rule looks for a Monitoring component in "
        "the model's serving reach — what it reaches through its evaluation, deployment and the "
        "models it feeds — so a monitor that watches another model's service does not count.",
        models.unmonitored,
    ),
    Rule(
        "model.no-training-data",
        E,
        "Model has no training data",
        B.DATA,
        "3–4",
        "Connect a Data source or Training data (through pipelines if need be) to the model's training; "
        "or, for weights from elsewhere, set the model's origin to pretrained or hosted.",
        "A model is only as good as the data it learns from (ch. 3–4). A model this system trains "
        "(origin 'trained', the default) needs a Data source or Training data upstream of it, or "
        "logged interactions: something upstream of it that receives a link from an Interface or "
        "Users. Pretrained and hosted models are not trained here.",
        models.no_training_data,
    ),
    Rule(
        "model.not-served",
        E,
        "Model is not served to anyone",
        B.DEPLOY_MONITOR_UPDATE,
        "7",
        "Connect the model (through its evaluation) to a Deployment, and the deployment to an Interface or to Users.",
        "A model creates value only when its predictions reach someone (ch. 7). Its serving reach "
        "must hold a Deployment and an Interface or Users. A batch deployment that writes into a "
        "lookup store counts when that store is read by a service that reaches people.",
        models.not_served,
    ),
    Rule(
        "model.no-update-loop",
        W,
        "Nothing updates the model",
        B.DEPLOY_MONITOR_UPDATE,
        "9",
        "Add a Continual learning component that feeds the model's training: on a schedule, or "
        "triggered by the monitor that watches the model.",
        "Data distributions shift, so models must be updated (ch. 9). A Continual learning "
        "component updates a model when it reaches it through training, training data, data "
        "pipelines or evaluation (not through another model) and either runs on a schedule (the "
        "default trigger) or is triggered by a monitor on this model's serving path. Pretrained "
        "and hosted models are not retrained here.",
        models.no_update_loop,
    ),
    Rule(
        "model.unevaluated",
        W,
        "A path to deployment skips evaluation",
        B.EVALUATION,
        "6, 9",
        "Route the model through an Offline evaluation before its deployment, and let retraining "
        "promote models through an evaluation too.",
        "Offline evaluation is the gate before deployment (ch. 6), also for retrained models "
        "(ch. 9). The rule fires when, with every Evaluation taken out, the model still reaches a "
        "deployment without passing another model, or when a Continual learning component that "
        "updates the model pushes straight into one of its deployments. The finding outlines the "
        "bypass.",
        models.unevaluated,
    ),
    Rule(
        "model.no-business-objective",
        W,
        "Model serves no business requirement",
        B.BUSINESS,
        "1–2",
        "Link a Business requirement to the model, to what feeds it, or to the interface or deployment that serves it.",
        "ML projects succeed when tied to a business objective (ch. 2). A requirement covers a "
        "model when its requires link targets the model, something upstream of it, or something "
        "in its serving reach — a requirement on the product's interface covers the models "
        "serving it.",
        models.no_business_objective,
    ),
    Rule(
        "component.unhosted",
        W,
        "Component runs on no infrastructure",
        B.INFRASTRUCTURE,
        "10",
        "Link an Infrastructure component (compute, orchestration, platform) to it.",
        "Training, deployments and pipelines need compute and orchestration (ch. 10). In a design "
        "that has infrastructure, each of them should be hosted by an Infrastructure component. A "
        "design with no infrastructure at all gets one figure-coverage note instead.",
        structure.unhosted,
    ),
    Rule(
        "component.disconnected",
        W,
        "Component is not connected",
        B.SYSTEM,
        "1",
        "Connect it to the rest of the system, or delete it.",
        "A component with no links plays no part in the system as drawn. It gets this finding and "
        "no other until it is connected.",
        structure.disconnected,
    ),
    Rule(
        "link.not-allowed",
        E,
        "Link is not allowed",
        B.SYSTEM,
        "1",
        "Delete the link, or draw it between kinds the catalogue allows.",
        "The meaning of a link comes from its ends (hosts, requires, uses, flows into); the "
        "catalogue's matrix lists the pairs that make sense. Self-links and repeated links never "
        "do (the later of two equal links is reported).",
        structure.link_not_allowed,
    ),
    Rule(
        "feedback.not-captured",
        I,
        "No user feedback is captured",
        B.DATA,
        "4",
        "Link the Interface or Users back to a Data source or Training data (clicks, ratings, "
        "corrections), if the system can learn from them.",
        "Natural labels — clicks, purchases, corrections — are the cheapest labels there are "
        "(ch. 4). The design has an interface or users, and no link from them goes into data, "
        "training or continual learning. Labels may come from elsewhere; turn this note off in "
        "the rule settings if so.",
        structure.feedback_not_captured,
        has_subject=False,
    ),
    Rule(
        "feedback.degenerate-loop",
        W,
        "Degenerate feedback loop",
        B.DEPLOY_MONITOR_UPDATE,
        "1, 9",
        "Set feedback_mitigation on the model or its deployment to how the loop is broken "
        "(randomization, positional features, exploration traffic).",
        "When a model's predictions shape the data it is retrained on, its biases amplify "
        "themselves (ch. 1, 9: degenerate feedback loops). The rule finds the shortest loop from "
        "the model out to an interface, users or a deployment and back through the data side, "
        "training or continual learning. A real feedback_mitigation on the model, or on a "
        "deployment on the way out, breaks it; 'none', 'n/a', 'tbd' and the like do not.",
        models.degenerate_loop,
    ),
    Rule(
        "slo.latency-exceeded",
        E,
        "Request path exceeds the latency SLO",
        B.BUSINESS,
        "1, 7",
        "Cut latency on the path (model compression, caching, precomputed batch predictions) or revisit the SLO.",
        "The slowest request path into an interface, summing latency_ms of every online component "
        "on it (the interface included), must stay within the smallest latency_slo_ms of the "
        "requirements that cover the interface. Only online components count: a nightly pipeline, "
        "training or a batch deployment is not part of a request, and A/B arms or a shadow are "
        "separate paths. A deployment fetches its features, then scores.",
        requirements.latency_exceeded,
    ),
    Rule(
        "budget.cost-exceeded",
        W,
        "Monthly cost exceeds the budget",
        B.BUSINESS,
        "1–2",
        "Reduce monthly_cost of the largest spenders, or revisit the budget.",
        "The monthly_cost summed over what a requirement covers — its targets, what serves them, "
        "what feeds them and the infrastructure under them; the whole design when the requirement "
        "has no links — should fit its monthly_budget.",
        requirements.cost_exceeded,
    ),
    Rule(
        "ml-fit.unmet",
        W,
        "ML may not be the right approach",
        B.BUSINESS,
        "1",
        "Revisit the problem: fill in the When to use ML assessment, or add a human in the loop.",
        "Chapter 1: ML learns complex patterns from existing data to make predictions on unseen "
        "data. If one of the five criteria fails, or mistakes are costly with no human in the "
        "loop, ML may not be the answer.",
        requirements.ml_fit_unmet,
    ),
    Rule(
        "design.figure-coverage",
        I,
        "Figure 1-1 boxes are missing",
        B.SYSTEM,
        "1",
        "Add a component for each missing box, or turn this note off in the rule settings.",
        "Figure 1-1: the ML algorithm is a small part of an ML system. Each of its nine boxes "
        "usually has a place in a real design; one note names every box the design leaves out.",
        structure.figure_coverage,
        has_subject=False,
    ),
    Rule(
        "monitoring.operational-only",
        W,
        "Monitor watches only operational signals",
        B.DEPLOY_MONITOR_UPDATE,
        "8",
        "Add ML signals to the monitor: data drift, prediction drift, accuracy or a business metric.",
        "Latency, throughput, errors and CPU tell whether the service is up, not whether its "
        "predictions are any good: ML failures are silent to them (ch. 8). The rule fires when "
        "every signal of a monitor is operational ('p99 latency', 'error rate', 'CPU utilisation' "
        "…), compared whole — 'word error rate' and 'prediction drift' are ML signals.",
        signals.operational_only,
    ),
    Rule(
        "features.training-serving-skew",
        W,
        "Training and serving features differ",
        B.FEATURES,
        "5, 7",
        "Serve the model from the feature pipeline it trains on, or link the training pipeline into "
        "the serving one (an offline store feeding the online store).",
        "When a model learns from features one pipeline computes and is served features another "
        "computes, the two drift apart and the model sees inputs in production it never saw in "
        "training (ch. 5, 7). The rule compares the feature pipelines upstream of the model's "
        "training with those feeding its deployments.",
        data.training_serving_skew,
    ),
    Rule(
        "evaluation.reads-training-data",
        I,
        "Evaluation may read the training data",
        B.EVALUATION,
        "6",
        "Link a held-out split (its own Training data component) straight into the evaluation.",
        "An evaluation that reads only data that also trained the model it scores measures how "
        "well the model remembers, not how it generalises (ch. 6). An evaluation with no data "
        "link is not judged.",
        data.reads_training_data,
    ),
    Rule(
        "slo.latency-unknown",
        I,
        "Latency on a request path is unknown",
        B.BUSINESS,
        "1, 7",
        "Set latency_ms on the models and online deployments on the path.",
        "An interface under a latency SLO has a model or online deployment on a request path into "
        "it with no latency_ms: the SLO cannot be verified until the figure is known.",
        requirements.latency_unknown,
    ),
    Rule(
        "retraining.trigger-unwatched",
        W,
        "Retraining trigger can never fire",
        B.DEPLOY_MONITOR_UPDATE,
        "8, 9",
        "Add the signal the trigger needs to the monitor (a drift signal for 'drift', a quality "
        "signal such as accuracy for 'performance'), or change the trigger.",
        "A Continual learning component triggered on drift or performance is fed only by monitors "
        "that watch no such signal: the trigger can never fire (ch. 8–9). Monitors that list no "
        "signals get the benefit of the doubt.",
        signals.trigger_unwatched,
    ),
    Rule(
        "flow.cycle",
        W,
        "Cycle in the forward flow",
        B.SYSTEM,
        "1",
        "Check each link of the cycle: a link back into an earlier step is usually feedback, which "
        "comes from an interface, users, monitoring or continual learning. If the loop is meant (e.g. "
        "evaluation results guiding training), suppress the finding with that reason.",
        "Data and predictions flow forward; feedback comes back from interfaces, users, monitoring "
        "and continual learning. A cycle among other components (prediction logging aside, which "
        "the degenerate-loop rule judges) gives none of its members a well-defined input.",
        structure.flow_cycle,
    ),
    Rule(
        housekeeping.UNKNOWN_RULE,
        W,
        "Suppression or setting names no rule",
        B.SYSTEM,
        "—",
        "Correct the rule id (the closest is suggested), or remove the suppression or setting.",
        "A suppression or a rule setting that names a rule that does not exist hides or changes "
        "nothing — usually a typo.",
        housekeeping.unknown_rule,
    ),
    Rule(
        housekeeping.UNUSED_SUPPRESSION,
        I,
        "Suppression hides nothing",
        B.SYSTEM,
        "—",
        "Remove the suppression.",
        "A suppression whose rule no longer finds anything on its component: the problem was "
        "fixed, or the suppression sits on a component the finding is not about.",
        housekeeping.unused_suppression,
    ),
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
_RANK: dict[str, int] = {r.id: i for i, r in enumerate(RULES)}

#: What a disconnected component still gets: the requirement rules whose scope is then the
#: whole design, and the findings about its own suppressions.
_KEPT_WHEN_DISCONNECTED = frozenset(
    {
        "component.disconnected",
        "budget.cost-exceeded",
        "ml-fit.unmet",
        housekeeping.UNKNOWN_RULE,
        housekeeping.UNUSED_SUPPRESSION,
    }
)


def run_checks(design: Design, rules: tuple[Rule, ...] = RULES, ctx: Context | None = None) -> list[Finding]:
    """Run every enabled rule on the design: findings by severity, then rule order, then
    the subject's place in the file. ``ctx`` (a new :class:`Context` of ``design``) lets a
    caller share the graph views and facts the rules build with what it computes after."""
    ctx = Context(design) if ctx is None else ctx
    ctx.known_rules = RULES_BY_ID
    settings = design.settings.rules
    loose = design.components.keys() - ctx.g.linked
    found: list[tuple[Rule, Severity, RawFinding]] = []
    for rule in rules:
        setting = settings.get(rule.id)
        if setting is not None and not setting.enabled:
            continue
        severity = setting.severity if setting is not None and setting.severity else rule.severity
        for raw in rule.check(ctx):
            if raw.subject is not None:
                ctx.produced.add((rule.id, raw.subject))
                for cid in raw.components[1:]:
                    ctx.involved.setdefault((rule.id, cid), raw.subject)
                if raw.subject in loose and rule.id not in _KEPT_WHEN_DISCONNECTED:
                    continue
            found.append((rule, severity, raw))
    order = ctx.g.order
    findings = [_finalise(design, rule, severity, raw) for rule, severity, raw in found]
    findings.sort(
        key=lambda f: (f.severity.rank, _RANK.get(f.rule, len(_RANK)), -1 if f.subject is None else order[f.subject])
    )
    return findings


def _finalise(design: Design, rule: Rule, severity: Severity, raw: RawFinding) -> Finding:
    reason = None
    if raw.subject is not None:
        s = design.components[raw.subject].suppression_for(rule.id)
        reason = s.reason if s is not None else None
    return Finding(rule.id, severity, raw.message, raw.components, raw.links, reason is not None, reason)


def summary(findings: list[Finding]) -> dict[str, int]:
    """Counts per severity of the findings that are not suppressed."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        if not f.suppressed:
            counts[f.severity.value] += 1
    return counts


def check(design: Design) -> list[Finding]:
    """The findings of every enabled rule (``run_checks`` under the name the public API uses)."""
    return run_checks(design)


__all__ = ["RULES", "RULES_BY_ID", "Finding", "Rule", "check", "run_checks", "summary"]
