"""A small typed tree of a report, independent of the output format.

The wording templates produce *report markup* (one block per line, see :func:`parse_markup`);
the tree is what the renderers (``docx``, ``markdown``, ``html``) walk. Charts are carried as
PNG bytes so every renderer embeds the same image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting: ``bold`` or not; ``comment``: a reviewer's note
    on it (the review copy's source of a number)."""

    text: str
    bold: bool = False
    comment: str | None = None


@dataclass(frozen=True)
class Title:
    """The document title, already broken into lines (GB/T 9704: ≤ 20 characters per line at 2号)."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class Heading:
    """A heading with its typed ordinal: level 1 "一、", 2 "（一）", 3 "1."."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. ``kind``: "body", "placeholder" (text the office must write),
    "note" (附件说明 "附件：…", preceded by a blank line)."""

    runs: tuple[Run, ...]
    kind: str = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class AttachmentLabel:
    """"附件" / "附件1" at the top of a new page (GB/T 9704 7.3.7); ``title`` is centred on line 3."""

    label: str
    title: str


@dataclass(frozen=True)
class Table:
    """A 三线表: header row, body rows of text, column widths in millimetres."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    caption: str | None = None
    align: tuple[str, ...] = ()       # "left" / "center" / "right" per column


@dataclass(frozen=True)
class Figure:
    """A chart: PNG bytes, a caption ("图1 …") and the alternative text for HTML."""

    key: str
    caption: str
    png: bytes
    alt: str = ""
    width_mm: float = 150.0


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Title | Heading | Paragraph | AttachmentLabel | Table | Figure | PageBreak


@dataclass
class Document:
    """The whole report: blocks in reading order."""

    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        for block in self.blocks:
            if isinstance(block, Title):
                return block.text
        return ""

    def paragraphs(self) -> list[str]:
        """Plain text of every title line, heading and paragraph (for tests and previews)."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Title):
                out.append(block.text)
            elif isinstance(block, Heading):
                out.append(block.text)
            elif isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, AttachmentLabel):
                out.extend([block.label, block.title])
        return out


# --------------------------------------------------------------------------- report markup

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^（[一二三四五六七八九十]+）")
_H3 = re.compile(r"^\d+[.．](?!\d)")


def runs_of(text: str) -> tuple[Run, ...]:
    """``**bold**`` marks bold runs; everything else is plain."""
    runs: list[Run] = []
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos:match.start()]))
        runs.append(Run(match.group(1), bold=True))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return tuple(runs)


@dataclass(frozen=True)
class Directive:
    """``@name argument`` in report markup, resolved by the caller (tables, figures)."""

    name: str
    argument: str
    line: int


class MarkupError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_markup(text: str) -> list[Block | Directive]:
    """Report markup, one block per non-empty line:

    - ``= text``: a title line (consecutive ``=`` lines form one title);
    - ``# text`` / ``## text`` / ``### text``: headings of level 1–3;
    - ``@pagebreak``, ``@placeholder text``, ``@note text`` (附件说明), ``@attachment 附件|标题``;
    - ``@table KEY``, ``@figure KEY [caption]``, ``@parttwo`` and ``@challenges``: data blocks, returned as
      :class:`Directive`;
    - anything else: a body paragraph (``**x**`` for bold runs).
    """
    blocks: list[Block | Directive] = []
    title: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("="):
            title.append(line[1:].strip())
            continue
        if title:
            blocks.append(Title(tuple(t for t in title if t)))
            title = []
        if not line:
            continue
        if line.startswith("#"):
            marks = len(line) - len(line.lstrip("#"))
            if marks > 3:
                raise MarkupError(number, f"标题最多三级（###），此处为 {marks} 级")
            blocks.append(Heading(marks, line[marks:].strip()))
        elif line.startswith("@"):
            blocks.append(_directive(line, number))
        else:
            blocks.append(Paragraph(runs_of(line)))
    if title:
        blocks.append(Title(tuple(t for t in title if t)))
    return blocks


def _directive(line: str, number: int) -> Block | Directive:
    name, _, argument = line[1:].partition(" ")
    argument = argument.strip()
    if name == "pagebreak":
        return PageBreak()
    if name == "placeholder":
        return Paragraph(runs_of(argument), kind="placeholder")
    if name == "note":
        return Paragraph(runs_of(argument), kind="note")
    if name == "attachment":
        label, _, heading = argument.partition("|")
        return AttachmentLabel(label.strip() or "附件", heading.strip())
    if name in ("parttwo", "challenges"):
        return Directive(name, argument, number)
    if name in ("table", "figure"):
        if not argument:
            raise MarkupError(number, f"@{name} 需要一个名称，如 @{name} indicators")
        return Directive(name, argument, number)
    raise MarkupError(number, f"未知的指令 @{name}（可用：@pagebreak、@placeholder、@note、"
                              "@attachment、@table、@figure、@parttwo、@challenges）")


def plain_text_blocks(text: str) -> list[Block]:
    """A user's own text (e.g. section 二 from a file): headings recognised by their typed
    ordinals (一、 （一） 1.), every other non-empty line a body paragraph."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _H1.match(line):
            blocks.append(Heading(1, line))
        elif _H2.match(line):
            blocks.append(Heading(2, line))
        else:
            blocks.append(Paragraph(runs_of(line)))
    return blocks


def wrap_title(text: str, limit: int = 20) -> tuple[str, ...]:
    """Break a title longer than ``limit`` characters (ASCII counts half), longer line first."""

    def width(s: str) -> float:
        return sum(0.5 if ord(c) < 0x2E80 else 1 for c in s)

    if width(text) <= limit:
        return (text,)
    lines: list[str] = []
    rest = text
    while width(rest) > limit:
        cut = len(rest)
        while width(rest[:cut]) > limit:
            cut -= 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(rest)
    return tuple(lines)
