"""Bring your history: import Daylio's CSV export or MoodMirror's own CSV into the open journal.

The person picks the format, types the file's path and, for Daylio, may change the mood words'
numbers (shown as ``rad=10, good=8, ...``). "Check the file" reads the whole file and says what
would come in (a dry run); "Import" stores it in one transaction. Both run in a worker thread;
a bad row comes back as one line naming its line number, and nothing is imported then.
"""

from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from moodmirror.errors import ImportRejected
from moodmirror.imports.daylio import DEFAULT_MOODS, parse_mood_map, read_daylio
from moodmirror.imports.merge import import_checkins
from moodmirror.imports.table import read_table
from moodmirror.storage.vault import Vault
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.worker import run_in_background


def mapping_text(moods: dict[str, int]) -> str:
    """``{"rad": 10, ...}`` as the field shows it: ``rad=10, good=8, ...``."""
    return ", ".join(f"{word}={n}" for word, n in moods.items())


def run_import(vault: Vault, kind: str, path: str, mapping: str, dry_run: bool) -> str:
    """Read ``path`` as ``kind`` ("daylio" or "csv") and import it (or not, on a dry run); what happened."""
    file = Path(path.strip()).expanduser()
    if not path.strip() or not file.is_file():
        raise ImportRejected(f"There is no file {path.strip() or '(none given)'}; nothing was imported.")
    data = file.read_bytes()
    if kind == "daylio":
        items = [item for item in mapping.replace(";", ",").split(",") if item.strip()]
        incoming = read_daylio(data, parse_mood_map(items))
    else:
        incoming = read_table(data)
    return import_checkins(vault, incoming, dry_run).summary(dry_run)


class ImportScreen(Page):
    """Choose a file and a format, check it, then import it."""

    kind = OptionProperty("daylio", options=["daylio", "csv"])
    status = StringProperty("")
    error = StringProperty("")
    working = BooleanProperty(False)

    def prepare(self) -> None:
        self.ids.mapping.text = mapping_text(DEFAULT_MOODS)
        self.status = ""
        self.error = ""

    def start(self, dry_run: bool) -> None:
        if self.working:
            return
        app = App.get_running_app()
        vault, kind, path, mapping = app.vault, self.kind, self.ids.path.text, self.ids.mapping.text
        self.working = True
        self.error = ""
        self.status = "Reading the file…"
        run_in_background(lambda: run_import(vault, kind, path, mapping, dry_run), self._done, self._failed, app.busy)

    def _done(self, message: str) -> None:
        self.working = False
        self.status = message

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.status = ""
        self.error = str(error)
