"""The Kivy app: onboarding, check-in with live preview, reflection, history and settings.

Importing this package prepares Kivy's environment first (:mod:`moodmirror.ui.bootstrap`: no
command-line parsing, no log or config files), so every module below may import Kivy freely.
The CLI imports this package only when it starts the app, so ``moodmirror --help`` never
loads Kivy.
"""

import moodmirror.ui.bootstrap  # noqa: F401  (must run before any Kivy import in this package)
