"""``docgen new``: the skeleton lands in inputs/年度/主管部门/, check names every blank by its line, and once
filled in by hand (here: by text replacement, as a person would type) it checks clean."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import jsonschema
import yaml

from docgen.inputs.schema import input_schema
from docgen.pipeline import check_file
from tests.conftest import CliResult

FILLED = [  # (pattern in the skeleton, what a person types there), in the file's order
    (r"年初预算数:\n", "年初预算数: 234.00\n"), (r"全年预算数:\n", "全年预算数: 234.00\n"),
    (r"全年执行数:\n", "全年执行数: 184.65\n"),
    (r"年初预算数:\n", "年初预算数: 234.00\n"), (r"全年预算数:\n", "全年预算数: 234.00\n"),
    (r"全年执行数:\n", "全年执行数: 184.65\n"),
    (r"预期目标:\n", "预期目标: |\n    1、打造党群服务阵地体系。\n    2、建设党建宣传阵地。\n"),
    (r"实际完成情况:\n", "实际完成情况: 阵地体系全面提升。\n"),
]
INDICATORS = [("区域化党建工作完成率", "=100(%)", "100(%)", "20"), ("工作验收合格率", "=100%", "100%", "20"),
              ("课题完成及时性", "及时", "及时", "10"), ("党群中心覆盖率", "≥90%", "95%", "30"),
              ("基层党组织满意度", "≥90%", "85%", "10")]


def fill(text: str) -> str:
    for pattern, typed in FILLED:
        text = re.sub(pattern, typed, text, count=1)
    for name, target, actual, weight in INDICATORS:
        text = text.replace("- 三级指标:\n", f"- 三级指标: {name}\n", 1)
        text = re.sub(r"年度指标值: +# 如 [^\n]*\n", f"年度指标值: {target}\n", text, count=1)
        text = re.sub(r"实际完成值: +# 如 [^\n]*\n", f"实际完成值: {actual}\n", text, count=1)
        text = re.sub(r"分值:\n", f"分值: {weight}\n", text, count=1)
    return text.replace("        # 偏差原因分析及改进措施:\n\n", "        偏差原因分析及改进措施: 扩大调查范围\n\n")


def test_new_skeleton_is_checked_then_filled_in(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    root = tmp_path / "inputs"
    result = cli("new", "党建服务工作经费", "-d", "中共上海市委组织部", "-y", "2024", "--unit", "上海市党建服务中心",
                 "--root", str(root), "--stage", "自评")
    assert result.exit_code == 0, result.out + result.err
    path = root / "2024" / "中共上海市委组织部" / "党建服务工作经费.yaml"
    assert path.is_file() and str(path) in result.out
    text = path.read_text(encoding="utf-8")
    for level in ("产出指标:", "数量指标:", "质量指标:", "时效指标:", "效益指标:", "社会效益指标:", "满意度指标:",
                  "服务对象满意度指标:", "# 可持续影响指标:"):
        assert level in text
    blank = check_file(str(path))
    assert blank.error is not None
    lines = text.splitlines()
    planned_line = next(n for n, line in enumerate(lines, 1) if line.strip() == "预期目标:")
    assert any(p.where.line == planned_line and "不能为空" in p.message for p in blank.error.problems)
    assert len(blank.error.problems) == 2 + 4 * 5  # two goals; name, target, actual, weight of five indicators
    checked = cli("check", str(path))
    assert checked.exit_code == 2 and "Traceback" not in checked.out + checked.err

    path.write_text(fill(text), encoding="utf-8")
    done = check_file(str(path))
    assert done.scored is not None, done.error
    ev = done.scored.evaluation
    assert (ev.year, ev.project, ev.department, ev.unit, ev.money_unit) == (
        2024, "党建服务工作经费", "中共上海市委组织部", "上海市党建服务中心", "万元")
    assert [i.level2 for i in ev.indicators] == ["数量指标", "质量指标", "时效指标", "社会效益指标", "服务对象满意度指标"]
    assert done.scored.weight_total == 100
    assert done.scored.execution_rate == Decimal("78.91")
    assert done.scored.total == Decimal("7.89") + 80 + Decimal("9.44")  # 85 ÷ 90 × 10 = 9.44
    assert not [f for f in done.findings if f.severity.value == "错误"]
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(input_schema()).iter_errors(loaded)) == []


def test_defaults_and_schema_are_used(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    root = tmp_path / "inputs"
    folder = root / "2023" / "上海市人力资源和社会保障局"
    folder.mkdir(parents=True)
    (folder / "_defaults.yaml").write_text("主管部门: 上海市人力资源和社会保障局\n资金单位: 元\n模板: 上海市人社局\n",
                                           encoding="utf-8")
    assert cli("schema", "-o", str(root / "docgen.schema.json")).exit_code == 0
    result = cli("new", "委托培训", "-d", "上海市人力资源和社会保障局", "-y", "2023", "--root", str(root))
    assert result.exit_code == 0
    text = (folder / "委托培训.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../docgen.schema.json\n")
    assert "\n主管部门:" not in text and "\n资金单位:" not in text and "\n模板:" not in text
    assert "# 主管部门由 _defaults.yaml 给出" in text
    json.loads((root / "docgen.schema.json").read_text(encoding="utf-8"))


def test_existing_files_and_unsafe_names(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    root = tmp_path / "inputs"
    args = ["new", "../../逃出去/项目", "-d", "部门/子部门", "-y", "2024", "--root", str(root)]
    assert cli(*args).exit_code == 0
    written = list(root.rglob("*.yaml"))
    assert len(written) == 1 and written[0].parent.parent == root / "2024"
    assert "项目名称: ../../逃出去/项目" in written[0].read_text(encoding="utf-8")  # the name itself is kept
    written[0].write_text("# 已填写的内容\n", encoding="utf-8")
    again = cli(*args)
    assert again.exit_code == 3 and "已存在" in again.err + again.out
    assert written[0].read_text(encoding="utf-8") == "# 已填写的内容\n"
    assert cli(*args, "--force").exit_code == 0
    assert cli("new", "项目", "-d", "部门", "--money-unit", "美元", "--root", str(root)).exit_code == 3


def test_new_starts_a_project_at_its_declaration(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """docgen new writes the 申报表's skeleton: no 自评 column yet (实际完成值, 全年执行数 would make it a 自评
    file); filled in, it is a clean 申报 file whose JSON Schema holds."""
    root = tmp_path / "inputs"
    result = cli("new", "基层干部培训", "-d", "某市委组织部", "-y", "2025", "--unit", "某市干部教育中心", "--root", str(root))
    assert result.exit_code == 0, result.out + result.err
    path = root / "2025/某市委组织部/基层干部培训.yaml"
    text = path.read_text(encoding="utf-8")
    assert "申报:" in text and "实施进度计划:" in text and "项目期:" in text
    assert not re.search(r"^\s*(实际完成值|全年执行数|实际完成情况):", text, re.MULTILINE)
    blank = check_file(str(path))
    assert blank.error is not None  # the names and targets still blank, each with its line
    filled = (text.replace("实施单位: 某市干部教育中心", "实施单位: 某市干部教育中心")
              .replace("  项目属性:         # 新增 或 延续", "  项目属性: 新增")
              .replace("    年初预算数:     # 申报的年度金额", "    年初预算数: 200")
              .replace("  当年财政拨款:\n    年初预算数:\n", "  当年财政拨款:\n    年初预算数: 200\n")
              .replace("  预期目标:\n", "  预期目标: 全年培训基层干部500人次。\n"))
    names = iter(["培训人次", "培训合格率", "培训按期完成", "干部履职能力", "学员满意度"])
    targets = iter(["≥500人次", "≥95%", "2025年12月底前", "达到培训大纲要求", "≥90%"])
    filled = re.sub(r"- 三级指标:\n", lambda _: f"- 三级指标: {next(names)}\n", filled)
    filled = re.sub(r"年度指标值:    # 如 .*\n", lambda _: f"年度指标值: {next(targets)}\n", filled)
    path.write_text(filled, encoding="utf-8")
    done = check_file(str(path))
    assert done.error is None, done.error
    assert done.stage == "申报" and [f.code for f in done.findings] == []
    assert list(jsonschema.Draft7Validator(input_schema()).iter_errors(yaml.safe_load(filled))) == []
    assert cli("new", "x", "-d", "某", "-y", "2025", "--root", str(root), "--stage", "监控").exit_code == 3
