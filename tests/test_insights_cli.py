"""``moodmirror chart`` end to end, on check-ins made with ``moodmirror checkin --no-camera``."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodmirror.cli.main import main
from moodmirror.insights.palette import THEMES

PASSPHRASE = "a long test passphrase"


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from fast_kdf import FAST_TEST_KDF

    from moodmirror.storage.vault import Vault

    data_dir = tmp_path / "journal"
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    for mood, tag in ((3, "work"), (7, "walk"), (6, "walk")):
        assert main(["--data-dir", str(data_dir), "checkin", "--no-camera", "--mood", str(mood), "--tag", tag]) == 0
    return data_dir


def _image(path: Path) -> np.ndarray:
    image = Image.open(BytesIO(path.read_bytes()))
    assert image.format == "PNG" and image.size == (600, 400)
    return np.asarray(image.convert("RGB"))


def test_chart_of_this_week_from_cli_checkins(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "week.png"
    assert main(["--data-dir", str(journal), "chart", "--out", str(out)]) == 0
    assert "3 check-ins" in capsys.readouterr().out
    pixels = _image(out)
    mood_line = np.all(pixels == np.array(THEMES["light"].rgb("mood"), dtype=np.uint8), axis=-1)
    assert mood_line.sum() > 20


def test_month_all_time_and_dark_theme(journal: Path, tmp_path: Path) -> None:
    from moodmirror.insights.periods import Month
    from moodmirror.insights.trends import today

    dark = tmp_path / "all.png"
    assert main(["--data-dir", str(journal), "chart", "--all", "--theme", "dark", "--out", str(dark)]) == 0
    assert tuple(_image(dark)[2, 2]) == THEMES["dark"].rgb("background")
    month = tmp_path / "month.png"
    this_month = str(Month.containing(today()))
    assert main(["--data-dir", str(journal), "chart", "--month", this_month, "--out", str(month)]) == 0
    _image(month)


def test_an_empty_past_week_still_draws(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "old.png"
    assert main(["--data-dir", str(journal), "chart", "--week", "2020-W10", "--out", str(out)]) == 0
    _image(out)


def test_bad_period_is_a_usage_error(journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(journal), "chart", "--week", "2026-48", "--out", str(tmp_path / "x.png")])
    assert exit_info.value.code == 2
    assert "2026-W48" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--data-dir", str(journal), "chart", "--week", "2026-W01", "--all", "--out", str(tmp_path / "x.png")])


def test_wrong_passphrase_or_no_journal_writes_nothing(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.png"
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", "not the passphrase")
    assert main(["--data-dir", str(journal), "chart", "--out", str(out)]) != 0
    assert main(["--data-dir", str(tmp_path / "nothing"), "chart", "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "Wrong passphrase" in err and "No journal" in err and "Traceback" not in err
    assert not out.exists()
