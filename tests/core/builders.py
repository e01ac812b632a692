"""A tiny fluent builder for checker tests, and helpers to read findings.

    d = DesignBuilder()
    d.add("src", "data_source").add("m", "model")
    d.link("src", "m")
    findings = check(d.build())

Labels default to ``"The <id>"`` so a test can tell a message that names a component by
its label (``'The m'``) from one that leaks its id.
"""

from __future__ import annotations

import itertools
from typing import Any

from canvas.core.model import (
    Component,
    Design,
    Link,
    RuleSetting,
    Severity,
    Suppression,
)
from canvas.core.rules import Finding, run_checks


def label_of(cid: str) -> str:
    return f"The {cid}"


class DesignBuilder:
    """Builds a :class:`canvas.core.model.Design` one component or link at a time."""

    def __init__(self, name: str = "Test design") -> None:
        self.design = Design(name=name)
        self._next_link = 0

    # --- components ----------------------------------------------------------------------
    def add(self, cid: str, kind: str, label: str | None = None, **properties: Any) -> DesignBuilder:
        assert cid not in self.design.components, f"duplicate component id {cid!r} in a test"
        self.design.components[cid] = Component(
            id=cid, kind=kind, label=label if label is not None else label_of(cid), properties=properties
        )
        return self

    def props(self, cid: str, **properties: Any) -> DesignBuilder:
        """Set (or, with ``None``, remove) properties of an existing component."""
        comp = self.design.components[cid]
        merged = {**comp.properties, **properties}
        comp.properties = {k: v for k, v in merged.items() if v is not None}
        return self

    def remove(self, *cids: str) -> DesignBuilder:
        """Remove components and every link touching them."""
        for cid in cids:
            del self.design.components[cid]
        for lid in [l.id for l in self.design.links.values() if l.source in cids or l.target in cids]:
            del self.design.links[lid]
        return self

    # --- links ---------------------------------------------------------------------------
    def link(self, source: str, target: str, lid: str | None = None) -> DesignBuilder:
        assert source in self.design.components and target in self.design.components, (source, target)
        if lid is None:
            self._next_link += 1
            lid = f"l{self._next_link}"
            while lid in self.design.links:
                self._next_link += 1
                lid = f"l{self._next_link}"
        assert lid not in self.design.links, f"duplicate link id {lid!r} in a test"
        self.design.links[lid] = Link(id=lid, source=source, target=target)
        return self

    def chain(self, *cids: str) -> DesignBuilder:
        """Link each component to the next one."""
        for a, b in itertools.pairwise(cids):
            self.link(a, b)
        return self

    def fan(self, source: str, *targets: str) -> DesignBuilder:
        """Link one component to several."""
        for t in targets:
            self.link(source, t)
        return self

    def unlink(self, source: str, target: str) -> DesignBuilder:
        lids = [l.id for l in self.design.links.values() if l.source == source and l.target == target]
        assert lids, f"no link {source} -> {target}"
        for lid in lids:
            del self.design.links[lid]
        return self

    def link_id(self, source: str, target: str) -> str:
        (lid,) = [l.id for l in self.design.links.values() if l.source == source and l.target == target]
        return lid

    # --- suppressions and settings -------------------------------------------------------
    def suppress(self, cid: str, rule: str, reason: str) -> DesignBuilder:
        comp = self.design.components[cid]
        comp.suppressions = [*comp.suppressions, Suppression(rule=rule, reason=reason)]
        return self

    def setting(self, rule: str, enabled: bool = True, severity: Severity | str | None = None) -> DesignBuilder:
        sev = Severity(severity) if severity is not None else None
        self.design.settings.rules[rule] = RuleSetting(enabled=enabled, severity=sev)
        return self

    def build(self) -> Design:
        return self.design

    def check(self) -> list[Finding]:
        return run_checks(self.design)


# --- reading findings ----------------------------------------------------------------------


def check(design: Design | DesignBuilder) -> list[Finding]:
    if isinstance(design, DesignBuilder):
        design = design.build()
    return run_checks(design)


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def flagged(findings: list[Finding], rule: str) -> list[str]:
    """The first component id of each finding of ``rule`` (the model, for model rules)."""
    return [f.components[0] for f in findings if f.rule == rule and f.components]


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# --- designs -------------------------------------------------------------------------------


def reference() -> DesignBuilder:
    """A complete, single-model design that trips no rule at all.

    Its feedback loop (the app's click logs feed the training data) is mitigated on the
    model; the serving path takes 10 + 20 + 10 = 40 ms against a 100 ms SLO; the design
    costs 6,000 a month against a 10,000 budget.
    """
    d = DesignBuilder("Reference")
    d.add(
        "br",
        "business_requirement",
        label="Grow revenue",
        latency_slo_ms=100,
        monthly_budget=10_000,
        objective="revenue",
        ml_fit={
            k: True
            for k in (
                "learn",
                "complex_patterns",
                "existing_data",
                "predictions",
                "unseen_data",
                "repetitive",
                "cheap_mistakes",
                "at_scale",
                "changing_patterns",
            )
        },
    )
    d.add("users", "users", label="Shoppers")
    d.add("devs", "developers", label="ML team")
    d.add("app", "interface", label="Shop app")
    d.add("src", "data_source", label="Click logs")
    d.add("etl", "data_pipeline", label="Nightly ETL", monthly_cost=1000)
    d.add("td", "training_data", label="Labelled sessions")
    d.add("fp", "feature_pipeline", label="Feature store", latency_ms=10, monthly_cost=1000)
    d.add("train", "training", label="Trainer", monthly_cost=2000)
    d.add("m", "model", label="Ranker", latency_ms=20, feedback_mitigation="randomization")
    d.add("ev", "evaluation", label="Offline eval")
    d.add("dep", "deployment", label="Ranking service", latency_ms=10, mode="online", monthly_cost=1500)
    d.add("mon", "monitoring", label="Drift monitor", signals=["data drift"])
    d.add("cl", "continual_learning", label="Retrainer", trigger="drift")
    d.add("infra", "infrastructure", label="K8s cluster", monthly_cost=500)
    d.link("br", "m")
    d.chain("src", "etl", "td", "train", "m", "ev", "dep", "app")
    d.chain("etl", "fp", "train")
    d.link("fp", "dep")
    d.chain("dep", "mon", "cl", "train")
    d.link("app", "users").link("users", "app")
    d.link("app", "src")  # feedback: the app's clicks are logged as natural labels
    d.link("devs", "mon")
    d.fan("infra", "etl", "fp", "train", "dep")
    return d


def served_model(
    d: DesignBuilder,
    name: str,
    app: str = "app",
    *,
    source: str | None = None,
    monitor: bool = True,
    evaluate: bool = True,
) -> DesignBuilder:
    """Add a model ``name`` with its own source, training, evaluation, deployment and (by
    default) monitor, served to ``app`` (added if missing). Ids are prefixed with ``name``:
    ``{name}_src``, ``{name}_train``, ``{name}_ev``, ``{name}_dep``, ``{name}_mon``."""
    if app not in d.design.components:
        d.add(app, "interface")
    src = source or f"{name}_src"
    if src not in d.design.components:
        d.add(src, "data_source")
    d.add(f"{name}_train", "training").add(name, "model").add(f"{name}_dep", "deployment")
    d.chain(src, f"{name}_train", name)
    if evaluate:
        d.add(f"{name}_ev", "evaluation")
        d.chain(name, f"{name}_ev", f"{name}_dep")
    else:
        d.link(name, f"{name}_dep")
    d.link(f"{name}_dep", app)
    if monitor:
        d.add(f"{name}_mon", "monitoring")
        d.link(f"{name}_dep", f"{name}_mon")
    return d


def only(findings: list[Finding], rule: str) -> Finding:
    """The one finding of ``rule``; fails when there are none or several."""
    found = of_rule(findings, rule)
    assert len(found) == 1, f"expected one {rule} finding, got {[f.message for f in found]}"
    return found[0]


def assert_names(finding: Finding, *cids: str, design: Design) -> None:
    """The finding's message names each component by its quoted label, not by its id."""
    for cid in cids:
        label = design.components[cid].label
        assert f"'{label}'" in finding.message, (label, finding.message)
        if label != cid:
            assert f"'{cid}'" not in finding.message, (cid, finding.message)
