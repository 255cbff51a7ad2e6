"""Search the journal: every word typed must appear in a check-in's note, tags or reflections.

The unlocked check-ins are read and folded into an in-memory :class:`~moodmirror.insights.search.SearchIndex`
in a worker thread (nothing is written to disk); the hits come back as the history's rows, each
opening its check-in. Requests are numbered so an older, slower search never replaces a newer one.
"""

from __future__ import annotations

from datetime import datetime

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from moodmirror.insights.search import Hit, SearchIndex
from moodmirror.journal import read_checkins
from moodmirror.ui.screens.history import CheckInRow, _headline
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.worker import LatestOnly


class SearchScreen(Page):
    """A search field and the check-ins that match."""

    status = StringProperty("")
    loading = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._loads = LatestOnly()

    def prepare(self, query: str = "") -> None:
        App.get_running_app().navigator.screen("history")  # its rows' rules, and where they open
        self.ids.query.text = query
        self.ids.rows.clear_widgets()
        self.status = ""
        if query.strip():
            self.search()

    def search(self) -> None:
        query = self.ids.query.text
        if not query.strip():
            self.status = "Type a word from a note, a tag or a reflection."
            return
        app = App.get_running_app()
        vault = app.vault
        self.loading = True
        self._loads.run(
            lambda: SearchIndex(read_checkins(vault).checkins).search(query),
            lambda hits: self._show(query, hits),
            self._failed,
            app.busy,
        )

    def _show(self, query: str, hits: list[Hit]) -> None:
        self.loading = False
        count = len(hits)
        self.status = (
            f"{count} check-in{'s' if count != 1 else ''} with “{query.strip()}”."
            if hits
            else (f"No check-in holds “{query.strip()}”. Case and accents do not matter.")
        )
        rows = self.ids.rows
        rows.clear_widgets()
        now = datetime.now().astimezone()
        for hit in hits:
            detail = f"in {', '.join(hit.fields)}: {hit.excerpt}"
            rows.add_widget(CheckInRow(checkin=hit.checkin, headline=_headline(hit.checkin, now), detail=detail))

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        App.get_running_app().show_error(error)
