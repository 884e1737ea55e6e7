"""Observations as CSV in long format, for exchange with other systems.

One row per indicator, region and period::

    indicator,region,period,value,unit,growth,note,source[,estimate,status]

The columns after the key are the collected observation fields (model.observation.FIELDS with a
``csv`` place: ``core`` before ``source``, ``extra`` after). ``indicator`` is the indicator code
(or its name), ``region`` a region code or name, ``period`` any written form (2025H1, 2025年1—7月).
``value`` and ``growth`` are plain decimal numbers written with their stated precision (the same
limits as every door: finite, below 10^15, at most 6 decimals); ``source`` is free text describing
where the figure came from. ``status`` (qualitative result) and ``estimate`` (1/0, 是/否) are
optional extra columns. A column left out of the file leaves that field of a stored figure as it
is; an empty cell clears it. UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.errors import Location, Problem
from planwatch.ingest.forms import ReadResult, Row, parse_number
from planwatch.model.observation import COLLECTED, ObservationField

KEY_COLUMNS = ("indicator", "region", "period")
CORE_FIELDS = tuple(f for f in COLLECTED if f.csv == "core")
EXTRA_FIELDS = tuple(f for f in COLLECTED if f.csv == "extra")
COLUMNS = (*KEY_COLUMNS, *(f.name for f in CORE_FIELDS), "source")
EXTRA_COLUMNS = tuple(f.name for f in EXTRA_FIELDS)
REQUIRED = KEY_COLUMNS
#: the Chinese headers (export-csv writes them by default; reading accepts either language)
KEY_HEADERS = {"indicator": "指标", "region": "地区", "period": "统计期", "source": "来源"}
ZH_HEADERS = {**KEY_HEADERS, **{f.name: f.form or f.label for f in COLLECTED}}
FROM_ZH = {zh: name for name, zh in ZH_HEADERS.items()}
TRUE_WORDS = {"1", "true", "yes", "y", "是", "预计", "预计数"}
FALSE_WORDS = {"", "0", "false", "no", "n", "否", "实际", "实际数"}


@dataclass(frozen=True)
class ExportRow:
    indicator: str
    region: str
    period: str
    values: dict[str, Any]      # the collected fields (model.observation.COLLECTED)
    source: str | None


def _cell(value: Any, words: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("预计数" if value else "实际数") if words else ("1" if value else "0")
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def write_csv(rows: Iterable[ExportRow], *, headers: str = "en") -> str:
    """The rows as CSV text; ``headers="zh"`` writes the Chinese headers (and 预计数/实际数 for the
    estimate flag), which :func:`read_csv` reads back as well."""
    zh = headers == "zh"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [*COLUMNS, *EXTRA_COLUMNS]
    writer.writerow([ZH_HEADERS[n] for n in names] if zh else names)
    for r in rows:
        writer.writerow([r.indicator, r.region, r.period, *(_cell(r.values.get(f.name), zh) for f in CORE_FIELDS),
                         r.source or "", *(_cell(r.values.get(f.name), zh) for f in EXTRA_FIELDS)])
    return out.getvalue()


def _decode(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv(path: Path, *, name: str | None = None, data: bytes | None = None) -> ReadResult:
    file_name = name or Path(path).name
    text, refused = _csv_text(data if data is not None else Path(path).read_bytes(), file_name)
    if refused is not None:
        return ReadResult([], [refused])
    problems: list[Problem] = []
    rows = list(csv_rows(io.StringIO(text), file_name, problems))
    return ReadResult(rows, problems)


def csv_rows(stream: Iterable[str], file_name: str, problems: list[Problem]) -> Iterator[Row]:
    """The rows of CSV text read line by line (memory bounded by one row, whatever the file's
    size); problems are appended to ``problems`` as they are found, located by file, line and column."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        problems.append(Problem("文件为空", Location(file=file_name)))
        return
    names = [FROM_ZH.get(h.strip(), h.strip().lower()) for h in header]
    fatal, header_problems = _header_problems(names, file_name)
    if fatal is not None:
        problems.append(fatal)
        return
    problems.extend(header_problems)
    for line_no, values in enumerate(reader, start=2):
        if any(v.strip() for v in values):
            row = _read_line(file_name, line_no, {names[i]: v.strip() for i, v in enumerate(values) if i < len(names)},
                             problems)
            if row is not None:
                yield row


def _csv_text(raw: bytes, file_name: str) -> tuple[str, Problem | None]:
    """The file's text, or the problem that refuses it (too large, an unknown encoding)."""
    from planwatch.ingest.limits import csv_problem

    if (too_big := csv_problem(raw, file_name)) is not None:
        return "", too_big
    text = _decode(raw)
    if text is None:
        return "", Problem("无法识别文件编码（请另存为 UTF-8 的 CSV）", Location(file=file_name))
    return text, None


def _header_problems(names: list[str], file_name: str) -> tuple[Problem | None, list[Problem]]:
    """A missing required column refuses the file; unknown columns are reported and ignored."""
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        return Problem(f"缺少列：{', '.join(missing)}（应有 {','.join(COLUMNS)}）", Location(file=file_name, line=1)), []
    unknown = [h for h in names if h and h not in COLUMNS and h not in EXTRA_COLUMNS]
    if unknown:
        return None, [Problem(f"未知的列：{', '.join(unknown)}", Location(file=file_name, line=1))]
    return None, []


def _read_line(file_name: str, line_no: int, record: dict[str, str], problems: list[Problem]) -> Row | None:
    where = {c: Location(file=file_name, line=line_no, field=c) for c in (*COLUMNS, *EXTRA_COLUMNS)}
    where["row"] = Location(file=file_name, line=line_no)
    empty = [c for c in REQUIRED if not record.get(c)]
    if empty:
        problems.append(Problem(f"{', '.join(empty)} 不能为空", where["row"], code="type"))
        return None
    values = {f.name: _field_value(f, record[f.name], where, problems)
              for f in COLLECTED if f.name in record}     # a column not in the file: not given
    return Row(indicator=record["indicator"], region=record["region"], period=record["period"], values=values,
               locator=f"{file_name}!{line_no}", source_note=record.get("source") or None, where=where)


def _field_value(spec: ObservationField, text: str, where: dict[str, Location], problems: list[Problem]) -> Any:
    if spec.type is Decimal:
        number, error = parse_number(text or None)
        if error:
            problems.append(Problem(f"{spec.name} {error}", where[spec.name], code="type"))
        return number
    if spec.type is bool:
        if text.lower() not in TRUE_WORDS and text.lower() not in FALSE_WORDS:
            problems.append(Problem(f"{spec.name} 应为 1 或 0，填写的是“{text}”", where[spec.name], code="type"))
        return text.lower() in TRUE_WORDS
    return text or None
