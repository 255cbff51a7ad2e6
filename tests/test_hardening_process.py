"""The process itself: no core dump can carry the passphrase, a password or the notes away.

A command is run in a fresh process that first allows core files as large as its hard limit
allows (unlimited, as a developer shell or a distribution default may set); once MoodMirror has started, the core file limit is 0,
soft and hard, and the process is not dumpable, so neither a crash, a ``kill -SEGV`` nor a
crash collector gets its memory, and other processes of the same user cannot read it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import ctypes, json, resource, sys
hard = resource.getrlimit(resource.RLIMIT_CORE)[1]  # unlimited, unless an earlier in-process test lowered it
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
libc = ctypes.CDLL(None)
assert hard == 0 or libc.prctl(3, 0, 0, 0, 0) == 1  # a fresh process may dump core
from moodmirror.cli.main import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "core": resource.getrlimit(resource.RLIMIT_CORE), "dumpable": libc.prctl(3, 0, 0, 0, 0)}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_GET_DUMPABLE) is Linux-only")
def test_a_running_command_cannot_leave_a_core_dump(tmp_path: Path) -> None:
    env = dict(os.environ, MOODMIRROR_PASSPHRASE="not in any core file")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", str(tmp_path / "none"), "history"],
        capture_output=True, text=True, env=env, timeout=60, check=True,
    )  # fmt: skip
    probe = json.loads(done.stdout.strip().splitlines()[-1])

    assert probe["core"] == [0, 0]
    assert probe["dumpable"] == 0
