"""The Kivy app: onboarding, check-in with live preview, reflection, history and settings.

Importing this package is cheap and does not import Kivy; :func:`moodmirror.ui.app.run`
prepares Kivy's environment (no arguments parsed, no log or config files written) and starts
the app.
"""
