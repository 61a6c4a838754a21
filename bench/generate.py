"""A realistic synthetic year of evaluations: N projects over M departments, 15–40 indicators each
(positive, reverse, range, zero-target and qualitative), long goal texts, every shipped profile's
wording, both money units, and a few broken files as officers write them.

    .venv/bin/python bench/generate.py /tmp/year -n 1000
"""

from __future__ import annotations

import argparse
import random
import sys
from decimal import Decimal
from pathlib import Path

PROFILES = ("default", "上海市委组织部-2022", "上海市委组织部-2024", "上海市人社局", "上海市人社局-自评价",
            "闵行区地区工作办公室")
LEVELS = {"产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
          "效益指标": ("社会效益指标", "可持续影响指标", "经济效益指标"), "满意度指标": ("服务对象满意度指标",)}
WORDS = "推进完善落实保障提升开展组织培训服务管理建设运行维护宣传调研监督考核平台系统数据质量效率机制"
BROKEN = ("年度指标值: >=90%\n", "\t项目名称: 缩进用了 Tab\n", "项目名称：全角冒号\n", "")


def sentence(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(length)) + "。"


def indicator(rng: random.Random, weight: int, stage: str = "自评") -> str:
    kind = rng.random()
    name = sentence(rng, rng.randint(4, 10)).rstrip("。")
    if kind < 0.35:
        target = rng.choice([90, 95, 100, 300, 1500])
        actual = target if rng.random() < 0.8 else int(target * rng.uniform(0.6, 1.4))
        pair = (f'"≥{target}(人次)"', f"{actual}(人次)")
    elif kind < 0.45:
        limit = rng.choice([2, 5, 30])
        pair = (f'"≤{limit}(小时)"', f"{rng.choice([1, limit, limit * 2])}(小时)")
    elif kind < 0.55:
        pair = ("300-400人", f"{rng.choice([320, 280, 390])}人")
    elif kind < 0.62:
        pair = ('"=0(次)"', "0(次)")
    else:
        pair = (rng.choice(["及时", "有效", "提升", "健全"]), rng.choice(["达成指标", "达成指标", "部分达成指标并具有一定效果"]))
    score = f", 得分: {Decimal(weight) * Decimal('0.7'):.2f}, 偏差原因分析及改进措施: {sentence(rng, 20)}" \
        if "部分" in pair[1] else ""
    if stage == "监控":  # mid-year: the year's target, what is done by July, the forecast and the likelihood
        likely = "确定能" if "部分" not in pair[1] else f"有可能, 偏差原因分析: 经费保障：{sentence(rng, 12)}, 纠偏措施: {sentence(rng, 12)}"
        return (f"      - {{三级指标: {name}, 年度指标值: {pair[0]}, 分值: {weight}, 监控: {{1-7月执行情况: {pair[1]}, "
                f"全年预计完成情况: {pair[1]}, 完成目标可能性: {likely}}}}}\n")
    return f"      - {{三级指标: {name}, 年度指标值: {pair[0]}, 实际完成值: {pair[1]}, 分值: {weight}{score}}}\n"


def evaluation(rng: random.Random, index: int, wan: bool, stage: str = "自评") -> str:
    count = rng.randint(15, 40)
    weights = [90 // count] * count
    weights[0] += 90 - sum(weights)
    budget = Decimal(rng.randint(50, 5000)) if wan else Decimal(rng.randint(100_000, 20_000_000))
    executed = (budget * Decimal(rng.uniform(0.4, 1.0))).quantize(Decimal("0.01"))
    money = f"{{年初预算数: {budget}, 全年预算数: {budget}, 全年执行数: {executed}}}"
    achieved = sentence(rng, 200)
    if stage == "监控":
        money = f"{{年初预算数: {budget}, 1-7月执行数: {(executed * 7 / 12).quantize(Decimal('0.01'))}, 全年预计执行数: {executed}}}"
    lines = [f"项目名称: 合成项目{index:05d}\n", "实施单位: 合成实施单位\n", "项目资金:\n",
             f"  年度资金总额: {money}\n", f"  当年财政拨款: {money}\n", "年度总体目标:\n",
             f"  预期目标: |\n    {sentence(rng, 160)}\n    {sentence(rng, 120)}\n",
             f"  实际完成情况: |\n    {achieved}\n" if stage == "自评" else "", "绩效指标:\n"]
    remaining = list(zip(range(count), weights, strict=True))
    for level1, children in LEVELS.items():
        take = len(remaining) if level1 == "满意度指标" else max(1, len(remaining) // 3)
        chunk, remaining = remaining[:take], remaining[take:]
        if not chunk:
            continue
        lines.append(f"  {level1}:\n")
        per = max(1, len(chunk) // len(children))
        for position, level2 in enumerate(children):
            part = chunk[position * per:] if position == len(children) - 1 else chunk[position * per:(position + 1) * per]
            if part:
                lines.append(f"    {level2}:\n")
                lines += [indicator(rng, weight, stage) for _, weight in part]
    if stage == "监控":
        lines.append(f"监控:\n  截至月份: 7\n  1-7月执行情况: |\n    {achieved}\n")
    return "".join(lines)


def generate(root: Path, projects: int, departments: int, seed: int = 2024, stage: str = "自评") -> int:
    """``projects`` files (about one in a hundred broken) at ``stage``: 自评 files, or the same projects at
    their 监控 stage (1-7月 columns instead of the year's actuals)."""
    rng = random.Random(seed)
    year = root / "inputs" / "2024"
    for number in range(departments):
        folder = year / f"合成部门{number:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        wan = number % 2 == 0
        (folder / "_defaults.yaml").write_text(
            f"主管部门: 合成部门{number:03d}\n资金单位: {'万元' if wan else '元'}\n模板: {PROFILES[number % len(PROFILES)]}\n",
            encoding="utf-8")
    for index in range(projects):
        number = index % departments
        text = evaluation(rng, index, wan=number % 2 == 0, stage=stage)
        if index % 100 == 99:  # about one file in a hundred is broken, as officers' files are
            text = BROKEN[(index // 100) % len(BROKEN)] + text if BROKEN[(index // 100) % len(BROKEN)] else ""
        (year / f"合成部门{number:03d}" / f"项目{index:05d}.yaml").write_text(text, encoding="utf-8")
    return projects


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="projects (default 1000)")
    parser.add_argument("-m", type=int, default=0, help="departments (default n / 20)")
    args = parser.parse_args(argv)
    generate(args.folder, args.n, args.m or max(1, args.n // 20))
    print(f"{args.n} evaluations under {args.folder / 'inputs' / '2024'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
