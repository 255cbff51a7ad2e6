"""Commands that look across the journal: ``search`` and ``insights``.

- ``moodmirror search TEXT [--json]``: check-ins whose note, tags or reflection answers hold
  every word of TEXT, ignoring case and accents; searched in memory after unlock
  (:mod:`moodmirror.insights.search`), never through an index on disk.
- ``moodmirror insights [--month YYYY-MM | --all] [--json]``: what goes with your mood
  (:mod:`moodmirror.insights.effects`): the mean mood on days with each tag against days
  without, and the same for weekdays and times of day, with counts; "too few to tell" where a
  side has fewer than the minimum. Default: all check-ins.
"""

from __future__ import annotations

import argparse
import json

from moodmirror.cli.arguments import period_argument
from moodmirror.cli.journal import _inert, format_checkin, warn_damaged
from moodmirror.cli.passphrase import unlock_vault
from moodmirror.insights.periods import Month


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``search`` and ``insights`` to the root parser."""
    search = subparsers.add_parser(
        "search",
        help="find check-ins by words in notes, tags and reflections",
        description="Find check-ins whose note, tags or reflection answers hold every word of TEXT "
        "(case and accents ignored). Searched in memory; nothing is written.",
    )
    search.add_argument("text", metavar="TEXT", help="the words to find")
    search.add_argument("--json", action="store_true", help="the matching check-ins and where they matched, as JSON")
    search.set_defaults(run=run_search)

    insights = subparsers.add_parser(
        "insights",
        help="what goes with your mood: tags, weekdays, times of day",
        description="Mean mood on days with each tag against days without, and by weekday and time of day. "
        "An association in your own entries, not a cause.",
    )
    period = insights.add_mutually_exclusive_group()
    period.add_argument("--month", type=period_argument(Month.parse), metavar="YYYY-MM", help="only this month")
    period.add_argument("--all", dest="all_time", action="store_true", help="every check-in (the default)")
    insights.add_argument("--json", action="store_true", help="every comparison, as JSON")
    insights.set_defaults(run=run_insights)


def run_search(args: argparse.Namespace) -> int:
    from moodmirror.insights.search import SearchIndex
    from moodmirror.journal import read_checkins

    with unlock_vault(args.data_dir) as vault:
        readable = read_checkins(vault)
    hits = SearchIndex(readable.checkins).search(args.text)
    if args.json:
        rows = [
            {"matched_in": list(hit.fields), "excerpt": hit.excerpt, "checkin": hit.checkin.to_dict()} for hit in hits
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif hits:
        for hit in hits:
            print(format_checkin(hit.checkin))
            print(_inert(f"    in {', '.join(hit.fields)}: {hit.excerpt}"))
        print(f"{len(hits)} check-in{'s' if len(hits) != 1 else ''} found.")
    else:
        print(f"No check-in holds {args.text!r}.")
    return warn_damaged(readable.damaged, "the search")


def run_insights(args: argparse.Namespace) -> int:
    from moodmirror.insights.effects import CAVEAT, MIN_COUNT, mood_effects
    from moodmirror.insights.trends import local_day
    from moodmirror.journal import read_checkins

    with unlock_vault(args.data_dir) as vault:
        readable = read_checkins(vault)
    checkins = readable.checkins
    if args.month is not None:
        checkins = [c for c in checkins if Month.containing(local_day(c.created_at)) == args.month]
    effects = mood_effects(checkins)
    if args.json:
        print(json.dumps({"period": str(args.month or "all"), **effects.to_dict()}, indent=2, ensure_ascii=False))
        return warn_damaged(readable.damaged, "the insights")
    where = f"in {args.month}" if args.month else "over all your check-ins"
    print(f"What goes with your mood {where} ({effects.checkins} check-ins on {effects.days} days).")
    print(f"Mood difference on days with against days without (at least {MIN_COUNT} on each side to tell):")
    sections = (("Tags", effects.tags), ("Weekdays", effects.weekdays), ("Time of day", effects.times_of_day))
    for title, items in sections:
        print(f"{title}:")
        for effect in items:
            print(_inert("  " + effect.describe()))
        if not items:
            print("  none yet")
    print(CAVEAT)
    return warn_damaged(readable.damaged, "the insights")
