"""The report as .docx laid out per GB/T 9704-2012 (report body).

A4; margins top 37, bottom 35, left 28, right 26 mm (type area 156 × 225 mm); body 3号 (16 pt)
仿宋_GB2312, exact line pitch 28.95 pt on a line grid (22 lines) and −0.25 pt character spacing
(28 characters per line, also in LibreOffice); title 2号 方正小标宋简体 centred, broken into lines
of ≤ 20 characters; headings 一、黑体, （一）楷体_GB2312, 1. 仿宋 bold, all with a two-character
first-line indent; page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left, one
character in from the edge. East Asian font names are written into ``w:eastAsia`` of the styles
and of every run (python-docx only writes the Latin slots). The appendix table is a 三线表.
See ../shared/design/gbt9704.md for where each value comes from.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, Any

from planwatch.report import document as doc

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
REVIEW_AUTHOR = "planwatch 数据来源"
BODY_PT = 16
TITLE_PT = 22
PAGE_PT = 14
TABLE_PT = 10.5
LINE_TWIPS = 579            # 28.95 pt: 22 lines in the 225 mm type area
CHAR_SPACING = -5           # −0.25 pt (twentieths of a point): 28 characters in 156 mm

_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                      "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                      "w:eastAsianLayout", "w:specVanish", "w:oMath")
_PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _set_fonts(element: Any, east: str, latin: str | None = None) -> None:
    """Write all four rFonts slots (eastAsia included) and drop theme fonts, which would win."""
    from docx.oxml.ns import qn

    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(key), None)
    for key, value in (("w:eastAsia", east), ("w:ascii", latin or east), ("w:hAnsi", latin or east),
                       ("w:cs", latin or east)):
        rfonts.set(qn(key), value)


def _set_char_spacing(element: Any, twentieths: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)


def _set_language(element: Any, east_asian: str = "zh-CN") -> None:
    """Declare the East Asian language, so that LibreOffice picks the simplified-Chinese glyph
    forms of a pan-CJK stand-in font (Noto CJK) when it converts to PDF."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), east_asian)
    rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_outline(style: Any, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.insert_element_before(outline, *_PPR_AFTER_OUTLINE)


def _no_grid(style: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                              "w:sectPr", "w:pPrChange")


def _set_style(paragraph: Any, style: Any) -> None:
    """``paragraph.style = style`` for a style of this document that is not the default one,
    without python-docx's search of every style for the default (O(styles) per paragraph)."""
    paragraph._p.style = style.style_id


class _Builder:
    def __init__(self) -> None:
        from docx import Document

        self.d = Document()
        self._page()
        self._styles()
        self._footers()

    # ------------------------------------------------------------------ page
    def _page(self) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Mm

        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
        sec.left_margin, sec.right_margin = Mm(28), Mm(26)
        sec.gutter = Mm(0)
        sec.header_distance = Mm(15)
        sec.footer_distance = Mm(25.3)
        grids = sec._sectPr.findall(qn("w:docGrid"))
        if grids:
            grid = grids[0]
            for extra in grids[1:]:
                sec._sectPr.remove(extra)
        else:
            from docx.oxml import OxmlElement

            grid = OxmlElement("w:docGrid")
            sec._sectPr.append(grid)
        for attr in list(grid.attrib):
            del grid.attrib[attr]
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_TWIPS))
        self.d.settings.odd_and_even_pages_header_footer = True

    # ------------------------------------------------------------------ styles
    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor, Twips

        styles = self.d.styles
        normal = styles["Normal"]
        _set_fonts(normal.element, BODY_FONT)
        normal.font.size = Pt(BODY_PT)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        _set_char_spacing(normal.element, CHAR_SPACING)
        _set_language(normal.element)
        pf = normal.paragraph_format
        pf.line_spacing = Twips(LINE_TWIPS)
        pf.space_before = pf.space_after = Pt(0)
        pf.first_line_indent = Pt(2 * BODY_PT)
        pf.left_indent = pf.right_indent = Pt(0)
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.widow_control = False

        def add(name: str, font: str, size: float, *, bold: bool = False, indent: bool = True,
                align: Any = None, exact: bool = True, spacing: int | None = None) -> Any:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.quick_style = True
            _set_fonts(style.element, font)
            style.font.size = Pt(size)
            style.font.bold = bold
            if spacing is not None:
                _set_char_spacing(style.element, spacing)
            spf = style.paragraph_format
            spf.first_line_indent = Pt(2 * BODY_PT) if indent else Pt(0)
            if align is not None:
                spf.alignment = align
            if not exact:
                spf.line_spacing = 1.0
                _no_grid(style)      # single lines, not snapped to the 28.95 pt grid
            return style

        self.title = add("PW Title", TITLE_FONT, TITLE_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, spacing=0)
        self.h1 = add("PW Heading 1", H1_FONT, BODY_PT)
        self.h2 = add("PW Heading 2", H2_FONT, BODY_PT)
        self.h3 = add("PW Heading 3", BODY_FONT, BODY_PT, bold=True)
        for level, style in enumerate((self.h1, self.h2, self.h3)):
            style.paragraph_format.keep_with_next = True
            _set_outline(style, level)
        self.label = add("PW Attachment Label", H1_FONT, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        self.caption = add("PW Caption", BODY_FONT, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.figure = add("PW Figure", BODY_FONT, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER,
                          exact=False)
        self.figure.paragraph_format.keep_with_next = True
        self.cell = add("PW Table", BODY_FONT, TABLE_PT, indent=False, exact=False, spacing=0)
        self.footer_style = add("PW Page Number", PAGE_FONT, PAGE_PT, indent=False, exact=False, spacing=0)

    # ------------------------------------------------------------------ footers
    def _footers(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        sec = self.d.sections[0]
        for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            _set_style(p, self.footer_style)
            pf = p.paragraph_format
            pf.alignment = align
            pf.first_line_indent = Pt(0)
            pf.space_before = pf.space_after = Pt(0)
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                pf.right_indent, pf.left_indent = Pt(PAGE_PT), Pt(0)
            else:
                pf.left_indent, pf.right_indent = Pt(PAGE_PT), Pt(0)
            self._page_field(p)

    def _page_run(self, p: Any, text: str | None = None) -> Any:
        from docx.shared import Pt

        run = p.add_run(text) if text is not None else p.add_run()
        _set_fonts(run._r, PAGE_FONT)
        run.font.size = Pt(PAGE_PT)
        return run

    def _page_field(self, p: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self._page_run(p, "\u2014 ")
        for kind in ("begin", "instr", "separate", "cached", "end"):
            run = self._page_run(p)
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = " PAGE "
                run._r.append(instr)
            elif kind == "cached":
                run.text = "1"
            else:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
        self._page_run(p, " \u2014")

    # ------------------------------------------------------------------ blocks
    def _runs(self, p: Any, runs: tuple[doc.Run, ...], font: str, *, highlight: bool = False) -> None:
        for r in runs:
            run = p.add_run(r.text)
            _set_fonts(run._r, font)
            if r.bold:
                run.bold = True
            if r.comment:
                # the review copy: the number's source as a Word comment (python-docx ≥ 1.2)
                self.d.add_comment(run, text=r.comment, author=REVIEW_AUTHOR, initials="PW")
            if highlight:
                from docx.enum.text import WD_COLOR_INDEX

                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def blank(self) -> None:
        self.d.add_paragraph()

    def styled(self, style: Any) -> Any:
        """A new paragraph in ``style`` (one of the PW styles). python-docx's ``style=`` looks the
        style up again among all styles for each paragraph (and table cell); the id is known."""
        p = self.d.add_paragraph()
        _set_style(p, style)
        return p

    def add_title(self, block: doc.Title, style: Any = None) -> None:
        p = self.styled(style or self.title)
        for i, line in enumerate(block.lines):
            run = p.add_run(line)
            _set_fonts(run._r, TITLE_FONT)
            if i < len(block.lines) - 1:
                run.add_break()
        self.blank()

    def add_heading(self, block: doc.Heading) -> None:
        style, font = {1: (self.h1, H1_FONT), 2: (self.h2, H2_FONT)}.get(block.level, (self.h3, BODY_FONT))
        p = self.styled(style)
        self._runs(p, doc.runs_of(block.text), font)

    def add_paragraph(self, block: doc.Paragraph) -> None:
        if block.kind == "note":
            self.blank()
        p = self.d.add_paragraph()
        self._runs(p, block.runs, BODY_FONT, highlight=block.kind == "placeholder")

    def add_attachment(self, block: doc.AttachmentLabel) -> None:
        p = self.styled(self.label)
        p.paragraph_format.page_break_before = True
        run = p.add_run(block.label)
        _set_fonts(run._r, H1_FONT)
        self.blank()
        if block.title:
            t = self.styled(self.title)
            for i, line in enumerate(doc.wrap_title(block.title)):
                run = t.add_run(line)
                _set_fonts(run._r, TITLE_FONT)
                if i < len(doc.wrap_title(block.title)) - 1:
                    run.add_break()
            self.blank()

    def add_page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        p = self.d.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)

    def add_figure(self, block: doc.Figure) -> None:
        from docx.shared import Mm

        p = self.styled(self.figure)
        p.add_run().add_picture(io.BytesIO(block.png), width=Mm(min(block.width_mm, 150)))
        if block.caption:
            c = self.styled(self.caption)
            run = c.add_run(block.caption)
            _set_fonts(run._r, BODY_FONT)

    def add_table(self, block: doc.Table) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm

        if block.caption:
            cap = self.styled(self.caption)
            run = cap.add_run(block.caption)
            _set_fonts(run._r, BODY_FONT)
        table = self.d.add_table(rows=1 + len(block.rows), cols=len(block.columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl = table._tbl
        widths = [Mm(w) for w in block.widths_mm]
        tblPr = tbl.tblPr
        for old in tblPr.findall(qn("w:tblStyle")):
            tblPr.remove(old)
        tblW = tblPr.find(qn("w:tblW"))
        if tblW is None:
            tblW = OxmlElement("w:tblW")
            tblPr.append(tblW)
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(sum(w.twips for w in widths)))
        borders = OxmlElement("w:tblBorders")
        for edge, val, size in (("top", "single", "12"), ("left", "nil", None), ("bottom", "single", "12"),
                                ("right", "nil", None), ("insideH", "nil", None), ("insideV", "nil", None)):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), val)
            if size:
                el.set(qn("w:sz"), size)
                el.set(qn("w:space"), "0")
                el.set(qn("w:color"), "000000")
            borders.append(el)
        tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                    "w:tblCaption", "w:tblDescription", "w:tblPrChange")
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), "57")          # 1 mm, so that short columns keep their text on one line
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        for old in tblPr.findall(qn("w:tblCellMar")):
            tblPr.remove(old)
        tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
        for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(width.twips))
        aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                  "right": WD_ALIGN_PARAGRAPH.RIGHT}
        all_rows = [block.columns, *block.rows]
        # rows and cells listed once: python-docx's table.rows[r] and row.cells build the whole list
        for r, (row, values) in enumerate(zip(table.rows, all_rows, strict=True)):
            if r == 0:
                trPr = row._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                trPr.append(header)
            for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = widths[c]
                p = cell.paragraphs[0]
                _set_style(p, self.cell)
                align = "center" if r == 0 else (block.align[c] if c < len(block.align) else "left")
                p.paragraph_format.alignment = aligns[align]
                run = p.add_run(value)
                _set_fonts(run._r, BODY_FONT)
                if r == 0:
                    run.bold = True
                    tcPr = cell._tc.get_or_add_tcPr()
                    tcb = OxmlElement("w:tcBorders")
                    bottom = OxmlElement("w:bottom")
                    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
                        bottom.set(qn(k), v)
                    tcb.append(bottom)
                    tcPr.insert_element_before(tcb, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection",
                                               "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
                                               "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")

    def build(self, document: doc.Document) -> Any:
        for block in document.blocks:
            if isinstance(block, doc.Title):
                self.add_title(block)
            elif isinstance(block, doc.Heading):
                self.add_heading(block)
            elif isinstance(block, doc.Paragraph):
                self.add_paragraph(block)
            elif isinstance(block, doc.AttachmentLabel):
                self.add_attachment(block)
            elif isinstance(block, doc.Table):
                self.add_table(block)
            elif isinstance(block, doc.Figure):
                self.add_figure(block)
            elif isinstance(block, doc.PageBreak):
                self.add_page_break()
        # python-docx's template starts with no paragraphs; nothing to remove
        return self.d


def render_docx(document: doc.Document, target: str | Path | IO[bytes]) -> None:
    """Write ``document`` as .docx to a path or a binary stream."""
    d = _Builder().build(document)
    d.core_properties.title = document.title
    d.core_properties.author = "planwatch"
    d.save(target if not isinstance(target, Path) else str(target))


def docx_bytes(document: doc.Document) -> bytes:
    buf = io.BytesIO()
    render_docx(document, buf)
    return buf.getvalue()
