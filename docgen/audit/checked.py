"""One input file after checking: its scored evaluation and findings, or why it could not be read.

The value every later stage takes (summaries, layout, the batch): made by ``pipeline.check_file``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.audit.findings import Finding, Severity
from docgen.errors import InputError
from docgen.scoring.score import ScoredEvaluation


@dataclass(frozen=True)
class Checked:
    """One input file after checking: its scored evaluation and findings, or why it could not be read."""

    source: str
    scored: ScoredEvaluation | None = None
    findings: tuple[Finding, ...] = ()
    error: InputError | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)
