"""A user who installs MoodMirror as a wheel (``pip install .``, not editable) gets a working app.

The wheel is built from this checkout and installed into a brand-new virtual environment
that fetches the app's dependencies itself from the package index (nothing is borrowed from
the interpreter running the tests), so the test means the same in a venv, globally and in CI.
The installed copy must find its models (the emotion model and the face detector), prompts,
crisis files and migrations without the checkout, and must not carry the test helpers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LOCAL_ONLY = (".git", "build", "dist", "*.egg-info", "__pycache__", ".venv", ".hypothesis", ".pytest_cache")


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_wheel_in_a_fresh_venv_finds_its_shipped_files_and_works(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a clean copy: a stale build/ folder must not leak into the wheel
    shutil.copytree(PROJECT_ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*LOCAL_ONLY))
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-q", "-w", wheels, cwd=tmp_path)
    (wheel,) = wheels.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"moodmirror/{p.relative_to(PROJECT_ROOT)}" for p in PROJECT_ROOT.glob("models/*.onnx")}
    shipped |= {f"moodmirror/{p.relative_to(PROJECT_ROOT)}" for p in PROJECT_ROOT.glob("models/*.md")}
    assert shipped <= names and "moodmirror/migrations/versions/0001_create_vault.py" in names
    assert not {n for n in names if n.endswith(("scripted.py", "recall.py", "screenshots.py"))}
    assert not [n for n in names if not n.startswith(("moodmirror/", "moodmirror-"))]

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    _run(python, "-m", "pip", "install", "-q", "--no-compile", wheel, cwd=tmp_path, env=env)  # no .pyc: faster
    installed = _run(python, "-m", "pip", "list", "--format=freeze", cwd=tmp_path, env=env).lower()
    assert "torch" not in installed, "the app must never need torch"

    where = _run(python, "-c", "import moodmirror.resources as r, moodmirror.vision as v;"
                 "print(r.MODELS_DIR); print(v.EmotionClassifier().labels);"
                 "from moodmirror.insights.prompt_library import load_library; print(len(load_library().prompts));"
                 "import numpy as np; print(v.FaceDetector().detect(np.zeros((480, 640, 3), np.uint8)).status)",
                 cwd=tmp_path, env=env).splitlines()  # fmt: skip
    assert Path(where[0]).is_relative_to(venv) and Path(where[0]).name == "models"
    assert "happiness" in where[1]
    assert int(where[2]) > 0
    assert where[3] == "too_dark"  # the face detector and its card were installed and verified

    env |= {
        "MOODMIRROR_DATA_DIR": str(tmp_path / "journal"),
        "MOODMIRROR_PASSPHRASE": "a passphrase for the wheel test",
    }
    app = venv / "bin" / "moodmirror"
    _run(app, "init", cwd=tmp_path, env=env)
    _run(app, "checkin", "--no-camera", "--mood", "6", "--note", "installed from a wheel", cwd=tmp_path, env=env)
    assert "installed from a wheel" in _run(python, "-m", "moodmirror", "history", cwd=tmp_path, env=env)
