"""Use cases over report text that touch no database: read a file's facts or targets, and draft a
plan file (indicators + targets, each number tied to its span in an embedded document) for a
person to review (``planwatch plan draft``)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from planwatch.extract import extract_facts, extract_targets, read_text
from planwatch.extract import text_of_bytes as text_of_bytes  # (for the shells, with the two above)
from planwatch.extract.targets import TargetFinding
from planwatch.model import Comparison, NumericGoal, is_known_unit
from planwatch.model.fact import Fact
from planwatch.model.formatting import stated
from planwatch.model.region import RegionLevel


@dataclass
class FileFacts:
    path: Path
    text: str
    facts: list[Fact]


def facts_in_file(path: Path) -> FileFacts:
    """The text of ``path`` and its facts in text order."""
    text = read_text(path)
    facts = sorted(extract_facts(text), key=lambda f: f.start)
    return FileFacts(Path(path), text, facts)


def report_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, a folder standing for the report files below it (.txt .md .docx .pdf .html
    .htm, in path order); a folder without any is an error."""
    from planwatch.errors import InputError
    from planwatch.extract.text import SUFFIXES

    out: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not found:
            raise InputError(f"{path}：文件夹中没有可读取的报告文件（{'、'.join(SUFFIXES)}）")
        out.extend(found)
    return out


#: files read per task on the worker processes, at most (a task's results come back together)
_CHUNK_MAX = 16


def facts_in_files(paths: Sequence[Path], *, jobs: int = 0) -> Iterator[FileFacts]:
    """``facts_in_file`` of every path, yielded one by one in the order given, on ``jobs`` processes
    (0: one per core; one file or one job: in this process). Output streams: each result is yielded as
    soon as it and every one before it are read, and at most two tasks (of up to ``_CHUNK_MAX`` files)
    per process are read ahead of the consumer, so memory stays flat in the number of files. An error
    reading a file (``InputError``) is raised when its turn comes, after the results before it."""
    import os

    paths = list(paths)
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        for path in paths:
            yield facts_in_file(path)
        return
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    chunk = max(1, min(_CHUNK_MAX, len(paths) // (workers * 8)))
    pool = ProcessPoolExecutor(max_workers=workers)
    pending: deque[Future[list[FileFacts]]] = deque()
    try:
        for i in range(0, len(paths), chunk):
            pending.append(pool.submit(_facts_in_chunk, paths[i:i + chunk]))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _facts_in_chunk(paths: list[Path]) -> list[FileFacts]:
    return [facts_in_file(path) for path in paths]


def guess_year(text: str, default: int) -> int:
    """The year a target text is about: the year named next to a target trigger, else the most
    frequent 20xx年 in the text, else ``default``."""
    near = re.search(r"((?:19|20)\d{2})年[^。\n]{0,20}?目标", text)
    if near:
        return int(near.group(1))
    years = Counter(re.findall(r"((?:19|20)\d{2})年", text))
    return int(years.most_common(1)[0][0]) if years else default


def targets_in_file(path: Path, *, region: str, year: int | None = None) -> tuple[str, int, list[TargetFinding]]:
    """(text, year, targets) of ``path``; the year is guessed from the text when not given."""
    import datetime

    text = read_text(path)
    year = year or guess_year(text, datetime.date.today().year)
    return text, year, extract_targets(text, region=region, year=year)


# -------------------------------------------------------------------------------------- plan draft

@dataclass
class PlanDraft:
    yaml: str
    text: str
    targets: list[TargetFinding]                   # written as targets
    left_out: list[tuple[TargetFinding, str]] = field(default_factory=list)   # (finding, reason)
    guessed_units: list[str] = field(default_factory=list)                    # indicator names
    text_field: str = ""                                                      # the document's text: line


_LEVEL_SUFFIXES = (("省", RegionLevel.PROVINCE), ("自治区", RegionLevel.PROVINCE), ("特别行政区", RegionLevel.PROVINCE),
                   ("街道", RegionLevel.TOWN), ("镇", RegionLevel.TOWN), ("乡", RegionLevel.TOWN),
                   ("区", RegionLevel.COUNTY), ("县", RegionLevel.COUNTY), ("旗", RegionLevel.COUNTY),
                   ("市", RegionLevel.CITY), ("州", RegionLevel.CITY), ("盟", RegionLevel.CITY))
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# Units guessed from an indicator's name when the text gives only a growth rate or words.
_UNIT_BY_NAME = (
    (r"(率|比重|占比|比例|涨幅|增速|增幅|降低|下降|削减|提高|份额)$", "%"),
    (r"浓度$", "微克/立方米"),
    (r"人均.*(收入|支出)$", "元"),
    (r"(总值|总额|收入|投资|产值|增加值|支出|销售额|营业额|外资|规模|税收|贷款|存款)$", "亿元"),
    (r"(粮食|蔬菜|水产|渔业)?(产量|总产)$", "万吨"),
    (r"(就业|人数|人口|人才)", "万人"),
    (r"(面积|耕地|农田)", "万亩"),
    (r"(企业|工厂|机构|医院|学校)", "家"),
    (r"(项目|基站|场所)", "个"),
)


def _region_level(name: str) -> RegionLevel:
    if name in ("全国", "中国", "中华人民共和国"):
        return RegionLevel.NATION
    if name in _MUNICIPALITIES:
        return RegionLevel.PROVINCE
    for suffix, level in _LEVEL_SUFFIXES:
        if name.endswith(suffix):
            return level
    return RegionLevel.COUNTY


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _num(value: Decimal) -> str:
    return stated(value) or ""


def _block(text: str, indent: str) -> str:
    """``text`` as a YAML literal block (readable) when it survives the round trip, else quoted."""
    import yaml

    if text and all(ch.isprintable() or ch == "\n" for ch in text):
        header = "|" + ("2" if text[:1] == " " else "") + ("+" if text.endswith("\n") else "-")
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()   # the line break after the last line is the block's own
        body = "\n".join((indent + line) if line else "" for line in lines)
        literal = f"{header}\n{body}"
        try:
            loaded = yaml.safe_load(f"documents:\n  - text: {literal}\nnext: 1\n")
            if loaded["documents"][0]["text"] == text:
                return literal
        except yaml.YAMLError:
            pass
    return _q(text)


def _unit_from_name(name: str) -> str | None:
    for pattern, unit in _UNIT_BY_NAME:
        if re.search(pattern, name):
            return unit
    return None


def _units_from_facts(text: str) -> dict[str, str]:
    """Units the text itself gives to indicators (a level stated elsewhere, e.g. 1285.41亿元)."""
    out: dict[str, str] = {}
    for fact in extract_facts(text):
        if fact.value is not None and fact.value.unit and is_known_unit(fact.value.unit):
            out.setdefault(fact.indicator, fact.value.unit)
    return out


def draft_plan(path: Path, *, region: str, year: int, region_code: str | None = None,
               title: str | None = None, document_code: str | None = None) -> PlanDraft:
    """A plan file (YAML) with the targets stated in ``path``: one indicator per target, the source
    text embedded as a document, every target's numbers tied to their spans. For review, not for
    blind loading: units the text does not give are guessed from the name and flagged."""
    text = read_text(path)
    findings = extract_targets(text, region=region, year=year)
    doc_code = document_code or "source"
    known_units = _units_from_facts(text) if findings else {}
    draft = PlanDraft("", text, [])
    draft.text_field = f"    text: {_block(text, '      ')}"

    indicators: list[str] = []
    targets: list[str] = []
    seen: dict[str, str] = {}
    for finding in findings:
        reason = _reason_to_leave_out(finding, seen)
        if reason:
            draft.left_out.append((finding, reason))
            continue
        seen[finding.indicator] = finding.text
        ind_code = f"i{len(indicators) + 1:02d}"
        level_unit = finding.target.level.unit if finding.target.level else None
        unit = level_unit or known_units.get(finding.indicator)
        if unit is None:
            unit = _unit_from_name(finding.indicator) or "%"
            draft.guessed_units.append(finding.indicator)
            indicators.append(_indicator_yaml(ind_code, finding, unit) + "  # 单位由指标名称推断，请核对")
        else:
            indicators.append(_indicator_yaml(ind_code, finding, unit))
        targets.append(_target_yaml(ind_code, finding, doc_code))
        draft.targets.append(finding)

    first_line = next((line.strip() for line in text.splitlines() if line.strip()), Path(path).stem)
    lines = [
        *_draft_header(Path(path).name, region, region_code or region, year, title),
        "documents:",
        f"  - code: {_q(doc_code)}",
        f"    title: {_q(first_line[:300])}",
        f"    kind: {_q('计划草案')}",
        draft.text_field,
        "# ---------------------------------------------------------------- 指标与目标",
        "indicators:" + ("" if indicators else " []"),
        *indicators,
        "",
        "targets:" + ("" if targets else " []"),
        *targets,
    ]
    if draft.left_out:
        lines += ["", "# 以下目标表述未写入（请人工处理）："]
        for finding, reason in draft.left_out:
            lines.append(f"#   - 第{finding.sentence[0] if finding.sentence else 0}字“{finding.text}”：{reason}")
    draft.yaml = "\n".join(lines) + "\n"
    return draft


def _reason_to_leave_out(finding: TargetFinding, seen: dict[str, str]) -> str | None:
    """Why a target statement cannot become a plan entry (a repeat, or a unit planwatch cannot
    check), or None."""
    if finding.indicator in seen:
        return f"指标“{finding.indicator}”的目标已在前面出现（{seen[finding.indicator]}）"
    level_unit = finding.target.level.unit if finding.target.level else None
    if level_unit is not None and not is_known_unit(level_unit):
        return f"单位“{level_unit}”不是系统认识的计量单位" if level_unit else "目标数值没有单位"
    return None


#: indicators whose targets are 约束性 in Chinese plans: energy and carbon intensity, pollutants, farmland,
#: water and air quality (the plan draft marks them; a reviewer may change it)
_BINDING_RE = re.compile(r"能耗|能源消耗|碳排放|二氧化碳|污染物|化学需氧量|氨氮|二氧化硫|氮氧化物|挥发性有机物|耕地|永久基本农田"
                         r"|水质|断面|PM2\.5|细颗粒物|空气质量|优良天数")


def _indicator_yaml(ind_code: str, finding: TargetFinding, unit: str) -> str:
    """The indicator entry a target implies: 越小越好 for a ceiling, 定性 without numbers, 比率 for a
    level in %."""
    target = finding.target
    fields = [f"code: {ind_code}", f"name: {_q(finding.indicator)}", f"unit: {_q(unit)}", f"category: {_q('待分类')}"]
    goals = [g for g in (target.level, target.growth) if g is not None]
    if _BINDING_RE.search(finding.indicator):
        fields.append("nature: 约束性")
    if any(g.comparison is Comparison.AT_MOST for g in goals):
        fields.append("direction: 越小越好")
    if not goals:
        fields.append("measure: 定性")
    elif target.level is not None and unit in ("%", "‰"):
        fields.append("measure: 比率")
    return "  - {" + ", ".join(fields) + "}"


def _draft_header(file_name: str, region: str, code: str, year: int, title: str | None) -> list[str]:
    return [
        "# 计划草稿：由 planwatch plan draft 从以下文件的目标表述中生成，请人工核对后再载入。",
        f"# 来源文件：{file_name}",
        "# - 指标代码（i01 …）、类别（待分类）为占位，请按本地指标体系修改；",
        "# - 每个目标的数字都指向 documents 中原文的字符位置（source.spans），载入时会核对；",
        "# - 原文未载明的单位由指标名称推断（行尾注明），未能识别的目标列在文末注释中。",
        "plan:",
        f"  region: {_q(code)}",
        f"  year: {year}",
        f"  title: {_q(title or f'{region}{year}年国民经济和社会发展计划（草稿）')}",
        "",
        "regions:",
        f"  - {{code: {_q(code)}, name: {_q(region)}, level: {_region_level(region).value}}}",
        "",
    ]


def _goal_yaml(goal: NumericGoal) -> str:
    parts = []
    if goal.value is not None:
        parts.append(f"value: {_num(goal.value)}")
    parts.append(f"unit: {_q(goal.unit or '%')}")
    parts.append(f"comparison: {goal.comparison.value}")
    if goal.upper is not None:
        parts.append(f"upper: {_num(goal.upper)}")
    return "{" + ", ".join(parts) + "}"


def _target_yaml(ind_code: str, finding: TargetFinding, doc_code: str) -> str:
    target = finding.target
    out = [f"  - indicator: {ind_code}   # {finding.indicator}"]
    if target.level is not None:
        out.append(f"    level: {_goal_yaml(target.level)}")
    if target.growth is not None:
        out.append(f"    growth: {_goal_yaml(target.growth)}")
    if target.qualitative:
        out.append(f"    qualitative: {_q(target.qualitative)}")
    out.append(f"    text: {_q(finding.text)}")
    spans = ", ".join(f"{key}: [{a}, {b}]" for key, (a, b) in finding.spans.items())
    out.append(f"    source: {{document: {_q(doc_code)}, spans: {{{spans}}}}}")
    return "\n".join(out)


def write_draft(draft: PlanDraft, output: Path, *, force: bool = False) -> None:
    """Write the draft to ``output`` (refusing to overwrite unless ``force``) and check it loads."""
    from planwatch.errors import InputError
    from planwatch.ingest.plan_file import read_plan

    if output.exists() and not force:
        raise InputError(f"{output}：文件已存在（加 --force 覆盖）")
    output.parent.mkdir(parents=True, exist_ok=True)
    yaml_text = draft.yaml
    if draft.text[:1].isspace():
        # the plan loader strips a text field's ends, which would shift every span: keep the text in a
        # file beside the plan instead (read as written)
        sidecar = output.with_suffix(".source.txt")
        sidecar.write_text(draft.text, encoding="utf-8", newline="")
        yaml_text = yaml_text.replace(draft.text_field, f"    file: {_q(sidecar.name)}", 1)
    output.write_text(yaml_text, encoding="utf-8", newline="")
    read_plan(output)   # raises InputError with located problems if the draft does not load


__all__ = ["FileFacts", "PlanDraft", "draft_plan", "facts_in_file", "guess_year", "targets_in_file",
           "write_draft"]
