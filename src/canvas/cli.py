"""The ``ml-canvas`` command: the GUI by default, headless subcommands otherwise.

``check``, ``diff``, ``schema``, ``rules``, ``templates``, ``new`` and ``export`` to Mermaid
(``.mmd``) never import Qt; ``export`` to an image imports it with the offscreen platform set
by the command itself. Every failure is one sentence on stderr and an exit code (0 clean,
1 findings, 2 bad input), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
SUBCOMMANDS = ("check", "diff", "export", "schema", "rules", "templates", "new")


def version() -> str:
    """The installed distribution's version (package metadata), frozen or not."""
    try:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version

        return dist_version("ml-canvas")
    except PackageNotFoundError:
        from canvas import __version__

        return __version__


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one sentence (argparse's own code is 2 too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"ml-canvas: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ml-canvas",
        usage="ml-canvas [FILE] [--template NAME]\n       ml-canvas COMMAND ...",
        description="Design ML systems and check them for completeness. With no command, opens the "
        "editor: on FILE, on a shipped template (--template NAME; see 'ml-canvas templates'), or empty.",
        epilog="Run 'ml-canvas COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"ml-canvas {version()}")
    sub = parser.add_subparsers(
        dest="command", title="commands", metavar="COMMAND", prog="ml-canvas", parser_class=_Parser
    )

    check = sub.add_parser("check", help="check design files and report findings")
    check.add_argument("files", nargs="+", metavar="FILE", help="design files to check")
    check.add_argument(
        "--format",
        choices=("text", "json", "sarif", "junit"),
        default="text",
        help="text for people (default), json for scripts, sarif for GitHub code scanning, junit for CI test reports",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="exit 1 when an unsuppressed finding is at or above this severity (default: error); "
        "never: exit 0 whatever is found (bad input still exits 2)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output")
    check.add_argument(
        "--only-designs",
        action="store_true",
        help='skip files that do not say "format": "ml-canvas" (other JSON) instead of refusing them',
    )

    diff = sub.add_parser("diff", help="what changed between two designs, and the findings introduced and resolved")
    diff.add_argument("old", metavar="OLD", help="a design file, REV:PATH (read from git) or /dev/null")
    diff.add_argument("new", metavar="NEW", nargs="?", help="the same; left out with --textconv")
    diff.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text for people (default), json for scripts, markdown for a pull-request comment",
    )
    diff.add_argument(
        "--fail-on",
        choices=("new-error", "new-warning", "never"),
        default="new-error",
        help="exit 1 when the change brings an unsuppressed finding at this level (default new-error)",
    )
    diff.add_argument("--textconv", action="store_true", help="print one design as sorted lines, for git diff")

    export = sub.add_parser("export", help="render a design to PNG, SVG, PDF or Mermaid (.mmd) (no display needed)")
    export.add_argument("file", metavar="FILE")
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    from canvas.export.options import DEFAULT_MARGIN, DEFAULT_SCALE  # plain data: no Qt is imported

    export.add_argument(
        "--scale",
        type=float,
        default=None,
        help=(
            f"PNG pixels per design unit (0.1–8); without it {DEFAULT_SCALE:g}, "
            "or the largest PNG that fits the size limits"
        ),
    )
    export.add_argument("--transparent", action="store_true", help="transparent background (PNG, SVG)")
    export.add_argument("--no-findings", action="store_true", help="leave out the findings outlines")
    export.add_argument("--margin", type=float, default=DEFAULT_MARGIN, metavar="PX", help="margin around the design")

    sub.add_parser("schema", help="print the JSON Schema of the design file format")
    rules = sub.add_parser("rules", help="list the checker's rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_parser("templates", help="list the shipped templates")
    new = sub.add_parser("new", help="create a design file from a template")
    new.add_argument("--template", required=True, metavar="NAME")
    new.add_argument("-o", "--output", required=True, metavar="FILE")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The app uses no pydantic plugin: skip their discovery, which reads every installed
    # package's metadata when the first model is built (a user's own setting wins).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        return _gui(args_list)
    args = _build_parser().parse_args(args_list)
    try:
        return {
            "check": _check,
            "diff": _diff,
            "export": _export,
            "schema": _schema,
            "rules": _rules,
            "templates": _templates,
            "new": _new,
        }[args.command](args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _gui(args: list[str]) -> int:
    gui = _Parser(prog="ml-canvas", description="Open the ML System Canvas editor.")
    gui.add_argument("file", nargs="?", metavar="FILE", help="a design file to open")
    gui.add_argument("--template", metavar="NAME", help="start from a shipped template")
    ns = gui.parse_args(args)
    from canvas.ui.app import run_gui

    return run_gui(ns.file, template=ns.template)


def _fail(message: str) -> int:
    print(f"ml-canvas: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _check(args: argparse.Namespace) -> int:
    from canvas.core.model import Severity
    from canvas.core.rules import run_checks
    from canvas.io import DesignLoadError, parse_design
    from canvas.io.load import read_design_bytes
    from canvas.io.sources import looks_like_design
    from canvas.reports import FileResult

    results: list[FileResult] = []
    bad = False
    for name in args.files:
        try:
            data = read_design_bytes(name)
            if args.only_designs and not looks_like_design(data):
                continue
            design = parse_design(data, name)
        except DesignLoadError as exc:
            print(f"ml-canvas: {exc}", file=sys.stderr)
            bad = True
            continue
        text = data.decode("utf-8", errors="replace")
        results.append(FileResult(name, design, run_checks(design), text))
    fail_on = None if args.fail_on == "never" else Severity(args.fail_on)
    if args.format == "json":
        from canvas.reports.json_report import render_json

        out = render_json(results)
    elif args.format == "sarif":
        from canvas.reports.sarif import render_sarif

        out = render_sarif(results)
    elif args.format == "junit":
        from canvas.reports.junit import render_junit

        out = render_junit(results, fail_on)
    else:
        from canvas.reports.text_report import render_text

        colour = args.color == "always" or (
            args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        )
        out = render_text(results, colour=colour) if results else ""
    if out:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if bad:
        return EXIT_BAD_INPUT
    if fail_on is not None:
        for r in results:
            if any(not f.suppressed and f.severity.rank <= fail_on.rank for f in r.findings):
                return EXIT_FINDINGS
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from canvas.reports.diff_command import run_diff

    return run_diff(args)


def _export(args: argparse.Namespace) -> int:
    if Path(args.output).suffix.lower() != ".mmd":  # Mermaid is text: no Qt, no offscreen platform
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from canvas.export.command import run_export
    except ImportError:
        return _fail("export is not available in this build (the export module is missing)")
    return run_export(args)


def _schema(args: argparse.Namespace) -> int:
    from canvas.io.schema import design_json_schema

    print(json.dumps(design_json_schema(), indent=2))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from canvas.core.rules import RULES

    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "severity": r.severity.value,
                        "box": r.box_title,
                        "chapter": r.chapter,
                        "title": r.title,
                        "hint": r.hint,
                        "explanation": r.explanation,
                    }
                    for r in RULES
                ],
                indent=2,
            )
        )
        return EXIT_OK
    width = max(len(r.id) for r in RULES)
    print(f"{'RULE':<{width}}  {'SEVERITY':<8}  {'CH.':<5}  {'FIGURE 1-1 BOX':<42}  TITLE")
    for r in RULES:
        print(f"{r.id:<{width}}  {r.severity.value:<8}  {r.chapter:<5}  {r.box_title:<42}  {r.title}")
    return EXIT_OK


def _templates(args: argparse.Namespace) -> int:
    import textwrap

    from canvas.templates import list_templates

    for t in list_templates():
        print(f"{t.name:<22} {t.title} ({t.components} components)")
        if t.description:
            print(
                textwrap.fill(
                    t.description, width=96, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
                )
            )
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from canvas.io import DesignSaveError, save_design
    from canvas.templates import load_template

    out = Path(args.output)
    if out.exists() and not args.force:
        return _fail(f"{out}: the file already exists (use --force to overwrite it)")
    try:
        design = load_template(args.template)
    except KeyError as exc:
        return _fail(str(exc.args[0]))
    try:
        save_design(design, out, backup=False)
    except DesignSaveError as exc:
        return _fail(str(exc))
    print(f"Created {out} from the '{args.template}' template.")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
