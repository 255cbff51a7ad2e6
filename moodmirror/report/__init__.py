"""The therapist report: the journal as an encrypted PDF for a therapist (backups: :mod:`moodmirror.backup`).

Importing this package costs nothing; import the module you need (fpdf2, matplotlib and
pyrage are loaded only when a report is made). The CLI (``moodmirror export``) and the app's
Export screen call the same functions:

Therapist report (``moodmirror.report.export``, ``moodmirror.report.content``)::

    from moodmirror.report.content import ReportOptions, ReportPeriod
    from moodmirror.report.export import build_report, write_encrypted_report

    period = ReportPeriod(date(2026, 1, 1), date(2026, 3, 31))      # local days, inclusive
    # or ReportPeriod.covering(checkins, today); moodmirror.report.dates gives the presets
    # (preset_period) and typed days (typed_period("2026-01-01", "", checkins, today))
    options = ReportOptions(include_notes=False, exclude_ids=frozenset({"<check-in id>"}))
    count = write_encrypted_report(path, vault.list_checkins(), period, options, password="...")
    count = write_encrypted_report(path, vault.list_checkins(), period, options, recipient="age1...")
    pdf_bytes = build_report(checkins, period, options, password=None)   # in memory only

``write_encrypted_report`` writes atomically with mode 0600 and nothing else anywhere; it
raises PassphraseError (password under 10 characters: :func:`moodmirror.passwords.
check_new_password` checks one as the user types), ReportError (no check-in in the period,
an unknown excluded id, a bad age recipient), InvalidPeriod, or StorageError. Excluded
check-ins are left out of everything in the report. It takes a few seconds for a year: run it
off the UI thread.

Modules: ``content`` (period, options, table rows, emotion mix), ``dates`` (the period a user
asks for: presets or typed days), ``trend_charts``, ``fonts``, ``document`` (PDF layout),
``csv_table``, ``export``, ``age_recipient``, ``protection`` (file names and how a report
opens: password or age key). The rule for report passwords is :mod:`moodmirror.passwords`.
"""
