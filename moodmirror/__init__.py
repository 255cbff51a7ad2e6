"""MoodMirror: a private, on-device mood journal with an optional emotion check-in.

Heavy libraries (Kivy, OpenCV, ONNX Runtime, matplotlib, torch) are imported lazily by the
modules that need them, so importing this package and running ``moodmirror --help`` stay fast.

ONNX Runtime's telemetry is switched off here, before anything can import ONNX Runtime: its
official Linux builds otherwise keep a device id and an event cache under ``~/.cache/Microsoft``
and a session file in the temp folder, and upload events. The switch is read once, when ONNX
Runtime is first imported, so it must be set at package import.
"""

import os

os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__version__ = "0.1.0"
