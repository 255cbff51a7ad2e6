"""When a check-in happened: "now", or a local date and time typed by the person (back-dating).

``parse_moment("2026-11-30 21:15")`` reads a local date and time (``YYYY-MM-DD HH:MM``) in the
system's time zone (or ``tz``) and returns it timezone-aware; a moment after ``now`` is refused
with :class:`~moodmirror.errors.InvalidMoment`, so a check-in is never dated in the future. The
command line's ``checkin --at`` and the app's date/time choice both use it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from moodmirror.errors import InvalidMoment
from moodmirror.records import utc_now

MOMENT_FORMAT = "%Y-%m-%d %H:%M"


def parse_moment(text: str, now: datetime | None = None, tz: tzinfo | None = None) -> datetime:
    """``text`` (``YYYY-MM-DD HH:MM``, local time in ``tz``; None: the system's zone) as an aware datetime."""
    try:
        naive = datetime.strptime(text.strip(), MOMENT_FORMAT)
    except ValueError:
        raise InvalidMoment(f"a check-in time looks like 2026-11-30 21:15, not {text!r}") from None
    moment = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    if moment > (now or utc_now()):
        raise InvalidMoment(f"{text.strip()} is in the future; a check-in can only be dated now or earlier.")
    return moment
