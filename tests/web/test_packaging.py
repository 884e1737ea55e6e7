"""The built wheel carries every web asset (issue 13, finding 9): the git-ignored vendor copies of
ECharts and Swagger UI included, so that a non-editable install serves its charts and /api/docs
without a CDN."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

WEB = ROOT / "src" / "planwatch" / "web"

SERVE_FROM_INSTALL = """
import sys, planwatch
from fastapi.testclient import TestClient
from planwatch.settings import Settings
from planwatch.web.app import create_app
print(planwatch.__file__)
app = create_app(Settings(database_url="sqlite:///" + sys.argv[1], local_mode=True))
with TestClient(app, base_url="http://127.0.0.1", client=("127.0.0.1", 5000)) as client:
    for path in sys.argv[2:]:
        r = client.get(path)
        print(path, r.status_code, len(r.content))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-c", "import sys, hatchling.build as b; b.build_wheel(sys.argv[1])", str(out)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    (found,) = out.glob("planwatch-*.whl")
    return found


def _static_files() -> list[str]:
    return sorted(str(p.relative_to(WEB.parent.parent)) for folder in ("static", "templates")
                  for p in (WEB / folder).rglob("*") if p.is_file())


@pytest.mark.slow
def test_the_wheel_holds_every_static_asset_and_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _static_files()
    assert "planwatch/web/static/vendor/echarts.min.js" in expected        # scripts/setup has run
    assert "planwatch/web/static/vendor/swagger-ui/swagger-ui-bundle.js" in expected
    missing = [name for name in expected if name not in names]
    assert not missing


@pytest.mark.slow
def test_an_installed_wheel_serves_the_chart_script_and_the_api_docs(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, text=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    paths = ["/static/vendor/echarts.min.js", "/static/vendor/swagger-ui/swagger-ui-bundle.js",
             "/static/vendor/swagger-ui/swagger-ui.css", "/api/docs"]
    result = subprocess.run([sys.executable, "-c", SERVE_FROM_INSTALL, str(tmp_path / "db.sqlite"), *paths],
                            cwd=tmp_path, env=env, check=True, capture_output=True, text=True)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(target))          # the installed copy, not the source tree
    served = {line.split()[0]: (int(line.split()[1]), int(line.split()[2])) for line in lines[1:]}
    assert served["/static/vendor/echarts.min.js"][0] == 200
    assert served["/static/vendor/echarts.min.js"][1] == (WEB / "static/vendor/echarts.min.js").stat().st_size
    assert all(status == 200 for status, _ in served.values())


def test_the_api_docs_page_uses_only_planwatch_s_own_assets(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "/static/vendor/swagger-ui/swagger-ui.css" in page.text
    assert "https://" not in page.text and "http://" not in page.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs", follow_redirects=False).headers["location"] == "/api/docs"
