"""Report layer: SARIF 2.1.0 for GitHub code scanning.

Each finding points at the line of its first component's ``"id"`` in the design file, so
code scanning annotates the right place in a pull request's diff.
"""

from __future__ import annotations

import json
import re

from canvas import __version__
from canvas.core.rules import RULES, Finding
from canvas.reports import FileResult

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _line_index(text: str) -> dict[str, int]:
    """Line number (1-based) of each ``"id": "..."`` in the file's text."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        m = re.search(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"', line)
        if m:
            lines.setdefault(json.loads(f'"{m.group(1)}"'), number)
    return lines


def _result(f: Finding, r: FileResult, rule_index: dict[str, int], lines: dict[str, int]) -> dict[str, object]:
    anchor = (f.components or f.links or ("",))[0]
    location: dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": {"uri": r.path.replace("\\", "/")},
            "region": {"startLine": lines.get(anchor, 1)},
        }
    }
    logical = [{"name": cid, "kind": "component"} for cid in f.components]
    logical += [{"name": lid, "kind": "link"} for lid in f.links]
    if logical:
        location["logicalLocations"] = logical
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": _LEVEL[f.severity.value],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"mlCanvasFinding/v1": f"{f.rule}:{','.join(f.components)}:{','.join(f.links)}"},
    }
    if f.suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": f.reason or ""}]
    return result


def render_sarif(results: list[FileResult]) -> str:
    rule_index = {rule.id: i for i, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "name": rule.id.replace(".", "_").replace("-", "_"),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.explanation},
            "help": {"text": rule.hint},
            "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
            "properties": {"figureBox": rule.box_title, "chapter": rule.chapter, "tags": ["ml-system-design"]},
        }
        for rule in RULES
    ]
    sarif_results = []
    for r in results:
        lines = _line_index(r.text)
        sarif_results += [_result(f, r, rule_index, lines) for f in r.findings]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ml-canvas",
                        "fullName": "ML System Canvas completeness checker",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "artifacts": [{"location": {"uri": r.path.replace("\\", "/")}} for r in results],
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
