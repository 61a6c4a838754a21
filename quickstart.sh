#!/usr/bin/env bash
# docgen quick start: sets everything up, then either renders the sample inputs (default)
# or runs the whole test suite (`./quickstart.sh test`). Safe to run again: it only installs
# what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")"

MODE="${1:-run}"
VENV=".venv"
# System packages (Debian names): a CJK font and HarfBuzz's subsetter for PDF at run time;
# poppler-utils (pdffonts, pdftotext), LibreOffice Writer (to prove a .docx opens) and Chromium (docgen
# serve in a real browser, driven by Playwright) in tests.
SYSTEM_PACKAGES=(fonts-noto-cjk libharfbuzz-subset0)
[ "$MODE" = "test" ] && SYSTEM_PACKAGES+=(poppler-utils libreoffice-writer-nogui chromium)

say()  { printf '\033[1m[docgen]\033[0m %s\n' "$*"; }
fail() { printf '\033[31m[docgen] 错误：\033[0m%s\n' "$*" >&2; exit 3; }

is_root() { [ "$(id -u)" = "0" ]; }
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "缺少系统软件包：$*。本机没有 apt-get，请用系统的包管理器安装它们后重试。"
  fi
  if ! is_root; then
    fail "缺少系统软件包：$*。请运行：sudo apt-get update && sudo apt-get install -y $*，然后重试。"
  fi
  say "安装系统软件包：$*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || fail "apt-get update 失败：请检查网络或软件源设置。"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || fail "apt-get install $* 失败。"
}

# 1. Python 3.11 or newer.
PY=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$cand"; break
  fi
done
if [ -z "$PY" ]; then
  apt_install python3 python3-venv
  PY=python3
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || fail "需要 Python 3.11 或更新版本。"
fi

# 2. System packages.
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# 3. Virtual environment.
if [ ! -x "$VENV/bin/python" ]; then
  say "创建虚拟环境 $VENV"
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    apt_install python3-venv
    "$PY" -m venv "$VENV" || fail "无法创建虚拟环境：请安装 python3-venv。"
  fi
fi

# 4. Python packages, reinstalled only when pyproject.toml changes.
extras="[serve]"                       # docgen serve (the workspace and the API) comes with the quick start
[ "$MODE" = "test" ] && extras="[test]"  # test: serve, dask and the test tools
stamp="$VENV/.installed-$MODE"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "安装 Python 依赖 .${extras}"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e ".${extras}" || fail "pip 安装失败：请检查网络或 PyPI 镜像设置后重试。"
  echo "$want" > "$stamp"
fi

# 5. Run.
case "$MODE" in
  run)
    say "把 inputs/ 中的全部自评表渲染到 outputs/（Word、Excel、PDF）"
    "$VENV/bin/docgen" render inputs/ -o outputs/
    say "同一个文件中的申报表和监控表（样例项目：党建服务工作经费，它走完了项目的一年）"
    for stage in 申报 监控; do
      "$VENV/bin/docgen" render inputs/2024/中共上海市委组织部/党建服务工作经费.yaml -o outputs/ --stage "$stage"
    done
    say "完成。样例保留了已公开表格中的原始错误；查看审核详情：.venv/bin/docgen check inputs/"
    ;;
  test)
    say "代码风格检查（ruff）"
    "$VENV/bin/ruff" check .
    say "运行全部测试（pytest）"
    exec "$VENV/bin/python" -m pytest "${@:2}"
    ;;
  *)
    fail "未知的参数：$MODE。用法：./quickstart.sh（渲染样例）或 ./quickstart.sh test（运行测试）"
    ;;
esac
