"""Home: today's state, "Start check-in", the streak, the last check-in, links onwards."""

from __future__ import annotations

from datetime import datetime

from kivy.app import App
from kivy.properties import StringProperty

from moodmirror.ui.overview import overview, when
from moodmirror.ui.widgets.common import Page


def _greeting(hour: int) -> str:
    if hour < 5:
        return "Hello"
    if hour < 12:
        return "Good morning"
    if hour < 18:
        return "Good afternoon"
    return "Good evening"


class HomeScreen(Page):
    """Reads the journal on entry and says where the user stands today."""

    greeting = StringProperty("")
    today_text = StringProperty("")
    streak_text = StringProperty("")
    last_text = StringProperty("")

    def prepare(self) -> None:
        app = App.get_running_app()
        now = datetime.now().astimezone()
        self.greeting = _greeting(now.hour)
        info = overview(app.vault.list_checkins(), now.date())
        if info.today_count:
            mood = f"{info.today_mood:.0f}" if info.today_count == 1 else f"{info.today_mood:.1f} on average"
            self.today_text = f"You have checked in today. Mood: {mood} out of 10" + (
                f", mostly {info.today_emotion}." if info.today_emotion else "."
            )
        else:
            self.today_text = "No check-in yet today. It takes about a minute."
        if info.streak_days >= 2:
            self.streak_text = f"{info.streak_days} days in a row"
        elif info.streak_days == 1:
            self.streak_text = "1 day so far"
        else:
            self.streak_text = "A new start"
        self.last_text = when(info.last.created_at, now) if info.last else "None yet"

    def start_checkin(self, camera: bool) -> None:
        navigator = App.get_running_app().navigator
        if camera:
            navigator.show("checkin")
        else:
            navigator.show("reflect", summary=None)
