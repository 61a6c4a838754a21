"""Located tree → Evaluation: the whole input contract, defaults merging, and every problem at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.inputs.load import find_inputs, load_evaluation
from docgen.inputs.records import AMOUNT_COLUMNS
from docgen.pipeline import check_file
from tests.conftest import EXAMPLE, replace_line


def load(path: Path) -> object:
    return load_evaluation(str(path))


def problems_of(path: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(InputError) as raised:
        load_evaluation(str(path))
    return [(p.where.file, p.where.line, p.message) for p in raised.value.problems]


def test_example_loads_with_every_key(write: Callable[..., Path]) -> None:
    ev = load_evaluation(str(write("example.yaml", EXAMPLE)))
    assert (ev.year, ev.project, ev.department, ev.unit, ev.money_unit) == (
        2024, "党建服务工作经费", "中共上海市委组织部", "上海市党建服务中心", "万元")
    assert ev.total.adjusted == Decimal("234.00") and ev.total.executed == Decimal("184.65")
    assert str(ev.total.executed) == "184.65"  # exactly as written, never a float
    assert (ev.total.weight, ev.total.declared_rate, ev.total.declared_score) == (
        Decimal(10), Decimal("78.91"), Decimal("7.89"))
    assert [row.name for row in ev.sources] == ["当年财政拨款", "上年结转资金", "其他资金"]
    assert ev.sources[1].adjusted == Decimal(0)
    assert len(ev.indicators) == 10
    first = ev.indicators[0]
    assert (first.level1, first.level2, first.name, first.target, first.actual, first.weight) == (
        "产出指标", "数量指标", "区域化党建工作完成率", "=100(%)", "100.00(%)", Decimal(5))
    assert [i.name for i in ev.indicators][-2:] == ["基层党组织满意度", "管理人员满意度"]  # order kept
    assert ev.declared_total == Decimal("97.89") and ev.declared_grade == "优"
    assert ev.achieved.startswith("打造功能全面提升")
    assert first.at("分值").line == 18


def test_officer_number_formats_are_accepted(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "{年初预算数: 234.00, 全年预算数: 234.00, 全年执行数: 184.65, 分值: 10",
                        '{年初预算数: "13,414,500", 全年预算数: １２３.５, 全年执行数: 100, 分值: １０')
    text = replace_line(text, "执行率: 78.91,", "执行率: 78.91(%),")
    ev = load_evaluation(str(write("x.yaml", text)))
    assert (ev.total.initial, ev.total.adjusted, ev.total.weight) == (Decimal(13414500), Decimal("123.5"), Decimal(10))
    assert ev.total.declared_rate == Decimal("78.91")


def test_blank_and_dash_funding_cells_mean_not_applicable(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "上年结转资金: {年初预算数: 0, 全年预算数: 0, 全年执行数: 0}",
                        "上年结转资金: {年初预算数: —, 全年预算数: -, 全年执行数: }")
    text = replace_line(text, "  其他资金: {年初预算数: 0, 全年预算数: 0, 全年执行数: 0}\n", "")
    ev = load_evaluation(str(write("x.yaml", text)))
    assert ev.sources[1].initial is None and ev.sources[1].adjusted is None and ev.sources[1].executed is None
    assert ev.sources[2].name == "其他资金" and ev.sources[2].initial is None


def test_every_problem_of_a_file_is_reported_at_once(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "项目名称: 党建服务工作经费\n", "")
    text = replace_line(text, "分值: 10}\n      - {三级指标: 党群", "分值: 十}\n      - {三级指标: 党群")
    text = replace_line(text, "{三级指标: 区域化党建工作完成率", "{三级指忒: 区域化党建工作完成率")
    found = problems_of(write("x.yaml", text))
    messages = " / ".join(m for _, _, m in found)
    assert "缺少必填项“项目名称”" in messages
    assert "“指标“平台故障发生数”的分值”应为数字，实为“十”" in messages
    assert "未知的键“三级指忒”（是否应为“三级指标”？）" in messages
    assert {line for _, line, _ in found} >= {1, 17, 26}


def test_thousands_inside_braces_get_their_own_hint(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "{年初预算数: 234.00,", "{年初预算数: 13,414,500,")
    found = problems_of(write("x.yaml", text))
    assert any(line == 7 and "千分位" in message and '"13,414,500"' in message for _, line, message in found)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("资金单位: 万元", "资金单位: 千元", "只能是“元”或“万元”"),
        ("评分等级: 优", "评分等级: 优秀", "优、良、中、差"),
        ("年度: 2024", "年度: 今年", "四位年份"),
        ("分值: 15}\n  ", "分值: -15}\n  ", "不能为负数"),
        ("实际完成值: 100.00(%), 分值: 5}", "实际完成值: , 分值: 5}", "实际完成值”不能为空"),
        ("  产出指标:\n    数量指标:\n", "  产出指标:\n    数量指标: 很多\n    其他:\n", "应为指标列表"),
    ],
)
def test_wrong_values_are_named_with_the_fix(write: Callable[..., Path], old: str, new: str, words: str) -> None:
    found = problems_of(write("x.yaml", replace_line(EXAMPLE, old, new)))
    assert any(words in message for _, _, message in found), found


def test_defaults_merge_down_the_tree_nearest_wins(write: Callable[..., Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = "\n".join(line for line in EXAMPLE.splitlines()
                     if not line.startswith(("年度:", "主管部门:", "资金单位:", "模板:")))
    write("in/_defaults.yaml", "主管部门: 总部门\n资金单位: 元\n模板: 甲\n项目资金:\n  年度资金总额: {分值: 20}\n")
    write("in/2023/处/_defaults.yaml", "模板: 乙\n")
    path = write("in/2023/处/项目.yaml", body)
    ev = load_evaluation(str(path.relative_to(tmp_path)))
    assert (ev.year, ev.department, ev.money_unit, ev.profile) == (2023, "总部门", "元", "乙")
    assert ev.total.weight == Decimal(10)  # the file's own 分值 wins over the defaults'
    assert ev.at("主管部门").file == "in/_defaults.yaml" and ev.at("主管部门").line == 1
    assert ev.at("模板").file == "in/2023/处/_defaults.yaml"


def test_problem_in_defaults_names_the_defaults_file(write: Callable[..., Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write("in/_defaults.yaml", "资金单位: 美元\n")
    path = write("in/2024/x.yaml", EXAMPLE.replace("资金单位: 万元\n", ""))
    found = problems_of(path.relative_to(tmp_path))
    assert found[0][:2] == ("in/_defaults.yaml", 1)


def test_year_from_folder_name(write: Callable[..., Path]) -> None:
    path = write("2022年度/部门/x.yaml", EXAMPLE.replace("年度: 2024\n", ""))
    assert load_evaluation(str(path)).year == 2022


def test_missing_year_says_where_it_may_come_from(write: Callable[..., Path]) -> None:
    found = problems_of(write("x.yaml", EXAMPLE.replace("年度: 2024\n", "")))
    assert any("_defaults.yaml" in message and "inputs/2024/" in message for _, _, message in found)


def test_find_inputs_skips_defaults_and_hidden_files(write: Callable[..., Path], tmp_path: Path) -> None:
    write("a/_defaults.yaml", "年度: 2024\n")
    write("a/.hidden.yaml", "x: 1\n")
    write("a/b/项目 一（甲）.yml", EXAMPLE)
    write("a/readme.txt", "x")
    found = find_inputs([str(tmp_path / "a"), str(tmp_path / "a/_defaults.yaml")])
    assert [Path(p).name for p in found] == ["项目 一（甲）.yml"]


def test_an_amount_with_its_unit_says_where_the_unit_goes(write: Callable[..., Path]) -> None:
    for written, words in (('{年初预算数: 1,234.5万元,', "资金单位: 万元"), ('{年初预算数: "1,234.5万元",', '年初预算数: "1,234.5"'),
                           ("{年初预算数: 234.00万元,", "年初预算数: 234.00")):
        text = EXAMPLE.replace("{年初预算数: 234.00,", written, 1)
        checked = check_file(str(write("x.yaml", text)))
        assert checked.error is not None
        message = checked.error.first.message
        assert words in message and "资金单位" in message, message


def test_every_hint_names_a_key_that_exists(write: Callable[..., Path]) -> None:
    text = EXAMPLE.replace("全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89",
                           "全年执行数: 很多, 分值: 十, 执行率: 78.91, 得分: 七")
    text = text.replace("实际完成值: 100.00(%), 分值: 10}", "实际完成值: 100.00(%), 分值: 10, 得分: 满分}", 1)
    checked = check_file(str(write("x.yaml", text)))
    assert checked.error is not None
    keys = set(AMOUNT_COLUMNS) | {"分值", "执行率", "得分"}
    for problem in checked.error.problems:
        suggested = re.search(r"例如 (\S+?): ", problem.message)
        assert suggested and suggested.group(1) in keys, problem.message
