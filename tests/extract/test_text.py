"""read_text: every supported format gives the text that spans refer to; bad files fail clearly."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.errors import InputError
from planwatch.extract import extract_facts, read_text

SENTENCE = "上半年，全区实现地区生产总值1285.41亿元，按不变价计算同比增长6.1%。"


LONG = ("上半年，全区实现地区生产总值1285.41亿元，按不变价计算同比增长6.1%；规上工业总产值2836.10亿元，同比增长6.2%；"
        "全社会固定资产投资396.40亿元，同比增长7.4%，其中工业投资166.06亿元，同比增长15.8%；"
        "社会消费品零售总额402.25亿元，同比增长5.0%。")


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("吴江区2025年上半年计划执行情况")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=3)
    for col, text in enumerate(("指标", "数值", "增长")):
        table.cell(0, col).text = text
    for col, text in enumerate(("规上工业总产值", "2836.10", "6.2")):
        table.cell(1, col).text = text
    document.add_paragraph("下半年，继续推进重点项目建设。")
    document.save(path)
    return path


def test_txt_is_utf8_with_universal_newlines(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(("标题\r\n" + SENTENCE + "\r\n").encode("utf-8"))
    text = read_text(path)
    assert text == "标题\n" + SENTENCE + "\n"
    # offsets agree with what any UTF-8 reader (the scorer: Path.read_text) sees
    assert text == path.read_text(encoding="utf-8")


def test_txt_with_bom_keeps_offsets_of_a_utf8_reader(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + SENTENCE.encode("utf-8"))
    text = read_text(path)
    assert text == path.read_text(encoding="utf-8")
    start = text.index("1285.41")
    assert any(f.value and f.value.span == (start, start + 7) for f in extract_facts(text))


def test_gb18030_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SENTENCE.encode("gb18030"))
    assert read_text(path) == SENTENCE


def test_binary_txt_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert "binary.txt" in info.value.message and "编码" in info.value.message


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        read_text(tmp_path / "none.txt")
    odd = tmp_path / "report.xls"
    odd.write_bytes(b"x")
    with pytest.raises(InputError, match="不支持的文件类型 .xls"):
        read_text(odd)


def test_docx_paragraphs_and_table_rows_in_document_order(tmp_path: Path) -> None:
    text = read_text(_docx(tmp_path / "r.docx"))
    lines = text.split("\n")
    assert lines[0] == "吴江区2025年上半年计划执行情况"
    assert lines[1] == SENTENCE
    assert lines[2:4] == ["指标\t数值\t增长", "规上工业总产值\t2836.10\t6.2"]
    assert lines[4] == "下半年，继续推进重点项目建设。"
    facts = extract_facts(text)
    gdp = next(f for f in facts if f.value is not None and f.value.number == Decimal("1285.41"))
    assert text[gdp.value.span[0]:gdp.value.span[1]] == "1285.41"


def test_damaged_docx_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="broken.docx"):
        read_text(path)


HTML = """<!doctype html><html><head><meta charset="utf-8"><title>标题</title>
<script>var total = 999.9;</script><style>.x{width:100%}</style></head><body>
<header><a href="/">首页</a> 政务公开 2024年</header>
<div class="top-nav"><ul><li>机构概况</li><li>政策文件 12件</li></ul></div>
<div id="breadcrumb">当前位置：首页 &gt; 规划计划</div>
<div class="wrap"><div class="sidebar">热点 3条</div>
<div class="content">
<h1>吴江区2025年上半年计划执行情况</h1>
<p>上半年，全区实现地区生产总值<b>1285.41</b>亿元，按不变价计算同比增长6.1%。</p>
<p>规上工业总产值2836.10亿元，同比增长6.2%。</p>
<table><tr><th>指标</th><th>数值</th></tr><tr><td>进出口总额</td><td><p>938.85</p></td></tr></table>
</div></div>
<footer>版权所有 网站标识码 3205090001</footer><div class="footer-links">友情链接 5个</div>
</body></html>"""


def test_html_keeps_the_main_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    text = read_text(path)
    assert text.split("\n") == [
        "吴江区2025年上半年计划执行情况",
        "上半年，全区实现地区生产总值1285.41亿元，按不变价计算同比增长6.1%。",
        "规上工业总产值2836.10亿元，同比增长6.2%。",
        "指标\t数值",
        "进出口总额\t938.85",
    ]
    for noise in ("999.9", "首页", "机构概况", "当前位置", "热点", "版权", "友情链接"):
        assert noise not in text


def test_html_prefers_article_and_reads_other_encodings(tmp_path: Path) -> None:
    page = ("<html><head><meta charset=\"gbk\"></head><body><div>导航 栏目一</div>"
            "<article><p>" + SENTENCE + "</p></article></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    assert read_text(path) == SENTENCE


@pytest.mark.skipif(shutil.which("soffice") is None and not Path("/usr/bin/soffice").exists(),
                    reason="LibreOffice (soffice) is not installed: cannot build a test PDF")
def test_pdf_text_layer_is_read_and_a_pdf_without_text_is_refused(tmp_path: Path) -> None:
    source = _docx(tmp_path / "r.docx")
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)
    text = read_text(tmp_path / "r.pdf")
    assert "地区生产总值1285.41亿元" in text    # no spaces between Chinese and digits
    assert any(f.value is not None and f.value.number == Decimal("1285.41") for f in extract_facts(text))

    import docx

    long = docx.Document()
    long.add_paragraph(LONG)
    long.add_paragraph("下半年，继续推进重点项目建设。")
    long.save(tmp_path / "long.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "long.docx")], check=True, capture_output=True,
                   timeout=120)
    # lines the page only wrapped are joined again: the paragraph is one line, as written
    assert read_text(tmp_path / "long.pdf").split("\n") == [LONG, "下半年，继续推进重点项目建设。"]

    from pypdf import PdfWriter

    blank = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with blank.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="没有文字层"):
        read_text(blank)
