"""Fingerprints of files (changed on disk or not) and the comparison shown before a restore."""

from __future__ import annotations

import os
from pathlib import Path

from canvas.core.model import Component, Design, Link, RuleSetting
from canvas.io.design_diff import compare_text, summary, unified
from canvas.io.fingerprint import fingerprint, has_changed


def test_fingerprint_of_missing_file_is_none(tmp_path: Path) -> None:
    assert fingerprint(tmp_path / "nope.json") is None
    assert fingerprint(tmp_path) is None  # a folder is not a file
    assert not has_changed(tmp_path / "nope.json", None)


def test_content_change_is_noticed_touch_is_not(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    f.write_text("one")
    known = fingerprint(f)
    assert known is not None and known.size == 3 and len(known.sha256) == 64
    assert not has_changed(f, known)
    os.utime(f, ns=(known.mtime_ns + 5_000_000_000, known.mtime_ns + 5_000_000_000))
    assert not has_changed(f, known)  # same bytes, new time
    f.write_text("two")  # same size, other bytes
    assert has_changed(f, known)
    f.unlink()
    assert has_changed(f, known)  # gone
    f.write_text("new")
    assert has_changed(f, None)  # appeared


def test_same_size_same_mtime_is_trusted(tmp_path: Path) -> None:
    """The cheap path: equal stat fields mean unchanged without reading the file."""
    f = tmp_path / "d.json"
    f.write_text("aaa")
    known = fingerprint(f)
    assert known is not None
    f.write_text("bbb")
    os.utime(f, ns=(known.mtime_ns, known.mtime_ns))
    assert not has_changed(f, known)


def _pair() -> tuple[Design, Design]:
    old = Design(name="Old")
    for cid in ("a", "b", "c"):
        old.components[cid] = Component(id=cid, kind="model", label=cid)
    old.links["l1"] = Link(id="l1", source="a", target="b")
    new = old.clone()
    new.name = "New"
    del new.components["c"]
    new.components["a"] = Component(id="a", kind="model", label="A renamed")
    new.components["d"] = Component(id="d", kind="monitoring", label="d")
    new.components["e"] = Component(id="e", kind="monitoring", label="e")
    new.links["l2"] = Link(id="l2", source="a", target="d")
    new.settings.rules["model.unmonitored"] = RuleSetting(enabled=False)
    return old, new


def test_summary_counts() -> None:
    old, new = _pair()
    assert summary(old, new) == [
        "Components: 2 added ('d', 'e'), 1 removed ('c'), 1 changed ('A renamed').",
        "Links: 1 added ('A renamed' → 'd'), 0 removed, 0 changed.",
        "Name: “Old” became “New”.",
        "Rule settings differ.",
    ]
    assert summary(old, old) == ["Components: no differences.", "Links: no differences."]


def test_summary_names_a_few_and_counts_the_rest() -> None:
    old = Design(name="D")
    new = old.clone()
    for i in range(5):
        new.components[f"m{i}"] = Component(id=f"m{i}", kind="model", label=f"M{i}")
    assert summary(old, new)[0] == "Components: 5 added ('M0', 'M1', 'M2' and 2 more), 0 removed, 0 changed."


def test_unified_diff_of_saved_files() -> None:
    old, new = _pair()
    text = unified(old, new, "on disk", "recovered")
    lines = text.splitlines()
    assert lines[0] == "--- on disk" and lines[1] == "+++ recovered"
    assert '+      "label": "A renamed",' in lines
    assert any(line.startswith("-") and '"id": "c"' in line for line in lines)
    assert unified(old, old, "a", "b") == "The two versions are identical."
    full = compare_text(old, new, "on disk", "recovered")
    assert full.startswith("Components: 2 added") and "+++ recovered" in full


def test_huge_diffs_are_cut() -> None:
    old = Design()
    new = Design()
    for i in range(2000):
        new.components[f"c{i}"] = Component(id=f"c{i}", kind="model", label=str(i))
    text = unified(old, new, "a", "b")
    assert text.splitlines()[-1].endswith("more lines not shown")
    assert len(text.splitlines()) == 4001
