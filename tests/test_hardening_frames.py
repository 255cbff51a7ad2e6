"""No frames at rest: a full-length (15 s) camera check-in leaves no picture of the person anywhere.

The check-in watches a synthetic video of a drawn face (made in the test's own folder first).
Around it, every file under the data folder, the temp folder, the working folder and home is
snapshotted (name, size, modification time), and a Python audit hook records every file the
process opens for writing anywhere on the machine. Afterwards the only file written is the
journal itself, nothing else appeared or changed, and neither the logs nor the console carry
image bytes.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.cli.main import main
from moodmirror.storage.vault import Vault
from moodmirror.vision.demo import draw_face
from moodmirror.vision.options import DEFAULT_SECONDS

PASSPHRASE = "no pictures kept 31"
CHECKIN_SECONDS = DEFAULT_SECONDS  # a check-in as long as the app's (15 s), in real time
VIDEO_FPS = 10.0
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"BM", b"RIFF", b"GIF8", b"P5\n", b"P6\n")
LONG_BASE64 = re.compile(r"[A-Za-z0-9+/=]{400,}")
_WRITE_FLAGS = ("w", "a", "x", "+")

_recording: list[str] | None = None
"""Paths opened for writing while a recording is active; the audit hook is installed once."""


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recording is None or event != "open":
        return
    path, mode, flags = args
    writes = isinstance(mode, str) and any(flag in mode for flag in _WRITE_FLAGS)
    if writes or (isinstance(flags, int) and flags & 0o3 != 0):  # O_WRONLY or O_RDWR
        _recording.append(str(path))


sys.addaudithook(_audit)


def record_writes(action: Callable[[], int]) -> tuple[int, list[str]]:
    """Run ``action`` and return its result with every path the process opened for writing."""
    global _recording
    _recording = []
    try:
        result = action()
        return result, list(_recording)
    finally:
        _recording = None


def snapshot(*folders: Path) -> dict[Path, tuple[int, int]]:
    """Every file under ``folders`` with its size and modification time."""
    return {
        path: (path.stat().st_size, path.stat().st_mtime_ns)
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file()
    }


def write_face_video(path: Path, seconds: float) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), VIDEO_FPS, (640, 480))
    for index in range(int(seconds * VIDEO_FPS)):
        writer.write(draw_face((640, 480), index / VIDEO_FPS))
    writer.release()


@pytest.mark.slow
def test_a_full_length_video_check_in_leaves_no_frame_on_disk_or_in_logs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    inputs, data, temp, cwd, home = (tmp_path / name for name in ("inputs", "data", "temp", "cwd", "home"))
    for folder in (inputs, temp, cwd, home):
        folder.mkdir()
    video = inputs / "me.avi"
    write_face_video(video, CHECKIN_SECONDS + 2)
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(cwd)
    caplog.set_level(logging.DEBUG)
    watched = (data, temp, cwd, home, inputs)
    before = snapshot(*watched)

    argv = ["--data-dir", str(data), "checkin", "--source", f"video:{video}", "--mood", "6"]
    status, written = record_writes(lambda: main(argv))

    printed = capsys.readouterr()
    assert status == 0, printed.err
    with Vault.open(data, PASSPHRASE) as vault:
        (checkin,) = vault.list_checkins()
    summary = checkin.summary
    assert summary is not None and summary.source == "video"
    assert summary.duration_s == pytest.approx(CHECKIN_SECONDS, abs=1.5)
    assert summary.frames_seen >= 50 and summary.face_ratio > 0.5  # the face was really watched

    after = snapshot(*watched)
    assert set(after) == set(before)  # no new file anywhere we can look
    assert {p for p in after if after[p] != before[p]} <= {data / "vault.sqlite3"}  # only the journal changed
    assert [p for p in written if not Path(p).is_relative_to(data)] == []  # nothing written anywhere else

    for output in (caplog.text, printed.out, printed.err):
        raw = output.encode("utf-8", "surrogateescape")
        assert not any(magic in raw for magic in IMAGE_MAGIC if len(magic) > 2)
        assert LONG_BASE64.search(output) is None
    assert len(caplog.text) < 50_000  # a log line per frame would be a leak in itself
