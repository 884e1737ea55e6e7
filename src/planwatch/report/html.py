"""The report as one self-contained HTML file: styles inline, charts as data: URIs.

The page imitates the official layout on screen and in print (A4, the GB/T 9704 margins,
16 pt 仿宋 with 28.95 pt lines, headings 黑体/楷体, page numbers "— 1 —" when printed).
"""

from __future__ import annotations

import base64
from html import escape

from planwatch.report import document as doc

CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "SimSun","宋体",serif; margin-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "SimSun","宋体",serif; margin-left: 1em; } }
body { background: #f3f3f3; margin: 0; }
main { background: #fff; color: #000; width: 156mm; margin: 12mm auto; padding: 37mm 26mm 35mm 28mm;
  box-shadow: 0 0 4px rgba(0,0,0,.25);
  font: 16pt/28.95pt "FangSong_GB2312","仿宋_GB2312","FangSong","仿宋","STFangsong","Noto Serif CJK SC",serif;
  letter-spacing: -0.25pt; }
h1.title { font: 22pt/1.4 "方正小标宋简体","FZXiaoBiaoSong-B05S","STZhongsong","Noto Serif CJK SC",serif;
  text-align: center; margin: 0 0 28.95pt; letter-spacing: 0; font-weight: normal; }
h2, h3, h4, p { font-size: 16pt; line-height: 28.95pt; margin: 0; text-indent: 2em; text-align: justify; }
h2 { font-family: "SimHei","黑体","Noto Sans CJK SC",sans-serif; font-weight: normal; }
h3 { font-family: "KaiTi_GB2312","楷体_GB2312","KaiTi","楷体","STKaiti","AR PL UKai CN",serif; font-weight: normal; }
h4 { font-weight: bold; }
p.placeholder { background: #fff3a0; }
p.note { margin-top: 28.95pt; }
section.attachment { margin-top: 28.95pt; break-before: page; page-break-before: always; }
section.attachment > p.label { font-family: "SimHei","黑体","Noto Sans CJK SC",sans-serif; text-indent: 0; }
section.attachment > h2.atitle { font: 22pt/1.4 "方正小标宋简体","STZhongsong","Noto Serif CJK SC",serif;
  text-align: center; text-indent: 0; margin: 28.95pt 0; }
table.three-line { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.4;
  letter-spacing: 0; border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; margin: 6pt 0; }
table.three-line th { border-bottom: 0.75pt solid #000; padding: 2pt 3pt; }
table.three-line td { padding: 2pt 3pt; }
td.left { text-align: left; } td.center { text-align: center; } td.right { text-align: right; }
figure { margin: 12pt 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; }
figcaption { font-size: 16pt; text-indent: 0; }
@media print { body { background: none; } main { box-shadow: none; margin: 0; padding: 0; width: auto; } }
"""


def _inline(runs: tuple[doc.Run, ...]) -> str:
    return "".join(f"<strong>{escape(r.text)}</strong>" if r.bold else escape(r.text) for r in runs)


def render_html(document: doc.Document) -> str:
    """One HTML page with everything inline (no external files)."""
    body: list[str] = []
    in_attachment = False
    for block in document.blocks:
        if isinstance(block, doc.Title):
            body.append('<h1 class="title">' + "<br>".join(escape(line) for line in block.lines) + "</h1>")
        elif isinstance(block, doc.Heading):
            tag = {1: "h2", 2: "h3"}.get(block.level, "h4")
            body.append(f"<{tag}>{_inline(doc.runs_of(block.text))}</{tag}>")
        elif isinstance(block, doc.Paragraph):
            cls = f' class="{block.kind}"' if block.kind != "body" else ""
            body.append(f"<p{cls}>{_inline(block.runs)}</p>")
        elif isinstance(block, doc.AttachmentLabel):
            if in_attachment:
                body.append("</section>")
            in_attachment = True
            body.append('<section class="attachment">')
            body.append(f'<p class="label">{escape(block.label)}</p>')
            if block.title:
                body.append(f'<h2 class="atitle">{escape(block.title)}</h2>')
        elif isinstance(block, doc.Table):
            rows = ["<table class=\"three-line\">"]
            if block.caption:
                rows.append(f"<caption>{escape(block.caption)}</caption>")
            rows.append("<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in block.columns) + "</tr></thead>")
            rows.append("<tbody>")
            for row in block.rows:
                cells = []
                for i, value in enumerate(row):
                    align = block.align[i] if i < len(block.align) else "left"
                    cells.append(f'<td class="{align}">{escape(value)}</td>')
                rows.append("<tr>" + "".join(cells) + "</tr>")
            rows.append("</tbody></table>")
            body.append("\n".join(rows))
        elif isinstance(block, doc.Figure):
            data = base64.b64encode(block.png).decode("ascii")
            body.append(f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.alt or block.caption)}">'
                        f"<figcaption>{escape(block.caption)}</figcaption></figure>")
        elif isinstance(block, doc.PageBreak):
            body.append('<div style="break-after: page; page-break-after: always"></div>')
    if in_attachment:
        body.append("</section>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(document.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")
