"""``ml-canvas diff --textconv`` through a real ``git diff`` in a temporary repository, set up
the way docs/review-in-git.md tells a team to: one ``.gitattributes`` line, one ``git config``
line."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from canvas.cli import main
from canvas.core.model import Position
from canvas.io import save_design
from tests.cli.test_diff import changed_reference, git
from tests.core.builders import reference

TEXTCONV = f"{shlex.quote(sys.executable)} -m canvas diff --textconv"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "designs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "diff.ml-canvas.textconv", TEXTCONV)
    (root / ".gitattributes").write_text("*.json diff=ml-canvas\n")
    old, _ = changed_reference()
    save_design(old, root / "designs" / "app.json", backup=False)
    (root / "package.json").write_text('{\n  "name": "web",\n  "version": "1.0.0"\n}\n')
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "reference")
    return root


def changed_lines(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_git_diff_reads_as_a_semantic_diff(repo: Path) -> None:
    _, new = changed_reference()
    save_design(new, repo / "designs" / "app.json", backup=False)
    lines = changed_lines(git(repo, "diff", "designs/app.json"))
    assert '-component m: model "Ranker"' in lines
    assert '+component m: model "Ranking model"' in lines
    assert "-component m: latency_ms = 20" in lines and "+component m: latency_ms = 25" in lines
    assert '-component ev: evaluation "Offline eval"' in lines
    assert "+link m -> dep: flows into" in lines
    assert "-link m -> ev: flows into" in lines
    assert any(line.startswith("+finding error model.unmonitored [m2]: ") for line in lines)
    assert any(line.startswith("+finding warning model.unevaluated [m]: ") for line in lines)
    assert lines[0].startswith("-findings: 0 errors") and lines[1].startswith("+findings: ")  # findings first
    # three components moved: one changed line, no coordinates
    assert [line[:8] for line in lines if "layout:" in line] == ["-layout:", "+layout:"]
    assert not [line for line in lines if '"x"' in line or '"y"' in line]


def test_a_reordered_file_shows_no_change(repo: Path) -> None:
    design = reference().build()
    design.components = dict(reversed(list(design.components.items())))
    design.links = dict(reversed(list(design.links.items())))
    save_design(design, repo / "designs" / "app.json", backup=False)
    assert git(repo, "diff", "--stat", "--no-textconv") != ""  # the bytes did change
    assert changed_lines(git(repo, "diff", "designs/app.json")) == []


def test_only_a_move_is_one_line(repo: Path) -> None:
    design = reference().build()
    design.components["m"].position = Position(x=1234, y=567)
    save_design(design, repo / "designs" / "app.json", backup=False)
    assert [line[:8] for line in changed_lines(git(repo, "diff"))] == ["-layout:", "+layout:"]


def test_other_json_and_broken_designs_pass_through(repo: Path) -> None:
    (repo / "package.json").write_text('{\n  "name": "web",\n  "version": "1.0.1"\n}\n')
    assert changed_lines(git(repo, "diff", "package.json")) == ['-  "version": "1.0.0"', '+  "version": "1.0.1"']
    text = (repo / "designs" / "app.json").read_text()
    (repo / "designs" / "app.json").write_text(text.replace('"components": [', '"components": [ <<<<<<<', 1))
    lines = changed_lines(git(repo, "diff", "designs/app.json"))
    added = [line for line in lines if line.startswith("+")]
    assert added[0] == "+ml-canvas: designs/app.json: not valid JSON: Expecting value at line 5, column 19"
    assert any("<<<<<<<" in line for line in added)  # the file itself, unchanged


def test_textconv_output_is_sorted_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = reference().build()
    design.components["m"].label = "Two\nlines"
    design.components["m"].properties["ml_note"] = {"b": 1, "a": [2]}
    save_design(design, tmp_path / "d.json", backup=False)
    assert main(["diff", "--textconv", str(tmp_path / "d.json")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "findings: 0 errors, 0 warnings, 0 info"
    assert 'component m: model "Two\\nlines"' in lines
    assert "component m: ml_note.a = [2]" in lines and "component m: ml_note.b = 1" in lines
    components = [line for line in lines if line.startswith("component ")]
    assert components == sorted(components, key=lambda line: line.split(":")[0])
    assert lines[-1].startswith("layout: 15 components, positions ")
    assert json.loads(lines[lines.index('design "Reference"')].split(" ", 1)[1]) == "Reference"
