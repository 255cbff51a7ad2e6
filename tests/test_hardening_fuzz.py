"""Bad input, fuzzed: whatever a person types or feeds in ends in a clear message or a correct result.

Hypothesis throws passphrases and notes of any Unicode (control characters included), the
longest note allowed (and one character more), random and truncated backup files, random command lines, damaged model files and files
that pretend to be videos at MoodMirror. Each case must end in a correct result or a
MoodMirrorError with an exit status, never a traceback.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moodmirror.backup.archive import read_backup, write_backup
from moodmirror.backup.format import MAGIC
from moodmirror.cli.main import main
from moodmirror.errors import (
    BackupDamaged,
    ModelError,
    PassphraseError,
    UnsupportedBackup,
    WrongPassphrase,
)
from moodmirror.passwords import MIN_PASSPHRASE_CHARS
from moodmirror.records import NOTE_MAX_CHARS, CheckIn, clean_tags
from moodmirror.resources import MODELS_DIR
from moodmirror.storage.vault import Vault
from moodmirror.vision.classifier import CARD_FILE, MODEL_FILE, EmotionClassifier

PASSPHRASE = "fuzzing is caring 9"
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
RUN_CLI = "import sys; from moodmirror.cli.main import main; sys.exit(main(sys.argv[1:]))"
CLI_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
"""What a command line can carry: any text without NUL (surrogates are excluded throughout)."""


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal with the passphrase in the environment and no terminal to ask on."""
    data = tmp_path / "journal"
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    for name in ("MOODMIRROR_REPORT_PASSWORD", "MOODMIRROR_BACKUP_PASSWORD", "MOODMIRROR_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return data


def exit_status(argv: list[str]) -> int:
    """Run ``moodmirror ARGV`` in-process; argparse's own exits count as exit statuses."""
    try:
        return main(argv)
    except SystemExit as done:
        return int(done.code or 0)


@FUZZ
@given(passphrase=st.text(max_size=40))
def test_any_unicode_passphrase_is_refused_clearly_or_round_trips(passphrase: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "journal"
        if len(passphrase.strip()) < MIN_PASSPHRASE_CHARS:
            with pytest.raises(PassphraseError):
                Vault.create(data, passphrase, kdf=FAST_TEST_KDF)
            assert not Vault.exists(data)
            return
        with Vault.create(data, passphrase, kdf=FAST_TEST_KDF) as vault:
            vault.add_checkin(CheckIn(mood=5))
        with Vault.open(data, unicodedata.normalize("NFD", passphrase)) as vault:  # typed on another system
            assert len(vault.list_checkins()) == 1
        with pytest.raises(WrongPassphrase):
            Vault.open(data, passphrase + "!")


@FUZZ
@given(note=st.text(), tags=st.lists(st.text(max_size=30), max_size=5))
def test_notes_and_tags_of_any_unicode_come_back_exactly(journal: Path, note: str, tags: list[str]) -> None:
    """Notes exactly; tags in the one clean form every record keeps (cleaning it again changes nothing)."""
    checkin = CheckIn(mood=4, note=note, tags=tags)
    with Vault.open(journal, PASSPHRASE) as vault:
        vault.add_checkin(checkin)
    with Vault.open(journal, PASSPHRASE) as vault:
        back = vault.get_checkin(checkin.id)
    assert (back.note, back.tags) == (note, clean_tags(tags)) and clean_tags(back.tags) == back.tags


@FUZZ
@given(note=CLI_TEXT, tag=CLI_TEXT)
def test_the_cli_stores_and_shows_any_note(
    journal: Path, capsys: pytest.CaptureFixture[str], note: str, tag: str
) -> None:
    base = ["--data-dir", str(journal)]
    # "--note=TEXT" is how any text, even text that starts with "-", is given on a command line
    assert main([*base, "checkin", "--no-camera", "--mood", "6", f"--note={note}", f"--tag={tag}"]) == 0
    capsys.readouterr()
    assert main([*base, "history"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert main([*base, "history", "--json"]) == 0
    stored = json.loads(capsys.readouterr().out)
    assert (stored[0]["note"], stored[0]["tags"]) == (note.strip(), clean_tags([tag]))
    assert len(listed) == len(stored)  # one line per check-in, whatever the note holds
    assert [ch for line in listed for ch in line if unicodedata.category(ch) == "Cc"] == []  # no terminal codes


def test_terminal_control_codes_in_a_note_are_shown_inert(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sneaky = "\x1b]0;hacked\x07\x1b[2Jcleared your screen\rmoved"
    base = ["--data-dir", str(journal)]
    assert main([*base, "checkin", "--no-camera", "--mood", "5", "--note", sneaky, "--tag", "two\nlines"]) == 0
    capsys.readouterr()
    assert main([*base, "history"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "\x1b" not in line and "\x07" not in line
    assert "cleared your screen" in line and "#two" in line


def test_the_longest_note_is_saved_listed_and_backed_up_whole(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = ("A long night of writing, line after line. ✍️\n" * 25_000)[: NOTE_MAX_CHARS - 1] + "."
    base = ["--data-dir", str(journal)]
    too_long, longest = tmp_path / "too-long.txt", tmp_path / "longest.txt"
    too_long.write_text(note + "!", encoding="utf-8")
    longest.write_text(note, encoding="utf-8")
    assert exit_status([*base, "checkin", "--no-camera", "--mood", "3", "--note-file", str(too_long)]) == 2
    assert f"a note holds at most {NOTE_MAX_CHARS:,}" in capsys.readouterr().err
    assert main([*base, "checkin", "--no-camera", "--mood", "3", "--note-file", str(longest)]) == 0
    capsys.readouterr()
    assert main([*base, "history"]) == 0
    listed = capsys.readouterr().out.strip().splitlines()
    assert len(listed) == 1 and len(listed[0]) < 200  # one line with an excerpt, not a megabyte
    assert main([*base, "history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["note"] == note.strip()
    backup = tmp_path / "big.mmbackup"
    with Vault.open(journal, PASSPHRASE) as vault:
        write_backup(vault, backup, PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
    assert read_backup(backup, PASSPHRASE).checkins[0].note == note.strip()


def test_notes_print_on_a_terminal_that_cannot_show_every_character(journal: Path) -> None:
    with Vault.open(journal, PASSPHRASE) as vault:
        vault.add_checkin(CheckIn(mood=8, note="café with Ana 😀", tags=["fréunde"]))
    env = dict(os.environ, PYTHONIOENCODING="latin-1")
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "--data-dir", str(journal), "history"],
        capture_output=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("latin-1")
    assert "café with Ana".encode("latin-1") in done.stdout  # what can be shown is shown as typed
    assert b"Traceback" not in done.stderr


@pytest.fixture(scope="module")
def backup_bytes() -> Iterator[bytes]:
    with tempfile.TemporaryDirectory() as folder:
        data, path = Path(folder) / "journal", Path(folder) / "journal.mmbackup"
        with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
            vault.add_checkin(CheckIn(mood=7, note="backed up"))
            write_backup(vault, path, PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
        yield path.read_bytes()


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=2048).map(lambda tail: MAGIC + b"\x00\x01" + tail),
        st.binary(max_size=2048).map(lambda tail: MAGIC + tail),
    )
)
def test_a_malformed_backup_file_is_refused_and_restores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    with tempfile.TemporaryDirectory() as folder:
        backup, target = Path(folder) / "suspicious.mmbackup", Path(folder) / "restored"
        backup.write_bytes(content)
        with pytest.raises((BackupDamaged, UnsupportedBackup)):
            read_backup(backup, PASSPHRASE)
        assert exit_status(["--data-dir", str(target), "restore", str(backup)]) == 1
        assert not target.exists()
    assert capsys.readouterr().err.startswith("moodmirror: ")


@FUZZ
@given(cut=st.integers(0, 10**6))
def test_a_truncated_backup_is_refused(backup_bytes: bytes, cut: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        backup = Path(folder) / "partial.mmbackup"
        backup.write_bytes(backup_bytes[: cut % len(backup_bytes)])
        with pytest.raises(BackupDamaged):
            read_backup(backup, PASSPHRASE)


COMMANDS = ("init", "checkin", "history", "passwd", "wipe", "chart", "export", "backup", "restore", "analyze")
OPTIONS = (
    "--mood", "--note", "--tag", "--no-camera", "--week", "--json", "--month", "--all", "--theme", "--out",
    "--from", "--to", "--include-notes", "--exclude", "--recipient", "--separate-password", "--seconds", "-h",
)  # fmt: skip
AWKWARD_VALUES = (
    "0", "11", "-1", "5.5", "nan", "inf", "1e309", "", " ", "-", "--", "2026-W05", "2026-W53", "2025-W53", "2026-13",
    "2026-02-30", "0001-01-01", "9999-12-31", "age1notakey", "light", "neon", "١", "\u202e5", "\t\n",
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_command_line_ends_in_a_result_or_a_clear_error(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    paths = (str(tmp_path / "out.png"), str(tmp_path / "out.pdf"), str(tmp_path), str(tmp_path / "no" / "dir.pdf"),
             str(journal / "vault.sqlite3"), "/")  # fmt: skip
    token = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(AWKWARD_VALUES), st.sampled_from(paths), CLI_TEXT)
    command = data.draw(st.sampled_from(COMMANDS), label="command")
    rest = data.draw(st.lists(token, max_size=6).filter(lambda args: not any(a.startswith("--so") for a in args)))

    status = exit_status(["--data-dir", str(journal), command, *rest])

    captured = capsys.readouterr()
    assert status in (0, 1, 2), captured.err
    if status != 0:
        assert captured.err.strip(), "a failure must say why"
        assert "Traceback" not in captured.err


@pytest.fixture
def model_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped model and card that the app will load instead of the originals."""
    folder = tmp_path / "models"
    folder.mkdir()
    for name in (MODEL_FILE, CARD_FILE):
        shutil.copy(MODELS_DIR / name, folder / name)
    monkeypatch.setattr("moodmirror.vision.classifier.MODELS_DIR", folder)
    return folder


def truncate_model(folder: Path) -> None:
    model = folder / MODEL_FILE
    model.write_bytes(model.read_bytes()[:-1000])


def empty_model(folder: Path) -> None:
    (folder / MODEL_FILE).write_bytes(b"")


def delete_model(folder: Path) -> None:
    (folder / MODEL_FILE).unlink()


def strip_card_checksum(folder: Path) -> None:
    (folder / CARD_FILE).write_text("# no checksum here\n")


def garbage_with_matching_card(folder: Path) -> None:
    """Random bytes as the model, and a card rewritten to carry their sha256 (a careless re-export)."""
    model, card = folder / MODEL_FILE, folder / CARD_FILE
    model.write_bytes(os.urandom(4096))
    sha = hashlib.sha256(model.read_bytes()).hexdigest()
    lines = [f"- **sha256**: `{sha}`" if ln.startswith("- **sha256**") else ln for ln in card.read_text().splitlines()]
    card.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (truncate_model, "does not match its model card"),
        (empty_model, "does not match its model card"),
        (delete_model, "missing or unreadable"),
        (strip_card_checksum, "has no sha256 line"),
        (garbage_with_matching_card, "is damaged and cannot be loaded"),
    ],
    ids=["truncated", "empty", "missing", "card-without-sha", "garbage-with-matching-card"],
)
def test_a_corrupt_model_is_refused_with_a_clear_message(
    model_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Callable[[Path], None], message: str
) -> None:
    damage(model_copy)
    with pytest.raises(ModelError, match=message):
        EmotionClassifier()
    image = tmp_path / "face.png"
    image.write_bytes(b"")  # never reached: the model is checked first
    assert exit_status(["analyze", str(image)]) == 1
    assert message in capsys.readouterr().err


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=4096), st.just(b""), st.just(b"RIFF\x00\x00\x00\x00AVI LIST")))
def test_a_file_that_is_not_a_video_is_refused_and_nothing_is_saved(
    journal: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fake = Path(folder) / "holiday.mp4"
        fake.write_bytes(content)
        analyzed = exit_status(["analyze", str(fake)])
        checkin = exit_status(
            ["--data-dir", str(journal), "checkin", "--source", f"video:{fake}", "--seconds", "5", "--mood", "5"]
        )
    captured = capsys.readouterr()
    assert analyzed in (0, 1) and checkin == 1
    assert "Traceback" not in captured.err
    assert "cannot be read as a video" in captured.err or "gave no picture" in captured.err
    with Vault.open(journal, PASSPHRASE) as vault:
        assert vault.list_checkins() == []


def test_a_tag_holding_a_unicode_line_separator_stays_on_its_check_ins_line(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the fuzz test above: U+2028 and U+2029 break a line for many terminals and for ``str.splitlines``."""
    base = ["--data-dir", str(journal)]
    assert main([*base, "checkin", "--no-camera", "--mood", "6", "--tag=one\u2028two", "--note=a\u2029b"]) == 0
    capsys.readouterr()
    assert main([*base, "history"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "one\ufffdtwo" in line
