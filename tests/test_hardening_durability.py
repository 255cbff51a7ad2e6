"""Durability: a crash or a full disk during a save never costs more than that save.

Crash: a harness process forks a writer that saves check-ins in a loop and reports each one
as soon as ``add_checkin`` returns; the harness lets 0 or 1 save finish and kills it with
SIGKILL a random few milliseconds into the next one (mid-transaction, mid-commit), or, in
every tenth round, while it unlocks; then it reopens the journal and records what it finds.
Waiting for saves rather than for a fixed time keeps the kills among the saves however busy
the machine is.
200 rounds run against the same journal, so damage from one round would show in the next.
Forking a warm harness keeps a round to a few milliseconds (no interpreter start per round).

Full disk: a save or a backup whose write fails (the file-size limit makes the kernel refuse
the write, as a full disk does; SQLite's page limit gives its own "disk is full") ends with
a clear one-line message, and the journal and the old backup stay exactly as they were.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.errors import StorageError, VaultCorrupt
from moodmirror.records import NOTE_MAX_CHARS, CheckIn
from moodmirror.storage import database
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

PASSPHRASE = "survives power cuts 5"
ROUNDS = 200
READ_LIMIT_BYTES = 40960
"""A file-size limit under which the journal still opens and reads (a big backup cannot be written)."""

CRASH_HARNESS = """
import json, os, random, signal, sys, time
from pathlib import Path
from moodmirror.records import NOTE_MAX_CHARS, CheckIn
from moodmirror.storage.vault import Vault

data, passphrase, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rng = random.Random(int(sys.argv[4]))
report = []
for round_no in range(rounds):
    reader, writer = os.pipe()
    during_unlock = round_no % 10 == 0  # every tenth kill lands while the writer unlocks
    saves_first = rng.randint(0, 1)  # otherwise: let 0 or 1 save finish, then kill during the next one
    delay = rng.uniform(0.0, 0.03 if during_unlock else 0.005)
    pid = os.fork()
    if pid == 0:  # the writer: save until killed, reporting each save once it has returned
        os.close(reader)
        try:
            with Vault.open(data, passphrase) as vault:
                os.write(writer, b"ready\\n")
                while True:
                    checkin = CheckIn(mood=rng.randint(1, 10), note="n" * rng.choice([10, 3000, 9000]))
                    vault.add_checkin(checkin)
                    os.write(writer, (checkin.id + "\\n").encode())
        finally:
            os._exit(1)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        seen = [] if during_unlock else [pipe.readline().strip() for _ in range(1 + saves_first)]
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acked = [line for line in seen + pipe.read().split() if line not in ("ready", "")]
    outcome = {"acked": acked}
    try:
        damaged = []
        with Vault.open(data, passphrase) as vault:
            outcome["stored"] = [c.id for c in vault.list_checkins(on_damaged=damaged.append)]
        outcome["damaged"] = [error.record_id for error in damaged]
    except Exception as error:
        outcome["error"] = f"{type(error).__name__}: {error}"
    report.append(outcome)
print(json.dumps(report))
"""


@pytest.mark.slow
def test_kill_9_during_saves_loses_at_most_the_save_in_flight(tmp_path: Path) -> None:
    data = tmp_path / "journal"
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    done = subprocess.run(
        [sys.executable, "-c", CRASH_HARNESS, str(data), PASSPHRASE, str(ROUNDS), "20261130"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    report: list[dict[str, Any]] = json.loads(done.stdout)

    assert len(report) == ROUNDS
    assert [r["error"] for r in report if "error" in r] == []
    assert [r["damaged"] for r in report if r["damaged"]] == []
    acked_so_far: set[str] = set()
    stored_before: set[str] = set()
    for round_no, outcome in enumerate(report):
        stored = set(outcome["stored"])
        acked_so_far |= set(outcome["acked"])
        assert acked_so_far <= stored, f"round {round_no}: a completed save was lost"
        assert stored_before <= stored, f"round {round_no}: an earlier check-in disappeared"
        assert len(stored - stored_before - set(outcome["acked"])) <= 1, f"round {round_no}: phantom saves"
        stored_before = stored


def run_limited(limit_bytes: int, *argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``moodmirror ARGV`` in a process whose files cannot grow past ``limit_bytes`` (like a full disk)."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, {limit_bytes}))\n"
        "from moodmirror.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.fixture
def journal(tmp_path: Path) -> tuple[Path, CheckIn]:
    """A journal holding one check-in, and that check-in."""
    data = tmp_path / "journal"
    first = CheckIn(mood=6, note="the entry that must survive")
    with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(first)
    return data, first


def stored(data: Path) -> list[dict[str, Any]]:
    with Vault.open(data, PASSPHRASE) as vault:
        return [c.to_dict() for c in vault.list_checkins()]


def test_a_save_on_a_full_disk_fails_cleanly_and_keeps_the_journal(journal: tuple[Path, CheckIn]) -> None:
    data, first = journal
    env = dict(os.environ, MOODMIRROR_PASSPHRASE=PASSPHRASE)
    limit = vault_path(data).stat().st_size + 4096  # opens, but the save cannot grow
    done = run_limited(limit, "--data-dir", str(data), "checkin", "--no-camera", "--mood", "2", "--note", "x" * NOTE_MAX_CHARS, env=env)  # fmt: skip

    assert done.returncode == 1
    assert done.stderr.startswith("moodmirror: The journal could not be read or written")
    assert "check that the disk has free space" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert stored(data) == [first.to_dict()]


def test_a_full_disk_does_not_stop_reading_the_journal(journal: tuple[Path, CheckIn]) -> None:
    data, first = journal
    env = dict(os.environ, MOODMIRROR_PASSPHRASE=PASSPHRASE)
    done = run_limited(1024, "--data-dir", str(data), "history", env=env)  # not a byte can be written

    assert done.returncode == 0, done.stderr
    assert "the entry that must survive" in done.stdout
    assert stored(data) == [first.to_dict()]


def test_sqlite_disk_full_is_a_storage_error_and_nothing_is_half_saved(
    journal: tuple[Path, CheckIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, first = journal
    pages = vault_path(data).stat().st_size // 4096
    monkeypatch.setattr(database, "PRAGMAS", (*database.PRAGMAS, f"PRAGMA max_page_count={pages}"))
    with Vault.open(data, PASSPHRASE) as vault:
        with pytest.raises(StorageError, match="disk is full"):
            vault.add_checkin(CheckIn(mood=2, note="y" * 200_000))
        with pytest.raises(StorageError, match="disk is full"):
            vault.update_checkin(CheckIn(mood=9, note="z" * 200_000, id=first.id, created_at=first.created_at))
        assert [c.to_dict() for c in vault.list_checkins()] == [first.to_dict()]
    monkeypatch.undo()
    assert stored(data) == [first.to_dict()]


def test_a_backup_on_a_full_disk_keeps_the_previous_backup(tmp_path: Path) -> None:
    data, backups = tmp_path / "journal", tmp_path / "backups"
    with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(CheckIn(mood=5, note=secrets.token_hex(50_000)))  # a backup far bigger than the limit
    backups.mkdir()
    target = backups / "journal.mmbackup"
    target.write_bytes(b"the previous backup, still good")
    env = dict(os.environ, MOODMIRROR_PASSPHRASE=PASSPHRASE)

    argv = ["--data-dir", str(data), "backup", "--out", str(target), "--force"]  # replacing it is what is asked
    done = run_limited(READ_LIMIT_BYTES, *argv, env=env)

    assert done.returncode == 1
    assert done.stderr.startswith(f"moodmirror: Cannot write {target}")
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == b"the previous backup, still good"
    assert [p.name for p in backups.iterdir()] == [target.name]  # no half-written temporary file left


SAVE_THEN_DIE = """
import os, signal, sys
from pathlib import Path
from moodmirror.records import NOTE_MAX_CHARS, CheckIn
from moodmirror.storage.vault import Vault
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
for n in range(5):
    vault.add_checkin(CheckIn(mood=n + 1, note=f"committed {n}"))
os.kill(os.getpid(), signal.SIGKILL)  # no close: nothing gets a chance to tidy up
"""


def test_after_a_crash_the_vault_file_alone_holds_every_committed_check_in(tmp_path: Path) -> None:
    data, copy = tmp_path / "journal", tmp_path / "copy"
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    crashed = subprocess.run([sys.executable, "-c", SAVE_THEN_DIE, str(data), PASSPHRASE], timeout=60, check=False)
    assert crashed.returncode == -9

    copy.mkdir()
    (copy / "vault.sqlite3").write_bytes(vault_path(data).read_bytes())  # "one file", as the README says

    with Vault.open(copy, PASSPHRASE) as vault:
        assert sorted(c.note for c in vault.list_checkins()) == [f"committed {n}" for n in range(5)]
    assert [p.name for p in data.iterdir()] == ["vault.sqlite3"]  # no side file holds anything


LEGACY_CRASH = """
import os, signal, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
rows = [c.execute("SELECT * FROM records WHERE id = ?", (i,)).fetchone() for i in sys.argv[2:]]
for i in sys.argv[2:]:
    c.execute("DELETE FROM records WHERE id = ?", (i,))
c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA wal_autocheckpoint=0")
for row in rows:
    c.execute("INSERT INTO records VALUES (?, ?, ?, ?, ?)", row)  # one commit each
os.kill(os.getpid(), signal.SIGKILL)
"""
"""What MoodMirror before the one-file vault left after a crash: the last commits only in the log."""


@pytest.fixture
def legacy_journal(tmp_path: Path) -> tuple[Path, list[CheckIn]]:
    """A vault with three check-ins, the last two committed only in its write-ahead log."""
    data = tmp_path / "journal"
    checkins = [
        CheckIn(mood=4, note="in the database file"),
        CheckIn(mood=8, note="log 1"),
        CheckIn(mood=9, note="log 2"),
    ]
    with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        for checkin in checkins:
            vault.add_checkin(checkin)
    argv = [sys.executable, "-c", LEGACY_CRASH, str(vault_path(data)), checkins[1].id, checkins[2].id]
    crashed = subprocess.run(argv, timeout=60, check=False)
    assert crashed.returncode == -9 and (data / "vault.sqlite3-wal").stat().st_size > 0
    return data, checkins


def test_an_older_vault_with_commits_in_its_write_ahead_log_keeps_them_and_becomes_one_file(
    legacy_journal: tuple[Path, list[CheckIn]],
) -> None:
    import sqlite3

    data, checkins = legacy_journal
    with sqlite3.connect(f"file:{vault_path(data)}?immutable=1", uri=True) as raw:  # ignores the log
        assert raw.execute("SELECT count(*) FROM records WHERE kind = 'checkin'").fetchone() == (1,)
    raw.close()

    with Vault.open(data, PASSPHRASE) as vault:
        assert {c.id for c in vault.list_checkins()} == {c.id for c in checkins}
    assert [p.name for p in data.iterdir()] == ["vault.sqlite3"]


def frame_offsets(wal: bytes) -> list[int]:
    page_size = int.from_bytes(wal[8:12], "big")
    return list(range(32, len(wal) - (24 + page_size) + 1, 24 + page_size))


@pytest.mark.parametrize("where", ["header", "first frame"])
def test_a_damaged_write_ahead_log_holding_commits_is_reported_and_nothing_is_changed(
    legacy_journal: tuple[Path, list[CheckIn]], where: str
) -> None:
    data, _ = legacy_journal
    wal_path = data / "vault.sqlite3-wal"
    wal = bytearray(wal_path.read_bytes())
    wal[20 if where == "header" else frame_offsets(bytes(wal))[0] + 24 + 100] ^= 0x40
    wal_path.write_bytes(bytes(wal))
    before = {p.name: p.read_bytes() for p in data.iterdir()}

    with pytest.raises(VaultCorrupt, match="latest saves cannot be read"):
        Vault.open(data, PASSPHRASE)
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before  # the loss is not made permanent


def test_a_write_ahead_log_torn_by_a_crash_mid_save_is_not_damage(legacy_journal: tuple[Path, list[CheckIn]]) -> None:
    data, checkins = legacy_journal
    wal_path = data / "vault.sqlite3-wal"
    wal = wal_path.read_bytes()
    wal_path.write_bytes(wal[: frame_offsets(wal)[-1] + 24 + 100])  # the last frame half written

    with Vault.open(data, PASSPHRASE) as vault:
        assert checkins[0].id in {c.id for c in vault.list_checkins()}


def test_an_empty_vault_file_is_reported_and_left_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from moodmirror.cli.main import main

    data = tmp_path / "journal"
    data.mkdir()
    vault_path(data).touch()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)

    assert main(["--data-dir", str(data), "history"]) == 1
    assert vault_path(data).stat().st_size == 0
    assert [p.name for p in data.iterdir()] == ["vault.sqlite3"]
