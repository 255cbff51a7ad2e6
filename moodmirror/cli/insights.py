"""The ``chart`` command: draw a week, a month or all time as a PNG file.

``moodmirror chart [--week YYYY-Www | --month YYYY-MM | --all] [--theme light|dark] --out FILE.png``
unlocks the journal, draws the period (default: the current week, with the journal's week
start) in the journal's theme unless ``--theme`` is given, and writes a 600x400 px PNG that
only its owner can read (mode 0600, written atomically: the chart shows moods and emotions).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moodmirror.cli.arguments import period_argument
from moodmirror.cli.passphrase import unlock_vault
from moodmirror.insights.palette import THEMES
from moodmirror.insights.periods import Month, Week, check_week_start
from moodmirror.insights.trends import PeriodStats, all_time_stats, month_stats, today, week_stats

def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chart`` command to the root parser."""
    chart = subparsers.add_parser(
        "chart",
        help="draw your mood chart as a PNG image",
        description="Draw mood, detected valence, emotion mix and check-ins for a week (default: this week), "
        "a month or all time, as a PNG image.",
    )
    period = chart.add_mutually_exclusive_group()
    period.add_argument("--week", type=period_argument(Week.parse), metavar="YYYY-Www", help="an ISO week, e.g. 2026-W48")
    period.add_argument("--month", type=period_argument(Month.parse), metavar="YYYY-MM", help="a month, e.g. 2026-11")
    period.add_argument("--all", dest="all_time", action="store_true", help="everything from the first check-in")
    chart.add_argument("--theme", choices=tuple(THEMES), help="colours (default: the journal's setting)")
    chart.add_argument("--out", type=Path, required=True, metavar="FILE.png", help="where to write the image")
    chart.set_defaults(run=run_chart)


def run_chart(args: argparse.Namespace) -> int:
    from moodmirror.insights.charts import render_chart
    from moodmirror.storage.private_file import write_private_file

    with unlock_vault(args.data_dir) as vault:
        settings = vault.load_settings()
        checkins = vault.list_checkins()
    stats: PeriodStats
    if args.all_time:
        stats = all_time_stats(checkins)
    elif args.month is not None:
        stats = month_stats(checkins, args.month)
    else:
        week_start = check_week_start(settings.week_start)
        stats = week_stats(checkins, args.week or Week.containing(today(), week_start), week_start)
    theme = args.theme or (settings.theme if settings.theme in THEMES else "light")
    write_private_file(args.out, render_chart(stats, theme=theme))
    print(f"Wrote {args.out}: {stats.label}, {stats.checkins} check-in{'s' if stats.checkins != 1 else ''}.")
    return 0
