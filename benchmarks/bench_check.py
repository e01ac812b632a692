"""Checker benchmark: a full check in process, and ``ml-canvas check`` as a whole process,
against the checker's budgets.

    .venv/bin/python benchmarks/bench_check.py [--sizes 1000,3000,10000] [--repeat 5] [--markdown]

Two designs per size (``synthetic.py``, 1.5 links per component): the plain clusters, and the
same with a business requirement per product (one per 14 components) that sets a monthly
budget and a latency SLO — the case where each requirement's scope is searched. The budgets:
1,000 components in 100 ms and 10,000 in 1.5 s in process; ``ml-canvas check`` of 10,000 in
3 s as a whole process. This is a measurement, not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from synthetic import make_design  # noqa: E402

from canvas.core.model import Design  # noqa: E402
from canvas.core.rules import run_checks  # noqa: E402
from canvas.io import save_design  # noqa: E402

#: (components, budget in ms) in process; the whole-process budget at 10,000.
IN_PROCESS_BUDGETS = {1_000: 100.0, 10_000: 1500.0}
PROCESS_BUDGET = (10_000, 3000.0)


def with_budgets(design: Design) -> Design:
    """Every product's requirement sets a budget and an SLO; its components cost money."""
    for comp in design.components.values():
        if comp.kind == "business_requirement":
            comp.properties.update(monthly_budget=20_000, latency_slo_ms=100)
        elif comp.kind in ("training", "deployment", "infrastructure", "feature_pipeline"):
            comp.properties["monthly_cost"] = 3_000
    return design


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(design: Design, repeat: int) -> float:
    exe = Path(sys.executable).with_name("ml-canvas")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "design.json"
        save_design(design, path, backup=False)

        def run() -> None:
            subprocess.run([str(exe), "check", str(path), "--format", "json"], capture_output=True, check=False)

        return median_ms(run, repeat)


def verdict(value: float, budget: float | None) -> str:
    if budget is None:
        return ""
    return f"≤ {budget:,.0f} ms: {'holds' if value <= budget else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, str]] = []
    for n in (int(s) for s in args.sizes.split(",")):
        for name, design in (
            ("plain", make_design(n, cross_link_rate=1.0)),
            ("budget per product", with_budgets(make_design(n, cross_link_rate=1.0))),
        ):
            findings = run_checks(design)
            ms = median_ms(lambda design=design: run_checks(design), args.repeat)
            rows.append((f"{n:,}", name, f"{len(findings):,}", f"{ms:,.0f} ms", verdict(ms, IN_PROCESS_BUDGETS.get(n))))
            if n == PROCESS_BUDGET[0]:
                whole = process_ms(design, max(3, args.repeat // 2))
                rows.append(
                    (f"{n:,}", f"{name}, `ml-canvas check`", "", f"{whole:,.0f} ms", verdict(whole, PROCESS_BUDGET[1]))
                )
    header = ("components", "design", "findings", "check (median)", "budget")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
