"""No network: MoodMirror's whole command-line flow works on a machine where every connection fails.

The guard replaces what any network call needs (Internet sockets, ``create_connection`` and
name resolution) with versions that record the attempt and raise. Local socket pairs stay
allowed: asyncio and Kivy use them to wake their own threads, which is not network. A first
test proves the guard really bites on a live local server, so the flow test cannot pass
because the guard is toothless. Native code is out of the guard's sight, so ONNX Runtime's own
telemetry (an uploader in C++) is checked by what it would leave behind: its device id and
event cache.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moodmirror.cli.main import main
from moodmirror.storage.vault import Vault

PASSPHRASE = "offline and private 42"
REPORT_PASSWORD = "therapist only 2026"


class NetworkAttempt(AssertionError):
    """Raised by the guard; not an OSError, so code that handles network errors cannot swallow it."""


def cut_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every network call raise :class:`NetworkAttempt`; returns the list of attempts made."""
    attempts: list[str] = []
    real_socket = socket.socket

    def refuse(what: str) -> NetworkAttempt:
        attempts.append(what)
        return NetworkAttempt(f"network use attempted: {what}")

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: Any = -1, type: Any = -1, proto: Any = -1, fileno: Any = None) -> None:
            if family != socket.AF_UNIX:
                raise refuse(f"socket(family={family!r})")
            super().__init__(family, type, proto, fileno)

    def guarded(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            raise refuse(f"{name}{args!r}")

        return call

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, guarded(name))
    return attempts


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return cut_network(monkeypatch)


@pytest.fixture
def local_server() -> Iterator[int]:
    """A real TCP server on localhost (opened before any guard), yielding its port."""
    server = socket.create_server(("127.0.0.1", 0))
    try:
        yield server.getsockname()[1]
    finally:
        server.close()


def test_the_guard_stops_a_real_connection_but_not_local_socket_pairs(
    local_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    socket.create_connection(("127.0.0.1", local_server), timeout=2).close()  # reachable without the guard

    attempts = cut_network(monkeypatch)
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", local_server), timeout=2)
    with pytest.raises(NetworkAttempt):
        urllib.request.urlopen(f"http://127.0.0.1:{local_server}/", timeout=2)
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("example.org", 443)
    assert len(attempts) == 4

    left, right = socket.socketpair()  # event loops wake themselves this way: still allowed
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
    assert len(attempts) == 4


def test_onnx_runtime_telemetry_is_off(tmp_path: Path) -> None:
    home, temp = tmp_path / "home", tmp_path / "temp"
    home.mkdir()
    temp.mkdir()
    code = (
        "import numpy as np\n"
        "from moodmirror.vision.classifier import EmotionClassifier\n"
        "EmotionClassifier().predict(np.zeros((1, 48, 48), np.uint8))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"} | {
        "HOME": str(home),
        "TMPDIR": str(temp),
    }
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()] == []  # no device id, no cache


@pytest.mark.slow
def test_whole_flow_runs_with_the_network_cut(
    no_network: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, restored = tmp_path / "journal", tmp_path / "restored"
    chart, report, backup = (tmp_path / "week.png", tmp_path / "report.pdf", tmp_path / "journal.mmbackup")
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", REPORT_PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def run(*argv: str) -> str:
        code = main(["--data-dir", str(data), *argv])
        captured = capsys.readouterr()
        assert code == 0, f"moodmirror {' '.join(argv)} failed: {captured.err}"
        return captured.out

    run("init")
    run("checkin", "--source", "demo", "--seconds", "5", "--mood", "7", "--note", "walked by the river")
    run("checkin", "--no-camera", "--mood", "4", "--tag", "work")
    assert "walked by the river" in run("history")
    run("chart", "--all", "--out", str(chart))
    run("export", "--out", str(report), "--include-notes")
    run("backup", "--out", str(backup))
    assert main(["--data-dir", str(restored), "restore", str(backup)]) == 0
    run("wipe", "--yes")

    assert chart.read_bytes().startswith(b"\x89PNG")
    assert report.read_bytes().startswith(b"%PDF")
    assert not Vault.exists(data) and Vault.exists(restored)
    assert no_network == []
