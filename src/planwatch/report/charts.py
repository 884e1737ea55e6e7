"""Charts for the report (matplotlib, Agg, PNG bytes): completion against 序时进度 by indicator
and by key-project group, and growth against target.

Chinese text needs a CJK font: the stand-in of the body font 仿宋_GB2312 named by planwatch's
font alias file (``fonts/fonts.conf``: AR PL SungtiL GB from ``fonts-arphic-gbsn00lp``), so that
the charts match the PDF's body text, else Noto Sans CJK SC (``fonts-noto-cjk``) or another font
that covers Chinese, found through ``matplotlib.font_manager``. Without one the charts would
show boxes, so :func:`cjk_font` raises :class:`~planwatch.report.errors.MissingTool` instead.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planwatch.report import fonts
from planwatch.report.docx import BODY_FONT
from planwatch.report.errors import MissingTool

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

PREFERRED_FONTS = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Serif SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN",
    "SimHei", "Microsoft YaHei", "PingFang SC",
)
TITLES = {
    "indicators": "主要指标完成进度与序时进度",
    "projects": "重点项目完成投资占年度计划与序时进度",
    "growth": "主要指标增长率与目标",
}
BAR = "#2f5d8a"
BAD = "#b03a2e"
LINE = "#c0392b"
TARGET = "#222222"
# The .docx places a chart 150 mm wide (docx.py) and the figure is 6 in (152 mm) wide before
# cropping: at 200 dpi it is printed at about its own resolution, 200 dpi.
DPI = 200
PAD_INCHES = 0.1
#: Bars per chart: 20 bars make a figure about 190 mm high, inside the 225 mm type area of a
#: GB/T 9704 page with its caption. A longer list is drawn as parts 2, 3 … (``indicators-2``),
#: captioned （续） and sharing the first part's x scale, so that bars compare across parts.
BARS_PER_CHART = 20
#: room beyond the longest bar for its value label, as a share of the span
HEADROOM = 1.18


def lasting_font_cache() -> None:
    """Make sure matplotlib's font list is kept between processes. matplotlib scans every
    installed font (the big Noto CJK collections included) once and keeps the list in
    ``$MPLCONFIGDIR`` or ``~/.cache/matplotlib``; where neither can be written (a service account
    without a home) it makes a new temporary folder in each process, scans again and warns. Then
    the list is kept in ``planwatch-matplotlib-<uid>`` in the temporary folder: scanned once per
    machine. Call before matplotlib is imported (afterwards it changes nothing)."""
    if "matplotlib" in sys.modules or os.environ.get("MPLCONFIGDIR"):
        return
    try:
        default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib"
        default.mkdir(parents=True, exist_ok=True)
        if os.access(default, os.W_OK):
            return
    except (OSError, RuntimeError):          # no home, or not a folder
        pass
    uid = os.getuid() if hasattr(os, "getuid") else None
    if uid is None:
        return
    folder = Path(tempfile.gettempdir()) / f"planwatch-matplotlib-{uid}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == uid:
            os.environ["MPLCONFIGDIR"] = str(folder)
    except OSError:
        pass                                  # matplotlib's own temporary folder, as before


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, str]:
    """(family name, file) of the CJK font the charts use."""
    lasting_font_cache()
    from matplotlib import font_manager

    names: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        names.setdefault(entry.name, entry.fname)
    for name in (*fonts.stand_ins().get(BODY_FONT, ()), *PREFERRED_FONTS):
        if name in names:
            return name, names[name]
    raise MissingTool("没有找到可显示中文的字体，图表中的中文会显示为方框。请安装 Noto CJK 字体："
                      "sudo apt-get install fonts-noto-cjk（或运行 scripts/setup），然后删除 matplotlib 的字体缓存"
                      "（~/.cache/matplotlib）后重试。")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    marker: Decimal | None = None     # a target to draw as a tick (growth chart)
    bad: bool = False


def _style(font: str) -> dict[RcKeyType, Any]:
    return {"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"],
            "axes.unicode_minus": False, "font.size": 9, "svg.fonttype": "path"}


def _png(fig: Any) -> bytes:
    """The figure as PNG, cropped to what is drawn plus a white margin of ``PAD_INCHES`` (as
    ``savefig(..., bbox_inches="tight")``), but drawn once: savefig lays the figure out again,
    draws it without rendering to measure every text, then draws it a third time at the cropped
    size, each time on a new full-size raster. Here the figure is made at the output resolution
    (``DPI``) so that ``tight_layout`` and the drawing share one renderer, and the crop is found
    in the pixels. White, no alpha channel."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    dpi = round(fig.dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    ink = pixels.view(np.uint32)[:, :, 0] != np.frombuffer(b"\xff" * 4, np.uint32)[0]   # not opaque white
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    buf = io.BytesIO()
    height, width = ink.shape
    if not rows.size or rows[0] == 0 or cols[0] == 0 or rows[-1] == height - 1 or cols[-1] == width - 1:
        # drawn up to the edge, maybe beyond: let savefig measure and grow the figure
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=PAD_INCHES, facecolor="white")
        return buf.getvalue()
    pad = round(PAD_INCHES * dpi)
    top, bottom = max(0, rows[0] - pad), min(height, rows[-1] + 1 + pad)
    left, right = max(0, cols[0] - pad), min(width, cols[-1] + 1 + pad)
    # zlib level 3: a third faster than the default 6 on these images, 3 % larger
    Image.fromarray(pixels[top:bottom, left:right], "RGBA").convert("RGB").save(
        buf, format="png", dpi=(dpi, dpi), compress_level=3)
    return buf.getvalue()


def x_limits(bars: Sequence[Bar], reference: Decimal | None = None) -> tuple[float, float]:
    """The value axis that shows every bar, its label, its target tick and the reference line."""
    values = [float(b.value) for b in bars]
    span = max([abs(v) for v in values] + [float(reference or 0)] +
               [abs(float(b.marker)) for b in bars if b.marker is not None] + [1.0])
    low = min(values + [0.0])
    return (low * 1.15 if low < 0 else 0.0, span * HEADROOM)


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "%", reference: Decimal | None = None,
              reference_label: str | None = None, font: str | None = None,
              limits: tuple[float, float] | None = None) -> bytes:
    """A horizontal bar chart (first bar on top) with an optional vertical reference line
    (序时进度) and per-bar target ticks. Values are labelled exactly as stored. ``limits``: the
    value axis (default :func:`x_limits` of ``bars``; the parts of a long list share one). The last
    few charts are kept (the same data drawn again, e.g. a report downloaded twice, is not redrawn)."""
    # the key holds the numbers as written: Decimal("50") == Decimal("50.0"), their labels differ
    key = tuple((b.label, str(b.value), None if b.marker is None else str(b.marker), b.bad) for b in bars)
    return _bar_chart(key, title, unit, None if reference is None else str(reference), reference_label,
                      font or cjk_font()[0], limits or x_limits(bars, reference))


@lru_cache(maxsize=16)
def _bar_chart(key: tuple[tuple[str, str, str | None, bool], ...], title: str, unit: str, reference_text: str | None,
               reference_label: str | None, family: str, limits: tuple[float, float]) -> bytes:
    lasting_font_cache()
    import matplotlib
    from matplotlib.figure import Figure

    bars = [Bar(label, Decimal(value), _dec(marker), bad) for label, value, marker, bad in key]
    reference = _dec(reference_text)
    with matplotlib.rc_context(_style(family)):
        fig = Figure(figsize=(6.0, 1.0 + 0.32 * max(len(bars), 1)), dpi=DPI, facecolor="white")
        ax = fig.add_subplot(1, 1, 1)
        top_down = list(bars)[::-1]
        values = [float(b.value) for b in top_down]
        ypos = list(range(len(bars)))
        ax.barh(ypos, values, color=[BAD if b.bad else BAR for b in top_down], height=0.6)
        ax.set_yticks(ypos, [b.label for b in top_down])
        span = limits[1] / HEADROOM   # the span x_limits measured
        _label_bars(ax, top_down, ypos, span, unit)
        _legend(ax, bars, reference, reference_label, unit)
        ax.set_xlim(*limits)
        ax.set_xlabel(unit)
        # Placed where matplotlib would put them anyway (the x axis is at the bottom, the y axis
        # has no label): left automatic, matplotlib measures every y tick label again for each
        # of them, on every layout pass and draw — most of the drawing time of a long chart.
        ax.set_title(title, fontsize=10, y=1.0)
        ax.yaxis.set_label_coords(-0.1, 0.5)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        return _png(fig)


def _label_bars(ax: Any, bars: Sequence[Bar], ypos: list[int], span: float, unit: str) -> None:
    """Each bar's value as stored at its end, and its target as a tick across it."""
    for y, b in zip(ypos, bars, strict=True):
        x = float(b.value)
        ax.text(x + (span * 0.01 if x >= 0 else -span * 0.01), y, f"{format(b.value, 'f')}{unit}", va="center",
                ha="left" if x >= 0 else "right", fontsize=8)
        if b.marker is not None:
            ax.plot([float(b.marker)] * 2, [y - 0.38, y + 0.38], color=TARGET, linewidth=2)


def _legend(ax: Any, bars: Sequence[Bar], reference: Decimal | None, reference_label: str | None,
            unit: str) -> None:
    from matplotlib.lines import Line2D

    handles = []
    if reference is not None:
        ax.axvline(float(reference), color=LINE, linestyle="--", linewidth=1)
        handles.append(Line2D([0], [0], color=LINE, linestyle="--",
                              label=reference_label or f"序时进度 {format(reference, 'f')}{unit}"))
    if any(b.marker is not None for b in bars):
        handles.append(Line2D([0], [0], color=TARGET, linewidth=2, label="目标"))
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)


def text_sample(text: str, *, font: str | None = None, size: int = 24) -> bytes:
    """``text`` drawn alone (used to check that a font really has the glyphs)."""
    lasting_font_cache()
    import matplotlib
    from matplotlib.figure import Figure

    family = font or cjk_font()[0]
    with matplotlib.rc_context(_style(family)):
        fig = Figure(figsize=(0.3 * len(text) + 0.5, 0.6))
        fig.text(0.05, 0.3, text, fontsize=size)
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100, facecolor="white")
        return buf.getvalue()


# --------------------------------------------------------------------------- report charts


def _dec(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def indicator_bars(context: Any) -> list[Bar]:
    """Completion (%) of indicators with an annual target, or as stated (占年度计划)."""
    bars = []
    for f in context.facts:
        value = _dec(f.completion) if f.completion is not None else (
            _dec(f.plan_completion) if f.headline else None)
        if value is None:
            continue
        bars.append(Bar(f.name, value, bad=f.lagging))
    return bars


def project_bars(context: Any) -> list[Bar]:
    return [Bar(p.name, Decimal(p.stated_completion), bad=not p.ahead)
            for p in context.projects if p.stated_completion is not None]


def growth_bars(context: Any) -> list[Bar]:
    """Growth (%) of the headline indicators, with the target growth where the plan sets one."""
    bars = []
    for f in context.headline:
        if f.growth is None:
            continue
        value = Decimal(f.growth) * (-1 if f.growth_word == "下降" else 1)
        marker = _dec(f.target_growth)
        bars.append(Bar(f.name, value, marker, bad=f.lagging))
    return bars


def _bars(context: Any, key: str) -> list[Bar]:
    return {"indicators": indicator_bars, "projects": project_bars, "growth": growth_bars}[key](context)


def available(context: Any) -> list[tuple[str, str]]:
    """(key, title) of the charts the data supports, in report order; a list longer than
    ``BARS_PER_CHART`` gives parts ``key-2``, ``key-3`` … titled （续）."""
    out = []
    for key in ("indicators", "projects", "growth"):
        bars = _bars(context, key)
        if not bars:
            continue
        title = _title(key, bars)
        out.append((key, title))
        parts = -(-len(bars) // BARS_PER_CHART)
        out.extend((f"{key}-{part}", f"{title}（续）") for part in range(2, parts + 1))
    return out


def _title(key: str, bars: Sequence[Bar]) -> str:
    if key == "growth" and not any(b.marker is not None for b in bars):
        return "主要指标增长率"
    return TITLES[key]


def render(context: Any, key: str) -> bytes:
    """PNG of chart ``key`` ("indicators", "projects", "growth", or part n ≥ 2 of one: "indicators-2")."""
    base, _, part_text = key.partition("-")
    if base not in TITLES:
        raise KeyError(key)
    part = int(part_text) if part_text else 1
    bars = _bars(context, base)
    reference = None if base == "growth" else Decimal(context.time_progress)
    shown = bars[(part - 1) * BARS_PER_CHART:part * BARS_PER_CHART]
    if not shown:
        raise KeyError(key)
    title = _title(base, bars) + ("（续）" if part > 1 else "")
    return bar_chart(shown, title=title, reference=reference, limits=x_limits(bars, reference))
