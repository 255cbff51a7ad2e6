"""MoodMirror: a private, on-device mood journal with an optional emotion check-in.

Heavy libraries (Kivy, OpenCV, ONNX Runtime, matplotlib, torch) are imported lazily by the
modules that need them, so importing this package and running ``moodmirror --help`` stay fast.
"""

__version__ = "0.1.0"
