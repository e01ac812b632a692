"""Export layer, Qt-free: a design as a Mermaid flowchart (``ml-canvas export FILE -o x.mmd``).

The text renders in GitHub markdown (a ```` ```mermaid ```` block) and in docs sites:

- one node per component, ``n1``, ``n2`` … in file order, each after a ``%%`` comment giving
  its id; data sources and training data are cylinders, users and developers stadiums;
- each kind is a ``classDef`` with its Figure 1-1 box colour (``canvas.core.catalog``);
- links by meaning (``canvas.core.catalog.link_meaning``): *flows into* solid, *uses* solid
  in the users' colour, *requires* and *hosts* dotted in the requirement's and the
  infrastructure's colours, each applied with ``linkStyle``; a link's label is its edge text;
- groups are subgraphs ``g1``, ``g2`` … around their members; notes are note-shaped nodes
  ``m1``, ``m2`` … linked to nothing;
- unless ``--no-findings`` (``findings=False``), components and links named by an unsuppressed finding get the
  severity's outline (``finding_error``, ``finding_warning``, ``finding_info``), as the PNG has.

Every text from the design is escaped for Mermaid: written in ``"…"`` with ``"``, ``#``,
``%``, ``&``, ``<``, ``>``, `` ` ``, ``|`` as entity codes (``#35;``) — no markup, directive
(``%%{…}%%``) or comment can be smuggled in — and line breaks as ``<br>``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from canvas.core.catalog import BOXES, KIND_IDS, KINDS, Box, LinkMeaning, link_meaning
from canvas.core.model import Design, Severity
from canvas.core.rules import Finding

#: What GitHub's Mermaid renders by default: larger diagrams show an error instead.
MAX_TEXT, MAX_EDGES = 50_000, 500

SEVERITY_STROKES = {Severity.ERROR: "#D50000", Severity.WARNING: "#FF8F00", Severity.INFO: "#2979FF"}
_SHAPES = {
    "data_source": ("[(", ")]"),
    "training_data": ("[(", ")]"),
    "users": ("([", "])"),
    "developers": ("([", "])"),
}
_ARROWS = {LinkMeaning.FLOWS: "-->", LinkMeaning.USES: "-->", LinkMeaning.REQUIRES: "-.->", LinkMeaning.HOSTS: "-.->"}
_LINK_COLOURS = {
    LinkMeaning.FLOWS: "#607D8B",
    LinkMeaning.USES: BOXES[Box.USERS].colour,
    LinkMeaning.REQUIRES: BOXES[Box.BUSINESS].colour,
    LinkMeaning.HOSTS: BOXES[Box.INFRASTRUCTURE].colour,
}
#: Pale fills for notes and group frames, by their colour name in the file.
_PALE = {
    "yellow": "#FFF9C4",
    "blue": "#E3F2FD",
    "green": "#E8F5E9",
    "pink": "#FCE4EC",
    "purple": "#F3E5F5",
    "grey": "#ECEFF1",
    "orange": "#FFF3E0",
    "red": "#FFEBEE",
}
_ENTITIES = {'"': "#quot;", "#": "#35;", "%": "#37;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;", "|": "#124;"}


def text(value: str) -> str:
    """Design text as a quoted Mermaid label."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return '"' + "<br>".join("".join(_ENTITIES.get(ch, ch) for ch in line) for line in lines) + '"'


def comment(value: str) -> str:
    """Design text inside a ``%%`` comment: one line of JSON, no ``%`` (``%%{`` is a directive)."""
    return json.dumps(value, ensure_ascii=False).replace("%", "\\u0025")


def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def _darker(fill: str) -> str:
    return "#" + "".join(f"{int(int(fill[i : i + 2], 16) * 0.7):02X}" for i in (1, 3, 5))


def _severity_marks(findings: Sequence[Finding]) -> tuple[dict[str, Severity], dict[str, Severity]]:
    """The worst unsuppressed severity naming each component and each link."""
    comps: dict[str, Severity] = {}
    links: dict[str, Severity] = {}
    for f in findings:
        if f.suppressed:
            continue
        for marks, ids in ((comps, f.components), (links, f.links)):
            for i in ids:
                if i not in marks or f.severity.rank < marks[i].rank:
                    marks[i] = f.severity
    return comps, links


def to_mermaid(design: Design, findings: Sequence[Finding] = ()) -> str:
    """The flowchart; ``findings`` (e.g. ``run_checks(design)``) outline what they name."""
    node = {cid: f"n{i}" for i, cid in enumerate(design.components, start=1)}
    marked, marked_links = _severity_marks(findings)
    lines = [f"%% ML System Canvas design {comment(design.name)}", "flowchart LR"]

    def define(cid: str, indent: str) -> None:
        c = design.components[cid]
        opening, closing = _SHAPES.get(c.kind, ("(", ")"))
        lines.append(f"{indent}%% {node[cid]} = {comment(cid)}")
        lines.append(f"{indent}{node[cid]}{opening}{text(c.label)}{closing}:::{c.kind}")

    grouped: set[str] = set()
    for g_index, group in enumerate(design.groups.values(), start=1):
        members = [m for m in group.members if m in node and m not in grouped]
        if not members:
            continue
        lines.append(f"    %% g{g_index} = {comment(group.id)}")
        lines.append(f"    subgraph g{g_index}[{text(group.label or ' ')}]")
        for m in members:
            define(m, "        ")
            grouped.add(m)
        lines.append("    end")
        fill = _PALE.get(group.color, _PALE["grey"])
        lines.append(f"    style g{g_index} fill:{fill},stroke:{_darker(fill)}")
    for cid in design.components:
        if cid not in grouped:
            define(cid, "    ")
    for m_index, note in enumerate(design.notes.values(), start=1):
        lines.append(f"    %% m{m_index} = {comment(note.id)}")
        lines.append(f"    m{m_index}>{text(note.text)}]:::note_{note.color if note.color in _PALE else 'yellow'}")

    styles: dict[str, list[int]] = defaultdict(list)
    for index, link in enumerate(design.links.values()):
        source = design.components[link.source]
        meaning = link_meaning(source.kind)
        edge = f"|{text(link.label)}|" if link.label else ""
        lines.append(f"    {node[link.source]} {_ARROWS[meaning]}{edge} {node[link.target]}")
        severity = marked_links.get(link.id)
        colour = SEVERITY_STROKES[severity] if severity else _LINK_COLOURS[meaning]
        width = "3px" if severity else "1.5px"
        styles[f"stroke:{colour},stroke-width:{width}"].append(index)
    for style, indexes in styles.items():
        lines.append(f"    linkStyle {','.join(map(str, indexes))} {style}")

    used = {c.kind for c in design.components.values()}
    for kind in KIND_IDS:
        if kind in used:
            fill = KINDS[kind].colour
            lines.append(f"    classDef {kind} fill:{fill},stroke:{_darker(fill)},color:{_text_colour(fill)}")
    for colour in sorted({n.color if n.color in _PALE else "yellow" for n in design.notes.values()}):
        lines.append(f"    classDef note_{colour} fill:{_PALE[colour]},stroke:#9E9E9E,color:#000000")
    by_severity: dict[Severity, list[str]] = defaultdict(list)
    for cid, severity in marked.items():
        if cid in node:
            by_severity[severity].append(node[cid])
    for severity in Severity:
        if by_severity[severity]:
            lines.append(f"    classDef finding_{severity.value} stroke:{SEVERITY_STROKES[severity]},stroke-width:3px")
            lines.append(f"    class {','.join(sorted(by_severity[severity], key=_number))} finding_{severity.value}")
    return "\n".join(lines) + "\n"


def _number(node_id: str) -> int:
    return int(node_id[1:])


def write_mermaid(design: Design, path: Path, findings: bool = True, checked: Design | None = None) -> tuple[str, str]:
    """Write the flowchart atomically; returns what was written, in words, and a note when the
    diagram is larger than GitHub renders (else ``""``). Raises ``DesignSaveError``.
    ``checked``: the design whose findings are marked (a selection's whole design)."""
    from canvas.core.rules import run_checks
    from canvas.io.save import write_atomic

    chart = to_mermaid(design, run_checks(checked if checked is not None else design) if findings else ())
    write_atomic(path, chart.encode("utf-8"), backup=False)
    what = f"Mermaid flowchart: {len(design.components)} components, {len(design.links)} links"
    note = ""
    if len(chart) > MAX_TEXT or len(design.links) > MAX_EDGES:
        note = (
            f"GitHub renders Mermaid diagrams up to {MAX_TEXT:,} characters and {MAX_EDGES} links by default; "
            f"this one has {len(chart):,} characters and {len(design.links):,} links"
        )
    return what, note
