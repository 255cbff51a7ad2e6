"""Text input: what cannot be saved is refused at once, clearly, before any camera session.

A command line typed in another encoding (``$'bad \\xff\\xfe'``) reaches Python with its
undecodable bytes as lone surrogates; a note file may be in Latin-1; a note may be longer than
a note can hold. Each is refused with one line and exit status 2 before the camera starts (no
session is wasted), and nothing is saved. The note can come from a file or standard input
instead of the command line, where every local user could read it in ``ps`` for the whole
session; on a terminal, a check-in without a note option asks for the note.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.cli.main import main
from moodmirror.errors import InvalidText
from moodmirror.records import NOTE_MAX_CHARS, CheckIn
from moodmirror.storage.vault import Vault

PASSPHRASE = "only what can be kept"
CLI = "import sys; from moodmirror.cli.main import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "journal"
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return data


def stored(data: Path) -> list[CheckIn]:
    with Vault.open(data, PASSPHRASE) as vault:
        return vault.list_checkins()


def run_cli(*argv: bytes | str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, MOODMIRROR_PASSPHRASE=PASSPHRASE, LC_ALL="C.UTF-8")
    return subprocess.run([sys.executable, "-c", CLI, *argv], input=stdin, capture_output=True, env=env,
                          timeout=120, check=False)  # fmt: skip


@pytest.mark.parametrize("option", ["--note", "--tag"])
def test_invalid_utf8_on_the_command_line_is_refused_before_the_camera_starts(journal: Path, option: str) -> None:
    started = time.monotonic()
    done = run_cli("--data-dir", str(journal), "checkin", "--source", "demo", "--seconds", "30", "--mood", "4",
                   option.encode(), b"bad \xff\xfe")  # fmt: skip

    assert done.returncode == 2, done.stderr
    err = done.stderr.decode()
    assert err.startswith("moodmirror: The ") and "is not valid UTF-8 text" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert b"Camera check-in" not in done.stdout and time.monotonic() - started < 25  # no 30 s session first
    assert stored(journal) == []


def test_a_note_longer_than_a_note_holds_is_refused_before_the_camera_starts(journal: Path) -> None:
    done = run_cli("--data-dir", str(journal), "checkin", "--source", "demo", "--mood", "4", "--note-file", "-",
                   stdin=b"x" * (NOTE_MAX_CHARS + 1))  # fmt: skip

    assert done.returncode == 2
    assert f"a note holds at most {NOTE_MAX_CHARS:,}" in done.stderr.decode()
    assert b"Camera check-in" not in done.stdout
    assert stored(journal) == []


def test_the_note_can_come_from_standard_input_and_never_shows_in_the_process_list(journal: Path) -> None:
    note = "a private thought nobody else on this computer may read"
    env = dict(os.environ, MOODMIRROR_PASSPHRASE=PASSPHRASE)
    writer = subprocess.Popen(
        [sys.executable, "-c", CLI, "--data-dir", str(journal), "checkin", "--no-camera", "--mood", "6",
         "--note-file", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert writer.stdin is not None
    writer.stdin.write(note.encode())
    writer.stdin.flush()
    command_line = Path(f"/proc/{writer.pid}/cmdline").read_bytes()  # what `ps` shows every user
    out, err = writer.communicate(timeout=120)

    assert writer.returncode == 0, err.decode()
    assert note.encode() not in command_line
    assert [c.note for c in stored(journal)] == [note]


def test_a_note_file_in_another_encoding_is_refused(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "note.txt"
    latin1.write_bytes("café at noon".encode("latin-1"))

    status = main(["--data-dir", str(journal), "checkin", "--no-camera", "--mood", "5", "--note-file", str(latin1)])

    assert status == 2
    assert "is not UTF-8 text" in capsys.readouterr().err
    assert stored(journal) == []


def test_on_a_terminal_a_check_in_without_a_note_option_asks_for_the_note(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    terminal = io.StringIO("")
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.setattr("sys.stdin", terminal)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "  typed, not on the command line ")

    assert main(["--data-dir", str(journal), "checkin", "--no-camera", "--mood", "7"]) == 0

    assert len(asked) == 1 and asked[0].startswith("Note")
    assert [c.note for c in stored(journal)] == ["typed, not on the command line"]


def test_the_vault_refuses_text_it_cannot_store_with_a_clear_error(journal: Path) -> None:
    with Vault.open(journal, PASSPHRASE) as vault:
        with pytest.raises(InvalidText, match="not valid UTF-8"):
            vault.add_checkin(CheckIn(mood=3, note="bad \udcff\udcfe"))
    assert stored(journal) == []
