"""Report layer: JUnit XML — one test suite per file, one test case per rule.

A rule with unsuppressed findings at or above ``fail_on`` fails its case; a rule the
design disables is reported as skipped; suppressed findings are listed in system-out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from canvas.core.model import Severity
from canvas.core.rules import RULES
from canvas.reports import FileResult


def render_junit(results: list[FileResult], fail_on: Severity | None = Severity.ERROR) -> str:
    suites = ET.Element("testsuites", name="ml-canvas check")
    total_tests = total_failures = total_skipped = 0
    for r in results:
        suite = ET.SubElement(suites, "testsuite", name=r.path)
        tests = failures = skipped = 0
        for rule in RULES:
            tests += 1
            case = ET.SubElement(suite, "testcase", classname=r.path, name=rule.id)
            setting = r.design.settings.rules.get(rule.id)
            if setting is not None and not setting.enabled:
                skipped += 1
                ET.SubElement(case, "skipped", message="rule disabled in the design's settings")
                continue
            found = [f for f in r.findings if f.rule == rule.id]
            failing = [f for f in found if not f.suppressed and fail_on is not None and f.severity.rank <= fail_on.rank]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", message=failing[0].message, type=failing[0].severity.value)
                failure.text = "\n".join(f"[{f.severity.value}] {f.message}" for f in failing)
            others = [f for f in found if f not in failing]
            if others:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(
                    f"[{f.severity.value}{', suppressed: ' + (f.reason or '') if f.suppressed else ''}] {f.message}"
                    for f in others
                )
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        total_tests += tests
        total_failures += failures
        total_skipped += skipped
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    suites.set("errors", "0")
    suites.set("skipped", str(total_skipped))
    for element in suites.iter():
        element.text = _xml_safe(element.text)
        for key, value in element.attrib.items():
            element.set(key, _xml_safe(value) or "")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


#: Characters XML 1.0 cannot hold at all, even escaped (a design's text may: JSON allows them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str | None) -> str | None:
    return None if text is None else _NOT_XML.sub("\ufffd", text)
