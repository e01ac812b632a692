"""Benchmark: link routing and Tidy Up at 300 / 3,000 / 10,000 components.

    .venv/bin/python benchmarks/bench_routing.py [--sizes 300,3000,10000] [--repeat 3] [--cpu]

For each size (benchmarks/synthetic.py, 1.5 links per component) it prints the best of
``--repeat`` runs of: ``tidy_layout`` of the whole design; ``route_all`` of every link on
the design as generated (what opening a file does) and after Tidy Up; and re-routing the
links of one dragged card with a kept ``LinkRouter`` (what a drag's release does), as the
median over 50 cards. A measurement, not a test: nothing here fails. ``--cpu`` times
the process's CPU instead of the wall clock: the same on an idle machine, steadier on a
busy one (all of this runs on one thread).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from synthetic import make_design  # noqa: E402

from canvas.core.geometry import Rect  # noqa: E402
from canvas.core.layout import CARD_HEIGHT, CARD_WIDTH, tidy_layout  # noqa: E402
from canvas.core.model import Design  # noqa: E402
from canvas.core.routing import LinkEnds, LinkRouter, route_all  # noqa: E402

Clock = Callable[[], float]


def best(repeat: int, fn: Callable[[], object], clock: Clock) -> float:
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times) * 1000


def cards(design: Design, pos: dict[str, tuple[float, float]] | None = None) -> dict[str, Rect]:
    return {
        cid: Rect(*(pos[cid] if pos else (c.position.x, c.position.y)), CARD_WIDTH, CARD_HEIGHT)
        for cid, c in design.components.items()
    }


def drag_release(router: LinkRouter, rects: dict[str, Rect], clock: Clock, samples: int = 50) -> float:
    """Median ms to move one card by a column and re-route its links."""
    ids = [cid for cid in rects if router.links_of([cid])][:: max(1, len(rects) // samples)][:samples]
    times = []
    for cid in ids:
        r = rects[cid]
        t = clock()
        router.move_card(cid, Rect(r.x + 130.0, r.y + 40.0, r.w, r.h))
        router.reroute(router.links_of([cid]))
        times.append(clock() - t)
        router.move_card(cid, r)
        router.reroute(router.links_of([cid]))
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="300,3000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cpu", action="store_true", help="time CPU, not the wall clock")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    print(
        f"{'components':>10} {'links':>6} {'tidy_layout':>12} {'route_all':>10} {'route_all':>10} {'drag release':>13}"
    )
    print(f"{'':>10} {'':>6} {'':>12} {'(as made)':>10} {'(tidied)':>10} {'(one card)':>13}")
    for n in (int(s) for s in args.sizes.split(",")):
        design = make_design(n, cross_link_rate=1.0)
        links = [LinkEnds(link.id, link.source, link.target) for link in design.links.values()]
        tidy_ms = best(args.repeat, partial(tidy_layout, design), clock)
        pos = tidy_layout(design)
        as_made, tidied = cards(design), cards(design, pos)
        route_ms = best(args.repeat, partial(route_all, as_made, links), clock)
        tidied_ms = best(args.repeat, partial(route_all, tidied, links), clock)
        router = LinkRouter(as_made, links)
        router.route_all()
        drag_ms = drag_release(router, dict(as_made), clock)
        print(
            f"{n:>10} {len(links):>6} {tidy_ms:>9.0f} ms {route_ms:>7.0f} ms {tidied_ms:>7.0f} ms {drag_ms:>10.1f} ms"
        )


if __name__ == "__main__":
    main()
