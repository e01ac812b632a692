"""``ml-canvas diff``: the three formats, exit codes, REV:PATH from git, /dev/null, bad input
in one sentence, and the markdown parsed as markdown."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from canvas.cli import main
from canvas.core.model import Component, Design, Link, Position
from canvas.io import save_design
from canvas.reports.diff_markdown import WORD_JOINER
from tests.core.builders import reference
from tests.git_repo import git

#: Every character markdown or HTML gives a meaning to, in 40 characters (labels are cut after 40).
HOSTILE = "R|<b>v</b> @oncall `x`*y*[z](h)$1&$2\\~w~"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def changed_reference() -> tuple[Design, Design]:
    """The clean reference design, and a change that removes its evaluation gate, adds a
    model with a hostile label, renames the model and moves three components."""
    old = reference().build()
    new = old.clone()
    del new.components["ev"]
    new.links = {k: link for k, link in new.links.items() if "ev" not in (link.source, link.target)}
    new.links["bypass"] = Link(id="bypass", source="m", target="dep")
    new.components["m2"] = Component(id="m2", kind="model", label=HOSTILE, position=Position(x=900, y=40))
    new.links["l-m2"] = Link(id="l-m2", source="train", target="m2")
    new.components["m"].label = "Ranking model"
    new.components["m"].properties = {**new.components["m"].properties, "latency_ms": 25}
    for cid in ("app", "mon", "cl"):
        new.components[cid].position = Position(x=1000, y=len(cid) * 50)
    return old, new


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = changed_reference()
    save_design(old, tmp_path / "old.json", backup=False)
    save_design(new, tmp_path / "new.json", backup=False)
    return tmp_path / "old.json", tmp_path / "new.json"


def test_text(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = files
    code, out, err = run(["diff", str(old), str(new)], capsys)
    assert err == "" and code == 1  # m2 is unmonitored and unserved: new errors
    lines = out.splitlines()
    assert lines[0] == f"{old} → {new}"
    assert lines[1].startswith("Findings: ")
    assert (
        "  + warning model.unevaluated: Model 'Ranking model' reaches 'Ranking service' on a path with no offline "
        "evaluation." in lines
    )
    assert "  + 'Offline eval' → 'Ranking service'" not in lines
    assert "  - 'Ranker' → 'Offline eval'" in lines  # a removed link is named as the old side had it
    assert "  ~ 'Ranking model' (Model) [m]" in lines
    assert '      label: "Ranker" → "Ranking model"' in lines
    assert "      latency_ms: 20 → 25" in lines
    assert "  3 components moved (positions only, not listed)." in lines
    # findings first, introduced before resolved
    assert out.index("Findings:") < out.index("Components:")


def test_no_differences_reordered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = reference().build()
    save_design(design, tmp_path / "a.json", backup=False)
    design.components = dict(reversed(list(design.components.items())))
    design.links = dict(reversed(list(design.links.items())))
    save_design(design, tmp_path / "b.json", backup=False)
    assert (tmp_path / "a.json").read_text() != (tmp_path / "b.json").read_text()
    code, out, err = run(["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json")], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "No differences."


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("new-error", 1), ("new-warning", 1)])
def test_fail_on(files: tuple[Path, Path], fail_on: str, code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", *map(str, files), "--fail-on", fail_on], capsys)[0] == code


def test_fail_on_warning_only_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Removing the evaluation gate brings a warning, no error: new-error passes, new-warning fails."""
    old = reference().build()
    new = old.clone()
    del new.components["ev"]
    new.links = {k: link for k, link in new.links.items() if "ev" not in (link.source, link.target)}
    new.links["bypass"] = Link(id="bypass", source="m", target="dep")
    save_design(old, tmp_path / "old.json", backup=False)
    save_design(new, tmp_path / "new.json", backup=False)
    args = ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]
    assert run(args, capsys)[0] == 0
    assert run([*args, "--fail-on", "new-warning"], capsys)[0] == 1
    # the other way round the change resolves the warning: nothing new
    assert run(["diff", args[2], args[1], "--fail-on", "new-warning"], capsys)[0] == 0


def test_json(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", *map(str, files), "--format", "json"], capsys)
    data = json.loads(out)
    assert list(data) == ["old", "new", "name", "components", "links", "notes", "groups", "settings", "findings"]
    assert [c["id"] for c in data["components"]["added"]] == ["m2"]
    assert [c["id"] for c in data["components"]["removed"]] == ["ev"]
    (changed,) = data["components"]["changed"]
    assert changed["changes"] == [
        {"field": "label", "old": "Ranker", "new": "Ranking model"},
        {"field": "property", "key": "latency_ms", "old": 20, "new": 25},
    ]
    assert sorted(data["components"]["moved"]) == ["app", "cl", "mon"]
    assert {(link["source"], link["target"]) for link in data["links"]["added"]} == {("m", "dep"), ("train", "m2")}
    assert list(data["findings"]) == ["introduced", "resolved", "still_there"]
    assert {f["rule"] for f in data["findings"]["introduced"]} >= {"model.unevaluated", "model.unmonitored"}
    assert list(data["findings"]["introduced"][0]) == [
        "rule",
        "severity",
        "message",
        "components",
        "links",
        "suppressed",
        "reason",
    ]


def _inline_texts(tokens: list) -> list[str]:  # type: ignore[type-arg]
    return [t.content for t in tokens if t.type == "inline"]


def test_markdown_parses_as_tables_with_the_labels_intact(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["diff", *map(str, files), "--format", "markdown"], capsys)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("old.json") or "old.json" in headings[0]
    assert headings[1:4] == ["Findings introduced", "Findings resolved", "Components"] or headings[1:3] == [
        "Findings introduced",
        "Components",
    ]
    assert headings.index("Findings introduced") < headings.index("Components")
    # every table row has as many cells as its header
    rows: list[int] = []
    for t in tokens:
        if t.type == "tr_open":
            rows.append(0)
        elif t.type in ("th_open", "td_open"):
            rows[-1] += 1
    assert rows and all(n in (3, 4, 5, 6) for n in rows)
    # the hostile label comes through as text: no HTML, link, code, emphasis or strike-through
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    children = [c for t in tokens if t.type == "inline" for c in (t.children or [])]
    assert {c.type for c in children} <= {"text", "code_inline", "softbreak", "strong_open", "strong_close"}
    assert {c.content for c in children if c.type == "code_inline"} <= {
        "model.unevaluated",
        "model.unmonitored",
        "model.not-served",
        "model.no-business-objective",
        "model.no-update-loop",
        "feedback.degenerate-loop",
        "slo.latency-unknown",
        "design.figure-coverage",
    }
    rendered = parser.render(out)
    assert "<b>" not in rendered and "<a " not in rendered and "<em>" not in rendered
    cells = [c.replace(WORD_JOINER, "") for c in _inline_texts(tokens)]
    plain = [MarkdownIt("commonmark").renderInline(c) for c in cells]  # unescape, as a page shows it
    import html

    assert html.escape(HOSTILE, quote=False) in [p.replace(WORD_JOINER, "") for p in plain]
    assert "@oncall" not in out  # no notification


def test_markdown_without_differences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_design(reference().build(), tmp_path / "a.json", backup=False)
    code, out, _ = run(["diff", str(tmp_path / "a.json"), str(tmp_path / "a.json"), "--format", "markdown"], capsys)
    assert (code, out) == (0, f"### {tmp_path / 'a.json'}\n\nNo differences.\n".replace("_", "\\_").replace("~", "\\~"))


def test_dev_null_is_no_design(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = files
    code, out, err = run(["diff", os.devnull, str(old)], capsys)
    assert err == "" and code == 0  # the clean reference design, added
    assert "Components: 15 added:" in out and "Name:" not in out
    code, out, _ = run(["diff", str(old), os.devnull, "--format", "json"], capsys)
    assert len(json.loads(out)["components"]["removed"]) == 15


# --- bad input ---------------------------------------------------------------------------------


def test_bad_files_one_sentence_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pkg.json").write_text('{"name": "a package"}')
    code, out, err = run(["diff", str(tmp_path / "missing.json"), str(tmp_path / "pkg.json")], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"ml-canvas: {tmp_path / 'missing.json'}: no such file\n"
        f'ml-canvas: {tmp_path / "pkg.json"}: this is not an ML System Canvas design (no "format" field; '
        'expected "ml-canvas")\n'
    )


def test_one_design_is_not_enough(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_design(reference().build(), tmp_path / "a.json", backup=False)
    assert run(["diff", str(tmp_path / "a.json")], capsys) == (
        2,
        "",
        "ml-canvas: diff needs two designs: OLD and NEW (or --textconv FILE for git)\n",
    )
    assert run(["diff", "--textconv", str(tmp_path / "a.json"), str(tmp_path / "a.json")], capsys)[0] == 2


# --- git ---------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two commits of designs/app.json: the reference, then the change."""
    root = tmp_path / "repo"
    (root / "designs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    old, new = changed_reference()
    save_design(old, root / "designs" / "app.json", backup=False)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "reference")
    save_design(new, root / "designs" / "app.json", backup=False)
    git(root, "commit", "-q", "-am", "change")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    return root


def test_rev_path(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", "HEAD~1:designs/app.json", "HEAD:designs/app.json", "--format", "json"], capsys)
    assert err == "" and code == 1
    data = json.loads(out)
    assert (data["old"], data["new"]) == ("HEAD~1:designs/app.json", "HEAD:designs/app.json")
    assert [c["id"] for c in data["components"]["added"]] == ["m2"]
    # REV:PATH against the working tree's file, and from a sub-folder with REV:./PATH
    assert run(["diff", "HEAD~1:designs/app.json", "designs/app.json", "--fail-on", "never"], capsys)[0] == 0
    os.chdir(repo / "designs")
    code, out, _ = run(["diff", "HEAD~1:./app.json", "HEAD:designs/app.json", "--format", "json"], capsys)
    assert json.loads(out)["components"]["removed"][0]["id"] == "ev"


@pytest.mark.parametrize(
    ("spec", "sentence"),
    [
        ("nosuchrev:designs/app.json", "there is no revision 'nosuchrev' in this repository"),
        (
            "HEAD:designs/gone.json",
            "there is no file 'designs/gone.json' in revision 'HEAD' (paths start at the repository's top folder)",
        ),
        ("HEAD:designs", "'designs' is a folder in revision 'HEAD', not a design file"),
        ("HEAD:", "no path after the colon (write REV:PATH, e.g. HEAD:designs/app.json)"),
        ("--output=x:y", "'--output=x' is not a revision"),
        (
            ":designs/new.json",
            "there is no file 'designs/new.json' in the index (paths start at the repository's top folder)",
        ),
    ],
)
def test_bad_revisions(repo: Path, spec: str, sentence: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "--", spec, "designs/app.json"], capsys) == (2, "", f"ml-canvas: {spec}: {sentence}\n")


def test_bad_design_at_a_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "designs" / "app.json").write_text("{broken")
    git(repo, "commit", "-q", "-am", "broken")
    code, _, err = run(["diff", "HEAD:designs/app.json", "HEAD~1:designs/app.json"], capsys)
    assert (code, err) == (
        2,
        "ml-canvas: HEAD:designs/app.json: not valid JSON: Expecting property name enclosed "
        "in double quotes at line 1, column 2\n",
    )


def test_not_a_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert run(["diff", "HEAD:a.json", "HEAD:b.json"], capsys) == (
        2,
        "",
        (
            f"ml-canvas: HEAD:a.json: the current folder ({folder}) is not in a git repository\n"
            f"ml-canvas: HEAD:b.json: the current folder ({folder}) is not in a git repository\n"
        ),
    )


def test_a_file_with_a_colon_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    save_design(reference().build(), tmp_path / "v1:app.json", backup=False)
    assert run(["diff", "v1:app.json", "v1:app.json"], capsys)[:2] == (
        0,
        "v1:app.json → v1:app.json\nNo differences.\n",
    )


def test_markdown_titles(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pull request's base against its head is titled by the file; an added file says so."""

    def title(*args: str) -> str:
        return run(["diff", *args, "--format", "markdown"], capsys)[1].splitlines()[0]

    assert title("HEAD~1:designs/app.json", "designs/app.json") == "### designs/app.json"
    assert title(os.devnull, "designs/app.json") == "### designs/app.json (added)"
    assert title("HEAD~1:designs/app.json", os.devnull) == "### designs/app.json (deleted)"
