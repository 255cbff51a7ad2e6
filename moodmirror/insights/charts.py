"""Mood charts as PNG (or JPEG) bytes, drawn with matplotlib's Agg backend (no display, no pyplot).

``render_chart(stats, theme="light", size_in=(6.0, 4.0), dpi=100) -> bytes`` draws a
:class:`~moodmirror.insights.trends.PeriodStats` (a week, a month or all time) as three
aligned panels sharing the day axis:

1. the self-rated mood (left scale, 1..10, solid line, round markers) and the detected
   valence (right scale, -1..1, dashed line, square markers), each with a labelled scale, and,
   where notes have a tone, the tone of the words (right scale, dotted line, triangles); days
   without a value break the line (gaps stay gaps) and only drawn lines get a legend entry;
2. the daily emotion mix as stacked bars in the fixed emotion colours of
   :mod:`moodmirror.insights.palette`, with a colour key of the emotions that appear;
3. the number of check-ins per day.

A period without check-ins draws the same axes with a friendly line ("No check-ins this week
yet"), never an error. The default size gives 600x400 px for the screen; for a printed A4 page
pass e.g. ``size_in=A4_SIZE_IN, dpi=300`` (font sizes are in points, so they print at the same
physical size). The UI turns the bytes into a texture (``kivy.core.image.Image(BytesIO(png),
ext="png")``); the PDF report embeds them directly.

matplotlib is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING, Any, Literal

from moodmirror.emotions import EMOTIONS
from moodmirror.insights.chart_labels import EMPTY_MESSAGES, period_title, x_ticks
from moodmirror.insights.palette import EMOTION_HEX, TONE_HEX, Theme
from moodmirror.insights.palette import theme as get_theme
from moodmirror.insights.trends import PeriodStats

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ImageFormat = Literal["png", "jpeg"]
JPEG_QUALITY = 90
SCREEN_SIZE_IN = (6.0, 4.0)
A4_SIZE_IN = (7.0, 4.6)

_FONT = 8.0
_SMALL = 7.0
_BAR_WIDTH = 0.8
_LONG_SPAN = 62  # more days than this: no markers, bars touch


def render_chart(
    stats: PeriodStats,
    theme: str = "light",
    size_in: tuple[float, float] = SCREEN_SIZE_IN,
    dpi: float = 100,
    image_format: ImageFormat = "png",
    fonts: tuple[str, ...] = (),
) -> bytes:
    """Draw ``stats`` as PNG (or JPEG) bytes of ``size_in`` inches at ``dpi`` (6x4 in, 100 dpi: 600x400 px).

    ``fonts`` are the TrueType files of one family (e.g. regular and bold) to write every text in
    (the app passes its own); without them matplotlib's default font is used.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(build_figure(stats, get_theme(theme), size_in, dpi, fonts))
    out = BytesIO()
    if image_format == "jpeg":
        canvas.print_jpg(out, pil_kwargs={"quality": JPEG_QUALITY})
    else:
        canvas.print_png(out, pil_kwargs={"compress_level": 3})
    return out.getvalue()


def dpi_for_label_px(px: float) -> float:
    """The dpi at which the chart's axis titles come out ``px`` pixels tall (to match a UI's text size)."""
    return px * 72 / _FONT


def build_figure(
    stats: PeriodStats, colors: Theme, size_in: tuple[float, float], dpi: float, fonts: tuple[str, ...] = ()
) -> Figure:
    """The chart as a matplotlib Figure (for callers that want another output format)."""
    from matplotlib.figure import Figure

    width, height = size_in
    figure = Figure(figsize=size_in, dpi=dpi, facecolor=colors.background)
    grid = figure.add_gridspec(
        3,
        1,
        height_ratios=(3.0, 2.0, 1.0),
        left=0.55 / width,
        right=1 - 0.55 / width,
        top=1 - 0.62 / height,
        bottom=0.78 / height,
        hspace=0.18,
    )
    mood_ax = figure.add_subplot(grid[0])
    mix_ax = figure.add_subplot(grid[1], sharex=mood_ax)
    count_ax = figure.add_subplot(grid[2], sharex=mood_ax)
    for ax in (mood_ax, mix_ax, count_ax):
        _style(ax, colors)
    n = len(stats.days)
    mood_ax.set_xlim(-0.5, n - 0.5)

    figure.text(
        0.55 / width,
        1 - 0.12 / height,
        period_title(stats),
        color=colors.text,
        fontsize=_FONT + 2,
        fontweight="bold",
        va="top",
    )
    _draw_mood(mood_ax, stats, colors)
    _draw_mix(mix_ax, stats, colors)
    _draw_counts(count_ax, stats, colors)
    _draw_legend(figure, stats, colors)
    if stats.empty:
        mood_ax.text(
            0.5,
            0.5,
            EMPTY_MESSAGES[stats.kind],
            transform=mood_ax.transAxes,
            ha="center",
            va="center",
            fontsize=_FONT + 3,
            color=colors.muted,
        )

    ticks = x_ticks(stats)
    count_ax.set_xticks([i for i, _ in ticks], [label for _, label in ticks])
    for ax in (mood_ax, mix_ax):
        ax.tick_params(labelbottom=False)
    figure.align_ylabels((mood_ax, mix_ax, count_ax))
    if fonts:
        use_font(figure, font_family(fonts))
    return figure


@cache
def font_family(files: tuple[str, ...]) -> str:
    """Make the font ``files`` known to matplotlib (once) and return the family name of the first."""
    from matplotlib import font_manager

    for path in files:
        font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=files[0]).get_name()


def use_font(figure: Figure, family: str) -> None:
    from matplotlib.text import Text

    for text in figure.findobj(Text):
        text.set_fontfamily(family)
    for ax in figure.axes:
        ax.tick_params(labelfontfamily=family)  # also ticks made later, at draw time


def _style(ax: Axes, colors: Theme) -> None:
    ax.set_facecolor(colors.background)
    for side, spine in ax.spines.items():
        spine.set_visible(side in ("left", "bottom", "right"))
        spine.set_color(colors.grid)
    ax.tick_params(colors=colors.muted, labelcolor=colors.text, labelsize=_SMALL, length=2)
    ax.grid(axis="y", color=colors.grid, linewidth=0.6)
    ax.set_axisbelow(True)


def _line_style(n: int, marker: str) -> dict[str, Any]:
    return {"marker": marker if n <= _LONG_SPAN else "", "markersize": 4, "linewidth": 1.6 if n <= _LONG_SPAN else 1.0}


def _draw_mood(ax: Axes, stats: PeriodStats, colors: Theme) -> None:
    n = len(stats.days)
    ax.set_ylim(0.5, 10.5)
    ax.set_yticks((1, 4, 7, 10))
    ax.set_ylabel("Mood (1–10)", color=colors.mood, fontsize=_FONT)
    valence_ax = ax.twinx()
    valence_ax.set_ylim(-1.1, 1.1)
    valence_ax.set_yticks((-1, 0, 1), ("−1", "0", "+1"))
    valence_ax.set_ylabel("Valence (−1 to +1)", color=colors.valence, fontsize=_FONT)
    valence_ax.tick_params(colors=colors.muted, labelcolor=colors.text, labelsize=_SMALL, length=2)
    valence_ax.spines[:].set_visible(False)

    series = (
        (ax, "mood", colors.mood, "-", "o", "Mood you rated"),
        (valence_ax, "valence", colors.valence, "--", "s", "Detected valence"),
        (valence_ax, "tone", TONE_HEX, ":", "^", "Tone of your words"),
    )
    for axes, field, color, linestyle, marker, label in series:
        values = [getattr(d, field) for d in stats.days]
        if any(v is not None for v in values):
            axes.plot(
                range(n),
                [math.nan if v is None else v for v in values],  # NaN breaks the line: gaps stay gaps
                color=color,
                linestyle=linestyle,
                label=label,
                **_line_style(n, marker),
            )
    handles = ax.get_lines() + valence_ax.get_lines()
    if not handles:
        return
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, 1.22),
        ncols=len(handles),
        frameon=False,
        fontsize=_SMALL,
        borderaxespad=0.0,
        handlelength=2.2,
    )
    for text in legend.get_texts():
        text.set_color(colors.text)


def _bars(
    ax: Axes, x: Sequence[int], bottoms: Sequence[float], tops: Sequence[float], color: str, width: float
) -> None:
    """Rectangles from bottom to top at each x, as one collection (much faster than ax.bar)."""
    from matplotlib.collections import PolyCollection

    half = width / 2
    verts = [
        ((i - half, b), (i - half, t), (i + half, t), (i + half, b)) for i, b, t in zip(x, bottoms, tops, strict=True)
    ]
    ax.add_collection(PolyCollection(verts, facecolors=color, linewidths=0, antialiaseds=False))


def _draw_mix(ax: Axes, stats: PeriodStats, colors: Theme) -> None:
    width = _BAR_WIDTH if len(stats.days) <= _LONG_SPAN else 1.0
    ax.set_ylim(0, 1)
    ax.set_yticks((0, 0.5, 1), ("0%", "50%", "100%"))
    ax.set_ylabel("Emotion mix", color=colors.text, fontsize=_FONT)
    days = [(i, d.emotions) for i, d in enumerate(stats.days) if d.emotions]
    x = [i for i, _ in days]
    bottoms = [0.0] * len(days)
    for emotion in EMOTIONS:
        tops = [b + mix[emotion] for b, (_, mix) in zip(bottoms, days, strict=True)]
        _bars(ax, x, bottoms, tops, EMOTION_HEX[emotion], width)
        bottoms = tops
    if not days and not stats.empty:
        ax.text(
            0.5,
            0.5,
            "No camera check-ins in this period",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=_SMALL,
            color=colors.muted,
        )


def _draw_counts(ax: Axes, stats: PeriodStats, colors: Theme) -> None:
    width = _BAR_WIDTH if len(stats.days) <= _LONG_SPAN else 1.0
    counts = [(i, d.checkins) for i, d in enumerate(stats.days) if d.checkins]
    top = max((c for _, c in counts), default=1)
    ax.set_ylim(0, top * 1.15)
    ax.set_yticks((0, top))
    ax.set_ylabel("Check-ins", color=colors.text, fontsize=_FONT)
    _bars(ax, [i for i, _ in counts], [0.0] * len(counts), [c for _, c in counts], colors.muted, width)


def _draw_legend(figure: Figure, stats: PeriodStats, colors: Theme) -> None:
    """The colour key of the emotions that appear in the period (none: no key)."""
    from matplotlib.patches import Patch

    shown = [e for e in EMOTIONS if any(d.emotions and d.emotions[e] > 0 for d in stats.days)]
    if not shown:
        return
    handles = [Patch(facecolor=EMOTION_HEX[e], label=e) for e in shown]
    legend = figure.legend(
        handles=handles,
        loc="lower center",
        ncols=len(shown),
        frameon=False,
        fontsize=_SMALL,
        handlelength=1.0,
        columnspacing=1.0,
        borderaxespad=0.2,
    )
    for text in legend.get_texts():
        text.set_color(colors.text)
