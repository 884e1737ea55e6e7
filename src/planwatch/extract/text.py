"""Report files → the plain text that fact and target spans refer to.

``read_text(path)`` reads .txt, .docx, .pdf (text layer) and .html/.htm. The text it returns is the
one every ``[start, end)`` span counts in (``planwatch extract --dump-text FILE`` prints it):

- **.txt**: UTF-8 decoded as Python's ``Path.read_text(encoding="utf-8")`` does (universal newlines:
  ``\\r\\n`` and ``\\r`` become ``\\n``; a byte-order mark stays as the character U+FEFF so that offsets
  agree with any other UTF-8 reader). When the bytes are not UTF-8, GB18030 (a superset of GBK and
  GB2312, common in government files) is tried, and accepted only when the result looks like text.
- **.docx**: the body in document order, one line per paragraph; a table gives one line per row with
  its cells separated by a tab (merged cells once).
- **.pdf**: pypdf's text layer, page by page; lines that a page merely wrapped are joined again, and
  the spaces pypdf puts between Chinese characters, or between Chinese and digits, are dropped. A PDF without a text layer (a scan) is refused.
- **.html/.htm**: the main text only — scripts, styles, navigation, headers, footers, asides and
  elements whose class or id name a nav/menu/footer/breadcrumb are dropped; the content is the
  ``<article>``, the ``<main>``, or else the block holding the most paragraph text; one line per
  block element, table cells separated by a tab.

Every failure is an :class:`~planwatch.errors.InputError` naming the file, in Chinese.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from planwatch.errors import InputError
from planwatch.model import chinese as C

SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def read_text(path: str | Path) -> str:
    """The text of a report file (see the module doc for what each format gives)."""
    path = Path(path)
    _check_suffix(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}：文件不存在") from None
    except IsADirectoryError:
        raise InputError(f"{path}：是文件夹，不是文件") from None
    except OSError as exc:
        raise InputError(f"{path}：无法读取文件（{exc.strerror or exc}）") from None
    return text_of_bytes(data, path)


def text_of_bytes(data: bytes, name: str | Path) -> str:
    """The text of a file's content (an upload), by the type its ``name`` says."""
    path = Path(name)
    suffix = _check_suffix(path)
    if suffix in (".txt", ".md"):
        return _plain_text(data, path)
    if suffix == ".docx":
        return _docx_text(data, path)
    if suffix == ".pdf":
        return _pdf_text(data, path)
    return _html_text(data, path)


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        shown = suffix or "（无扩展名）"
        raise InputError(f"{path}：不支持的文件类型 {shown}（可用：.txt、.md、.docx、.pdf、.html、.htm）")
    return suffix


# ---------------------------------------------------------------------------------------------- .txt

def _universal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plain_text(data: bytes, path: Path) -> str:
    try:
        return _universal_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if b"\x00" not in data:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_like_text(text):
            return _universal_newlines(text)
    raise InputError(f"{path}：无法识别文件编码（不是 UTF-8，也不是 GB18030/GBK 文本；"
                     f"第 {first_bad + 1} 个字节起无法解码），请另存为 UTF-8 文本后重试")


def _looks_like_text(text: str) -> bool:
    """Most characters are letters, digits, CJK, punctuation or whitespace — not control codes or
    private-use and unassigned code points, which is what decoding binary data as GB18030 yields."""
    if not text:
        return True
    odd = 0
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Co", "Cn", "Cs") and ch not in "\n\r\t\f":
            odd += 1
    return odd <= len(text) * 0.02


# --------------------------------------------------------------------------------------------- .docx

def _docx_text(data: bytes, path: Path) -> str:
    import io
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError("读取 .docx 需要 python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{path}：不是有效的 Word（.docx）文件（{type(exc).__name__}）") from None
    except Exception as exc:  # lxml syntax errors and other damage inside the package
        raise InputError(f"{path}：Word 文件已损坏，无法读取（{type(exc).__name__}）") from None
    lines: list[str] = []
    _docx_blocks(document.element.body, lines)
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_blocks(parent, lines: list[str]) -> None:
    """Paragraphs and tables under ``parent`` in document order (content controls opened)."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            lines.append(_docx_paragraph(child))
        elif tag == f"{_W}tbl":
            _docx_table(child, lines)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _docx_blocks(content, lines)
        elif tag == f"{_W}customXml":
            _docx_blocks(child, lines)


def _docx_paragraph(p) -> str:
    """The visible text of a paragraph element: runs, hyperlinks, tabs and breaks (as spaces)."""
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}delText", f"{_W}noBreakHyphen"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}delText":
            continue  # deleted in tracked changes: not part of the text
        else:
            parts.append(" " if tag != f"{_W}tab" else "\t")
    return "".join(parts).replace("\n", " ")


def _docx_table(tbl, lines: list[str]) -> None:
    """One line per row, cells separated by a tab; a vertically merged cell's continuation is empty."""
    for row in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        for cell in row.iterchildren(f"{_W}tc"):
            inner: list[str] = []
            nested: list[str] = []
            for child in cell.iterchildren():
                if child.tag == f"{_W}p":
                    text = _docx_paragraph(child).strip()
                    if text:
                        inner.append(text)
                elif child.tag == f"{_W}tbl":
                    _docx_table(child, nested)
            cells.append(" ".join(inner))
            lines.extend(nested)
        while cells and not cells[-1]:
            cells.pop()
        lines.append("\t".join(cells))


# ---------------------------------------------------------------------------------------------- .pdf

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。、；：？！“”‘’（）《》【】—…·"
_SPACE_IN_CJK = re.compile(f"(?<=[{_CJK}{_CJK_PUNCT}]) +(?=[{_CJK}{_CJK_PUNCT}])")
_SPACE_AT_LATIN = re.compile(f"(?<=[{_CJK}{_CJK_PUNCT}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z%.]) (?=[{_CJK}{_CJK_PUNCT}])")
_SENTENCE_END = C.LINE_CLOSERS


def _pdf_text(data: bytes, path: Path) -> str:
    import io
    import logging

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError("读取 .pdf 需要 pypdf") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path}：PDF 已加密，无法读取文字")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise InputError(f"{path}：不是有效的 PDF 文件或文件已损坏（{type(exc).__name__}）") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(f"{path}：PDF 文件无法读取（{type(exc).__name__}）") from None
    if not any(page.strip() for page in pages):
        raise InputError(f"{path}：PDF 没有文字层（可能是扫描件或图片），无法抽取文字；请先做文字识别（OCR）"
                         "或提供 .docx/.txt 版本")
    return "\n".join(_pdf_page_lines(page) for page in pages if page.strip())


def _pdf_page_lines(page: str) -> str:
    """Join lines that were only wrapped by the page width; drop spaces pypdf puts between CJK."""
    raw = [_SPACE_AT_LATIN.sub("", _SPACE_IN_CJK.sub("", line.rstrip()))
           for line in _universal_newlines(page).split("\n")]
    raw = [line for line in raw if line.strip()]
    if not raw:
        return ""
    width = max(len(line) for line in raw)
    out: list[str] = []
    joining = False
    for line in raw:
        if joining and out:
            out[-1] += line.lstrip()
        else:
            out.append(line)
        # a full-width line ending mid-sentence continues on the next line
        joining = (width >= 15 and len(line) >= 0.85 * width and not line.endswith(_SENTENCE_END)
                   and bool(re.search(f"[{_CJK}0-9%，、]$", line)))
    return "\n".join(out)


# --------------------------------------------------------------------------------------------- .html

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "canvas", "button", "select", "object", "embed", "head")
_BOILERPLATE = re.compile(r"(^|[\s_\-])(nav|navbar|menu|menus|footer|foot|breadcrumbs?|crumbs?|sidebar|"
                          r"side-bar|topbar|copyright|share|bdshare|toolbar|skip|position|location)"
                          r"($|[\s_\-\d])|^(dh|daohang|mianbao|bottom|banquan)", re.I)
_BLOCK_TAGS = frozenset({"address", "article", "blockquote", "body", "center", "dd", "div", "dl", "dt",
                         "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
                         "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
                         "caption", "details", "summary"})
_CELL_TAGS = ("td", "th")


def _html_text(data: bytes, path: Path) -> str:
    try:
        from bs4 import BeautifulSoup, Tag
    except ImportError:  # pragma: no cover - bs4 is a dependency
        raise InputError("读取 .html 需要 beautifulsoup4 和 lxml") from None
    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as exc:  # lxml refuses very damaged input
        raise InputError(f"{path}：HTML 文件无法解析（{type(exc).__name__}）") from None
    if b"\x00" in data[:4096] and soup.find(True) is None:
        raise InputError(f"{path}：不是 HTML 文本文件")
    _drop_page_chrome(soup)
    title_tag = soup.find("h1")
    root = _main_block(soup, Tag)
    if root is None:
        return ""
    lines: list[str] = []
    if title_tag is not None and not title_tag.decomposed and root.find("h1") is None and root.name != "h1":
        heading = _squash(title_tag.get_text(" "))
        if heading:
            lines.append(heading)
    buffer: list[str] = []
    _html_lines(root, lines, buffer, Tag)
    _flush(lines, buffer)
    return "\n".join(lines)


def _drop_page_chrome(soup: Any) -> None:
    """Comments, scripts, navigation and the elements whose class or id names a menu, footer …"""
    from bs4 import Comment

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body", "main", "article"):
            continue
        names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]) if tag.attrs else ""
        if names and _BOILERPLATE.search(names) and tag.find(("article", "main")) is None:
            tag.decompose()


def _main_block(soup, Tag):
    """<article> (the longest), else <main>, else the element holding the most paragraph text."""
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(strip=True)))
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is not None and len(main.get_text(strip=True)) > 0:
        return main
    body = soup.body or soup
    scores: dict[int, float] = {}
    nodes: dict[int, Any] = {}         # (bs4 Tags: bs4 is imported lazily, by the caller)
    for p in body.find_all(("p", "br")) or []:
        parent = p.parent if p.name == "p" else p.parent
        text = p.get_text(strip=True) if p.name == "p" else ""
        weight = len(text) if p.name == "p" else 20
        for level, node in enumerate((parent, getattr(parent, "parent", None))):
            if node is None or not isinstance(node, Tag):
                break
            scores[id(node)] = scores.get(id(node), 0.0) + weight / (1 + level)
            nodes[id(node)] = node
    if scores:
        best = nodes[max(scores, key=lambda k: scores[k])]
        total = len(body.get_text(strip=True)) or 1
        if len(best.get_text(strip=True)) >= 0.2 * total:
            return best
    return body


def _squash(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\u00a0]+", " ", text).strip()


def _flush(lines: list[str], buffer: list[str]) -> None:
    if buffer:
        line = _squash("".join(buffer))
        if line:
            lines.append(line)
        buffer.clear()


def _html_lines(node, lines: list[str], buffer: list[str], Tag) -> None:
    for child in node.children:
        if not isinstance(child, Tag):
            buffer.append(str(child))
            continue
        name = child.name
        if name == "br":
            _flush(lines, buffer)
            continue
        if name == "tr":
            _flush(lines, buffer)
            cells = [_squash(cell.get_text(" ")) for cell in child.find_all(_CELL_TAGS, recursive=False)]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                lines.append("\t".join(cells))
            continue
        block = name in _BLOCK_TAGS
        if block:
            _flush(lines, buffer)
        _html_lines(child, lines, buffer, Tag)
        if block:
            _flush(lines, buffer)


__all__ = ["SUFFIXES", "read_text"]
