"""The whole pipeline for one file, in one screen: load → score → audit → choose the profile → lay out
→ paint. ``docgen check``, the batch (``render/``), the benchmark and the tests all call it; nobody
re-assembles it by hand.

Input: an evaluation file's path. Output: ``Checked`` (its scored evaluation and findings, or why it
could not be read), and with ``render_file`` the documents painted from its one ``TableLayout``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from docgen.audit.checked import Checked
from docgen.audit.checks import audit
from docgen.audit.findings import Severity
from docgen.errors import DocgenError, InputError, Problem, ProfileError, Where
from docgen.files import output_path
from docgen.inputs.load import find_inputs, load_evaluation
from docgen.inputs.records import FORM_NAMES, SELF, Evaluation
from docgen.layout.model import TableLayout
from docgen.layout.stages import build_stage_table
from docgen.layout.table import build_table
from docgen.painters.base import Painter
from docgen.profiles.load import Profile, Profiles, choose_profile
from docgen.scoring.score import ScoredEvaluation, score
from docgen.scoring.variants import DECLARED, NATIONAL, Rules


def check_file(path: str, profiles: Profiles | None = None, override: str | None = None,
               stage: str | None = None) -> Checked:
    """Load, score and audit one file; a file that cannot be read is returned with its error. With
    ``profiles``, it is scored by the rule variants of the profile chosen for it (``rules:``). ``stage``:
    the form of the year to check it as (申报, 监控, 自评), else the latest the file reaches."""
    try:
        evaluation = load_evaluation(path)  # YAML → records with file:line
    except InputError as error:
        return Checked(path, error=error)
    except RecursionError:
        return Checked(path, error=InputError([Problem(Where(path), "文件嵌套层次过深，无法读取：请检查缩进。")]))
    stage = stage or evaluation.stage
    if not evaluation.reaches(stage):
        return Checked(path, error=InputError([Problem(evaluation.where, stage_missing(evaluation, stage))]))
    chosen = choose_profile(override, evaluation.profile)  # the one choice: it travels with the file
    try:
        rules, printing = rules_for(evaluation, profiles, override, chosen)
    except DocgenError as error:  # the 模板 the file names cannot be used: a problem of the file, at that line
        return Checked(path, error=InputError([Problem(evaluation.at("模板"), error.format_message())]))
    scored = score(evaluation, rules, printing)  # the rules of 财预〔2020〕10号, as the profile varies them
    findings = tuple(audit(scored, stage))  # what a reviewer would point out
    return Checked(path, scored, findings, profile=chosen, stage=stage)


def stage_missing(evaluation: Evaluation, stage: str) -> str:
    """Why a file has no form of ``stage`` yet, and what to write (or which stage to ask for)."""
    if stage == SELF:
        return (f"这个文件还在“{evaluation.stage}”阶段（没有写 实际完成值、全年执行数、实际完成情况 等自评表的内容），"
                f"不能生成{FORM_NAMES[SELF]}：请先填写自评各栏，或用 --stage {evaluation.stage}。")
    return ("这个文件没有监控表的内容：请写 监控: {截至月份: 7, 1-7月执行情况: …}、各指标的 监控 栏和 "
            "年度资金总额 的 1-7月执行数，或用 --stage 申报。")


def rules_for(evaluation: Evaluation, profiles: Profiles | None, override: str | None, chosen: str
              ) -> tuple[Rules, str]:
    """The scoring rules and printing policy of the profile chosen for an evaluation; the national rules
    and ``declared`` when there is no profile to ask. A profile the file itself names that cannot be
    loaded raises."""
    if profiles is None:
        return NATIONAL, DECLARED
    try:
        settings = profiles.get(chosen).settings
        return settings.rules, settings.printing
    except DocgenError:
        if override is None and evaluation.profile is not None:
            raise
        return NATIONAL, DECLARED  # --profile was checked before the run; lay_out reports a broken default


def check_paths(paths: list[str], profiles: Profiles | None = None, override: str | None = None,
                stage: str | None = None) -> list[Checked]:
    """Check every evaluation file under the given paths; one bad file never stops the others."""
    return [check_file(path, profiles, override, stage) for path in find_inputs(paths)]


def lay_out(scored: ScoredEvaluation, profiles: Profiles, override: str | None = None, chosen: str = "",
            stage: str = SELF) -> tuple[TableLayout, Profile]:
    """The table of one scored evaluation, in the profile chosen for it (``chosen`` when it was checked:
    ``Checked.profile``; else ``--profile``, else its 模板): its 自评表, or the 申报表 or 监控表 of ``stage``.

    A profile the file names that cannot be used is a problem of the file, at its 模板 line."""
    evaluation = scored.evaluation
    chosen_in_file = override is None and evaluation.profile is not None
    try:
        profile = profiles.get(chosen or choose_profile(override, evaluation.profile))
        if stage != SELF:
            return build_stage_table(evaluation, stage, profile), profile
        return build_table(scored, profile), profile  # the form's rows and cells, worded and formatted
    except ProfileError as error:
        if chosen_in_file:
            raise InputError([Problem(evaluation.at("模板"), error.format_message())]) from None
        raise
    except DocgenError as error:
        raise error.within(f"{evaluation.at('模板')}: ") if chosen_in_file else error from None


@dataclass(frozen=True, slots=True)
class Facts:
    """What a batch run needs of a file it rendered once its evaluation and layout are set aside
    (``render/spool.py``): its year and department, the profile its documents are made with, whether
    its table was laid out, and where the rest waits for the publication set."""

    year: int
    department: str
    profile: str
    laid_out: bool
    spool: str


@dataclass(slots=True)
class Rendered:
    """What became of one input file: its check, the documents written, and why any could not be.
    A batch run that does not keep its results (``docgen render``) gets it back light: ``checked`` with
    its findings and error but not its evaluation, no ``layout``, and the ``facts`` it needs."""

    checked: Checked
    outputs: list[Path] = field(default_factory=list)
    failures: list[DocgenError] = field(default_factory=list)
    skipped: bool = False
    layout: TableLayout | None = None
    facts: Facts | None = None
    counts: tuple[int, ...] | None = None  # its findings by severity (in ``Severity`` order) once let go (``trim``)

    @property
    def failed(self) -> bool:
        return self.checked.error is not None or bool(self.failures)

    def count(self, severity: Severity) -> int:
        return self.counts[SEVERITIES.index(severity)] if self.counts is not None else self.checked.count(severity)

    def trim(self) -> None:
        """Keep only what a batch's summary needs once this file has been reported: how many findings
        of each severity, and why it could not be read (so the run's memory grows as little as can be
        with N); the names its facts share with the other files of its department, shared."""
        checked = self.checked
        self.counts = tuple(checked.count(severity) for severity in SEVERITIES)
        self.checked, self.layout = Checked(checked.source, error=checked.error), None
        if self.facts is not None:
            self.facts = replace(self.facts, department=sys.intern(self.facts.department),
                                 profile=sys.intern(self.facts.profile))


SEVERITIES = tuple(Severity)


def render_file(path: str, output: Path, profiles: Profiles, painters: list[Painter], override: str | None = None,
                strict: bool = False, target: Callable[[str], Path] | None = None, stage: str | None = None
                ) -> Rendered:
    """Check one file, lay out its table once and let each painter paint it below ``output``
    (``inputs/2024/A/B.yaml`` → ``output/2024/A/B.docx``; its 申报表 ``B-申报表.docx``), or where ``target``
    says for each extension (the API's one document). One painter's failure never stops the others."""
    checked = check_file(path, profiles, override, stage)
    rendered = Rendered(checked)
    if checked.scored is None:
        return rendered
    if strict and checked.refused_by_strict:
        rendered.skipped = True
        return rendered
    try:
        rendered.layout, profile = lay_out(checked.scored, profiles, override, checked.profile, checked.stage)
    except DocgenError as error:
        rendered.failures.append(error)
        return rendered
    for painter in painters:
        try:
            place = target(painter.extension) if target is not None else \
                output_path(path, output, painter.extension, checked.stage)
            rendered.outputs.append(painter.paint(rendered.layout, place, profile))
        except DocgenError as error:
            rendered.failures.append(error.within(f"{painter.extension.upper()}: "))
    return rendered
