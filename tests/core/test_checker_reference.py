"""The checker's one-pass rules agree with a naive reference on random designs.

The rules answer for every model at once (bitsets over the graphs' condensations, one
multi-source search); the reference below asks networkx for each model's descendants and
ancestors separately — slow, but obviously what the README's rule table says. Random
designs bring cycles in both graphs, several models sharing components, mitigations and
batch deployments.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from canvas.core.catalog import ALLOWED_TARGETS, FEEDBACK_SOURCES, KINDS, in_flow_graph
from canvas.core.model import Component, Design, Link
from canvas.core.rules import run_checks

KIND_IDS = list(KINDS)
MODEL_RULES = (
    "model.unmonitored", "model.no-training-data", "model.not-served", "model.no-update-loop",
    "model.unevaluated", "model.no-business-objective", "feedback.degenerate-loop",
)


def random_design(rng: random.Random, clean: bool = False) -> Design:
    """A random design; ``clean``: without self-links and repeated links (the designs
    people draw, which the graph builds on its quick path)."""
    design = Design(name="random")
    n = rng.randint(2, 30)
    weighted = KIND_IDS + ["model"] * 4 + ["deployment", "interface", "monitoring", "continual_learning"] * 2
    for i in range(n):
        kind = rng.choice(weighted)
        props: dict[str, object] = {}
        if kind in ("model", "deployment") and rng.random() < 0.2:
            props["feedback_mitigation"] = rng.choice(["randomization", " ", 1])
        if kind == "deployment" and rng.random() < 0.2:
            props["mode"] = "batch"
        design.components[f"c{i}"] = Component(id=f"c{i}", kind=kind, label=f"C{i}", properties=props)
    ids = list(design.components)
    for j in range(rng.randint(0, 3 * n)):
        s = rng.choice(ids)
        allowed = [t for t in ids if design.components[t].kind in ALLOWED_TARGETS.get(design.components[s].kind, ())]
        t = rng.choice(allowed) if allowed and rng.random() < 0.85 else rng.choice(ids)
        if clean and (s == t or any((l.source, l.target) == (s, t) for l in design.links.values())):
            continue
        design.links[f"l{j}"] = Link(id=f"l{j}", source=s, target=t)
    return design


def graphs(design: Design) -> tuple[nx.DiGraph, nx.DiGraph]:
    kind = {cid: c.kind for cid, c in design.components.items()}
    flow, forward = nx.DiGraph(), nx.DiGraph()
    flow.add_nodes_from(kind)
    forward.add_nodes_from(kind)
    for link in design.links.values():
        s, t = link.source, link.target
        if s != t and in_flow_graph(kind[s]):
            flow.add_edge(s, t)
            if kind[s] not in FEEDBACK_SOURCES:
                forward.add_edge(s, t)
    return flow, forward


def down(g: nx.DiGraph, node: str) -> set[str]:
    return nx.descendants(g, node) | {node}


def up(g: nx.DiGraph, node: str) -> set[str]:
    return nx.ancestors(g, node) | {node}


def mitigated(design: Design, cid: str) -> bool:
    value = design.components[cid].properties.get("feedback_mitigation")
    return isinstance(value, str) and bool(value.strip())


def reference(design: Design) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per rule, the models it fires on (with the interfaces named, for the loop rule)."""
    kind = {cid: c.kind for cid, c in design.components.items()}
    of = lambda *kinds: [c for c in design.components if kind[c] in kinds]  # noqa: E731
    flow, fwd = graphs(design)
    required = {l.target for l in design.links.values() if kind[l.source] == "business_requirement"}
    no_eval = fwd.copy()
    no_eval.remove_nodes_from(of("evaluation"))
    guards = [d for d in of("deployment") if mitigated(design, d)]
    fwd_open, flow_open = fwd.copy(), flow.copy()
    fwd_open.remove_nodes_from(guards)
    flow_open.remove_nodes_from(guards)
    out: dict[str, dict[str, tuple[str, ...]]] = {rule: {} for rule in MODEL_RULES}
    for m in of("model"):
        below = down(fwd, m)
        if not below & set(of("monitoring")):
            out["model.unmonitored"][m] = ()
        if not up(fwd, m) & set(of("data_source")):
            out["model.no-training-data"][m] = ()
        deployments = below & set(of("deployment"))
        if not deployments:
            out["model.not-served"][m] = ("none",)
        elif not any(down(fwd, d) & set(of("interface", "users")) for d in deployments):
            out["model.not-served"][m] = ("nobody",)
        learners_back = {l for l in of("continual_learning") if m in down(flow, l)}
        if not any(down(flow, mon) & learners_back for mon in below & set(of("monitoring"))):
            out["model.no-update-loop"][m] = ()
        if set(of("deployment")) & (down(no_eval, m) if m in no_eval else set()):
            out["model.unevaluated"][m] = ()
        if not any(m in down(fwd, t) for t in required):
            out["model.no-business-objective"][m] = ()
        if not mitigated(design, m):
            apps = tuple(i for i in of("interface") if i in down(fwd_open, m) and m in down(flow_open, i))
            if apps:
                out["feedback.degenerate-loop"][m] = apps
    return out


def actual(design: Design) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {rule: {} for rule in MODEL_RULES}
    for f in run_checks(design):
        if f.rule not in out:
            continue
        model = f.components[0]
        if f.rule == "model.not-served":
            out[f.rule][model] = ("none",) if "reaches no deployment" in f.message else ("nobody",)
        elif f.rule == "feedback.degenerate-loop":
            out[f.rule][model] = tuple(f.components[1:])
        else:
            out[f.rule][model] = ()
    return out


@pytest.mark.parametrize("small_loop", [True, False], ids=["search-per-model", "bitset-per-loop"])
@pytest.mark.parametrize("seed", range(8))
def test_one_pass_rules_agree_with_per_model_searches(seed: int, small_loop: bool, monkeypatch) -> None:
    """Both ways of answering the loop rules (a search per model in a small loop, one
    bitset pass in a big one) give the reference's answers."""
    import canvas.core.graph as graph

    if not small_loop:
        monkeypatch.setattr(graph, "_SMALL_LOOP", 0)
    rng = random.Random(seed)
    for i in range(60):
        design = random_design(rng, clean=i % 2 == 0)
        assert actual(design) == reference(design)


@pytest.mark.parametrize("seed", range(4))
def test_quick_and_checked_graph_builds_agree(seed: int, monkeypatch) -> None:
    """A design without self-links or repeats takes the graph's quick path (one loop, the
    allowed matrix checked per pair of kinds); the checked path, link by link, must build
    the very same graphs and bad-link list."""
    from canvas.core.graph import DesignGraph

    rng = random.Random(seed)
    for _ in range(40):
        design = random_design(rng, clean=True)
        quick = DesignGraph(design)
        monkeypatch.setattr(DesignGraph, "_add_links", DesignGraph._add_links_checked)
        checked = DesignGraph(design)
        monkeypatch.undo()
        for name in ("flow_succ", "flow_pred", "forward_pred", "forward_succ", "hosted_by", "required_by"):
            assert getattr(quick, name) == getattr(checked, name), name
        assert [(link.id, why) for link, why in quick.bad_links] == [(link.id, why) for link, why in checked.bad_links]


@pytest.mark.parametrize("seed", range(4))
def test_strongly_connected_components_agree_with_networkx(seed: int) -> None:
    """Our iterative Tarjan (and the Kahn pre-pass of Condensed) against networkx's, on
    random graphs from sparse to dense, with self-loops and repeated edges."""
    from canvas.core.graph import Condensed, strongly_connected

    rng = random.Random(seed)
    for _ in range(80):
        n = rng.randint(1, 40)
        nodes = list(range(n))
        succ: list[list[int]] = [[] for _ in nodes]
        pred: list[list[int]] = [[] for _ in nodes]
        for _ in range(rng.randint(0, 3 * n)):
            a, b = rng.choice(nodes), rng.choice(nodes)
            if a != b and b not in succ[a]:
                succ[a].append(b)
                pred[b].append(a)
        g = nx.DiGraph()
        g.add_nodes_from(nodes)
        g.add_edges_from((a, b) for a in nodes for b in succ[a])
        expected = sorted(sorted(c) for c in nx.strongly_connected_components(g))
        found = strongly_connected(nodes, succ)
        assert sorted(sorted(c) for c in found) == expected
        cond = Condensed(nodes, succ, pred)
        position = {rep: i for i, rep in enumerate(cond.order)}
        assert sorted(sorted(cond.members(r)) for r in cond.order) == expected
        for a in nodes:  # the order is topological: every edge between components goes forward
            for b in succ[a]:
                assert cond.scc(a) == cond.scc(b) or position[cond.scc(a)] < position[cond.scc(b)]
            assert cond.in_loop(a) == (len(cond.members(cond.scc(a))) > 1)
