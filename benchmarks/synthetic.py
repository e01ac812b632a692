"""Synthetic designs for the benchmarks: n components in realistic ML-system clusters.

Each cluster is a small complete system (data -> features -> training -> model ->
evaluation -> deployment -> app, monitoring, retraining, infrastructure, requirement) with
a feedback loop; clusters share a few components with their neighbours: ~1.43 links per
component by default, 1.5 with ``cross_link_rate=1.0`` (what ``run.py`` uses).

``groups=N`` draws a frame around each of the first N clusters (a drag there moves a frame
too); ``notes=N`` writes N notes in the gaps between the rows of clusters.
"""

from __future__ import annotations

import random

from canvas.core.model import Component, Design, Group, Link, Note, Position, Size

CLUSTER = [
    ("src", "data_source"),
    ("pipe", "data_pipeline"),
    ("tdata", "training_data"),
    ("feat", "feature_pipeline"),
    ("train", "training"),
    ("model", "model"),
    ("eval", "evaluation"),
    ("dep", "deployment"),
    ("app", "interface"),
    ("mon", "monitoring"),
    ("cl", "continual_learning"),
    ("infra", "infrastructure"),
    ("req", "business_requirement"),
    ("users", "users"),
]
EDGES = [
    ("src", "pipe"),
    ("pipe", "tdata"),
    ("tdata", "feat"),
    ("feat", "train"),
    ("train", "model"),
    ("model", "eval"),
    ("eval", "dep"),
    ("dep", "app"),
    ("dep", "mon"),
    ("mon", "cl"),
    ("cl", "train"),
    ("app", "src"),
    ("infra", "train"),
    ("infra", "dep"),
    ("infra", "pipe"),
    ("infra", "feat"),
    ("req", "model"),
    ("users", "app"),
    ("feat", "dep"),
]


def make_design(n: int, seed: int = 1, cross_link_rate: float = 0.5, groups: int = 0, notes: int = 0) -> Design:
    rng = random.Random(seed)
    d = Design(name=f"Synthetic {n}")
    clusters = max(1, n // len(CLUSTER))
    count = 0
    link_n = 0
    for c in range(clusters):
        col, row = c % 40, c // 40
        for i, (name, kind) in enumerate(CLUSTER):
            if count >= n:
                break
            cid = f"{name}-{c}"
            d.components[cid] = Component(
                id=cid,
                kind=kind,
                label=f"{name} {c}",
                position=Position(x=col * 1400 + (i % 7) * 190, y=row * 300 + (i // 7) * 110),
                properties={"latency_ms": rng.choice([0, 5, 10, 20])} if kind in ("model", "dep", "feat") else {},
            )
            count += 1
        for a, b in EDGES:
            s, t = f"{a}-{c}", f"{b}-{c}"
            if s in d.components and t in d.components:
                link_n += 1
                d.links[f"link-{link_n}"] = Link(id=f"link-{link_n}", source=s, target=t)
        if c:  # share the previous cluster's feature store and monitor: cross-links
            for a, b in (("feat", "train"), ("dep", "mon")):
                s, t = f"{a}-{c - 1}", f"{b}-{c}"
                if s in d.components and t in d.components and rng.random() < cross_link_rate:
                    link_n += 1
                    d.links[f"link-{link_n}"] = Link(id=f"link-{link_n}", source=s, target=t)
    while count < n:
        cid = f"extra-{count}"
        d.components[cid] = Component(id=cid, kind="data_source", label=cid)
        count += 1
    for c in range(min(groups, clusters)):
        members = [f"{name}-{c}" for name, _ in CLUSTER if f"{name}-{c}" in d.components]
        d.groups[f"group-{c + 1}"] = Group(id=f"group-{c + 1}", label=f"System {c}", members=members)
    for k in range(notes):
        c = k % clusters
        col, row = c % 40, c // 40
        at = Position(x=col * 1400 + (k // clusters % 6) * 220, y=row * 300 + 200)
        text = f"Note {k}: why cluster {c} is built this way, in a sentence or two."
        d.notes[f"note-{k + 1}"] = Note(id=f"note-{k + 1}", text=text, position=at, size=Size(width=200, height=80))
    return d
