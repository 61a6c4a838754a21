"""docgen import reads another province's form (四川省, 报表编号 510000_0013zp): a workbook drawn by hand as a
county office keeps it — 报表编号 and the signatures each in one cell, 项目基本情况 above 预算执行情况（10分）,
the sources 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金 under a 合计 row, a 原因 column, the target in
指标性质 / 指标值 / 度量单位, 权重 / 完成值 / 未完成原因分析, 评价结论 / 存在问题 / 改进措施 rows."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from docgen.pipeline import check_file
from tests.conftest import CliResult
from tests.importing.test_handmade import imported, workbook

ROWS = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["报表编号：510000_0013zp"],
    ["项目名称", "乡镇卫生院设备购置"],
    ["主管部门", "某县卫生健康局", None, None, None, "实施单位", "某县人民医院"],
    ["项目基本情况", "项目年度目标", None, None, None, "年度目标完成情况"],
    [None, "购置DR设备2台。", None, None, None, "已购置DR设备2台并投入使用。"],
    [None, "项目实施内容及过程概述", "3月招标，6月安装调试。"],
    ["预算执行情况（万元）（10分）", None, "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
    [None, "合计", 300, 300, 285, "95.00%", 10, 9.5, None],
    [None, "财政资金", 300, 300, 285, "95.00%", None, None, "设备款尾款未到期"],
    [None, "财政专户管理资金", None, None, None, None, None, None, None],
    [None, "单位资金", None, None, None, None, None, None, None],
    [None, "其他资金", None, None, None, None, None, None, None],
    ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
     "未完成原因分析"],
    [None, "产出指标", "数量指标", "购置DR设备数量", "≥", 2, "台", 2, 50, 50, None],
    [None, None, "时效指标", "设备投入使用时间", "定性", "2023年9月底前", None, "2023年9月底前", 20, 20, None],
    [None, "满意度指标", "服务对象满意度指标", "患者满意度", "≥", 90, "%", 93, 20, 20, None],
    ["合计", None, None, None, None, None, None, None, 100, 99.5, None],
    ["评价结论", "优"],
    ["存在问题", "无"],
    ["改进措施", "加强设备维护"],
    ["项目负责人：孙某", None, None, None, None, "财务负责人：周某"],
]
MERGES = ["A1:K1", "A2:K2", "A3:K3", "B4:K4", "B5:E5", "G5:K5", "A6:A8", "B6:E6", "F6:K6", "B7:E7", "F7:K7", "C8:K8",
          "A9:A14", "I9:K9", "I10:K10", "I11:K11", "A15:A18", "B16:B17", "A19:H19", "B20:K20", "B21:K21", "B22:K22"]


def test_a_sichuan_workbook_imports_with_every_cell_placed(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    for row in ROWS:
        row += [None] * (11 - len(row))
    source = workbook(tmp_path / "四川.xlsx", {"自评表": ROWS}, {"自评表": MERGES})
    out = tmp_path / "inputs"
    result = cli("import", str(source), "-o", str(out), "--profile", "四川省")
    assert result.exit_code == 0, result.out  # nothing left unplaced
    data = imported(out, "乡镇卫生院设备购置")
    assert data["年度"] == "2023" and data["资金单位"] == "万元" and data["报表编号"] == "510000_0013zp"
    assert data["项目资金"]["年度资金总额"] == {"年初预算数": "300", "全年预算数": "300", "全年执行数": "285",
                                          "分值": "10", "执行率": "95.00", "得分": "9.5"}
    assert data["项目资金"]["财政资金"]["偏差原因分析及改进措施"] == "设备款尾款未到期"
    assert data["年度总体目标"] == {"预期目标": "购置DR设备2台。", "实际完成情况": "已购置DR设备2台并投入使用。"}
    assert data["项目实施内容及过程概述"] == "3月招标，6月安装调试。"
    first = data["绩效指标"]["产出指标"]["数量指标"][0]
    assert (first["计算符号"], first["指标值"], first["计量单位"], first["实际完成值"], first["分值"]) == \
        ("≥", "2", "台", "2", "50")
    assert data["总分"] == "99.5"
    assert (data["评价结论"], data["存在问题"], data["改进措施"]) == ("优", "无", "加强设备维护")
    assert (data["项目负责人"], data["财务负责人"]) == ("孙某", "周某")
    checked = check_file(str(out / "乡镇卫生院设备购置.yaml"))
    assert checked.scored is not None, checked.error
    assert (checked.scored.execution_rate, checked.scored.shown.total) == (Decimal("95.00"), Decimal("99.5"))
