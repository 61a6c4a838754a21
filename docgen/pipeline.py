"""The pipeline in one screen: load → score → audit (and, later, layout → paint) for each input file."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.audit.checks import audit
from docgen.audit.findings import Finding, Severity
from docgen.errors import InputError, Problem, Where
from docgen.inputs.load import find_inputs, load_evaluation
from docgen.scoring.score import ScoredEvaluation, score


@dataclass(frozen=True)
class Checked:
    """One input file after checking: its scored evaluation and findings, or why it could not be read."""

    source: str
    scored: ScoredEvaluation | None = None
    findings: tuple[Finding, ...] = ()
    error: InputError | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


def check_file(path: str) -> Checked:
    """Load, score and audit one file; a file that cannot be read is returned with its error."""
    try:
        evaluation = load_evaluation(path)  # YAML → records with file:line
    except InputError as error:
        return Checked(path, error=error)
    except RecursionError:
        return Checked(path, error=InputError([Problem(Where(path), "文件嵌套层次过深，无法读取：请检查缩进。")]))
    scored = score(evaluation)  # the rules of 财预〔2020〕10号
    findings = tuple(audit(scored))  # what a reviewer would point out
    return Checked(path, scored, findings)


def check_paths(paths: list[str]) -> list[Checked]:
    """Check every evaluation file under the given paths; one bad file never stops the others."""
    return [check_file(path) for path in find_inputs(paths)]
