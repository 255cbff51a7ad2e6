"""The ``chart`` command: draw a week, a month, all time or a year in pixels as a PNG or JPEG file.

``moodmirror chart [--week YYYY-Www | --month YYYY-MM | --all] [--theme light|dark] --out FILE.png
[--force]`` unlocks the journal, draws the period (default: the current week, with the
journal's week start) in the journal's theme unless ``--theme`` is given, and writes a
600x400 px image that only its owner can read (mode 0600, written atomically: the chart shows
moods and emotions). The image format follows the extension (``.png``, ``.jpg`` or ``.jpeg``;
others are refused). Damaged check-ins are left out of the chart and named. ``--year YYYY``
draws the year in pixels instead (:mod:`moodmirror.insights.year_chart`, 900x260 px): one
square per day, coloured by the day's mean mood.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from moodmirror.cli.arguments import add_force_argument, output_file, period_argument
from moodmirror.cli.journal import warn_damaged
from moodmirror.cli.passphrase import unlock_vault
from moodmirror.errors import UsageError
from moodmirror.insights.palette import THEMES
from moodmirror.insights.periods import Month, Week, check_week_start
from moodmirror.insights.trends import PeriodStats, all_time_stats, month_stats, today, week_stats

if TYPE_CHECKING:
    from moodmirror.insights.charts import ImageFormat
    from moodmirror.records import CheckIn

IMAGE_FORMATS: dict[str, ImageFormat] = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
"""The image format for each ``--out`` extension the chart command accepts."""


def year_value(text: str) -> int:
    """argparse type for ``--year``: a four-digit year."""
    if not (len(text) == 4 and text.isdigit() and int(text) >= 1):
        raise argparse.ArgumentTypeError(f"a year looks like 2026, not {text!r}")
    return int(text)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chart`` command to the root parser."""
    chart = subparsers.add_parser(
        "chart",
        help="draw your mood chart as a PNG image",
        description="Draw mood, detected valence, emotion mix and check-ins for a week (default: this week), "
        "a month or all time, as a PNG image.",
    )
    period = chart.add_mutually_exclusive_group()
    period.add_argument(
        "--week", type=period_argument(Week.parse), metavar="YYYY-Www", help="an ISO week, e.g. 2026-W48"
    )
    period.add_argument("--month", type=period_argument(Month.parse), metavar="YYYY-MM", help="a month, e.g. 2026-11")
    period.add_argument("--all", dest="all_time", action="store_true", help="everything from the first check-in")
    period.add_argument("--year", type=year_value, metavar="YYYY", help="the year in pixels: one square per day")
    chart.add_argument("--theme", choices=tuple(THEMES), help="colours (default: the journal's setting)")
    chart.add_argument(
        "--out", type=Path, required=True, metavar="FILE.png", help="where to write the image (.png, .jpg or .jpeg)"
    )
    add_force_argument(chart)
    chart.set_defaults(run=run_chart)


def run_chart(args: argparse.Namespace) -> int:
    from moodmirror.insights.charts import render_chart
    from moodmirror.journal import read_checkins
    from moodmirror.storage.private_file import write_private_file

    out = output_file(args)
    image_format = IMAGE_FORMATS.get(out.suffix.lower())
    if image_format is None:
        raise UsageError(
            f"Charts are written as .png, .jpg or .jpeg files, not {out.suffix or 'without an extension'}."
        )
    with unlock_vault(args.data_dir) as vault:
        settings = vault.load_settings()
        readable = read_checkins(vault)
    checkins = readable.checkins
    theme = args.theme or (settings.theme if settings.theme in THEMES else "light")
    if args.year is not None:
        _write_year(args.year, out, checkins, theme, image_format)
        return warn_damaged(readable.damaged, "the chart")
    stats: PeriodStats
    if args.all_time:
        stats = all_time_stats(checkins)
    elif args.month is not None:
        stats = month_stats(checkins, args.month)
    else:
        week_start = check_week_start(settings.week_start)
        stats = week_stats(checkins, args.week or Week.containing(today(), week_start), week_start)
    write_private_file(out, render_chart(stats, theme=theme, image_format=image_format))
    print(f"Wrote {out}: {stats.label}, {stats.checkins} check-in{'s' if stats.checkins != 1 else ''}.")
    return warn_damaged(readable.damaged, "the chart")


def _write_year(year: int, out: Path, checkins: list[CheckIn], theme: str, image_format: ImageFormat) -> None:
    from moodmirror.insights.year import year_pixels
    from moodmirror.insights.year_chart import render_year
    from moodmirror.storage.private_file import write_private_file

    pixels = year_pixels(checkins, year)
    write_private_file(out, render_year(pixels, theme=theme, image_format=image_format))
    days = pixels.days_with_entries
    print(f"Wrote {out}: {year} in pixels, {days} day{'s' if days != 1 else ''} with a check-in.")
