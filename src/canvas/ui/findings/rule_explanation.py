"""UI layer: the "Explain rule…" dialog — what a rule checks, why it matters, how to fix it.

The text comes from the rule registry (``Rule.explanation``, ``Rule.hint``, box and
chapter), so the dialog, ``ml-canvas rules`` and the docs never disagree.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from canvas.core.rules import Finding, Rule


BOOK = "<i>Designing Machine Learning Systems</i> (Chip Huyen, O'Reilly 2022)"


def explanation_html(rule: Rule, finding: Finding | None = None) -> str:
    """The dialog's text as HTML; ``finding`` adds the occurrence the user asked about."""
    sev = rule.severity.value
    chapter = rule.chapter
    where = "chapters" if ("–" in chapter or "," in chapter) else "chapter"
    parts = [
        f"<h3 style='margin-bottom:2px'>{escape(rule.title)}</h3>",
        f"<p style='color:gray;margin-top:0'><code>{escape(rule.id)}</code> · default severity {sev}</p>",
    ]
    if finding is not None:
        parts.append(f"<p><b>This finding:</b> {escape(finding.message)}</p>")
        if finding.suppressed:
            parts.append(f"<p><b>Suppressed:</b> {escape(finding.reason or '')}</p>")
    parts += [
        "<h4>What it checks</h4>",
        f"<p>{escape(rule.explanation)}</p>",
        "<h4>Why it matters</h4>",
        f"<p>Figure 1-1 box <b>{escape(rule.box_title)}</b>, {where} {escape(chapter)} of {BOOK}.</p>",
        "<h4>How to fix it</h4>",
        f"<p>{escape(rule.hint)}</p>",
        "<p style='color:gray'>If the design is right as it is, suppress the finding on its component "
        "with a reason (right-click it in the Findings panel), or change the rule in "
        "Design&nbsp;▸&nbsp;Rule settings.</p>",
    ]
    return "".join(parts)


class RuleExplanationDialog(QDialog):
    """A read-only explanation of one rule."""

    def __init__(self, rule: Rule, finding: Finding | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.setWindowTitle(f"Rule {rule.id}")
        self.resize(480, 420)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(explanation_html(rule, finding))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
