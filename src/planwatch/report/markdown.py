"""The report as Markdown (GitHub flavour): headings, paragraphs, a pipe table, chart images.

Charts are written as PNG files next to the Markdown file (``<name>_files/图1.png``) when an
``assets_dir`` is given; without one they are left out and only their captions remain.
"""

from __future__ import annotations

from pathlib import Path

from planwatch.report import document as doc


def _inline(runs: tuple[doc.Run, ...]) -> str:
    return "".join(f"**{r.text}**" if r.bold else r.text for r in runs)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(document: doc.Document, assets_dir: Path | None = None, assets_prefix: str = "") -> str:
    """Markdown text of ``document``. With ``assets_dir``, chart PNGs are written there and linked
    as ``assets_prefix + file name``."""
    out: list[str] = []
    figure_no = 0
    for block in document.blocks:
        if isinstance(block, doc.Title):
            out.append("# " + "<br>".join(block.lines) if len(block.lines) > 1 else "# " + block.text)
        elif isinstance(block, doc.Heading):
            out.append("#" * (block.level + 1) + " " + block.text)
        elif isinstance(block, doc.Paragraph):
            text = _inline(block.runs)
            out.append(f"> {text}" if block.kind == "placeholder" else text)
        elif isinstance(block, doc.AttachmentLabel):
            out.append("---")
            out.append(f"**{block.label}**")
            if block.title:
                out.append(f"## {block.title}")
        elif isinstance(block, doc.Table):
            if block.caption:
                out.append(f"**{block.caption}**")
            align = {"left": ":---", "center": ":---:", "right": "---:"}
            lines = ["| " + " | ".join(_cell(c) for c in block.columns) + " |",
                     "|" + "|".join(align.get(a, "---") for a in (block.align or ("left",) * len(block.columns))) + "|"]
            lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows)
            out.append("\n".join(lines))
        elif isinstance(block, doc.Figure):
            figure_no += 1
            if assets_dir is not None:
                assets_dir.mkdir(parents=True, exist_ok=True)
                name = f"图{figure_no}-{block.key}.png"
                (assets_dir / name).write_bytes(block.png)
                out.append(f"![{block.alt or block.caption}]({assets_prefix}{name})")
            out.append(f"*{block.caption}*")
        elif isinstance(block, doc.PageBreak):
            out.append("---")
    return "\n\n".join(out) + "\n"
