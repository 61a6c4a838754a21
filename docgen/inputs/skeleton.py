"""``docgen new``: a new evaluation from the standard skeleton, in the folder docgen reads it from.

The skeleton (``skeleton.yaml.j2``) lays out the usual 一级/二级指标 with one empty indicator each and a
comment on every key; whatever is still blank, ``docgen check`` names with its line. Keys a
``_defaults.yaml`` above the new file already gives (主管部门, 资金单位, 模板) are left to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from docgen.errors import UsageError
from docgen.files import safe_name, write_text
from docgen.inputs import keys as k
from docgen.inputs.load import defaults_chain
from docgen.inputs.records import FUNDING_ROWS, TOTAL_ROW
from docgen.inputs.schema import schema_modeline
from docgen.inputs.yamltree import read_tree
from docgen.inputs.yamlwriter import one_line

# The 二级指标 the skeleton opens, with an example target and actual; the others are left as comments.
OPENED = {
    "数量指标": ("≥90%、=100(%)、\">=135人\"", "95%、343人"),
    "质量指标": ("=100%", "100%"),
    "时效指标": ("及时、2025年12月底前", "及时"),
    "社会效益指标": ("有效、提升", "有效"),
    "服务对象满意度指标": ("≥90%", "95%"),
}


@dataclass(frozen=True)
class NewEvaluation:
    project: str
    department: str
    year: int
    unit: str = ""
    money_unit: str = ""  # "" — as _defaults.yaml says, else 万元
    profile: str = ""
    structured: bool = False  # the target as 计算符号 / 指标值 / 计量单位 (the 一体化 systems' fields)
    stage: str = "申报"  # a project starts at its 申报表; 自评 writes the 自评表's columns at once
    # what the profile's form prints (form: settings): its funding rows, and the texts it has places for
    funding_rows: tuple[str, ...] = FUNDING_ROWS
    texts: tuple[str, ...] = ()


def default_year(today: dt.date | None = None) -> int:
    """Last year: a self-evaluation is written after the year it evaluates has ended."""
    return (today or dt.date.today()).year - 1


def target_path(root: Path, new: NewEvaluation) -> Path:
    """``inputs/2025/主管部门/项目名称.yaml``; names made safe as file names."""
    return root / str(new.year) / safe_name(new.department) / f"{safe_name(new.project)}.yaml"


def write_new(root: Path, new: NewEvaluation, force: bool = False) -> Path:
    """Write the skeleton for ``new`` below ``root``; an existing file is kept unless ``force``."""
    if not new.project.strip() or not new.department.strip():
        raise UsageError("请给出项目名称和主管部门，例如：docgen new 党建服务工作经费 --department 中共上海市委组织部")
    path = target_path(root, new)
    if path.exists() and not force:
        raise UsageError(f"{path} 已存在，没有覆盖。如需重新生成请加 --force（原文件会被替换）。")
    given = _given_by_defaults(path)
    text = _template().render(
        project=new.project.strip(), year=new.year, file_name=path.name,
        department="" if k.DEPARTMENT in given else new.department.strip(),
        unit=new.unit.strip(), money_unit=new.money_unit or ("" if k.MONEY_UNIT in given else "万元"),
        profile=new.profile, structured=new.structured, declare=new.stage == "申报",  # "" — as _defaults.yaml says, or none
        sources=[name for name in new.funding_rows if name != TOTAL_ROW],
        texts=[text for text in new.texts if text in k.NARRATIVE],
        other_texts=[text for text in new.texts if text not in k.NARRATIVE],
        modeline=schema_modeline(path, root),
        indicators=[(level1, [(level2, OPENED.get(level2)) for level2 in children])
                    for level1, children in k.LEVELS.items() if level1 != "成本指标"],
    )
    return write_text(path, text)


def _given_by_defaults(path: Path) -> set[str]:
    """The top-level keys the ``_defaults.yaml`` files above ``path`` already set."""
    given: set[str] = set()
    for defaults in defaults_chain(str(path)):
        given.update(read_tree(str(defaults)).entries)
    return given


def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.PackageLoader("docgen", "inputs"), autoescape=False,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["yaml"] = one_line
    return env.get_template("skeleton.yaml.j2")
