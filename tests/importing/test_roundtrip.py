"""Round trip: every sample rendered to .xlsx by docgen, imported back, scores and audits as the original.

The imported file declares what the table published (得分, 执行率, 总分, 评分等级). The table prints what
the author declared (the default printing policy), so its published numbers and its findings must be the
original's, finding by finding — the findings on a declared 执行率, 得分 or 总分 that disagrees with the
arithmetic included: the mistake is printed as declared and flagged again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.audit.checked import Checked
from docgen.importing import import_workbook
from docgen.layout.table import build_table
from docgen.painters import get_painter
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile
from tests.conftest import ROOT

INPUTS = ROOT / "inputs"
EXAMPLES = ROOT / "examples"  # other provinces' forms (四川省), beside the samples
SAMPLES = sorted(p for folder in (INPUTS, EXAMPLES) for p in folder.rglob("*.yaml") if not p.name.startswith("_"))


def published(checked: Checked) -> dict[str, object]:
    """Everything the form publishes, and what the audit says of it."""
    scored = checked.scored
    assert scored is not None, checked.error
    ev = scored.evaluation
    return {
        "heading": (ev.year, ev.project, ev.department, ev.unit, ev.money_unit),
        "funding": [(r.row.name, r.row.initial, r.row.adjusted, r.row.executed, r.row.reason) for r in scored.rows],
        # 评价结论, 项目负责人 … of a province's form (its 报表编号 is the profile's, read off the table into the file)
        "texts": {key: value for key, value in ev.fields.items() if key != "报表编号"},
        "execution": (scored.execution_rate, scored.execution_score, ev.total.weight),
        "goals": (ev.planned, ev.achieved),
        "indicators": [(s.indicator.level1, s.indicator.level2, s.indicator.name, s.indicator.target,
                        s.indicator.actual, s.indicator.weight, s.published, s.indicator.reason)
                       for s in scored.indicators],
        "total": (scored.total, scored.grade),
        "findings": sorted((f.code, f.subject) for f in checked.findings),
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_rendered_workbook_imports_back_to_the_same_evaluation(sample: Path, tmp_path: Path) -> None:
    original = check_file(str(sample))
    assert original.scored is not None
    profile = load_profile(original.scored.evaluation.profile or "default")
    workbook = get_painter("xlsx").paint(build_table(original.scored, profile), tmp_path / "table.xlsx", profile)
    folder = tmp_path / sample.parent.relative_to(ROOT)  # inputs/2023/…: the year may come from the folder
    result = import_workbook(workbook, folder, profile=original.scored.evaluation.profile)
    assert result.error is None
    [imported] = result.forms
    assert imported.notes == []
    assert imported.target is not None
    again = check_file(str(imported.target))
    assert published(again) == published(original)
