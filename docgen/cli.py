"""The command line: the only module that prints or exits. Errors become Chinese messages and exit codes.

About 380 lines for a reason: eight commands (check, render, import, new, schema, profiles, serve and the root),
each with its options, Chinese help text and what it prints, kept beside the command they belong to; the work
itself is elsewhere (pipeline, render/, importing/, inputs/skeleton), Click's errors in ``usage_errors``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from docgen import __version__
from docgen.audit.checked import PRINTED_DIFFERENCES
from docgen.audit.findings import Severity
from docgen.audit.listing import as_json, summary_line, text_lines
from docgen.cli_help import COMMAND_METAVAR, OPTIONS_METAVAR
from docgen.cli_help import install as install_chinese_help
from docgen.errors import (
    EXIT_AUDIT_ERRORS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    DocgenError,
    Interrupted,
    UsageError,
)
from docgen.fonts import pdf_support
from docgen.inputs.load import find_inputs
from docgen.inputs.records import STAGES
from docgen.painters import FORMATS
from docgen.pipeline import Rendered, check_paths
from docgen.profiles.check import check_profile
from docgen.profiles.load import BUILTIN_TEMPLATES, Profiles, describe_profiles, template_roots
from docgen.render.run import Run, RunResult, render_files
from docgen.usage_errors import usage_message

install_chinese_help()
app = typer.Typer(
    help="docgen：财政项目支出绩效自评表的校验、评分、审核与出版。",
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar=COMMAND_METAVAR,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"docgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本号后退出。")] = False,
) -> None:
    """docgen：财政项目支出绩效自评表的校验、评分、审核与出版。"""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="自评表 YAML 文件或文件夹（递归查找）。", show_default=False,
                                                               metavar="路径")],
    as_json_output: Annotated[bool, typer.Option("--json", help="以 JSON 输出全部结果。")] = False,
    profile: Annotated[str | None, typer.Option("--profile", help="按这个模板的评分规则（rules:）评分（覆盖文件中的“模板”）。")] = None,
    templates: Annotated[list[str] | None, typer.Option("--templates", help="额外的模板文件夹（可多次指定）。")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help=STAGE_HELP)] = None,
) -> None:
    """校验、评分并审核自评表（或申报表、监控表）：逐条列出问题（文件:行），并给出执行率、总分和评分等级。

    评分按文件所用模板（“模板”或 --profile）在 profile.yaml 的 rules: 中写明的评分规则（默认为全国规则）。

    退出码：0 无错误；1 审核发现错误；2 有文件无法读取。
    """
    started = time.perf_counter()
    profiles = Profiles(tuple(templates or ()))
    if profile is not None:
        profiles.get(profile)  # an unknown --profile stops before any work
    results = check_paths(paths, profiles, profile, stage_option(stage))
    if as_json_output:
        typer.echo(json.dumps([as_json(c) for c in results], ensure_ascii=False, indent=2))
    else:
        for checked in results:
            for line in text_lines(checked):
                typer.echo(line)
        typer.echo(summary_line(results, time.perf_counter() - started))
    if any(c.error is not None for c in results):
        raise typer.Exit(EXIT_UNREADABLE)
    if any(c.count(Severity.ERROR) for c in results):
        raise typer.Exit(EXIT_AUDIT_ERRORS)
    raise typer.Exit(EXIT_OK)


@app.command()
def render(
    paths: Annotated[list[str], typer.Argument(help="自评表 YAML 文件或文件夹（递归查找）。", show_default=False,
                                                               metavar="路径")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件夹；输出路径与 inputs/ 下的路径对应。")] = Path(
        "outputs"),
    formats: Annotated[str, typer.Option("--formats", help="输出格式，逗号分隔：docx,xlsx,pdf。")] = ",".join(FORMATS),
    profile: Annotated[str | None, typer.Option("--profile", help="所有文件都使用这个模板（覆盖文件中的“模板”）。")] = None,
    templates: Annotated[list[str] | None, typer.Option("--templates", help="额外的模板文件夹（可多次指定）。")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="审核发现错误、或填报的数字与计算结果有出入（含取整差异）的文件不生成文档。")] = False,
    no_reports: Annotated[bool, typer.Option("--no-reports", help="只生成自评表，不生成汇总表、报告和审核意见。")] = False,
    stage: Annotated[str | None, typer.Option("--stage", help=STAGE_HELP)] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, help="并行的进程数（默认为 CPU 核数）。")] = os.cpu_count() or 1,
    executor: Annotated[str | None, typer.Option("--executor", help="在已有的 Dask 集群上运行：dask://主机:端口。")] = None,
    force: Annotated[bool, typer.Option("--force", help="全部重新生成（忽略上次运行的缓存）。")] = False,
    pdf_engine: Annotated[str | None, typer.Option(
        "--pdf-engine", help="PDF 排版引擎：weasyprint（默认，可用 table.html.j2 定制）或 typst（快约 10 倍）；"
                             "覆盖模板中的 pdf.engine。")] = None,
) -> None:
    """把自评表渲染为 Word、Excel 和 PDF：inputs/2024/A/B.yaml → outputs/2024/A/B.docx|.xlsx|.pdf。

    无法读取的文件会被报告并跳过，其余文件照常生成。退出码：0 全部生成；1 使用 --strict 且审核发现错误；
    2 有文件无法读取或生成失败；3 用法有误或缺少必需的系统组件。
    """
    chosen = tuple(dict.fromkeys(name.strip() for name in formats.split(",") if name.strip()))
    if not chosen:
        raise UsageError(f"--formats 没有给出任何格式：请写 docx、xlsx、pdf 中的一种或几种，如 --formats {','.join(FORMATS)}。")
    if "pdf" in chosen:
        errors, warnings = pdf_support(pdf_engine)
        for warning in warnings:
            typer.echo(f"docgen: 注意：{warning}", err=True)
        if errors:
            raise UsageError("\n".join(errors))
    run = Run(output, chosen, profile, tuple(templates or ()), strict, force, pdf_engine, keep=False,
              stage=stage_option(stage))
    files = find_inputs(paths)
    try:
        with _progress(len(files)) as progress:
            result = render_files(files, run, jobs, executor, reports=not no_reports, progress=progress)
    except Interrupted as stopped:
        done = stopped.done if isinstance(stopped.done, RunResult) else None
        made = len(done.made) if done is not None else 0
        typer.echo(f"已中断：{made} 个文件的文档已生成，其余未生成" + ("（报告和汇总表未更新）" if done is not None else "")
                   + f"；已完成的部分已记录，再次运行同一命令会从这里继续。输出在 {output}/。")
        raise typer.Exit(stopped.exit_code) from None
    for failure in result.published.failures:
        typer.echo(f"报告生成失败 {failure.format_message()}")
    typer.echo(_summary_line(result, output, reports=not no_reports))
    if result.count(Severity.ERROR) or result.count(Severity.WARNING):
        typer.echo("运行 docgen check 可查看每条审核意见的详情。")
    raise typer.Exit(result.exit_code)


STAGE_HELP = ("项目一年中的哪张表：申报（绩效目标申报表）、监控（绩效运行监控表）或 自评（自评表）；"
              "不写时每个文件按它已填到的最后阶段。")


def _new_stage(value: str) -> str:
    stage = stage_option(value)
    if stage not in ("申报", "自评"):
        raise UsageError(f"docgen new 的 --stage 只能是 申报 或 自评，实为“{value}”：监控的栏目加写在申报的文件中。")
    return stage  # type: ignore[return-value]


def stage_option(value: str | None) -> str | None:
    """--stage as written (申报, 申报表, 监控表 …) → the stage; an unknown one stops with the three to choose."""
    if value is None:
        return None
    stage = value.strip().removesuffix("表")
    if stage not in STAGES:
        raise UsageError(f"--stage 只能是 {'、'.join(STAGES)} 之一，实为“{value}”。")
    return stage


def _summary_line(result: RunResult, output: Path, reports: bool) -> str:
    """The one sentence a render ends with, from the run's own figures."""
    counts = "，".join(f"{s.value} {result.count(s)}" for s in Severity)
    unchanged = f"，未改变而跳过 {len(result.unchanged)}" if result.unchanged else ""
    skipped = f"，因审核错误未生成 {len(result.skipped)}" if result.skipped else ""
    published = f"；报告和汇总表 {len(result.published.written)} 份" if reports else ""
    published += f"；删除过期文件 {len(result.removed)} 份" if result.removed else ""
    split = f"（自评表 {result.seconds:.1f} 秒，报告和汇总表 {result.report_seconds:.1f} 秒）" if reports else ""
    return (f"共 {result.files} 个文件：已生成 {len(result.made)}{unchanged}，失败 {len(result.failed)}{skipped}"
            f"{published}；{'本次生成的文件' if result.unchanged else ''}审核发现 {counts}；输出在 {output}/；"
            f"用时 {result.seconds + result.report_seconds:.1f} 秒{split}。")


@app.command("import")
def import_(
    workbooks: Annotated[list[Path], typer.Argument(help="自评表 Excel 工作簿（.xlsx）或 Word 文档（.docx），可多个。",
                                                                   show_default=False, metavar="文件")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="写入的文件夹，如 inputs/2024/中共上海市委组织部/；不指定时按每张表的年度和主管部门"
                               "写入 inputs/年度/主管部门/。")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="在导入的文件中写上“模板: 名称”。")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名 YAML 文件。")] = False,
    templates: Annotated[list[str] | None, typer.Option("--templates", help="额外的模板文件夹（--profile 在其中查找）。")] = None,
) -> None:
    """把已有的自评表 Excel 工作簿（.xlsx）或 Word 文档（.docx）导入为 YAML：每张表一个文件，原表公布的得分、总分等作为填报值保留。

    按标签（而非固定单元格）识别表格：合并单元格、空行空列、“绩效指标”前导列、分值/分数等措辞、元或万元、
    以文本保存的数字都可识别；一个工作表可以上下排列多张表。无法识别的单元格会以“工作表!单元格”列出，
    绝不臆造数值。退出码：0 全部导入；1 有单元格未能导入、文件已存在或无法写入；2 有工作簿无法读取。
    """
    from docgen.importing import import_workbook

    if profile is not None:
        Profiles(tuple(templates or ())).get(profile)  # a profile render would refuse is refused now
    folders = [str(path) for path in workbooks if path.is_dir()]
    if folders:
        raise UsageError("这些是文件夹，不是 Excel 工作簿：" + "、".join(folders) + "。请给出 .xlsx 文件，"
                         "如 docgen import 文件夹/*.xlsx。")
    missing = [str(path) for path in workbooks if not path.is_file()]
    if missing:
        raise UsageError("找不到这些文件：" + "、".join(missing) + "。请检查路径。")
    taken: set[Path] = set()
    unreadable = incomplete = written = skipped = 0
    for source in workbooks:
        result = import_workbook(source, output, profile=profile, force=force, taken=taken)
        if result.error is not None:
            unreadable += 1
            typer.echo(result.error.format_message())
            continue
        for imported in result.forms:
            where = f"{source}“{imported.form.sheet}”第 {imported.form.first_row}–{imported.form.last_row} 行"
            if imported.target is None:
                skipped += 1
                typer.echo(f"{where}：{imported.skipped}")
                continue
            written += 1
            typer.echo(f"{where} → {imported.target}")
            incomplete += bool(imported.notes)
            for note in imported.notes:
                typer.echo(f"  {note}")
    typer.echo(f"共导入 {written} 张表" + (f"，其中 {incomplete} 张需要补写" if incomplete else "")
               + (f"；{skipped} 张未导入（原因见上）" if skipped else "")
               + (f"；{unreadable} 个工作簿无法读取" if unreadable else "")
               + ("。下一步：docgen check 审核导入的文件。" if written else "。"))
    incomplete += skipped
    raise typer.Exit(EXIT_UNREADABLE if unreadable else EXIT_AUDIT_ERRORS if incomplete else EXIT_OK)


@app.command()
def new(
    project: Annotated[str, typer.Argument(help="项目名称。", show_default=False, metavar="项目名称")],
    department: Annotated[str, typer.Option("--department", "-d", help="主管部门（决定文件夹）。",
                                            show_default=False)],
    year: Annotated[int | None, typer.Option("--year", "-y", min=1990, max=2100,
                                             help="评价的年度（默认为上一年）。", show_default=False)] = None,
    unit: Annotated[str, typer.Option("--unit", help="实施单位。")] = "",
    money_unit: Annotated[str, typer.Option("--money-unit", help="金额单位：元 或 万元（默认按 _defaults.yaml，否则万元）。")] = "",
    profile: Annotated[str, typer.Option("--profile", help="模板名称（见 docgen profiles）。")] = "",
    root: Annotated[Path, typer.Option("--root", help="输入文件的根文件夹。")] = Path("inputs"),
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名文件。")] = False,
    structured: Annotated[bool, typer.Option("--structured", help="年度指标值分三栏写：计算符号、指标值、计量单位"
                                                                "（预算管理一体化系统的写法）。")] = False,
    templates: Annotated[list[str] | None, typer.Option("--templates", help="额外的模板文件夹（--profile 在其中查找）。")] = None,
    stage: Annotated[str, typer.Option("--stage", help="从哪个阶段开始：申报（默认：年初的绩效目标申报表，年中、年末在同一"
                                                       "文件中加写监控和自评的栏目）或 自评（直接写自评表）。")] = "申报",
) -> None:
    """按标准格式新建一个项目的 YAML：inputs/年度/主管部门/项目名称.yaml，每个键都有中文注释；从申报表开始。"""
    from docgen.inputs.skeleton import NewEvaluation, default_year, write_new

    form: dict[str, object] = {}
    if profile:  # a profile render would refuse is refused now; its form says the rows and texts to write
        settings = Profiles(tuple(templates or ())).get(profile).settings
        texts = (*settings.basics_rows, *settings.goal_rows, *settings.closing,
                 *(label for line in (*settings.above, *settings.signature) for label in line))
        form = {"funding_rows": settings.funding_rows,
                "texts": tuple(dict.fromkeys(t for t in texts if t not in settings.field_values)),
                "structured": structured or "index_value" in settings.indicator_columns}
    if money_unit and money_unit not in ("元", "万元"):
        raise UsageError(f"--money-unit 只能是“元”或“万元”，实为“{money_unit}”。")
    chosen = year or default_year()
    path = write_new(root, NewEvaluation(project, department, chosen, unit, money_unit, profile,
                                         **{"structured": structured, "stage": _new_stage(stage), **form}),
                     force)  # type: ignore[arg-type]
    typer.echo(f"已新建 {path}（{chosen} 年度）。填写空着的值后运行：docgen check {path}")


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入这个文件（如 inputs/docgen.schema.json）；"
                                                                        "不指定时输出到屏幕。")] = None,
    templates: Annotated[list[str] | None, typer.Option("--templates", help="额外的模板文件夹，其模板名列入“模板”的候选。")] = None,
) -> None:
    """输出输入文件的 JSON Schema（含中文标题、说明和示例），供 VS Code 等编辑器自动补全和检查。

    在 YAML 文件第一行写 “# yaml-language-server: $schema=相对路径/docgen.schema.json” 即可使用，见 README。
    """
    from docgen.files import write_text
    from docgen.inputs.schema import input_schema

    names = [name for name, _, _ in describe_profiles(template_roots(tuple(templates or ())))]
    text = json.dumps(input_schema(names), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        raise typer.Exit(EXIT_OK)
    write_text(output, text)
    typer.echo(f"已写入 {output}。在 YAML 文件第一行写：# yaml-language-server: $schema=<从该 YAML 到 {output.name} 的相对路径>")


@app.command()
def profiles(
    templates: Annotated[list[str] | None, typer.Option("--templates", help="额外的模板文件夹（可多次指定）。")] = None,
    check_all: Annotated[bool, typer.Option("--check", help="逐个检查模板：profile.yaml 的设置、每个 .j2 模板能否编译、"
                                                            "标志图片是否存在。")] = False,
) -> None:
    """列出可用的模板：名称、所在文件夹（内置或 --templates 指定）和继承关系；--check 逐个检查。

    退出码：0 正常；2 有模板有问题（--check）；3 用法有误。
    """
    roots = template_roots(tuple(templates or ()))
    broken = 0
    for name, folder, chain in describe_profiles(roots):
        origin = "内置" if folder.parent == BUILTIN_TEMPLATES else f"来自 {folder.parent}"
        inherits = f"，继承 {' → '.join(chain)}" if chain else ""
        if not check_all:
            typer.echo(f"{name}\t{folder}（{origin}{inherits}）")
            continue
        problems = check_profile(name, roots)
        broken += bool(problems)
        typer.echo(f"{name}\t{'正常' if not problems else f'有 {len(problems)} 处问题'}（{origin}{inherits}）")
        for problem in problems:
            typer.echo("  " + problem.replace("\n", "\n  "))
    raise typer.Exit(EXIT_UNREADABLE if broken else EXIT_OK)


def _report(rendered: Rendered, say: Callable[[str], None]) -> None:
    """What a user must see about one file while the run goes on: why it failed, its audit errors."""
    for line in text_lines(rendered.checked) if rendered.checked.error is not None else ():
        say(line)
    for failure in rendered.failures:
        say(f"{rendered.checked.source}: 生成失败 {failure.format_message()}")
    for finding in rendered.checked.findings:
        if finding.severity is Severity.ERROR or (rendered.skipped and finding.code in PRINTED_DIFFERENCES):
            say(str(finding))
    if rendered.skipped:
        say(f"{rendered.checked.source}: 审核发现错误或填报数字与计算不符，按 --strict 未生成文档。")


@app.command()
def serve(
    paths: Annotated[list[Path] | None, typer.Argument(help="要预览的自评表文件或文件夹（默认 inputs/）。",
                                                                      metavar="路径")] = None,
    templates: Annotated[list[str] | None, typer.Option("--templates", help="额外的模板文件夹（可多次指定）。")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="所有项目都用这个模板预览（覆盖文件中的“模板”）。")] = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="端口。")] = 8000,
    host: Annotated[str, typer.Option("--host", help="监听的地址；默认只接受本机访问。")] = "127.0.0.1",
    token: Annotated[str | None, typer.Option("--token", help="访问令牌：每个请求都必须带上（?token=… 或 Authorization: Bearer …）。")] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, help="生成文档的进程数（默认为 CPU 核数）。")] = os.cpu_count() or 1,
) -> None:
    """在浏览器中预览、编辑自评表，并提供生成 API（/docs）。保存文件后页面自动更新。"""
    try:  # the workspace's libraries are the extra docgen[serve]: a CLI that never serves does without them
        import uvicorn

        from docgen.serve.app import create_app
        from docgen.serve.workspace import Workspace
    except ImportError as error:
        raise UsageError(f"docgen serve 需要的软件包没有安装（{error.name}）：请运行 ./quickstart.sh，或 "
                         "pip install 'docgen[serve]'，然后重试。") from None

    if token is not None and not re.fullmatch(r"[A-Za-z0-9._~-]+", token):
        raise UsageError("--token 只能用英文字母、数字和 - _ . ~（它要放进网址和 HTTP 头，汉字和空格都放不进去），"
                         "如 --token s3cr3t-2024。")
    _port_free(host, port)
    workspace = Workspace(tuple(paths or [Path("inputs")]), tuple(templates or ()), profile)
    count = len(workspace.files())
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"注意：正在监听 {host}，同一网络中的其他计算机也能访问"
                   + ("。" if token else "，且没有设置 --token：任何人都能查看和修改这些文件。"), err=True)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    typer.echo(f"docgen 工作台：http://{shown}:{port}/" + (f"?token={token}" if token else "")
               + f"（{count} 个自评表；API 文档 http://{shown}:{port}/docs）。按 Ctrl+C 停止。")
    app = create_app(workspace, token, jobs)

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: object) -> None:
            app.app.state.stopping = True  # the open pages' event streams end, so Ctrl+C stops at once
            super().handle_exit(sig, frame)  # type: ignore[arg-type]

    Server(uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)).run()


def _port_free(host: str, port: int) -> None:
    """Refuse, in one Chinese line (exit 3), an address that cannot be served: a busy port, or a host
    this machine does not have — before the banner says it is served."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host, port))
    except OSError as error:
        why = "端口已被占用（可能已有一个 docgen serve 在运行）" if error.errno == errno.EADDRINUSE else \
            f"无法使用这个地址（{error.strerror}）"
        raise UsageError(f"无法在 {host}:{port} 上提供服务：{why}。请换一个端口，如 --port {port + 1}，"
                         "或先停止占用它的程序。") from None


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Rendered], None]]:
    """A progress bar on a terminal; plain lines otherwise (logs, CI)."""
    if not sys.stdout.isatty():
        done = 0

        def plain(rendered: Rendered) -> None:
            nonlocal done
            done += 1
            _report(rendered, typer.echo)
            state = "失败" if rendered.failed else ("跳过" if rendered.skipped else "完成")
            typer.echo(f"[{done}/{total}] {state} {rendered.checked.source}")

        yield plain
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("渲染"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("render", total=total)

        def advance(rendered: Rendered) -> None:
            _report(rendered, lambda line: bar.console.print(line, markup=False, highlight=False))
            bar.advance(task)

        yield advance


def main() -> None:
    """Console entry point: run the app, turning every error into a message and an exit code."""
    try:
        # Without standalone mode Click returns a command's exit code instead of exiting.
        code = app(standalone_mode=False)
    except DocgenError as error:
        typer.echo(f"docgen: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except typer.TyperException as error:  # wrong options or arguments (Click's usage errors)
        if type(error).__name__ == "NoArgsIsHelpError":
            error.show()  # type: ignore[attr-defined]
            sys.exit(EXIT_OK)
        typer.echo(f"docgen: {usage_message(error)}", err=True)
        sys.exit(EXIT_USAGE)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("docgen: 已中断。", err=True)
        _exit_interrupted()
    except Exception as error:  # a bug of ours: say so plainly, no traceback unless asked for
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        typer.echo(f"docgen: 内部错误（{type(error).__name__}: {error}）。请设置 DOCGEN_DEBUG=1 重试，"
                   "并把输出和输入文件报告给维护者。", err=True)
        sys.exit(EXIT_INTERNAL)
    if code == EXIT_INTERRUPTED:
        _exit_interrupted()
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _exit_interrupted() -> None:
    """Exit 130 after Ctrl-C, ignoring another one while Python shuts down (joining the pool's threads):
    a second Ctrl-C, or one still on its way, would otherwise print a traceback from threading._shutdown."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(EXIT_INTERRUPTED)
