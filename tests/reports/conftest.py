"""The publication set of the sample inputs, rendered once, and an independent reading of the inputs."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from docgen.batch import Batch, BatchResult
from docgen.inputs.load import find_inputs
from tests.conftest import ROOT

INPUTS = ROOT / "inputs"


def independent_totals() -> dict[tuple[int, str], dict[str, Decimal]]:
    """Sum the sample inputs' 年度资金总额 per (year, 主管部门) in 万元, without docgen: PyYAML's BaseLoader
    (every scalar a string), the defaults file beside each input, commas dropped, 元 ÷ 10000."""
    totals: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for path in sorted(INPUTS.rglob("*.yaml")):
        if path.name.startswith("_"):
            continue
        defaults = yaml.load((path.parent / "_defaults.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        data = {**defaults, **yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)}
        divisor = Decimal(10000) if data.get("资金单位", "万元") == "元" else Decimal(1)
        key = (int(path.parent.parent.name), data["主管部门"])
        for column, written in data["项目资金"]["年度资金总额"].items():
            if column in ("年初预算数", "全年预算数", "全年执行数") and written not in ("", "—", "-"):
                totals[key][column] += Decimal(written.replace(",", "")) / divisor
        totals[key]["projects"] += 1
    return totals


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchResult]:
    out = tmp_path_factory.mktemp("published")
    batch = Batch(out)
    result = batch.run(find_inputs([str(INPUTS)]))
    batch.publish(result)
    assert not result.report_failures, result.report_failures
    return out, result
