"""The daily check-in reminder: a systemd user timer that runs ``moodmirror remind``.

On Linux, :func:`set_reminder` writes ``moodmirror-reminder.service`` and
``moodmirror-reminder.timer`` into the systemd user folder (``$XDG_CONFIG_HOME/systemd/user``,
else ``~/.config/systemd/user``) and starts the timer with ``systemctl --user``, so the reminder
comes while the app is closed; :func:`remove_reminder` stops and deletes them (delete-all-data
destroys them with the journal's other files, after :func:`stop_reminder`); :func:`reminder_time` reads the time back from the timer. A reminder belongs to one
journal (its data folder is named in the timer), so wiping another journal leaves it alone and
a reminder for a journal that is gone stays silent. The journal stays locked: the reminder
knows nothing of your check-ins, only its time and folder, the one thing kept outside the vault. :func:`notify` shows the reminder through the desktop's notifications
(``notify-send``). Other systems are refused with a clear message; the README says how to set
a reminder there by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from moodmirror.errors import ReminderError

TIMER = "moodmirror-reminder.timer"
SERVICE = "moodmirror-reminder.service"
MESSAGE = "A minute for yourself? Your check-in is here whenever you want it."
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_CALENDAR_RE = re.compile(r"^OnCalendar=\*-\*-\* (\d\d):(\d\d):00$", re.MULTILINE)
_JOURNAL_RE = re.compile(r"^X-MoodMirror-Journal=(.*)$", re.MULTILINE)


def unit_dir() -> Path:
    """Where systemd looks for the user's own units."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def parse_time(text: str) -> str:
    """``"7:05"`` -> ``"07:05"``; ReminderError for anything that is not a time of day."""
    match = _TIME_RE.match(text.strip())
    if not match:
        raise ReminderError(f"A reminder time looks like 20:30, not {text!r}.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _systemctl(*args: str) -> str:
    """Run ``systemctl --user ARGS``; the problem as one line ("" when it worked)."""
    program = shutil.which("systemctl")
    if program is None:
        return "systemctl was not found"
    try:
        result = subprocess.run([program, "--user", *args], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    return "" if result.returncode == 0 else (result.stderr.strip().splitlines() or ["systemctl failed"])[-1]


def _require_linux() -> None:
    if not sys.platform.startswith("linux"):
        raise ReminderError("Daily reminders are set up by MoodMirror on Linux only; the README says how elsewhere.")


def set_reminder(at: str, data_dir: Path) -> str:
    """Remind every day at ``at`` (HH:MM, local time) of the journal in ``data_dir``; returns what was done."""
    _require_linux()
    when = parse_time(at)
    journal = data_dir.expanduser().absolute()
    folder = unit_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SERVICE).write_text(
        "[Unit]\nDescription=MoodMirror daily check-in reminder\n\n"
        f'[Service]\nType=oneshot\nExecStart="{sys.executable}" -m moodmirror remind --data-dir "{journal}"\n',
        encoding="utf-8",
    )
    (folder / TIMER).write_text(
        f"[Unit]\nDescription=MoodMirror daily check-in reminder at {when}\nX-MoodMirror-Journal={journal}\n\n"
        f"[Timer]\nOnCalendar=*-*-* {when}:00\n\n[Install]\nWantedBy=timers.target\n",
        encoding="utf-8",
    )
    problem = _systemctl("daemon-reload") or _systemctl("enable", "--now", TIMER)
    if problem:
        return (f"Reminder saved for {when} every day, but systemd did not start it ({problem}); "
                f"it starts with `systemctl --user enable --now {TIMER}`.")  # fmt: skip
    return f"You will get a gentle reminder at {when} every day, even while MoodMirror is closed."


def _timer_text(data_dir: Path) -> str | None:
    """The timer's text if there is one for the journal in ``data_dir``."""
    timer = unit_dir() / TIMER
    if not timer.is_file():
        return None
    text = timer.read_text(encoding="utf-8", errors="replace")
    journal = _JOURNAL_RE.search(text)
    return text if journal and journal.group(1) == str(data_dir.expanduser().absolute()) else None


def reminder_time(data_dir: Path) -> str | None:
    """The time (HH:MM) of the daily reminder for the journal in ``data_dir``, or None."""
    match = _CALENDAR_RE.search(_timer_text(data_dir) or "")
    return f"{match.group(1)}:{match.group(2)}" if match else None


def stop_reminder(data_dir: Path) -> list[Path]:
    """Stop the daily reminder for the journal in ``data_dir``; its unit files, left to delete (none if it has none).

    Delete them, then :func:`reload_units`.
    """
    if _timer_text(data_dir) is None:
        return []
    folder = unit_dir()
    present = [folder / name for name in (TIMER, SERVICE) if (folder / name).exists()]
    _systemctl("disable", "--now", TIMER)
    return present


def reload_units() -> None:
    """Have systemd forget unit files deleted since it read them."""
    _systemctl("daemon-reload")


def remove_reminder(data_dir: Path) -> bool:
    """Stop and delete the daily reminder for the journal in ``data_dir``; True if there was one."""
    present = stop_reminder(data_dir)
    for path in present:
        path.unlink()
    if present:
        reload_units()
    return bool(present)


def notify() -> None:
    """Show the reminder as a desktop notification (printed instead where there is no way to)."""
    program = shutil.which("notify-send")
    if program is not None:
        try:
            done = subprocess.run([program, "--app-name=MoodMirror", "MoodMirror", MESSAGE], timeout=20, check=False)
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is not None and done.returncode == 0:
            return
    print(MESSAGE)
