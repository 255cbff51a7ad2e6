"""A process killed with SIGKILL in the middle of writing leaves a consistent, openable vault."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from moodmirror.storage.vault import Vault

WRITER = """
import sys
from pathlib import Path
from moodmirror.records import CheckIn
from moodmirror.storage.vault import Vault

vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
saved = 0
while True:
    vault.add_checkin(CheckIn(mood=1 + saved % 10, note="x" * (saved % 700)))
    saved += 1
    if saved % 5 == 0:
        vault.save_settings(vault.load_settings())
    print(saved, flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [7, 23, 41])
def test_sigkill_during_a_write_loop_keeps_every_committed_check_in(
    vault_dir: Path, vault_passphrase: str, kill_after: int
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(vault_dir), vault_passphrase],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    deadline = time.monotonic() + 15
    confirmed = 0
    while confirmed < kill_after and time.monotonic() < deadline:
        confirmed = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert confirmed >= kill_after

    with Vault.open(vault_dir, vault_passphrase) as vault:
        stored = vault.list_checkins()  # raises RecordCorrupt if any record was torn
        vault.load_settings()
    assert confirmed <= len(stored) <= confirmed + 1
