"""Core layer: what the analysis charts draw, computed from a design.

The figures are the ones the checker reads — the slowest request path into each interface
and the SLO over it (``slo.latency-exceeded``), costs and budgets
(``budget.cost-exceeded``) — turned here into plain rectangles (:class:`Bar`) and
reference lines (:class:`Line`), so the charts only draw and the tests can read exactly
what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from canvas.core.catalog import BOXES, FIGURE_BOXES, KINDS, Box
from canvas.core.model import Design
from canvas.core.rules.base import Context
from canvas.core.rules.requirements import RequirementFacts
from canvas.core.values import cost_of
from canvas.core.values import number as number_of
from canvas.core.wording import ms as _ms
from canvas.core.wording import name, number
from canvas.core.wording import usd as _usd

#: Within the limit the request path alternates two calm blues; beyond it, two reds.
WITHIN = ("#5B8FC7", "#9BBEE3")
OVER = ("#D32F2F", "#EF8A8A")
TOTAL_WITHIN = ("#78909C", "#B0BEC5")

#: Short names of the Figure 1-1 boxes, for the cost chart's axis.
BOX_SHORT: dict[Box, str] = {
    Box.USERS: "Users",
    Box.BUSINESS: "Business req.",
    Box.DEVELOPERS: "Developers",
    Box.INTERFACE: "Interface",
    Box.DATA: "Data",
    Box.FEATURES: "Features",
    Box.ALGORITHMS: "ML algorithms",
    Box.EVALUATION: "Evaluation",
    Box.DEPLOY_MONITOR_UPDATE: "Deploy/monitor/update",
    Box.INFRASTRUCTURE: "Infrastructure",
}
#: The latency chart shows at most this many interfaces (the ones closest to their SLO).
MAX_INTERFACES = 30
_BOX_ORDER: tuple[Box, ...] = (*FIGURE_BOXES[:3], Box.INTERFACE, *FIGURE_BOXES[3:])
#: Boxes whose components usually cost money to run (users and requirements do not).
_PRICED = frozenset(
    {Box.DATA, Box.FEATURES, Box.ALGORITHMS, Box.EVALUATION, Box.DEPLOY_MONITOR_UPDATE, Box.INFRASTRUCTURE}
)


@dataclass(frozen=True)
class Bar:
    """One drawn rectangle of a horizontal bar chart (row 0 is drawn at the top)."""

    row: int
    start: float
    width: float
    colour: str
    label: str  # drawn inside the bar when it fits
    tip: str  # shown on hover
    over: bool = False  # beyond the SLO / budget
    #: (start, width) the label is centred on, when a bar is one piece of a split segment.
    label_span: tuple[float, float] | None = None
    short_label: str = ""  # drawn instead of ``label`` when only this fits


@dataclass(frozen=True)
class Line:
    """A vertical reference line (SLO, budget); ``row=None`` spans the whole chart."""

    value: float
    label: str
    row: int | None = None


@dataclass(frozen=True)
class LatencyRow:
    interface: str
    parts: tuple[tuple[str, float], ...]  # (component id, latency_ms) along the path, non-zero
    total: float
    slo: float | None
    slo_requirement: str | None


def split(start: float, width: float, limit: float | None) -> list[tuple[float, float, bool]]:
    """Cut ``[start, start+width)`` at ``limit``: pieces ``(start, width, beyond_limit)``."""
    end = start + width
    if limit is None or end <= limit:
        return [(start, width, False)]
    if start >= limit:
        return [(start, width, True)]
    return [(start, limit - start, False), (limit, end - limit, True)]


# --- latency ------------------------------------------------------------------------------


def latency_rows(design: Design, ctx: Context | None = None) -> list[LatencyRow]:
    """The slowest request path into each interface — the path ``slo.latency-exceeded``
    judges — with the SLO over it, in the design's order (from ``ctx``'s facts when a check
    of ``design`` has computed them)."""
    ctx = Context(design) if ctx is None else ctx
    if not ctx.g.of_kind("interface"):
        return []
    facts = ctx.fact(RequirementFacts)
    rows = []
    for i, path in facts.paths.items():
        parts = tuple((n, lat) for n, lat in zip(path.nodes, path.latencies, strict=True) if lat > 0)
        slo, req = facts.slos.get(i, (None, None))
        rows.append(LatencyRow(i, parts, path.total, slo, req))
    return rows


def shown_rows(rows: list[LatencyRow], limit: int = MAX_INTERFACES) -> list[LatencyRow]:
    """At most ``limit`` rows: the tightest against their SLO (then the slowest), kept in
    the design's order."""
    if len(rows) <= limit:
        return rows

    def pressure(row: LatencyRow) -> tuple[float, float]:
        return (row.total / row.slo if row.slo else 0.0, row.total)

    keep = {id(r) for r in sorted(rows, key=pressure, reverse=True)[:limit]}
    return [r for r in rows if id(r) in keep]


def latency_bars(design: Design, rows: list[LatencyRow]) -> tuple[list[Bar], list[Line]]:
    comps = design.components
    bars: list[Bar] = []
    lines: list[Line] = []
    for r, row in enumerate(rows):
        x = 0.0
        slo_text = ""
        if row.slo is not None:
            req = name(comps[row.slo_requirement]) if row.slo_requirement in comps else "?"
            slo_text = f" · SLO {_ms(row.slo)} ('{req}')"
        for i, (cid, lat) in enumerate(row.parts):
            comp = comps[cid]
            kind = KINDS[comp.kind].short_label if comp.kind in KINDS else comp.kind
            tip = f"'{name(comp)}' ({kind}): {_ms(lat)}\ncumulative {_ms(x + lat)} of {_ms(row.total)}{slo_text}"
            label = f"{name(comp)} {_ms(lat)}"
            for k, (start, width, over) in enumerate(split(x, lat, row.slo)):
                colour = (OVER if over else WITHIN)[i % 2]
                bars.append(
                    Bar(
                        r,
                        start,
                        width,
                        colour,
                        label if k == 0 else "",
                        tip,
                        over,
                        (x, lat),
                        number(lat) if k == 0 else "",
                    )
                )
            x += lat
        if row.slo is not None:
            lines.append(Line(row.slo, f"SLO {_ms(row.slo)}", r))
    if lines and len({ln.value for ln in lines}) == 1:
        lines = [Line(lines[0].value, lines[0].label, None)]
    return bars, lines


def latency_empty_text(design: Design, rows: list[LatencyRow]) -> str:
    """What to fill in before the latency chart has anything to show ("" = nothing)."""
    if not rows:
        return (
            "Add an Interface and connect the serving path to it (data → model → deployment → "
            "interface) to see request latency."
        )
    if all(row.total <= 0 for row in rows):
        return "Set latency_ms on components to see the request path."
    return ""


def latency_note(rows: list[LatencyRow], shown: int | None = None) -> str:
    notes = []
    if shown is not None and shown < len(rows):
        notes.append(f"Showing the {shown} of {len(rows)} interfaces closest to their SLO.")
    if rows and all(row.slo is None for row in rows):
        notes.append("Set latency_slo_ms on a business requirement that covers the interface to draw the SLO line.")
    return " ".join(notes)


# --- cost ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostData:
    per_box: list[tuple[Box, float]]  # boxes that cost something, in Figure 1-1 order
    total: float
    budgets: list[tuple[str, float]]  # (requirement id, monthly_budget)
    top: dict[Box, list[tuple[str, float]]]  # the largest spenders of each box
    unpriced: list[Box]  # boxes inside the system that have components but no cost set


def cost_data(design: Design) -> CostData:
    totals: dict[Box, float] = {}
    spenders: dict[Box, list[tuple[str, float]]] = {}
    for cid, comp in design.components.items():
        kind = KINDS.get(comp.kind)
        if kind is None:
            continue
        cost = cost_of(comp)
        totals[kind.box] = totals.get(kind.box, 0.0) + cost
        if cost:
            spenders.setdefault(kind.box, []).append((cid, cost))
    per_box = [(b, totals[b]) for b in _BOX_ORDER if totals.get(b, 0.0) > 0]
    unpriced = [b for b in _BOX_ORDER if b in totals and totals[b] <= 0 and b in _PRICED]
    top = {b: sorted(v, key=lambda kv: -kv[1])[:3] for b, v in spenders.items()}
    return CostData(per_box, sum(totals.values()), budgets(design), top, unpriced)


def budgets(design: Design) -> list[tuple[str, float]]:
    """(requirement id, monthly_budget) for every requirement that sets one, in file order."""
    out = []
    for cid, comp in design.components.items():
        if (
            comp.kind == "business_requirement"
            and (budget := number_of(comp.properties.get("monthly_budget"))) is not None
        ):
            out.append((cid, budget))
    return out


def cost_bars(design: Design, data: CostData) -> tuple[list[Bar], list[Line], list[str]]:
    """Row 0 is the total (stacked by box, red beyond the tightest budget); one row per box
    below it, in the box's colour. Returns bars, budget lines and the row labels."""
    comps = design.components
    limit = min((b for _, b in data.budgets), default=None)
    bars: list[Bar] = []
    x = 0.0
    for i, (box, cost) in enumerate(b for b in data.per_box if b[1] > 0):
        tip = f"{BOXES[box].title}: {_usd(cost)}/month\ncumulative {_usd(x + cost)} of {_usd(data.total)}"
        if limit is not None:
            tip += f" · budget {_usd(limit)}"
        for k, (start, width, over) in enumerate(split(x, cost, limit)):
            colour = (OVER if over else TOTAL_WITHIN)[i % 2]
            bars.append(Bar(0, start, width, colour, BOX_SHORT[box] if k == 0 else "", tip, over, (x, cost)))
        x += cost
    for r, (box, cost) in enumerate(data.per_box, start=1):
        largest = ", ".join(f"'{name(comps[c])}' {_usd(v)}" for c, v in data.top.get(box, []))
        tip = f"{BOXES[box].title} (ch. {BOXES[box].chapter}): {_usd(cost)}/month" + (f"\n{largest}" if largest else "")
        bars.append(Bar(r, 0.0, cost, BOXES[box].colour, _usd(cost), tip))
    lines = [Line(b, f"Budget {_usd(b)} ('{name(comps[req])}')") for req, b in data.budgets]
    labels = [f"Total {_usd(data.total)}", *(BOX_SHORT[b] for b, _ in data.per_box)]
    return bars, lines, labels


def cost_empty_text(data: CostData) -> str:
    if data.total > 0:
        return ""
    text = "Set monthly_cost on components to see the monthly cost by Figure 1-1 box"
    if data.budgets:
        text += f" against the {_usd(min(b for _, b in data.budgets))} budget"
    return text + "."


def cost_note(data: CostData) -> str:
    notes = []
    if data.total > 0 and not data.budgets:
        notes.append("Set monthly_budget on a business requirement to draw the budget line.")
    if data.total > 0 and data.unpriced:
        notes.append("No monthly_cost set in: " + ", ".join(BOX_SHORT[b] for b in data.unpriced) + ".")
    return " ".join(notes)


# --- both, in one pass ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChartData:
    """Everything the Analysis panel draws; computed with the checker, off the GUI thread
    on big designs."""

    latency: list[LatencyRow]
    cost: CostData


def chart_data(design: Design, ctx: Context | None = None) -> ChartData:
    """The figures of the Analysis panel; ``ctx``: a check's context of ``design``, whose
    graph views and request paths they share."""
    return ChartData(latency_rows(design, ctx), cost_data(design))
