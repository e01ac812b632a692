"""Report layer: the ``ml-canvas diff`` command (headless, no Qt).

``diff OLD NEW`` compares two designs — files, ``REV:PATH`` in git, or ``/dev/null`` for an
added or deleted file — and exits like ``check``: 0, 1 when the change brings a finding at
the ``--fail-on`` level (default ``new-error``), 2 for bad input, said in one sentence.

``diff --textconv FILE`` is for git (``diff.ml-canvas.textconv``): it prints the design as
sorted lines (``canvas.reports.textconv``) and always exits 0 for a file git can read, so a
``git diff`` never stops at a file that is not a design (it prints such a file unchanged) or
at a broken one (printed unchanged under a first line saying what is wrong).
"""

from __future__ import annotations

import argparse
import sys

from canvas.core.diff import diff_designs
from canvas.core.model import Design, Severity
from canvas.core.rules import run_checks
from canvas.io import DesignLoadError, parse_design
from canvas.io.sources import looks_like_design, read_source

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
#: ``--fail-on``: the level at which a finding the change brings fails it.
FAIL_ON = {"new-error": Severity.ERROR, "new-warning": Severity.WARNING, "never": None}


def run_diff(args: argparse.Namespace) -> int:
    if args.textconv:
        if args.new is not None:
            return _fail("diff --textconv takes one file (git passes it), not two")
        return _textconv(args.old)
    if args.new is None:
        return _fail("diff needs two designs: OLD and NEW (or --textconv FILE for git)")
    designs: list[Design | None] = []
    for spec in (args.old, args.new):
        try:
            designs.append(read_source(spec).design())
        except DesignLoadError as exc:
            print(f"ml-canvas: {exc}", file=sys.stderr)
    if len(designs) < 2:
        return EXIT_BAD_INPUT
    old, new = designs
    # A missing side is an empty design with the other's name, so the name is no change.
    name = (new or old or Design()).name
    diff = diff_designs(old or Design(name=name), new or Design(name=name))
    if args.format == "json":
        from canvas.reports.diff_report import render_diff_json

        out = render_diff_json(diff, args.old, args.new)
    elif args.format == "markdown":
        from canvas.reports.diff_markdown import render_diff_markdown

        out = render_diff_markdown(diff, args.old, args.new)
    else:
        from canvas.reports.diff_report import render_diff_text

        out = render_diff_text(diff, args.old, args.new)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    level = FAIL_ON[args.fail_on]
    return EXIT_FINDINGS if level is not None and diff.findings.new_problems(level) else EXIT_OK


def _textconv(spec: str) -> int:
    from canvas.reports.textconv import render_textconv

    try:
        data = read_source(spec).data or b""
    except DesignLoadError as exc:
        return _fail(str(exc))
    try:
        design = parse_design(data, spec)
    except DesignLoadError as exc:
        head = f"ml-canvas: {exc}\n".encode() if looks_like_design(data) else b""
        _write_bytes(head + data)
        return EXIT_OK
    _write_bytes(render_textconv(design, run_checks(design)).encode("utf-8"))
    return EXIT_OK


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _fail(message: str) -> int:
    print(f"ml-canvas: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
