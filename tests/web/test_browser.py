"""End-to-end: Debian's chromium driven by Playwright against a real uvicorn server with the
example loaded. Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("PLANWATCH_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (scripts/setup installs Debian's chromium)"),
]

PAGES = [("/", "总览"), ("/indicators", "指标详情"), ("/indicators/gdp", "地区生产总值"), ("/projects", "重点项目"),
         ("/tasks", "重点工作"), ("/compare", "区域比较"), ("/reports", "报告")]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.base = live_server  # type: ignore[attr-defined]
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def test_every_page_renders_with_its_heading_and_no_script_errors(page) -> None:  # type: ignore[no-untyped-def]
    for path, heading in PAGES:
        response = page.goto(page.base + path)
        assert response is not None and response.status == 200, path
        assert heading in page.locator("h1").first.inner_text(), path
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        name = path.strip("/").replace("/", "-") or "overview"
        page.screenshot(path=str(ARTIFACTS / f"web-{name}-1366.png"), full_page=True)
    assert page.errors == []


def test_overview_shows_the_example_figures_and_draws_the_chart(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/")
    key = page.locator(".key-figures")
    assert "1285.41" in key.inner_text()
    assert "地区生产总值" in key.inner_text()
    # every verdict is shown with its word, not only its colour
    badges = page.locator(".status-table .badge").all_inner_texts()
    assert badges and all(text.strip() for text in badges)
    page.wait_for_selector("[data-chart-ready]", timeout=5000)
    assert page.locator("[data-chart-ready] svg").count() >= 1
    # printable: print CSS hides navigation, and Chromium prints it to PDF
    page.emulate_media(media="print")
    assert not page.locator(".site-header nav").is_visible()
    page.pdf(path=str(ARTIFACTS / "web-overview-print.pdf"), format="A4")
    assert (ARTIFACTS / "web-overview-print.pdf").stat().st_size > 10_000


def test_drill_down_from_a_key_figure_to_the_source_sentence(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/")
    page.locator(".key-figures a", has_text="地区生产总值").first.click()
    page.wait_for_url("**/indicators/gdp*")
    page.locator("table a", has_text="原文").first.click()
    cited = page.locator(".source-wrap:target mark.cited")
    assert cited.first.inner_text() == "1285.41"
    quote = page.locator(".source-wrap:target blockquote").inner_text()
    assert "地区生产总值" in quote and "6.1" in quote
    page.screenshot(path=str(ARTIFACTS / "web-drilldown-source.png"), full_page=True)


def test_phone_width_has_no_horizontal_page_scroll(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    for path, _ in PAGES:
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at phone width"
    page.goto(live_server + "/")
    page.screenshot(path=str(ARTIFACTS / "web-overview-phone.png"), full_page=True)
    context.close()


def test_keyboard_skip_link_and_visible_focus(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到正文"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # shown on focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # tabbing onward reaches a link inside main, with a visible outline
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('main') && document.activeElement.tagName === 'A'"):
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_filters_and_comparison_say_plainly_what_is_missing(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/projects")
    assert "省重大项目" in page.locator("main").inner_text()
    page.select_option("select[name=level]", "市")
    page.locator(".filters button").click()
    text = page.locator("main").inner_text()
    assert "市重点项目" in text and "省重大项目" not in text
    page.goto(page.base + "/compare")
    notice = page.locator(".notice").inner_text()
    assert "镇" in notice and "数据" in notice


def test_download_a_report(page) -> None:  # type: ignore[no-untyped-def]
    import httpx

    available = httpx.get(page.base + "/api/v1/reports").json()["available"]
    if not available:
        pytest.skip("the report service (planwatch.services.report) is not in this build")
    page.goto(page.base + "/reports")
    for fmt in ("docx", "md", "html"):
        with page.expect_download() as info:
            page.locator(f"a[href*='/api/v1/reports/{fmt}']").click()
        download = info.value
        target = ARTIFACTS / f"web-report.{fmt}"
        download.save_as(str(target))
        assert target.stat().st_size > 500
        if fmt == "md":
            assert "1285.41" in target.read_text(encoding="utf-8")


def test_check_a_pasted_report_highlights_the_mismatch(page) -> None:  # type: ignore[no-untyped-def]
    import httpx

    if not httpx.get(page.base + "/openapi.json").json()["paths"].get("/api/v1/check"):
        pytest.skip("no check endpoint")
    try:
        import planwatch.services.check  # noqa: F401
    except ImportError:
        pytest.skip("the check service (planwatch.services.check) is not in this build")
    page.goto(page.base + "/reports")
    page.fill("#check-text", "上半年，全区完成地区生产总值1258.41亿元，同比增长6.1%。")
    page.locator(".check-form button").click()
    page.wait_for_selector(".check-result")
    bad = page.locator(".annotated mark.tone-bad")
    assert bad.first.inner_text() == "1258.41"
    assert "不一致" in page.locator(".findings").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "web-check-result.png"), full_page=True)


def test_the_api_docs_render_with_no_network_but_planwatch(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    """Swagger UI comes from planwatch's own copy: with every other host unreachable it still draws
    the operations (issue 13, finding 9)."""
    context = browser.new_context(locale="zh-CN")
    outside: list[str] = []

    def only_local(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.goto(live_server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "planwatch" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path").count() > 10
    assert outside == []
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
    context.close()
