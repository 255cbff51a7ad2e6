"""Kivy's environment for MoodMirror; ``moodmirror.ui`` imports it before anything from Kivy.

Kivy reads its environment once, on first import. MoodMirror tells it not to parse the
command line, not to write log files and not to read or write ``~/.kivy/config.ini``, so
nothing about the user or their journal lands in Kivy's folders, and sets the window up
(minimum 800x600, Escape does not quit, no multitouch emulation on right-click).
"""

from __future__ import annotations

import os

os.environ["KIVY_NO_ARGS"] = "1"
os.environ["KIVY_NO_FILELOG"] = "1"
os.environ["KIVY_NO_CONFIG"] = "1"
os.environ["KIVY_LOG_MODE"] = "MIXED"  # Kivy logs through its own logger only, at warning level

from kivy.config import Config
from kivy.logger import LOG_LEVELS, Logger

WINDOW_SIZE = (1024, 720)
MINIMUM_SIZE = (800, 600)

Config.set("kivy", "exit_on_escape", "0")
Config.set("kivy", "log_level", "warning")
Logger.setLevel(LOG_LEVELS["warning"])
Config.set("graphics", "width", str(WINDOW_SIZE[0]))
Config.set("graphics", "height", str(WINDOW_SIZE[1]))
Config.set("graphics", "minimum_width", str(MINIMUM_SIZE[0]))
Config.set("graphics", "minimum_height", str(MINIMUM_SIZE[1]))
Config.set("input", "mouse", "mouse,disable_multitouch")
