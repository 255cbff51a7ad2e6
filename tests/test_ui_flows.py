"""The real app in a real window (Xvfb in CI): each scenario of ui_scenarios.py in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIOS = Path(__file__).with_name("ui_scenarios.py")

pytestmark = [pytest.mark.ui, pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs a display (Xvfb)")]


def play(name: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIVY_HOME": str(tmp_path / "kivy")}  # where Kivy would keep logs and config
    return subprocess.run(
        [sys.executable, str(SCENARIOS), name, str(tmp_path / "data")],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).parent.parent,
    )


def assert_plays(scenario: str, tmp_path: Path, behaviour: str = "") -> None:
    """Scenario ``scenario`` plays to its end; a failure starts with the ``behaviour`` it checks."""
    result = play(scenario, tmp_path)
    assert result.returncode == 0, (f"{behaviour}\n" if behaviour else "") + result.stdout + result.stderr[-3000:]


def assert_no_kivy_files(tmp_path: Path) -> None:
    """Nothing about the user lands in Kivy's folder (~/.kivy): no log files and no config.ini."""
    kivy_home = tmp_path / "kivy"
    written = [p.relative_to(kivy_home) for p in kivy_home.rglob("*") if p.is_file()] if kivy_home.exists() else []
    assert not [p for p in written if p.parts[0] == "logs" or p.name == "config.ini"], written


def test_first_run_checkin_reflect_history_export_and_delete_all(tmp_path: Path) -> None:
    """First run -> fake-camera check-in (live preview changes) -> reflection and thought record ->
    save -> history -> open the entry -> encrypted report -> Delete all data -> welcome again."""
    assert_plays("full_flow", tmp_path)
    assert not (tmp_path / "data" / "vault.sqlite3").exists()
    assert_no_kivy_files(tmp_path)


UNLOCK_AND_DAILY_CARE = {
    "wrong_passphrase_is_refused": "a wrong passphrase is said not to open the journal, which stays locked",
    "tab_then_enter_unlocks": "Tab moves from the passphrase to Unlock; Enter in the field unlocks",
    "checkin_without_camera": "with the camera off, Start check-in goes straight to the rating",
    "worrying_note_brings_support_screen": "a note about ending one's life brings up the support screen",
    "delete_entry_with_enter": "deleting an entry asks first, and Enter confirms",
    "change_passphrase_with_enter": "Change passphrase is confirmed with Enter",
    "autolock_locks_the_journal": "auto-lock closes the journal and shows the unlock screen",
}


def test_missing_camera_says_so_and_offers_a_check_in_without_it(tmp_path: Path) -> None:
    assert_plays("camera_error", tmp_path)


EXPORT_SAVE_AS = {
    "export_list_readable_in_both_themes": "the check-ins to export keep readable text through a theme change",
    "export_refuses_bad_paths": "a missing folder, a folder or a file in the data folder is refused as Save as",
    "folder_browser_from_a_missing_folder": "Choose folder… opens home for a missing folder; Home; Escape closes it",
    "folder_browser_cancel_and_choose": "the folder browser lists folders only; Cancel keeps the path, Choose sets it",
    "replace_question_before_overwriting": "an existing file is kept after Cancel and replaced after Replace",
}


def test_export_for_chosen_dates_and_to_a_clinicians_age_key(tmp_path: Path) -> None:
    """Issue 22: Choose dates narrows the check-ins as From and To are typed (a bad date, a day in the
    future and From after To are refused and the message goes once fixed; Enter and Tab move on) and the
    report leaves out a check-in outside the range; with the clinician's age key a bad key is refused
    and the .pdf.age file decrypts, with a generated identity, to the report of the range."""
    assert_plays("export_dates_and_age_key", tmp_path)


@pytest.mark.parametrize(
    "scenario",
    [
        "home_keyboard",
        "dialog_returns_focus",
        "mood_scale_keys",
        "settings_after_relaunch",
        "checkin_fits_larger_text",
        "escape_goes_back",
    ],
)
def test_daily_use_from_the_keyboard(scenario: str, tmp_path: Path) -> None:
    """Issue 22's Broken list: Home takes the focus after unlock; a closed dialog gives the focus back;
    the mood scale is one Tab stop with arrows, Home/End and digits; Home follows the settings loaded
    after unlock (a relaunch); the check-in fits 800x600 with the larger text; Escape goes back (asking
    first on the rating screen) and a past camera check-in shows its percentages."""
    assert_plays(scenario, tmp_path)


@pytest.mark.parametrize("scenario", ["settings_text_size_and_retention", "rating_screen_layout", "create_errors"])
def test_daily_use_polish(scenario: str, tmp_path: Path) -> None:
    """Issue 22's Poor list: text size back to Normal restores every size; a shorter retention asks
    first; Save is on screen at 800x600; error lines keep the layout still and go once fixed."""
    assert_plays(scenario, tmp_path)


def test_history_chart_is_drawn_at_its_on_screen_pixels(tmp_path: Path) -> None:
    """Issue 22: the chart is rendered at the size it is shown at, in the window's pixels, also after a resize."""
    assert_plays("history_chart_sharp", tmp_path)


def test_keyboard_only_from_first_run_to_delete_all(tmp_path: Path) -> None:
    """Create journal, lock and unlock, check-in with mood, note and a reflection, History, the entry,
    an encrypted report and Delete all data, from the keyboard alone (no mouse event at all)."""
    assert_plays("keyboard_only", tmp_path)
    assert not (tmp_path / "data" / "vault.sqlite3").exists()
    assert (tmp_path / "keyboard-report.pdf").read_bytes().startswith(b"%PDF")


FEATURES = {
    "gentle_word_when_words_read_heavier": "a note heavier than the mood gets a gentle word, gone once they agree",
    "back_dated_checkin": "a check-in dated in the future is refused and one dated yesterday saved at that time",
    "entry_shows_rating_beside_words": "an entry shows the rating and what its words read as side by side",
    "search_from_history": "Enter in History's search finds a note without its accents and opens it",
    "year_in_pixels": "the year in pixels draws this year and, on Enter, the one before",
    "month_calendar_opens_a_day": "the month calendar lists a day's check-in and opens it; Escape goes back",
    "insights_what_goes_with_your_mood": "insights show the walk's difference and 'too few days to tell' for a rare tag",
    "daily_reminder_on_and_off": "Settings switch the daily reminder on and off",
    "daylio_import": "a Daylio file is checked and imported, with a changed mood number, once only",
    "daylio_broken_file_refused": "a broken Daylio file is refused by its line and nothing of it imported",
}


@pytest.mark.parametrize("scenario", ["backup_from_settings", "restore_first_run", "restore_separate_password"])
def test_backup_and_restore_screens(scenario: str, tmp_path: Path) -> None:
    """Issue 22: Settings backs the journal up (a path in the data folder and a wrong passphrase refused; with
    the journal passphrase, then with a separate password typed twice, each file opening with its password);
    Welcome restores a backup into the empty data folder (not a backup, a wrong password: said, the screen
    stays, nothing written), asking a new passphrase for one with its own password; unlock then opens it."""
    assert_plays(scenario, tmp_path)
    if scenario != "backup_from_settings":
        assert (tmp_path / "data" / "vault.sqlite3").exists()


def test_camera_source_demo_test_preview_and_dark_lock_screen_after_relaunch(tmp_path: Path) -> None:
    """Issue 22: Settings lists the cameras found (here only the demo face, with "No camera found");
    Test camera shows a live picture and lets go of it on closing, or says a camera cannot be opened;
    the check-in uses the demo face; after a relaunch the unlock screen is dark (the theme chosen in
    the journal) and the demo face is still chosen."""
    assert_plays("camera_source_demo", tmp_path)
    assert (tmp_path / "data" / "appearance.json").is_file()
    assert_plays("camera_source_relaunch", tmp_path)


BEHAVIOURS = {**UNLOCK_AND_DAILY_CARE, **EXPORT_SAVE_AS, **FEATURES}
"""Every one-behaviour scenario with what it checks."""


@pytest.mark.parametrize("scenario", list(BEHAVIOURS))
def test_one_behaviour(scenario: str, tmp_path: Path) -> None:
    """One behaviour each (BEHAVIOURS), each from its own fixture journal (see SEEDS in ui_scenarios.py)
    and opened straight at its screen, so an early failure hides nothing. Each new screen takes the
    keyboard focus as it comes in (in view, not scrolled away) and Escape goes back; the export
    scenarios start from a journal of one check-in with an older report in ``reports/`` and a plain
    file beside the data folder; Escape closing a dialog is dialog_returns_focus's."""
    assert_plays(scenario, tmp_path, BEHAVIOURS[scenario])
    assert_no_kivy_files(tmp_path)
