"""Facts out of tables in report text: row header × column header names the fact.

Three layouts are read, as they reach planwatch from real reports:

- **pipe rows** (``品种 | 面积(亩) | 比上年±% | …``, Markdown or copied from a document);
- **tab-separated rows** (pasted from Excel or a Word table);
- **one cell per line**, as a web page's HTML table comes out when its text is copied: the header
  cells, then each row's label and numbers, each on its own line, blank lines between them.

The first column labels the rows; each other column is a *value* column (its unit from the header,
``面积(亩)``, ``绝对数 (亿元)``, or from a ``单位：万元`` line above the table), or a *growth*, *share*
or *plan completion* column, which belongs to the value column before it (``比上年±%`` after
``总产(吨)``). A leading ``-`` makes a growth negative; the span is the digits only. The fact's name
is the row label followed by the value column's noun (玉米 + 面积 → 玉米面积); where the column
says only how it is measured (``绝对数``, ``2019``, ``本期``) the name comes from the table's title:
rows that are places (a title such as ``各市县地区生产总值``) keep the title's indicator and name the
place in ``region``; sector rows of a 生产总值 table are that sector's 增加值.

:func:`find_tables` finds the tables and the character ranges they cover, so that the prose
extractor can leave those ranges alone; :func:`table_facts` turns one table into facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from planwatch.model.fact import Fact, Slot

#: A cell that is a number: optional sign, digits with optional thousands commas, decimals.
NUMBER_CELL = re.compile(r"^(?P<sign>[-−–])?\s*(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")
#: An empty cell in a numeric column.
EMPTY_CELL = frozenset({"-", "—", "－", "…", "/", "", "—-", "--"})
_UNIT_IN_HEADER = re.compile(r"[（(]\s*(?:单位[:：]\s*)?(?P<unit>[^()（）]{1,8})\s*[)）]\s*$")
_UNIT_LINE = re.compile(r"^[（(]?\s*单位[:：]\s*(?P<unit>[^()（）\s]{1,8})\s*[)）]?$")
_GROWTH = re.compile(r"增长|增速|增幅|增减|±|同比|比上年|比去年|较上年")
_SHARE = re.compile(r"占.*比重|比重|占比")
_COMPLETION = re.compile(r"完成.*计划|占.*计划|计划完成|完成率")
#: Headers that say how a column is measured, not what: the name comes from the row and the title.
_MEASURE_ONLY = re.compile(r"^(?:绝对数|绝对值|数值|数量|总量|金额|本期|本月|累计|实际|完成|完成数|实绩|"
                           r"(?:19|20)\d{2}年?(?:上半年|1[-—～~]\d+月|\d+月)?|本年|今年)$")
_PLACES_TITLE = re.compile(r"各(?:县市区|市县区|市县|县市|县区|市区|市州|乡镇|街道|地区|园区|板块|省|市|县|区|镇|乡)")
_PLACE_WORDS = ("市", "县", "区", "镇", "乡", "街道", "地区", "州", "盟", "旗")
_GDP = re.compile(r"(?:地区)?生产总值|GDP")
#: A line with sentence punctuation is prose, not a cell (、 may join the parts of a row label).
_SENTENCE_MARKS = re.compile(r"[。，；;：:！？!?,]")
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int

    @property
    def clean(self) -> str:
        return _SPACES.sub("", self.text)


@dataclass(frozen=True)
class Table:
    """A table found in text: its title (the line above it, when it names the table), a unit
    stated for the whole table, the header cells, the rows, and the characters it covers."""

    title: str | None
    unit: str | None
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    span: tuple[int, int]


@dataclass(frozen=True)
class _Line:
    text: str
    start: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _lines(text: str) -> list[_Line]:
    out, position = [], 0
    for raw in text.splitlines(keepends=True):
        out.append(_Line(raw.rstrip("\r\n"), position))
        position += len(raw)
    return out


def _cells(line: _Line, separator: str) -> tuple[Cell, ...]:
    """The cells of a delimited line, each with its span (outer pipes dropped)."""
    cells: list[Cell] = []
    position = line.start
    for part in line.text.split(separator):
        stripped = part.strip()
        offset = part.find(stripped) if stripped else 0
        cells.append(Cell(stripped, position + offset, position + offset + len(stripped)))
        position += len(part) + len(separator)
    if separator == "|":
        while cells and not cells[0].text:
            cells.pop(0)
        while cells and not cells[-1].text:
            cells.pop()
    return tuple(cells)


def _is_rule(cells: tuple[Cell, ...]) -> bool:
    """A Markdown header rule: | --- | :--: |."""
    return bool(cells) and all(re.fullmatch(r":?-{2,}:?", c.text) for c in cells)


def is_number_cell(text: str) -> bool:
    return NUMBER_CELL.match(_SPACES.sub("", text)) is not None


# ----------------------------------------------------------------------------- finding tables
def find_tables(text: str) -> list[Table]:
    """Every table in ``text``, in text order."""
    lines = _lines(text)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        found = _delimited_table(lines, index, "|") or _delimited_table(lines, index, "\t")
        if found is None:
            table, next_index = _cell_per_line_table(lines, index)
        else:
            table, next_index = found
        if table is not None:
            tables.append(table)
        index = max(next_index, index + 1)
    return tables


def _title_and_unit(lines: list[_Line], first: int) -> tuple[str | None, str | None]:
    """The table's title and its unit line, from the few non-empty lines above it."""
    title = unit = None
    looked = 0
    index = first - 1
    while index >= 0 and looked < 3:
        line = lines[index].stripped
        index -= 1
        if not line:
            continue
        looked += 1
        unit_match = _UNIT_LINE.match(_SPACES.sub("", line))
        if unit_match and unit is None:
            unit = unit_match.group("unit")
            continue
        if len(line) <= 60 and not line.endswith("。"):
            title = line
        break
    return title, unit


def _delimited_table(lines: list[_Line], first: int, separator: str) -> tuple[Table, int] | None:
    rows: list[tuple[Cell, ...]] = []
    index = first
    while index < len(lines) and separator in lines[index].text:
        cells = _cells(lines[index], separator)
        if rows and len(cells) != len(rows[0]) and not _is_rule(cells):
            break                                # every row has the header's columns
        if not _is_rule(cells):
            rows.append(cells)
        index += 1
    if len(rows) < 2 or len(rows[0]) < 2 or not any(is_number_cell(c.text) for row in rows[1:] for c in row[1:]):
        return None
    title, unit = _title_and_unit(lines, first)
    span = (rows[0][0].start, rows[-1][-1].end)
    return Table(title, unit, rows[0], tuple(rows[1:]), span), index


def _is_cell_line(line: str) -> bool:
    return 0 < len(line) <= 24 and not _SENTENCE_MARKS.search(line) and "|" not in line and "\t" not in line


def _cell_per_line_table(lines: list[_Line], first: int) -> tuple[Table | None, int]:
    """Cells one per line (blank lines between allowed): header cells, then rows of a label and
    numbers with a fixed number of columns. Returns the table (or None) and the line to go on
    from: past a run of cell lines that is not a table, so that no run is scanned twice."""
    if not _is_cell_line(lines[first].stripped) or is_number_cell(lines[first].stripped):
        return None, first + 1
    cells: list[Cell] = []
    line_of: list[int] = []            # the line each cell stands on
    index = first
    while index < len(lines):
        stripped = lines[index].stripped
        if stripped and not _is_cell_line(stripped):
            break
        if stripped:
            offset = lines[index].text.find(stripped)
            cells.append(Cell(stripped, lines[index].start + offset, lines[index].start + offset + len(stripped)))
            line_of.append(index)
        index += 1
    header_cells = _header_cells(cells)
    header = _merge_unit_cells(header_cells)
    width = len(header)
    body = cells[len(header_cells):]
    if width < 2 or len(body) < 2 * width:
        return None, index
    rows: list[tuple[Cell, ...]] = []
    position = 0
    while position + width <= len(body):
        row = tuple(body[position:position + width])
        if is_number_cell(row[0].text) or not all(_numeric_or_empty(c.text) for c in row[1:]):
            break
        rows.append(row)
        position += width
    if len(rows) < 2:
        return None, index
    title, unit = _title_and_unit(lines, first)
    end_cell = rows[-1][-1]
    last_line = line_of[len(header_cells) + len(rows) * width - 1]
    return Table(title, unit, tuple(header), tuple(rows), (header[0].start, end_cell.end)), last_line + 1


def _header_cells(cells: list[Cell]) -> list[Cell]:
    """The cells before the first row: everything up to the first label that a number follows."""
    for position in range(len(cells) - 1):
        if not is_number_cell(cells[position].text) and is_number_cell(cells[position + 1].text) \
                and position > 0:
            return cells[:position]
    return []


def _merge_unit_cells(cells: list[Cell]) -> list[Cell]:
    """A header cell that is only a unit in brackets, (亿元), belongs to the header above it."""
    out: list[Cell] = []
    for cell in cells:
        if out and re.fullmatch(r"[（(][^()（）]{1,8}[)）]", cell.clean):
            previous = out[-1]
            out[-1] = Cell(f"{previous.text}{cell.text}", previous.start, cell.end)
        else:
            out.append(cell)
    return out


def _numeric_or_empty(text: str) -> bool:
    return is_number_cell(text) or _SPACES.sub("", text) in EMPTY_CELL


# ----------------------------------------------------------------------------- facts of a table
@dataclass(frozen=True)
class _Column:
    kind: str                  # value, growth, share, plan_completion
    noun: str                  # what the column measures (面积), "" when the header says only how
    unit: str | None


def _column(header: str, table_unit: str | None) -> _Column:
    clean = _SPACES.sub("", header)
    unit_match = _UNIT_IN_HEADER.search(clean)
    unit = unit_match.group("unit") if unit_match else None
    noun = _UNIT_IN_HEADER.sub("", clean) if unit_match else clean
    if _COMPLETION.search(noun):
        return _Column("plan_completion", "", "%")
    if _SHARE.search(noun):
        return _Column("share", "", "%")
    if _GROWTH.search(noun) or noun.endswith("%"):
        return _Column("growth", "", "%")
    noun = noun.rstrip("%")
    if _MEASURE_ONLY.match(noun):
        noun = ""
    return _Column("value", noun, unit or table_unit)


def _title_indicator(title: str | None) -> str | None:
    """The indicator a table's title names: 2018年上半年各市县地区生产总值及增速 → 地区生产总值."""
    if not title:
        return None
    name = re.sub(r"^(?:附表|表)\s*\d*[:：.、\s]*", "", title.strip())
    name = re.sub(r"^(?:19|20)\d{2}年(?:上半年|前三季度|一季度|1[-—～~]\d+月)?", "", name)
    name = _PLACES_TITLE.sub("", name)
    name = re.sub(r"(?:及|和)(?:其)?(?:增速|增长|构成|比重)$|情况$|完成情况$|一览表?$|统计表?$", "", name)
    return name.strip() or None


def _is_place(label: str) -> bool:
    return label.endswith(_PLACE_WORDS)


def _number(cell: Cell) -> tuple[Decimal, tuple[int, int]] | None:
    """The cell's number (sign applied) and the span of its digits."""
    match = NUMBER_CELL.match(cell.text)
    if match is None:
        return None
    digits = match.group("digits")
    try:
        number = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    start = cell.start + match.start("digits")
    return (-number if match.group("sign") else number), (start, start + len(digits))


def table_facts(table: Table) -> list[Fact]:
    """One fact per row and value column (with the growth, share or completion columns after it)."""
    columns = [_column(cell.text, table.unit) for cell in table.header[1:]]
    from_title = _title_indicator(table.title)
    places = bool(table.title and _PLACES_TITLE.search(table.title))
    facts: list[Fact] = []
    for row in table.rows:
        label = re.sub(r"[（(][^()（）]*[)）]$", "", row[0].clean)
        if not label:
            continue
        facts.extend(_row_facts(row, label, columns, from_title, places))
    return facts


def _row_facts(row: tuple[Cell, ...], label: str, columns: list[_Column], from_title: str | None,
               places: bool) -> list[Fact]:
    out: list[Fact] = []
    current: dict[str, Slot] = {}
    current_column: _Column | None = None
    for column, cell in zip(columns, row[1:], strict=False):
        read = _number(cell)
        if column.kind == "value":
            if current:
                out.append(_fact(label, current_column, current, from_title, places))
            current, current_column = {}, column
            if read is not None:
                current["value"] = Slot(read[0], column.unit or "", read[1])
        elif read is not None:
            current[column.kind] = Slot(read[0], column.unit or "%", read[1])
    if current:
        out.append(_fact(label, current_column, current, from_title, places))
    return out


def _fact(label: str, column: _Column | None, slots: dict[str, Slot], from_title: str | None,
          places: bool) -> Fact:
    extra: dict[str, object] = {"table": True}
    noun = column.noun if column is not None else ""
    if noun:
        name = label + noun if not label.endswith(noun) else label
    elif places and from_title:
        name, extra["region"] = from_title, label
    elif from_title and _GDP.search(from_title) and not _GDP.search(label) and not _is_place(label):
        name = f"{label}增加值"              # the sector rows of a 生产总值 table
    else:
        name = label
    return Fact(name, value=slots.get("value"), growth=slots.get("growth"), share=slots.get("share"),
                plan_completion=slots.get("plan_completion"), extra=extra)


def extract_table_facts(text: str) -> tuple[list[Fact], list[tuple[int, int]]]:
    """The facts of every table in ``text`` and the character ranges the tables cover."""
    facts: list[Fact] = []
    spans: list[tuple[int, int]] = []
    for table in find_tables(text):
        facts.extend(table_facts(table))
        spans.append(table.span)
    return facts, spans


__all__ = ["Table", "extract_table_facts", "find_tables", "table_facts"]
