"""Concurrency: twenty ``checkin`` commands started at the same moment all land.

Each is a separate process, as when scripts, a reminder and the person all check in at once.
Every one unlocks the same journal and saves; writers queue for SQLite's write lock (waiting
up to the busy timeout) instead of failing because another writer went first. Afterwards the
journal holds exactly the twenty check-ins, each once, and none is damaged.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.storage.vault import Vault

PASSPHRASE = "twenty at the same time"
WRITERS = 20
CLI = "import sys; from moodmirror.cli.main import main; sys.exit(main(sys.argv[1:]))"


@pytest.mark.slow
def test_twenty_parallel_check_ins_all_land(tmp_path: Path) -> None:
    data = tmp_path / "journal"
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    env = dict(os.environ, MOODMIRROR_PASSPHRASE=PASSPHRASE)
    argv = [sys.executable, "-c", CLI, "--data-dir", str(data), "checkin", "--no-camera"]

    started = time.monotonic()
    writers = [
        subprocess.Popen([*argv, "--mood", str(n % 10 + 1), "--note", f"writer {n}"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(WRITERS)
    ]  # fmt: skip
    results = [(writer.wait(timeout=300), writer.stderr.read()) for writer in writers]
    seconds = time.monotonic() - started
    for writer in writers:
        writer.stdout.close()
        writer.stderr.close()

    assert [err for code, err in results if code != 0] == [], f"{WRITERS} writers in {seconds:.1f} s"
    damaged: list[object] = []
    with Vault.open(data, PASSPHRASE) as vault:
        notes = sorted(c.note for c in vault.list_checkins(on_damaged=damaged.append))
    assert damaged == []
    assert notes == sorted(f"writer {n}" for n in range(WRITERS))
    print(f"{WRITERS} parallel check-ins landed in {seconds:.1f} s")
