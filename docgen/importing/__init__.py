"""``docgen import``: 自评表 workbooks (.xlsx) and Word documents (.docx) → one YAML evaluation per form,
published values kept as declared.

    read_workbook (sheets.py) → find_forms (form.py) → dump_evaluation (inputs/yamlwriter.py) → a file per form
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import InputError, OutputError, Problem, Where
from docgen.files import safe_name, write_text
from docgen.importing.documents import read_document
from docgen.importing.form import Form, find_forms
from docgen.importing.sheets import cell_ref, read_workbook
from docgen.inputs import keys as k
from docgen.inputs.load import folder_year
from docgen.inputs.schema import schema_modeline
from docgen.inputs.yamlwriter import dump_evaluation

UNSAVED_FORMULA = "公式没有保存计算结果，无法读取：请在 Excel 或 WPS 中打开后保存，再导入。"
DECLARED_NOTE = "得分、执行率、总分、评分等级为原表公布的数值，docgen check 会按评分规则逐项核对。"


@dataclass
class Imported:
    """One form: where it came from, the file written (None if skipped) and what could not be placed."""

    form: Form
    source: Path
    target: Path | None
    skipped: str = ""

    @property
    def notes(self) -> list[Problem]:
        return self.form.notes


@dataclass
class WorkbookImport:
    """What importing one workbook gave: its forms, or the error that stopped it."""

    source: Path
    forms: list[Imported] = field(default_factory=list)
    error: InputError | None = None


WORD_SUFFIXES = (".docx", ".doc")  # a Word document's tables are read as one sheet (importing/documents.py)


def import_workbook(source: Path, out: Path | None, *, root: Path = Path("inputs"), profile: str | None = None,
                    force: bool = False, taken: set[Path] | None = None) -> WorkbookImport:
    """Read every form of ``source`` and write each to ``out/<项目名称>.yaml``.

    Without ``out``, each form goes where docgen looks for it: ``root/<年度>/<主管部门>/``.
    An existing file is kept unless ``force``; names already ``taken`` in this run get a suffix.
    """
    taken = taken if taken is not None else set()
    result = WorkbookImport(source)
    try:
        sheets = read_document(source) if source.suffix.lower() in WORD_SUFFIXES else read_workbook(source)
    except InputError as error:
        result.error = error
        return result
    for sheet in sheets:
        for form in find_forms(sheet):
            form.notes[:0] = [Problem(Where(cell_ref(sheet.name, row, col)), UNSAVED_FORMULA)
                              for row, col in sheet.formulas if form.first_row <= row <= form.last_row]
            if profile:
                form.data[k.PROFILE] = profile
            folder = out if out is not None else _home(root, form.data)
            target = _free_name(folder, safe_name(form.project or f"{sheet.name}-{form.first_row}"), sheet.name, taken)
            taken.add(target)
            if k.YEAR not in form.data and folder_year(str(target)) is None:
                form.notes.append(Problem(Where(cell_ref(sheet.name, form.first_row, 1)), "表中没有年度（如“（2024年度）”）：请把文件放在"
                                       "以年份命名的文件夹中（如 inputs/2024/），或在 YAML 中补写 年度。"))
            if target.exists() and not force:
                result.forms.append(Imported(form, source, None, f"{target} 已存在，没有覆盖（如需覆盖请加 --force）"))
                continue
            header = [f"由 docgen import 从“{source.name}”工作表“{sheet.name}”第 {form.first_row}–{form.last_row} 行导入。",
                      DECLARED_NOTE]
            if form.notes:
                header += ["导入时未能放置的内容，请对照原表补写：", *(f"  {note}" for note in form.notes)]
            modeline = schema_modeline(target, out if out is not None else root)
            try:
                write_text(target, modeline + dump_evaluation(form.data, header))
            except OutputError as error:  # the other forms still get written
                result.forms.append(Imported(form, source, None, error.message))
                continue
            result.forms.append(Imported(form, source, target))
    if not result.forms:
        result.error = InputError([Problem(Where(str(source)), "没有找到自评表：没有任何工作表或表格含“项目名称”标签。"
                                                                 "请确认这是财政项目支出绩效自评表。")])
    return result


def _home(root: Path, data: dict[str, object]) -> Path:
    """``inputs/2024/中共上海市委组织部``: the year and department folders of a form, where known."""
    parts = [str(data[key]) for key in (k.YEAR, k.DEPARTMENT) if data.get(key)]
    return root.joinpath(*(safe_name(part) for part in parts))


def _free_name(out: Path, name: str, sheet: str, taken: set[Path]) -> Path:
    """``out/name.yaml``, or ``name（sheet）.yaml``, ``name（sheet）2.yaml`` … when taken in this run."""
    candidate = out / f"{name}.yaml"
    number = 1
    while candidate in taken:
        suffix = "" if number == 1 else str(number)
        candidate = out / f"{name}（{sheet}）{suffix}.yaml"
        number += 1
    return candidate
