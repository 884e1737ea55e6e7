"""Bounds on the work one input file may cause, checked before the file is parsed.

An xlsx is a zip of XML: a 10 kB file can declare a cell in row 1048576 (openpyxl then builds a
million rows) or expand to gigabytes. :func:`xlsx_problem` reads only the zip directory and streams
the worksheets' XML (with defusedxml, which refuses entity declarations) to check, before openpyxl
opens the file: the total uncompressed size, the number of parts, the declared dimension and the
row and column of every cell. :func:`csv_problem` bounds a CSV's rows. The limits are generous for
a department form (a few hundred indicators) and small against what hurts a server.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import IO

from planwatch.errors import Location, Problem

MAX_UPLOAD_BYTES = 20 * 1024 * 1024           # one uploaded file, as sent
MAX_XLSX_UNCOMPRESSED = 50 * 1024 * 1024      # all parts of an xlsx together, once unzipped
MAX_XLSX_PARTS = 500
MAX_ROWS = 10_000                             # rows of a sheet or lines of a CSV
MAX_COLUMNS = 200

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _too_big(row: int, column: int) -> str | None:
    if row > MAX_ROWS:
        return f"第 {row} 行超出上限（每个工作表最多 {MAX_ROWS} 行）"
    if column > MAX_COLUMNS:
        return f"第 {column} 列超出上限（每个工作表最多 {MAX_COLUMNS} 列）"
    return None


def _reference_problem(ref: str) -> str | None:
    """The problem with a cell reference or range such as ``A1:XFD1048576``, if any."""
    for part in ref.upper().split(":"):
        found = _CELL.match(part.strip())
        if found:
            message = _too_big(int(found.group(2)), column_number(found.group(1)))
            if message:
                return message
    return None


def _sheet_problem(stream: IO[bytes]) -> str | None:
    """Stream one worksheet's XML and stop at the first dimension, row or cell past the limits."""
    from defusedxml.ElementTree import iterparse

    rows = 0
    for _event, element in iterparse(stream, events=("start",)):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "dimension":
            message = _reference_problem(element.get("ref", ""))
        elif tag == "row":
            rows += 1
            number = element.get("r")
            message = _too_big(int(number) if number and number.isdigit() else rows, 0)
        elif tag == "c":
            message = _reference_problem(element.get("r", ""))
        else:
            continue
        if message:
            return message
    return None


def xlsx_problem(source: bytes | Path, name: str) -> Problem | None:
    """Why this xlsx is too big to read, as a located problem; None when it is within the limits."""
    from defusedxml import DefusedXmlException

    where = Location(file=name)
    size = len(source) if isinstance(source, bytes) else Path(source).stat().st_size
    if size > MAX_UPLOAD_BYTES:
        return Problem(f"文件超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB，不予读取", where, code="too_large")
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_XLSX_PARTS:
                return Problem(f"Excel 文件包含 {len(parts)} 个部件，超过上限 {MAX_XLSX_PARTS}", where, code="too_large")
            expanded = sum(p.file_size for p in parts)
            if expanded > MAX_XLSX_UNCOMPRESSED:
                return Problem(f"Excel 文件解压后约 {expanded // (1024 * 1024)} MB，超过上限 "
                               f"{MAX_XLSX_UNCOMPRESSED // (1024 * 1024)} MB，不予读取", where, code="too_large")
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with archive.open(part) as stream:
                        message = _sheet_problem(stream)
                    if message:
                        return Problem(f"工作表过大：{message}，不予读取（请只保留填报表本身的内容）", where,
                                       code="too_large")
    except zipfile.BadZipFile:
        return None          # not a zip: openpyxl says so in its own words
    except DefusedXmlException:
        return Problem("Excel 文件含有 XML 实体或文档类型声明，出于安全考虑不予读取", where, code="unsafe")
    except Exception as exc:  # broken XML inside the zip: say so, never a traceback
        return Problem(f"无法读取 Excel 文件：{type(exc).__name__}", where)
    return None


def csv_problem(raw: bytes, name: str) -> Problem | None:
    """Why this CSV is too big to read, or None."""
    where = Location(file=name)
    if len(raw) > MAX_UPLOAD_BYTES:
        return Problem(f"文件超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB，不予读取", where, code="too_large")
    lines = raw.count(b"\n") + 1
    if lines > MAX_ROWS + 1:
        return Problem(f"CSV 有 {lines} 行，超过上限 {MAX_ROWS} 行（另加表头）", where, code="too_large")
    return None
