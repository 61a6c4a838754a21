"""``docgen serve``: the workspace in the browser and the render API, one ASGI app (FastAPI).

Pages are rendered on the server (Jinja, autoescaped) with a few lines of JavaScript: an
``EventSource`` that refreshes the page's live part when a served file or a template changes on
disk (watchfiles), sorting and filtering of the dashboard, and the edit form's save. The project
page shows the table in the very HTML the PDF is laid out from (``PdfPainter.table_html``).

Safe by default: bodies over 2 MB are refused (413) before they are read; with ``--token`` every
request must carry it (``Authorization: Bearer …``, or ``?token=`` once, kept in a cookie); paths
from requests resolve only to served files (``Workspace.resolve``); agency templates stay sandboxed.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from docgen.errors import DocgenError, InputError, Problem, ProfileError, UsageError, Where
from docgen.files import output_path
from docgen.inputs.records import SELF, STAGES
from docgen.inputs.yamltree import MAX_FILE_BYTES
from docgen.painters import FORMATS
from docgen.profiles.load import choose_profile
from docgen.profiles.settings import PDF_ENGINES
from docgen.serve import editing
from docgen.serve.marks import cell_of
from docgen.serve.pool import Busy, RenderPool, check_text, render_path, render_text
from docgen.serve.workspace import Project, Workspace, figures, project_row
from docgen.summaries.groups import display_department

MEDIA = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
WATCHED = (".yaml", ".yml", ".j2", ".docx", ".png", ".jpg", ".jpeg", ".css")
_pages = Environment(loader=PackageLoader("docgen.serve", "pages"), autoescape=select_autoescape(["j2"]))
_pages.filters["department"] = display_department  # “上海市…办公室(汇总)” → the department's name

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class Guard:
    """ASGI middleware: the body cap (413, before anything reads it) and the token (401)."""

    def __init__(self, app: Any, token: str | None, limit: int = MAX_FILE_BYTES) -> None:
        self.app, self.token, self.limit = app, token, limit

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        set_cookie = False
        if self.token:
            query = {key: values[0] for key, values in parse_qs(scope.get("query_string", b"").decode("latin-1")).items()}
            given = headers.get("authorization", "").removeprefix("Bearer ").strip() or query.get("token", "") \
                or unquote(_cookie(headers.get("cookie", ""), "docgen_token"))
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                await _send_json(send, 401, {"error": {"message": "需要访问令牌：请在地址后加 ?token=…，"
                                                                  "或在请求头中写 Authorization: Bearer …。"}})
                return
            set_cookie = "token" in query
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _send_json(send, 413, _too_large())
            return
        body = b""
        if scope["method"] in ("POST", "PUT", "PATCH"):  # read (at most the cap) before the app sees it
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.limit:
                    await _send_json(send, 413, _too_large())
                    return
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def sending(message: dict[str, Any]) -> None:
            if set_cookie and message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      (b"set-cookie", f"docgen_token={quote(self.token)}; HttpOnly; SameSite=Strict; "
                                       "Path=/".encode())]
            await send(message)

        await self.app(scope, replay, sending)


def _too_large() -> dict[str, Any]:
    return {"error": {"message": f"请求内容超过 {MAX_FILE_BYTES // 1024 // 1024} MB：一份自评表不会这么大，请检查内容。"}}


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


def create_app(workspace: Workspace, token: str | None = None, workers: int | None = None, queue: int = 8,
               watch: bool = True) -> Any:
    """The app serving ``workspace``; ``workers`` render processes (default: one per core)."""
    pool = RenderPool(workers or os.cpu_count() or 1, queue)
    listeners: set[asyncio.Queue[int]] = set()

    async def watcher() -> None:
        from watchfiles import awatch

        folders = [str(p) for p in (*workspace.paths, *workspace.template_roots) if p.exists()]
        async for changes in awatch(*folders, debounce=50, step=25, recursive=True):
            paths = {path for _, path in changes if path.endswith(WATCHED)}
            if paths:
                workspace.changed(paths)
                for listener in list(listeners):
                    listener.put_nowait(workspace.version)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(watcher()) if watch else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
            pool.close()

    from fastapi_offline import FastAPIOffline  # /docs and /redoc from installed files: no CDN, no internet

    app = FastAPIOffline(title="docgen", version="1", lifespan=lifespan, static_url=DOCS_ASSETS,
                         description="财政项目支出绩效自评表：审核与生成。/api/check 与 /api/render 是无状态的。")
    app.state.workspace = workspace
    app.state.pool = pool
    app.state.listeners = listeners
    app.state.stopping = False  # set on Ctrl+C (cli.serve): open event streams end by themselves

    @app.exception_handler(DocgenError)
    async def docgen_error(_request: Request, error: DocgenError) -> JSONResponse:
        missing = isinstance(error, UsageError) and not isinstance(error, ProfileError)  # no such project or year
        return _error(error.format_message(), 404 if missing else 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        """Starlette's own answers (no such address, wrong method …) in Chinese, as every other error."""
        message = HTTP_MESSAGES.get(error.status_code, f"请求无法处理（{error.status_code}）。")
        if error.status_code == 405:
            message = message.format(method=request.method, path=request.url.path)
        return _error(message, error.status_code, dict(error.headers or {}) or None)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        """A parameter of the wrong kind (``/api/years/abc/summary``): which one, and what it should be."""
        problems = []
        for item in error.errors():
            where = "、".join(PARAMETER_NAMES.get(str(part), str(part)) for part in item.get("loc", ())[1:]) or "请求"
            kind = PARAMETER_KINDS.get(str(item.get("type", "")), "格式不对")
            problems.append(f"参数“{where}”{kind}，实为“{item.get('input', '')}”")
        return _error("；".join(problems) + "。", 422)

    # ---- pages -------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def dashboard() -> HTMLResponse:
        projects = await asyncio.to_thread(workspace.projects)
        years = workspace.years(projects)
        return _page("dashboard.html.j2", rows=[project_row(p) for p in projects if p.checked.scored],
                     stages=STAGES,
                     broken=[project_row(p) for p in projects if p.checked.scored is None],
                     years={year: [(s, figures(s), _charts(workspace, s)) for s in summaries]
                            for year, summaries in sorted(years.items())}, version=workspace.version)

    @app.get("/project/{name:path}/table", response_class=HTMLResponse, include_in_schema=False)
    async def table(name: str, profile: str | None = None) -> HTMLResponse:
        return HTMLResponse(await asyncio.to_thread(_table_html, workspace, name, profile))

    @app.get("/project/{name:path}/download/{fmt}", include_in_schema=False)
    async def download(name: str, fmt: str, profile: str | None = None, engine: str | None = None,
                       stage: str | None = None) -> Response:
        path = workspace.resolve(name)
        chosen = _stage(stage)
        return await _render(pool, render_path, str(path), fmt, profile or workspace.profile, workspace.templates,
                             filename=output_path(str(path), Path(), fmt, chosen or SELF).name, engine=engine,
                             stage=chosen)

    @app.post("/project/{name:path}/edit", include_in_schema=False)
    async def edit(name: str, request: Request) -> JSONResponse:
        path = workspace.resolve(name)  # only a served file is ever written
        try:
            body = await request.json()
            changes = {tuple(json.loads(key)): str(value) for key, value in body.get("changes", {}).items()}
        except (ValueError, TypeError, AttributeError):
            return _error("请求格式有误：应为 {\"version\": …, \"changes\": {…}}。", 422)
        data = path.read_bytes()
        if body.get("version") != editing.version(data):
            return _error("文件在页面打开后已被修改（可能在编辑器中保存过）：请刷新页面后再改。", 409)
        try:
            text = editing.replace_values(data.decode("utf-8"), changes, path.name)
        except InputError as error:
            return _error(error.format_message(), 422)
        _write(path, text.encode("utf-8"))
        workspace.changed({str(path)})
        checked = workspace.check(path)
        return JSONResponse({"version": editing.version(path.read_bytes()), "changed": len(changes),
                             "总分": project_row(Project(name, path, checked)).get("总分")})

    @app.get("/project/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    async def project(name: str, profile: str | None = None) -> HTMLResponse:
        item = await asyncio.to_thread(workspace.project, name)
        data = item.path.read_bytes()
        values = []
        try:
            values = editing.editable_values(data.decode("utf-8"))
        except Exception:
            values = []
        written = item.checked.scored.evaluation.profile if item.checked.scored else None
        row = project_row(item)
        broken = {problem.where.line for problem in item.checked.error.problems} if item.checked.error else set()
        return _page("project.html.j2", project=item, row=row, values=values, broken=broken,
                     last_readable=workspace.last_readable(item.path) is not None,
                     in_use=choose_profile(profile or workspace.profile, written),
                     file_version=editing.version(data), profiles=workspace.profile_names(),
                     profile=profile or "", formats=FORMATS, version=workspace.version, error=row.get("error", ""))

    @app.get("/events", include_in_schema=False)
    async def events(request: Request) -> StreamingResponse:
        queue: asyncio.Queue[int] = asyncio.Queue()
        listeners.add(queue)

        async def stream() -> AsyncIterator[bytes]:
            try:
                yield f"retry: 500\ndata: {workspace.version}\n\n".encode()
                quiet = 0
                while not app.state.stopping and not await request.is_disconnected():
                    try:  # short waits: the stream ends as soon as the server is asked to stop
                        version = await asyncio.wait_for(queue.get(), timeout=0.25)
                        yield f"data: {version}\n\n".encode()
                        quiet = 0
                    except TimeoutError:
                        quiet += 1
                        if quiet % 40 == 0:
                            yield b": keep-alive\n\n"
            finally:
                listeners.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})

    # ---- API ---------------------------------------------------------------------------------

    @app.post("/api/check", summary="审核一份自评表（YAML 或 JSON）", tags=["API"],
              responses={200: {"description": "与 docgen check --json 相同的结果"},
                         422: {"description": "无法读取：中文说明和行号"}, 413: {"description": "超过 2 MB"}})
    async def api_check(request: Request, profile: str | None = Query(None, description="模板名称"),
                        stage: str | None = Query(None, description=STAGE_QUERY)) -> JSONResponse:
        text = await _body_text(request)
        readable, result = await asyncio.to_thread(check_text, text, profile, workspace.templates, _stage(stage))
        return JSONResponse(result, status_code=200 if readable else 422)

    @app.post("/api/render", summary="生成一份自评表的 PDF、Word 或 Excel", tags=["API"],
              responses={200: {"description": "文档"}, 422: {"description": "无法读取或无法生成：中文说明"},
                         503: {"description": "繁忙，请按 Retry-After 稍后重试"}})
    async def api_render(request: Request, format: str = Query("pdf", description="pdf、docx 或 xlsx"),
                         profile: str | None = Query(None, description="模板名称"),
                         engine: str | None = Query(None, description="PDF 排版引擎：weasyprint 或 typst"
                                                                      "（覆盖模板中的 pdf.engine，同 --pdf-engine）"),
                         stage: str | None = Query(None, description=STAGE_QUERY)) -> Response:
        text = await _body_text(request)
        return await _render(pool, render_text, text, format, profile, workspace.templates,
                             filename=f"document.{format}", engine=engine, stage=_stage(stage))

    @app.get("/api/years/{year}/summary", summary="一年的汇总数字", tags=["API"])
    async def api_summary(year: int) -> JSONResponse:
        return JSONResponse(await asyncio.to_thread(workspace.year_summary, year))

    return Guard(app, token)


async def _body_text(request: Request) -> str:
    data = await request.body()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(Where("请求"), "内容不是 UTF-8 编码的文字：请以 UTF-8 发送 YAML 或 JSON。")]) from None


async def _render(pool: RenderPool, function: Callable[..., Any], source: str, fmt: str, profile: str | None,
                  templates: tuple[str, ...], filename: str, engine: str | None = None, stage: str | None = None
                  ) -> Response:
    if fmt not in FORMATS:
        return _error(f"未知的格式“{fmt}”：可用 {'、'.join(FORMATS)}。", 400)
    if engine is not None and engine not in PDF_ENGINES:
        return _error(f"未知的 PDF 排版引擎“{engine}”：可用 {'、'.join(PDF_ENGINES)}，或不写（按模板的 pdf.engine）。", 400)
    try:
        ok, result = await pool.run(function, source, fmt, profile, templates, engine, stage)
    except Busy:
        return _error("正在生成的文档太多，请稍后重试。", 503, {"Retry-After": "2"})
    if not ok:
        return JSONResponse(result, status_code=422)
    return Response(result, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


DOCS_ASSETS = "/docs-assets"


HTTP_MESSAGES = {
    404: "没有这个地址：请检查网址（总览在 /，API 文档在 /docs）。",
    405: "{path} 不接受 {method} 请求：请查看 /docs 中它接受的方法（如审核和生成要用 POST）。",
    413: "请求内容过大：一份自评表至多 2 MB。",
}
PARAMETER_NAMES = {"year": "年度", "format": "格式", "engine": "引擎", "profile": "模板", "name": "项目"}
PARAMETER_KINDS = {"int_parsing": "应为整数（如年度 2024）", "int_type": "应为整数（如年度 2024）",
                   "missing": "缺少", "string_type": "应为文字", "enum": "不是可选的值之一"}


STAGE_QUERY = "项目一年中的哪张表：申报、监控 或 自评（不写时为文件已填到的最后阶段）"


def _stage(value: str | None) -> str | None:
    """The ``stage`` of a request (申报, 申报表 …); an unknown one is refused in Chinese (400)."""
    if value is None:
        return None
    stage = value.strip().removesuffix("表")
    if stage not in STAGES:
        raise InputError([Problem(Where("请求"), f"未知的阶段“{value}”：可用 {'、'.join(STAGES)}，或不写"
                                                "（文件已填到的最后阶段）。")])
    return stage


def _error(message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    """An error as every endpoint answers it: {"error": {"message": …}} in Chinese, with its status."""
    return JSONResponse({"error": {"message": message}}, status_code=status, headers=headers)


def _page(template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(_pages.get_template(template).render(**context))


def _table_html(workspace: Workspace, name: str, profile: str | None) -> str:
    """The table as the PDF lays it out, or the file's error in its place."""
    from markupsafe import escape

    from docgen.painters.pdf import PdfPainter
    from docgen.pipeline import lay_out

    item = workspace.project(name)
    shown = item.checked if item.checked.scored is not None else workspace.last_readable(item.path)
    if shown is None or shown.scored is None:
        message = item.checked.error.format_message() if item.checked.error else ""
        return f'<!DOCTYPE html><meta charset="utf-8"><pre class="error">{escape(message)}</pre>'
    stale = "" if shown is item.checked else (  # the file broke since: its last readable table, read-only
        '<p class="stale" style="font:14px sans-serif;color:#b00">文件现在无法读取（错误见页面）：'
        '下面是它上次能读取时的表，仅供对照；改好后自动更新。</p>')
    item = Project(item.name, item.path, shown)
    try:
        # the profile the file was checked with, unless this preview asks for another
        layout, chosen = lay_out(shown.scored, workspace.profiles, profile or workspace.profile,
                                 "" if profile else shown.profile, shown.stage)
        html = PdfPainter.table_html(layout, chosen)
    except DocgenError as error:
        return f'<!DOCTYPE html><meta charset="utf-8"><pre class="error">{escape(error.format_message())}</pre>'
    colours = {"错误": "#d32f2f", "警告": "#ef8a00", "提示": "#1e88e5"}
    rules = []
    for finding in reversed(item.checked.findings):  # the most severe drawn last, so it shows
        cell = cell_of(layout, finding.place)
        if cell is not None:
            rules.append(f'td[data-cell="{cell}"] {{ outline: 2px solid {colours[finding.severity.value]}; '
                         f'outline-offset: -2px; background: #fff4f4; }}')
    style = "<style>body { margin: 8px; } " + " ".join(rules) + "</style>"
    return html.replace("</head>", style + "</head>", 1).replace("<body>", "<body>" + stale, 1)


def _charts(workspace: Workspace, summary: Any) -> list[Any]:
    """A department's two charts (title and SVG data URI), laid out once per version of the workspace."""
    from docgen.layout.report import department_report
    from docgen.painters.charts import chart_data_uri

    cache = workspace.drawn
    key = (summary.year, summary.department, workspace.version)
    if key not in cache:
        try:
            report = department_report(summary, workspace.profiles.get(workspace.profile or "default"), ())
            charts = [{"title": chart.title, "data_uri": chart_data_uri(chart)} for chart in report.sections[0].charts]
        except DocgenError:
            charts = []
        if len(cache) > 256:
            cache.clear()
        cache[key] = charts
    return cache[key]


def _write(path: Path, data: bytes) -> None:
    from docgen.files import atomic_path

    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
