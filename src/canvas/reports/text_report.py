"""Report layer: the human-readable ``check`` output, grouped by file and severity, with the
fix under each finding."""

from __future__ import annotations

from canvas.core.model import Severity
from canvas.core.rules import RULES_BY_ID
from canvas.core.wording import plain
from canvas.reports import FileResult

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "dim": "\033[2m", "bold": "\033[1m"}
_RESET = "\033[0m"
_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def render_text(results: list[FileResult], colour: bool = False) -> str:
    def c(style: str, text: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if colour else text

    lines: list[str] = []
    for r in results:
        counts = r.summary
        total = ", ".join(_plural(counts[k], k) for k in ("error", "warning", "info"))
        lines.append(c("bold", f"{plain(r.path)}: {plain(r.design.name)} — {total}"))
        for sev in Severity:
            group = [f for f in r.findings if f.severity is sev]
            if not group:
                continue
            lines.append(f"  {c(sev.value, _HEADINGS[sev.value])}")
            for f in group:
                if f.suppressed:
                    lines.append(c("dim", f"    {f.rule}: {f.message} (suppressed: {f.reason})"))
                else:
                    lines.append(f"    {c(sev.value, f.rule)}: {f.message}")
                rule = RULES_BY_ID.get(f.rule)
                if rule is not None:
                    lines.append(c("dim", f"      fix: {rule.hint}"))
        if not r.findings:
            lines.append("  No findings.")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if word == "info" or n == 1 else f"{n} {word}s"
