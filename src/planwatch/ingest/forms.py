"""Department data-entry forms (.xlsx): write one for a department, read a filled one back.

The form has three sheets:

- ``填报表``: one row per indicator with labels (name, unit, target, last period's and last year's
  values; locked) and cells to fill (value, growth, data kind, qualitative status, note; unlocked,
  yellow, with data validation). Column ``L`` is hidden and holds the indicator code; its header
  cell holds the marker :data:`CODE_MARKER`, which is how the data sheet is found again even when
  renamed. Columns are found by their header text, rows by their hidden code, so reordered rows
  and a renamed sheet still import.
- ``填报说明``: instructions in Chinese.
- ``_planwatch`` (hidden): the form's identity — region, period, department, plan year.

Reading never guesses: a cell that is not a number is a located problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from planwatch.errors import Location, Problem

FORMAT = "planwatch-form"
FORMAT_VERSION = "1"
META_SHEET = "_planwatch"
DATA_SHEET = "填报表"
HELP_SHEET = "填报说明"
CODE_MARKER = "planwatch:indicator"
HEADER_ROW = 4
FIRST_ROW = 5

KIND_ACTUAL, KIND_ESTIMATE = "实际数", "预计数"
STATUS_CHOICES = ("完成上级下达任务", "保持稳定", "稳步提升", "稳步降低", "未完成", "暂无数据")

# header text → field; the order is the column order of a new form
COLUMNS: list[tuple[str, str, int]] = [
    ("序号", "seq", 6),
    ("指标名称", "name", 36),
    ("单位", "unit", 10),
    ("年度目标", "target", 18),
    ("上期值", "last_period", 20),
    ("上年同期值", "last_year", 14),
    ("本期数值", "value", 14),
    ("同比增长（%）", "growth", 14),
    ("数据性质", "kind", 10),
    ("定性情况", "status", 22),
    ("备注", "note", 30),
    (CODE_MARKER, "code", 20),
]
INPUT_FIELDS = ("value", "growth", "kind", "status", "note")


@dataclass(frozen=True)
class FormRow:
    """One indicator line of a form to write."""

    code: str
    name: str
    unit: str
    target: str | None = None
    last_period: str | None = None          # e.g. "2680.5（2025年1—5月）"
    last_year: Decimal | None = None
    value: Decimal | None = None            # prefilled current figures, if any
    growth: Decimal | None = None
    status: str | None = None
    note: str | None = None
    estimate: bool = False


@dataclass(frozen=True)
class FormSpec:
    region: str               # code
    region_name: str
    period: str               # code
    period_label: str
    department: str
    year: int
    title: str
    rows: list[FormRow]


@dataclass(frozen=True)
class Row:
    """One figure read from a form or a CSV file, before it is resolved against the plan."""

    indicator: str
    region: str
    period: str
    value: Decimal | None = None
    unit: str | None = None
    growth: Decimal | None = None
    status: str | None = None
    note: str | None = None
    estimate: bool = False
    department: str | None = None
    locator: str = ""
    source_note: str | None = None
    where: dict[str, Location] = field(default_factory=dict)

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.growth is None and not self.status and not self.note


@dataclass
class ReadResult:
    rows: list[Row]
    problems: list[Problem]
    department: str | None = None


# ---------------------------------------------------------------------------- writing
def write_form(spec: FormSpec, target: Path | IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)        # a new workbook's one sheet
    ws.title = DATA_SHEET
    col = {key: i + 1 for i, (_, key, _) in enumerate(COLUMNS)}
    letter = {key: get_column_letter(i) for key, i in col.items()}
    last_col = get_column_letter(len(COLUMNS) - 1)

    ws["A1"] = spec.title
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A2"] = f"地区：{spec.region_name}　　统计期：{spec.period_label}　　填报部门：{spec.department}"
    ws.merge_cells(f"A2:{last_col}2")
    ws["A3"] = "请只在黄色单元格中填写；数值按“单位”列填写，增长率填百分数（如 6.1 表示增长 6.1%）。详见“填报说明”。"
    ws.merge_cells(f"A3:{last_col}3")
    ws["A3"].font = Font(color="666666")

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    for (header, key, width) in COLUMNS:
        cell = ws.cell(HEADER_ROW, col[key], header)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[letter[key]].width = width
    ws.column_dimensions[letter["code"]].hidden = True

    for n, row in enumerate(spec.rows):
        r = FIRST_ROW + n
        values: dict[str, Any] = {
            "seq": n + 1, "name": row.name, "unit": row.unit, "target": row.target or "—",
            "last_period": row.last_period or "—",
            "last_year": float(row.last_year) if row.last_year is not None else "—",
            "value": _excel_number(row.value), "growth": _excel_number(row.growth),
            "kind": KIND_ESTIMATE if row.estimate else (KIND_ACTUAL if row.value is not None else None),
            "status": row.status, "note": row.note, "code": row.code,
        }
        for key, value in values.items():
            cell = ws.cell(r, col[key], value)
            cell.border = border
            if key in INPUT_FIELDS:
                cell.fill = input_fill
                cell.protection = Protection(locked=False)
            if key == "last_year" and row.last_year is not None:
                cell.number_format = _number_format(row.last_year)
            if key in ("value", "growth") and values[key] is not None:
                cell.number_format = _number_format(row.value if key == "value" else row.growth)

    end = FIRST_ROW + max(len(spec.rows), 1) - 1
    numbers = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
                             allow_blank=True, showErrorMessage=True, errorTitle="只能填写数字",
                             error="请填写数字（不要带单位或文字）。")
    numbers.add(f"{letter['value']}{FIRST_ROW}:{letter['growth']}{end}")
    kinds = DataValidation(type="list", formula1=f'"{KIND_ACTUAL},{KIND_ESTIMATE}"', allow_blank=True,
                           showErrorMessage=True, errorTitle="请从列表中选择", error="数据性质只能是实际数或预计数。")
    kinds.add(f"{letter['kind']}{FIRST_ROW}:{letter['kind']}{end}")
    statuses = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                              showErrorMessage=True, errorStyle="warning", errorTitle="定性情况",
                              error="建议从列表中选择；确需其他表述可继续。")
    statuses.add(f"{letter['status']}{FIRST_ROW}:{letter['status']}{end}")
    for dv in (numbers, kinds, statuses):
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(FIRST_ROW, col["value"]).coordinate
    ws.protection.sheet = True
    ws.protection.sort = False
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 100
    for i, line in enumerate(_instructions(spec), start=1):
        help_ws.cell(i, 1, line).alignment = Alignment(wrap_text=True)
    help_ws["A1"].font = Font(bold=True, size=13)
    help_ws.protection.sheet = True

    meta = wb.create_sheet(META_SHEET)
    for i, (key, value) in enumerate([
        ("format", FORMAT), ("version", FORMAT_VERSION), ("region", spec.region), ("region_name", spec.region_name),
        ("period", spec.period), ("department", spec.department), ("year", str(spec.year)),
        ("generated_at", datetime.now(UTC).isoformat(timespec="seconds")),
    ], start=1):
        meta.cell(i, 1, key)
        meta.cell(i, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.save(target)


def _excel_number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    exponent = value.as_tuple().exponent    # (a str for NaN and infinities)
    return int(value) if value == value.to_integral_value() and isinstance(exponent, int) and exponent >= 0 \
        else float(value)


def _number_format(value: Decimal | None) -> str:
    if value is None:
        return "General"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def _instructions(spec: FormSpec) -> list[str]:
    return [
        f"{spec.title} 填报说明",
        "",
        f"1. 本表由{spec.department}填报{spec.region_name}{spec.period_label}的指标数据，只含本部门负责的指标。",
        "2. 只在黄色单元格中填写：本期数值、同比增长（%）、数据性质、定性情况、备注。其他单元格已锁定。",
        "3. 本期数值按“单位”列的单位填写，只填数字，不要带单位或文字；保留原始统计口径的小数位数。",
        "4. 同比增长填百分数：增长 6.1% 填 6.1，下降 2.3% 填 -2.3。与上年同期值明显不符时系统会提示核实。",
        "5. 累计指标（1—N月）不能小于本年此前各期的累计数；“其中”项不能大于其总量；比重应在 0—100 之间。",
        "6. 数据性质：实际数或预计数（从下拉列表选择）。无数值的定性指标在“定性情况”中选择或填写。",
        "7. 可以调整行的顺序或工作表名称，但不要删除隐藏列和隐藏工作表（系统用它们识别指标、地区和统计期）。",
        "8. 填好后在系统“上传填报表”页面上传，或交由发改委用 planwatch import 导入。"
        "有错误时整份表不会写入，系统会逐一列出工作表和单元格。",
        "9. 统计期提交、审核、锁定后不能再修改；需要修改时请联系发改委（管理员）说明理由后重新开放。",
    ]


# ---------------------------------------------------------------------------- reading
def parse_number(raw: Any) -> tuple[Decimal | None, str | None]:
    """A cell's number, or a reason why it is not one. Blank, "—" and "-" mean no figure."""
    if raw is None or isinstance(raw, bool):
        return (None, None) if raw is None else (None, "应填写数字")
    if isinstance(raw, int):
        return Decimal(raw), None
    if isinstance(raw, float):
        return Decimal(repr(raw)), None
    if isinstance(raw, Decimal):
        return raw, None
    text = str(raw).strip().replace(",", "").replace("，", "")
    if text in ("", "—", "-", "－", "/", "——"):
        return None, None
    if text.endswith("%"):
        text = text[:-1].strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, f"“{raw}”不是数字"
    if not number.is_finite():
        return None, f"“{raw}”不是数字"
    return number, None


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def read_form(path: Path, *, name: str | None = None, data: bytes | None = None) -> ReadResult:
    """Read a filled form. ``name`` is the file name to use in problems (default: the path's name);
    ``data``: the file's bytes when it is not on disk (an upload)."""
    import io
    import zipfile

    from openpyxl import load_workbook

    file_name = name or Path(path).name
    from planwatch.ingest.limits import xlsx_problem

    if (too_big := xlsx_problem(data if data is not None else Path(path), file_name)) is not None:
        return ReadResult([], [too_big])   # checked before openpyxl builds anything
    try:
        wb = load_workbook(io.BytesIO(data) if data is not None else path, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        return ReadResult([], [Problem(f"无法读取 Excel 文件：{exc}", Location(file=file_name))])
    meta = _read_meta(wb)
    if meta is None:
        return ReadResult([], [Problem("不是 planwatch 填报表（缺少隐藏的标识工作表，请用 planwatch form 生成的表格填报）",
                                       Location(file=file_name))])
    problems: list[Problem] = []
    region, period, department = meta.get("region"), meta.get("period"), meta.get("department")
    if not region or not period:
        problems.append(Problem("填报表的隐藏标识缺少地区或统计期", Location(file=file_name, sheet=META_SHEET)))
        return ReadResult([], problems)
    sheets = [ws for ws in wb.worksheets if ws.title != META_SHEET and _find_header(ws) is not None]
    if not sheets:
        problems.append(Problem("找不到填报数据表（隐藏的指标代码列已被删除？）", Location(file=file_name)))
        return ReadResult([], problems, department)
    rows: list[Row] = []
    for ws in sheets:
        found = _find_header(ws)
        assert found is not None            # (sheets holds only those with a header)
        header_row, columns = found
        missing = [h for h, key, _ in COLUMNS if key in ("value", "code") and key not in columns]
        if missing:
            problems.append(Problem(f"缺少列：{'、'.join(missing)}", Location(file=file_name, sheet=ws.title)))
            continue
        for r in range(header_row + 1, ws.max_row + 1):
            cells = {key: ws.cell(r, c) for key, c in columns.items()}
            where = {key: Location(file=file_name, sheet=ws.title, cell=cell.coordinate) for key, cell in cells.items()}
            where["indicator"] = where["code"]
            where["row"] = Location(file=file_name, sheet=ws.title, line=r)
            code = _text(cells["code"].value)
            value, value_err = parse_number(cells["value"].value)
            growth, growth_err = (parse_number(cells["growth"].value) if "growth" in cells else (None, None))
            status = _text(cells["status"].value) if "status" in cells else None
            note = _text(cells["note"].value) if "note" in cells else None
            kind = _text(cells["kind"].value) if "kind" in cells else None
            filled = any(x is not None for x in (value, growth, status, note)) or value_err or growth_err
            if not filled:
                continue
            if not code:
                problems.append(Problem("此行有填报内容，但隐藏的指标代码为空（请勿删除或改动隐藏列）",
                                        where["row"]))
                continue
            if value_err:
                problems.append(Problem(f"本期数值{value_err}", where["value"], code="type"))
            if growth_err:
                problems.append(Problem(f"同比增长{growth_err}", where["growth"], code="type"))
            if kind not in (None, KIND_ACTUAL, KIND_ESTIMATE):
                problems.append(Problem(f"数据性质只能是“{KIND_ACTUAL}”或“{KIND_ESTIMATE}”，填写的是“{kind}”",
                                        where["kind"], code="type"))
            unit = _text(cells["unit"].value) if "unit" in cells else None
            rows.append(Row(
                indicator=code, region=str(region), period=str(period), value=value, unit=unit, growth=growth,
                status=status, note=note, estimate=kind == KIND_ESTIMATE, department=department,
                locator=f"{file_name}!{ws.title}!{cells['value'].coordinate}", where=where,
            ))
    return ReadResult(rows, problems, department)


def _read_meta(wb: Any) -> dict[str, str] | None:
    for ws in wb.worksheets:
        if ws.cell(1, 1).value == "format" and ws.cell(1, 2).value == FORMAT:
            return {str(ws.cell(r, 1).value): str(ws.cell(r, 2).value) for r in range(1, ws.max_row + 1)
                    if ws.cell(r, 1).value is not None and ws.cell(r, 2).value is not None}
    return None


def _find_header(ws: Any) -> tuple[int, dict[str, int]] | None:
    by_header = {header: key for header, key, _ in COLUMNS}
    for r in range(1, min(ws.max_row, 20) + 1):
        values = {c: ws.cell(r, c).value for c in range(1, min(ws.max_column, 40) + 1)}
        if CODE_MARKER in values.values():
            return r, {by_header[str(v)]: c for c, v in values.items() if v is not None and str(v) in by_header}
    return None
