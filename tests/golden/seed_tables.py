"""The published tables in ``shared/seeds``, read as rows of cell texts, and what a reader compares in them.

Nothing here imports docgen: the expected texts come from the seeds' own text (tab-separated lines,
or Markdown ``| a | b |`` rows), and the same reading is applied to what docgen wrote (rows of cell
texts read back from the .xlsx, .docx and PDF), so one reading compares both.

A seed's text extraction sometimes shifts a cell left or right, so nothing is compared by column
position: each row is found by its label (``年度资金总额``, an indicator's name, ``总分``, ``评分等级``)
and what follows the label is compared as the sequence of the texts shown, blanks left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# A copy of ../shared/seeds (the published tables), so a clone runs the golden tests anywhere;
# test_published_tables checks the copy against ../shared/seeds when that folder is there.
SEEDS = Path(__file__).resolve().parent / "seeds"
SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
TITLE = re.compile(r"^#*\s*(财政项目支出绩效自[^(（]*)([(（]\d{4}年度[)）])?$")
FUNDING_LABELS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


def normal(text: str | None) -> str:
    """A cell's text without markup and whitespace (seeds wrap long texts with spaces or <p>)."""
    text = re.sub(r"</?p[^>]*>", "", text or "")
    return re.sub(r"\s+", "", text)


def split_line(line: str) -> list[str]:
    if line.lstrip().startswith("|"):
        return [cell.strip() for cell in line.strip().strip("|").split("|")]
    return line.split("\t")


def is_rule(cells: list[str]) -> bool:
    """A Markdown table's |---|---| line."""
    return all(re.fullmatch(r":?-*:?", cell.strip()) for cell in cells) and any("-" in cell for cell in cells)


@dataclass
class Table:
    """One published table: its title lines and rows of normalized cell texts."""

    title: str
    subtitle: str = ""
    rows: list[list[str]] = field(default_factory=list)

    @property
    def project(self) -> str:
        return project_of(self.rows)


def seed_tables(path: Path) -> list[Table]:
    tables: list[Table] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = split_line(line)
        texts = [normal(cell) for cell in cells]
        shown = [t for t in texts if t]
        if not shown or is_rule(cells):
            continue
        title = TITLE.match(shown[0]) if len(shown) == 1 else None
        if title:
            tables.append(Table(title.group(1), title.group(2) or ""))
        elif tables and len(shown) == 1 and re.fullmatch(r"[(（]\d{4}年度[)）]", shown[0]) and not tables[-1].rows:
            tables[-1].subtitle = shown[0]
        elif tables:
            tables[-1].rows.append(texts)
    return tables


def project_of(rows: list[list[str]]) -> str:
    for index, row in enumerate(rows):
        shown = [t for t in row if t]
        if shown and shown[0] == "项目名称":
            if len(shown) > 1:
                return shown[1]
            before = [t for t in rows[index - 1] if t] if index else []
            return before[0] if len(before) == 1 else ""  # the extraction put the name on the line above
    return ""


def after(row: list[str], label: str) -> list[str] | None:
    """The texts shown after the cell that is (or ends with) ``label``."""
    for index, text in enumerate(row):
        if text == label or (text.endswith(label) and label in FUNDING_LABELS):
            return [t for t in row[index + 1:] if t]
    return None


def is_number(text: str) -> bool:
    return bool(NUMBER.fullmatch(text))


def records(rows: list[list[str]]) -> dict[str, list[str]]:
    """What a reader compares: the funding heading and rows, each indicator's row from its name on,
    总分 and 评分等级, each as the texts shown after its label."""
    found: dict[str, list[str]] = {}
    indicators = False
    for row in rows:
        shown = [t for t in row if t]
        if "三级指标" in shown:
            indicators = True
            continue
        if not indicators:
            if shown and shown[0].startswith("项目资金"):
                found["项目资金"] = shown[1:]
            for label in FUNDING_LABELS:
                values = after(row, label)
                if values is not None and label not in found:
                    found[label] = values
            continue
        if "评分等级" in shown:
            found["评分等级"] = after(row, "评分等级") or []
        elif "总分" in shown:
            found["总分"] = after(row, "总分") or []
        elif shown and all(is_number(t) for t in shown) and len(shown) == 2:
            found["总分"] = shown  # a 总分 row whose label the extraction lost
        else:
            pair = _score_pair(shown)
            if pair is not None and pair >= 3:
                name = shown[pair - 3]
                found[f"指标:{name}"] = shown[pair - 2:]
    return found


def _score_pair(shown: list[str]) -> int | None:
    """Where 分值 stands in an indicator row: the last two numbers side by side, at most a reason after."""
    for index in range(len(shown) - 2, -1, -1):
        if is_number(shown[index]) and is_number(shown[index + 1]) and len(shown) - index - 2 <= 1:
            return index
    return None
