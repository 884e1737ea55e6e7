"""`planwatch extract` and `planwatch plan draft` through the CLI boundary."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE_REPORT, ROOT

TARGETS = (
    "吴江区2026年国民经济和社会发展计划（草案）\n"
    "今年经济社会发展的主要预期目标：地区生产总值增长5%以上；一般公共预算收入保持正增长；社会消费品零售总额超1000亿元；"
    "高新技术产业产值占比稳定在70%以上；居民人均可支配收入与经济增长基本同步；城镇调查失业率5.5%左右；"
    "单位GDP能耗降低完成省下达任务；全社会固定资产投资增长5%—6%。\n"
)


def _jsonl(stdout: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _spans(fact: dict) -> list[tuple[str, list[int]]]:  # type: ignore[type-arg]
    return [(k, v["span"]) for k, v in fact.items() if isinstance(v, dict) and "span" in v]


def test_jsonl_facts_point_at_their_numbers_in_text_order(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("extract", str(REFERENCE_REPORT))
    assert result.exit_code == 0, result.stderr
    facts = _jsonl(result.stdout)
    text = REFERENCE_REPORT.read_text(encoding="utf-8")
    assert len(facts) > 50
    starts = [min(span[0] for _, span in _spans(f)) for f in facts]
    assert starts == sorted(starts)
    gdp = facts[0]
    assert gdp["indicator"] == "地区生产总值"
    assert text[gdp["value"]["span"][0]:gdp["value"]["span"][1]] == "1285.41"
    assert "file" not in gdp


def test_several_files_carry_a_file_key_and_csv_has_one_row_per_slot(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.txt"
    other.write_text("上半年，全区实现地区生产总值1285.41亿元，同比增长6.1%。", encoding="utf-8")
    result = cli("extract", str(REFERENCE_REPORT), str(other))
    facts = _jsonl(result.stdout)
    assert {f["file"] for f in facts} == {str(REFERENCE_REPORT), str(other)}
    assert facts[-1]["file"] == str(other) and facts[-1]["indicator"] == "地区生产总值"

    as_csv = cli("extract", "--format", "csv", str(other))
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(r["indicator"], r["slot"], r["number"], r["unit"], r["text"]) for r in rows] == [
        ("地区生产总值", "value", "1285.41", "亿元", "1285.41"), ("地区生产总值", "growth", "6.1", "%", "6.1")]

    table = cli("extract", "--format", "table", str(other))
    assert table.exit_code == 0 and "地区生产总值" in table.stdout and "1285.41亿元" in table.stdout


def test_dump_text_of_a_docx_is_what_spans_count_in(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_paragraph("吴江区上半年报告")
    document.add_paragraph("全区实现地区生产总值1285.41亿元，同比增长6.1%。")
    path = tmp_path / "r.docx"
    document.save(path)
    dumped = cli("extract", "--dump-text", str(path)).stdout
    assert dumped == "吴江区上半年报告\n全区实现地区生产总值1285.41亿元，同比增长6.1%。\n"
    fact = _jsonl(cli("extract", str(path)).stdout)[0]
    start, end = fact["value"]["span"]
    assert dumped[start:end] == "1285.41"


def test_targets_option_lists_targets_with_comparisons(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.txt"
    path.write_text(TARGETS, encoding="utf-8")
    rows = _jsonl(cli("extract", "--targets", "--region", "吴江区", str(path)).stdout)
    by_name = {r["indicator"]: r for r in rows}
    assert by_name["地区生产总值"]["growth"] == {"comparison": "以上", "unit": "%", "number": 5,
                                                 "span": by_name["地区生产总值"]["growth"]["span"]}
    assert by_name["地区生产总值"]["year"] == 2026
    assert by_name["一般公共预算收入"]["growth"]["comparison"] == "正增长"
    assert by_name["社会消费品零售总额"]["level"]["number"] == 1000
    assert by_name["全社会固定资产投资"]["growth"]["upper"] == 6
    table = cli("extract", "--targets", "--format", "table", str(path))
    assert "城镇调查失业率" in table.stdout and "5.5%左右" in table.stdout


def test_plan_draft_writes_a_plan_that_loads(cli, tmp_path: Path, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "政府工作报告.txt"
    source.write_text(TARGETS, encoding="utf-8")
    output = tmp_path / "draft" / "plan.yaml"
    made = cli("plan", "draft", str(source), "--region", "吴江区", "--year", "2026", "-o", str(output))
    assert made.exit_code == 0, made.stderr
    assert "8 个指标及目标" in made.stdout
    loaded = cli("load", str(output), "--db", sqlite_url)
    assert loaded.exit_code == 0, loaded.stderr + loaded.stdout

    from planwatch.ingest.plan_file import read_plan

    plan = read_plan(output)
    names = {i.code: i.name for i in plan.indicators}
    targets = {names[t.indicator]: t for t in plan.targets}
    assert targets["地区生产总值"].growth.describe() == "增长5%以上"
    assert targets["社会消费品零售总额"].level.describe() == "1000亿元以上"
    assert targets["居民人均可支配收入"].qualitative == "与经济增长基本同步"
    document = plan.documents[0]
    assert document.text == TARGETS                # the text is kept as written: spans count from its first character
    span = targets["城镇调查失业率"].source.spans["level"]
    assert document.text[span[0]:span[1]] == "5.5"

    again = cli("plan", "draft", str(source), "--region", "吴江区", "--year", "2026", "-o", str(output))
    assert again.exit_code == 2 and "--force" in again.stderr
    printed = cli("plan", "draft", str(source), "--region", "吴江区", "--year", "2026")
    assert printed.stdout == output.read_text(encoding="utf-8")


def test_bad_inputs_exit_2_with_a_message(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = cli("extract", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2 and "none.txt" in missing.stderr and "不存在" in missing.stderr
    odd = tmp_path / "data.xlsx"
    odd.write_bytes(b"PK")
    unknown = cli("extract", str(odd))
    assert unknown.exit_code == 2 and "不支持的文件类型" in unknown.stderr
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 16)
    undecodable = cli("extract", str(binary))
    assert undecodable.exit_code == 2 and "binary.txt" in undecodable.stderr and "编码" in undecodable.stderr
    draft = cli("plan", "draft", str(binary), "--region", "吴江区", "--year", "2026")
    assert draft.exit_code == 2 and "Traceback" not in draft.stderr


def test_extract_help_does_not_import_heavy_libraries() -> None:
    code = ("import sys\nfrom planwatch.cli import main\ntry:\n    main(['extract', '--help'])\n"
            "except SystemExit:\n    pass\n"
            "print('MODULES:' + ','.join(m for m in ('sqlalchemy', 'fastapi', 'docx', 'pypdf', 'bs4') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "抽取" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "MODULES:", result.stdout.splitlines()[-1]


def test_plan_draft_of_a_text_starting_with_spaces_keeps_spans(cli, tmp_path: Path, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "indented.txt"
    text = "\u3000\u3000" + TARGETS
    source.write_text(text, encoding="utf-8")
    output = tmp_path / "plan.yaml"
    assert cli("plan", "draft", str(source), "--region", "吴江区", "--year", "2026", "-o", str(output)).exit_code == 0
    assert cli("load", str(output), "--db", sqlite_url).exit_code == 0

    from planwatch.ingest.plan_file import read_plan

    plan = read_plan(output)
    assert plan.documents[0].text == text


def test_plan_draft_reads_targets_in_chinese_numerals_as_the_fact_extractor_does(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path) -> None:
    text = "主要预期目标是：城镇新增就业三万人以上；新开工一批重点项目；实施十件民生实事。\n"
    source = tmp_path / "计划.txt"
    source.write_text(text, encoding="utf-8")
    output = tmp_path / "plan.yaml"
    assert cli("plan", "draft", str(source), "--region", "吴江区", "--year", "2026", "-o", str(output)).exit_code == 0

    from planwatch.ingest.plan_file import read_plan

    plan = read_plan(output)
    names = {i.code: i.name for i in plan.indicators}
    targets = {names[t.indicator]: t for t in plan.targets}
    assert list(targets) == ["城镇新增就业"]                  # 一批, 十件民生实事 are no numbers
    level = targets["城镇新增就业"].level
    assert level is not None and level.describe() == "3万人以上"
    span = targets["城镇新增就业"].source.spans["level"]
    assert text[span[0]:span[1]] == "三"
    facts = _jsonl(cli("extract", str(source)).stdout)
    assert [(f["indicator"], f["value"]["number"], f["value"]["unit"], f["value"]["span"]) for f in facts] == [
        ("城镇新增就业", 3, "万人", list(span))]


def test_a_folder_is_its_report_files_read_on_several_processes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "报告"
    (folder / "县区").mkdir(parents=True)
    texts = {folder / "a.txt": "全区地区生产总值增长5.1%。", folder / "县区" / "b.txt": "规上工业增加值增长6.3%。",
             folder / "县区" / "c.txt": "社会消费品零售总额增长4.2%。", folder / "d.txt": "固定资产投资下降2.4%。"}
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    (folder / "说明.xlsx").write_bytes(b"not a report")
    listed = cli("extract", *map(str, sorted(texts)), "--jobs", "1")
    folded = cli("extract", str(folder), "--jobs", "2")
    assert folded.exit_code == 0, folded.stderr
    assert folded.stdout == listed.stdout
    rows = _jsonl(folded.stdout)
    assert [Path(r["file"]).name for r in rows] == ["a.txt", "d.txt", "b.txt", "c.txt"]
    assert [r["growth"]["number"] for r in rows] == [5.1, -2.4, 6.3, 4.2]
    assert "4/4" in folded.stderr                       # more than three files: a progress bar on stderr
    empty = tmp_path / "空"
    empty.mkdir()
    refused = cli("extract", str(empty))
    assert refused.exit_code == 2 and "没有可读取的报告文件" in refused.stderr


POLICY_TARGETS = """今年主要预期目标是：
◆地区生产总值增长5%左右；
●居民收入和经济增长基本同步；
■单位地区生产总值能耗下降2.5%左右，耕地保有量不低于41.6万亩；
◆一般公共预算收入增长4%（全口径税收增长3.5%），全社会固定资产投资（增长6%）。
赤字率拟按3.8%左右安排，广义货币供应量M2和社会融资规模增速同名义经济增长预期目标相匹配。
"""


def test_plan_draft_reads_qualitative_and_policy_targets_binding_natures_bullets_and_brackets(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, sqlite_url: str) -> None:
    source = tmp_path / "计划.txt"
    source.write_text(POLICY_TARGETS, encoding="utf-8")
    output = tmp_path / "plan.yaml"
    made = cli("plan", "draft", str(source), "--region", "吴江区", "--year", "2026", "-o", str(output))
    assert made.exit_code == 0, made.stderr
    assert cli("load", str(output), "--db", sqlite_url).exit_code == 0

    from planwatch.ingest.plan_file import read_plan

    plan = read_plan(output)
    indicators = {i.name: i for i in plan.indicators}
    names = {i.code: i.name for i in plan.indicators}
    targets = {names[t.indicator]: t for t in plan.targets}
    assert list(targets) == ["地区生产总值", "居民收入", "单位地区生产总值能耗下降", "耕地保有量", "一般公共预算收入",
                             "全口径税收", "全社会固定资产投资", "赤字率", "广义货币供应量M2", "社会融资规模增速"]
    assert targets["居民收入"].qualitative == "和经济增长基本同步"
    assert targets["全口径税收"].growth.describe() == "增长3.5%"          # the bracket's own subject
    assert targets["全社会固定资产投资"].growth.describe() == "增长6%"     # a bracket bound to its clause
    assert targets["一般公共预算收入"].growth.describe() == "增长4%"
    assert targets["赤字率"].level.describe() == "3.8%左右"
    assert targets["社会融资规模增速"].qualitative == "同名义经济增长预期目标相匹配"
    binding = {name for name, i in indicators.items() if i.nature.value == "约束性"}
    assert binding == {"单位地区生产总值能耗下降", "耕地保有量"}
