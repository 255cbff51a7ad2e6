"""Export: the therapist report as an encrypted PDF, made by ``moodmirror.report``.

The user picks the period (a preset, or "Choose dates": From and To, checked by
:func:`moodmirror.report.dates.typed_period` as they are typed, the list of check-ins following
them), whether notes and reflections go in, which check-ins to leave out, how the report is
protected (a report password, twice, at least 10 characters; or the clinician's ``age1...``
public key, which makes a ``.pdf.age`` file) and where to save: a path typed in the
"Save as" field, or a folder picked in a folder browser (the file name is kept). A path in a
missing folder, one that is a folder, or one inside the data folder (where it could replace
the journal) is refused before anything is made; an existing file
is replaced only after the user confirms. The report is made and written (atomically, mode
0600, no unencrypted copy) in a worker thread.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import cast

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, OptionProperty, StringProperty

from moodmirror.errors import InvalidPeriod, MoodMirrorError, PassphraseError, ReportError
from moodmirror.insights.periods import check_week_start
from moodmirror.journal import damaged_notice, read_checkins
from moodmirror.passwords import check_new_password
from moodmirror.records import CheckIn
from moodmirror.report.age_recipient import parse_recipient
from moodmirror.report.content import ReportOptions, ReportPeriod, select_checkins
from moodmirror.report.dates import Preset, preset_period, typed_period
from moodmirror.report.export import write_encrypted_report
from moodmirror.report.protection import fit_name, how_it_opens, report_file_name
from moodmirror.ui import save_as
from moodmirror.ui.overview import when
from moodmirror.ui.widgets.common import CheckItem, Page
from moodmirror.ui.worker import run_in_background

CHOSEN_DATES = "dates"
DEFAULT_DAYS = 28  # what From and To show at first: the last 4 weeks


class ExportScreen(Page):
    """Collects the report options and writes the encrypted PDF."""

    period_name = StringProperty("4 weeks")  # a preset of moodmirror.report.dates, or CHOSEN_DATES
    protection = OptionProperty("password", options=["password", "age key"])
    include_notes = BooleanProperty(False)
    working = BooleanProperty(False)
    status = StringProperty("")
    error = StringProperty("")
    period_problem = StringProperty("")  # why the typed dates give no period, else ""
    chosen = NumericProperty(0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._checkins: list[CheckIn] = []
        self._entries: list[tuple[CheckItem, str]] = []

    def prepare(self) -> None:
        readable = read_checkins(App.get_running_app().vault)
        self._checkins = readable.checkins
        today = date.today()
        self.ids.path.text = str(save_as.default_path(report_file_name(today, self.protection == "age key")))
        self.ids.password.text = self.ids.again.text = ""
        self.ids.first.text = (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
        self.ids.last.text = today.isoformat()
        self.status, self.error = damaged_notice(readable.damaged), ""
        self.include_notes = False
        self.set_period(self.period_name)

    def period(self) -> ReportPeriod:
        """The days the report covers; InvalidPeriod when the typed From or To is not usable."""
        today = date.today()
        if self.period_name == CHOSEN_DATES:
            return typed_period(self.ids.first.text, self.ids.last.text, self._checkins, today)
        return preset_period(cast(Preset, self.period_name), self._checkins, today)

    def set_period(self, name: str) -> None:
        """Show the check-ins of preset ``name`` (or of the typed dates); a bad date is said in the error line."""
        self.period_name = name
        left_out = {ident for choice, ident in self._entries if choice.state != "down"}
        box = self.ids.entries
        box.clear_widgets()
        self._entries = []
        try:
            period = self.period()
        except InvalidPeriod as error:
            self.error = self.period_problem = str(error)
            self._count()
            return
        self.error = self.period_problem = ""
        now = datetime.now().astimezone()
        for checkin in reversed(select_checkins(self._checkins, period, ReportOptions())):
            moment = when(checkin.created_at, now)
            state = "normal" if checkin.id in left_out else "down"
            choice = CheckItem(text=f"{moment[0].upper()}{moment[1:]}  ·  mood {checkin.mood}", state=state)
            choice.bind(state=lambda *_: self._count())
            box.add_widget(choice)
            self._entries.append((choice, checkin.id))
        self._count()

    def dates_edited(self) -> None:
        """From or To changed: the list follows the typed dates (or the error line says what is wrong)."""
        if self.period_name == CHOSEN_DATES:
            self.set_period(CHOSEN_DATES)

    def set_protection(self, protection: str) -> None:
        """Protect with a report password or an age key; the Save-as name follows (``.pdf`` / ``.pdf.age``)."""
        self.protection = protection
        self.ids.path.text = fit_name(self.ids.path.text, protection == "age key")
        self.error = ""

    def export(self) -> None:
        try:
            period = self.period()
            password, recipient = self._protection()
        except (InvalidPeriod, PassphraseError, ReportError) as error:
            self.error = str(error)
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
        save_as.confirm_replace(path, lambda: self._start(path, period, password, recipient), self._kept)

    def _protection(self) -> tuple[str | None, str | None]:
        """The report password or the age key to use, checked (PassphraseError, ReportError)."""
        if self.protection == "age key":
            recipient = self.ids.recipient.text.strip()
            if not recipient:
                raise ReportError("Paste your clinician's age public key (it starts with age1).")
            parse_recipient(recipient)
            return None, recipient
        password = self.ids.password.text
        check_new_password(password, "report")
        if password != self.ids.again.text:
            raise PassphraseError("The two report passwords are not the same.")
        return password, None

    def choose_folder(self) -> None:
        """Open the folder browser; choosing puts the folder in front of the file name."""
        save_as.choose_folder(
            self.ids.path.text, report_file_name(date.today(), self.protection == "age key"), self._use_path
        )

    def _use_path(self, path: Path) -> None:
        self.ids.path.text = str(path)
        self.error = self.status = ""

    def _kept(self) -> None:
        self.status = "Nothing was saved; the existing file was left as it was."

    def _start(self, path: Path, period: ReportPeriod, password: str | None, recipient: str | None) -> None:
        settings = App.get_running_app().settings
        options = ReportOptions(
            include_notes=self.include_notes,
            exclude_ids=frozenset(ident for choice, ident in self._entries if choice.state != "down"),
            week_start=check_week_start(settings.week_start),
        )
        checkins = self._checkins
        self.error, self.status, self.working = "", "Making the report…", True
        run_in_background(
            lambda: write_encrypted_report(path, checkins, period, options, password=password, recipient=recipient),
            lambda count: self._done(path, count, recipient),
            self._failed,
            App.get_running_app().busy,
        )

    def _count(self) -> None:
        self.chosen = sum(1 for choice, _ in self._entries if choice.state == "down")

    def _done(self, path: Path, count: int, recipient: str | None) -> None:
        self.working = False
        self.ids.password.text = self.ids.again.text = ""
        noun = "check-in" if count == 1 else "check-ins"
        self.status = f"Saved {count} {noun} to {path}; {how_it_opens(path, recipient)}."

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.status = ""
        self.error = str(error)
