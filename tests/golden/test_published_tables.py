"""Every published seed table, reproduced cell for cell by the sample inputs in all three formats.

Expected texts are read from the seed files (``seed_tables``), never produced by docgen; what docgen
wrote is read back with openpyxl, python-docx and pdfplumber. ``EXPLAINED`` lists each remaining
difference with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Sample
from tests.golden.readers import docx_paragraphs, docx_rows, pdf_rows, pdf_text, xlsx_rows
from tests.golden.seed_tables import SEEDS, SHARED_SEEDS, Table, project_of, records, seed_tables

# Which sample folder transcribes each seed file (written by hand from the seeds' agencies and years).
SEED_FOLDERS = {"000": "inputs/2022/中共上海市委组织部", "001": "inputs/2023/上海市人力资源和社会保障局",
                "002": "inputs/2024/中共上海市委组织部", "004": "inputs/2022/上海市闵行区地区工作办公室"}
SEED_TABLES = [(SEED_FOLDERS[path.name[:3]], table) for path in sorted(SEEDS.glob("*.txt")) for table in seed_tables(path)]
IDS = [f"{folder[7:11]}-{table.project}" for folder, table in SEED_TABLES]
READERS: dict[str, Callable[[Path], list[list[str]]]] = {"xlsx": xlsx_rows, "docx": docx_rows, "pdf": pdf_rows}

# Where the seed's text extraction cut an indicator's name (the rest of the cell went to the next line
# or page): (project, name as extracted) → the whole name, as the published table prints it. The row's
# values are still compared, under the whole name.
CUT_NAMES: dict[tuple[str, str], str] = {
    ("社会建设宣传", "指标:印制《闵行区社会建设"): "指标:印制《闵行区社会建设报告》验收合格率",
    ("社会建设宣传", "指标:》使用单位满意度"): "指标:《闵行区社会建设报告》使用单位满意度",
    ("社会建设重点工作研究", "指标:基层干部队伍社会治理"): "指标:基层干部队伍社会治理能力",
}


def test_the_copy_is_the_shared_seeds() -> None:
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone: the copy in tests/golden/seeds is used")
    assert {p.name: p.read_bytes() for p in SHARED_SEEDS.glob("*.txt")} == \
        {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}


def test_every_seed_table_is_read() -> None:
    assert len(SEED_TABLES) == 31
    assert all(table.project for _, table in SEED_TABLES)


@pytest.fixture(scope="module")
def by_project(samples: list[Sample]) -> dict[tuple[str, str], Sample]:
    return {(str(Path(sample.name).parent), project_of(xlsx_rows(sample.files["xlsx"]))): sample for sample in samples}


@pytest.mark.parametrize("extension", sorted(READERS))
@pytest.mark.parametrize(("folder", "seed"), SEED_TABLES, ids=IDS)
def test_table_shows_what_was_published(folder: str, seed: Table, extension: str,
                                        by_project: dict[tuple[str, str], Sample]) -> None:
    sample = by_project[(folder, seed.project)]
    rows = READERS[extension](sample.files[extension])
    expected = {CUT_NAMES.get((seed.project, key), key): want for key, want in records(seed.rows).items()}
    shown = records(rows)
    differences = {key: (want, shown.get(key)) for key, want in expected.items() if shown.get(key) != want}
    assert not differences, differences
    assert set(shown) == set(expected), set(shown) ^ set(expected)


@pytest.mark.parametrize(("folder", "seed"), SEED_TABLES, ids=IDS)
def test_title_lines_are_the_published_ones(folder: str, seed: Table, by_project: dict[tuple[str, str], Sample]
                                            ) -> None:
    files = by_project[(folder, seed.project)].files
    lines = [seed.title, seed.subtitle] if seed.subtitle else [seed.title]
    paragraphs = docx_paragraphs(files["docx"])
    assert [p for p in paragraphs if p][:len(lines)] == lines
    assert "".join(lines) in pdf_text(files["pdf"])
    assert [row[0] for row in xlsx_rows(files["xlsx"]) if row[0]][:len(lines)] == lines


# 2024 信息化建设项目: the seed's extraction dropped the empty cell between 评分等级 and 优 (the agency's four
# other 2024 tables, and all seven 2023 ones, show 优 in the third column)
GRADE_SHIFTED = {("inputs/2024/中共上海市委组织部", "信息化建设项目")}
GRADED = [(i, f, t) for i, (f, t) in zip(IDS, SEED_TABLES, strict=True)
          if "评分等级" in records(t.rows) and (f, t.project) not in GRADE_SHIFTED]


@pytest.mark.parametrize(("folder", "seed"), [(f, t) for _, f, t in GRADED], ids=[i for i, _, _ in GRADED])
def test_grade_stands_where_it_was_published(folder: str, seed: Table, by_project: dict[tuple[str, str], Sample]
                                             ) -> None:
    """``评分等级 | 优`` side by side: the grade starts in the column the seed shows it in."""
    [published] = [row for row in seed.rows if "评分等级" in row]
    [shown] = [row for row in xlsx_rows(by_project[(folder, seed.project)].files["xlsx"]) if "评分等级" in row]
    grade = records(seed.rows)["评分等级"][0]
    assert shown.index(grade) == published.index(grade)
