"""The vision commands: ``analyze``, ``demo`` and ``checkin --source``, run in-process."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from fast_kdf import FAST_TEST_KDF
from skimage.data import astronaut

from moodmirror.cli.main import main
from moodmirror.emotions import EMOTIONS
from moodmirror.storage.vault import Vault
from moodmirror.vision.demo import draw_face

PASSPHRASE = "correct horse battery staple"


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


@pytest.fixture
def astronaut_png(tmp_path: Path) -> Path:
    path = tmp_path / "astronaut.png"
    cv2.imwrite(str(path), cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR))
    return path


def test_analyze_astronaut_finds_exactly_one_face(astronaut_png: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(astronaut_png), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["faces"]) == 1
    face = out["faces"][0]
    x, y, w, h = face["box"]
    assert 150 < x < 200 and 40 < y < 90 and 80 < w < 130
    assert list(face["probabilities"]) == list(EMOTIONS)
    assert sum(face["probabilities"].values()) == pytest.approx(1.0, abs=1e-4)
    assert face["dominant"] == max(face["probabilities"], key=face["probabilities"].get)


def test_analyze_prints_readable_lines(astronaut_png: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(astronaut_png)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "face at x=" in out[0]


def test_analyze_image_without_face(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wall.png"
    cv2.imwrite(str(path), np.full((240, 320, 3), 128, np.uint8))
    assert main(["analyze", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"faces": []}


def test_analyze_video_prints_one_object_per_frame_with_a_face(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (640, 480))
    for i in range(6):
        frame = draw_face((640, 480), i / 10) if i % 2 == 0 else np.full((480, 640, 3), 128, np.uint8)
        writer.write(frame)
    writer.release()
    assert main(["analyze", str(path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["frame"] for line in lines] == [0, 2, 4]
    assert all(len(line["faces"]) == 1 for line in lines)


def test_analyze_missing_or_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "nope.png")]) == 1
    assert "No file at" in capsys.readouterr().err
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    assert main(["analyze", str(broken)]) == 1
    assert "cannot be read as an image" in capsys.readouterr().err


def test_demo_checkin_leaves_no_file_outside_its_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    temp, cwd, data = tmp_path / "tmp", tmp_path / "cwd", tmp_path / "data"
    temp.mkdir()
    cwd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.chdir(cwd)
    before = {folder: files_under(folder) for folder in (temp, cwd, data)}

    assert main(["--data-dir", str(data), "demo", "--seconds", "5"]) == 0

    out = capsys.readouterr().out
    assert "Stored in a throw-away journal (1 check-in" in out
    stored = json.loads(out[out.index("[") : out.rindex("]") + 1])
    assert stored[0]["summary"]["source"] == "demo"
    assert stored[0]["summary"]["frames_seen"] > 0
    assert {folder: files_under(folder) for folder in (temp, cwd, data)} == before
    assert not data.exists()


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    return data


def stored_checkins(data: Path) -> list:
    with Vault.open(data, PASSPHRASE) as vault:
        return vault.list_checkins()


def test_checkin_with_a_source_stores_the_summary(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--data-dir", str(journal), "checkin", "--source", "demo", "--seconds", "5", "--mood", "6", "--note", "hi"]
    assert main(argv) == 0
    assert "Saved your check-in (mood 6/10)" in capsys.readouterr().out
    (checkin,) = stored_checkins(journal)
    assert checkin.mood == 6 and checkin.note == "hi"
    assert checkin.summary is not None
    assert checkin.summary.source == "demo"
    assert checkin.summary.duration_s == pytest.approx(5.0, abs=0.3)
    assert checkin.summary.face_ratio > 0.9


def test_checkin_with_a_failing_source_saves_nothing(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--data-dir", str(journal), "checkin", "--source", f"video:{tmp_path / 'gone.mp4'}", "--mood", "5"]
    assert main(argv) == 1
    assert "No video file" in capsys.readouterr().err
    assert stored_checkins(journal) == []


def test_checkin_source_option_conflicts(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(journal), "checkin", "--mood", "5"]
    assert main([*base, "--no-camera", "--source", "demo"]) == 2
    assert main([*base, "--no-camera", "--seconds", "10"]) == 2
    with pytest.raises(SystemExit):
        main([*base, "--source", "demo", "--seconds", "90"])
    assert stored_checkins(journal) == []
    assert main([*base, "--no-camera"]) == 0
    (checkin,) = stored_checkins(journal)
    assert checkin.summary is None


def test_starting_the_cli_or_importing_the_classifier_loads_no_heavy_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from moodmirror.cli.main import build_parser\n"
        "from moodmirror.vision import EmotionClassifier, CheckInSession\n"
        "build_parser()\n"
        "print(sorted(m for m in ('cv2', 'onnxruntime', 'skimage') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_checkin_whose_source_fails_mid_session_saves_nothing(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "frames"
    folder.mkdir()
    for i in range(3):
        cv2.imwrite(str(folder / f"{i}.png"), draw_face((320, 240), i / 5))
    (folder / "9.png").write_bytes(b"\x89PNG cut short")
    argv = ["--data-dir", str(journal), "checkin", "--source", f"images:{folder}", "--mood", "4"]
    assert main(argv) == 1
    assert "cannot be read as an image" in capsys.readouterr().err
    assert stored_checkins(journal) == []
