"""Export: the therapist report as an encrypted PDF, made by ``moodmirror.report``.

The user picks the period, whether notes and reflections go in, which check-ins to leave out,
a report password (twice, at least 10 characters) and where to save: a path typed in the
"Save as" field, or a folder picked in a folder browser (the file name is kept). A path in a
missing folder, one that is a folder, or one inside the data folder (where it could replace
the journal) is refused before anything is made; an existing file
is replaced only after the user confirms. The report is made and written (atomically, mode
0600, no unencrypted copy) in a worker thread.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from moodmirror.errors import MoodMirrorError, PassphraseError
from moodmirror.insights.periods import check_week_start
from moodmirror.journal import damaged_notice, read_checkins
from moodmirror.records import CheckIn
from moodmirror.report.content import ReportOptions, ReportPeriod, select_checkins
from moodmirror.report.export import write_encrypted_report
from moodmirror.report.passwords import check_new_password
from moodmirror.ui import save_as
from moodmirror.ui.overview import when
from moodmirror.ui.widgets.common import CheckItem, Page
from moodmirror.ui.worker import run_in_background

PERIOD_DAYS: dict[str, int | None] = {"4 weeks": 28, "3 months": 91, "Everything": None}


def report_name(today: date) -> str:
    """The report's default file name: ``moodmirror-report-YYYY-MM-DD.pdf``."""
    return f"moodmirror-report-{today.isoformat()}.pdf"


class ExportScreen(Page):
    """Collects the report options and writes the encrypted PDF."""

    period_name = StringProperty("4 weeks")
    include_notes = BooleanProperty(False)
    working = BooleanProperty(False)
    status = StringProperty("")
    error = StringProperty("")
    chosen = NumericProperty(0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._checkins: list[CheckIn] = []
        self._entries: list[tuple[CheckItem, str]] = []

    def prepare(self) -> None:
        readable = read_checkins(App.get_running_app().vault)
        self._checkins = readable.checkins
        self.ids.path.text = str(save_as.default_path(report_name(date.today())))
        self.ids.password.text = self.ids.again.text = ""
        self.status, self.error = damaged_notice(readable.damaged), ""
        self.include_notes = False
        self.set_period(self.period_name)

    def period(self) -> ReportPeriod:
        today = date.today()
        days = PERIOD_DAYS[self.period_name]
        if days is None:
            return ReportPeriod.covering(self._checkins, today)
        return ReportPeriod(today - timedelta(days=days - 1), today)

    def set_period(self, name: str) -> None:
        self.period_name = name
        box = self.ids.entries
        box.clear_widgets()
        self._entries = []
        now = datetime.now().astimezone()
        for checkin in reversed(select_checkins(self._checkins, self.period(), ReportOptions())):
            moment = when(checkin.created_at, now)
            choice = CheckItem(text=f"{moment[0].upper()}{moment[1:]}  ·  mood {checkin.mood}", state="down")
            choice.bind(state=lambda *_: self._count())
            box.add_widget(choice)
            self._entries.append((choice, checkin.id))
        self._count()

    def export(self) -> None:
        password, again = self.ids.password.text, self.ids.again.text
        try:
            check_new_password(password, "report")
        except PassphraseError as error:
            self.error = str(error)
            return
        if password != again:
            self.error = "The two report passwords are not the same."
            return
        if not self.chosen:
            self.error = "Choose at least one check-in to put in the report."
            return
        try:
            path = save_as.check_target(self.ids.path.text, App.get_running_app().data_dir, "report")
        except MoodMirrorError as error:
            self.error = str(error)
            return
        self.error = self.status = ""
        save_as.confirm_replace(path, lambda: self._start(path, password), self._kept)

    def choose_folder(self) -> None:
        """Open the folder browser; choosing puts the folder in front of the file name."""
        save_as.choose_folder(self.ids.path.text, report_name(date.today()), self._use_path)

    def _use_path(self, path: Path) -> None:
        self.ids.path.text = str(path)
        self.error = self.status = ""

    def _kept(self) -> None:
        self.status = "Nothing was saved; the existing file was left as it was."

    def _start(self, path: Path, password: str) -> None:
        settings = App.get_running_app().settings
        options = ReportOptions(
            include_notes=self.include_notes,
            exclude_ids=frozenset(ident for choice, ident in self._entries if choice.state != "down"),
            week_start=check_week_start(settings.week_start),
        )
        checkins, period = self._checkins, self.period()
        self.error, self.status, self.working = "", "Making the report…", True
        run_in_background(
            lambda: write_encrypted_report(path, checkins, period, options, password=password),
            lambda count: self._done(path, count),
            self._failed,
            App.get_running_app().busy,
        )

    def _count(self) -> None:
        self.chosen = sum(1 for choice, _ in self._entries if choice.state == "down")

    def _done(self, path: Path, count: int) -> None:
        self.working = False
        self.ids.password.text = self.ids.again.text = ""
        noun = "check-in" if count == 1 else "check-ins"
        self.status = f"Saved {count} {noun} to {path}. It opens only with the report password."

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.status = ""
        self.error = str(error)
