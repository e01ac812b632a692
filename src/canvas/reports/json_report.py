"""Report layer: the ``check --format json`` object, exactly the documented shape."""

from __future__ import annotations

import json

from canvas.reports import FileResult


def render_json(results: list[FileResult]) -> str:
    return json.dumps(
        {
            "files": [
                {
                    "path": r.path,
                    "findings": [f.to_json() for f in r.findings],
                    "summary": r.summary,
                }
                for r in results
            ]
        },
        indent=2,
        ensure_ascii=False,
    )
