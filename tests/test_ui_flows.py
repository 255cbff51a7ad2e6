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


def assert_no_kivy_files(tmp_path: Path) -> None:
    """Nothing about the user lands in Kivy's folder (~/.kivy): no log files and no config.ini."""
    kivy_home = tmp_path / "kivy"
    written = [p.relative_to(kivy_home) for p in kivy_home.rglob("*") if p.is_file()] if kivy_home.exists() else []
    assert not [p for p in written if p.parts[0] == "logs" or p.name == "config.ini"], written


def test_first_run_checkin_reflect_history_export_and_delete_all(tmp_path: Path) -> None:
    """First run -> fake-camera check-in (live preview changes) -> reflection and thought record ->
    save -> history -> open the entry -> encrypted report -> Delete all data -> welcome again."""
    result = play("full_flow", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert not (tmp_path / "data" / "vault.sqlite3").exists()
    assert_no_kivy_files(tmp_path)


def test_unlock_keyboard_no_camera_checkin_support_screen_and_autolock(tmp_path: Path) -> None:
    """Wrong passphrase message, Escape closes a dialog, Tab and Enter, a no-camera check-in whose
    note triggers the support screen, change passphrase with Enter, then auto-lock."""
    result = play("unlock_flow", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert_no_kivy_files(tmp_path)


def test_missing_camera_says_so_and_offers_a_check_in_without_it(tmp_path: Path) -> None:
    result = play("camera_error", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


def test_export_save_as_folder_browser_replace_question_and_bad_paths(tmp_path: Path) -> None:
    """A missing folder or a folder as the path is refused; Choose folder… (Escape, Cancel, Choose);
    the existing file in the chosen folder is kept after Cancel and replaced by the PDF after Replace."""
    result = play("export_save_as", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


def test_export_for_chosen_dates_and_to_a_clinicians_age_key(tmp_path: Path) -> None:
    """Issue 22: Choose dates narrows the check-ins as From and To are typed (a bad date, a day in the
    future and From after To are refused and the message goes once fixed; Enter and Tab move on) and the
    report leaves out a check-in outside the range; with the clinician's age key a bad key is refused
    and the .pdf.age file decrypts, with a generated identity, to the report of the range."""
    result = play("export_dates_and_age_key", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


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
    result = play(scenario, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


@pytest.mark.parametrize("scenario", ["settings_text_size_and_retention", "rating_screen_layout", "create_errors"])
def test_daily_use_polish(scenario: str, tmp_path: Path) -> None:
    """Issue 22's Poor list: text size back to Normal restores every size; a shorter retention asks
    first; Save is on screen at 800x600; error lines keep the layout still and go once fixed."""
    result = play(scenario, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


def test_history_chart_is_drawn_at_its_on_screen_pixels(tmp_path: Path) -> None:
    """Issue 22: the chart is rendered at the size it is shown at, in the window's pixels, also after a resize."""
    result = play("history_chart_sharp", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


def test_keyboard_only_from_first_run_to_delete_all(tmp_path: Path) -> None:
    """Create journal, lock and unlock, check-in with mood, note and a reflection, History, the entry,
    an encrypted report and Delete all data, from the keyboard alone (no mouse event at all)."""
    result = play("keyboard_only", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert not (tmp_path / "data" / "vault.sqlite3").exists()
    assert (tmp_path / "keyboard-report.pdf").read_bytes().startswith(b"%PDF")


def test_back_dated_check_in_search_year_in_pixels_and_insights(tmp_path: Path) -> None:
    """A future time is refused and a past one saved; Enter in the history's search field finds a
    note without its accents and opens it; the year view draws this year and the one before; the
    insights show the walk's difference and "too few days to tell" for a one-day tag; the month
    calendar opens a day's check-in; the entry shows rating, words and face side by side; the
    settings switch the daily reminder on and off; a Daylio file is checked, imported (with a
    changed mood number) once only, and a broken one is refused by its line. Each new screen takes
    the keyboard focus as it comes in (in view, not scrolled away) and Escape goes back."""
    result = play("features_flow", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


@pytest.mark.parametrize("scenario", ["backup_from_settings", "restore_first_run", "restore_separate_password"])
def test_backup_and_restore_screens(scenario: str, tmp_path: Path) -> None:
    """Issue 22: Settings backs the journal up (a path in the data folder and a wrong passphrase refused; with
    the journal passphrase, then with a separate password typed twice, each file opening with its password);
    Welcome restores a backup into the empty data folder (not a backup, a wrong password: said, the screen
    stays, nothing written), asking a new passphrase for one with its own password; unlock then opens it."""
    result = play(scenario, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    if scenario != "backup_from_settings":
        assert (tmp_path / "data" / "vault.sqlite3").exists()


def test_camera_source_demo_test_preview_and_dark_lock_screen_after_relaunch(tmp_path: Path) -> None:
    """Issue 22: Settings lists the cameras found (here only the demo face, with "No camera found");
    Test camera shows a live picture and lets go of it on closing, or says a camera cannot be opened;
    the check-in uses the demo face; after a relaunch the unlock screen is dark (the theme chosen in
    the journal) and the demo face is still chosen."""
    result = play("camera_source_demo", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert (tmp_path / "data" / "appearance.json").is_file()
    result = play("camera_source_relaunch", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
