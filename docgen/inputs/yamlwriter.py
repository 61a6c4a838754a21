"""An evaluation (the contract's keys, in order) → YAML as a person would write it.

Block style throughout; keys in the order given; numbers as written (``234.00``); a value quoted only
where YAML needs it (``">=85%"``, never ``≥85%``); texts that are long or hold line breaks as ``|``
blocks. PyYAML's emitter decides the quoting, so what it writes always reads back as the same text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

LONG_TEXT = 40  # characters; longer texts become | blocks, easier to edit than one long line
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Dumper(yaml.SafeDumper):
    """SafeDumper with Decimals as plain numbers and long texts as literal blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # list items indented under their key, as people write them

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style  # "">=90%"", as the input contract writes it


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = f"{value:f}"
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value or len(value) > LONG_TEXT:
        # A final line break makes the block "|" rather than "|-"; the loader strips it again.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _text)


class _OneLineDumper(_Dumper):
    """The same quoting, but a text always on one line (for a value inside a template's line)."""


_OneLineDumper.add_representer(str, yaml.SafeDumper.represent_str)


def one_line(value: str) -> str:
    """A text as a one-line YAML value, quoted only where YAML needs it (``">=90%"``, never ``≥90%``)."""
    if not value:
        return ""
    return yaml.dump(value, Dumper=_OneLineDumper, allow_unicode=True, width=10**6).removesuffix("\n...\n").strip()


def clean_text(text: str) -> str:
    """Tabs → spaces, other control characters dropped, trailing spaces of each line removed."""
    text = _CONTROL.sub("", text.replace("\t", " "))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _cleaned(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return clean_text(value) if isinstance(value, str) else value


def comment(lines: list[str]) -> str:
    """Lines as YAML comments, each on one line."""
    return "".join("# " + re.sub(r"\s+", " ", line).strip() + "\n" for line in lines)


def dump_evaluation(data: dict[str, Any], header: list[str] | None = None) -> str:
    """The evaluation as YAML text, with ``header`` as comments above it."""
    body = yaml.dump(_cleaned(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10**6, indent=2)
    return comment(header or []) + body
