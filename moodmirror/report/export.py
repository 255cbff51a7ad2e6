"""Making the therapist report: from check-ins to an encrypted PDF file.

``build_report(checkins, period, options, password=None) -> bytes`` makes the PDF in memory
(encrypted with AES-256 when ``password`` is given). ``write_encrypted_report(path, checkins,
period, options, password=... | recipient=...)`` makes it and writes it atomically with mode
0600, either password-protected or encrypted to an age public key; it returns the number of
check-ins in the report. See :mod:`moodmirror.report` for the whole API.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from moodmirror.errors import ReportError
from moodmirror.passwords import check_new_password
from moodmirror.records import CheckIn
from moodmirror.report.age_recipient import encrypt_to_recipient, parse_recipient
from moodmirror.report.content import ReportOptions, ReportPeriod, emotion_mix, select_checkins, table_rows
from moodmirror.report.csv_table import CSV_FILENAME, table_csv
from moodmirror.storage.private_file import write_private_file

if TYPE_CHECKING:
    from moodmirror.report.document import Progress


def _check_exclusions(checkins: Sequence[CheckIn], options: ReportOptions) -> None:
    """A mistyped id would silently share an entry the user meant to keep back: refuse it."""
    unknown = sorted(options.exclude_ids - {c.id for c in checkins})
    if unknown:
        raise ReportError(f"No check-in has the id {unknown[0]} (to exclude); nothing was written.")


def build_report(
    checkins: Sequence[CheckIn],
    period: ReportPeriod,
    options: ReportOptions | None = None,
    password: str | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The report's PDF bytes for the check-ins of ``period`` (``checkins`` may hold others too).

    ReportError if an excluded id is unknown or no check-in is left to show. Nothing is
    written anywhere; the charts stay in memory. ``progress`` is told each step as it starts
    (and each check-in's notes), for a long report.
    """
    from moodmirror.insights.prompt_library import load_library
    from moodmirror.report.document import ReportContent, no_progress, render_pdf

    tell = progress or no_progress
    from moodmirror.report.pdf_encryption import encrypt_pdf
    from moodmirror.report.trend_charts import chart_sections, period_observations

    options = options or ReportOptions()
    _check_exclusions(checkins, options)
    chosen = select_checkins(checkins, period, options)
    if not chosen:
        raise ReportError(f"No check-ins from {period.title()} to report; nothing was written.")
    rows = table_rows(chosen, options.tz)
    tell("Drawing the charts", 0, 1)
    content = ReportContent(
        period=period,
        made=options.made(),
        checkins=chosen,
        rows=rows,
        mix=emotion_mix(chosen),
        observations=period_observations(chosen),
        charts=chart_sections(chosen, period, options),
        include_notes=options.include_notes,
        tz=options.tz,
        library=load_library() if options.include_notes else None,
    )
    pdf = render_pdf(content, (CSV_FILENAME, table_csv(rows)), tell)
    if password is None:
        return pdf
    tell("Encrypting", 0, 1)
    return encrypt_pdf(pdf, password)


def write_encrypted_report(
    path: Path,
    checkins: Sequence[CheckIn],
    period: ReportPeriod,
    options: ReportOptions | None = None,
    *,
    password: str | None = None,
    recipient: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the report to ``path`` (atomically, 0600) and return how many check-ins it shows.

    Give exactly one of ``password`` (at least 10 characters, else PassphraseError; the PDF
    opens with it) or ``recipient`` (an ``age1...`` public key, else ReportError; the file is
    the age-encrypted PDF). No unencrypted copy is written anywhere.
    """
    if password is not None and recipient is None:
        check_new_password(password, "report")
        data = build_report(checkins, period, options, password, progress)
    elif recipient is not None and password is None:
        parse_recipient(recipient)
        data = encrypt_to_recipient(build_report(checkins, period, options, progress=progress), recipient)
    else:
        raise ValueError("give exactly one of password or recipient")
    write_private_file(path, data)
    return len(select_checkins(checkins, period, options or ReportOptions()))
