"""One input file after checking: its scored evaluation and findings, or why it could not be read.

The value every later stage takes (summaries, layout, the batch): made by ``pipeline.check_file``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.audit.findings import Finding, Severity
from docgen.errors import InputError
from docgen.inputs.records import SELF
from docgen.scoring.score import ScoredEvaluation


@dataclass(frozen=True, slots=True)
class Checked:
    """One input file after checking: its scored evaluation and findings, or why it could not be read."""

    source: str
    scored: ScoredEvaluation | None = None
    findings: tuple[Finding, ...] = ()
    error: InputError | None = None
    profile: str = ""  # the profile chosen for it once, when it was checked (its 模板, or --profile)
    stage: str = SELF  # the form it was checked as: 申报, 监控 or 自评 (--stage, else the latest the file reaches)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def refused_by_strict(self) -> bool:
        """``--strict`` holds the file back: an error, or a declared figure the table would print that
        differs from docgen's even by rounding (ROUNDING_DIFF: every printed difference counts)."""
        return bool(self.count(Severity.ERROR)) or any(f.code in PRINTED_DIFFERENCES for f in self.findings)


PRINTED_DIFFERENCES = {"ROUNDING_DIFF"}  # the errors among the differences are refused as errors
