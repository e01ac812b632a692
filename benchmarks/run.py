"""Speed and scale benchmark: the product's budgets, and every figure beside a bare Qt floor.

    .venv/bin/python benchmarks/run.py [--sizes 100,1000,3000,10000] [--repeat N]
                                       [--groups N] [--notes N]
                                       [--markdown [FILE]] [--json FILE] [--from-json FILE]

The budgets are what a person notices: a drag repaints within a 60 Hz frame (≤ 16 ms per
mouse move) at 3,000 components; opening a design of 10,000 paints within 1 s; findings
follow an edit within 1 s at 3,000 and 2 s at 10,000; the window is usable within 1 s of
launch. The first table says whether each holds; the second, whether our own stricter
targets are met (a drag's release within a frame, Tidy Up of 3,000 within 2 s). A figure
inside its budget needs no more speed: the floor is there for reference, not as a target.

For each size it writes a synthetic design (benchmarks/synthetic.py, 1.5 links per
component) and measures, each side in its own subprocesses (offscreen Qt unless
QT_QPA_PLATFORM is set):

* start to first paint, empty and with the design (``startup.py``: a fresh process each
  time, timed from its start), and the peak resident memory of that process;
``--groups N --notes N`` add N group frames (one per cluster, the dragged cards' among
them) and N notes to every design (the floor draws neither).

* in one process for both sides, taking turns run by run (``workers.py``): open file to
  first paint (ours: to every item built too), check all rules, an edit to its findings shown (ours only, debounce
  included), move one component (per move, with repaint), move 300 selected (per step,
  with repaint), fit-to-view render into 1920x1080, PNG export, save.

Figures are medians over the repeats; ours and the floor always run alternately, so a
busy spell of the (shared, 2-core) machine hits both alike. Growth is t(10k) / t(1k)
beside 10 (linear) and 13.3 (n log n). ``--markdown FILE`` writes the tables into FILE
(docs/performance.md) between its ``benchmark:begin``/``benchmark:end`` markers, leaving
the rest of the page as it is. This is a measurement, not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from report import TARGETS, budgets, render  # noqa: E402

PY = sys.executable


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        pyside = version("PySide6-Essentials")
    except Exception:  # noqa: BLE001 - informative only
        pyside = "?"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({os.sched_getaffinity(0).__len__()} usable), {model}; "
        f"Python {platform.python_version()}, PySide6 {pyside}, Qt platform "
        f"{os.environ.get('QT_QPA_PLATFORM')}; load average {load:.2f} at start"
    )


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):  # no user settings
        env[var] = str(home / var.lower())
    env["XDG_RUNTIME_DIR"] = str(home / "runtime")
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    return env


def startup(side: str, design: Path | None, env: dict[str, str]) -> dict[str, float]:
    args = [PY, str(HERE / "startup.py"), side] + ([str(design)] if design else [])
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"startup {side} failed:\n{out.stderr[-2000:]}")
    marks = json.loads(out.stdout.strip().splitlines()[-1])
    res = {"paint": (marks["paint"] - t0) * 1000, "mem": marks["maxrss_kb"] / 1024}
    if "ready" in marks:
        res["ready"] = (marks["ready"] - t0) * 1000
    if "findings" in marks:
        res["findings"] = (marks["findings"] - t0) * 1000
    return res


def startups(design: Path | None, repeat: int, env: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    """Interleaved floor/ours runs after one untimed warm-up of each (byte-code, disk cache)."""
    out: dict[str, dict[str, list[float]]] = {"floor": {}, "ours": {}}
    for side in ("floor", "ours"):
        startup(side, design, env)
    for _ in range(repeat):
        for side in ("floor", "ours"):
            for key, value in startup(side, design, env).items():
                out[side].setdefault(key, []).append(value)
    return out


def worker(design: Path, repeat: int, env: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    """Both sides' in-process figures, measured in one process taking turns (workers.py)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out_path = Path(fh.name)
    args = [PY, str(HERE / "workers.py"), str(design), str(repeat), str(out_path)]
    try:
        done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError(f"the in-process worker failed:\n{done.stderr[-3000:]}")
        results: dict[str, dict[str, list[float]]] = json.loads(out_path.read_text(encoding="utf-8"))
        return results
    finally:
        out_path.unlink(missing_ok=True)


def write_design(n: int, folder: Path, groups: int = 0, notes: int = 0) -> Path:
    from synthetic import make_design

    from canvas.io import save_design

    design = make_design(n, cross_link_rate=1.0, groups=groups, notes=notes)
    path = folder / f"synthetic-{n}.json"
    save_design(design, path, backup=False)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000,10000", help="comma-separated component counts")
    parser.add_argument("--repeat", type=int, default=5, help="repeats per figure (medians are reported)")
    parser.add_argument(
        "--markdown",
        nargs="?",
        const="-",
        metavar="FILE",
        help="Markdown tables: printed, or written into FILE (docs/performance.md)",
    )
    parser.add_argument("--groups", type=int, default=0, help="group frames in each design (one per cluster)")
    parser.add_argument("--notes", type=int, default=0, help="notes in each design")
    parser.add_argument("--json", metavar="FILE", help="also write every measured round to FILE")
    parser.add_argument("--from-json", metavar="FILE", help="print the tables of an earlier --json run")
    ns = parser.parse_args()
    if ns.from_json:
        raw = json.loads(Path(ns.from_json).read_text(encoding="utf-8"))
        data = {int(n): v for n, v in raw["data"].items()}
        links = {int(n): v for n, v in raw["links"].items()}
        report(ns.markdown, raw["machine"], raw["sizes"], links, data, raw["empty"], raw.get("note", ""))
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Ours runs byte-compiled, as installed (pip, the .deb and the frozen app all ship .pyc):
    # with PYTHONDONTWRITEBYTECODE set, stale sources would be compiled again in every start.
    compileall.compile_dir(str(HERE.parent / "src"), quiet=1)
    sizes = [int(s) for s in ns.sizes.split(",") if s]
    about = machine()
    print(f"Machine: {about}", file=sys.stderr, flush=True)
    data: dict[int, dict[str, dict[str, list[float]]]] = {}
    links: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="canvas-bench-") as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        empty = startups(None, ns.repeat, env)
        for n in sizes:
            design = write_design(n, folder, ns.groups, ns.notes)
            links[n] = len(json.loads(design.read_text(encoding="utf-8"))["links"])
            print(f"… {n:,} components, {links[n]:,} links", file=sys.stderr, flush=True)
            start = startups(design, ns.repeat, env)
            data[n] = worker(design, ns.repeat, env)
            for side in ("ours", "floor"):
                data[n][side]["start_design"] = start[side]["paint"]
                data[n][side]["mem"] = start[side]["mem"]
                if "findings" in start[side]:
                    data[n][side]["start_findings"] = start[side]["findings"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    note = f"Load average at the end: {load:.2f}. Medians of {ns.repeat} runs (the drags at least 20 rounds)."
    if ns.groups or ns.notes:
        note += f" Each design also holds {ns.groups} groups and {ns.notes} notes (the floor draws neither)."
    if ns.json:
        Path(ns.json).write_text(
            json.dumps({"machine": about, "sizes": sizes, "links": links, "data": data, "empty": empty, "note": note}),
            encoding="utf-8",
        )
    report(ns.markdown, about, sizes, links, data, empty, note)


BEGIN, END = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"


def report(
    markdown: str | None,
    about: str,
    sizes: list[int],
    links: dict[int, int],
    data: dict[int, Any],
    empty: dict[str, Any],
    note: str,
) -> None:
    """Print the tables; with ``--markdown FILE``, also write them into FILE."""
    print(f"Machine: {about}")
    print(render(sizes, links, data, empty, markdown=markdown is not None))
    print(f"\n{note}")
    if markdown in (None, "-"):
        return
    held = all(line.endswith("holds |") for line in budgets(sizes, data, empty, True).splitlines()[2:])
    targets = budgets(sizes, data, empty, True, TARGETS).splitlines()[2:]
    met = sum(line.endswith("holds |") for line in targets)
    block = "\n".join(
        [
            BEGIN,
            "<!-- generated by `benchmarks/run.py --markdown docs/performance.md`; edit around it, not in it -->",
            f"Measured on {about}.",
            "",
            ("Every budget holds." if held else "**Not every budget holds.**")
            + f" Our own targets: {met} of {len(targets)} met.",
            render(sizes, links, data, empty, markdown=True),
            "",
            note,
            END,
        ]
    )
    path = Path(markdown)
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(head + block + tail, encoding="utf-8")
    print(f"\nWrote the tables into {path}")


if __name__ == "__main__":
    main()
