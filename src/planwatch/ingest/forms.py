"""Department data-entry forms (.xlsx): write one for a department, read a filled one back.

The form has four sheets:

- ``填报表``: one row per indicator with labels (name, unit, target, last period's and last year's
  values; locked) and cells to fill (the fields of model.observation.FIELDS that have a ``form``
  header: value, growth, data kind, qualitative status, note; unlocked, yellow, with data
  validation). Column ``L`` is hidden and holds the indicator code; its header
  cell holds the marker :data:`CODE_MARKER`, which is how the data sheet is found again even when
  renamed. Columns are found by their header text, rows by their hidden code, so reordered rows
  and a renamed sheet still import.
- ``部门材料``: the department's written materials for the period (工作进展与亮点, 存在问题, 下一步打算):
  one row per text with its kind (list), category (list of the plan's categories) and text, the
  review state and note shown beside; the stored ones prefilled, blank rows for new ones. Column
  ``G`` is hidden and holds each stored material's code under the marker :data:`MATERIAL_MARKER`;
  emptying a prefilled text withdraws that material. Kept apart from the figures: its reader is
  :func:`_read_materials`, and a form without the sheet imports as before.
- ``填报说明``: instructions in Chinese.
- ``_planwatch`` (hidden): the form's identity — region, period, department, plan year.

Reading never guesses: a cell that is not a number is a located problem, and so is a formula
whose result the file does not hold (saved by a program that does not compute formulas).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from planwatch.errors import Location, Problem
from planwatch.model import MaterialKind, limits
from planwatch.model.observation import FIELDS, ObservationField

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

#: the cells to fill: the observation fields with a form header, in their declared order
INPUTS: tuple[ObservationField, ...] = tuple(f for f in FIELDS if f.form)
INPUT_FIELDS = tuple(f.name for f in INPUTS)
# header text → key and width; the order is the column order of a new form. ``unit`` is a label
# column that is read back too; the hidden code column comes last.
COLUMNS: list[tuple[str, str, int]] = [
    ("序号", "seq", 6),
    ("指标名称", "name", 36),
    ("单位", "unit", 10),
    ("年度目标", "target", 18),
    ("上期值", "last_period", 20),
    ("上年同期值", "last_year", 14),
    *((f.form or f.label, f.name, f.form_width) for f in INPUTS),
    (CODE_MARKER, "code", 20),
]
READ_FIELDS = ("unit", *INPUT_FIELDS)

MATERIAL_SHEET = "部门材料"
MATERIAL_MARKER = "planwatch:material"
MATERIAL_KINDS = tuple(k.value for k in MaterialKind)
BLANK_MATERIAL_ROWS = 10
# header text → key and width of the text sheet; the hidden code column, then the hidden category list
MATERIAL_COLUMNS: list[tuple[str, str, int]] = [
    ("序号", "seq", 6), ("材料类型", "kind", 16), ("所属类别（章节/小节）", "category", 40), ("内容", "text", 90),
    ("审核状态", "state", 10), ("审核意见", "review_note", 24), (MATERIAL_MARKER, "code", 24),
    ("planwatch:categories", "choices", 30),
]
MATERIAL_INPUTS = ("kind", "category", "text")


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
class FormMaterial:
    """A stored material of the department, prefilled on the text sheet."""

    code: str
    kind: str
    text: str
    category: str | None = None
    state: str | None = None
    review_note: str | None = None


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
    materials: list[FormMaterial] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)     # the plan's, offered for the materials


@dataclass(frozen=True)
class MaterialRow:
    """One text read from the form's text sheet, before it is checked against the plan. With a
    ``code`` and no text: the stored material is withdrawn."""

    region: str
    period: str
    department: str | None
    kind: str | None
    text: str | None
    category: str | None = None
    code: str | None = None
    locator: str = ""
    where: dict[str, Location] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One figure read from a form, a CSV file or an API call, before it is resolved against the
    plan. ``values`` holds the collected fields given (model.observation.COLLECTED); a field that
    was not given at all is absent (an API write without ``growth`` keeps the stored growth)."""

    indicator: str
    region: str
    period: str
    values: dict[str, Any] = field(default_factory=dict)
    department: str | None = None
    locator: str = ""
    source_note: str | None = None
    where: dict[str, Location] = field(default_factory=dict)
    explicit: bool = False      # every field given is meant, even empty (an API write clearing a field)

    @property
    def is_blank(self) -> bool:
        """Nothing to write: the unit alone (a form's label column) or an unset estimate is no content."""
        if self.explicit and self.values:
            return False
        return all(v is None or v == "" or v is False for k, v in self.values.items() if k != "unit")


@dataclass
class ReadResult:
    rows: list[Row]
    problems: list[Problem]
    department: str | None = None
    materials: list[MaterialRow] = field(default_factory=list)


# ---------------------------------------------------------------------------- writing
def write_form(spec: FormSpec, target: Path | IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)        # a new workbook's one sheet
    ws.title = DATA_SHEET
    _write_data_sheet(ws, spec)
    _write_material_sheet(wb.create_sheet(MATERIAL_SHEET), spec)
    _write_help_sheet(wb.create_sheet(HELP_SHEET), spec)
    _write_meta_sheet(wb.create_sheet(META_SHEET), spec)
    wb.save(target)


_COL = {key: i + 1 for i, (_, key, _) in enumerate(COLUMNS)}


def _letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(_COL[key])


def _write_data_sheet(ws: Any, spec: FormSpec) -> None:
    from openpyxl.styles import Font

    last_col = _letter(COLUMNS[-2][1])
    ws["A1"] = spec.title
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A2"] = f"地区：{spec.region_name}　　统计期：{spec.period_label}　　填报部门：{spec.department}"
    ws.merge_cells(f"A2:{last_col}2")
    ws["A3"] = "请只在黄色单元格中填写；数值按“单位”列填写，增长率填百分数（如 6.1 表示增长 6.1%）。详见“填报说明”。"
    ws.merge_cells(f"A3:{last_col}3")
    ws["A3"].font = Font(color="666666")
    _write_header(ws)
    for n, row in enumerate(spec.rows):
        _write_row(ws, FIRST_ROW + n, n + 1, row)
    _add_validations(ws, FIRST_ROW + max(len(spec.rows), 1) - 1)
    ws.freeze_panes = ws.cell(FIRST_ROW, _COL["value"]).coordinate
    ws.protection.sheet = True
    ws.protection.sort = False
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="999999")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _write_header(ws: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for (header, key, width) in COLUMNS:
        cell = ws.cell(HEADER_ROW, _COL[key], header)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = _border()
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[_letter(key)].width = width
    ws.column_dimensions[_letter("code")].hidden = True


def _write_row(ws: Any, r: int, seq: int, row: FormRow) -> None:
    from openpyxl.styles import PatternFill, Protection

    input_fill = PatternFill("solid", fgColor="FFF2CC")
    values: dict[str, Any] = {
        "seq": seq, "name": row.name, "unit": row.unit, "target": row.target or "—",
        "last_period": row.last_period or "—",
        "last_year": float(row.last_year) if row.last_year is not None else "—",
        "value": _excel_number(row.value), "growth": _excel_number(row.growth),
        "estimate": KIND_ESTIMATE if row.estimate else (KIND_ACTUAL if row.value is not None else None),
        "status": row.status, "note": row.note, "code": row.code,
    }
    numbers = {"last_year": row.last_year, "value": row.value, "growth": row.growth}
    for key, value in values.items():
        cell = ws.cell(r, _COL[key], value)
        cell.border = _border()
        if key in INPUT_FIELDS:
            cell.fill = input_fill
            cell.protection = Protection(locked=False)
        if numbers.get(key) is not None:
            cell.number_format = _number_format(numbers[key])


def _add_validations(ws: Any, end: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    bound = str(limits.MAX_ABS - 1)
    numbers = DataValidation(type="decimal", operator="between", formula1=f"-{bound}", formula2=bound,
                             allow_blank=True, showErrorMessage=True, errorTitle="只能填写数字",
                             error="请填写数字（不要带单位或文字）。")
    numbers.add(f"{_letter('value')}{FIRST_ROW}:{_letter('growth')}{end}")
    kinds = DataValidation(type="list", formula1=f'"{KIND_ACTUAL},{KIND_ESTIMATE}"', allow_blank=True,
                           showErrorMessage=True, errorTitle="请从列表中选择", error="数据性质只能是实际数或预计数。")
    kinds.add(f"{_letter('estimate')}{FIRST_ROW}:{_letter('estimate')}{end}")
    statuses = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                              showErrorMessage=True, errorStyle="warning", errorTitle="定性情况",
                              error="建议从列表中选择；确需其他表述可继续。")
    statuses.add(f"{_letter('status')}{FIRST_ROW}:{_letter('status')}{end}")
    for dv in (numbers, kinds, statuses):
        ws.add_data_validation(dv)


def _write_material_sheet(ws: Any, spec: FormSpec) -> None:
    """The text sheet: stored materials prefilled, blank rows for new ones; kind and category from lists."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = {key: i + 1 for i, (_, key, _) in enumerate(MATERIAL_COLUMNS)}
    ws["A1"] = f"{spec.region_name}{spec.period_label}部门书面材料（{spec.department}）"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = ("每行一段文字：工作进展与亮点（不是指标数字的成绩，如获评、入选、开工建设）、存在问题、下一步打算。"
                "请选择材料类型和所属类别；清空已有内容即撤回该段。提交后由发改委审核，审核通过的才写入报告。")
    ws["A2"].font = Font(color="666666")
    for header, key, width in MATERIAL_COLUMNS:
        cell = ws.cell(HEADER_ROW, col[key], header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = _border()
        ws.column_dimensions[get_column_letter(col[key])].width = width
    for key in ("code", "choices"):
        ws.column_dimensions[get_column_letter(col[key])].hidden = True
    for i, category in enumerate(spec.categories):
        ws.cell(FIRST_ROW + i, col["choices"], category)
    blank = FormMaterial(code="", kind="", text="")
    rows = [*spec.materials, *[blank] * BLANK_MATERIAL_ROWS]
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    for n, m in enumerate(rows):
        r = FIRST_ROW + n
        values = {"seq": n + 1, "kind": m.kind or None, "category": m.category, "text": m.text or None,
                  "state": m.state, "review_note": m.review_note, "code": m.code or None}
        for key, value in values.items():
            cell = ws.cell(r, col[key], value)
            cell.border = _border()
            if key in MATERIAL_INPUTS:
                cell.fill = input_fill
                cell.protection = Protection(locked=False)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    end = FIRST_ROW + len(rows) - 1
    kinds = DataValidation(type="list", formula1='"' + ",".join(MATERIAL_KINDS) + '"', allow_blank=True,
                           showErrorMessage=True, errorTitle="请从列表中选择", error="材料类型只能是：" + "、".join(MATERIAL_KINDS))
    kinds.add(f"B{FIRST_ROW}:B{end}")
    ws.add_data_validation(kinds)
    if spec.categories:
        choices = get_column_letter(col["choices"])
        categories = DataValidation(type="list", formula1=f"${choices}${FIRST_ROW}:${choices}${FIRST_ROW + len(spec.categories) - 1}",
                                    allow_blank=True, showErrorMessage=True, errorTitle="请从列表中选择",
                                    error="所属类别请从计划的类别中选择。")
        categories.add(f"C{FIRST_ROW}:C{end}")
        ws.add_data_validation(categories)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _write_help_sheet(help_ws: Any, spec: FormSpec) -> None:
    from openpyxl.styles import Alignment, Font

    help_ws.column_dimensions["A"].width = 100
    for i, line in enumerate(_instructions(spec), start=1):
        help_ws.cell(i, 1, line).alignment = Alignment(wrap_text=True)
    help_ws["A1"].font = Font(bold=True, size=13)
    help_ws.protection.sheet = True


def _write_meta_sheet(meta: Any, spec: FormSpec) -> None:
    for i, (key, value) in enumerate([
        ("format", FORMAT), ("version", FORMAT_VERSION), ("region", spec.region), ("region_name", spec.region_name),
        ("period", spec.period), ("department", spec.department), ("year", str(spec.year)),
        ("generated_at", datetime.now(UTC).isoformat(timespec="seconds")),
    ], start=1):
        meta.cell(i, 1, key)
        meta.cell(i, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


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
        "10. “部门材料”工作表填写书面材料：工作进展与亮点、存在问题、下一步打算，每行一段，选择所属类别；"
        "提交或修改后为“待审核”，审核通过的才写入执行情况报告。清空已有的内容即撤回该段。",
    ]


# ---------------------------------------------------------------------------- reading
def parse_number(raw: Any) -> tuple[Decimal | None, str | None]:
    """A cell's number, or a reason why it is not one (model.limits.parse_number: finite, below
    10^15, at most 6 decimals). Blank, "—" and "-" mean no figure."""
    return limits.parse_number(raw)


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def read_form(path: Path, *, name: str | None = None, data: bytes | None = None) -> ReadResult:
    """Read a filled form. ``name`` is the file name to use in problems (default: the path's name);
    ``data``: the file's bytes when it is not on disk (an upload)."""
    import zipfile

    file_name = name or Path(path).name
    from planwatch.ingest.limits import xlsx_problem

    if (too_big := xlsx_problem(data if data is not None else Path(path), file_name)) is not None:
        return ReadResult([], [too_big])   # checked before openpyxl builds anything
    try:
        wb, formulas = _open_workbook(path, data)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        return ReadResult([], [Problem(f"无法读取 Excel 文件：{exc}", Location(file=file_name))])
    meta = _read_meta(wb)
    if meta is None:
        return ReadResult([], [Problem("不是 planwatch 填报表（缺少隐藏的标识工作表，请用 planwatch form 生成的表格填报）",
                                       Location(file=file_name))])
    region, period, department = meta.get("region"), meta.get("period"), meta.get("department")
    if not region or not period:
        return ReadResult([], [Problem("填报表的隐藏标识缺少地区或统计期", Location(file=file_name, sheet=META_SHEET))])
    sheets = [ws for ws in wb.worksheets if ws.title != META_SHEET and _find_header(ws) is not None]
    if not sheets:
        return ReadResult([], [Problem("找不到填报数据表（隐藏的指标代码列已被删除？）", Location(file=file_name))],
                          department)
    reader = _SheetReader(file_name, str(region), str(period), department)
    for ws in sheets:
        reader.read(ws, formulas[ws.title])
    materials = _read_materials(wb, file_name, str(region), str(period), department, reader.problems)
    return ReadResult(reader.rows, reader.problems, department, materials)


def _open_workbook(path: Path, data: bytes | None) -> tuple[Any, Any]:
    """The workbook with the values Excel computed, and the same with the formulas as written (to
    tell a formula whose value the file lacks from a blank cell)."""
    import io

    from openpyxl import load_workbook

    def load(data_only: bool) -> Any:
        return load_workbook(io.BytesIO(data) if data is not None else path, data_only=data_only)

    return load(True), load(False)


@dataclass
class _SheetReader:
    """Reads the indicator rows of a form's data sheets into rows and located problems."""

    file: str
    region: str
    period: str
    department: str | None
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def read(self, ws: Any, formulas: Any) -> None:
        found = _find_header(ws)
        assert found is not None            # (only sheets with a header are read)
        header_row, columns = found
        missing = [h for h, key, _ in COLUMNS if key in ("value", "code") and key not in columns]
        if missing:
            self.problems.append(Problem(f"缺少列：{'、'.join(missing)}", Location(file=self.file, sheet=ws.title)))
            return
        for r in range(header_row + 1, ws.max_row + 1):
            self._read_row(ws, formulas, r, columns)

    def _read_row(self, ws: Any, formulas: Any, r: int, columns: dict[str, int]) -> None:
        cells = {key: ws.cell(r, c) for key, c in columns.items()}
        where = {key: Location(file=self.file, sheet=ws.title, cell=cell.coordinate) for key, cell in cells.items()}
        where["indicator"] = where["code"]
        where["row"] = Location(file=self.file, sheet=ws.title, line=r)
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for key in READ_FIELDS:
            if key not in cells:
                continue
            formula = formulas.cell(r, columns[key]).value
            if cells[key].value is None and isinstance(formula, str) and formula.startswith("="):
                problems.append(Problem(f"{_label(key)}是公式（{formula[:40]}），但文件中没有它的计算结果：请在 Excel "
                                        "中打开、重新计算并保存后再上传，或直接填写数值", where[key], code="type"))
                values[key] = None
                continue
            values[key] = self._cell_value(key, cells[key].value, where[key], problems)
        code = _text(cells["code"].value)
        if not problems and all(v is None for k, v in values.items() if k != "unit"):
            return
        if not code:
            self.problems.append(Problem("此行有填报内容，但隐藏的指标代码为空（请勿删除或改动隐藏列）", where["row"]))
            return
        self.problems.extend(problems)
        values["estimate"] = values.get("estimate") == KIND_ESTIMATE
        self.rows.append(Row(indicator=code, region=self.region, period=self.period,
                             values=values, department=self.department,
                             locator=f"{self.file}!{ws.title}!{cells['value'].coordinate}", where=where))

    @staticmethod
    def _cell_value(key: str, raw: Any, where: Location, problems: list[Problem]) -> Any:
        spec = _FIELD_BY_NAME[key]
        if spec.type is Decimal:
            number, error = parse_number(raw)
            if error:
                problems.append(Problem(f"{spec.label}{error}", where, code="type"))
            return number
        text = _text(raw)
        if spec.type is bool and text not in (None, KIND_ACTUAL, KIND_ESTIMATE):
            problems.append(Problem(f"数据性质只能是“{KIND_ACTUAL}”或“{KIND_ESTIMATE}”，填写的是“{text}”", where,
                                    code="type"))
        return text


_FIELD_BY_NAME = {f.name: f for f in FIELDS}


def _label(key: str) -> str:
    return _FIELD_BY_NAME[key].label


def _read_materials(wb: Any, file: str, region: str, period: str, department: str | None,
                    problems: list[Problem]) -> list[MaterialRow]:
    """The texts of the sheet whose header row holds :data:`MATERIAL_MARKER` (none: no texts)."""
    out: list[MaterialRow] = []
    by_header = {header: key for header, key, _ in MATERIAL_COLUMNS}
    for ws in wb.worksheets:
        header = next((r for r in range(1, min(ws.max_row, 20) + 1)
                       if MATERIAL_MARKER in [c.value for c in ws[r][:12]]), None)
        if header is None:
            continue
        columns = {by_header[str(c.value)]: c.column for c in ws[header] if c.value is not None
                   and str(c.value) in by_header}
        for r in range(header + 1, ws.max_row + 1):
            cells = {key: ws.cell(r, c) for key, c in columns.items()}
            values = {key: _text(cells[key].value) if key in cells else None for key in (*MATERIAL_INPUTS, "code")}
            if not (values["text"] or values["code"]):
                continue
            where = {key: Location(file=file, sheet=ws.title, cell=cell.coordinate) for key, cell in cells.items()}
            if values["text"] and not values["kind"]:
                problems.append(Problem("请选择材料类型（" + "、".join(MATERIAL_KINDS) + "）", where.get("kind")))
                continue
            out.append(MaterialRow(region, period, department, values["kind"], values["text"], values["category"],
                                   values["code"], f"{file}!{ws.title}!{where['text'].cell if 'text' in where else r}",
                                   where))
    return out


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
