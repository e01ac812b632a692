"""Mermaid export: the flowchart's structure read back (nodes, edges, classes, subgraphs), labels
escaped against every character Mermaid gives a meaning to, no Qt, bad input in one sentence;
and, when a Mermaid CLI is installed (``scripts/setup-mermaid-cli.sh``), a real render."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from canvas.cli import main
from canvas.core.catalog import KINDS, LinkMeaning, link_meaning
from canvas.core.model import Design, Group, Link, Note, Position
from canvas.core.rules import run_checks
from canvas.export.mermaid import MAX_EDGES, to_mermaid
from canvas.io import load_design, save_design
from canvas.templates import list_templates, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [t.path for t in list_templates()]
HOSTILE = 'A "quoted" #1 <b>bold</b> & `code` | pipe [x] {y} (z) ; 50% %%{init: {"theme": "dark"}}%%\nsecond line'

NODE = re.compile(r'^\s*(n\d+)(\(\[|\[\(|\()"([^"]*)"(\]\)|\)\]|\)):::(\w+)$')
NOTE = re.compile(r'^\s*(m\d+)>"([^"]*)"\]:::(note_\w+)$')
EDGE = re.compile(r'^\s*(n\d+) (-->|-\.->)(?:\|"([^"]*)"\|)? (n\d+)$')
ID_COMMENT = re.compile(r'^\s*%% ([nmg]\d+) = (".*")$')


def unescape(label: str) -> str:
    """What Mermaid shows for a label: its entity codes (``#35;``, ``#quot;``) decoded."""

    def entity(m: re.Match[str]) -> str:
        code = m.group(1)
        return html.unescape(f"&#{code};" if code.isdigit() else f"&{code};")

    text = re.sub(r"#(\w+);", entity, label)
    return text.replace("<br>", "\n")


def parse(chart: str) -> dict[str, object]:
    """Our subset of Mermaid read back: every line must be one of the forms we write."""
    import json

    nodes: dict[str, tuple[str, str, str]] = {}
    notes: dict[str, str] = {}
    ids: dict[str, str] = {}
    edges: list[tuple[str, str, str, str]] = []
    link_styles: dict[int, str] = {}
    class_defs: dict[str, str] = {}
    classes: dict[str, list[str]] = {}
    subgraphs: dict[str, list[str]] = {}
    open_subgraph: str | None = None
    lines = chart.splitlines()
    assert lines[0].startswith("%% ML System Canvas design ") and lines[1] == "flowchart LR"
    for line in lines[2:]:
        if m := ID_COMMENT.match(line):
            ids[m.group(1)] = json.loads(m.group(2))
        elif m := NODE.match(line):
            nodes[m.group(1)] = (unescape(m.group(3)), m.group(2), m.group(5))
            if open_subgraph:
                subgraphs[open_subgraph].append(m.group(1))
        elif m := NOTE.match(line):
            notes[m.group(1)] = unescape(m.group(2))
        elif m := EDGE.match(line):
            edges.append((m.group(1), m.group(2), unescape(m.group(3) or ""), m.group(4)))
        elif m := re.match(r'^\s*subgraph (g\d+)\["([^"]*)"\]$', line):
            assert open_subgraph is None, "nested subgraph"
            open_subgraph = m.group(1)
            subgraphs[open_subgraph] = []
        elif line.strip() == "end":
            assert open_subgraph is not None
            open_subgraph = None
        elif m := re.match(r"^\s*linkStyle ([\d,]+) (\S+)$", line):
            for i in m.group(1).split(","):
                assert int(i) not in link_styles, f"link {i} styled twice"
                link_styles[int(i)] = m.group(2)
        elif m := re.match(
            r"^\s*classDef (\w+) (fill:#[0-9A-F]{6},stroke:#[0-9A-F]{6},color:#[0-9A-F]{6}|"
            r"stroke:#[0-9A-F]{6},stroke-width:3px)$",
            line,
        ):
            class_defs[m.group(1)] = m.group(2)
        elif m := re.match(r"^\s*class ([n\d,]+) (finding_\w+)$", line):
            classes[m.group(2)] = m.group(1).split(",")
        elif re.match(r"^\s*style g\d+ fill:#[0-9A-F]{6},stroke:#[0-9A-F]{6}$", line):
            pass
        else:
            raise AssertionError(f"unexpected line: {line!r}")
    assert open_subgraph is None
    return {
        "nodes": nodes,
        "notes": notes,
        "ids": ids,
        "edges": edges,
        "link_styles": link_styles,
        "class_defs": class_defs,
        "classes": classes,
        "subgraphs": subgraphs,
    }


def check_structure(design: Design, chart: str) -> dict[str, object]:
    got = parse(chart)
    nodes, ids = got["nodes"], got["ids"]
    assert isinstance(nodes, dict) and isinstance(ids, dict)
    node_of = {ids[n]: n for n in nodes}
    assert sorted(node_of) == sorted(design.components)  # every component once, its id in a comment
    for cid, c in design.components.items():
        label, shape, kind = nodes[node_of[cid]]
        assert (label, kind) == (c.label, c.kind)
        assert shape == {"data_source": "[(", "training_data": "[(", "users": "([", "developers": "(["}.get(c.kind, "(")
    edges = got["edges"]
    assert isinstance(edges, list)
    assert [(ids[a], ids[b], label) for a, _, label, b in edges] == [
        (link.source, link.target, link.label) for link in design.links.values()
    ]
    for (_, arrow, _, _), link in zip(edges, design.links.values(), strict=True):
        dotted = link_meaning(design.components[link.source].kind) in (LinkMeaning.HOSTS, LinkMeaning.REQUIRES)
        assert arrow == ("-.->" if dotted else "-->")
    assert sorted(got["link_styles"]) == list(range(len(design.links)))  # type: ignore[arg-type]
    kinds = {c.kind for c in design.components.values()}
    class_defs = got["class_defs"]
    assert isinstance(class_defs, dict)
    for kind in kinds:
        assert class_defs[kind].startswith(f"fill:{KINDS[kind].colour}")
    return got


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_every_template(template: Path) -> None:
    design = load_design(template)
    got = check_structure(design, to_mermaid(design, run_checks(design)))
    errors = {f.subject for f in run_checks(design) if f.severity.value == "error" and not f.suppressed}
    classes = got["classes"]
    ids = got["ids"]
    assert isinstance(classes, dict) and isinstance(ids, dict)
    assert {ids[n] for n in classes.get("finding_error", [])} >= errors - {None}


def annotated() -> Design:
    design = load_template("figure-1-1")
    design.components["model"].label = HOSTILE
    design.links["extra"] = Link(id="extra", source="model", target="monitoring", label=HOSTILE)
    design.groups["g-serve"] = Group(id="g-serve", label=HOSTILE, members=["deployment", "interface"], color="blue")
    design.groups["g-train"] = Group(id="g-train", label="", members=["training", "model"])
    design.notes["note-1"] = Note(id="note-1", text=HOSTILE, position=Position(x=0, y=0), color="pink")
    return design


def test_groups_notes_and_hostile_labels() -> None:
    design = annotated()
    chart = to_mermaid(design)
    got = check_structure(design, chart)
    subgraphs, ids, notes = got["subgraphs"], got["ids"], got["notes"]
    assert isinstance(subgraphs, dict) and isinstance(ids, dict) and isinstance(notes, dict)
    assert {g: sorted(ids[n] for n in members) for g, members in subgraphs.items()} == {
        "g1": ["deployment", "interface"],
        "g2": ["model", "training"],
    }
    assert (ids["g1"], ids["g2"]) == ("g-serve", "g-train")
    assert list(notes.values()) == [HOSTILE]
    assert ids["m1"] == "note-1"
    # nothing from a label reaches Mermaid's syntax: no directive, no comment, no raw markup
    assert "%%{" not in chart and "<b>" not in chart and "`" not in chart
    assert [line for line in chart.splitlines() if line.lstrip().startswith("%%")] == [
        line for line in chart.splitlines() if ID_COMMENT.match(line) or line.startswith("%% ML System Canvas")
    ]
    assert "finding_" not in chart  # no findings given


def test_strange_ids_stay_in_comments() -> None:
    design = Design(name="50% %%{init}%%\nname")
    for cid in ("end", "a-b", 'x"y\nz', "%%{init: {}}%%"):
        design.components[cid] = load_template("figure-1-1").components["model"].model_copy(update={"id": cid})
    design.links["l"] = Link(id="l", source="end", target="a-b")
    chart = to_mermaid(design)
    assert "%%{" not in chart and len(chart.splitlines()[0].split("\n")) == 1
    got = check_structure(design, chart)
    assert set(got["ids"].values()) == set(design.components)  # type: ignore[union-attr]


def test_cli_writes_mmd_without_qt(tmp_path: Path) -> None:
    out = tmp_path / "design.mmd"
    template = next(p for p in TEMPLATES if p.stem == "fraud-detection")
    code = (
        "import os, sys\n"
        "from canvas.cli import main\n"
        f"rc = main(['export', {str(template)!r}, '-o', {str(out)!r}])\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'canvas.ui')))\n"
        "print('rc', rc, 'qt', qt, 'platform', os.environ.get('QT_QPA_PLATFORM'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=ROOT)
    assert done.stdout.splitlines() == [
        f"Wrote {out} (Mermaid flowchart: 20 components, 27 links).",
        "rc 0 qt [] platform None",
    ]
    design = load_design(template)
    got = check_structure(design, out.read_text(encoding="utf-8"))
    assert got["classes"]  # the SLO error is outlined


def test_cli_no_findings_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = next(p for p in TEMPLATES if p.stem == "fraud-detection")
    assert main(["export", str(template), "-o", str(tmp_path / "a.mmd"), "--no-findings"]) == 0
    assert "finding_" not in (tmp_path / "a.mmd").read_text()
    capsys.readouterr()
    (tmp_path / "bad.json").write_text('{"format": "drawio"}')
    assert main(["export", str(tmp_path / "bad.json"), "-o", str(tmp_path / "b.mmd")]) == 2
    assert capsys.readouterr().err == (
        f'ml-canvas: {tmp_path / "bad.json"}: this is not an ML System Canvas design (its format is "drawio"; '
        'expected "ml-canvas")\n'
    )
    assert not (tmp_path / "b.mmd").exists()
    (tmp_path / "folder.mmd").mkdir()
    assert main(["export", str(template), "-o", str(tmp_path / "folder.mmd")]) == 2
    assert capsys.readouterr().err == (
        f"ml-canvas: {tmp_path / 'folder.mmd'}: is a folder; give a file name ending in .mmd\n"
    )


def test_a_diagram_too_big_for_github_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = Design(name="big")
    base = load_template("figure-1-1").components["data-source"]
    for i in range(MAX_EDGES + 2):
        design.components[f"c{i}"] = base.model_copy(update={"id": f"c{i}"})
    for i in range(MAX_EDGES + 1):
        design.links[f"l{i}"] = Link(id=f"l{i}", source=f"c{i}", target=f"c{i + 1}")
    save_design(design, tmp_path / "big.json", backup=False)
    assert main(["export", str(tmp_path / "big.json"), "-o", str(tmp_path / "big.mmd")]) == 0
    assert "GitHub renders Mermaid diagrams up to 50,000 characters and 500 links" in capsys.readouterr().err


# --- a real render, when a Mermaid CLI is installed ------------------------------------------


def _mmdc() -> tuple[str, str] | None:
    """``mmdc`` and a puppeteer config: from $ML_CANVAS_MMDC / $ML_CANVAS_PUPPETEER_CONFIG, or
    where scripts/setup-mermaid-cli.sh puts them (.mermaid/)."""
    mmdc = os.environ.get("ML_CANVAS_MMDC") or str(ROOT / ".mermaid" / "node_modules" / ".bin" / "mmdc")
    config = os.environ.get("ML_CANVAS_PUPPETEER_CONFIG") or str(ROOT / ".mermaid" / "puppeteer.json")
    if not (shutil.which(mmdc) and Path(config).is_file()):
        return None
    return mmdc, config


@pytest.mark.slow
@pytest.mark.skipif(_mmdc() is None, reason="no Mermaid CLI: run scripts/setup-mermaid-cli.sh to render for real")
@pytest.mark.parametrize("which", ["fraud-detection", "annotated"])
def test_mermaid_cli_renders(which: str, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    mmdc, config = _mmdc()  # type: ignore[misc]
    design = annotated() if which == "annotated" else load_template(which)
    (tmp_path / "d.mmd").write_text(to_mermaid(design, run_checks(design)), encoding="utf-8")
    done = subprocess.run(
        [mmdc, "-p", config, "-i", str(tmp_path / "d.mmd"), "-o", str(tmp_path / "d.svg")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "d.svg").read_text(encoding="utf-8")
    ET.fromstring(svg)  # well-formed
    text = " ".join(ET.fromstring(svg).itertext())
    assert "Syntax error" not in text
    for c in design.components.values():
        first = c.label.splitlines()[0]
        assert html.escape(first, quote=False) in svg or first in text, first
    assert svg.count('class="node ') + svg.count("class='node ") >= len(design.components) or len(
        re.findall(r'id="flowchart-n\d+-', svg)
    ) >= len(design.components)
