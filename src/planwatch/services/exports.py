"""Tables people take away: one :class:`Sheet` (Chinese headers with units, numbers as numbers,
the status engine's verdict as a column) written as .xlsx (openpyxl) or as CSV with a byte-order
mark (so Excel opens the Chinese correctly). The web's download buttons and the CLI use these."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planwatch.analyze.status import StatusTable

CSV_ENCODINGS = ("utf-8-sig", "utf-8", "gb18030")


@dataclass(frozen=True)
class Sheet:
    title: str                      # the first line of the sheet and the file name
    headers: list[str]              # with the unit where there is one: 本期数值（亿元）
    rows: list[list[Any]]           # Decimal / int are numbers; None is an empty cell


def _excel_number(value: Decimal) -> int | float:
    """A Decimal as Excel holds numbers (Excel keeps 15 significant digits; the digits stated are kept
    in the CSV and in the number format)."""
    return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)


def _number_format(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def to_xlsx(sheet: Sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet.title[:31].replace("/", "／") or "数据"
    ws.append([sheet.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(sheet.headers)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append([_excel_number(v) if isinstance(v, Decimal) else v for v in row])
        for cell, value in zip(ws[ws.max_row], row, strict=False):
            if isinstance(value, Decimal):
                cell.number_format = _number_format(value)
    for index, header in enumerate(sheet.headers, start=1):
        width = max([len(str(header))] + [len(str(r[index - 1])) for r in sheet.rows if r[index - 1] is not None])
        ws.column_dimensions[get_column_letter(index)].width = min(60, 4 + 2 * width)
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def to_csv(sheet: Sheet, *, encoding: str = "utf-8-sig") -> bytes:
    """The sheet's headers and rows (no title line) as CSV; UTF-8 with a BOM by default."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([_text(v) for v in row])
    return out.getvalue().encode(encoding)


# ---------------------------------------------------------------------------- the tables
def status_sheet(table: StatusTable) -> Sheet:
    """The status table: one row per indicator, its figures, target, completion and the verdict."""
    headers = ["指标代码", "指标", "类别", "单位", "本期数值", "同比增长（%）", "年度目标", "完成率（%）",
               "序时进度（%）", "判断", "说明"]
    rows = []
    for r in table.rows:
        obs = r.observation
        rows.append([r.indicator.code, r.indicator.name, r.indicator.category, r.indicator.unit,
                     obs.value if obs else None, obs.growth if obs else None,
                     r.target.describe() if r.target else None,
                     r.completion, table.time_progress if r.completion is not None else None, r.word, r.explanation])
    return Sheet(f"{table.region.name}{table.period.label}指标状态", headers, rows)


def completeness_sheet(result: Any) -> Sheet:
    """The completeness page: each row's state and share filled per period."""
    headers = ["部门" if result.by == "departments" else "地区"]
    for p in result.periods:
        headers += [f"{p.label}状态", f"{p.label}填报率（%）"]
    rows = []
    for row in result.rows:
        line: list[Any] = [row.label]
        for cell in row.cells:
            line += [cell.state.value, cell.share] if cell is not None else ["无需填报", None]
        rows.append(line)
    return Sheet(f"{result.selection.region.name}{result.selection.plan.year}年填报完成情况", headers, rows)


def review_sheet(items: list[Any]) -> Sheet:
    headers = ["部门", "地区", "统计期", "指标", "单位", "本期数值", "同比增长（%）", "上期值", "上期", "较上期变化",
               "退回后修改"]
    rows = []
    for item in items:
        ds = item.dataset
        for line in item.lines:
            rows.append([ds.department, ds.region.name, ds.period.label, line.name, line.unit, line.value,
                         line.growth, line.last_value, line.last_label, line.change,
                         "是" if line.changed_since_return else ""])
    return Sheet("待审核数据", headers, rows)
