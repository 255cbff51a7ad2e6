"""UI benchmark: start to first screen, unlock (KDF excluded), frame rate during a check-in, chart switch.

Run with a display (``xvfb-run -a python tests/benchmarks/bench_ui.py`` on a server). The
journal uses the real Argon2id parameters; the unlock figure is the time from pressing Unlock
to the home screen minus one key derivation timed on its own: the app's own work (open,
retention, settings, home screen) that the user waits for on top of the KDF. The check-in
runs on the demo face (30 frames/s) with the live preview and the seven bars; it reports the
UI loop's rate (``Clock.get_fps``), the frames actually rendered (window flips) and preview
frames per second, the UI thread's own Python work per preview frame, and the load average,
because under Xvfb the frames are rendered in software (llvmpipe) and share the CPU with
everything else running. Last, on History with two months of check-ins, it times switching the
chart between week and month: from the press until the new chart is on screen.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import os
import statistics
import sys
import tempfile
from collections.abc import Generator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from screenshots import sample_checkins
from scripted import Driver, Step, run_scenario

from moodmirror.storage.crypto import (
    DEFAULT_KDF_COST,
    KdfParams,
    derive_key,
)
from moodmirror.storage.vault import Vault
from moodmirror.ui.screens import checkin
from moodmirror.vision.pipeline import FrameResult

PASSPHRASE = "quiet river morning tea"
CHECKIN_SAMPLE_S = 8.0
CHART_SWITCHES = 3  # week -> month -> week, three times
results: dict[str, float] = {}
counters = {"flips": 0, "draw_s": 0.0, "draws": 0}


def count_flip(*_: object) -> None:
    counters["flips"] += 1


def timed_draw(self: checkin.CheckInScreen, result: FrameResult) -> None:
    start = time.perf_counter()
    draw(self, result)
    counters["draw_s"] += time.perf_counter() - start
    counters["draws"] += 1


draw = checkin.CheckInScreen._draw
checkin.CheckInScreen._draw = timed_draw  # type: ignore[method-assign]


def scenario(d: Driver) -> Generator[Step, None, None]:
    yield d.on("unlock")
    results["first_screen_s"] = time.perf_counter() - T0
    d.type("passphrase", PASSPHRASE)
    start = time.perf_counter()
    d.press("unlock")
    yield d.on("home")
    results["unlock_ms"] = (time.perf_counter() - start) * 1000
    d.press("start")
    yield d.on("checkin")
    yield lambda: d.screen.frames_drawn >= 10
    drawn, began = d.screen.frames_drawn, time.perf_counter()
    d.window.bind(on_flip=count_flip)
    counters.update(flips=0, draw_s=0.0, draws=0)
    samples: list[float] = []
    for _ in range(int(CHECKIN_SAMPLE_S / 0.5)):
        yield 0.5
        samples.append(d.fps())
    elapsed = time.perf_counter() - began
    results["ui_fps"] = statistics.median(samples)
    results["preview_fps"] = (d.screen.frames_drawn - drawn) / elapsed
    results["rendered_fps"] = counters["flips"] / elapsed
    results["draw_ms"] = 1000 * counters["draw_s"] / max(1, counters["draws"])
    results["load"] = os.getloadavg()[0]
    d.press("stop")
    yield d.on("reflect")
    d.app.navigator.show("history")
    yield d.on("history")
    yield lambda: not d.screen.loading
    switches: list[float] = []
    for mode in ("month", "week") * CHART_SWITCHES:
        start = time.perf_counter()
        d.screen.set_mode(mode)
        yield lambda: not d.screen.loading
        switches.append((time.perf_counter() - start) * 1000)
    results["chart_switch_ms"] = statistics.median(switches)
    results["chart_switch_max_ms"] = max(switches)


def kdf_time_ms() -> float:
    """One key derivation with the parameters new journals use."""
    start = time.perf_counter()
    derive_key(PASSPHRASE, KdfParams.fresh(DEFAULT_KDF_COST))
    return (time.perf_counter() - start) * 1000


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "journal"
        with Vault.create(data, PASSPHRASE) as vault:
            settings = vault.load_settings()
            settings.camera_enabled = True
            settings.checkin_seconds = 30
            vault.save_settings(settings)
            for sample in sample_checkins(days=60):  # two months of history for the charts
                vault.add_checkin(sample)
        code = run_scenario(scenario, data, make_source=lambda: "demo", timeout_s=60)
    if code:
        return code
    kdf_ms = min(kdf_time_ms() for _ in range(3))
    print(
        f"start to first screen:          {results['first_screen_s'] * 1000:7.0f} ms (process start to the unlock screen)"
    )
    print(
        f"unlock, KDF excluded:           {results['unlock_ms'] - kdf_ms:7.0f} ms "
        f"(press to home {results['unlock_ms']:.0f} ms, minus {kdf_ms:.0f} ms of Argon2id)"
    )
    print(f"UI frame rate during check-in:  {results['ui_fps']:7.1f} FPS (target >= 30; Clock.get_fps, median)")
    print(f"frames rendered (window flips): {results['rendered_fps']:7.1f} per second")
    print(f"preview frames drawn:           {results['preview_fps']:7.1f} per second (demo source at 30 frames/s)")
    print(
        f"UI-thread work per frame:       {results['draw_ms']:7.2f} ms (preview upload, bars, ring; rendering excluded)"
    )
    print(
        f"history chart switch:           {results['chart_switch_ms']:7.0f} ms "
        f"(week <-> month, median of {2 * CHART_SWITCHES}, slowest {results['chart_switch_max_ms']:.0f} ms; target < 300)"
    )
    print(f"load average during the run:    {results['load']:7.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
