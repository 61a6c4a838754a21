"""``docgen schema``: a valid draft-7 schema that every sample passes, that refuses what the loader refuses,
and that has a Chinese title, description and example for every key an editor can offer."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from docgen.inputs import keys as k
from docgen.inputs.schema import input_schema
from docgen.pipeline import check_file
from tests.conftest import DATA, EXAMPLE, ROOT, CliResult, replace_line

SAMPLES = sorted(p for folder in ("inputs", "examples") for p in (ROOT / folder).rglob("*.yaml")
                 if not p.name.startswith("_"))
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = input_schema(["default"])
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(validator: jsonschema.Draft7Validator, text: str) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml.safe_load(text))]


@pytest.mark.parametrize("path", [*SAMPLES, DATA / "example.yaml"], ids=lambda p: p.name)
def test_every_sample_passes(validator: jsonschema.Draft7Validator, path: Path) -> None:
    assert errors(validator, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("old", "new"), [
    ("项目名称: 党建服务工作经费\n", ""),  # required
    ("资金单位: 万元", "资金单位: 美元"),
    ("评分等级: 优", "评分等级: A"),
    ("实施单位:", "实施部门:"),  # unknown key
    ("{三级指标: 工作验收合格率, 年度指标值: \"=100(%)\", 实际完成值: 100.00(%), 分值: 10}",
     "{三级指标: 工作验收合格率, 年度指标值: \"=100(%)\", 实际完成值: 100.00(%)}"),  # no 分值
    ("{三级指标: 工作验收合格率,", "{三级指票: 工作验收合格率,"),
    ("年初预算数: 234.00,", "年初预算数: 二百三十四,"),
    ("执行率: 78.91,", "执行率: 七十八,"),
])
def test_what_the_loader_refuses_is_underlined(validator: jsonschema.Draft7Validator, old: str, new: str) -> None:
    assert errors(validator, replace_line(EXAMPLE, old, new))


@pytest.mark.parametrize(("old", "new"), [
    ("年初预算数: 234.00,", "年初预算数: \"13,414,500\","),
    ("年初预算数: 234.00,", "年初预算数: —,"),
    ("执行率: 78.91,", "执行率: 78.91%,"),
    ("分值: 10, 执行率", "分数: 10, 执行率"),
    ("年度: 2024", "年度: 2024年度"),
])
def test_what_the_loader_accepts_passes(validator: jsonschema.Draft7Validator, old: str, new: str) -> None:
    text = replace_line(EXAMPLE, old, new)
    assert errors(validator, text) == []


def _properties(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{path}/{name}", sub
        for key, sub in schema.items():
            if key in ("properties",):
                for name, inner in sub.items():
                    yield from _properties(inner, f"{path}/{name}")
            elif isinstance(sub, dict | list):
                yield from _properties(sub, path)
    elif isinstance(schema, list):
        for item in schema:
            yield from _properties(item, path)


def test_every_key_has_a_chinese_title_description_and_example() -> None:
    found = list(_properties(input_schema()))
    assert len(found) > 40
    for where, schema in found:
        assert CHINESE.search(schema.get("title", "")) or where.endswith("$schema"), where
        assert CHINESE.search(schema.get("description", "")), where
        assert schema.get("examples") or schema.get("enum") or schema.get("type") in ("object", "array"), where


def test_schema_names_every_key_of_the_contract() -> None:
    schema = input_schema()
    assert set(k.TOP_LEVEL) <= set(schema["properties"])
    indicator = schema["properties"][k.INDICATORS]["properties"]["产出指标"]["properties"]["数量指标"]["items"]
    assert set(k.INDICATOR_KEYS) <= set(indicator["properties"])
    assert set(k.LEVELS["效益指标"]) <= set(schema["properties"][k.INDICATORS]["properties"]["效益指标"]["properties"])


def test_the_loader_accepts_the_editor_lines(write: Callable[..., Path]) -> None:
    path = write("2024/部门/项目.yaml", "# yaml-language-server: $schema=../../docgen.schema.json\n"
                                       "$schema: ../../docgen.schema.json\n" + EXAMPLE)
    checked = check_file(str(path))
    assert checked.error is None and checked.scored is not None


def test_cli_writes_the_schema(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    target = tmp_path / "inputs" / "docgen.schema.json"
    result = cli("schema", "-o", str(target))
    assert result.exit_code == 0 and "yaml-language-server" in result.out
    written = json.loads(target.read_text(encoding="utf-8"))
    assert "上海市人社局" in written["properties"]["模板"]["examples"]
    shown = cli("schema")
    assert shown.exit_code == 0 and json.loads(shown.out) == written
