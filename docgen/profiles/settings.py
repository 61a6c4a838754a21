"""``profile.yaml`` → ``Settings``: page, fonts, number formats and which optional rows show.

Settings are data, merged key by key; every value is checked, and a wrong one is reported with
the file, line and what to write instead.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from docgen.errors import InputError, Problem
from docgen.inputs.keys import LEVELS, chinese
from docgen.inputs.written_numbers import parse_decimal
from docgen.inputs.yamltree import MapNode, Node, Scalar, SeqNode, describe
from docgen.printed import AS_WRITTEN
from docgen.scoring.variants import COMPUTED, DECLARED, DEVIATION, HALF_UP, NATIONAL, RATIO, TRUNCATE, Rules

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_TRUE, _FALSE = {"true", "yes", "on", "是", "显示", "1"}, {"false", "no", "off", "否", "隐藏", "0"}
NUMBER_FORMATS = ("0", "0.0", "0.00", "#,##0", "#,##0.0", "#,##0.00", "General", AS_WRITTEN)
# numbers.rate: percent (89.61%) or number (89.61), or the places as a format: "0.0%" (89.6%), "0.0" (89.6), "0%" …
RATE_FORMATS = ("percent", "number", *(f"{whole}{suffix}" for whole in ("0", "0.0", "0.00", "0.000")
                                       for suffix in ("%", "")))
WIDE, PAIR = "wide", "pair"
# The number cells of the form, by row kind: which columns a format (numbers.formats) and an empty
# marker (numbers.empty) can be set for. funding = the 年度资金总额 row, sources = the three rows under it,
# indicators = the 三级指标 rows, total = the 总分 row.
FORMAT_CELLS: dict[str, tuple[str, ...]] = {
    "funding": ("initial", "adjusted", "executed", "weight", "score"),
    "sources": ("initial", "adjusted", "executed"),
    "indicators": ("weight", "score"),
    "total": ("weight", "score"),
}
EMPTY_CELLS: dict[str, tuple[str, ...]] = {
    "funding": ("initial", "adjusted", "executed", "rate"),
    "sources": ("initial", "adjusted", "executed", "weight", "rate", "score"),
}


PDF_ENGINES = ("weasyprint", "typst")  # what lays out the PDFs (pdf.engine, --pdf-engine)

# The form's shape (``form:``): which blocks, rows and columns the table has, in which order. The
# defaults are the national form (财预〔2020〕10号); another province's form is these settings, no code.
SUMMARY_BLOCKS = ("basics", "funding", "goals")  # 项目名称…实施单位, 项目资金, 年度总体目标
FUNDING_COLUMNS = ("initial", "adjusted", "executed", "weight", "rate", "score", "reason")
INDICATOR_COLUMNS = ("level1", "level2", "level3", "sign", "index_value", "meter_unit", "target", "actual",
                     "weight", "score", "reason")
NATIONAL_FUNDING_ROWS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
KNOWN_FUNDING_ROWS = (*NATIONAL_FUNDING_ROWS, "财政资金", "财政专户管理资金", "单位资金")


@dataclass(frozen=True)
class Settings:
    """Everything about a table's look that is not wording (wording lives in ``labels.j2``)."""

    page_size: str = "A4"
    landscape: bool = False
    margins_mm: tuple[Decimal, Decimal, Decimal, Decimal] = (Decimal(20), Decimal(18), Decimal(20), Decimal(18))
    font_cjk: str = "宋体"
    font_latin: str = "Times New Roman"
    font_pdf: tuple[str, ...] = ("Noto Serif CJK SC",)
    title_pt: Decimal = Decimal(16)
    subtitle_pt: Decimal = Decimal(12)
    body_pt: Decimal = Decimal("10.5")
    footer_pt: Decimal = Decimal(9)  # the page header and footer
    line_height: Decimal = Decimal("1.35")  # a line's pitch in ems
    padding_mm: Decimal = Decimal("1.2")  # a cell's padding on each side
    border_pt: Decimal = Decimal("0.6")
    text_colour: str = "#000000"
    border_colour: str = "#000000"
    money_formats: dict[str, str] = field(default_factory=lambda: {"元": "#,##0", "万元": "0.00"})
    money_unit: str = ""  # "" shows amounts in the unit they were written in; 元 or 万元 converts
    score_format: str = "0.00"
    rate_format: str = "percent"  # numbers.rate as written: percent, number, or "0.0%", "0.0", …
    not_applicable: str = "—"
    blank_amount: str | None = None  # None: as not_applicable
    undefined_rate: str | None = None  # None: as not_applicable
    cell_formats: dict[tuple[str, str], str] = field(default_factory=dict)  # (row kind, column) → format
    empty_cells: dict[tuple[str, str], str] = field(default_factory=dict)  # (row kind, column) → marker
    printing: str = DECLARED
    show_grade_row: bool = True
    grade_style: str = WIDE
    show_source_rates: bool = True
    leading_column: bool = False
    pdf_archival: bool = True  # PDF/A-3 (GB/T 23286.3): embedded fonts, XMP metadata, an output intent
    pdf_tagged: bool = True  # tagged PDF (headings, tables with header cells, reading order) for screen readers
    pdf_engine: str = "weasyprint"  # or "typst": tables and reports laid out by Typst
    agency: str = ""
    logo: str = ""
    logo_width_mm: Decimal = Decimal(20)
    rules: Rules = NATIONAL
    summary_order: tuple[str, ...] = SUMMARY_BLOCKS
    funding_rows: tuple[str, ...] = NATIONAL_FUNDING_ROWS
    funding_columns: tuple[str, ...] = ("initial", "adjusted", "executed", "weight", "rate", "score")
    indicator_columns: tuple[str, ...] = ("level1", "level2", "level3", "target", "actual", "weight", "score",
                                          "reason")
    basics_rows: tuple[str, ...] = ()  # texts (by label) under 主管部门 | 实施单位, each a row: label | text
    goal_rows: tuple[str, ...] = ()  # texts (by label) added under the goals, each a row: label | text
    above: tuple[tuple[str, ...], ...] = ()  # lines above the table, each its texts side by side: “label：text”
    closing: tuple[str, ...] = ()  # texts after the indicator table, each a row: label | text
    signature: tuple[tuple[str, ...], ...] = ()  # the lines under the table (项目负责人：… 财务负责人：…)
    field_values: dict[str, str] = field(default_factory=dict)  # a text's value where the file has none
    qualitative_sign: str = "定性"  # 指标性质 of a target without a figure (及时, 有效)

    @property
    def pdf_a(self) -> str:
        """The PDF/A part and level every PDF engine writes: ``3a`` (archival and tagged), ``3b``
        (archival only), or ``""`` (not archival)."""
        return ("3a" if self.pdf_tagged else "3b") if self.pdf_archival else ""

    @property
    def rate_style(self) -> str:
        """``percent`` (89.61%) or ``number`` (89.61)."""
        number = self.rate_format == "number" or (self.rate_format.startswith("0") and not self.rate_format.endswith("%"))
        return "number" if number else "percent"

    @property
    def rate_places(self) -> int:
        """The decimal places of 执行率 (in percent): 2 unless ``numbers.rate`` gives a format with others."""
        if self.rate_format in ("percent", "number"):
            return 2
        return len(self.rate_format.rstrip("%").partition(".")[2])


def plain(node: Node) -> Any:
    """A located node → plain dicts, lists and strings (settings need no line once checked)."""
    if isinstance(node, MapNode):
        return {key: plain(entry.value) for key, entry in node.entries.items()}
    if isinstance(node, SeqNode):
        return [plain(item) for item in node.items]
    return None if node.is_null else node.text


# The keys profile.yaml may hold: a nested mapping for each section, "" for a value, "list" for a list.
SCHEMA: dict[str, Any] = {
    "extends": "",
    "page": {"size": "", "orientation": "", "margins_mm": {"top": "", "right": "", "bottom": "", "left": ""}},
    "fonts": {"cjk": "", "latin": "", "pdf": "list", "size_pt": {"title": "", "subtitle": "", "body": "", "footer": ""}},
    "table": {"border_pt": "", "padding_mm": "", "line_height": "", "border_colour": "", "text_colour": ""},
    "numbers": {"money": {"元": "", "万元": ""}, "money_unit": "", "score": "", "rate": "", "not_applicable": "",
                "blank_amount": "", "undefined_rate": "",
                "formats": {row: dict.fromkeys(columns, "") for row, columns in FORMAT_CELLS.items()},
                "empty": {row: dict.fromkeys(columns, "") for row, columns in EMPTY_CELLS.items()}},
    "printing": "",
    "rows": {"grade": "", "grade_style": "", "source_rates": "", "leading_column": ""},
    "agency": "",
    "pdf": {"archival": "", "tagged": "", "engine": ""},
    "logo": {"file": "", "width_mm": ""},
    "rules": {"rate_rounding": "", "reverse": "", "overshoot": {"over_percent": "", "deduct": ""}, "total_caps": "list",
              "required_categories": "list", "progress": {"attention": "", "alert": ""}},
    "form": {"summary_order": "list", "funding_rows": "list", "funding_columns": "list", "indicator_columns": "list",
             "basics_rows": "list", "goal_rows": "list", "above": "list", "closing": "list", "signature": "list", "values": "map",
             "qualitative_sign": ""},
}
BOUNDS = {"fonts.size_pt.title": (5, 72), "fonts.size_pt.subtitle": (5, 72), "fonts.size_pt.body": (5, 36),
          "fonts.size_pt.footer": (5, 36), "table.border_pt": (0, 6), "table.padding_mm": (0, 10),
          "table.line_height": (1, 3),
          "page.margins_mm.top": (0, 80), "page.margins_mm.right": (0, 80), "page.margins_mm.bottom": (0, 80),
          "page.margins_mm.left": (0, 80), "logo.width_mm": (1, 180), "rules.overshoot.deduct": (0, 100),
          "rules.overshoot.over_percent": (0, 10000), "rules.progress.attention": (0, 100),
          "rules.progress.alert": (0, 100)}


def check_shape(tree: MapNode, schema: dict[str, Any] | None = None, path: str = "") -> list[Problem]:
    """Keys profile.yaml does not know (with the nearest known one) and sections of the wrong kind."""
    schema = SCHEMA if schema is None else schema
    problems = []
    for key, entry in tree.entries.items():
        name = f"{path}{key}"
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.5)
            hint = f"是否应为“{path}{close[0]}”？" if close else f"可用的设置：{'、'.join(path + k for k in schema)}。"
            problems.append(Problem(entry.key_where, f"未知的设置“{name}”：{hint}"))
            continue
        wanted, value = schema[key], entry.value
        if isinstance(wanted, dict):
            if isinstance(value, MapNode):
                problems += check_shape(value, wanted, f"{name}.")
            elif not (isinstance(value, Scalar) and value.is_null):
                problems.append(Problem(value.where, f"设置“{name}”应为一组“键: 值”（{'、'.join(wanted)}），"
                                                     f"实为{describe(value)}。"))
        elif wanted == "list" and isinstance(value, MapNode):
            problems.append(Problem(value.where, f"设置“{name}”应为列表，实为{describe(value)}。"))
        elif wanted == "map" and not isinstance(value, MapNode) and not (isinstance(value, Scalar) and value.is_null):
            problems.append(Problem(value.where, f"设置“{name}”应为一组“标签: 内容”，实为{describe(value)}。"))
        elif wanted == "" and not isinstance(value, Scalar):
            problems.append(Problem(value.where, f"设置“{name}”应为一个值，实为{describe(value)}。"))
    return problems


def _schema_value(path: str) -> bool:
    """Whether ``path`` (``page.size``) names a single value in ``SCHEMA``, which ``check_shape`` checks."""
    wanted: Any = SCHEMA
    for part in path.split("."):
        if not isinstance(wanted, dict) or part not in wanted:
            return False
        wanted = wanted[part]
    return wanted == ""


def read_settings(tree: MapNode) -> Settings:
    """Check a merged settings tree and build ``Settings``; every problem is reported at once."""
    reader = _SettingsReader()
    reader.problems += check_shape(tree)
    settings = reader.read(tree)
    if reader.problems:
        raise InputError(reader.problems)
    return settings


class _SettingsReader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def node(self, tree: MapNode, path: str) -> Node | None:
        current: Node = tree
        for part in path.split("."):
            if not isinstance(current, MapNode) or part not in current.entries:
                return None
            current = current.entries[part].value
        return current

    def scalar(self, tree: MapNode, path: str) -> Scalar | None:
        value = self.node(tree, path)
        if value is None or isinstance(value, Scalar):
            return value
        if not _schema_value(path):  # a key of the schema is reported once, by check_shape, with what it is
            self.problems.append(Problem(value.where, f"设置“{path}”应为一个值。"))
        return None

    def text(self, tree: MapNode, path: str, default: str, allowed: tuple[str, ...] = ()) -> str:
        value = self.scalar(tree, path)
        if value is None:
            return default
        text = "" if value.is_null else value.text
        if allowed and text not in allowed:
            self.problems.append(Problem(value.where, f"设置“{path}”只能是 {' / '.join(allowed)}，实为“{text}”。"))
            return default
        return text

    def number(self, tree: MapNode, path: str, default: Decimal) -> Decimal:
        value = self.scalar(tree, path)
        if value is None:
            return default
        number = parse_decimal(value.text)
        if number is None or number < 0:
            self.problems.append(Problem(value.where, f"设置“{path}”应为非负数字，实为“{value.text}”。"))
            return default
        low, high = BOUNDS.get(path, (0, None))
        if number < low or (high is not None and number > high):
            self.problems.append(Problem(value.where, f"设置“{path}”为 {value.text}，超出合理范围 {low}–{high}。"))
            return default
        return number

    def flag(self, tree: MapNode, path: str, default: bool) -> bool:
        value = self.scalar(tree, path)
        if value is None:
            return default
        word = value.text.strip().lower()
        if word in _TRUE | _FALSE:
            return word in _TRUE
        self.problems.append(Problem(value.where, f"设置“{path}”应为 true 或 false，实为“{value.text}”。"))
        return default

    def read(self, tree: MapNode) -> Settings:
        base = Settings()
        fonts_pdf = self.node(tree, "fonts.pdf")
        pdf_families = base.font_pdf
        if isinstance(fonts_pdf, SeqNode):
            pdf_families = tuple(item.text for item in fonts_pdf.items if isinstance(item, Scalar) and item.text)
        elif isinstance(fonts_pdf, Scalar) and fonts_pdf.text:
            pdf_families = (fonts_pdf.text,)
        if not pdf_families and fonts_pdf is not None:
            self.problems.append(Problem(fonts_pdf.where, "设置“fonts.pdf”不能为空：请至少写一种已安装的中文字体，"
                                                          "如 [Noto Serif CJK SC]。"))
            pdf_families = base.font_pdf
        rate_format = self.text(tree, "numbers.rate", base.rate_format, RATE_FORMATS)
        margins = tuple(self.number(tree, f"page.margins_mm.{side}", default)
                        for side, default in zip(("top", "right", "bottom", "left"), base.margins_mm, strict=True))
        return Settings(
            page_size=self.text(tree, "page.size", base.page_size, ("A4", "A3")),
            landscape=self.text(tree, "page.orientation", "portrait", ("portrait", "landscape")) == "landscape",
            margins_mm=(margins[0], margins[1], margins[2], margins[3]),
            font_cjk=self.text(tree, "fonts.cjk", base.font_cjk),
            font_latin=self.text(tree, "fonts.latin", base.font_latin),
            font_pdf=pdf_families,
            title_pt=self.number(tree, "fonts.size_pt.title", base.title_pt),
            subtitle_pt=self.number(tree, "fonts.size_pt.subtitle", base.subtitle_pt),
            body_pt=self.number(tree, "fonts.size_pt.body", base.body_pt),
            footer_pt=self.number(tree, "fonts.size_pt.footer", base.footer_pt),
            line_height=self.number(tree, "table.line_height", base.line_height),
            padding_mm=self.number(tree, "table.padding_mm", base.padding_mm),
            border_pt=self.number(tree, "table.border_pt", base.border_pt),
            text_colour=self.colour(tree, "table.text_colour", base.text_colour),
            border_colour=self.colour(tree, "table.border_colour", base.border_colour),
            money_formats={unit: self.text(tree, f"numbers.money.{unit}", fmt, NUMBER_FORMATS)
                           for unit, fmt in base.money_formats.items()},
            money_unit=self.text(tree, "numbers.money_unit", base.money_unit, ("", "元", "万元")),
            score_format=self.text(tree, "numbers.score", base.score_format, NUMBER_FORMATS),
            rate_format=rate_format,
            not_applicable=self.text(tree, "numbers.not_applicable", base.not_applicable),
            blank_amount=self.optional_text(tree, "numbers.blank_amount"),
            undefined_rate=self.optional_text(tree, "numbers.undefined_rate"),
            cell_formats=self.per_cell(tree, "numbers.formats", FORMAT_CELLS, NUMBER_FORMATS),
            empty_cells=self.per_cell(tree, "numbers.empty", EMPTY_CELLS),
            printing=self.text(tree, "printing", base.printing, (DECLARED, COMPUTED)),
            show_grade_row=self.flag(tree, "rows.grade", base.show_grade_row),
            grade_style=self.text(tree, "rows.grade_style", base.grade_style, (WIDE, PAIR)),
            show_source_rates=self.flag(tree, "rows.source_rates", base.show_source_rates),
            leading_column=self.flag(tree, "rows.leading_column", base.leading_column),
            pdf_archival=self.flag(tree, "pdf.archival", base.pdf_archival),
            pdf_tagged=self.flag(tree, "pdf.tagged", base.pdf_tagged),
            pdf_engine=self.text(tree, "pdf.engine", base.pdf_engine, PDF_ENGINES),
            agency=self.text(tree, "agency", base.agency),
            logo=self.text(tree, "logo.file", base.logo),
            logo_width_mm=self.number(tree, "logo.width_mm", base.logo_width_mm),
            rules=replace(self.rules(tree), rate_places=Settings(rate_format=rate_format).rate_places),
            **self.form(tree, base),
        )

    def form(self, tree: MapNode, base: Settings) -> dict[str, Any]:
        """The ``form:`` block: the table's blocks, rows and columns, and the texts other provinces print."""
        order = self.names(tree, "form.summary_order", base.summary_order, SUMMARY_BLOCKS, every=True)
        rows = self.names(tree, "form.funding_rows", base.funding_rows, KNOWN_FUNDING_ROWS,
                          labels="，或写文件“项目资金”中某一行的名称（如 上级补助）")
        indicator_columns = self.names(tree, "form.indicator_columns", base.indicator_columns, INDICATOR_COLUMNS,
                                       labels="，或写一个中文栏目名（各指标在“其他栏目”中写它的内容）")
        if not {"level1", "level2", "level3", "weight", "score"} <= set(indicator_columns):
            self.problems.append(Problem(self.node(tree, "form.indicator_columns").where,  # type: ignore[union-attr]
                                         "设置“form.indicator_columns”须含 level1、level2、level3、weight、score。"))
            indicator_columns = base.indicator_columns
        values_node = self.node(tree, "form.values")
        values = {key: "" if entry.value.is_null else entry.value.text
                  for key, entry in values_node.entries.items() if isinstance(entry.value, Scalar)
                  } if isinstance(values_node, MapNode) else {}
        return {
            "summary_order": order, "funding_rows": rows,
            "funding_columns": self.names(tree, "form.funding_columns", base.funding_columns, FUNDING_COLUMNS),
            "indicator_columns": indicator_columns,
            **{name: self.names(tree, f"form.{name}", (), empty_ok=True)
               for name in ("basics_rows", "goal_rows", "closing")},
            **{name: self.lines(tree, f"form.{name}") for name in ("above", "signature")},
            "field_values": values,
            "qualitative_sign": self.text(tree, "form.qualitative_sign", base.qualitative_sign),
        }

    def lines(self, tree: MapNode, path: str) -> tuple[tuple[str, ...], ...]:
        """``form.above`` / ``form.signature``: one line of labels side by side (``[项目负责人, 财务负责人]``),
        or several lines, each a list (``[[填报单位, 填报日期], [报表编号]]``)."""
        node = self.node(tree, path)
        if not isinstance(node, SeqNode) or not any(isinstance(item, SeqNode) for item in node.items):
            line = self.names(tree, path, (), empty_ok=True)
            return (line,) if line else ()
        found = []
        for item in node.items:
            texts = item.items if isinstance(item, SeqNode) else [item]
            labels = tuple(t.text.strip() for t in texts if isinstance(t, Scalar) and not t.is_null and t.text.strip())
            if not labels or len(labels) != len(texts):
                self.problems.append(Problem(item.where, f"设置“{path}”的每一行应为栏目名的列表，如 [填报单位, 填报日期]。"))
                continue
            found.append(labels)
        return tuple(found)

    def names(self, tree: MapNode, path: str, default: tuple[str, ...], allowed: tuple[str, ...] = (),
              every: bool = False, empty_ok: bool = False, labels: str = "") -> tuple[str, ...]:
        """A list of names (columns, rows, labels), each one of ``allowed`` when given, none twice;
        ``every``: each of ``allowed`` exactly once (an order); ``labels`` (what to say of them): a Chinese
        label is allowed too (a column of texts the file writes under 其他栏目, a province's own source row)."""
        node = self.node(tree, path)
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return default
        items = node.items if isinstance(node, SeqNode) else []
        names = tuple(item.text.strip() for item in items if isinstance(item, Scalar) and not item.is_null)
        wrong = [name for name in names if allowed and name not in allowed and not (labels and chinese(name))]
        if not isinstance(node, SeqNode) or wrong or len(set(names)) != len(names) or not (names or empty_ok) \
                or (every and set(names) != set(allowed)):
            what = f"{'依次列出' if every else '从这些中选'}：{'、'.join(allowed)}" if allowed else "如 [评价结论, 存在问题]"
            what += labels
            problems = f"（“{'、'.join(wrong)}”不可用）" if wrong else ""
            self.problems.append(Problem(node.where, f"设置“{path}”应为不重复的列表{problems}，{what}。"))
            return default
        return names

    def rules(self, tree: MapNode) -> Rules:
        """The ``rules:`` block: the agency's variants of the national scoring rules."""
        base = NATIONAL
        caps = []
        listed = self.node(tree, "rules.total_caps")
        if isinstance(listed, SeqNode):
            for item in listed.items:
                if not isinstance(item, MapNode):
                    self.problems.append(Problem(item.where, "rules.total_caps 的每一项应写成 {rate_below: 80, cap: 89}。"))
                    continue
                caps.append((self.number(item, "rate_below", Decimal(0)), self.number(item, "cap", Decimal(100))))
        elif listed is not None and not (isinstance(listed, Scalar) and listed.is_null):
            self.problems.append(Problem(listed.where, "rules.total_caps 应为列表，例如 [{rate_below: 80, cap: 89}]。"))
        return Rules(
            rate_rounding=self.text(tree, "rules.rate_rounding", base.rate_rounding, (HALF_UP, TRUNCATE)),
            reverse=self.text(tree, "rules.reverse", base.reverse, (RATIO, DEVIATION)),
            overshoot_percent=self.number(tree, "rules.overshoot.over_percent", base.overshoot_percent),
            overshoot_deduction=self.number(tree, "rules.overshoot.deduct", base.overshoot_deduction),
            total_caps=tuple(sorted(caps)),
            required_categories=self.names(tree, "rules.required_categories", base.required_categories,
                                           tuple(LEVELS), empty_ok=True),
            attention_points=self.number(tree, "rules.progress.attention", base.attention_points),
            alert_points=self.number(tree, "rules.progress.alert", base.alert_points),
        )

    def per_cell(self, tree: MapNode, section: str, cells: dict[str, tuple[str, ...]],
                 allowed: tuple[str, ...] = ()) -> dict[tuple[str, str], str]:
        """``numbers.formats`` or ``numbers.empty``: the cells set, by (row kind, column)."""
        chosen = {}
        for row, columns in cells.items():
            for column in columns:
                path = f"{section}.{row}.{column}"
                value = self.optional_text(tree, path)
                if value is None:
                    continue
                if allowed and value not in allowed:
                    self.problems.append(Problem(self.node(tree, path).where,  # type: ignore[union-attr]
                                                 f"设置“{path}”只能是 {' / '.join(allowed)}，实为“{value}”。"))
                    continue
                chosen[(row, column)] = value
        return chosen

    def colour(self, tree: MapNode, path: str, default: str) -> str:
        """A colour as ``#RRGGBB`` (every engine reads that one form)."""
        value = self.scalar(tree, path)
        if value is None:
            return default
        text = value.text.strip()
        if not _COLOUR.fullmatch(text):
            self.problems.append(Problem(value.where, f"设置“{path}”应为 #RRGGBB 形式的颜色，如 \"#000000\"（黑）、"
                                                      f"\"#1F3864\"（深蓝），实为“{value.text}”。注意加引号：# 在 YAML 中开始注释。"))
            return default
        return text.upper()

    def optional_text(self, tree: MapNode, path: str) -> str | None:
        """A text setting that may be left out (None) or set to blank ("")."""
        value = self.scalar(tree, path)
        if value is None:
            return None
        return "" if value.is_null else value.text

