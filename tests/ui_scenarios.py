"""UI scenarios played against the real app in a real window (run one per process).

``python tests/ui_scenarios.py NAME DATA_DIR`` runs scenario NAME and exits 0 on success;
``tests/test_ui_flows.py`` starts each in its own process, because a Kivy window cannot be
opened twice in one process.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Generator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from fast_kdf import FAST_TEST_KDF
from screenshots import sample_checkins
from scripted import Driver, FakeCamera, Step, run_scenario

from moodmirror.insights.palette import THEMES
from moodmirror.insights.tone import with_tone
from moodmirror.records import CheckIn
from moodmirror.storage.vault import Vault
from moodmirror.ui.screens.settings import CAMERA_OFF, LOOKING
from moodmirror.ui.theme import TEXT_SCALES
from moodmirror.ui.widgets.camera_test import CameraTest
from moodmirror.ui.widgets.dialogs import Dialog
from moodmirror.ui.widgets.folders import FileChooser, FolderChooser
from moodmirror.vision.sources import DEMO_LABEL

if TYPE_CHECKING:
    from kivy.uix.widget import Widget

PASSPHRASE = "quiet river morning tea"
DAYLIO = Path(__file__).parent / "data" / "imports" / "daylio_export.csv"
FAST = {"kdf": FAST_TEST_KDF}
TAB, ENTER, ESCAPE, LEFT, RIGHT, HOME, END, F1 = 9, 13, 27, 276, 275, 278, 279, 282


def feature_checkins() -> list[CheckIn]:
    """Twelve days, every other one with a walk (mood 8 against 4), a rare tag and a note to find."""
    noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    made = [
        CheckIn(mood=8 if i % 2 else 4, tags=["walk"] if i % 2 else [], created_at=noon - timedelta(days=3 + i))
        for i in range(12)
    ]
    made.append(CheckIn(mood=7, note="Café au lait with Zoë", tags=["rare"], created_at=noon - timedelta(days=2)))
    return made


def range_checkins() -> list[CheckIn]:
    """Two days ago (mood 7), ten days ago (mood 3) and 40 days ago (mood 5), each at noon."""
    noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    return [CheckIn(mood=mood, created_at=noon - timedelta(days=days)) for mood, days in ((7, 2), (3, 10), (5, 40))]


def open_dialog(d: Driver) -> Dialog:
    dialogs = d.dialogs()
    assert dialogs, "no dialog is open"
    return dialogs[0]


def folder_browser(dialog: Dialog) -> FolderChooser:
    return next(w for w in dialog.walk(restrict=True) if isinstance(w, FolderChooser))


def choice(container: object, text: str) -> object:
    return next(c for c in container.children if c.text == text)  # type: ignore[attr-defined]


def in_view(widget: Widget) -> bool:
    """Whether ``widget`` lies wholly inside the scrolling view around it (not scrolled out of sight)."""
    from kivy.uix.scrollview import ScrollView

    view = widget.parent
    while not isinstance(view, ScrollView):
        view = view.parent
    y, view_y = widget.to_window(*widget.pos)[1], view.to_window(*view.pos)[1]
    return view_y <= y and y + widget.height <= view_y + view.height


def stored(d: Driver) -> list[CheckIn]:
    """The check-ins in the open journal."""
    vault = d.app.vault
    assert vault is not None, "the journal is locked"
    return list(vault.list_checkins())


def preview_pixels(d: Driver) -> bytes:
    texture = d.widget("preview").texture
    assert texture is not None, "the preview shows no frame"
    return bytes(texture.pixels)


def full_flow(d: Driver) -> Generator[Step, None, None]:
    """First run -> camera check-in -> reflection + thought record -> save -> history -> delete all."""
    yield d.on("welcome")
    d.press("camera_yes")
    d.press("next")
    yield d.on("create")
    d.type("first", "short")
    d.type("second", "short")
    d.press("create")
    assert d.screen.error, "a too-short passphrase must be refused"
    d.type("first", PASSPHRASE)
    d.type("second", PASSPHRASE)
    d.press("create")
    yield d.on("home")
    assert "No check-in yet" in d.widget("today").text
    d.press("start")
    yield d.on("checkin")
    assert d.widget("badge").text == "Camera on"
    yield lambda: d.screen.frames_drawn >= 2 and d.widget("preview").box_rect != []
    first = preview_pixels(d)
    drawn = d.screen.frames_drawn
    yield lambda: d.screen.frames_drawn >= drawn + 3
    assert preview_pixels(d) != first, "the live preview did not change between frames"
    assert len(d.widget("bars").values) == 7 and abs(sum(d.widget("bars").values) - 1) < 0.05
    assert d.widget("ring").remaining_s < d.screen.total_s
    d.press("stop")
    yield d.on("reflect")
    assert d.screen.summary is not None and d.screen.summary.frames_seen >= 3
    assert "camera" in d.screen.summary_line
    d.click(d.widget("moods").cells[6])  # a click on 7
    assert d.screen.mood == 7 and d.focused() == d.widget("moods")
    yield lambda: len(d.widget("prompts").children) >= 1
    d.type("note", "Walked by the river after work.")
    d.type("tags", "walk, Work")
    card = d.widget("prompts").children[-1]
    d.type(card.ids.answer, "The light on the water.")
    d.press("thought")
    yield d.on("thought")
    d.type(d.widget("input").children[0], "A meeting ran late.")
    d.press("next")
    d.type(d.widget("input").children[0], "I always mess things up.")
    d.press("next")
    row = d.widget("input").children[-1]
    d.type(row.ids.name, "worried")
    yield 0.1  # the new step is laid out before its slider is clicked
    unnamed = d.widget("input").children[0]
    assert row.ids.amount.opacity == 1 and unnamed.ids.amount.opacity < 1, "sliders of unnamed rows are dimmed"
    d.slide(row.ids.amount, 70)
    d.press("next")
    while d.widget("next").text != "Finish":
        d.press("next")
        yield 0.05
    assert d.screen.title == "How you feel now"
    level = d.widget("input").children[0].ids.amount
    assert level.value == 70, f"re-rating starts where the first rating left the slider, not {level.value}"
    yield 0.1
    d.slide(level, 40)
    assert level.focus
    d.key(279)  # End
    assert level.value == 100
    d.key(278)  # Home
    assert level.value == 0
    d.slide(level, 40)
    d.key(276)  # the left arrow moves a focused slider down by 5
    d.press("next")
    yield d.on("reflect")
    assert d.screen.thought_record.emotions == {"worried": 70}
    assert d.screen.thought_record.rerated == {"worried": 35}
    d.press("save")
    yield d.on("history")
    yield lambda: not d.screen.loading
    rows = d.widget("rows").children
    assert len(rows) == 1 and "mood 7/10" in rows[0].headline, [r.headline for r in rows]
    assert d.screen.chart is not None and d.screen.chart.width >= 600
    d.press(rows[0])
    yield d.on("entry")
    assert d.widget("note").text == "Walked by the river after work."
    assert d.widget("tags").text == "walk, work"
    assert "worried" in d.screen.reflection and "The light on the water." in d.screen.reflection
    d.app.navigator.show("history")
    yield d.on("history")
    d.press("export")
    yield d.on("export")
    assert d.screen.chosen == 1
    report = d.app.data_dir.parent / "report.pdf"
    d.type("path", str(report))
    d.type("password", "short")
    d.type("again", "short")
    d.press("export")
    assert "at least 10 characters" in d.screen.error
    d.type("password", "harbour lantern velvet")
    d.type("again", "harbour lantern velvet")
    d.press("export")
    yield lambda: not d.screen.working
    assert d.screen.status.startswith("Saved 1 check-in to"), d.screen.error
    assert report.read_bytes().startswith(b"%PDF") and report.stat().st_mode & 0o777 == 0o600
    d.app.navigator.show("settings")
    yield d.on("settings")
    d.press("erase")
    yield 0.3
    dialog = open_dialog(d)
    assert dialog.ids.confirm.disabled
    d.type(dialog.fields()[0], "DELETE")
    assert not dialog.ids.confirm.disabled
    d.press(dialog.ids.confirm)
    yield d.on("welcome")
    assert not Vault.exists(d.app.data_dir), "the journal is still there after Delete all data"


def opened_at(d: Driver, screen: str = "home", **kwargs: object) -> Generator[Step, None, None]:
    """Open the journal as Unlock does, without its screen, and go straight to ``screen`` (its
    ``prepare`` given ``kwargs``): a scenario starts where its behaviour is."""
    yield d.on("unlock")
    vault, _notice = d.app.open_vault(PASSPHRASE)
    d.app.unlocked(vault)
    if screen != "home":
        d.app.navigator.show(screen, **kwargs)
    yield d.on(screen)


def wrong_passphrase_is_refused(d: Driver) -> Generator[Step, None, None]:
    """A wrong passphrase is said not to open the journal, which stays locked."""
    yield d.on("unlock")
    d.type("passphrase", "not the passphrase")
    d.press("unlock")
    yield lambda: not d.screen.working
    assert "does not open this journal" in d.widget("message").text
    assert d.app.vault is None


def tab_then_enter_unlocks(d: Driver) -> Generator[Step, None, None]:
    """On the unlock screen Tab moves from the passphrase to Unlock, and Enter in the field unlocks."""
    yield d.on("unlock")
    d.type("passphrase", PASSPHRASE)
    d.key(TAB)
    assert d.widget("unlock").focus and not d.widget("passphrase").focus
    d.widget("passphrase").focus = True
    yield 0.1  # the field takes the keyboard on the next frame
    d.key(ENTER)
    yield d.on("home")
    assert d.app.vault is not None


def checkin_without_camera(d: Driver) -> Generator[Step, None, None]:
    """With the camera off (the default) Start check-in goes straight to the rating, with no camera summary."""
    yield from opened_at(d)
    d.press("start")
    yield d.on("reflect")
    assert d.screen.summary is None and d.screen.summary_line == ""


def worrying_note_brings_support_screen(d: Driver) -> Generator[Step, None, None]:
    """Saving a note about ending one's life brings up the support screen; Carry on goes to the saved check-in."""
    yield from opened_at(d, "reflect")
    d.click(d.widget("moods").cells[1])
    d.type("note", "Some days I want to end my life.")
    d.press("save")
    yield d.on("crisis")
    assert "painful" in d.screen.reason and d.widget("resources").text
    d.press("carry_on")
    yield d.on("history")
    yield lambda: not d.screen.loading and len(d.widget("rows").children) == 1
    assert [c.note for c in stored(d)] == ["Some days I want to end my life."]


def delete_entry_with_enter(d: Driver) -> Generator[Step, None, None]:
    """Delete on an entry asks first with Confirm focused; Enter deletes it and History is empty."""
    yield from opened_at(d)
    d.app.navigator.show("entry", checkin_id=stored(d)[0].id)
    yield d.on("entry")
    d.press("delete")
    yield lambda: bool(d.dialogs()) and d.dialogs()[0].ids.confirm.focus
    d.key(ENTER)  # Enter confirms the deletion
    yield d.on("history")
    yield lambda: not d.screen.loading
    assert not d.widget("rows").children and stored(d) == []


def change_passphrase_with_enter(d: Driver) -> Generator[Step, None, None]:
    """Settings -> Change passphrase: the three fields filled, Enter confirms and the passphrase is changed."""
    yield from opened_at(d, "settings")
    d.press("change_passphrase")
    yield lambda: bool(d.dialogs())
    dialog = open_dialog(d)
    for field, text in zip(dialog.fields(), [PASSPHRASE, "new quiet river words", "new quiet river words"]):
        d.type(field, text)
    d.key(ENTER)  # Enter confirms a dialog
    yield lambda: "Passphrase changed" in d.screen.status


def autolock_locks_the_journal(d: Driver) -> Generator[Step, None, None]:
    """When the auto-lock time runs out the unlock screen comes back and the journal is closed."""
    yield from opened_at(d)
    d.app.autolock.start(1.0)
    yield d.on("unlock")
    assert d.app.vault is None, "auto-lock left the journal open"


def camera_error(d: Driver) -> Generator[Step, None, None]:
    """A camera that cannot be opened: a clear message, the camera sign off, and a way on without it."""
    yield d.on("unlock")
    d.type("passphrase", PASSPHRASE)
    d.press("unlock")
    yield d.on("home")
    d.app.save_settings(replace(d.app.settings, camera_enabled=True))
    d.press("start")
    yield d.on("checkin")
    yield lambda: bool(d.screen.error)
    assert "cannot be opened" in d.widget("hint").text
    d.screenshot(Path("/tmp/uit/camera_error.png"))
    assert d.widget("badge").text == "Camera off" and d.widget("stop").text == "Try again"
    d.press("without_camera")
    yield d.on("reflect")
    assert d.screen.summary is None


def pick_folder(d: Driver, folder: Path, button: str) -> Generator[Step, None, None]:
    """Open Choose folder… (at the typed path's folder), select ``folder``, press ``button`` in the browser."""
    d.press("choose_folder")
    yield lambda: bool(d.dialogs())
    dialog = open_dialog(d)
    chooser = folder_browser(dialog)
    assert chooser.path == str(folder.parent)
    yield lambda: str(folder) in chooser.files
    assert all(Path(shown).is_dir() for shown in chooser.files), "the browser lists files"
    chooser.selection = [str(folder)]  # what a click on the folder does
    assert str(folder) in dialog.message
    d.press(dialog.ids[button])
    yield lambda: not d.dialogs()


def save_as_places(d: Driver) -> tuple[Path, Path, Path]:
    """What :func:`save_as_files` laid out beside the data folder: the top folder, ``reports`` and
    ``reports/report.pdf`` (an older report)."""
    top = d.app.data_dir.parent
    return top, top / "reports", top / "reports" / "report.pdf"


def export_list_readable_in_both_themes(d: Driver) -> Generator[Step, None, None]:
    """The export screen's check-in items keep readable text through a change of theme."""
    yield from opened_at(d, "export")
    for theme in ("dark", "light"):
        d.app.theme.name = theme
        yield lambda: True
        items = list(d.widget("entries").children)
        assert items and all(list(item.color) == list(d.app.theme.text) for item in items), theme


def export_refuses_bad_paths(d: Driver) -> Generator[Step, None, None]:
    """Save as a path in a missing folder, a folder, or a file in the data folder is refused in the
    error line (no question asked, nothing written, no folder made)."""
    top, folder, _report = save_as_places(d)
    yield from opened_at(d, "export")
    for field in ("password", "again"):
        d.type(field, "harbour lantern velvet")
    vault_file = d.app.data_dir / "vault.sqlite3"
    vault_bytes = vault_file.read_bytes()
    for path, message in (
        (top / "missing" / "report.pdf", "does not exist"),
        (folder, "is a folder"),
        (vault_file, "outside the data folder"),
    ):
        d.type("path", str(path))
        d.press("export")
        assert message in d.screen.error and not d.screen.working and not d.dialogs(), d.screen.error
    assert vault_file.read_bytes() == vault_bytes  # the journal was not replaced by a report
    assert not (top / "missing").exists()


def folder_browser_from_a_missing_folder(d: Driver) -> Generator[Step, None, None]:
    """Choose folder… for a path in a missing folder opens the home folder; the Home place goes home;
    Escape closes the browser."""
    top, _folder, _report = save_as_places(d)
    yield from opened_at(d, "export")
    d.type("path", str(top / "missing" / "report.pdf"))
    d.press("choose_folder")
    yield lambda: bool(d.dialogs())
    chooser = folder_browser(open_dialog(d))
    assert chooser.path == str(Path.home()), "a missing folder should open the home folder"
    chooser.path = "/"
    places = next(w for w in open_dialog(d).walk(restrict=True) if w.__class__.__name__ == "FolderBrowser").ids.places
    d.press(choice(places, "Home"))  # the places above the list: Home, and Documents, Desktop where they exist
    assert chooser.path == str(Path.home())
    d.key(ESCAPE)
    yield lambda: not d.dialogs()  # Escape closes the browser


def folder_browser_cancel_and_choose(d: Driver) -> Generator[Step, None, None]:
    """The folder browser lists folders only; Cancel leaves the typed path, Choose puts the file's
    name in the chosen folder."""
    top, folder, report = save_as_places(d)
    yield from opened_at(d, "export")
    typed = str(top / "report.pdf")
    d.type("path", typed)
    for button in ("cancel", "confirm"):
        yield from pick_folder(d, folder, button)
        assert d.widget("path").text == (typed if button == "cancel" else str(report))


def replace_question_before_overwriting(d: Driver) -> Generator[Step, None, None]:
    """Saving over an existing file asks first: Cancel keeps it (and says nothing was saved), Replace
    writes the report in its place and leaves no temporary file."""
    _top, folder, report = save_as_places(d)
    yield from opened_at(d, "export")
    for field in ("password", "again"):
        d.type(field, "harbour lantern velvet")
    d.type("path", str(report))
    for button in ("cancel", "confirm"):
        d.press("export")
        yield lambda: bool(d.dialogs())
        dialog = open_dialog(d)
        assert dialog.title == "Replace the existing file?" and not d.screen.working
        d.press(dialog.ids[button])
        yield lambda: not d.dialogs() and not d.screen.working
        if button == "cancel":
            assert "Nothing was saved" in d.screen.status and report.read_bytes() == b"an older report"
    assert d.screen.status.startswith("Saved 1 check-in to"), d.screen.error
    assert report.read_bytes().startswith(b"%PDF"), "Replace did not replace the file"
    assert sorted(folder.iterdir()) == [report]  # no temporary file left behind


def report_text(data: bytes, password: str | None = None) -> str:
    """All the text of a report's PDF (opened with ``password`` when it has one)."""
    import io

    import pypdf

    pdf = pypdf.PdfReader(io.BytesIO(data))
    if password is not None:
        assert pdf.decrypt(password) != pypdf.PasswordType.NOT_DECRYPTED, "the report password does not open it"
    return "\n".join(page.extract_text() for page in pdf.pages)


def as_in_report(checkin: CheckIn) -> str:
    """How the report's table writes a check-in's time (local time)."""
    return f"{checkin.created_at.astimezone():%a %d %b %Y %H:%M}"


def export_dates_and_age_key(d: Driver) -> Generator[Step, None, None]:
    """Choose dates: From and To (4 weeks ago to today at first) narrow the list of check-ins as they
    are typed; a bad date, a day in the future and From after To are refused in the error line, which
    goes once fixed; Enter and Tab move from From to To and on. The report holds only the range. Then
    the clinician's age key in place of the passwords: a bad key is refused, a good one (Enter in the
    field) writes a .pdf.age file that their identity decrypts to the report of the range."""
    import pyrage  # type: ignore[import-untyped]
    from pyrage import x25519  # type: ignore[import-untyped]

    top, today = d.app.data_dir.parent, date.today()
    yield d.on("unlock")
    d.type("passphrase", PASSPHRASE)
    d.press("unlock")
    yield d.on("home")
    recent, older, oldest = sorted(stored(d), key=lambda c: c.created_at, reverse=True)
    d.app.navigator.show("export")
    yield d.on("export")

    def listed() -> list[str]:
        return [item.text for item in reversed(d.widget("entries").children)]

    assert d.screen.chosen == 2 and d.widget("first").disabled, "From and To show only for Choose dates"
    yield 0.1
    assert d.widget("dates").height == 0, "the hidden From and To take room"
    d.press("period_dates")
    assert (d.widget("first").text, d.widget("last").text) == (str(today - timedelta(days=27)), str(today))
    assert not d.widget("first").disabled and d.screen.chosen == 2 and not d.screen.error
    d.type("first", str(today - timedelta(days=5)))
    assert d.screen.chosen == 1 and listed()[0].endswith("mood 7"), listed()
    for first, last, message in (
        ("2026-02-30", str(today), "The first day '2026-02-30' is not a date"),
        (str(today - timedelta(days=5)), str(today + timedelta(days=1)), "is in the future"),
        (str(today - timedelta(days=5)), str(today - timedelta(days=7)), "comes after the last day"),
    ):
        d.type("first", first)
        d.type("last", last)
        assert message in d.screen.error and d.screen.chosen == 0, (d.screen.error, listed())
        assert d.screen.period_problem == d.screen.error  # also said under the emptied list
        d.press("export")
        assert message in d.screen.error and not d.screen.working
    d.type("last", str(today))
    assert d.screen.error == "", "the error stays after the dates were fixed"
    assert d.screen.chosen == 1 and listed()[0].endswith("mood 7"), listed()
    d.type("first", str(today - timedelta(days=60)))
    assert d.screen.chosen == 3
    d.widget("first").text = str(today - timedelta(days=15))  # the focus stays in From
    yield 0.1
    assert d.screen.chosen == 2 and d.focused() == d.widget("first")
    d.key(ENTER)  # Enter in From moves to To
    assert d.focused() == d.widget("last")
    d.key(TAB)
    assert d.focused() not in (None, d.widget("last"), d.widget("first")), "Tab does not leave To"
    d.key(TAB, modifiers=("shift",))
    assert d.focused() == d.widget("last")
    d.press(next(item for item in d.widget("entries").children if item.text.endswith("mood 3")))
    d.type("first", str(today - timedelta(days=16)))  # a check-in left out stays out as the dates change
    assert d.screen.chosen == 1 and [i.state for i in reversed(d.widget("entries").children)] == ["down", "normal"]
    d.press(next(item for item in d.widget("entries").children if item.text.endswith("mood 3")))
    password, report = "harbour lantern velvet", top / "range.pdf"
    d.type("password", password)
    d.type("again", password)
    d.type("path", str(report))
    d.press("export")
    yield lambda: not d.screen.working
    assert d.screen.status.startswith("Saved 2 check-ins to") and "report password" in d.screen.status, d.screen.error
    text = report_text(report.read_bytes(), password)
    assert as_in_report(recent) in text and as_in_report(older) in text and as_in_report(oldest) not in text

    d.type("first", str(today - timedelta(days=5)))
    d.press("protect_key")
    assert d.widget("password").disabled and d.widget("again").disabled and not d.widget("recipient").disabled
    assert d.widget("path").text == str(report) + ".age", "the Save-as name should end in .pdf.age"
    sealed = top / "range.pdf.age"
    for key, message in (("age1notakey", "not valid"), ("ssh-ed25519 AAAAC3Nza", "starts with 'age1'"), ("", "age")):
        d.type("recipient", key)
        d.press("export")
        assert message in d.screen.error and not d.screen.working, d.screen.error
        assert not sealed.exists()
    d.type("recipient", "age1")
    assert d.screen.error == "", "the error stays after the key was edited"
    identity = x25519.Identity.generate()
    d.type("recipient", str(identity.to_public()))
    yield 0.1
    d.key(ENTER)  # Enter in the key field saves
    yield lambda: not d.screen.working and bool(d.screen.status or d.screen.error)
    assert d.screen.status.startswith(f"Saved 1 check-in to {sealed}"), d.screen.error
    assert f"age -d -i KEYFILE {sealed}" in d.screen.status
    data = sealed.read_bytes()
    assert data.startswith(b"age-encryption.org/v1") and b"%PDF" not in data
    assert sealed.stat().st_mode & 0o777 == 0o600
    text = report_text(pyrage.decrypt(data, [identity]))
    assert as_in_report(recent) in text and as_in_report(older) not in text and as_in_report(oldest) not in text
    d.press("protect_password")
    assert d.widget("path").text == str(report) and not d.widget("password").disabled


def gentle_word_when_words_read_heavier(d: Driver) -> Generator[Step, None, None]:
    """A note that reads much heavier than the mood chosen gets a gentle word, which goes once the
    mood and the note agree (looked at again as the note is left)."""
    yield from opened_at(d, "reflect")
    d.type("note", "An awful, miserable, terrible day.")
    d.click(d.widget("moods").cells[8])  # 9
    assert d.widget("gentle").text.startswith("Your words read heavier than the 9/10 you chose")
    d.click(d.widget("moods").cells[5])  # 6
    d.type("note", "Written the morning after")
    d.widget("note").focus = False  # leaving the note looks again
    assert d.widget("gentle").text == ""


def back_dated_checkin(d: Driver) -> Generator[Step, None, None]:
    """A check-in dated in the future is refused (nothing saved); one dated yesterday is saved at that time."""
    yield from opened_at(d, "reflect")
    d.click(d.widget("moods").cells[5])  # 6
    d.type("note", "Written the morning after")
    d.type("when", (datetime.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"))
    d.press("save")
    assert "in the future" in d.screen.error and stored(d) == []
    yesterday = (datetime.now() - timedelta(days=1)).replace(hour=9, minute=30)
    d.type("when", yesterday.strftime("%Y-%m-%d %H:%M"))
    d.press("save")
    yield d.on("history")
    (saved,) = stored(d)
    assert saved.note == "Written the morning after"
    assert saved.note_tone is not None  # what the entry's "your words" shows
    assert saved.created_at.astimezone().strftime("%Y-%m-%d %H:%M") == yesterday.strftime("%Y-%m-%d %H:%M")


def entry_shows_rating_beside_words(d: Driver) -> Generator[Step, None, None]:
    """An entry shows the rating and what its words read as side by side."""
    yield from opened_at(d)
    d.app.navigator.show("entry", checkin_id=stored(d)[0].id)
    yield d.on("entry")
    assert "your rating 6/10" in d.widget("views").text and "your words neutral (+0.00)" in d.widget("views").text


def search_from_history(d: Driver) -> Generator[Step, None, None]:
    """Enter in History's search field finds a note without its accents or case; the search screen
    has the focus in its query; the result opens the entry and Escape goes back to History."""
    yield from opened_at(d, "history")
    d.type("search", "CAFE zoe")
    yield 0.1  # the field takes the keyboard on the next frame
    d.key(ENTER)  # Enter in the search field opens the search
    yield d.on("search")
    yield lambda: not d.screen.loading and len(d.widget("rows").children) == 1
    assert d.focused() == d.widget("query")
    row = d.widget("rows").children[0]
    assert "Café au lait with Zoë" in row.detail and "1 check-in" in d.widget("status").text
    d.press(row)
    yield d.on("entry")
    assert d.screen.checkin.note == "Café au lait with Zoë"
    d.key(ESCAPE)  # nothing changed: straight back
    yield d.on("history")


def year_in_pixels(d: Driver) -> Generator[Step, None, None]:
    """History's Year (by Tab and Enter) draws this year, with Previous focused; Enter on it draws
    the year before; its calendar button opens the month calendar."""
    yield from opened_at(d, "history")
    tab_to(d, d.widget("year"))
    d.key(ENTER)
    yield d.on("year")
    yield lambda: not d.screen.loading and d.widget("chart").texture is not None
    assert d.screen.year == datetime.now().year and "with a check-in" in d.widget("summary").text
    assert d.focused() == d.widget("previous")
    d.key(ENTER)
    yield lambda: not d.screen.loading and d.screen.year == datetime.now().year - 1
    d.press("calendar")
    yield d.on("calendar")


def month_calendar_opens_a_day(d: Driver) -> Generator[Step, None, None]:
    """The month calendar takes the focus on Previous; a day lists its check-in, which opens; Escape
    goes back to the year and on to History."""
    yield from opened_at(d, "calendar")
    yield lambda: not d.screen.loading and len(d.widget("grid").children) > 28
    assert d.focused() == d.widget("previous")
    written = (datetime.now() - timedelta(days=2)).date()
    if written.month != datetime.now().month:  # early in a month, the note lies in the one before
        d.press("previous")
        yield lambda: not d.screen.loading
    day = next(w for w in d.widget("grid").children if getattr(w, "cell", None) and w.cell.day == written)
    d.press(day)
    assert "1 check-in" in d.widget("day_title").text and len(d.widget("rows").children) == 1
    d.press(d.widget("rows").children[0])
    yield d.on("entry")
    assert d.screen.checkin.note == "Café au lait with Zoë"
    d.app.navigator.show("calendar")
    yield d.on("calendar")
    d.key(ESCAPE)
    yield d.on("year")
    d.key(ESCAPE)
    yield d.on("history")


def insights_what_goes_with_your_mood(d: Driver) -> Generator[Step, None, None]:
    """History's Insights (focus on its first choice, in view) show the walk's difference over six days and
    "too few days to tell" for a one-day tag, with the not-a-cause caveat; Escape goes back to History."""
    yield from opened_at(d, "history")
    d.press("insights")
    yield d.on("insights")
    yield lambda: not d.screen.loading and "walk:" in d.widget("tags").text
    yield 0.1
    assert d.focused() == d.widget("month_mode") and in_view(d.focused()), "the focused choice is scrolled away"
    walk = next(line for line in d.widget("tags").text.splitlines() if "walk:" in line)
    assert "6 days with" in walk and "too few" not in walk
    assert "too few days to tell" in d.widget("tags").text  # the one-day tag
    assert "not a cause" in d.screen.caveat
    d.key(ESCAPE)
    yield d.on("history")


def daily_reminder_on_and_off(d: Driver) -> Generator[Step, None, None]:
    """Settings switch the daily reminder on (its timer unit written for the time typed) and off (unit gone)."""
    config = d.app.data_dir.parent / "config"  # the reminder's units go here, not into the real ~/.config
    os.environ["XDG_CONFIG_HOME"] = str(config)
    os.environ["PATH"] = str(config)  # and no systemctl is found: the units are written, not started
    timer = config / "systemd" / "user" / "moodmirror-reminder.timer"
    yield from opened_at(d, "settings")
    row = d.widget("reminder")
    assert row.status == "No daily reminder."
    d.type(row.ids.time, "21:15")
    d.press(row.ids.toggle)
    yield lambda: not row.working
    assert "Reminder saved for 21:15 every day" in row.status and row.ids.toggle.text == "Turn off"
    assert "OnCalendar=*-*-* 21:15:00" in timer.read_text()
    d.press(row.ids.toggle)
    yield lambda: not row.working
    assert row.status == "The daily reminder is off." and not timer.exists()


def daylio_import(d: Driver) -> Generator[Step, None, None]:
    """Settings -> Import (Daylio focused): Check says what would come in; Import with a changed mood
    number brings the check-ins in, and a second Import brings in none of them again."""
    yield from opened_at(d, "settings")
    d.press("import_history")
    yield d.on("importing")
    assert d.focused() == d.widget("daylio")
    d.type("path", str(DAYLIO))
    d.press("check")
    yield lambda: not d.screen.working
    assert d.widget("status").text.startswith("Would import 6 check-ins, 2025-03-02 to 2025-03-06")
    assert stored(d) == []
    d.type("mapping", "rad=10, good=8, meh=6, bad=3, awful=1")
    d.press("run")
    yield lambda: not d.screen.working
    assert d.widget("status").text.startswith("Imported 6 check-ins") and len(stored(d)) == 6
    assert any(c.mood == 6 and c.tags == ["sleep"] for c in stored(d))
    d.press("run")
    yield lambda: not d.screen.working
    assert d.widget("status").text == "Imported 0 check-ins; 6 already in your journal." and len(stored(d)) == 6


def daylio_broken_file_refused(d: Driver) -> Generator[Step, None, None]:
    """A Daylio file with a mood that has no number is refused by its line and nothing of it comes
    in; changing the path clears the error; Escape from the path field goes back to Settings."""
    broken = d.app.data_dir.parent / "broken.csv"
    broken.write_bytes(DAYLIO.read_bytes() + b"2025-03-07,March 7,Friday,20:00,sleepy,,,\r\n")
    yield from opened_at(d, "importing")
    d.type("path", str(broken))
    d.press("run")
    yield lambda: not d.screen.working
    assert d.widget("error").text.startswith("Line 11: the mood 'sleepy' has no number") and stored(d) == []
    d.type("path", str(DAYLIO))  # a change to the file clears the error
    assert d.widget("error").text == ""
    d.key(ESCAPE)  # from the path field too
    yield d.on("settings")


def unlock_from_the_keyboard(d: Driver) -> Generator[Step, None, None]:
    """The unlock screen takes typing at once; Enter opens the journal."""
    yield d.on("unlock")
    yield lambda: d.widget("passphrase").focus
    d.write(PASSPHRASE)
    d.key(ENTER)
    yield d.on("home")


def home_keyboard(d: Driver) -> Generator[Step, None, None]:
    """Broken 1: after unlock, Home has the focus (with its ring): Tab moves on and Enter presses."""
    yield from unlock_from_the_keyboard(d)
    start = d.widget("start")
    assert d.focused() == start, f"Home has no keyboard focus after unlock (focus: {d.focused()!r})"
    d.key(TAB)
    assert d.focused() == d.widget("history"), d.focused()  # camera off: "Check in without camera" is no Tab stop
    d.key(TAB, modifiers=("shift",))
    assert d.focused() == start
    d.key(F1)  # the shortcuts, from anywhere
    yield lambda: bool(d.dialogs()) and open_dialog(d).ids.confirm.focus
    assert open_dialog(d).title == "Keyboard shortcuts" and "Escape" in open_dialog(d).message
    d.key(TAB)  # a dialog that only tells has one button: Tab stays on OK (no hidden Cancel to land on)
    assert open_dialog(d).ids.confirm.focus and open_dialog(d).ids.cancel.disabled
    d.key(ESCAPE)
    yield lambda: not d.dialogs()
    yield 0.1
    assert d.focused() == start
    d.key(ENTER)
    yield d.on("reflect")


def dialog_returns_focus(d: Driver) -> Generator[Step, None, None]:
    """Broken 2: after Escape closes "Forgot your passphrase?", typing goes to the passphrase again."""
    yield d.on("unlock")
    yield lambda: d.widget("passphrase").focus
    d.press("forgot")
    yield lambda: bool(d.dialogs()) and open_dialog(d).fields()[0].focus
    d.key(ESCAPE)
    yield lambda: not d.dialogs()
    assert d.focused() == d.widget("passphrase"), f"focus went to {d.focused()!r}"
    d.key(TAB)
    d.key(TAB)
    forgot = d.widget("forgot")
    assert d.focused() == forgot
    d.key(ENTER)  # the same dialog from the keyboard; Escape gives the focus back to its button
    yield lambda: bool(d.dialogs()) and open_dialog(d).fields()[0].focus
    d.key(ESCAPE)
    yield lambda: not d.dialogs()
    yield 0.2  # Escape comes up after the focus came back
    assert d.focused() == forgot, f"focus went to {d.focused()!r}"
    d.key(TAB, modifiers=("shift",))
    d.key(TAB, modifiers=("shift",))
    d.write(PASSPHRASE)
    d.key(ENTER)
    yield d.on("home")


def mood_scale_keys(d: Driver) -> Generator[Step, None, None]:
    """Broken 3: the mood scale is one Tab stop with arrows, Home/End and digits; Tab then typing
    writes the note and leaves the mood alone."""
    yield from unlock_from_the_keyboard(d)
    d.key(ENTER)  # Start check-in (camera off)
    yield d.on("reflect")
    scale = d.widget("moods")
    assert d.focused() == scale, f"the mood scale does not have the focus ({d.focused()!r})"
    d.write("3")
    assert d.screen.mood == 3
    for key, expected in ((RIGHT, 4), (LEFT, 3), (END, 10), (HOME, 1)):
        d.key(key)
        assert d.screen.mood == expected, (key, d.screen.mood)
    d.write("0")
    assert d.screen.mood == 10
    d.key(263, "7", modifiers=("numlock",))  # the keypad's 7 with Num Lock on
    assert d.screen.mood == 7
    d.write("3")
    d.key(TAB)
    assert d.focused() == d.widget("note"), f"Tab from the scale went to {d.focused()!r}"
    d.write("A calm day")
    assert d.widget("note").text == "A calm day" and d.screen.mood == 3, (d.widget("note").text, d.screen.mood)


def settings_after_relaunch(d: Driver) -> Generator[Step, None, None]:
    """Broken 4: a journal saved with the camera on shows "Check in without camera" on Home after a relaunch."""
    yield from unlock_from_the_keyboard(d)
    button = d.widget("start_no_camera")
    assert d.app.settings.camera_enabled
    assert button.opacity == 1 and not button.disabled, "Home hides 'Check in without camera' with the camera on"


def checkin_fits_larger_text(d: Driver) -> Generator[Step, None, None]:
    """Broken 5: at 800x600 with the larger text, the countdown ring stays below the top bar."""
    yield from unlock_from_the_keyboard(d)
    d.press("start")
    yield d.on("checkin")
    yield lambda: d.screen.frames_drawn >= 2
    yield 0.2
    d.screenshot(Path("/tmp/uit/ring.png"))
    bar, side = d.widget("bar"), d.widget("side")
    top = side.to_window(side.x, side.top)[1]
    assert top <= bar.to_window(bar.x, bar.y)[1]
    for child in side.walk(restrict=True):  # the ring, the hint, the bars and the caption
        if child is not side and child.opacity:
            y, child_top = child.to_window(child.x, child.y)[1], child.to_window(child.x, child.top)[1]
            assert child_top <= top + 0.5 and y >= side.to_window(side.x, side.y)[1] - 0.5, (
                f"{child!r} is drawn outside its column"
            )
    hint = d.widget("hint")
    assert hint.texture_size[1] <= hint.height + 0.5, "the hint's text runs out of its box"


def capturing() -> bool:
    """Whether any frame source is being read (a camera held open)."""
    return any(thread.name.startswith("moodmirror-capture") for thread in threading.enumerate())


def same_color(color: object, want: tuple[float, ...]) -> bool:
    return all(abs(a - b) < 1e-3 for a, b in zip(color, want, strict=True))  # type: ignore[call-overload]


def camera_test_view(d: Driver) -> CameraTest:
    return next(w for w in open_dialog(d).walk(restrict=True) if isinstance(w, CameraTest))


def camera_source_demo(d: Driver) -> Generator[Step, None, None]:
    """Issue 22: Settings lists the cameras found (none here: only the demo face, and a note says
    so); Test camera shows the demo's live picture and closing lets go of it; a camera that cannot
    be opened says so in the dialog; the check-in then uses the demo face; the dark theme and the
    large text are chosen (camera_source_relaunch checks all that after a relaunch)."""
    yield from unlock_from_the_keyboard(d)
    assert d.app.frame_source() == "camera:0"  # the default until a camera is chosen
    d.app.navigator.show("settings")
    yield d.on("settings")
    row = d.screen.camera_row
    yield lambda: row.note != LOOKING
    assert [c.text for c in reversed(row.ids.choices.children)] == [DEMO_LABEL]
    assert row.note.startswith("No camera found"), row.note
    # With the camera off no camera is opened to look for one (Welcome's promise); on again, it looks.
    d.press(setting_choice(d, "camera_enabled", "Off"))
    yield lambda: row.note == CAMERA_OFF
    d.press(setting_choice(d, "camera_enabled", "On"))
    yield lambda: row.note.startswith("No camera found")
    d.press(setting_choice(d, "camera_source", DEMO_LABEL))
    assert d.app.settings.camera_source == "demo" and d.app.frame_source() == "demo"
    d.press(row.ids.test_camera)
    yield lambda: bool(d.dialogs())
    view = camera_test_view(d)
    preview = view.ids.preview
    yield lambda: view.frames_shown >= 2
    assert preview.label == "DEMO" and capturing()
    first, shown = bytes(preview.texture.pixels), view.frames_shown
    yield lambda: view.frames_shown >= shown + 3
    assert bytes(preview.texture.pixels) != first, "the test preview did not change between frames"
    d.key(ESCAPE)  # Close
    yield lambda: not d.dialogs() and not capturing()
    assert preview.texture is None, "the last frame outlived the dialog"
    d.app.source_override = MISSING_CAMERA  # as MOODMIRROR_SOURCE would
    d.press(row.ids.test_camera)
    yield lambda: bool(d.dialogs()) and bool(camera_test_view(d).error)
    assert "cannot be opened" in camera_test_view(d).error
    d.press(open_dialog(d).ids.confirm)  # Done
    yield lambda: not d.dialogs()
    d.app.source_override = ""
    d.press(setting_choice(d, "theme", "Dark"))
    d.press(setting_choice(d, "text_scale", "Large"))
    d.key(ESCAPE)
    yield d.on("home")
    d.press("start")
    yield d.on("checkin")
    assert d.widget("badge").text == "DEMO: no real camera" and d.widget("preview").label == "DEMO"
    yield lambda: d.screen.frames_drawn >= 3
    d.press("stop")
    yield d.on("reflect")
    assert d.screen.summary is not None and d.screen.summary.source == "demo"


def camera_source_relaunch(d: Driver) -> Generator[Step, None, None]:
    """Issue 22: after a relaunch the unlock screen is dark with the large text (as chosen before)
    and the demo face is still the camera source; locking during Test camera lets go of it."""
    yield d.on("unlock")
    dark = THEMES["dark"].rgba01("background")
    assert same_color(d.window.clearcolor, dark), tuple(d.window.clearcolor)
    assert same_color(d.app.theme.background, dark) and same_color(
        d.widget("passphrase").foreground_color, THEMES["dark"].rgba01("text")
    )
    assert d.app.theme.text_scale == TEXT_SCALES[1] and d.widget("message").font_size == d.app.theme.sizes["body"]
    yield from unlock_from_the_keyboard(d)
    assert d.app.settings.camera_source == "demo" and d.app.frame_source() == "demo"
    d.app.navigator.show("settings")
    yield d.on("settings")
    yield lambda: d.screen.camera_row.note != LOOKING
    assert setting_choice(d, "camera_source", DEMO_LABEL).state == "down"
    d.press(d.screen.camera_row.ids.test_camera)
    yield lambda: bool(d.dialogs()) and camera_test_view(d).frames_shown >= 2
    d.app.lock()  # auto-lock while the test runs: the dialog goes and the camera is let go
    yield lambda: d.on("unlock")() and not d.dialogs() and not capturing()


def escape_goes_back(d: Driver) -> Generator[Step, None, None]:
    """Escape goes back one step, asking first on the rating screen when work would be lost; a past
    camera check-in shows its percentages (not dashes)."""
    yield from unlock_from_the_keyboard(d)
    d.key(ENTER)
    yield d.on("reflect")
    d.key(ESCAPE)  # nothing entered yet: straight back
    yield d.on("home")
    assert not d.dialogs()
    d.key(ENTER)
    yield d.on("reflect")
    d.write("6")
    d.key(ESCAPE)
    yield lambda: bool(d.dialogs()) and open_dialog(d).ids.confirm.focus
    assert open_dialog(d).title == "Leave without saving?"
    d.key(ESCAPE)  # Keep editing
    yield lambda: not d.dialogs()
    assert d.app.navigator.current == "reflect" and d.screen.mood == 6 and d.focused() == d.widget("moods")
    d.key(ESCAPE)
    yield lambda: bool(d.dialogs()) and open_dialog(d).ids.confirm.focus
    d.key(ENTER)  # Leave without saving
    yield d.on("home")
    assert d.focused() == d.widget("start")
    d.app.navigator.show("history")
    yield d.on("history")
    yield lambda: not d.screen.loading and len(d.widget("rows").children) == 1
    d.press(d.widget("rows").children[0])
    yield d.on("entry")
    yield 0.3
    shown = [bar.percent for bar in d.widget("bars").bars.values()]
    assert all(p.endswith("%") for p in shown), f"a past check-in's bars show {shown}"
    assert abs(sum(int(p[:-1]) for p in shown) - 100) <= 4, shown
    assert d.focused() == d.widget("mood")  # a past check-in's mood, tags and note can be changed
    d.write("8")
    d.key(TAB)
    d.key(ord("a"), "a", modifiers=("ctrl",))
    d.write("2999-01-01 08:30")
    d.key(TAB)
    d.key(ord("a"), "a", modifiers=("ctrl",))
    d.write("park, Friends")
    d.key(ESCAPE)  # a change is not saved yet: asks first
    yield lambda: bool(d.dialogs()) and open_dialog(d).ids.confirm.focus
    d.key(ESCAPE)  # Keep editing
    yield lambda: not d.dialogs()
    assert d.focused() == d.widget("tags")
    tab_to(d, d.widget("save"))
    d.key(ENTER)
    assert d.screen.status.endswith("is in the future; a check-in can only be dated now or earlier.")
    assert stored(d)[0].mood != 8
    when = (stored(d)[0].created_at.astimezone() - timedelta(days=1)).replace(
        hour=8, minute=30, second=0, microsecond=0
    )
    tab_to(d, d.widget("when"))
    d.key(ord("a"), "a", modifiers=("ctrl",))
    d.write(f"{when:%Y-%m-%d %H:%M}")
    tab_to(d, d.widget("save"))
    d.key(ENTER)
    assert d.screen.status == "Changes saved.", d.screen.status
    (changed,) = stored(d)
    assert (changed.mood, changed.tags, changed.created_at) == (8, ["park", "friends"], when), changed
    d.key(ESCAPE)
    yield d.on("history")
    d.key(ESCAPE)
    yield d.on("home")


def text_sizes(d: Driver) -> list[tuple[str, float]]:
    """Each text on the current screen with its font size."""
    from kivy.uix.label import Label

    return sorted((w.text, round(w.font_size, 1)) for w in d.screen.walk() if isinstance(w, Label) and w.text)


def setting_choice(d: Driver, field: str, label: str) -> Widget:
    return next(c for c, _value in d.screen._choices[field] if c.text == label)


def chart_pixels(d: Driver) -> tuple[int, int] | None:
    texture = d.widget("chart").texture
    return None if texture is None else tuple(texture.size)


def history_chart_sharp(d: Driver) -> Generator[Step, None, None]:
    """The history chart and the year in pixels are drawn at the pixels they are shown at (no scaling
    blur), again after a resize."""
    from kivy.core.window import Window

    yield from unlock_from_the_keyboard(d)
    d.app.navigator.show("history")
    yield d.on("history")
    for size in (None, (1280, 800)):
        if size is not None:
            Window.size = size
            yield 0.5  # the layout follows the window, then the chart is drawn again
        box = d.widget("chart_box")
        wanted = (round(box.height * 3 / 2), round(box.height))
        yield lambda wanted=wanted: not d.screen.loading and chart_pixels(d) == wanted
        shown = tuple(round(v) for v in d.widget("chart").norm_image_size)
        assert shown == wanted, f"the chart is scaled: {shown} for {wanted}"
        assert not d.dialogs(), open_dialog(d).message
        Window.screenshot(str(d.app.data_dir.parent / f"history-{Window.width}.png"))
    d.press("year")
    yield d.on("year")
    for size in ((1280, 800), (800, 600)):
        Window.size = size
        yield 0.5
        width = round(d.widget("chart").width)
        yield lambda width=width: not d.screen.loading and chart_pixels(d) is not None and chart_pixels(d)[0] == width
        shown = tuple(round(v) for v in d.widget("chart").norm_image_size)
        assert shown == chart_pixels(d), f"the year is scaled: {shown} for {chart_pixels(d)}"


def settings_text_size_and_retention(d: Driver) -> Generator[Step, None, None]:
    """Text size Larger then Normal puts every heading, label and button back at its size; a shorter
    retention asks first (Keep them leaves the setting as it was)."""
    yield from unlock_from_the_keyboard(d)
    home_before = text_sizes(d)
    d.app.navigator.show("settings")
    yield d.on("settings")
    settings_before = text_sizes(d)
    for label in ("Larger", "Normal"):
        d.press(setting_choice(d, "text_scale", label))
        yield 0.2
    assert text_sizes(d) == settings_before, sorted(set(text_sizes(d)) ^ set(settings_before))
    d.key(ESCAPE)
    yield d.on("home")
    assert text_sizes(d) == home_before, sorted(set(text_sizes(d)) ^ set(home_before))
    d.app.navigator.show("settings")
    yield d.on("settings")
    d.press(setting_choice(d, "retention_days", "90 days"))
    yield lambda: bool(d.dialogs()) and open_dialog(d).ids.confirm.focus
    assert "older than 90 days will be deleted" in open_dialog(d).message
    d.key(ESCAPE)  # Keep them
    yield lambda: not d.dialogs()
    assert d.app.settings.retention_days is None and setting_choice(d, "retention_days", "Forever").state == "down"
    d.press(setting_choice(d, "retention_days", "90 days"))
    yield lambda: bool(d.dialogs()) and open_dialog(d).ids.confirm.focus
    d.key(ENTER)
    yield lambda: not d.dialogs()
    assert d.app.settings.retention_days == 90
    d.press(setting_choice(d, "retention_days", "1 year"))  # keeping more deletes nothing: no question
    assert not d.dialogs() and d.app.settings.retention_days == 365


def rating_screen_layout(d: Driver) -> Generator[Step, None, None]:
    """At 800x600 Save is on screen without scrolling; its error keeps the layout still and goes once a
    mood is chosen; a wheel notch scrolls a few lines."""
    yield from unlock_from_the_keyboard(d)
    d.key(ENTER)
    yield d.on("reflect")
    save, note = d.widget("save"), d.widget("note")
    where = (note.to_window(*note.pos), save.to_window(*save.pos))
    d.press("save")
    assert "Choose how you feel" in d.screen.error
    yield 0.1
    assert (note.to_window(*note.pos), save.to_window(*save.pos)) == where, "the error moved the layout"
    d.focused().focus = False
    d.widget("moods").focus = True
    d.write("4")
    assert d.screen.error == "", "the error stays after it was fixed"
    yield lambda: len(d.widget("prompts").children) >= 1
    yield 0.1
    y = save.to_window(save.x, save.y)[1]
    assert y >= 0 and y + save.height <= d.window.height, "Save is below the fold once the prompts are shown"
    assert d.widget("scroll").scroll_wheel_distance >= 48


def create_errors(d: Driver) -> Generator[Step, None, None]:
    """First run: a refused passphrase's message goes as soon as the passphrase is edited, and the
    message's line is kept free, so the buttons do not jump."""
    yield d.on("welcome")
    d.press("next")
    yield d.on("create")
    button = d.widget("create")
    before = button.to_window(*button.pos)
    d.write("short")
    d.key(ENTER)  # to the second field
    d.write("short")
    d.key(ENTER)
    assert d.screen.error
    yield 0.1
    assert button.to_window(*button.pos) == before, "the error moved the buttons"
    d.widget("first").focus = True
    d.write("er")
    assert d.screen.error == "", "the error stays after the passphrase was edited"


def tab_to(d: Driver, target: Widget, limit: int = 80) -> None:
    """Press Tab until ``target`` has the focus (as a keyboard user would), failing after ``limit``."""
    for _ in range(limit):
        if d.focused() == target:
            return
        d.key(TAB)
    raise AssertionError(f"Tab never reached {target!r} (focus: {d.focused()!r})")


def lock_button(d: Driver) -> Widget:
    return next(w for w in d.screen.walk() if getattr(w, "text", None) == "Lock")


def keyboard_only(d: Driver) -> Generator[Step, None, None]:
    """Create a journal, lock and unlock, check in with mood, note and a reflection, read it in
    History, export a report and delete all data: from the keyboard alone, not one mouse event."""
    touches: list[object] = []
    d.window.bind(on_touch_down=lambda _w, touch: touches.append(touch))
    report = d.app.data_dir.parent / "keyboard-report.pdf"
    yield d.on("welcome")
    assert d.focused() == d.widget("next")
    d.key(ENTER)
    yield d.on("create")
    assert d.focused() == d.widget("first")
    d.write(PASSPHRASE)
    d.key(ENTER)
    assert d.focused() == d.widget("second")
    d.write(PASSPHRASE)
    d.key(ENTER)
    yield d.on("home")
    tab_to(d, lock_button(d))
    d.key(ENTER)
    yield d.on("unlock")
    assert d.app.vault is None
    d.write(PASSPHRASE)
    d.key(ENTER)
    yield d.on("home")
    assert d.focused() == d.widget("start")
    d.key(ENTER)
    yield d.on("reflect")
    d.write("7")
    d.key(TAB)
    d.write("Tea with my sister.")
    d.key(TAB)
    d.write("family")
    yield lambda: len(d.widget("prompts").children) >= 1
    answer = d.widget("prompts").children[-1].ids.answer
    tab_to(d, answer)
    d.write("Her laugh.")
    tab_to(d, d.widget("save"))
    d.key(ENTER)
    yield d.on("history")
    assert d.widget("notice").text == "Check-in saved."
    yield lambda: not d.screen.loading and len(d.widget("rows").children) == 1
    saved = stored(d)[0]
    assert (saved.mood, saved.note, saved.tags) == (7, "Tea with my sister.", ["family"]), saved
    assert [a.text for a in saved.answers] == ["Her laugh."]
    tab_to(d, d.widget("rows").children[0])
    d.key(ENTER)
    yield d.on("entry")
    assert d.widget("note").text == "Tea with my sister." and "Her laugh." in d.screen.reflection
    d.key(ESCAPE)
    yield d.on("history")
    tab_to(d, d.widget("export"))
    d.key(ENTER)
    yield d.on("export")
    tab_to(d, d.widget("password"))
    d.write("harbour lantern velvet")
    d.key(TAB)
    d.write("harbour lantern velvet")
    tab_to(d, d.widget("path"))
    d.key(ord("a"), "a", modifiers=("ctrl",))  # select what is there; typing replaces it
    d.write(str(report))
    tab_to(d, d.widget("export"))
    d.key(ENTER)
    yield lambda: not d.screen.working and bool(d.screen.status or d.screen.error)
    assert d.screen.status.startswith("Saved 1 check-in to"), d.screen.error
    assert report.read_bytes().startswith(b"%PDF")
    d.key(ESCAPE)
    yield d.on("history")
    d.key(ESCAPE)
    yield d.on("home")
    tab_to(d, d.widget("settings"))
    d.key(ENTER)
    yield d.on("settings")
    tab_to(d, d.widget("erase"))
    d.key(ENTER)
    yield lambda: bool(d.dialogs()) and open_dialog(d).fields()[0].focus
    d.write("DELETE")
    d.key(ENTER)
    yield d.on("welcome")
    assert "deleted" in d.widget("notice").text
    assert not Vault.exists(d.app.data_dir)
    assert touches == [], "the keyboard-only run received mouse events"


BACKUP_PASSWORD = "harbour lantern velvet"


def backup_from_settings(d: Driver) -> Generator[Step, None, None]:
    """Settings -> Back up your journal…: a path in the data folder and a wrong passphrase are refused;
    a backup sealed with the journal passphrase, then (after the replace question) with a separate
    password typed twice; each file opens with its password and holds the check-ins."""
    from moodmirror.backup.archive import read_backup

    top = d.app.data_dir.parent
    yield from unlock_from_the_keyboard(d)
    d.app.navigator.show("settings")
    yield d.on("settings")
    d.press("back_up")
    yield d.on("backup")
    assert d.focused() == d.widget("path")
    d.type("password", "not the passphrase")
    d.type("path", str(d.app.data_dir / "vault.sqlite3"))
    d.press("save")
    assert "outside the data folder" in d.screen.error and not d.screen.working
    first = top / "journal.mmbackup"
    d.type("path", str(first))
    d.press("save")
    yield lambda: not d.screen.working
    assert "not your journal passphrase" in d.widget("error").text and not first.exists()
    d.type("password", PASSPHRASE)
    d.press("save")
    yield lambda: not d.screen.working and d.screen.status
    assert d.screen.status.startswith(f"Saved backup to {first}") and "your journal passphrase" in d.screen.status
    kept = read_backup(first, PASSPHRASE)
    assert kept.uses_vault_passphrase and sorted(c.note for c in kept.checkins) == ["first", "second"]
    d.press("use_separate")
    d.type("password", "short")
    d.press("save")
    assert "at least 10 characters" in d.screen.error
    d.type("password", BACKUP_PASSWORD)
    d.type("again", BACKUP_PASSWORD + "!")
    d.press("save")
    assert "not the same" in d.screen.error
    d.type("again", BACKUP_PASSWORD)
    d.press("save")
    yield lambda: bool(d.dialogs())
    d.press(open_dialog(d).ids.confirm)  # Replace
    yield lambda: not d.dialogs() and not d.screen.working and d.screen.status
    assert "its own backup password" in d.screen.status, d.screen.error
    separate = read_backup(first, BACKUP_PASSWORD)
    assert not separate.uses_vault_passphrase and len(separate.checkins) == 2
    d.key(ESCAPE)
    yield d.on("settings")


def restore_first_run(d: Driver) -> Generator[Step, None, None]:
    """Welcome -> Restore from a backup…: the file browser picks the backup (it lists no other file);
    a file that is not a backup and a wrong password are refused
    (the screen stays, nothing is written); the right passphrase restores, and the unlock screen
    says so and opens the restored check-ins."""
    top = d.app.data_dir.parent
    yield d.on("welcome")
    d.press("restore")
    yield d.on("restore")
    assert d.focused() == d.widget("path")
    d.type("path", str(top / "journal.mmbackup"))
    d.press("choose_file")  # the file browser opens in the typed path's folder and lists backups only
    yield lambda: bool(d.dialogs())
    dialog = open_dialog(d)
    chooser = next(w for w in dialog.walk(restrict=True) if isinstance(w, FileChooser))
    backup = str(top / "journal.mmbackup")
    yield lambda: backup in chooser.files
    assert chooser.path == str(top) and str(top / "notes.txt") not in chooser.files
    d.press(dialog.ids.confirm)
    assert "Click a backup file" in dialog.error and d.dialogs(), "Choose with no file chosen closed the browser"
    chooser.selection = [backup]  # what a click on the file does
    assert backup in dialog.message
    d.press(dialog.ids.confirm)
    yield lambda: not d.dialogs()
    assert d.widget("path").text == backup
    d.type("path", str(top / "notes.txt"))
    d.type("password", PASSPHRASE)
    d.press("restore")
    yield lambda: not d.screen.working
    assert "not a MoodMirror backup" in d.widget("error").text
    d.type("path", str(top / "journal.mmbackup"))
    d.type("password", "not the passphrase")
    d.press("restore")
    yield lambda: not d.screen.working
    assert "does not open this backup" in d.widget("error").text
    assert d.app.navigator.current == "restore" and not Vault.exists(d.app.data_dir)
    d.type("password", PASSPHRASE)
    d.key(ENTER)  # Enter in the password field restores
    yield d.on("unlock")
    assert "Restored 2 check-ins" in d.widget("message").text
    yield from unlock_from_the_keyboard(d)
    assert sorted(c.note for c in stored(d)) == ["first", "second"]


def restore_separate_password(d: Driver) -> Generator[Step, None, None]:
    """A backup with its own password asks for a new passphrase for the journal, which then unlocks it."""
    yield d.on("welcome")
    d.press("restore")
    yield d.on("restore")
    d.type("path", str(d.app.data_dir.parent / "journal.mmbackup"))
    d.type("password", BACKUP_PASSWORD)
    d.press("restore")
    yield lambda: d.screen.needs_passphrase
    assert not Vault.exists(d.app.data_dir) and d.focused() == d.widget("first")
    d.type("first", "new words for the journal")
    d.type("second", "new words for the journal")
    d.press("restore")
    yield d.on("unlock")
    assert "Unlock with your new passphrase" in d.widget("message").text
    d.type("passphrase", "new words for the journal")
    d.press("unlock")
    yield d.on("home")
    assert len(stored(d)) == 2


SCENARIOS = {
    "full_flow": full_flow,
    "keyboard_only": keyboard_only,
    "camera_error": camera_error,
    "wrong_passphrase_is_refused": wrong_passphrase_is_refused,
    "tab_then_enter_unlocks": tab_then_enter_unlocks,
    "checkin_without_camera": checkin_without_camera,
    "worrying_note_brings_support_screen": worrying_note_brings_support_screen,
    "delete_entry_with_enter": delete_entry_with_enter,
    "change_passphrase_with_enter": change_passphrase_with_enter,
    "autolock_locks_the_journal": autolock_locks_the_journal,
    "export_list_readable_in_both_themes": export_list_readable_in_both_themes,
    "export_refuses_bad_paths": export_refuses_bad_paths,
    "folder_browser_from_a_missing_folder": folder_browser_from_a_missing_folder,
    "folder_browser_cancel_and_choose": folder_browser_cancel_and_choose,
    "replace_question_before_overwriting": replace_question_before_overwriting,
    "export_dates_and_age_key": export_dates_and_age_key,
    "gentle_word_when_words_read_heavier": gentle_word_when_words_read_heavier,
    "back_dated_checkin": back_dated_checkin,
    "entry_shows_rating_beside_words": entry_shows_rating_beside_words,
    "search_from_history": search_from_history,
    "year_in_pixels": year_in_pixels,
    "month_calendar_opens_a_day": month_calendar_opens_a_day,
    "insights_what_goes_with_your_mood": insights_what_goes_with_your_mood,
    "daily_reminder_on_and_off": daily_reminder_on_and_off,
    "daylio_import": daylio_import,
    "daylio_broken_file_refused": daylio_broken_file_refused,
    "home_keyboard": home_keyboard,
    "dialog_returns_focus": dialog_returns_focus,
    "mood_scale_keys": mood_scale_keys,
    "settings_after_relaunch": settings_after_relaunch,
    "checkin_fits_larger_text": checkin_fits_larger_text,
    "escape_goes_back": escape_goes_back,
    "settings_text_size_and_retention": settings_text_size_and_retention,
    "history_chart_sharp": history_chart_sharp,
    "rating_screen_layout": rating_screen_layout,
    "create_errors": create_errors,
    "backup_from_settings": backup_from_settings,
    "restore_first_run": restore_first_run,
    "restore_separate_password": restore_separate_password,
    "camera_source_demo": camera_source_demo,
    "camera_source_relaunch": camera_source_relaunch,
}
Seed = Callable[[Path], None]
"""What lies in and beside the data folder before the app starts (given the data folder)."""


def nothing(_data_dir: Path) -> None:
    """No journal: a first run, or a relaunch onto the journal an earlier scenario left."""


def journal(checkins: Callable[[], list[CheckIn]] = list, **settings: object) -> Seed:
    """A journal (unlocked by PASSPHRASE) holding ``checkins()``, with ``settings`` saved in it."""

    def seed(data_dir: Path) -> None:
        with Vault.create(data_dir, PASSPHRASE, **FAST) as vault:
            vault.add_checkins(checkins())
            vault.save_settings(replace(vault.load_settings(), **settings))

    return seed


def two_checkins() -> list[CheckIn]:
    return [CheckIn(mood=6, note="first"), CheckIn(mood=3, note="second")]


def backup_beside(password: str) -> Seed:
    """No journal; ``journal.mmbackup`` (two check-ins, sealed with ``password``) and ``notes.txt`` beside the data folder."""

    def seed(data_dir: Path) -> None:
        from moodmirror.backup.archive import write_backup

        top = data_dir.parent
        with Vault.create(top / "old-computer", PASSPHRASE, **FAST) as vault:
            vault.add_checkins(two_checkins())
            uses_vault_passphrase = password == PASSPHRASE
            write_backup(vault, top / "journal.mmbackup", password, uses_vault_passphrase=uses_vault_passphrase, **FAST)
        (top / "notes.txt").write_text("not a backup")

    return seed


def save_as_files(data_dir: Path) -> None:
    """A journal with one check-in; beside it ``reports/report.pdf`` (an older report) and ``notes.txt``."""
    journal(lambda: [CheckIn(mood=6)])(data_dir)
    top = data_dir.parent
    (top / "reports").mkdir()
    (top / "reports" / "report.pdf").write_bytes(b"an older report")
    (top / "notes.txt").write_text("a file, which the folder browser must not list")


SEEDS: dict[str, Seed] = {
    "full_flow": nothing,
    "create_errors": nothing,
    "keyboard_only": nothing,
    "restore_first_run": backup_beside(PASSPHRASE),
    "restore_separate_password": backup_beside(BACKUP_PASSWORD),
    "camera_source_demo": journal(camera_enabled=True),
    "camera_source_relaunch": nothing,
    "settings_after_relaunch": journal(camera_enabled=True),
    "checkin_fits_larger_text": journal(camera_enabled=True, text_scale=1.3),
    "escape_goes_back": journal(lambda: sample_checkins(days=1)[:1]),  # a camera check-in from yesterday
    "backup_from_settings": journal(two_checkins),
    "export_dates_and_age_key": journal(range_checkins),
    "history_chart_sharp": journal(feature_checkins),
    "delete_entry_with_enter": journal(lambda: [CheckIn(mood=5, note="To be deleted")]),
    "entry_shows_rating_beside_words": journal(  # with its note's tone, as the journal saves it
        lambda: [with_tone(CheckIn(mood=6, note="Written the morning after"))]
    ),
    **dict.fromkeys(
        ["search_from_history", "year_in_pixels", "month_calendar_opens_a_day", "insights_what_goes_with_your_mood"],
        journal(feature_checkins),
    ),
    **dict.fromkeys(
        [
            "export_list_readable_in_both_themes",
            "export_refuses_bad_paths",
            "folder_browser_from_a_missing_folder",
            "folder_browser_cancel_and_choose",
            "replace_question_before_overwriting",
        ],
        save_as_files,
    ),
}
"""How each scenario starts; any other finds an empty journal with the default settings."""
MISSING_CAMERA = "camera:99"
SOURCES: dict[str, Callable[[], object] | None] = {
    "camera_error": lambda: MISSING_CAMERA,
    "camera_source_demo": None,  # check-ins read what Settings chose
    "camera_source_relaunch": None,
}
"""Where check-ins read frames (None: the app's own choice); any other scenario reads a FakeCamera."""


def main(name: str, data_dir: Path) -> int:
    SEEDS.get(name, journal())(data_dir)
    # The smallest supported window, so every step also checks that the layout works there.
    return run_scenario(
        SCENARIOS[name], data_dir, make_source=SOURCES.get(name, FakeCamera), vault_options=FAST, window_size=(800, 600)
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
