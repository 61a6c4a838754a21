"""The publication set beside the tables: per year 汇总.xlsx and 审核意见, per department its
绩效自评结果报告 with its tables appended — planned only for the years and departments that changed.

Input: the run's rendered files and the cache's unchanged ones. Output: ``ReportJob``s for the
workers (the summary workbook is written here: it is one quick file per year).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

from docgen.audit.checked import Checked
from docgen.errors import DocgenError
from docgen.files import safe_name
from docgen.inputs.load import folder_year
from docgen.layout.model import TableLayout
from docgen.layout.report import audit_report
from docgen.painters.summary_xlsx import WORKBOOK_NAME, write_workbook
from docgen.pipeline import Rendered, check_file, lay_out
from docgen.profiles.load import Profiles, choose_profile
from docgen.render.cache import Cache, CacheEntry
from docgen.render.worker import Made, ReportJob, RunConfig
from docgen.summaries.groups import ProjectLine, by_year, summarize

REPORT_FORMATS = ("docx", "pdf")


def plan_publication(config: RunConfig, profiles: Profiles, groups: StaleGroups, made: Made,
                     workbooks: dict[str, list[Path]]) -> list[ReportJob]:
    """Write each stale year's 汇总.xlsx (into ``workbooks`` by year); return the reports to make, longest first."""
    default = choose_profile(config.profile, None)
    jobs: list[ReportJob] = []
    for year, summary in by_year(groups.lines).items():
        if year not in groups.years:
            continue
        unreadable = groups.unreadable_in(year)
        if "xlsx" in config.formats:
            folder = config.output / str(year)
            try:
                made.written.append(write_workbook(summary, folder / WORKBOOK_NAME, folder, unreadable))
                workbooks[str(year)] = [made.written[-1]]
            except DocgenError as error:
                made.failures.append(error)
        try:
            layout = audit_report(list(summary.projects), summary.year, profiles.get(default), unreadable)
        except DocgenError as error:
            made.failures.append(error)
            continue
        jobs.append(ReportJob("audit", year, "", (), (), default, layout, 3 * len(summary.projects)))
    names = report_names(groups.members)
    for summary in summarize(groups.lines):
        if (summary.year, summary.department) in groups.departments:
            first = summary.projects[0].scored.evaluation
            tables = tuple(groups.layouts[p.checked.source] for p in summary.projects
                           if p.checked.source in groups.layouts)
            jobs.append(ReportJob("department", summary.year, summary.department, summary.projects, tables,
                                  choose_profile(config.profile, first.profile), size=len(summary.projects),
                                  name=names[(summary.year, summary.department)]))
    if not any(f in config.formats for f in REPORT_FORMATS):
        return []
    return sorted(jobs, key=lambda job: -job.size)


def report_names(members: dict[tuple[int, str], list[str]]) -> dict[tuple[int, str], str]:
    """Each department's report file name: ``safe_name`` of it, unless two departments of a year would
    share one (``部门/A``, ``部门_A``): then each of those gets a short mark of its full name."""
    names = {group: safe_name(group[1]) for group in members}
    clashes = Counter((year, name.casefold()) for (year, _), name in names.items())
    return {group: name if clashes[(group[0], name.casefold())] == 1
            else f"{name}-{hashlib.sha256(group[1].encode()).hexdigest()[:6]}" for group, name in names.items()}


class StaleGroups:
    """Which years and departments need their reports made again, and the projects of those groups.

    A group is stale when a member's key changed, a member was added or removed, or a report of it
    is missing. Unchanged members of a stale group are checked again (cheap) rather than rendered.
    """

    def __init__(self, cache: Cache, force: bool, profiles: Profiles, override: str | None,
                 rendered: list[Rendered], unchanged: dict[str, CacheEntry]) -> None:
        self.cache, self.force = cache, force
        self.unreadable = tuple(item.checked for item in rendered if item.checked.error is not None)
        self.lines: list[ProjectLine] = []
        self.layouts: dict[str, TableLayout] = {}
        members: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for path, entry in unchanged.items():
            members[(entry.year, entry.department)].append((path, entry.key + entry.profile_key))
        for item in rendered:
            if item.checked.scored is not None:
                evaluation = item.checked.scored.evaluation
                members[(evaluation.year, evaluation.department)].append((item.checked.source, "changed"))
        self.members = {group: [path for path, _ in items] for group, items in members.items()}
        group_keys = {group: _digest(sorted(items)) for group, items in members.items()}
        year_items: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for (year, _), items in members.items():
            year_items[year] += items
        year_keys = {year: _digest(sorted(items)) for year, items in year_items.items()}
        self.departments = {g for g, key in group_keys.items() if self._stale(f"{g[0]}/{g[1]}", key)}
        self.years = {y for y, key in year_keys.items() if self._stale(str(y), key)}
        self.years |= {year for year, _ in self.departments}
        self.years |= {year for year in year_keys if self.unreadable_in(year)}  # list them, and again when fixed
        needed = {path for group in self.departments for path, _ in members[group]}
        needed |= {path for (year, _), items in members.items() if year in self.years for path, _ in items}
        for item in rendered:
            if item.checked.scored is not None and item.checked.source in needed:
                self.lines.append(ProjectLine(item.checked, tuple(str(p) for p in item.outputs)))
                if item.layout is not None:
                    self.layouts[item.checked.source] = item.layout
        for path, entry in unchanged.items():
            if path in needed:
                self._recheck(path, entry, profiles, override)

    def unreadable_in(self, year: int) -> tuple[Checked, ...]:
        """The files of a year that could not be read: by their year folder (every year, without one)."""
        return tuple(checked for checked in self.unreadable if folder_year(checked.source) in (year, None))

    def _stale(self, name: str, key: str) -> bool:
        missing = any(not os.path.exists(path) for path in self.cache.report_files.get(name, ()))
        return self.force or missing or "changed" in key or self.cache.reports.get(name) != key

    def _recheck(self, path: str, entry: CacheEntry, profiles: Profiles, override: str | None) -> None:
        checked = check_file(path, profiles, override)
        if checked.scored is None:
            return
        self.lines.append(ProjectLine(checked, entry.outputs))
        with contextlib.suppress(DocgenError):
            self.layouts[path], _ = lay_out(checked.scored, profiles, override)

    def remember(self) -> None:
        """Record each group's key as the next run will compute it: from its members' cache entries."""
        entries, reports = self.cache.entries, self.cache.reports
        by_year: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for (year, department), paths in self.members.items():
            found = {path: entries.get(os.path.abspath(path)) for path in paths}
            items = sorted((path, entry.key + entry.profile_key if entry is not None else "missing")
                           for path, entry in found.items())
            reports[f"{year}/{department}"] = _digest(items)
            by_year[year] += items
        for year, items in by_year.items():
            reports[str(year)] = _digest(sorted(items))


def _digest(items: list[tuple[str, str]]) -> str:
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()
