"""Core layer: the completeness checker — the registry of rules and the function that runs them.

Rule ids, default severities and semantics are part of the CLI contract (spec §4).
"""

from __future__ import annotations

from canvas.core.catalog import Box
from canvas.core.gc_pause import paused_gc
from canvas.core.model import Design, Severity
from canvas.core.rules import models, requirements, structure
from canvas.core.rules.base import Context, Finding, RawFinding, Rule

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
B = Box

RULES: tuple[Rule, ...] = (
    Rule(
        "model.unmonitored", E, "Model has no monitoring", B.DEPLOY_MONITOR_UPDATE, "8",
        "Add a Monitoring component downstream of the model's deployment (e.g. data drift, accuracy).",
        "ML systems fail silently: a model keeps answering while its inputs drift and its accuracy "
        "decays. Chapter 8 lists the failures only monitoring catches. The rule looks for a Monitoring "
        "component downstream of the model along its own serving path (the forward graph), so a "
        "monitor watching another model does not count.",
        models.unmonitored,
    ),
    Rule(
        "model.no-training-data", E, "Model has no training data source", B.DATA, "3",
        "Connect a Data source (through pipelines or training data) to the model's training.",
        "A model is only as good as the data it learns from (ch. 3–4). The rule looks for a Data "
        "source upstream of the model in the forward graph.",
        models.no_training_data,
    ),
    Rule(
        "model.not-served", E, "Model is not served to anyone", B.DEPLOY_MONITOR_UPDATE, "7",
        "Connect the model to a Deployment, and the deployment to an Interface or to Users.",
        "A model creates value only when its predictions reach someone (ch. 7). The rule follows "
        "the forward graph from the model to a deployment and from there to an interface or users.",
        models.not_served,
    ),
    Rule(
        "model.no-update-loop", W, "Nothing updates the model", B.DEPLOY_MONITOR_UPDATE, "9",
        "Link the model's monitor to a Continual learning component that feeds its training.",
        "Data distributions shift, so models must be updated (ch. 9). The rule wants a loop: a "
        "monitor downstream of the model leads, through continual learning, back to the model or "
        "to its training.",
        models.no_update_loop,
    ),
    Rule(
        "model.unevaluated", W, "A path to deployment skips evaluation", B.EVALUATION, "6",
        "Route the model through an Offline evaluation before its deployment.",
        "Offline evaluation (ch. 6) is the gate before deployment. With the evaluation components "
        "taken out of the forward graph, the model should no longer reach any deployment.",
        models.unevaluated,
    ),
    Rule(
        "model.no-business-objective", W, "Model serves no business requirement", B.BUSINESS, "1–2",
        "Link a Business requirement to the model (or to something upstream of it).",
        "ML projects succeed when tied to a business metric (ch. 2). The rule looks for a business "
        "requirement whose *requires* links reach the model through the forward graph.",
        models.no_business_objective,
    ),
    Rule(
        "component.unhosted", W, "Component runs on no infrastructure", B.INFRASTRUCTURE, "10",
        "Link an Infrastructure component to it (compute, orchestration).",
        "Training, deployment and pipelines need compute and orchestration (ch. 10). Each of "
        "them should be hosted by an Infrastructure component.",
        structure.unhosted,
    ),
    Rule(
        "component.disconnected", W, "Component is not connected", B.SYSTEM, "1",
        "Connect it to the rest of the system, or delete it.",
        "A component with no links plays no part in the system as drawn.",
        structure.disconnected,
    ),
    Rule(
        "link.not-allowed", E, "Link is not allowed", B.SYSTEM, "1",
        "Delete the link, or draw it between kinds the catalogue allows.",
        "The meaning of a link comes from its ends (hosts, requires, uses, flows into); the "
        "catalogue's matrix lists which pairs make sense. Self-links and duplicates never do.",
        structure.link_not_allowed,
    ),
    Rule(
        "feedback.not-captured", I, "No feedback is captured", B.DATA, "4",
        "Add a link from the Interface or Users back to a Data source or Training data.",
        "Natural labels — clicks, purchases, corrections — are the cheapest labels there are "
        "(ch. 4). Nothing in the design flows from an interface or users back to the data.",
        structure.feedback_not_captured,
    ),
    Rule(
        "feedback.degenerate-loop", W, "Degenerate feedback loop", B.DEPLOY_MONITOR_UPDATE, "8",
        "Set feedback_mitigation on the model or its deployment (e.g. randomization, positional features).",
        "When a model's predictions shape the data it is retrained on, its biases amplify "
        "themselves (ch. 8: degenerate feedback loops). Randomization or positional features "
        "break the loop.",
        models.degenerate_loop,
    ),
    Rule(
        "slo.latency-exceeded", E, "Serving path exceeds the latency SLO", B.BUSINESS, "1, 7",
        "Cut latency on the path (model compression, caching, batch predictions) or revisit the SLO.",
        "The slowest online path to an interface, summing latency_ms (batch deployments excluded), "
        "must stay within the smallest latency_slo_ms of the requirements upstream of its models.",
        requirements.latency_exceeded,
    ),
    Rule(
        "budget.cost-exceeded", W, "Design exceeds the monthly budget", B.BUSINESS, "1–2",
        "Reduce monthly_cost of the largest components, or revisit the budget.",
        "The summed monthly_cost of all components should fit the requirement's monthly_budget.",
        requirements.cost_exceeded,
    ),
    Rule(
        "ml-fit.unmet", W, "ML may not be the right approach", B.BUSINESS, "1",
        "Revisit the problem: fill in the When to use ML assessment, or add a human in the loop.",
        "Chapter 1: ML learns complex patterns from existing data to make predictions on unseen "
        "data. If one of the five criteria fails, or mistakes are costly with no human in the "
        "loop, ML may not be the answer.",
        requirements.ml_fit_unmet,
    ),
    Rule(
        "design.figure-coverage", I, "A Figure 1-1 box is missing", B.SYSTEM, "1",
        "Add a component of the missing box.",
        "Figure 1-1: the ML algorithm is a small part of an ML system. Each of its nine boxes "
        "usually has a place in a real design.",
        structure.figure_coverage,
    ),
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def run_checks(design: Design, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Run every enabled rule on the design; findings sorted by severity, then rule order."""
    # A check allocates ~10 short-lived objects per component and keeps none.
    with paused_gc():
        return _run(design, rules)


def _run(design: Design, rules: tuple[Rule, ...]) -> list[Finding]:
    ctx = Context(design)
    settings = design.settings.rules
    findings: list[Finding] = []
    for rule in rules:
        setting = settings.get(rule.id)
        if setting is not None and not setting.enabled:
            continue
        severity = setting.severity if setting is not None and setting.severity else rule.severity
        for raw in rule.check(ctx):
            reason = _suppression(design, rule.id, raw)
            findings.append(
                Finding(rule.id, severity, raw.message, raw.components, raw.links, reason is not None, reason)
            )
    findings.sort(key=lambda f: f.severity.rank)
    return findings


def _suppression(design: Design, rule: str, raw: RawFinding) -> str | None:
    for cid in raw.components:
        comp = design.components.get(cid)
        if comp is not None:
            s = comp.suppression_for(rule)
            if s is not None:
                return s.reason
    return None


def summary(findings: list[Finding]) -> dict[str, int]:
    """Counts per severity of the findings that are not suppressed."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        if not f.suppressed:
            counts[f.severity.value] += 1
    return counts


__all__ = ["RULES", "RULES_BY_ID", "Finding", "Rule", "run_checks", "summary"]
