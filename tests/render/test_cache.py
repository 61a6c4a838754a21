"""The cache file: written streamed, entry by entry, it holds exactly what ``json.dumps`` of the same data
would, and reads back into the same entries; a report's key is the hash of its items' JSON however it is fed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docgen import __version__
from docgen.render.cache import CACHE_NAME, Cache, CacheEntry
from docgen.render.publication import _digest


def test_saved_cache_is_the_json_of_its_entries_and_reads_back(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.entries = {
        "/in/2024/部门乙/项目“二”.yaml": CacheEntry("k2", "上海市人社局", "p2", ("/out/b.docx", "/out/b.pdf"), 2024, "部门乙"),
        "/in/2024/部门甲/项目一.yaml": CacheEntry("k1", "default", "p1", ("/out/a.docx",), 2024, "部门甲"),
    }
    cache.reports = {"2024": "r1", "2024/部门甲": "r2"}
    cache.report_files = {"2024": ["/out/2024/审核意见.pdf"]}
    cache.written = {"/out/a.docx": [10, 20], "/out/b.pdf": [30, 40]}
    cache.unreadable = {"/in/2024/坏.yaml": "k3"}
    cache.save()
    expected = {
        "version": __version__,
        "files": {
            "/in/2024/部门乙/项目“二”.yaml": {"key": "k2", "profile": "上海市人社局", "profile_key": "p2",
                                           "outputs": ["/out/b.docx", "/out/b.pdf"], "year": 2024,
                                           "department": "部门乙"},
            "/in/2024/部门甲/项目一.yaml": {"key": "k1", "profile": "default", "profile_key": "p1",
                                         "outputs": ["/out/a.docx"], "year": 2024, "department": "部门甲"},
        },
        "reports": {"2024": "r1", "2024/部门甲": "r2"},
        "report_files": {"2024": ["/out/2024/审核意见.pdf"]},
        "written": {"/out/a.docx": [10, 20], "/out/b.pdf": [30, 40]},
        "unreadable": {"/in/2024/坏.yaml": "k3"},
    }
    assert (tmp_path / CACHE_NAME).read_text(encoding="utf-8") == json.dumps(expected, ensure_ascii=False, indent=1)
    again = Cache(tmp_path)
    assert again.entries == cache.entries and again.reports == cache.reports
    assert again.report_files == cache.report_files and again.written == cache.written
    assert again.unreadable == cache.unreadable


def test_report_key_is_the_hash_of_the_items_json() -> None:
    for items in ([], [("a", "b")], [("/in/2024/部门/项目“一”.yaml", "changed"), ('x"\\y', "k" * 128)]):
        assert _digest(items) == hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()
