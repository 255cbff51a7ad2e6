"""Light constants shared by the vision modules, the CLI and the UI (importing this costs nothing).

The allowed length of a camera check-in, and how a frame source is named on the command line.
"""

from __future__ import annotations

MIN_SECONDS = 5
MAX_SECONDS = 60
DEFAULT_SECONDS = 15
SPEC_HELP = "camera:INDEX, video:PATH, images:DIR or demo"
