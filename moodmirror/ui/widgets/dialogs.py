"""A calm modal dialog: a title, a message, an optional widget, text fields, Confirm and Cancel.

Enter confirms and Escape cancels; the keyboard focus goes back to where it was when the dialog
opened (:mod:`moodmirror.ui.focus`). ``on_confirm`` receives the dialog and returns an error
message to keep it open (shown in the dialog) or ``None`` to close it; ``on_cancel`` is called
when the dialog closes without confirming (Cancel or Escape). ``content`` is a widget shown under
the message (e.g. a folder browser). ``require_text`` makes the user type a word before Confirm
unlocks (used for "Delete all data").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import (
    BooleanProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.modalview import ModalView
from kivy.uix.widget import Widget

from moodmirror.ui.focus import focused, restore_focus
from moodmirror.ui.kv import load_kv
from moodmirror.ui.widgets.common import Field

_ENTER_KEYS = frozenset({13, 271})

Confirm = Callable[["Dialog"], "str | None"]
Cancel = Callable[[], None]


class Dialog(ModalView):
    """One question to the user; build it with :meth:`ask`."""

    title = StringProperty("")
    message = StringProperty("")
    confirm_text = StringProperty("OK")
    cancel_text = StringProperty("Cancel")
    confirm_kind = OptionProperty("primary", options=["primary", "danger"])
    require_text = StringProperty("")
    error = StringProperty("")
    can_confirm = BooleanProperty(True)
    confirm_callback = ObjectProperty(None, allownone=True)
    cancel_callback = ObjectProperty(None, allownone=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._confirmed = False
        self._return_focus: Widget | None = None

    @classmethod
    def ask(
        cls,
        title: str,
        message: str,
        on_confirm: Confirm | None = None,
        confirm_text: str = "OK",
        cancel_text: str = "Cancel",
        fields: Sequence[tuple[str, bool]] = (),
        danger: bool = False,
        require_text: str = "",
        on_cancel: Cancel | None = None,
        content: Widget | None = None,
    ) -> Dialog:
        """Open a dialog; ``fields`` are ``(hint, is_password)`` pairs, read back with :meth:`values`."""
        dialog = cls(
            title=title,
            message=message,
            confirm_text=confirm_text,
            cancel_text=cancel_text,
            confirm_kind="danger" if danger else "primary",
            require_text=require_text,
            confirm_callback=on_confirm,
            cancel_callback=on_cancel,
        )
        if content is not None:  # above the fields (Kivy keeps children last-first)
            box = dialog.ids.box
            box.add_widget(content, index=box.children.index(dialog.ids.fields) + 1)
        for hint, secret in fields:
            field = Field(hint_text=hint, password=secret)
            field.bind(text=dialog._check_required, on_text_validate=lambda *_: dialog.confirm())
            dialog.ids.fields.add_widget(field)
        dialog._check_required()
        dialog.open()
        return dialog

    @classmethod
    def tell(cls, title: str, message: str, on_close: Cancel | None = None, content: Widget | None = None) -> Dialog:
        """Open a dialog that only tells something: one OK button (Enter), Escape closes it too;
        ``on_close`` is called however it closes."""
        return cls.ask(
            title,
            message,
            on_confirm=(lambda _dialog: on_close()) if on_close else None,
            cancel_text="",
            on_cancel=on_close,
            content=content,
        )

    def fields(self) -> list[Field]:
        return list(reversed(self.ids.fields.children))

    def values(self) -> list[str]:
        return [field.text for field in self.fields()]

    def focus_first(self) -> None:
        """The first field takes the focus, or Confirm in a dialog without fields."""
        fields = self.fields()
        (fields[0] if fields else self.ids.confirm).focus = True

    def on_pre_open(self) -> None:
        self._return_focus = focused()
        Window.bind(on_key_down=self._on_key_down)

    def on_open(self) -> None:  # after the fade-in, which a quick Escape may have cut short
        if self._is_open:
            self.focus_first()

    def on_dismiss(self) -> None:
        Window.unbind(on_key_down=self._on_key_down)
        for field in self.fields():
            field.text = ""  # passphrases do not linger in widgets
        if not self._confirmed and self.cancel_callback:
            self.cancel_callback()
        Clock.schedule_once(self._give_focus_back)  # once the callbacks' own moves are made

    def _give_focus_back(self, _dt: float) -> None:
        restore_focus(self._return_focus, App.get_running_app().navigator, closing=self)
        self._return_focus = None

    def confirm(self) -> None:
        if not self.can_confirm:
            return
        error = self.confirm_callback(self) if self.confirm_callback else None
        if error:
            self.error = error
        else:
            self._confirmed = True
            self.dismiss()

    def _check_required(self, *_: object) -> None:
        self.error = ""  # typing again answers the last error
        if self.require_text:
            values = self.values()
            self.can_confirm = bool(values) and values[0].strip() == self.require_text

    def _on_key_down(self, _window: object, key: int, *_: object) -> bool:
        if key in _ENTER_KEYS and not self.ids.cancel.focus:
            self.confirm()
            return True
        return False


class AsksBeforeLeaving:
    """Mixin for a :class:`~moodmirror.ui.widgets.common.Page` holding work that is not saved:
    Back and Escape ask first while :meth:`unsaved` is true (Keep editing stays, the focus back
    where it was)."""

    leave_message = "What you entered here is not saved yet. If you leave, it is lost."

    def unsaved(self) -> bool:
        """Whether leaving now would lose something the user entered."""
        raise NotImplementedError

    def go_back(self) -> None:
        if not self.unsaved():
            super().go_back()  # type: ignore[misc]
            return
        Dialog.ask(
            "Leave without saving?",
            self.leave_message,
            on_confirm=lambda _dialog: super(AsksBeforeLeaving, self).go_back(),  # type: ignore[misc]
            confirm_text="Leave without saving",
            cancel_text="Keep editing",
            danger=True,
        )


load_kv(__file__)
