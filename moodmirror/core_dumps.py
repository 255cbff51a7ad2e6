"""Keeping secrets out of core dumps: called first thing when MoodMirror starts.

A crashed or killed process can leave a core file holding everything in its memory: the
passphrase, the report password, decrypted notes. :func:`disable_core_dumps` sets the core
file size limit to 0 (soft and hard, so nothing started later can raise it) and, on Linux,
marks the process not dumpable (``prctl(PR_SET_DUMPABLE, 0)``), which also covers a
``core_pattern`` that pipes cores to a crash collector (systemd-coredump, apport) and stops
other processes of the same user from reading its memory through ``/proc``. Where either is
unavailable (Windows, macOS for the second) the rest still applies.
"""

from __future__ import annotations

import ctypes
import sys

PR_SET_DUMPABLE = 4


def disable_core_dumps() -> None:
    """No core file from this process or its children; not dumpable on Linux."""
    try:
        import resource
    except ImportError:  # not POSIX
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)  # the C library Python runs on (no library search)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
