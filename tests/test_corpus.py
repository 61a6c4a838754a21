"""The corpus of broken and hostile inputs (tests/corpus/bad) beside good ones (tests/corpus/good):
each bad file gets its exit status and a Chinese message with the words below, never a traceback,
and in one batch the good files still render.

Decision on links: an input reached by walking a folder must stay inside that folder (a link out of
it is refused); a file named on the command line is taken as named.

Decision on GBK/GB18030 files: refused, with how to re-save them as UTF-8 — guessing an encoding
could silently turn a number or a name into something else."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

CORPUS = Path(__file__).parent / "corpus"

# file → (exit status of `docgen check` on it alone, words its first message must contain)
EXPECTED: dict[str, tuple[int, str]] = {
    "不加引号的大于等于.yaml": (2, "请给整个值加上英文引号"),
    "Tab缩进.yaml": (2, "Tab"),
    "全角冒号.yaml": (2, "全角冒号"),
    "全角空格缩进.yaml": (2, "全角空格"),
    "冒号后没有空格.yaml": (2, "后面缺少空格"),
    "引号没有闭合.yaml": (2, "引号没有闭合（英文引号 \" 只有一个）"),
    "花括号没有闭合.yaml": (2, "{ } 没有闭合"),
    "方括号没有闭合.yaml": (2, "[ ] 没有闭合"),
    "缩进不齐.yaml": (2, "缩进不一致"),
    "重复的键.yaml": (2, "键“项目名称”重复了（第 2 行已有）"),
    "重复的指标列表.yaml": (2, "键“数量指标”重复了"),
    "三级指标拼错.yaml": (2, "未知的键“三级指忒”（是否应为“三级指标”？）"),
    "未知的顶层键.yaml": (2, "项目名称"),
    "未知的资金键.yaml": (2, "是否应为“年初预算数”"),
    "分值不是数字.yaml": (2, "分值”应为数字，实为“十”"),
    "金额不是数字.yaml": (2, "应为数字，实为“很多”"),
    "负的金额.yaml": (2, "不能为负数"),
    "项目资金是列表.yaml": (2, "“项目资金”下应为一组“键: 值”"),
    "年度总体目标是一段话.yaml": (2, "“年度总体目标”下应为一组“键: 值”"),
    "绩效指标是一段话.yaml": (2, "“绩效指标”下应为一组“键: 值”"),
    "二级指标下不是列表.yaml": (2, "应为指标列表"),
    "指标是一段话.yaml": (2, "每个指标应为一组“键: 值”"),
    "项目名称是列表.yaml": (2, "“项目名称”应为一个值"),
    "年度不是年份.yaml": (2, "四位年份"),
    "评分等级不对.yaml": (2, "优、良、中、差"),
    "资金单位不对.yaml": (2, "“元”或“万元”"),
    "缺少项目名称.yaml": (2, "缺少必填项“项目名称”"),
    "缺少年度资金总额.yaml": (2, "缺少“年度资金总额”"),
    "缺少年度指标值.yaml": (2, "缺少必填项“年度指标值”"),
    "实际完成值为空.yaml": (2, "实际完成值”不能为空"),
    "最外层是列表.yaml": (2, "最外层应为"),
    "空文件.yaml": (2, "文件是空的"),
    "只有注释.yaml": (2, "文件是空的"),
    "垂直制表符.yaml": (2, "控制字符 U+000B"),
    "换页符.yaml": (2, "控制字符 U+000C"),
    "空字符.yaml": (2, "控制字符 U+0000"),
    "转义的控制字符.yaml": (2, "控制字符 U+000B（可能写成了转义"),
    "亿万笑声.yaml": (2, "锚点"),
    "Python标签.yaml": (2, "不支持 YAML 标签“!!python/object/apply:os.system”"),
    "自定义标签.yaml": (2, "不支持 YAML 标签“!include”"),
    "合并键.yaml": (2, "锚点"),
    "多个文档.yaml": (2, "多个 YAML 文档"),
    "GBK编码.yaml": (2, "不是 UTF-8 编码。看起来是 GBK/GB18030"),
    "GB18030编码.yaml": (2, "另存为"),
    "总分填错.yaml": (1, "[TOTAL_MISMATCH]"),
    "得分高于分值.yaml": (1, "[SCORE_ABOVE_WEIGHT]"),
    "金额未填.yaml": (1, "[BLANK_VALUE]"),
    "很大的文件.yaml": (2, "文件过大"),
    "指向外面的链接.yaml": (2, "符号链接"),
    "链接循环.yaml": (2, "符号链接形成了循环"),
    "模板不存在.yaml": (2, "找不到模板“不存在的模板”"),
    "计算符号无法识别.yaml": (2, "计算符号“约”无法识别"),
    "年度指标值和指标值都写了.yaml": (2, "二者选一"),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The corpus, plus what is made at test time rather than committed: a huge file and a link out."""
    folder = tmp_path / "inputs" / "2024"
    shutil.copytree(CORPUS / "bad", folder / "bad")
    shutil.copytree(CORPUS / "good", folder / "good")
    (folder / "bad" / "很大的文件.yaml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    outside = tmp_path / "外面.yaml"
    shutil.copy(CORPUS / "good" / "带BOM.yaml", outside)
    (folder / "bad" / "指向外面的链接.yaml").symlink_to(outside)
    (folder / "bad" / "链接循环.yaml").symlink_to("链接循环.yaml")  # a link to itself
    return folder


def test_the_corpus_is_big_enough() -> None:
    assert len(list((CORPUS / "bad").iterdir())) + 2 >= 40
    made_at_test_time = {"很大的文件.yaml", "指向外面的链接.yaml", "链接循环.yaml"}
    assert {p.name for p in (CORPUS / "bad").iterdir()} | made_at_test_time == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_its_exit_status_and_message(cli: Callable[..., CliResult], corpus: Path,
                                                        name: str) -> None:
    status, words = EXPECTED[name]
    single = corpus / "单个"
    single.mkdir()
    (corpus / "bad" / name).rename(single / name)  # a link stays a link
    started = time.perf_counter()
    result = cli("check", str(single))
    assert time.perf_counter() - started < 5
    assert result.exit_code == status, result
    first = result.out.splitlines()[0]
    assert words in result.out, first
    assert f"{name}:" in first and "Traceback" not in result.out + result.err


@pytest.mark.slow
def test_check_and_render_the_whole_corpus_in_one_batch(cli: Callable[..., CliResult], corpus: Path,
                                                        tmp_path: Path) -> None:
    checked = cli("check", str(corpus))
    assert checked.exit_code == 2
    assert f"已检查 {4 + 3}，无法读取 {len(EXPECTED) - 3}" in checked.out  # 4 good + the three audit-only bad ones
    rendered = cli("render", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--formats", "docx,xlsx,pdf")
    assert rendered.exit_code == 2 and "Traceback" not in rendered.out + rendered.err
    made = {p.name for p in (tmp_path / "out" / "2024" / "good").iterdir()}
    assert made == {f"{stem}.{ext}" for stem in ("带BOM", "项目 名称（测试）、一", "全角数字和千分位", "取整顺序不同")
                    for ext in ("docx", "xlsx", "pdf")}
    assert not (tmp_path / "out" / "2024" / "bad" / "指向外面的链接.docx").exists()


def test_no_bad_file_makes_a_traceback_in_a_real_process(corpus: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "docgen", "check", str(corpus / "bad")], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert done.stdout.count("无法读取") >= len(EXPECTED) - 3
