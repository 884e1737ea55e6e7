"""What the report keeps between drafts (compiled templates) and how it draws its charts once:
a kept template environment still reads an edited template and never mixes the review copy's
markers into a draft rendered at the same time; a chart is its drawn content with a small white
margin, as ``savefig(bbox_inches="tight")`` would give, even when a label is wider than the figure."""

from __future__ import annotations

import io
import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image


def _comments(document) -> list[str]:  # type: ignore[no-untyped-def]
    from planwatch.report import document as doc

    return [r.comment for b in document.blocks if isinstance(b, doc.Paragraph) for r in b.runs if r.comment]


def test_an_edited_template_is_read_again(example_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.report import report_document

    templates = tmp_path / "mine"
    templates.mkdir()
    opening = templates / "opening.j2"
    opening.write_text("第一稿：{{ region.name }}。\n", encoding="utf-8")
    first, _ = report_document(example_db, region="吴江区", period="2025H1", template_dir=templates, charts=False)
    opening.write_text("第二稿：{{ region.name }}。\n", encoding="utf-8")
    later = opening.stat().st_mtime + 2          # as an office saves it, later than the first draft
    os.utime(opening, (later, later))
    second, _ = report_document(example_db, region="吴江区", period="2025H1", template_dir=templates, charts=False)
    assert "第一稿：吴江区。" in first.paragraphs()
    assert "第二稿：吴江区。" in second.paragraphs() and "第一稿：吴江区。" not in second.paragraphs()


def test_drafts_and_review_copies_rendered_at_once_stay_apart(example_db) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.report import report_document

    def draft(review: bool):  # type: ignore[no-untyped-def]
        return report_document(example_db, region="吴江区", period="2025H1", charts=False, review=review)[0]

    plain, review = draft(False), draft(True)
    assert not _comments(plain) and _comments(review)
    results: dict[int, object] = {}

    def work(i: int) -> None:
        results[i] = draft(i % 2 == 1)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, document in results.items():
        assert document == (review if i % 2 else plain), f"draft {i} (review={i % 2 == 1}) differs"


def _ink_box(png: bytes) -> tuple[Image.Image, tuple[int, int, int, int]]:
    image = Image.open(io.BytesIO(png))
    box = Image.eval(image.convert("L"), lambda v: 255 if v < 250 else 0).getbbox()
    assert box is not None
    return image, box


def test_a_chart_is_its_drawn_content_with_a_small_margin() -> None:
    from planwatch.report import charts

    png = charts.bar_chart([charts.Bar("地区生产总值", Decimal("49.4")), charts.Bar("工业投资", Decimal("53.1"), bad=True)],
                           title=charts.TITLES["indicators"], reference=Decimal("50"))
    image, (left, top, right, bottom) = _ink_box(png)
    assert image.mode == "RGB" and round(image.info["dpi"][0]) == charts.DPI
    pad = charts.PAD_INCHES * charts.DPI                          # 20 px of white on each side
    for margin in (left, top, image.width - right, image.height - bottom):
        assert pad - 1 <= margin <= pad + 1, (margin, image.size)
    assert 1100 <= image.width <= 1200                            # the 6 in figure at 200 dpi, cropped


def test_a_label_wider_than_the_figure_is_not_cut() -> None:
    from planwatch.report import charts

    label = "一个名称很长很长的指标" * 8
    with pytest.warns(UserWarning, match="Tight layout not applied"):     # matplotlib says it cannot fit
        png = charts.bar_chart([charts.Bar(label, Decimal("10")), charts.Bar("短", Decimal("20"))], title="图")
    image, (left, _, right, _) = _ink_box(png)
    assert image.width > 6 * charts.DPI, image.size               # grown beyond the figure, as savefig does
    pad = charts.PAD_INCHES * charts.DPI
    assert pad - 3 <= left and image.width - right >= pad - 3


def test_a_kept_chart_is_drawn_again_when_a_number_is_written_differently() -> None:
    from planwatch.report import charts

    def chart(value: str, reference: str) -> bytes:
        return charts.bar_chart([charts.Bar("地区生产总值", Decimal(value))], title="图", reference=Decimal(reference))

    assert chart("49.4", "50") == chart("49.4", "50")
    assert chart("49.4", "50") != chart("49.40", "50")          # equal Decimals, labels 49.4% and 49.40%
    assert chart("49.4", "50") != chart("49.4", "50.0")


def test_without_a_writable_home_the_font_list_is_kept_between_processes(tmp_path: Path) -> None:
    import subprocess
    import sys

    home = tmp_path / "not-a-folder"
    home.write_text("a service account's HOME that cannot hold ~/.cache\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    env |= {"HOME": str(home), "TMPDIR": str(tmp_path)}
    code = "from planwatch.report import charts; charts.text_sample('序时进度'); import matplotlib; print(matplotlib.get_cachedir())"
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    kept = tmp_path / f"planwatch-matplotlib-{os.getuid()}"
    for run in runs:
        assert run.stdout.strip() == str(kept)
        assert "temporary cache directory" not in run.stderr, run.stderr
    assert list(kept.glob("fontlist-*.json")), "the font list is written once and read by the next process"
