"""The year in pixels as PNG (or JPEG) bytes, drawn with matplotlib's Agg backend.

``render_year(pixels, theme="light") -> bytes`` draws :class:`~moodmirror.insights.year.YearPixels`
as squares in week columns (Monday at the top), coloured by the day's mean mood on the
colour-blind-safe scale of :mod:`moodmirror.insights.palette`; a day without a check-in is the
theme's "no entry" colour with a ring. Month names run along the top, weekday names down the
left, and a key below shows the scale from 1 to 10 and the "no entry" square. 900x260 px.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from moodmirror.insights.palette import MOOD_SCALE_HEX, NO_ENTRY_HEX, Theme, mood_hex
from moodmirror.insights.palette import theme as get_theme
from moodmirror.insights.year import YearPixels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from moodmirror.insights.charts import ImageFormat

YEAR_FONT_PT = 7.5
"""The size of the weekday, month and key labels (the title is 2.5 pt larger)."""

YEAR_SIZE_IN = (9.0, 2.6)
_AXES = (0.05, 0.04, 0.94, 0.78)  # where the squares go, as fractions of the figure
_MAX_COLUMNS = 54  # a year touches at most 54 week columns
_CELL = 0.84
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def largest_label_px(width_px: float) -> float:
    """The tallest labels (font size in pixels) a year ``width_px`` wide takes without weekday
    names running into each other: a little under one square's pitch."""
    return width_px * _AXES[2] / (_MAX_COLUMNS + 1) / 1.2


def _square(x: float, y: float) -> tuple[tuple[float, float], ...]:
    half = _CELL / 2
    return ((x - half, y - half), (x - half, y + half), (x + half, y + half), (x + half, y - half))


def _draw_key(ax: Axes, colors: Theme, no_entry: str, columns: int) -> None:
    from matplotlib.collections import PolyCollection

    y = 8.4
    start = columns - len(MOOD_SCALE_HEX) - 8.0
    squares = [_square(start + i, y) for i in range(len(MOOD_SCALE_HEX))]
    ax.add_collection(PolyCollection(squares, facecolors=MOOD_SCALE_HEX, linewidths=0))
    ax.text(start - 0.8, y, "mood 1", ha="right", va="center", fontsize=YEAR_FONT_PT, color=colors.text)
    ax.text(
        start + len(MOOD_SCALE_HEX) - 0.2, y, "10", ha="left", va="center", fontsize=YEAR_FONT_PT, color=colors.text
    )
    empty = start + len(MOOD_SCALE_HEX) + 2.2
    ax.add_collection(PolyCollection([_square(empty, y)], facecolors=no_entry, edgecolors=colors.muted, linewidths=0.6))
    ax.text(empty + 0.8, y, "no entry", ha="left", va="center", fontsize=YEAR_FONT_PT, color=colors.text)


def render_year(
    pixels: YearPixels,
    theme: str = "light",
    size_in: tuple[float, float] = YEAR_SIZE_IN,
    dpi: float = 100,
    image_format: ImageFormat = "png",
    fonts: tuple[str, ...] = (),
    caption: bool = True,
) -> bytes:
    """Draw the year as image bytes (default 9x2.6 in at 100 dpi: 900x260 px).

    ``fonts`` are the TrueType files of one family to write every text in (e.g. the app's);
    ``caption`` adds the count of days with a check-in at the top right (a screen that says it
    in its own words leaves it out).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    from moodmirror.insights.charts import font_family, use_font

    colors = get_theme(theme)
    no_entry = NO_ENTRY_HEX[colors.name]
    figure = Figure(figsize=size_in, dpi=dpi, facecolor=colors.background)
    ax = figure.add_axes(_AXES)
    ax.set_facecolor(colors.background)
    ax.set_axis_off()
    columns = pixels.columns
    ax.set_xlim(-1.0, columns)
    ax.set_ylim(9.2, -1.2)
    ax.set_aspect("equal")

    filled = [cell for cell in pixels.cells if cell.mood is not None]
    empty = [cell for cell in pixels.cells if cell.mood is None]
    ax.add_collection(
        PolyCollection(
            [_square(c.column, c.row) for c in filled], facecolors=[mood_hex(c.mood or 0) for c in filled], linewidths=0
        )
    )
    ax.add_collection(
        PolyCollection(
            [_square(c.column, c.row) for c in empty], facecolors=no_entry, edgecolors=colors.grid, linewidths=0.5
        )
    )
    for row, name in enumerate(_WEEKDAYS):
        ax.text(-0.8, row, name, ha="right", va="center", fontsize=YEAR_FONT_PT, color=colors.text)
    for cell in pixels.cells:
        if cell.day.day == 1:
            ax.text(cell.column - 0.4, -0.9, _MONTHS[cell.day.month - 1], ha="left", va="bottom", fontsize=YEAR_FONT_PT,
                    color=colors.text)  # fmt: skip
    _draw_key(ax, colors, no_entry, columns)
    days = pixels.days_with_entries
    figure.text(0.05, 0.96, f"{pixels.year}: your mood, day by day", color=colors.text, fontsize=YEAR_FONT_PT + 2.5,
                fontweight="bold", va="top")  # fmt: skip
    if caption:
        figure.text(0.99, 0.96, f"{days} day{'s' if days != 1 else ''} with a check-in (a day's colour is its mean mood)",
                    color=colors.muted, fontsize=YEAR_FONT_PT, ha="right", va="top")  # fmt: skip
    if fonts:
        use_font(figure, font_family(fonts))

    canvas = FigureCanvasAgg(figure)
    out = BytesIO()
    if image_format == "jpeg":
        canvas.print_jpg(out, pil_kwargs={"quality": 90})
    else:
        canvas.print_png(out, pil_kwargs={"compress_level": 3})
    return out.getvalue()
