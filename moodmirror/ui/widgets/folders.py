"""Folder and file browsers to put in a dialog: Kivy's ``FileChooserListView``, in the theme.

``FolderChooser(path=FOLDER)`` lists the folders inside ``FOLDER`` (hidden ones left out, files
never shown) and ``../``, the folder above. A click selects a folder, a double click opens it.
``folder`` is the selected folder, or the one being shown while none is selected.
``FileChooser(patterns=["*.mmbackup"], path=FOLDER)`` lists the folders and the files matching
``patterns``; a click selects a file (``file``), a double click opens a folder.
:class:`FolderBrowser` puts a row of places above either (Home, Documents, Desktop and drives under
``/media``, those that exist), so the browser never starts stranded in a bare folder. Kivy draws
the rows with white text, so each row is recoloured from the theme as it is added; the panel
behind them and the size live in ``folders.kv``.
"""

from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.filechooser import FileChooserListView
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from moodmirror.ui.kv import load_kv
from moodmirror.ui.widgets.common import FocusButton


def _is_folder(_shown: str, path: str) -> bool:
    return Path(path).is_dir()


class ThemedChooser(FileChooserListView):
    """Kivy's list chooser with its rows and headings in the theme's colours."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._recolour(self.layout)  # the Name and Size headings

    def on_entry_added(self, node: Widget, parent: Widget | None = None) -> None:
        super().on_entry_added(node, parent)
        node.color_selected = [*App.get_running_app().theme.accent[:3], 0.3]
        self._recolour(node)

    @staticmethod
    def _recolour(widget: Widget) -> None:
        text = App.get_running_app().theme.text
        for child in widget.walk(restrict=True):
            if isinstance(child, Label):
                child.color = text


class FolderChooser(ThemedChooser):
    """Browse folders and pick one; read the choice from ``folder``."""

    folder = StringProperty("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(dirselect=True, filters=[_is_folder], filter_dirs=True, **kwargs)
        self.fbind("path", self._update_folder)
        self.fbind("selection", self._update_folder)
        self._update_folder()

    def _update_folder(self, *_: object) -> None:
        self.folder = self.selection[0] if self.selection else self.path


class FileChooser(ThemedChooser):
    """Browse folders and pick a file matching ``patterns``; read the choice from ``file`` ("" while none)."""

    file = StringProperty("")

    def __init__(self, patterns: list[str], **kwargs: object) -> None:
        super().__init__(filters=patterns, **kwargs)
        self.fbind("path", self._update_file)
        self.fbind("selection", self._update_file)

    def _update_file(self, *_: object) -> None:
        chosen = self.selection[0] if self.selection else ""
        self.file = chosen if chosen and Path(chosen).is_file() else ""


def places(home: Path | None = None) -> list[tuple[str, Path]]:
    """The user's usual folders that exist, as (label, folder): Home, Documents, Desktop, drives."""
    home = home or Path.home()
    found = [("Home", home)] + [(name, home / name) for name in ("Documents", "Desktop")]
    media = Path("/media") / home.name
    drives = sorted(p for p in media.iterdir() if p.is_dir()) if media.is_dir() else []
    return [(label, folder) for label, folder in found if folder.is_dir()] + [(d.name, d) for d in drives]


class FolderBrowser(BoxLayout):
    """Places to jump to, above ``chooser`` (a :class:`FolderChooser` at ``path`` unless another is given)."""

    chooser = ObjectProperty(None)

    def __init__(self, path: str, chooser: ThemedChooser | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.chooser = chooser or FolderChooser(path=path)
        for label, folder in places():
            button = FocusButton(kind="secondary", text=label)
            button.bind(on_release=lambda _b, f=str(folder): setattr(self.chooser, "path", f))
            self.ids.places.add_widget(button)
        self.add_widget(self.chooser)


load_kv(__file__)
