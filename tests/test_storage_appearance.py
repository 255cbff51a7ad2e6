"""The plaintext appearance file: theme and text size only, written when they change, and any
missing or damaged file read as the defaults without a word."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror import journal
from moodmirror.records import Settings
from moodmirror.storage.appearance import MAX_BYTES, Appearance, read_appearance, remember_appearance
from moodmirror.storage.paths import appearance_path
from moodmirror.storage.vault import Vault

DEFAULTS = Appearance("light", 1.0)


def test_the_theme_and_text_size_round_trip_and_nothing_else_is_written(tmp_path: Path) -> None:
    settings = Settings(theme="dark", text_scale=1.3, backup_dir="/media/usb/private", crisis_region="uk")
    remember_appearance(tmp_path, settings)
    path = appearance_path(tmp_path)
    assert read_appearance(tmp_path) == Appearance("dark", 1.3)
    assert json.loads(path.read_text()) == {"theme": "dark", "text_scale": 1.3}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appearance.json"]  # no temporary file left


def test_the_file_is_rewritten_only_when_theme_or_text_size_change(tmp_path: Path) -> None:
    remember_appearance(tmp_path, Settings(theme="dark"))
    path = appearance_path(tmp_path)
    first = path.stat().st_ino
    remember_appearance(tmp_path, Settings(theme="dark", checkin_seconds=30))  # another setting: left alone
    assert path.stat().st_ino == first
    remember_appearance(tmp_path, Settings(theme="light", text_scale=1.15))
    assert path.stat().st_ino != first and read_appearance(tmp_path) == Appearance("light", 1.15)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2]",
        b'"dark"',
        b'{"theme": "sepia", "text_scale": 1.0}',
        b'{"theme": "dark", "text_scale": "big"}',
        b'{"theme": "dark", "text_scale": true}',
        b'{"theme": "dark", "text_scale": 40}',
        b'{"theme": "dark"}',
        b'{"theme": "dark", "text_scale": 1.0, "pad": "' + b"x" * MAX_BYTES + b'"}',
    ],
)
def test_a_damaged_file_reads_as_the_defaults(tmp_path: Path, content: bytes) -> None:
    appearance_path(tmp_path).write_bytes(content)
    assert read_appearance(tmp_path) == DEFAULTS


def test_no_file_no_folder_or_a_folder_in_its_place_read_as_the_defaults(tmp_path: Path) -> None:
    assert read_appearance(tmp_path) == DEFAULTS
    assert read_appearance(tmp_path / "missing") == DEFAULTS
    appearance_path(tmp_path).mkdir()
    assert read_appearance(tmp_path) == DEFAULTS


def test_journal_save_settings_keeps_the_appearance_and_the_settings_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(theme="dark", text_scale=1.15, camera_enabled=True, camera_source="demo")
    with Vault.create(data, "a long enough passphrase", kdf=FAST_TEST_KDF) as vault:
        journal.save_settings(vault, settings)
    assert read_appearance(data) == Appearance("dark", 1.15)
    with Vault.open(data, "a long enough passphrase") as vault:
        assert vault.load_settings() == settings


def test_settings_are_saved_even_when_the_appearance_file_cannot_be_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Vault.create(data, "a long enough passphrase", kdf=FAST_TEST_KDF) as vault:
        appearance_path(data).mkdir()  # something in the way
        journal.save_settings(vault, Settings(theme="dark"))
        assert vault.load_settings().theme == "dark"
    assert read_appearance(data) == DEFAULTS
