"""Core layer: the loops a model's life runs in — what *updates* a model, and the feedback
loops in which its predictions shape its own training data.

A continual-learning component C **updates** model m when both hold:

* *path*: C reaches m in the flow graph through training, training data, the data side,
  evaluation or other continual learning only (not through another model, a deployment,
  an interface, users or monitoring);
* *trigger*: C runs on a schedule (its ``trigger`` is ``"schedule"``, the default), or a
  monitor in m's serving reach leads to C through monitoring, continual learning and the
  data side only.

A monitor-triggered update is a loop of the flow graph (m reaches the monitor, the
monitor C, C the model), so those searches stay inside m's strongly connected component;
the scheduled ones are one search from every scheduled C at once.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cached_property

from canvas.core.graph import DATA_SIDE, Node, path_to, search
from canvas.core.rules.base import Context

#: What may lie between a continual-learning component and the model it updates.
UPDATE_PATH = DATA_SIDE | {"training", "evaluation", "continual_learning"}
#: What may lie between a monitor and the continual learning it triggers.
WATCH_PATH = DATA_SIDE | {"monitoring", "continual_learning"}
#: What a model's own predictions may come back through (an allow-list).
LOOP_BACK = DATA_SIDE | {"training", "continual_learning"}
#: Where a feedback loop leaves the serving side.
LOOP_STARTS = frozenset({"interface", "users", "deployment"})

PLACEHOLDERS = frozenset({"", "none", "n/a", "na", "no", "tbd", "todo", "-", "?"})


def mitigated(props: dict[str, object]) -> bool:
    """True when ``feedback_mitigation`` says how a loop is broken (a placeholder does not)."""
    value = props.get("feedback_mitigation")
    return isinstance(value, str) and value.strip().lower() not in PLACEHOLDERS


def scheduled(props: dict[str, object]) -> bool:
    return props.get("trigger", "schedule") == "schedule"


class Updates:
    """Which continual-learning components update which models."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.g = ctx.g

    def _through_update_path(self, node: Node) -> bool:
        return self.g.kind[node] in UPDATE_PATH

    @cached_property
    def by_schedule(self) -> set[str]:
        """Models a scheduled continual-learning component updates."""
        g = self.g
        starts = [c for c in g.of_kind("continual_learning") if scheduled(g.design.components[c].properties)]
        return {g.real(n) for n in search(g.flow.succ, starts, expand=self._through_update_path)}

    def by_monitors(self, model: str) -> list[str]:
        """The continual-learning components, triggered by a monitor in the model's serving
        reach, that update it (searched inside the model's loop)."""
        g, ctx = self.g, self.ctx
        loop = ctx.flow_loops.get(model)
        if loop is None or not any(g.kind[n] == "continual_learning" for n in loop):
            return []
        kind = g.kind
        monitors = [n for n in search(g.serving.succ, [model], within=g.with_twins(loop)) if kind[n] == "monitoring"]
        if not monitors:
            return []
        watched = search(g.flow.succ, monitors, within=loop, expand=lambda n: kind[n] in WATCH_PATH)
        triggered = {n for n in watched if kind[n] == "continual_learning"}
        upstream = search(g.flow.pred, [model], within=loop, expand=self._through_update_path)
        return g.in_file_order(g.real(n) for n in upstream if n in triggered)

    def untriggered(self, model: str) -> list[str]:
        """Continual-learning components that reach the model (the path condition) but run on
        drift or performance and are not fed by a monitor in its serving reach."""
        g = self.g
        upstream = search(g.flow.pred, [model], expand=self._through_update_path)
        return [
            c
            for c in g.in_file_order(n for n in upstream if g.kind[n] == "continual_learning")
            if not scheduled(g.design.components[c].properties)
        ]

    def updated(self, model: str) -> bool:
        return model in self.by_schedule or bool(self.by_monitors(model))

    def updaters(self, model: str, among: Collection[str]) -> list[str]:
        """Which of the continual-learning components ``among`` update the model."""
        g = self.g
        triggered = set(self.by_monitors(model))
        out = []
        for c in among:
            if c in triggered or (
                scheduled(g.design.components[c].properties)
                and model in search(g.flow.succ, [c], expand=self._through_update_path)
            ):
                out.append(c)
        return out


def feedback_loop(ctx: Context, model: str) -> tuple[list[Node], int] | None:
    """The shortest loop in which the model's predictions come back to its training data:
    from the model out to an interface, users or a deployment in its serving reach (passing
    no deployment that sets a real ``feedback_mitigation``), then back to the model through
    the data side, training or continual learning only. Returns the loop as a path that
    starts and ends at the model, with the place in it where the way back starts; ``None``
    when there is no such loop. Ties go to the component first in the file."""
    g = ctx.g
    loop = ctx.flow_loops.get(model)
    if loop is None:
        return None
    kind, comps = g.kind, g.design.components

    def open_way(n: Node) -> bool:
        return not (kind[n] == "deployment" and mitigated(comps[g.real(n)].properties))

    out = search(g.serving.succ, [model], within=g.with_twins(loop), enter=open_way)
    back = search(g.flow.pred, [model], within=loop, expand=lambda n: kind[n] in LOOP_BACK)
    starts = [n for n in out if n != model and kind[n] in LOOP_STARTS and n in back]
    if not starts:
        return None

    def length(n: Node) -> tuple[int, int]:
        return len(path_to(out, n)) + len(path_to(back, n)), g.order[n]

    start = min(starts, key=length)
    way_out = path_to(out, start)
    return way_out + path_to(back, start)[::-1][1:], len(way_out) - 1
