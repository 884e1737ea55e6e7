"""Chinese text in charts is drawn with a CJK font, never as missing-glyph boxes."""

from __future__ import annotations

import warnings

import pytest

SAMPLE = "序时进度重点项目完成投资"


def _missing_glyph_warnings(render) -> list[str]:  # type: ignore[no-untyped-def]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_chart_font_covers_chinese_and_dejavu_would_not() -> None:
    from matplotlib.ft2font import FT2Font

    from planwatch.report import charts
    from planwatch.report.fonts import stand_ins

    name, path = charts.cjk_font()
    assert name == stand_ins()["仿宋_GB2312"][0], "charts use the PDF's stand-in for the body font"
    font = FT2Font(path)
    assert all(font.get_char_index(ord(c)) for c in SAMPLE), f"{path} lacks glyphs of {SAMPLE}"
    # control: the fallback font really lacks the glyphs, so the checks below can fail
    assert _missing_glyph_warnings(lambda: charts.text_sample(SAMPLE, font="DejaVu Sans"))
    assert not _missing_glyph_warnings(lambda: charts.text_sample(SAMPLE))
    with pytest.warns(UserWarning, match="missing from font"):   # the control's boxes, expected
        boxes = charts.text_sample(SAMPLE, font="DejaVu Sans")
    assert charts.text_sample(SAMPLE) != boxes


def test_report_charts_render_without_missing_glyphs(example_db) -> None:  # type: ignore[no-untyped-def]
    from planwatch.report import charts
    from planwatch.report.context import report_context
    from planwatch.services.plans import select
    from planwatch.services.status import status_for

    selection = select(example_db, region="吴江区", period="2025H1")
    context = report_context(selection.plan, selection.region, selection.period, status_for(selection))
    keys = [key for key, _ in charts.available(context)]
    assert "projects" in keys and "growth" in keys
    charts._bar_chart.cache_clear()      # draw them here, not take the ones an earlier test kept
    images: dict[str, bytes] = {}
    for key in keys:
        assert not _missing_glyph_warnings(lambda k=key: images.__setitem__(k, charts.render(context, k))), key
        assert images[key][:8] == b"\x89PNG\r\n\x1a\n"


def test_no_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.report import charts
    from planwatch.report.errors import MissingTool

    monkeypatch.setattr(charts, "PREFERRED_FONTS", ("No Such Font SC",))
    monkeypatch.setattr(charts.fonts, "stand_ins", lambda: {})
    charts.cjk_font.cache_clear()
    try:
        with pytest.raises(MissingTool, match="fonts-noto-cjk"):
            charts.cjk_font()
    finally:
        monkeypatch.undo()
        charts.cjk_font.cache_clear()
