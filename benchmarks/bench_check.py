"""Checker benchmark: check time for 1k / 10k / 100k components beside the floor of just
loading the JSON and building the networkx graph.

Run: .venv/bin/python benchmarks/bench_check.py [sizes…]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx  # noqa: E402
from synthetic import make_design  # noqa: E402

from canvas.core.graph import DesignGraph, reach  # noqa: E402
from canvas.core.rules import run_checks  # noqa: E402
from canvas.io import dump_design, parse_design  # noqa: E402


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def row(n: int) -> str:
    """One size's figures."""
    design = make_design(n)
    text = dump_design(design)
    repeat = 5 if n <= 10_000 else 2
    load = median_ms(lambda: parse_design(text, "bench.json"), repeat)

    def floor_graph() -> nx.DiGraph:
        g = nx.DiGraph()
        g.add_nodes_from(design.components)
        g.add_edges_from((link.source, link.target) for link in design.links.values())
        return g

    g = floor_graph()
    graph = median_ms(floor_graph, repeat)
    models = [c for c, comp in design.components.items() if comp.kind == "model"]
    search = median_ms(lambda: reach(g._succ, models), repeat)  # the raw adjacency, as in floor.py
    views = median_ms(lambda: DesignGraph(design), repeat)
    findings = run_checks(design)
    check = median_ms(lambda: run_checks(design), repeat)
    return (
        f"{n:>10,} {len(design.links):>7,} {load:>8.0f}ms {graph:>7.0f}ms {search:>7.0f}ms "
        f"{views:>9.0f}ms {check:>8.0f}ms {check / (graph + search):>10.1f}x {len(findings):>9,}"
    )


def main(sizes: list[int]) -> None:
    print(
        f"{'components':>10} {'links':>7} {'load JSON':>10} {'nx graph':>9} {'1 search':>9} "
        f"{'graph views':>11} {'check all':>10} {'check/floor':>11} {'findings':>9}"
    )
    for n in sizes:
        print(row(n))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
