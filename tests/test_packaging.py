"""A user who installs MoodMirror as a wheel (``pip install .``, not editable) gets a working app.

The wheel is built from this checkout and installed into a fresh virtual environment that
borrows the already installed dependencies; the installed copy must find its models (the
emotion model and the face detector), prompts and migrations without the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from moodmirror.resources import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_wheel_install_finds_its_model_prompts_and_migrations(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", PROJECT_ROOT, "--no-deps",
         "-q", "-w", wheels, cwd=tmp_path)
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--no-deps", "-q", *wheels.glob("*.whl"), cwd=tmp_path)

    where = _run(python, "-c", "import moodmirror.resources as r, moodmirror.vision as v;"
                 "print(r.MODELS_DIR); print(v.EmotionClassifier().labels);"
                 "from moodmirror.insights.prompt_library import load_library; print(len(load_library().prompts));"
                 "import numpy as np; print(v.FaceDetector().detect(np.zeros((480, 640, 3), np.uint8)).status)",
                 cwd=tmp_path).splitlines()
    assert Path(where[0]) == venv / "share" / "moodmirror" / "models"
    assert "happiness" in where[1]
    assert int(where[2]) > 0
    assert where[3] == "too_dark"  # the face detector and its card were installed and verified

    env = {**os.environ, "MOODMIRROR_DATA_DIR": str(tmp_path / "journal"),
           "MOODMIRROR_PASSPHRASE": "a passphrase for the wheel test"}
    app = venv / "bin" / "moodmirror"
    _run(app, "init", cwd=tmp_path, env=env)
    _run(app, "checkin", "--no-camera", "--mood", "6", "--note", "installed from a wheel",
         cwd=tmp_path, env=env)
    assert "installed from a wheel" in _run(app, "history", cwd=tmp_path, env=env)
