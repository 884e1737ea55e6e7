"""Departments' written materials (issue 12 item 2): texts submitted through the Excel form and the
web page reach the report draft only once a reviewer approves them, are refused for a locked
period, and every change is in the audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.collect.conftest import add_user, csrf_from, login, make_form

AGRI = "聚焦实体经济，区域能级持续提升/农业经济积极向好"
INDUSTRY = "聚焦实体经济，区域能级持续提升/工业经济支撑有力"


def _draft(db_url: str) -> str:
    from planwatch.services.report import report_document
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        document, _ = report_document(db, region="吴江区", period="2025H1", charts=False)
        return "\n".join(document.paragraphs())
    finally:
        db.dispose()


def _paragraph_of(draft: str, heading: str) -> str:
    return next(p for p in draft.splitlines() if p.startswith(heading))


def _materials(db_url: str, **filters: Any) -> list[Any]:
    from planwatch.services.materials import list_materials
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        return list_materials(db, period="2025H1", **filters).materials
    finally:
        db.dispose()


def _fill_texts(path: Path, rows: list[dict[str, str | None]]) -> list[str]:
    """Type texts into the form's 部门材料 sheet the way a department does: new ones on the first blank
    rows, or ``{"code": …, "内容": …}`` to change a prefilled one. Returns the cells of the texts."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["部门材料"]
    header = next(r for r in range(1, 20) if "planwatch:material" in [c.value for c in ws[r]])
    columns = {str(c.value): c.column for c in ws[header] if c.value is not None}
    code_col = columns["planwatch:material"]
    cells = []
    for values in rows:
        code = values.get("code")
        r = next(r for r in range(header + 1, ws.max_row + 1)
                 if (ws.cell(r, code_col).value == code if code else
                     not ws.cell(r, code_col).value and not ws.cell(r, columns["内容"]).value))
        for head, value in values.items():
            if head != "code":
                ws.cell(r, columns[head]).value = value
        cells.append(ws.cell(r, columns["内容"]).coordinate)
    wb.save(path)
    return cells


def _review(db_url: str, code: str, action: str, who: str | None = "发改审核", note: str | None = None) -> None:
    """Review as ``who`` (None: the local administrator)."""
    from planwatch.services.materials import review_materials
    from planwatch.services.users import resolve_actor
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        review_materials(db, [code], action=action, period="2025H1", actor=resolve_actor(db, who), note=note)
    finally:
        db.dispose()


def _lock(cli: Any, db_url: str) -> None:
    for action in ("submit", "review", "lock"):
        result = cli("period", action, "--region", "吴江区", "--period", "2025H1", "--db", db_url)
        assert result.exit_code == 0, result.stderr


# ---------------------------------------------------------------------------- the form
def test_a_text_from_the_form_reaches_the_draft_only_after_review(cli, example_db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_user(example_db_url, "农业小王", "reporter", "农业农村局")
    add_user(example_db_url, "发改审核", "reviewer")
    form = make_form(example_db_url, tmp_path, "农业农村局", period="2025H1")
    text = "同里镇北联村入选省级特色田园乡村。"
    (cell,) = _fill_texts(form, [{"材料类型": "工作进展与亮点", "所属类别（章节/小节）": AGRI, "内容": text}])

    result = cli("import", str(form), "--as", "农业小王", "--db", example_db_url)
    assert result.exit_code == 0, result.stderr
    assert "部门材料：新提交 1 段" in result.stdout
    (submitted,) = [m for m in _materials(example_db_url, department="农业农村局") if m.text == text]
    assert (submitted.state.value, submitted.author, submitted.category) == ("待审核", "农业小王", AGRI)
    assert submitted.source.locator == f"{form.name}!部门材料!{cell}"
    assert submitted.submitted_at is not None
    assert text not in _draft(example_db_url)            # waiting for review: not in the report

    _review(example_db_url, submitted.code, "approve")
    paragraph = _paragraph_of(_draft(example_db_url), "1.农业经济积极向好。")
    # after the figures and the department's earlier approved texts, in its subsection
    assert paragraph.endswith("吴江区获评省级乡村振兴争先进位县。" + text)
    assert paragraph.index("全区村均经营性收入达324万元。") < paragraph.index(text)


def test_the_form_prefills_stored_texts_and_an_emptied_one_is_withdrawn(cli, example_db_url: str,  # type: ignore[no-untyped-def]
                                                                        tmp_path: Path) -> None:
    from openpyxl import load_workbook

    form = make_form(example_db_url, tmp_path, "农业农村局", period="2025H1")
    ws = load_workbook(form)["部门材料"]
    prefilled = [ws.cell(r, 4).value for r in range(5, 9)]
    assert prefilled[0] == "平望镇庙头村获评国家级美丽休闲乡村。"
    assert ws.cell(5, 5).value == "已通过"
    assert ws.column_dimensions["G"].hidden            # the codes

    _fill_texts(form, [{"code": "wj-h1-01", "内容": None}])
    result = cli("import", str(form), "--db", example_db_url)
    assert result.exit_code == 0, result.stderr
    assert "wj-h1-01" not in {m.code for m in _materials(example_db_url)}
    assert "平望镇庙头村获评国家级美丽休闲乡村" not in _draft(example_db_url)
    history = cli("history", "wj-h1-01", "--db", example_db_url, "--format", "json")
    assert history.exit_code == 0, history.stderr
    assert '"delete"' in history.stdout


def test_a_changed_text_goes_back_to_review(cli, example_db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = make_form(example_db_url, tmp_path, "农业农村局", period="2025H1")
    changed = "七都镇入选农业农村部2025年农业产业强镇名单。"
    _fill_texts(form, [{"code": "wj-h1-03", "内容": changed}])
    assert cli("import", str(form), "--db", example_db_url).exit_code == 0
    (m,) = [m for m in _materials(example_db_url) if m.code == "wj-h1-03"]
    assert (m.text, m.state.value, m.reviewer) == (changed, "待审核", None)
    draft = _draft(example_db_url)
    assert changed not in draft and "七都镇入选" not in draft


def test_form_problems_name_the_cell_and_nothing_is_written(cli, example_db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = make_form(example_db_url, tmp_path, "农业农村局", period="2025H1")
    cells = _fill_texts(form, [{"内容": "没有选类型的一段。"},
                               {"材料类型": "亮点", "所属类别（章节/小节）": "不存在的类别", "内容": "一段。"}])
    result = cli("import", str(form), "--db", example_db_url)
    assert result.exit_code == 2
    assert f"单元格 {cells[0].replace('D', 'B')}" in result.stderr and "请选择材料类型" in result.stderr
    assert f"单元格 {cells[1].replace('D', 'C')}" in result.stderr and "不存在的类别" in result.stderr
    assert {m.text for m in _materials(example_db_url)}.isdisjoint({"没有选类型的一段。", "一段。"})


# ---------------------------------------------------------------------------- the web page
def _submit(web: Any, **fields: str) -> Any:
    page = web.get("/materials", params={"period": "2025H1"})
    assert page.status_code == 200, page.text
    return web.post("/materials/submit", data={"period": "2025H1", "csrf_token": csrf_from(page.text), **fields})


def test_a_text_from_the_web_page_reaches_the_draft_only_after_review(web, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    add_user(example_db_url, "工信小李", "reporter", "工信局")
    add_user(example_db_url, "发改审核", "reviewer")
    text = "盛虹集团入选省级先进制造业集群培育名单。"
    assert login(web, "工信小李").status_code == 303
    page = web.get("/materials", params={"period": "2025H1"})
    assert "亨通光电获评首批国家卓越级智能工厂。" in page.text     # the department's own texts
    assert "平望镇庙头村" not in page.text                             # not another department's
    answer = _submit(web, department="工信局", kind="工作进展与亮点", category=INDUSTRY, text=text)
    assert answer.status_code == 200, answer.text
    assert "已提交，等待审核" in answer.text and "待审核" in answer.text
    (m,) = [m for m in _materials(example_db_url) if m.text == text]
    assert (m.author, m.source.kind.value) == ("工信小李", "user")
    assert text not in _draft(example_db_url)

    refused = web.post("/materials/review", data={"period": "2025H1", "code": m.code, "action": "approve",
                                                  "csrf_token": csrf_from(answer.text)})
    assert refused.status_code == 403                                # a reporter does not review
    web.post("/logout", data={"csrf_token": csrf_from(answer.text)})

    assert login(web, "发改审核").status_code == 303
    page = web.get("/materials", params={"period": "2025H1", "department": "工信局"})
    returned = web.post("/materials/review", data={"period": "2025H1", "code": m.code, "action": "return",
                                                   "note": "请写明集群名称", "csrf_token": csrf_from(page.text)})
    assert returned.status_code == 200 and "请写明集群名称" in returned.text
    assert text not in _draft(example_db_url)                        # returned: still not in the report
    again = web.post("/materials/review", data={"period": "2025H1", "code": m.code, "action": "approve",
                                                "csrf_token": csrf_from(returned.text)})
    assert again.status_code == 422 and "已退回" in again.text         # a returned text is resubmitted first
    assert _submit(web, department="工信局", code=m.code, kind="工作进展与亮点", category=INDUSTRY,
                   text=text).status_code == 200
    page = web.get("/materials", params={"period": "2025H1"})
    approved = web.post("/materials/review", data={"period": "2025H1", "code": m.code, "action": "approve",
                                                   "csrf_token": csrf_from(page.text)})
    assert approved.status_code == 200 and "已审核通过" in approved.text
    paragraph = _paragraph_of(_draft(example_db_url), "2.工业经济支撑有力。")
    assert paragraph.endswith("吴江开发区、吴江高新区入选省级绿色工业园区。" + text)


def test_who_may_write_materials(web, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    add_user(example_db_url, "工信小李", "reporter", "工信局")
    add_user(example_db_url, "看看", "viewer")
    login(web, "工信小李")
    other = _submit(web, department="农业农村局", kind="亮点", category=AGRI, text="替别的部门写的。")
    assert other.status_code == 403 and "不能替“农业农村局”提交材料" in other.text
    empty = _submit(web, department="工信局", kind="亮点", text="  ")
    assert empty.status_code == 422 and "材料内容不能为空" in empty.text
    page = web.get("/materials", params={"period": "2025H1"})
    web.post("/logout", data={"csrf_token": csrf_from(page.text)})
    login(web, "看看")
    assert _submit(web, department="工信局", kind="亮点", text="只读用户写的。").status_code == 403
    assert all("写的。" not in m.text for m in _materials(example_db_url))


def test_the_materials_page_needs_a_login(web) -> None:  # type: ignore[no-untyped-def]
    answer = web.get("/materials", params={"period": "2025H1"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


# ---------------------------------------------------------------------------- locks and audit
def test_materials_are_refused_for_a_locked_period(cli, web, example_db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from planwatch.errors import Locked
    from planwatch.services.materials import MaterialEntry, review_materials, submit_materials
    from planwatch.store import open_database

    add_user(example_db_url, "农业小王", "reporter", "农业农村局")
    form = make_form(example_db_url, tmp_path, "农业农村局", period="2025H1")
    _fill_texts(form, [{"材料类型": "亮点", "所属类别（章节/小节）": AGRI, "内容": "锁定后才交的一段。"}])
    _lock(cli, example_db_url)
    before = _materials(example_db_url)

    result = cli("import", str(form), "--db", example_db_url)          # the form
    assert result.exit_code == 2 and "已锁定" in result.stderr
    login(web, "农业小王")                                                # the web page
    answer = _submit(web, department="农业农村局", kind="亮点", category=AGRI, text="锁定后网页交的一段。")
    assert answer.status_code == 409 and "已锁定" in answer.text
    db = open_database(example_db_url)
    try:
        with pytest.raises(Locked):                                      # the service, and a review
            submit_materials(db, [MaterialEntry("亮点", "又一段。", AGRI)], department="农业农村局", period="2025年上半年")
        with pytest.raises(Locked):
            review_materials(db, ["wj-h1-01"], action="return", period="2025H1", note="锁定后退回")
    finally:
        db.dispose()
    assert _materials(example_db_url) == before


def test_a_plan_load_with_materials_of_a_locked_period_is_refused(cli, example_db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tests.conftest import EXAMPLE

    _lock(cli, example_db_url)
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    for name in ("observations-2025h1.yaml", "projects.yaml"):
        (plan / name).unlink()
    with (plan / "materials-2025h1.yaml").open("a", encoding="utf-8") as f:
        f.write('  - {code: extra-1, department: 发改委, period: "2025H1", kind: 亮点, text: 锁定后载入的一段。}\n')
    result = cli("load", str(plan), "--db", example_db_url)
    assert result.exit_code == 2 and "已锁定" in result.stderr
    assert "extra-1" not in {m.code for m in _materials(example_db_url)}


def test_every_change_of_a_material_is_audited(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.history import audit_trail
    from planwatch.services.materials import MaterialEntry, submit_materials
    from planwatch.services.users import resolve_actor
    from planwatch.store import open_database

    add_user(example_db_url, "农业小王", "reporter", "农业农村局")
    add_user(example_db_url, "发改审核", "reviewer")
    db = open_database(example_db_url)
    try:
        result = submit_materials(db, [MaterialEntry("亮点", "第一稿。", AGRI)], department="农业农村局",
                                  period="2025年上半年", actor=resolve_actor(db, "农业小王"))
        (code,) = result.inserted
        _review(example_db_url, code, "return", note="太短")
        submit_materials(db, [MaterialEntry("亮点", "第二稿，写全了。", AGRI, code=code)], department="农业农村局",
                         period="2025H1", actor=resolve_actor(db, "农业小王"))
        _review(example_db_url, code, "approve")
        trail = audit_trail(db, target=code)
    finally:
        db.dispose()
    assert [(e.action, e.user) for e in trail] == [("insert", "农业小王"), ("review", "发改审核"),
                                                   ("update", "农业小王"), ("review", "发改审核")]
    assert trail[0].new["text"] == "第一稿。" and trail[0].new["state"] == "待审核"
    assert trail[1].new == {"state": "已退回", "review_note": "太短"} and trail[1].reason == "太短"
    assert trail[2].old["text"] == "第一稿。" and trail[2].new["text"] == "第二稿，写全了。"
    assert trail[3].new["state"] == "已通过"
    assert all(e.region == "320509" and e.period == "2025H1" and e.kind == "materials" for e in trail)
    loaded = audit_trail(open_database(example_db_url), target="wj-h1-01")   # a plan load audits its materials
    assert [e.action for e in loaded] == ["insert"]


# ---------------------------------------------------------------------------- the report's other parts
def test_problems_and_next_steps_fill_the_closing_paragraph_and_section_two(example_db_url: str) -> None:
    draft = _draft(example_db_url)
    assert ("上半年，吴江区经济社会发展取得上述成绩。同时，我们也关注到，发展中还面临若干困难挑战，主要是：外部环境更趋复杂严峻，"
            "经济回升向好基础还不稳固，") in draft
    assert "〔待编辑〕" not in draft
    assert "（三）全力破除发展桎梏，打开改革开放发展新局面" in draft

    # returned (or never approved), they leave the places for the office to write, marked
    for code in ("wj-h1-problems", *(f"wj-h1-next-{n}" for n in range(6))):
        _review(example_db_url, code, "return", who=None, note="另行撰写")
    draft = _draft(example_db_url)
    assert "〔待编辑〕上半年成绩与困难挑战" in draft and "〔待编辑〕下半年工作安排" in draft
    assert "外部环境更趋复杂严峻" not in draft and "全力破除发展桎梏" not in draft


def test_files_given_take_the_place_of_the_materials(example_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.report import report_document

    document, _ = report_document(example_db, region="吴江区", period="2025H1", charts=False,
                                  part_two_text="（一）另写的安排\n推进某项工作。", challenges_text="另写的困难挑战。")
    texts = document.paragraphs()
    assert "另写的困难挑战。" in texts and "推进某项工作。" in texts
    assert not any("外部环境更趋复杂严峻" in t or "全力破除发展桎梏" in t for t in texts)


def test_the_review_copy_names_where_each_material_comes_from(example_db_url: str) -> None:
    from planwatch.report import document as doc
    from planwatch.services.materials import MaterialEntry, submit_materials
    from planwatch.services.report import report_document
    from planwatch.store import open_database

    add_user(example_db_url, "发改审核", "reviewer")
    db = open_database(example_db_url)
    try:
        (code,) = submit_materials(db, [MaterialEntry("亮点", "震泽镇获评省级生态文明建设示范镇。", AGRI)],
                                   department="农业农村局", period="2025H1").inserted
        _review(example_db_url, code, "approve")
        document, _ = report_document(db, region="吴江区", period="2025H1", charts=False, review=True)
    finally:
        db.dispose()
    comments = {run.text: run.comment for block in document.blocks if isinstance(block, doc.Paragraph)
                for run in block.runs if run.comment}
    assert comments["在2025赛迪创新百强区中，吴江区位列全国第11，全省第2，大市第1。"] == (
        "科技局材料（工作进展与亮点）。来源：《吴江区2025年国民经济和社会发展计划上半年执行情况的报告》第2512—2547字："
        "“在2025赛迪创新百强区中，吴江区位列全国第11，全省第2，大市第1。”")
    note = comments["震泽镇获评省级生态文明建设示范镇。"]
    assert note.startswith("农业农村局材料（工作进展与亮点）。来源：农业农村局 网页提交，撰写人 本机管理员，")
    assert note.endswith("；审核 发改审核")
    assert comments["外部环境更趋复杂严峻，经济回升向好基础还不稳固，一体化示范区建设任重道远，科技创新引领步伐还要加快，"
                    "新旧动能接续转换仍需提速，民生领域存在短板弱项，安全生产、生态治理、社会安全等领域还有不少风险点，"
                    "我们要直面问题、盯住不放，采取有力有效举措加以解决"].startswith("发改委材料（存在问题）。来源：《")


def test_history_lists_the_materials_of_a_period(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    _review(example_db_url, "wj-h1-05", "return", who=None, note="请补充获评时间")
    result = cli("history", "--kind", "materials", "--period", "2025H1", "--db", example_db_url)
    assert result.exit_code == 0, result.stderr
    assert "审核" in result.stdout and "部门材料 wj-h1-05" in result.stdout
