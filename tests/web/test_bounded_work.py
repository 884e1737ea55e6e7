"""No small input takes the service down (issue 13, finding 2): xlsx and YAML bombs are refused
before parsing with a clear message (exit 2, HTTP 413/422 in Chinese), and an import runs in a
worker thread so that the server answers other requests meanwhile."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.collect.conftest import make_form
from tests.conftest import run_cli


def _with_cell_far_below(form: Path, row: int = 1_048_576) -> Path:
    """The form as a department might send it back: one stray cell in the sheet's last row."""
    from openpyxl import load_workbook

    wb = load_workbook(form)
    wb.worksheets[0].cell(row, 1).value = "x"
    out = form.with_name("far-cell.xlsx")
    wb.save(out)
    return out


def _rewrite(source: Path, out: Path, change: dict[str, bytes]) -> Path:
    """A copy of an xlsx with some parts replaced or added (stored as zip, compressed)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, change.pop(item.filename, None) or zin.read(item))
        for name, data in change.items():
            zout.writestr(name, data)
    return out


def _first_sheet(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[0]


@pytest.fixture
def form(example_db_url: str, tmp_path: Path) -> Path:
    return make_form(example_db_url, tmp_path, "统计局")


def test_a_cell_in_the_last_row_is_refused_before_openpyxl_builds_a_million_rows(
        example_db_url: str, form: Path) -> None:
    bomb = _with_cell_far_below(form)
    assert bomb.stat().st_size < 100_000
    result = run_cli("import", str(bomb), "--db", example_db_url)
    assert result.exit_code == 2, result.stderr
    assert "工作表过大：第 1048576 行超出上限（每个工作表最多 10000 行）" in result.stderr
    assert "far-cell.xlsx" in result.stderr


def test_a_declared_dimension_past_the_limits_is_refused(example_db_url: str, form: Path, tmp_path: Path) -> None:
    sheet = _first_sheet(form)
    with zipfile.ZipFile(form) as z:
        xml = z.read(sheet).decode()
    import re

    xml = re.sub(r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml)
    assert 'ref="A1:XFD1048576"' in xml
    bomb = _rewrite(form, tmp_path / "dimension.xlsx", {sheet: xml.encode()})
    result = run_cli("import", str(bomb), "--db", example_db_url)
    assert result.exit_code == 2
    assert "工作表过大" in result.stderr and "超出上限" in result.stderr


def test_an_xlsx_that_unzips_to_a_gigabyte_is_refused_unread(example_db_url: str, form: Path, tmp_path: Path) -> None:
    padding = b"<x>" + b"0" * (60 * 1024 * 1024) + b"</x>"      # 60 MB that deflate to ~60 kB
    bomb = _rewrite(form, tmp_path / "expands.xlsx", {"xl/padding.xml": padding})
    assert bomb.stat().st_size < 1_000_000
    result = run_cli("import", str(bomb), "--db", example_db_url)
    assert result.exit_code == 2
    assert "解压后约 60 MB，超过上限 50 MB" in result.stderr


def test_an_xml_entity_bomb_inside_an_xlsx_is_refused(example_db_url: str, form: Path, tmp_path: Path) -> None:
    sheet = _first_sheet(form)
    entities = "".join(f'<!ENTITY e{i} "{"&e" + str(i - 1) + ";" * 1 if i else "lol"}">' for i in range(10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')
    bomb = _rewrite(form, tmp_path / "entities.xlsx", {sheet: xml.encode()})
    result = run_cli("import", str(bomb), "--db", example_db_url)
    assert result.exit_code == 2
    assert "XML 实体或文档类型声明" in result.stderr


BOMB = """plan: {region: "320509", year: 2025}
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_yaml_anchor_bomb_is_refused_while_composing(sqlite_url: str, tmp_path: Path) -> None:
    plan = tmp_path / "bomb.yaml"
    plan.write_text(BOMB, encoding="utf-8")
    assert plan.stat().st_size < 1024
    result = run_cli("load", str(plan), "--db", sqlite_url)
    assert result.exit_code == 2, result.stderr
    assert "展开别名后超过 1000000 个节点" in result.stderr


def test_deeply_nested_yaml_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    plan = tmp_path / "deep.yaml"
    plan.write_text("plan: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = run_cli("load", str(plan), "--db", sqlite_url)
    assert result.exit_code == 2, result.stderr
    assert "嵌套超过 64 层" in result.stderr


def test_ordinary_anchors_and_merge_keys_still_load() -> None:
    from planwatch.ingest import safe_yaml

    node = safe_yaml.compose("base: &b {unit: 亿元, department: 统计局}\nx: {<<: *b, code: gdp}\n")
    assert node is not None and safe_yaml.expanded_size(node) < 30


# ---------------------------------------------------------------------------- the web

def test_web_upload_of_an_xlsx_bomb_answers_422_in_chinese(client: Any, form: Path) -> None:
    bomb = _with_cell_far_below(form)
    response = client.post("/api/v1/imports", files={"files": (bomb.name, bomb.read_bytes())})
    assert response.status_code == 422
    problems = response.json()["error"]["problems"]
    assert any("工作表过大" in p["message"] for p in problems)


def test_an_upload_over_the_file_cap_answers_413_in_chinese(client: Any) -> None:
    big = io.BytesIO(b"0" * (20 * 1024 * 1024 + 1))
    response = client.post("/api/v1/imports", files={"files": ("big.csv", big)})
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "文件“big.csv”超过 20 MB，不予接收"


def test_a_request_body_over_the_cap_is_refused_before_it_is_read(client: Any) -> None:
    response = client.post("/api/v1/imports", content=b"0" * 10,
                           headers={"content-length": str(61 * 1024 * 1024), "content-type": "multipart/form-data"})
    assert response.status_code == 413
    assert "请求内容超过 60 MB" in response.json()["error"]["message"]


def test_a_streamed_body_over_the_cap_answers_413(client: Any) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(70):
            yield b"0" * (1024 * 1024)

    response = client.post("/api/v1/extract", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "请求内容超过 60 MB" in response.json()["error"]["message"]


def test_the_server_answers_other_requests_while_an_import_runs(live_server: str, form: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """An import held inside the service until another request has been answered: with imports on
    the event loop, that other request cannot be answered and the import never finishes."""
    import httpx

    import planwatch.services.collect as collect

    real = collect.import_files
    started, release = threading.Event(), threading.Event()

    def held_import(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(collect, "import_files", held_import)
    outcome: dict[str, Any] = {}
    csrf = {"planwatch_csrf": "t"}

    def upload() -> None:
        with httpx.Client(base_url=live_server, cookies=csrf, timeout=60) as http:
            outcome["import"] = http.post("/api/v1/imports", headers={"X-CSRF-Token": "t"},
                                          files={"files": (form.name, form.read_bytes())})

    worker = threading.Thread(target=upload)
    worker.start()
    try:
        assert started.wait(timeout=30), "the import did not start"
        with httpx.Client(base_url=live_server, timeout=1.0) as other:
            answer = other.get("/api/v1/me")          # answered while the import is still held
        assert answer.status_code == 200
        assert worker.is_alive()
    finally:
        release.set()
        worker.join(timeout=60)
    assert outcome["import"].status_code in (200, 422), outcome["import"].text
