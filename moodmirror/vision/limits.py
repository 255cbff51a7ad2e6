"""The allowed length of a camera check-in, shared by the session, the CLI and the UI (no heavy imports)."""

from __future__ import annotations

MIN_SECONDS = 5
MAX_SECONDS = 60
DEFAULT_SECONDS = 15
