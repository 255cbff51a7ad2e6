"""Save a screenshot of every screen to a folder: ``python tests/screenshots.py OUTDIR``.

Runs the real app in a window (use ``xvfb-run`` without a display) on a throw-away journal in a
temporary folder, with the built-in demo face as the camera and two weeks of sample
check-ins, then removes the journal. Also saves the dialogs (shortcuts, leave without saving,
retention, folder browser, Test camera), every main screen with the larger text in light and dark at 800x600
and 1280x800, and Welcome after Delete all data.
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections.abc import Callable, Generator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from scripted import Driver, Scenario, Step, run_scenario

from moodmirror.emotions import EMOTIONS
from moodmirror.records import CheckIn, EmotionSummary
from moodmirror.ui.theme import TEXT_SCALES
from moodmirror.ui.widgets.camera_test import CameraTest

PASSPHRASE = "quiet river morning tea"


def sample_checkins(days: int = 13, seed: int = 7) -> list[CheckIn]:
    """Plausible check-ins for the last ``days`` days (not today), for the charts."""
    rng = random.Random(seed)
    noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    made = []
    for back in range(days, 0, -1):
        weights = [rng.random() ** 2 for _ in EMOTIONS]
        total = sum(weights)
        probabilities = {e: w / total for e, w in zip(EMOTIONS, weights)}
        dominant = max(probabilities, key=probabilities.__getitem__)
        summary = EmotionSummary(probabilities, dominant, probabilities[dominant], 0.6, rng.uniform(-0.5, 0.6),
                                 rng.uniform(-0.2, 0.5), 420, 380, 0.95, 15.0, "emotion-sample", "demo")  # fmt: skip
        made.append(CheckIn(mood=rng.randint(4, 9), note="", tags=rng.sample(["work", "sleep", "walk", "friends"], 1),
                            summary=summary, created_at=noon - timedelta(days=back, hours=rng.randint(-3, 6))))  # fmt: skip
    return made


Shot = Callable[[str], Generator[Step, None, None]]
VARIANTS: tuple[tuple[str, tuple[int, int]], ...] = (
    ("light", (800, 600)),
    ("dark", (800, 600)),
    ("light", (1280, 800)),
    ("dark", (1280, 800)),
)


def dialogs(d: Driver, shot: Shot) -> Generator[Step, None, None]:
    """The keyboard shortcuts, Leave without saving?, a shorter retention and the folder browser."""
    d.app.navigator.show("home")
    yield d.on("home")
    d.app.open_settings()
    yield lambda: bool(d.dialogs()) and d.dialogs()[0].ids.confirm.focus
    yield from shot("19a-keyboard-shortcuts")
    d.key(27)
    yield lambda: not d.dialogs()
    d.press("start_no_camera")
    yield d.on("reflect")
    d.widget("moods").focus = True
    d.key(ord("4"), "4")
    yield from shot("19b-mood-scale-focused")
    d.key(27)
    yield lambda: bool(d.dialogs()) and d.dialogs()[0].ids.confirm.focus
    yield from shot("19c-leave-without-saving")
    d.key(13)
    yield d.on("home")
    d.app.navigator.show("settings")
    yield d.on("settings")
    next(c for c, value in d.screen._choices["retention_days"] if value == 90).trigger_action(0)
    yield lambda: bool(d.dialogs()) and d.dialogs()[0].ids.confirm.focus
    yield from shot("19d-retention-warning")
    d.key(27)
    yield lambda: not d.dialogs()
    d.app.navigator.show("export")
    yield d.on("export")
    d.press("choose_folder")
    yield lambda: bool(d.dialogs()) and d.dialogs()[0].ids.confirm.focus
    yield from shot("19e-folder-browser")
    d.key(27)
    yield lambda: not d.dialogs()


def every_screen(d: Driver, shot: Shot, prefix: str) -> Generator[Step, None, None]:
    """Home, the check-in, the rating screen, History, a past check-in, search, the year, the month
    calendar, what goes with your mood, the report, Settings, the import and the backup."""
    d.app.navigator.show("home")
    yield d.on("home")
    yield from shot(f"{prefix}-home")
    d.press("start")
    yield d.on("checkin")
    yield lambda: d.screen.frames_drawn >= 5
    yield from shot(f"{prefix}-checkin")
    d.press("stop")
    yield d.on("reflect")
    d.widget("moods").value = 7
    yield lambda: len(d.widget("prompts").children) >= 1
    yield from shot(f"{prefix}-reflect")
    d.app.navigator.show("history")
    yield d.on("history")
    yield lambda: not d.screen.loading
    yield from shot(f"{prefix}-history")
    d.press(d.widget("rows").children[-1])
    yield d.on("entry")
    yield from shot(f"{prefix}-entry")
    for name in ("search", "year", "calendar", "insights"):
        d.app.navigator.show(name, **({"query": "friends"} if name == "search" else {}))
        yield d.on(name)
        yield lambda: not d.screen.loading
        yield from shot(f"{prefix}-{name}")
    for name in ("export", "settings", "importing", "backup"):
        d.app.navigator.show(name)
        yield d.on(name)
        yield from shot(f"{prefix}-{name}")


def tour(out: Path) -> Scenario:
    """The scenario that visits every screen and saves PNGs into ``out``."""

    def scenario(d: Driver) -> Generator[Step, None, None]:
        def shot(name: str) -> Generator[Step, None, None]:
            yield 0.35  # let transitions and redraws settle
            d.screenshot(out / f"{name}.png")

        yield d.on("welcome")
        yield from shot("01-welcome")
        d.press("restore")
        yield d.on("restore")
        yield from shot("01b-restore")
        d.key(27)  # Escape: back to Welcome
        yield d.on("welcome")
        d.press("camera_yes")
        d.press("next")
        yield d.on("create")
        d.type("first", PASSPHRASE)
        yield from shot("02-create-passphrase")
        d.type("second", PASSPHRASE)
        d.press("create")
        yield d.on("home")
        for checkin in sample_checkins():
            d.app.vault.add_checkin(checkin)
        d.app.save_settings(replace(d.app.settings, checkin_seconds=60))  # time enough on a slow machine
        d.screen.prepare()
        yield from shot("03-home")
        d.press("start")
        yield d.on("checkin")
        yield lambda: d.screen.frames_drawn >= 20
        yield from shot("04-checkin-live")
        d.press("stop")
        yield d.on("reflect")
        d.click(d.widget("moods").cells[5])
        d.type("note", "Long day, but a good talk with a friend in the evening.")
        d.type("tags", "work, friends")
        yield from shot("05-reflect")
        d.press("thought")
        yield d.on("thought")
        d.type(d.widget("input").children[0], "My manager moved our meeting without telling me.")
        yield from shot("06-thought-record")
        d.press("next")
        d.type(d.widget("input").children[0], "They don't care what I think.")
        d.press("next")
        row = d.widget("input").children[-1]
        d.type(row.ids.name, "hurt")
        yield 0.1  # laid out before its slider is clicked
        d.slide(row.ids.amount, 60)
        yield from shot("06a-feelings")
        d.press("next")
        yield from shot("06b-thinking-traps")
        d.app.navigator.show("reflect", resume=True)
        yield d.on("reflect")
        d.press("save")
        yield d.on("history")
        yield lambda: not d.screen.loading
        d.press("previous")
        yield lambda: not d.screen.loading
        yield from shot("07-history-week")
        d.screen.set_mode("month")
        yield lambda: not d.screen.loading
        yield from shot("08-history-month")
        d.screen.set_mode("week")
        yield lambda: not d.screen.loading
        d.press(d.widget("rows").children[-1])
        yield d.on("entry")
        yield from shot("09-entry")
        d.app.navigator.show("search", query="friends")
        yield lambda: d.app.navigator.current == "search" and not d.screen.loading
        yield from shot("09a-search")
        d.app.navigator.show("year")
        yield lambda: d.app.navigator.current == "year" and not d.screen.loading
        yield from shot("09b-year-in-pixels")
        d.app.navigator.show("calendar")
        yield lambda: d.app.navigator.current == "calendar" and not d.screen.loading
        d.press(next(w for w in d.widget("grid").children if getattr(w, "cell", None) and w.cell.checkins))
        yield from shot("09ba-month-calendar")
        d.app.navigator.show("insights")
        yield lambda: d.app.navigator.current == "insights" and not d.screen.loading
        yield from shot("09c-insights")
        d.app.navigator.show("export")
        yield d.on("export")
        yield from shot("10-export")
        d.press("period_dates")
        yield from shot("10-export-dates")
        d.press("protect_key")
        d.widget("recipient").focus = True  # scrolls the key field into view
        yield from shot("10-export-age-key")
        d.widget("recipient").focus = False
        d.press("period_4w")
        d.press("protect_password")
        d.app.navigator.show("settings")
        yield d.on("settings")
        yield from shot("10-settings")
        d.widget("scroll").scroll_y = 0
        yield from shot("10b-settings-end")
        d.app.navigator.show("importing")
        yield d.on("importing")
        yield from shot("10c-import")
        d.app.navigator.show("backup")
        yield d.on("backup")
        yield from shot("10d-backup")
        d.app.navigator.show("settings")
        yield d.on("settings")
        d.widget("scroll").scroll_y = 1
        d.press("erase")
        yield lambda: bool(d.dialogs()) and d.dialogs()[0].fields()[0].focus  # faded in
        d.type(d.dialogs()[0].fields()[0], "DEL")
        yield from shot("11-delete-all-dialog")
        d.key(27)
        yield lambda: not d.dialogs()
        d.press(d.screen.camera_row.ids.test_camera)
        yield lambda: bool(d.dialogs()) and d.dialogs()[0].ids.confirm.focus
        test = next(w for w in d.dialogs()[0].walk() if isinstance(w, CameraTest))
        yield lambda: test.frames_shown >= 5
        yield from shot("11b-test-camera-dialog")
        d.key(27)
        yield lambda: not d.dialogs()
        d.app.navigator.show(
            "crisis", reason="Your last few check-ins have been really low. You don't have to carry it alone."
        )
        yield d.on("crisis")
        yield from shot("12-crisis-support")
        d.app.save_settings(replace(d.app.settings, theme="dark"))
        d.app.navigator.show("home")
        yield d.on("home")
        yield from shot("13-home-dark")
        d.app.navigator.show("history")
        yield lambda: not d.screen.loading
        yield from shot("14-history-dark")
        d.app.save_settings(replace(d.app.settings, theme="light"))
        d.app.navigator.show("home")
        yield d.on("home")
        d.app.root_window.size = (800, 600)
        yield from shot("15-home-800x600")
        d.press("start")
        yield d.on("checkin")
        yield lambda: d.screen.frames_drawn >= 20
        yield from shot("16-checkin-800x600")
        yield from dialogs(d, shot)
        for theme, size in VARIANTS:
            d.app.save_settings(replace(d.app.settings, theme=theme, text_scale=TEXT_SCALES[-1]))
            d.app.root_window.size = size
            yield from every_screen(d, shot, f"20-{theme}-{size[0]}x{size[1]}-larger")
        d.app.save_settings(replace(d.app.settings, theme="light", text_scale=TEXT_SCALES[0]))
        d.app.root_window.size = (1024, 720)
        d.app.lock()
        yield d.on("unlock")
        d.type("passphrase", "wrong guess")
        d.press("unlock")
        yield lambda: not d.screen.working
        yield from shot("17-unlock-wrong-passphrase")
        d.type("passphrase", PASSPHRASE)
        d.press("unlock")
        yield d.on("home")
        d.app.navigator.show("settings")
        yield d.on("settings")
        d.press("erase")
        yield lambda: bool(d.dialogs()) and d.dialogs()[0].fields()[0].focus
        d.type(d.dialogs()[0].fields()[0], "DELETE")
        d.key(13)
        yield d.on("welcome")
        yield from shot("18-welcome-after-delete-all")

    return scenario


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m moodmirror.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    with tempfile.TemporaryDirectory(prefix="moodmirror-shots-") as data:
        code = run_scenario(tour(out), Path(data) / "journal", make_source=lambda: "demo", timeout_s=60)
    if code == 0:
        print(f"screenshots saved in {out}")
    return code


if __name__ == "__main__":
    sys.exit(main())
