"""Fuzzing the loader, the checker and ``ml-canvas check`` with hypothesis.

The only allowed outcomes for any bytes are a loaded design (which the checker then runs
on without error) or the one-sentence DesignLoadError — never another exception, a hang
or a traceback.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.core.catalog import KIND_IDS
from canvas.core.rules import run_checks
from canvas.io import DesignLoadError, dump_design, parse_design

pytestmark = pytest.mark.slow


def base_file() -> dict[str, Any]:
    """A valid design using every kind, with properties, suppressions and settings."""
    comps = []
    for i, kind in enumerate(KIND_IDS):
        props: dict[str, Any] = {"latency_ms": i, "monthly_cost": 10 * i, "note": {"free": [1, "x", None]}}
        if kind == "business_requirement":
            props |= {"latency_slo_ms": 50, "monthly_budget": 100, "ml_fit": {"learn": True, "cheap_mistakes": False}}
        if kind == "deployment":
            props["mode"] = "online"
        comps.append(
            {
                "id": f"c{i}",
                "kind": kind,
                "label": kind,
                "position": {"x": i * 10, "y": 0},
                "properties": props,
                "suppressions": [{"rule": "model.unmonitored", "reason": "r"}],
            }
        )
    links = [
        {"id": f"l{i}", "source": f"c{i}", "target": f"c{(i + 1) % len(comps)}", "label": ""} for i in range(len(comps))
    ]
    return {
        "format": "ml-canvas",
        "schema_version": 1,
        "name": "fuzz",
        "components": comps,
        "links": links,
        "settings": {"rules": {"design.figure-coverage": {"enabled": False, "severity": "warning"}}},
    }


BASE = base_file()
BASE_TEXT = json.dumps(BASE)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, prefix + (i,))
    return out


ALL_PATHS = paths(BASE)


def outcome(data: bytes | str) -> str:
    try:
        design = parse_design(data, "fuzz.json")
    except DesignLoadError as exc:
        message = str(exc)
        assert message.startswith("fuzz.json: ") and "\n" not in message
        return "refused"
    run_checks(design)
    dump_design(design)
    return "loaded"


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json(value: Any) -> None:
    outcome(json.dumps(value))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_valid_file(data: st.DataObject) -> None:
    raw = copy.deepcopy(BASE)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(ALL_PATHS))
        parent: Any = raw
        try:
            for key in path[:-1]:
                parent = parent[key]
            leaf = path[-1]
            action = data.draw(st.sampled_from(["delete", "retype", "duplicate"]))
            if action == "delete":
                del parent[leaf]
            elif action == "retype":
                parent[leaf] = data.draw(json_values)
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[leaf]))
            else:
                parent[f"{leaf}_copy"] = copy.deepcopy(parent[leaf])
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    outcome(json.dumps(raw))


@settings(max_examples=800, deadline=None)
@given(st.integers(0, len(BASE_TEXT)), st.binary(max_size=8))
def test_truncated_and_corrupted_bytes(cut: int, junk: bytes) -> None:
    data = BASE_TEXT.encode()
    outcome(data[:cut])
    outcome(data[:cut] + junk + data[cut:])


def test_valid_base_loads() -> None:
    assert outcome(BASE_TEXT) == "loaded"


def test_cli_never_prints_a_traceback(tmp_path: Path) -> None:
    """200 mutated files through the real console command in one run."""
    import random

    rng = random.Random(7)
    files = []
    for i in range(200):
        raw = copy.deepcopy(BASE)
        path = rng.choice(ALL_PATHS)
        parent: Any = raw
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = rng.choice([None, "x", -1, [], {}, True, 1e308, "\u0000"])
        except (KeyError, IndexError, TypeError):
            pass
        text = json.dumps(raw)
        if i % 5 == 0:
            text = text[: rng.randrange(len(text))]
        f = tmp_path / f"f{i}.json"
        f.write_text(text)
        files.append(str(f))
    exe = Path(sys.executable).with_name("ml-canvas")
    for fmt in ("text", "json", "sarif", "junit"):
        proc = subprocess.run([str(exe), "check", *files, "--format", fmt], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 2  # some files are invalid
        assert "Traceback" not in proc.stderr
        for line in proc.stderr.splitlines():
            assert line.startswith("ml-canvas: ") and ".json: " in line
