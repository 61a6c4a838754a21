"""Other provinces' forms without code: the shipped 四川省 profile, and a profile written as the README
says, each rendered and read back cell by cell with python-docx and openpyxl. The expected cells are
written out here by hand from the form's description (issue 30), never produced by docgen."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.inputs.records import Indicator
from docgen.layout.table import target_parts
from tests.conftest import ROOT, CliResult
from tests.golden.readers import docx_rows, xlsx_rows

README = (ROOT / "README.md").read_text(encoding="utf-8")

SICHUAN = """\
年度: 2024
模板: 四川省
项目名称: 乡村道路养护
主管部门: 某县交通运输局
实施单位: 某县公路养护站
资金单位: 万元
项目基本情况:
  项目年度目标: 养护农村公路 120 公里。
  年度目标完成情况: 养护农村公路 118 公里。
  项目实施内容及过程概述: 全年分四个季度实施日常养护。
项目资金:
  资金总额: {年初预算: 200.00, 调整后预算数: 200.00, 预算执行数: 190.00, 权重: 10}
  财政资金: {年初预算: 150.00, 调整后预算数: 150.00, 预算执行数: 150.00}
  其他资金: {年初预算: 50.00, 调整后预算数: 50.00, 预算执行数: 40.00, 原因: 结算未完成}
绩效指标:
  产出指标:
    数量指标:
      - {三级指标: 养护里程, 年度指标值: ≥120公里, 完成值: 118公里, 权重: 40, 得分: 39.33, 未完成原因分析: 两段道路改建}
    时效指标:
      - {三级指标: 完成时间, 指标性质: 定性, 指标值: 2024年12月底前, 完成值: 2024年12月底前, 权重: 20}
  满意度指标:
    服务对象满意度指标:
      - {三级指标: 群众满意度, 指标性质: ≥, 指标值: 90, 度量单位: "%", 完成值: 92, 权重: 30}
评价结论: 良好
存在问题: 个别路段未按期完成。
改进措施: 提前安排改建路段的养护。
项目负责人: 赵某
财务负责人: 钱某
"""

# Every row of the table as python-docx reads it: one cell per w:tc (a merge once, its continuations empty).
SICHUAN_ROWS = [
    ["报表编号：510000_0013zp"],
    ["项目名称", "乡村道路养护"],
    ["主管部门", "某县交通运输局", "实施单位", "某县公路养护站"],
    ["项目基本情况", "项目年度目标", "年度目标完成情况"],
    ["", "养护农村公路120公里。", "养护农村公路118公里。"],
    ["", "项目实施内容及过程概述", "全年分四个季度实施日常养护。"],
    ["预算执行情况（万元）（10分）", "", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
    ["", "资金总额", "200.00", "200.00", "190.00", "95.00%", "10.00", "9.50", ""],
    ["", "财政资金", "150.00", "150.00", "150.00", "100.00%", "", "", ""],
    ["", "财政专户管理资金", "", "", "", "", "", "", ""],
    ["", "单位资金", "", "", "", "", "", "", ""],
    ["", "其他资金", "50.00", "50.00", "40.00", "80.00%", "", "", "结算未完成"],
    ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
     "未完成原因分析"],
    ["", "产出指标", "数量指标", "养护里程", "≥", "120", "公里", "118公里", "40.00", "39.33", "两段道路改建"],
    ["", "", "时效指标", "完成时间", "定性", "2024年12月底前", "", "2024年12月底前", "20.00", "20.00", ""],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "92", "30.00", "30.00", ""],
    ["合计", "100.00", "98.83", ""],
    ["评价结论", "良好"],
    ["存在问题", "个别路段未按期完成。"],
    ["改进措施", "提前安排改建路段的养护。"],
    ["项目负责人：赵某", "财务负责人：钱某"],
]


def _render(cli: Callable[..., CliResult], tmp_path: Path, *extra: str) -> Path:
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--no-reports", "-j", "1", *extra)
    assert result.exit_code == 0, result.out + result.err
    return tmp_path / "out/2024/部门"


def test_the_sichuan_profile_prints_every_cell_of_the_provincial_form(
        write: Callable[..., Path], tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    write("inputs/2024/部门/项目.yaml", SICHUAN)
    out = _render(cli, tmp_path, "--formats", "docx,xlsx,pdf")
    assert docx_rows(out / "项目.docx") == SICHUAN_ROWS
    sheet = [[text for text in row if text] for row in xlsx_rows(out / "项目.xlsx")]
    assert sheet[:2] == [["项目支出绩效自评表"], ["（2024年度）"]]
    assert [row for row in sheet[2:] if row] == [[t for t in row if t] for row in SICHUAN_ROWS]
    text = subprocess.run(["pdftotext", "-layout", str(out / "项目.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = re.sub(r"\s+", "", text)
    for shown in ("报表编号：510000_0013zp", "财政资金", "95.00%", "39.33", "合计", "98.83", "项目负责人：赵某",
                  "财务负责人：钱某"):  # (texts printed on one line: a longer one is broken between lines)
        assert shown in words, shown
    # the signatures never open a page alone: the table's last row goes with them
    assert not re.search(r"共\d+页项目负责人", words), words


def test_the_sichuan_form_is_the_same_through_typst(write: Callable[..., Path], tmp_path: Path,
                                                    cli: Callable[..., CliResult]) -> None:
    write("inputs/2024/部门/项目.yaml", SICHUAN)
    out = _render(cli, tmp_path, "--formats", "pdf", "--pdf-engine", "typst")
    text = subprocess.run(["pdftotext", "-layout", str(out / "项目.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = re.sub(r"\s+", "", text)
    assert "报表编号：510000_0013zp" in words and "项目负责人：赵某" in words and "39.33" in words


def heredoc(path: str) -> str:
    match = re.search(rf"cat > {re.escape(path)} <<'(\w+)'\n(.*?)\n\1\n", README, re.S)
    assert match, path
    return match.group(2) + "\n"


ANOTHER = """\
年度: 2024
项目名称: 农村饮水安全
主管部门: 某县水利局
实施单位: 某县供水站
项目属性: 延续
项目资金:
  年度资金总额: {年初预算数: 100, 全年预算数: 100, 全年执行数: 90}
  财政资金: {年初预算数: 80, 全年预算数: 80, 全年执行数: 80}
  其他资金: {年初预算数: 20, 全年预算数: 20, 全年执行数: 10}
年度总体目标: {预期目标: 保障饮水安全。, 实际完成情况: 已保障。}
绩效指标:
  产出指标:
    数量指标:
      - {三级指标: 水质检测次数, 年度指标值: ≥12次, 实际完成值: 12次, 分值: 90, 其他栏目: {得分计算方法: 完成得满分}}
其他栏目: {审核意见: 同意}
填报单位: 某县供水站
填报日期: 2025年3月1日
填表人: 张三
联系电话: 028-12345678
"""


def test_a_profile_written_from_the_readme_prints_another_provinces_form(
        write: Callable[..., Path], tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    write("我的模板/某省/profile.yaml", heredoc("我的模板/某省/profile.yaml"))
    write("我的模板/某省/labels.j2", heredoc("我的模板/某省/labels.j2"))
    write("inputs/2024/部门/项目.yaml", ANOTHER)
    checked = cli("profiles", "--check", "--templates", str(tmp_path / "我的模板"))
    assert checked.exit_code == 0, checked.out + checked.err
    out = _render(cli, tmp_path, "--templates", str(tmp_path / "我的模板"), "--profile", "某省", "--formats", "docx")
    assert docx_rows(out / "项目.docx") == [
        ["填报单位：某县供水站", "填报日期：2025年3月1日"],
        ["报表编号：某财绩03表"],  # a line of one: across the page
        ["项目名称", "农村饮水安全"],
        ["主管部门", "某县水利局", "实施单位", "某县供水站"],
        ["项目属性", "延续"],
        ["预算执行情况（万元）（10分）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        # no total row: the weight and the score once, merged down beside the source rows
        ["", "财政资金", "80.00", "80.00", "80.00", "10.00", "100.00%", "9.00"],
        ["", "其他资金", "20.00", "20.00", "10.00", "", "50.00%", ""],
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["", "保障饮水安全。", "已保障。"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分计算方法", "分值", "得分",
         "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "水质检测次数", "≥12次", "12次", "完成得满分", "90.00", "90.00", ""],
        ["合计", "100.00", "99.00", ""],
        ["审核意见", "同意"],
        ["填表人：张三", "联系电话：028-12345678"],
    ]


@pytest.mark.parametrize(("target", "parts"), [
    ("≥95%", ("≥", "95", "%")),
    ("=100(%)", ("=", "100", "%")),
    (">=90%", ("≥", "90", "%")),
    ("<=30分钟", ("≤", "30", "分钟")),
    ("＝0（次）", ("=", "0", "次")),
    ("300-400人", ("", "300-400", "人")),
    ("12", ("", "12", "")),
    ("及时", ("定性", "及时", "")),
    ("2022年12月底前", ("定性", "2022年12月底前", "")),
])
def test_a_target_splits_into_sign_value_and_unit(target: str, parts: tuple[str, str, str]) -> None:
    from docgen.errors import Where

    assert target_parts(Indicator(Where("a.yaml"), target=target), "定性") == parts


def test_parts_written_apart_print_as_written() -> None:
    from docgen.errors import Where

    written = Indicator(Where("a.yaml"), target="≥200人", sign="大于等于", index_value="200", meter_unit="人")
    assert target_parts(written, "定性") == ("大于等于", "200", "人")


@pytest.mark.parametrize(("form", "says"), [
    ("  indicator_columns: [level1, levl2, level3, weight, score]\n", "levl2"),
    ("  indicator_columns: [level1, level3, target, weight, score]\n", "level2"),
    ("  summary_order: [basics, funding]\n", "依次列出"),
    ("  funding_rows: [年度资金总额, fiscal]\n", "fiscal"),
    ("  funding_columns: [initial, initial]\n", "不重复"),
    ("  values: [报表编号]\n", "form.values"),
])
def test_a_wrong_form_setting_is_named_with_its_line(write: Callable[..., Path], tmp_path: Path,
                                                      cli: Callable[..., CliResult], form: str, says: str) -> None:
    write("模板/某省/profile.yaml", "extends: default\nform:\n" + form)
    result = cli("profiles", "--check", "--templates", str(tmp_path / "模板"))
    assert result.exit_code == 2
    message = result.out + result.err
    assert says in message and "profile.yaml:3" in message, message


def test_a_key_of_the_file_under_other_fields_is_refused(write: Callable[..., Path], cli: Callable[..., CliResult]
                                                          ) -> None:
    path = write("inputs/2024/部门/项目.yaml", ANOTHER.replace("其他栏目: {审核意见: 同意}", "其他栏目: {评价结论: 好}"))
    result = cli("check", str(path))
    assert result.exit_code != 0
    assert "“其他栏目”中的“评价结论”是文件最外层的键" in result.out + result.err


def test_the_workspace_marks_a_findings_cell_wherever_the_form_puts_it(write: Callable[..., Path]) -> None:
    """The project page marks the cell a finding names (serve/marks.py) from the layout's own places, so a
    province's columns in another order still mark the right cell."""
    from docgen.pipeline import check_file, lay_out
    from docgen.profiles.load import Profiles
    from docgen.serve.marks import cell_of

    profiles = Profiles()
    checked = check_file(str(write("inputs/2024/部门/项目.yaml", SICHUAN)), profiles)
    assert checked.scored is not None, checked.error
    layout, _ = lay_out(checked.scored, profiles)
    texts = {f"{grid.key}-{cell.key}": cell.text for grid in layout.grids for cell in grid.cells}
    for place, shown in (("项目资金 · 其他资金 · 全年执行数", "40.00"), ("项目资金 · 年度资金总额 · 执行率", "95.00%"),
                         ("项目资金 · 年度资金总额 · 得分", "9.50"), ("项目资金 · 其他资金 · 偏差原因分析及改进措施", "结算未完成"),
                         ("绩效指标 · 第 1 行 · 得分", "39.33"), ("绩效指标 · 第 3 行 · 指标值", "90"),
                         ("绩效指标 · 第 2 行 · 一级指标", "产出指标"), ("总分", "98.83"),
                         ("总体目标 · 实际完成情况", "养护农村公路 118 公里。")):
        key = cell_of(layout, place)
        assert key is not None and texts[key] == shown, (place, key)


def test_the_signature_line_never_opens_a_page_alone(write: Callable[..., Path]) -> None:
    """However long the indicator list, the signatures under the table share their page with the table's
    last row (paging moves that row along when the line does not fit)."""
    from docgen.pipeline import check_file, lay_out
    from docgen.profiles.load import Profiles

    profiles = Profiles()
    line = "      - {三级指标: 养护里程, 年度指标值: ≥120公里, 完成值: 118公里, 权重: 1, 得分: 1}\n"
    alone = 0
    for count in range(8, 40):
        text = SICHUAN.replace("    时效指标:\n", line * count + "    时效指标:\n")
        checked = check_file(str(write(f"inputs/2024/部门/{count}.yaml", text)), profiles)
        assert checked.scored is not None, checked.error
        layout, _ = lay_out(checked.scored, profiles)
        last = layout.pages[-1]
        assert last[-1].key == "signature"
        alone += len(last) == 1
    assert alone == 0


def test_new_with_a_provinces_profile_writes_its_rows_and_texts(tmp_path: Path, cli: Callable[..., CliResult],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """docgen new --profile 四川省 starts a file with what that form prints: its source rows, the target in
    three fields, and its texts (项目实施内容及过程概述 … 财务负责人); the file reads as the contract says (only
    the values still blank are listed), never an unknown key."""
    import yaml

    monkeypatch.chdir(tmp_path)
    result = cli("new", "乡村道路养护", "-d", "某县交通运输局", "-y", "2024", "--profile", "四川省")
    assert result.exit_code == 0, result.out + result.err
    path = tmp_path / "inputs/2024/某县交通运输局/乡村道路养护.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert list(data["项目资金"]) == ["年度资金总额", "财政资金", "财政专户管理资金", "单位资金", "其他资金"]
    assert "指标值" in data["绩效指标"]["产出指标"]["数量指标"][0]
    for text in ("项目实施内容及过程概述", "评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人"):
        assert text in data, text
    assert "报表编号" not in data  # the profile prints its own (form.values)
    checked = cli("check", str(path))
    assert "未知的键" not in checked.out and "缺少" not in checked.out, checked.out


def test_a_readme_province_table_imports_back_whole(write: Callable[..., Path], tmp_path: Path,
                                                    cli: Callable[..., CliResult]) -> None:
    """The README's province form, rendered to .xlsx, imports back with every cell placed: the 得分计算方法
    column into the indicator's 其他栏目, the lines above and under the table, 项目属性 and 审核意见."""
    import yaml

    write("我的模板/某省/profile.yaml", heredoc("我的模板/某省/profile.yaml"))
    write("我的模板/某省/labels.j2", heredoc("我的模板/某省/labels.j2"))
    write("inputs/2024/部门/项目.yaml", ANOTHER)
    out = _render(cli, tmp_path, "--templates", str(tmp_path / "我的模板"), "--profile", "某省", "--formats", "xlsx")
    result = cli("import", str(out / "项目.xlsx"), "-o", str(tmp_path / "back"))
    assert result.exit_code == 0, result.out  # nothing left unplaced
    data = yaml.load((tmp_path / "back/农村饮水安全.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    item = data["绩效指标"]["产出指标"]["数量指标"][0]
    assert item["其他栏目"] == {"得分计算方法": "完成得满分"}
    assert (data["项目属性"], data["填报单位"], data["填报日期"], data["报表编号"], data["填表人"], data["联系电话"]) == \
        ("延续", "某县供水站", "2025年3月1日", "某财绩03表", "张三", "028-12345678")
    assert data["其他栏目"] == {"审核意见": "同意"}
    # no total row on the form: the sources' amounts added up, the weight and score printed beside them
    from docgen.pipeline import check_file

    back = check_file(str(tmp_path / "back/农村饮水安全.yaml"))
    assert back.scored is not None, back.error
    assert (back.scored.execution_rate, back.scored.shown.total) == (Decimal("90.00"), Decimal("99.00"))


def test_a_provinces_own_source_rows(write: Callable[..., Path], tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """A form whose sources are its province's own (上级补助, 本级安排): the file writes them under 项目资金,
    the profile lists them, the table prints them and 年度资金总额 is checked against their sum; a near miss
    of a known row (当年财政拔款) is still a typo, named with the row it should be."""
    text = ANOTHER.replace("  财政资金: {年初预算数: 80, 全年预算数: 80, 全年执行数: 80}\n  其他资金: {年初预算数: 20, 全年预算数: 20, "
                           "全年执行数: 10}", "  上级补助: {年初预算数: 80, 全年预算数: 80, 全年执行数: 80}\n"
                           "  本级安排: {年初预算数: 30, 全年预算数: 30, 全年执行数: 10}")
    assert text != ANOTHER
    write("模板/某县/profile.yaml", "extends: default\nform: {funding_rows: [年度资金总额, 上级补助, 本级安排]}\n")
    write("inputs/2024/部门/项目.yaml", text)
    out = _render(cli, tmp_path, "--templates", str(tmp_path / "模板"), "--profile", "某县", "--formats", "docx")
    rows = docx_rows(out / "项目.docx")
    assert ["", "上级补助", "80.00", "80.00", "80.00", "—", "100.00%", "—"] in rows
    assert ["", "本级安排", "30.00", "30.00", "10.00", "—", "33.33%", "—"] in rows
    checked = cli("check", str(tmp_path / "inputs/2024/部门/项目.yaml"))
    assert "FUNDING_SUM" in checked.out or "上级补助 80.00 + 本级安排 30.00" in checked.out, checked.out
    typo = write("inputs/2024/部门/错.yaml", ANOTHER.replace("  财政资金:", "  当年财政拔款:"))
    result = cli("check", str(typo))
    assert result.exit_code != 0 and "当年财政拔款" in result.out and "是否应为“当年财政拨款”" in result.out, result.out
