"""The workbench in a real browser: Debian's chromium driven by Playwright against a uvicorn server
in server mode (login required), through a whole cycle — a reporter fills the grid (a block pasted
from Excel, an invalid cell) and submits; a reviewer returns one value with a comment; the reporter
fixes it; the reviewer approves and locks; the completeness page and the overview follow each step;
a table is downloaded as .xlsx and read back. Screenshots go to tests/artifacts/ (to docs/img/, the
ones docs/web.md shows, with PLANWATCH_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import serving
from tests.web.test_browser import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
# The screenshots docs/web.md shows are rewritten only on request (PLANWATCH_UPDATE_SCREENSHOTS=1), so
# that a test run leaves the checkout clean; otherwise they go with the other artifacts.
DOCS_IMG = ROOT / "docs" / "img" if os.environ.get("PLANWATCH_UPDATE_SCREENSHOTS") == "1" else ARTIFACTS
PERIOD = "2025M01-09"
GRID = f"/collect/grid?region=吴江区&period={PERIOD}&department=统计局"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (scripts/setup installs Debian's chromium)"),
]


@pytest.fixture(scope="module")
def server(example_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on loopback in server mode (local_mode off: everyone logs in), with a reporter of
    统计局 and a reviewer."""
    from planwatch.services.users import add_user
    from planwatch.settings import Settings
    from planwatch.store import open_database
    from planwatch.web.app import create_app

    path = tmp_path_factory.mktemp("workbench") / "example.sqlite"
    shutil.copyfile(example_db_file, path)
    db = open_database(f"sqlite:///{path}")
    add_user(db, "统计小李", "reporter", "reporter-pass-1", department="统计局")
    add_user(db, "审核老王", "reviewer", "reviewer-pass-1")
    add_user(db, "管理员甲", "admin", "admin-pass-001")
    db.dispose()
    app = create_app(Settings(database_url=f"sqlite:///{path}", secret_key="browser-secret", local_mode=False))
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


def _signed_in(browser, base: str, name: str, password: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
    page.goto(base + GRID)
    assert "/login" in page.url          # server mode: a page asks for a login first
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    return page


def _cell(page, code: str, field: str):  # type: ignore[no-untyped-def]
    return page.locator(f"tr[data-indicator='{code}'] [data-field='{field}']")


def _message(page, code: str, field: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f"tr[data-indicator='{code}'] td:has([data-field='{field}']) .cell-msg").inner_text()


def _paste(page, target, text: str) -> None:  # type: ignore[no-untyped-def]
    """A paste event carrying what Excel puts on the clipboard (tab-separated lines)."""
    target.focus()
    target.evaluate("""(el, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", text)


def _state_in_completeness(page, base: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(base + "/collect/completeness?region=吴江区")
    row = page.locator("table.completeness tbody tr", has=page.locator("th", has_text="统计局"))
    return row.locator(f"td >> nth={_column(page)}").get_attribute("data-state") or ""


def _column(page) -> int:  # type: ignore[no-untyped-def]
    headers = page.locator("table.completeness thead th").all_inner_texts()
    return [h.strip() for h in headers[1:]].index("1—9月")


def test_a_whole_cycle_from_entry_to_lock(browser, server) -> None:  # type: ignore[no-untyped-def]
    reporter = _signed_in(browser, server, "统计小李", "reporter-pass-1")
    assert reporter.url.endswith(GRID) or "collect/grid" in reporter.url
    assert reporter.locator("[data-state]").first.get_attribute("data-state") == "未填报"
    assert "统计小李" in reporter.locator(".user-menu").inner_text()
    # the grid: unit, last period (上半年) and the input cells, in the form's order
    gdp_row = reporter.locator("tr[data-indicator='gdp']")
    assert "亿元" in gdp_row.inner_text() and "1285.41（2025年上半年）" in gdp_row.inner_text()

    # a block copied from Excel: GDP and its growth, then 制造业增加值占GDP比重
    _paste(reporter, _cell(reporter, "gdp", "value"), "1950.20\t5.8\n45.6\t\n")
    assert _cell(reporter, "gdp", "value").input_value() == "1950.20"
    assert _cell(reporter, "gdp", "growth").input_value() == "5.8"
    assert _cell(reporter, "mfg_va_share", "value").input_value() == "45.6"
    # Enter moves down the column
    _cell(reporter, "mfg_va_share", "value").press("Enter")
    assert reporter.evaluate("document.activeElement.getAttribute('data-field')") == "value"
    # an invalid cell: the server's validator answers next to the cell, in Chinese
    _cell(reporter, "private_va", "value").fill("12o0")
    reporter.wait_for_function(
        "() => document.querySelector(\"tr[data-indicator='private_va'] td.has-error\") !== null", timeout=10000)
    assert _message(reporter, "private_va", "value") == "本期数值“12o0”不是数字"
    reporter.screenshot(path=str(DOCS_IMG / "web-grid.png"), full_page=False)
    # submitting anyway is refused with the problem at its cell (nothing written)
    reporter.click("button[value=submit]")
    reporter.wait_for_load_state()
    assert "未写入任何数据" in reporter.locator(".error-message").inner_text()
    assert "不是数字" in _message(reporter, "private_va", "value")
    _cell(reporter, "private_va", "value").fill("1360.5")
    reporter.wait_for_function(
        "() => document.querySelector(\"tr[data-indicator='private_va'] td.has-error\") === null", timeout=10000)
    reporter.click("button[value=submit]")
    reporter.wait_for_url("**saved=submitted*")
    assert reporter.locator("[data-state]").first.get_attribute("data-state") == "已提交"

    reviewer = _signed_in(browser, server, "审核老王", "reviewer-pass-1")
    assert _state_in_completeness(reviewer, server) == "已提交"
    reviewer.screenshot(path=str(DOCS_IMG / "web-completeness.png"), full_page=False)
    # the review queue: the submission with last period's values; return GDP with a comment
    reviewer.goto(server + "/collect/review")
    item = reviewer.locator(".review-item", has_text="统计局 · 吴江区2025年1—9月")
    gdp_line = item.locator("tr[data-indicator='gdp']")
    assert "1950.20" in gdp_line.inner_text() and "1285.41" in gdp_line.inner_text()
    assert gdp_line.locator("td.delta").inner_text() == "+664.79"
    item.locator("input[name='returned:gdp']").fill("与季度快报不一致，请核实")
    reviewer.screenshot(path=str(DOCS_IMG / "web-review.png"), full_page=False)
    item.locator("button[value=return]").click()
    reviewer.wait_for_url("**done=return*")
    assert _state_in_completeness(reviewer, server) == "退回"

    # the reporter sees the comment at the value, fixes it and submits again
    reporter.goto(server + GRID)
    assert reporter.locator("[data-state]").first.get_attribute("data-state") == "退回"
    assert "与季度快报不一致，请核实" in reporter.locator("tr[data-indicator='gdp'] .return-comment").inner_text()
    _cell(reporter, "gdp", "value").fill("1948.60")
    reporter.click("button[value=submit]")
    reporter.wait_for_url("**saved=submitted*")

    # the reviewer sees the changed value marked, approves and locks
    reviewer.goto(server + "/collect/review")
    item = reviewer.locator(".review-item", has_text="统计局 · 吴江区2025年1—9月")
    assert "已修改" in item.locator("tr[data-indicator='gdp']").inner_text()
    item.locator("button[value=approve]").click()
    reviewer.wait_for_url("**done=approve*")
    assert _state_in_completeness(reviewer, server) == "已审核"
    reviewer.goto(server + "/collect/review")
    reviewer.locator(".reviewed-table tr", has_text="统计局").locator("button[value=lock]").click()
    reviewer.wait_for_url("**done=lock*")
    assert _state_in_completeness(reviewer, server) == "已锁定"

    # the overview shows the approved figure; its table downloads as .xlsx with numbers as numbers
    reviewer.goto(server + f"/?region=吴江区&period={PERIOD}")
    assert "1948.6" in reviewer.locator(".key-figures").inner_text()
    with reviewer.expect_download() as download_info:
        reviewer.locator("a[href^='/export/status.xlsx']").first.click()
    target = ARTIFACTS / "status-download.xlsx"
    download_info.value.save_as(str(target))
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    headers = [c.value for c in sheet[2]]
    gdp = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "gdp")
    assert gdp[headers.index("本期数值")] == pytest.approx(1948.6)
    assert gdp[headers.index("单位")] == "亿元" and gdp[headers.index("判断")]

    # locked: the reporter's grid says so and a save is refused
    reporter.goto(server + GRID)
    assert reporter.locator("[data-state]").first.get_attribute("data-state") == "已锁定"
    assert reporter.errors == [] and reviewer.errors == []  # type: ignore[attr-defined]


def test_tables_sort_and_filter_without_changing_the_figures(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = _signed_in(browser, server, "审核老王", "reviewer-pass-1")
    page.goto(server + "/indicators?region=吴江区&period=2025H1")
    table = page.locator("table.status-table").first
    names = table.locator("tbody th[scope=row]").all_inner_texts()
    table.locator("thead .sort-button", has_text="指标").click()
    assert table.locator("thead th").first.get_attribute("aria-sort") == "ascending"
    assert sorted(table.locator("tbody th[scope=row]").all_inner_texts()) == sorted(names)
    search = page.locator(".table-search input").first
    search.fill(names[0])
    visible = [t for t, hidden in zip(table.locator("tbody tr").all_inner_texts(),
                                      table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.hidden)"),
                                      strict=True) if not hidden]
    assert visible and all(names[0] in t for t in visible)
    # logout from the header's user menu ends the session
    page.locator(".user-menu summary").click()
    page.locator(".user-menu button", has_text="退出登录").click()
    page.wait_for_url("**/login")
    page.goto(server + "/collect/review")
    assert "/login" in page.url


def test_an_admin_adds_a_user_and_issues_a_token(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = _signed_in(browser, server, "管理员甲", "admin-pass-001")
    page.locator(".user-menu summary").click()
    page.locator(".user-menu a", has_text="用户与令牌").click()
    page.wait_for_url("**/admin/users")
    form = page.locator("form.add-user")
    form.locator("input[name=name]").fill("商务小王")
    form.locator("select[name=department]").select_option("商务局")
    form.locator("input[name=password]").fill("shangwu-pass-1")
    form.locator("button[value=add]").click()
    page.wait_for_load_state()
    assert "已添加用户“商务小王”" in page.locator(".ok").inner_text()
    row = page.locator("tr[data-user='商务小王']")
    assert "部门填报员" in row.inner_text() and "商务局" in row.inner_text()
    row.locator("input[name=label]").fill("报表脚本")
    row.locator("button[value=token]").click()
    page.wait_for_load_state()
    assert page.locator(".new-token").inner_text().startswith("pwt_")
    # (the picture in the docs shows no usable token)
    page.locator(".new-token").evaluate("el => { el.textContent = el.textContent.slice(0, 8) + '…（只显示一次）'; }")
    page.screenshot(path=str(DOCS_IMG / "web-users.png"), full_page=False)
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_report_download_shows_the_busy_indicator_until_it_arrives(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = _signed_in(browser, server, "审核老王", "reviewer-pass-1")
    page.goto(server + "/reports?region=吴江区&period=2025H1")
    link = page.locator("a[href^='/api/v1/reports/md']")
    assert link.get_attribute("data-busy")
    with page.expect_download() as download_info:
        link.click()
        assert page.locator("#busy").is_visible()
    assert download_info.value.suggested_filename.endswith(".md")
    page.wait_for_selector("#busy", state="hidden", timeout=10000)   # the server's cookie says it has arrived
