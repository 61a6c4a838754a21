"""What ``docgen serve`` serves: the evaluation files under the given folders, each checked once per
version of the file (and of the templates), and the figures the pages show.

A project is named by its path below the folder it was found in (``0/2024/部门/项目.yaml``: the first
folder given); a name from a request is resolved only to a file this workspace found, so no request
reaches outside the served folders, and the edit endpoint writes only files that were served.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.audit.checked import Checked
from docgen.errors import UsageError
from docgen.inputs.load import find_inputs
from docgen.inputs.records import MONITOR, SELF
from docgen.pipeline import check_file
from docgen.profiles.load import Profiles, available_profiles
from docgen.scoring.score import Printed
from docgen.summaries.groups import ProjectLine, Summary, by_year, summarize


@dataclass(frozen=True)
class Project:
    """One served file: its name in URLs, its path, and its check."""

    name: str
    path: Path
    checked: Checked

    @property
    def year(self) -> int | None:
        return self.checked.scored.evaluation.year if self.checked.scored else None

    @property
    def shown(self) -> str:
        """The file as a person reads its name: below its served folder (``2024/部门/项目.yaml``), without
        the folder's number that URLs carry (``0/``)."""
        return self.name.split("/", 1)[1] if "/" in self.name and self.name.split("/", 1)[0].isdigit() else self.name


@dataclass
class Workspace:
    """The served folders (or files) and template folders; checks cached by file version."""

    paths: tuple[Path, ...]
    templates: tuple[str, ...] = ()
    profile: str | None = None  # --profile: every project previewed in it
    version: int = 0  # bumped on every change seen on disk
    drawn: dict[tuple[int, str, int], Any] = field(default_factory=dict)  # charts, by department and version
    _checks: dict[Path, tuple[tuple[int, int, int], Checked]] = field(default_factory=dict)
    _readable: dict[Path, Checked] = field(default_factory=dict)  # each file's last check that could be read
    _profiles: Profiles | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        missing = [str(p) for p in self.paths if not p.exists()]
        if missing:
            raise UsageError(f"找不到“{'、'.join(missing)}”：请检查路径是否正确。")
        self.paths = tuple(p.resolve() for p in self.paths)

    @property
    def profiles(self) -> Profiles:
        if self._profiles is None:
            self._profiles = Profiles(self.templates)
        return self._profiles

    @property
    def template_roots(self) -> tuple[Path, ...]:
        return tuple(root.resolve() for root in self.profiles.roots)

    def changed(self, paths: set[str]) -> None:
        """Files changed on disk: drop what depended on them (a template: every check and layout)."""
        with self._lock:
            self.version += 1
            roots = self.template_roots
            if any(Path(p).resolve().is_relative_to(root) for p in paths for root in roots):
                self._profiles = None
                self._checks.clear()
            if any(Path(p).name.startswith("_") for p in paths):  # a _defaults.yaml: its folder's files
                self._checks.clear()

    def files(self) -> dict[str, Path]:
        """Every evaluation file served, by its name (``0/2024/部门/项目.yaml``)."""
        found: dict[str, Path] = {}
        for index, root in enumerate(self.paths):
            try:
                items = find_inputs([str(root)])
            except UsageError:
                continue
            for item in items:
                path = Path(item).resolve()
                if root.is_dir():
                    if not path.is_relative_to(root):
                        continue  # a link out of the served folder
                    name = f"{index}/{path.relative_to(root).as_posix()}"
                else:
                    name = f"{index}/{path.name}"
                found[name] = path
        return found

    def resolve(self, name: str) -> Path:
        """The served file of that name; anything else (``..``, an absolute path, a link out of the
        served folders, a file not served) is refused."""
        path = self.files().get(name)
        if path is None:
            raise UsageError(f"没有名为“{name}”的自评表：只能访问所服务的文件夹中的文件。")
        return path

    def check(self, path: Path) -> Checked:
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size, self.version if path.name.startswith("_") else 0)
        except OSError:
            stamp = (0, 0, self.version)
        with self._lock:
            cached = self._checks.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        checked = check_file(str(path), self.profiles, self.profile)
        with self._lock:
            self._checks[path] = (stamp, checked)
            if checked.scored is not None:
                self._readable[path] = checked
        return checked

    def last_readable(self, path: Path) -> Checked | None:
        """The file's last check that could be read (this one, or one from before it broke): a file edited
        outside into something docgen cannot read still shows the table it had, read-only."""
        with self._lock:
            return self._readable.get(path)

    def projects(self) -> list[Project]:
        return [Project(name, path, self.check(path)) for name, path in self.files().items()]

    def project(self, name: str) -> Project:
        path = self.resolve(name)
        return Project(name, path, self.check(path))

    def profile_names(self) -> list[str]:
        return sorted(available_profiles(self.profiles.roots))

    def years(self, projects: list[Project]) -> dict[int, list[Summary]]:
        """Per year, its departments' summaries (readable files only)."""
        lines = [ProjectLine(p.checked) for p in projects if p.checked.scored is not None and p.checked.stage == SELF]
        years: dict[int, list[Summary]] = {}
        for summary in summarize(lines):
            years.setdefault(summary.year, []).append(summary)
        return years

    def year_summary(self, year: int) -> dict[str, Any]:
        """The 汇总 figures of one year as JSON (amounts in 万元 and scores as 2-place strings)."""
        projects = [p for p in self.projects() if p.year == year]
        if not projects:
            raise UsageError(f"没有 {year} 年的自评表。")
        lines = [ProjectLine(p.checked) for p in projects if p.checked.stage == SELF]  # the 自评 figures
        if not lines:
            return {"年度": year, "项目数": 0, "项目": [project_row(p) for p in projects]}
        whole = by_year(lines)[year]
        return {"年度": year, **figures(whole),
                "主管部门": [{"名称": s.department, **figures(s)} for s in summarize(lines)],
                "项目": [project_row(p) for p in projects]}


def figures(summary: Summary) -> dict[str, Any]:
    from docgen.audit.findings import Severity
    from docgen.printed import amount_text, score_text

    return {"项目数": len(summary.projects), "金额单位": summary.unit,
            "年初预算数": amount_text(summary.initial), "全年预算数": amount_text(summary.adjusted),
            "全年执行数": amount_text(summary.executed),
            "执行率": score_text(summary.execution_rate) if summary.execution_rate is not None else None,
            "平均分": score_text(summary.average_total), "平均分口径": "各自评表所印总分的平均（未完成的表不计）",
            "评分等级": summary.grades,
            **{s.value: summary.count(s) for s in Severity}}


def project_row(project: Project) -> dict[str, Any]:
    from docgen.audit.findings import Severity

    checked = project.checked
    row: dict[str, Any] = {"name": project.name, "file": project.path.name, "shown": project.shown}
    if checked.scored is None:  # named as the page names the file, never by this machine's absolute path
        row["error"] = (checked.error.format_message() if checked.error else "").replace(str(project.path),
                                                                                          project.shown)
        return row
    scored = checked.scored
    ev = scored.evaluation
    row["阶段"] = checked.stage
    if checked.stage != SELF:  # a 申报表 or 监控表: no score yet; the 监控表's execution and status
        from docgen.audit.stages import progress_status, to_date_rate
        from docgen.printed import score_text

        monitored = checked.stage == MONITOR
        rate = to_date_rate(ev.total) if monitored else None
        shown_rate = (score_text(rate) if rate is not None else "无法计算") if monitored else None
        row.update({"项目名称": ev.project, "主管部门": ev.department, "年度": ev.year, "总分": "—", "评分等级": "—",
                    "执行率": shown_rate, "状态": progress_status(ev, scored.rules) if monitored else "",
                    **{s.value: checked.count(s) for s in Severity}})
        return row
    shown, rule = _figures(scored.shown), _figures(scored.by_rule)
    row.update({"项目名称": ev.project, "主管部门": ev.department, "年度": ev.year, **shown,
                "按规则": {key: value for key, value in rule.items() if value != shown[key]},
                **{s.value: checked.count(s) for s in Severity}})
    return row


def _figures(printed: Printed) -> dict[str, Any]:
    """A project's 执行率, 执行得分, 总分, 评分等级 from one set of figures (2-place strings)."""
    from docgen.printed import score_text

    return {"执行率": score_text(printed.rate) if printed.rate is not None else None,
            "执行得分": score_text(printed.execution_score), "总分": score_text(printed.total), "评分等级": printed.grade}
