"""A calm support screen with crisis resources, shown when the safety check says so.

It never diagnoses and never quotes the user's words back: it says why it appeared (the
reason from ``moodmirror.insights.safety``) and lists the resources for the user's region.
The user can always carry on.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from moodmirror.insights.crisis_resources import crisis_resources
from moodmirror.ui.widgets.common import Page


class CrisisScreen(Page):
    """Lists where to turn to, for the region in the settings."""

    reason = StringProperty("")
    resources = StringProperty("")

    def prepare(self, reason: str = "") -> None:
        self.reason = reason
        region = App.get_running_app().settings.crisis_region
        self.resources = "\n\n".join(
            f"[b]{item.name}[/b]\n{item.contact}" + (f"\n{item.detail}" if item.detail else "")
            for item in crisis_resources(region)
        )
