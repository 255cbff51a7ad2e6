"""Benchmark: vault unlock, saving one check-in, listing ten years of check-ins, and file size.

Run ``python tests/benchmarks/bench_vault.py``. It builds a vault with the production KDF in
a temporary folder, adds 3,650 realistic check-ins (one a day for ten years, half with a
camera summary, notes of 0 to 400 characters) through the public API, and prints medians.
Targets: listing 3,650 check-ins < 150 ms, saving one < 20 ms (both excluding the KDF), and
one KDF derivation between 0.25 and 0.5 s.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fast_kdf import FAST_TEST_KDF

from moodmirror.emotions import EMOTIONS
from moodmirror.records import CheckIn, EmotionSummary
from moodmirror.storage.crypto import DEFAULT_KDF_COST, derive_key
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

DAYS = 3650
PASSPHRASE = "benchmark passphrase"
TARGETS_MS = {"save one check-in": 20.0, f"list {DAYS} check-ins": 150.0}


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def make_checkin(day: datetime, rng: random.Random) -> CheckIn:
    summary = None
    if rng.random() < 0.5:
        weights = [rng.random() for _ in EMOTIONS]
        probabilities = {e: w / sum(weights) for e, w in zip(EMOTIONS, weights, strict=True)}
        dominant = max(probabilities, key=probabilities.__getitem__)
        summary = EmotionSummary(
            probabilities=probabilities, dominant=dominant, dominant_share=0.6, confidence=probabilities[dominant],
            valence=rng.uniform(-1, 1), arousal=rng.uniform(-1, 1), frames_seen=150, frames_usable=140,
            face_ratio=0.93, duration_s=15.0, model_id="emotion-bench",
        )  # fmt: skip
    words = ["slept", "work", "walk", "friends", "tired", "calm"]
    note = " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
    tags = rng.sample(["work", "sleep", "family", "sport", "rain", "travel"], k=rng.randint(0, 3))
    return CheckIn(mood=rng.randint(1, 10), note=note, tags=tags, summary=summary, created_at=day)


def main() -> None:
    rng = random.Random(7)
    cost = DEFAULT_KDF_COST
    print(f"KDF: Argon2id, memory {cost.memory_kib // 1024} MiB, {cost.iterations} passes, {cost.lanes} lane(s)")
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        Vault.create(data_dir, PASSPHRASE).close()
        with Vault.open(data_dir, PASSPHRASE) as vault:
            params = vault.kdf
        derive = median_ms(lambda: derive_key(PASSPHRASE, params), 5)
        unlock = median_ms(lambda: Vault.open(data_dir, PASSPHRASE).close(), 5)
        cheap_dir = Path(folder) / "cheap"
        Vault.create(cheap_dir, PASSPHRASE, kdf=FAST_TEST_KDF).close()
        unlock_cheap = median_ms(lambda: Vault.open(cheap_dir, PASSPHRASE).close(), 5)
        print(f"one KDF derivation:           {derive:8.1f} ms  (target 250..500)")
        print(f"unlock, KDF included:         {unlock:8.1f} ms")
        print(f"unlock, KDF excluded:         {unlock_cheap:8.1f} ms  (same path with the 1 MiB test KDF)")

        start = datetime(2020, 1, 1, 20, tzinfo=UTC)
        with Vault.open(data_dir, PASSPHRASE) as vault:
            for day in range(DAYS):
                vault.add_checkin(make_checkin(start + timedelta(days=day), rng))
            extra = iter(make_checkin(start - timedelta(days=d + 1), rng) for d in range(100))
            figures = {
                "save one check-in": median_ms(lambda: vault.add_checkin(next(extra)), 50),
                f"list {DAYS} check-ins": median_ms(vault.list_checkins, 9),
            }
            week = (start + timedelta(days=1000), start + timedelta(days=1007))
            figures["list one week of them"] = median_ms(lambda: vault.list_checkins(*week), 9)
            count = len(vault.list_checkins())
        for name, value in figures.items():
            target = TARGETS_MS.get(name)
            verdict = "" if target is None else f"  (target < {target:g}: {'ok' if value < target else 'MISSED'})"
            print(f"{name + ':':<30}{value:8.1f} ms{verdict}")
        size = vault_path(data_dir).stat().st_size
        print(f"database size, {count} check-ins: {size / 1024 / 1024:.2f} MiB ({size / count:.0f} bytes each)")


if __name__ == "__main__":
    main()
