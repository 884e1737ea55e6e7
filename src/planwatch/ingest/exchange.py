"""Observations as CSV in long format, for exchange with other systems.

One row per indicator, region and period::

    indicator,region,period,value,unit,growth,note,source[,status,estimate]

``indicator`` is the indicator code (or its name), ``region`` a region code or name, ``period`` any
written form (2025H1, 2025年1—7月). ``value`` and ``growth`` are plain decimal numbers written with
their stated precision; ``source`` is free text describing where the figure came from. ``status``
(qualitative result) and ``estimate`` (1/0, 是/否) are optional extra columns. UTF-8, with or without
a byte-order mark (Excel's "CSV UTF-8").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from planwatch.errors import Location, Problem
from planwatch.ingest.forms import ReadResult, Row, parse_number

COLUMNS = ("indicator", "region", "period", "value", "unit", "growth", "note", "source")
EXTRA_COLUMNS = ("status", "estimate")
REQUIRED = ("indicator", "region", "period")
TRUE_WORDS = {"1", "true", "yes", "y", "是", "预计", "预计数"}
FALSE_WORDS = {"", "0", "false", "no", "n", "否", "实际", "实际数"}


@dataclass(frozen=True)
class ExportRow:
    indicator: str
    region: str
    period: str
    value: Decimal | None
    unit: str | None
    growth: Decimal | None
    note: str | None
    source: str | None
    status: str | None
    estimate: bool


def write_csv(rows: Iterable[ExportRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, *EXTRA_COLUMNS])
    for r in rows:
        writer.writerow([r.indicator, r.region, r.period, "" if r.value is None else str(r.value), r.unit or "",
                         "" if r.growth is None else str(r.growth), r.note or "", r.source or "", r.status or "",
                         "1" if r.estimate else "0"])
    return out.getvalue()


def read_csv(path: Path, *, name: str | None = None, data: bytes | None = None) -> ReadResult:
    file_name = name or Path(path).name
    raw = data if data is not None else Path(path).read_bytes()
    from planwatch.ingest.limits import csv_problem

    if (too_big := csv_problem(raw, file_name)) is not None:
        return ReadResult([], [too_big])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            return ReadResult([], [Problem("无法识别文件编码（请另存为 UTF-8 的 CSV）", Location(file=file_name))])
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return ReadResult([], [Problem("文件为空", Location(file=file_name))])
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        return ReadResult([], [Problem(f"缺少列：{', '.join(missing)}（应有 {','.join(COLUMNS)}）",
                                       Location(file=file_name, line=1))])
    unknown = [h for h in names if h and h not in COLUMNS and h not in EXTRA_COLUMNS]
    problems: list[Problem] = []
    if unknown:
        problems.append(Problem(f"未知的列：{', '.join(unknown)}", Location(file=file_name, line=1)))
    rows: list[Row] = []
    for line_no, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        record = {names[i]: v.strip() for i, v in enumerate(values) if i < len(names)}
        where = {c: Location(file=file_name, line=line_no, field=c) for c in (*COLUMNS, *EXTRA_COLUMNS)}
        where["row"] = Location(file=file_name, line=line_no)
        empty = [c for c in REQUIRED if not record.get(c)]
        if empty:
            problems.append(Problem(f"{', '.join(empty)} 不能为空", where["row"], code="type"))
            continue
        value, value_err = parse_number(record.get("value") or None)
        growth, growth_err = parse_number(record.get("growth") or None)
        if value_err:
            problems.append(Problem(f"value {value_err}", where["value"], code="type"))
        if growth_err:
            problems.append(Problem(f"growth {growth_err}", where["growth"], code="type"))
        estimate_text = (record.get("estimate") or "").lower()
        if estimate_text not in TRUE_WORDS and estimate_text not in FALSE_WORDS:
            problems.append(Problem(f"estimate 应为 1 或 0，填写的是“{record.get('estimate')}”", where["estimate"],
                                    code="type"))
        rows.append(Row(
            indicator=record["indicator"], region=record["region"], period=record["period"], value=value,
            unit=record.get("unit") or None, growth=growth, status=record.get("status") or None,
            note=record.get("note") or None, estimate=estimate_text in TRUE_WORDS,
            locator=f"{file_name}!{line_no}", source_note=record.get("source") or None, where=where,
        ))
    return ReadResult(rows, problems)
