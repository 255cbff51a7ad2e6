"""How a report file is protected, and what that means for its name and for opening it.

A report opens with a report password (an AES-256 PDF, ``.pdf``) or with the private key of a
clinician's age public key (the binary age format around the PDF, ``.pdf.age``). The CLI and
the app's Export screen share these words and names:

- :func:`report_file_name`: the default name, e.g. ``moodmirror-report-2026-11-30.pdf.age``;
- :func:`fit_name`: a chosen name changed to fit the protection (``report.pdf`` becomes
  ``report.pdf.age`` and back);
- :func:`how_it_opens`: the words that say, after writing, how the file opens.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

PDF_SUFFIX = ".pdf"
AGE_SUFFIX = ".age"


def fit_name(name: str, to_key: bool) -> str:
    """``name`` with ``.age`` after ``.pdf`` when the report is for an age key, without it otherwise."""
    if to_key and name.endswith(PDF_SUFFIX):
        return name + AGE_SUFFIX
    if not to_key and name.endswith(PDF_SUFFIX + AGE_SUFFIX):
        return name.removesuffix(AGE_SUFFIX)
    return name


def report_file_name(today: date, to_key: bool) -> str:
    """``moodmirror-report-YYYY-MM-DD.pdf``, or ``.pdf.age`` for a report encrypted to an age key."""
    return fit_name(f"moodmirror-report-{today.isoformat()}{PDF_SUFFIX}", to_key)


def how_it_opens(path: Path, recipient: str | None) -> str:
    """E.g. ``it opens with the report password (AES-256)``, or how the age key's holder opens it."""
    if recipient is None:
        return "it opens with the report password (AES-256)"
    return f"encrypted to {recipient.strip()[:12]}…; open it with `age -d -i KEYFILE {path}`"
