"""Benchmark: issue 21's features on ten years of data (two check-ins a day, notes of 200-2,000 characters).

Run ``python tests/benchmarks/bench_features.py``. Targets: the year in pixels (one year's
cells from all ten years, drawn as a PNG) < 300 ms, tag effects over all data < 200 ms, a
search < 150 ms (the in-memory index is built once after unlock; its build time is printed
too), and importing a 3,650-row Daylio CSV (read, checked for duplicates, stored encrypted in one
transaction) < 10 s. Medians of several runs after a first one, which is printed apart.
"""

from __future__ import annotations

import csv
import io
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

from moodmirror.imports.daylio import COLUMNS, read_daylio
from moodmirror.imports.merge import plan_import
from moodmirror.insights.effects import mood_effects
from moodmirror.insights.search import SearchIndex
from moodmirror.insights.year import year_pixels
from moodmirror.insights.year_chart import render_year
from moodmirror.journal import read_checkins
from moodmirror.records import CheckIn
from moodmirror.storage.vault import Vault

DAYS = 3650
RUNS = 7
TARGETS_MS = {"year in pixels": 300.0, "tag effects": 200.0, "search": 150.0, "Daylio import": 10_000.0}
WORDS = ("walk", "tired", "work", "café", "friends", "rain", "slept", "Zoë", "anxious", "calm", "deadline", "music")
TAGS = ("work", "sleep", "gym", "family", "friends", "reading", "rain", "coffee", "meds", "outside", "screen", "alone")
START = datetime(2016, 12, 1, tzinfo=UTC)


def _note(rng: random.Random) -> str:
    target = rng.randint(200, 2000)
    words: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:target]


def _checkins(rng: random.Random) -> list[CheckIn]:
    items = []
    for day in range(DAYS):
        for hour in (8, 20):
            when = START + timedelta(days=day, hours=hour, minutes=rng.randint(0, 59))
            tags = rng.sample(TAGS, rng.randint(0, 3))
            items.append(CheckIn(mood=rng.randint(1, 10), note=_note(rng), tags=tags, created_at=when))
    return items


def _daylio_csv(rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    moods = ("rad", "good", "meh", "bad", "awful")
    for day in range(DAYS):
        when = START + timedelta(days=day, hours=19)
        activities = " | ".join(rng.sample(TAGS, rng.randint(0, 4)))
        writer.writerow([f"{when:%Y-%m-%d}", f"{when:%B} {when.day}", f"{when:%A}", f"{when:%H:%M}",
                         rng.choice(moods), activities, "A title, with a comma", _note(rng)])  # fmt: skip
    return out.getvalue().encode()


def _time(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """(first, median of the next ``runs``) in ms."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times[1:])


def _report(name: str, detail: str, first: float, median: float) -> None:
    verdict = "ok" if median < TARGETS_MS[name] else "SLOW"
    print(f"{name:>15} ({detail}): median {median:8.1f} ms, first {first:8.1f} ms, "
          f"target < {TARGETS_MS[name]:.0f} ms [{verdict}]")  # fmt: skip


def _import_once(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        with Vault.create(Path(folder) / "data", "benchmark passphrase", kdf=FAST_TEST_KDF) as vault:
            start = time.perf_counter()
            plan = plan_import(read_daylio(data), read_checkins(vault).checkins)
            vault.add_checkins(plan.new)
            elapsed = (time.perf_counter() - start) * 1000
            assert len(vault.list_checkins()) == DAYS
    return int(elapsed)


def main() -> None:
    rng = random.Random(0)
    items = _checkins(rng)
    print(f"{len(items)} check-ins over {DAYS} days, notes of 200-2,000 characters")
    first, median = _time(lambda: render_year(year_pixels(items, 2025, tz=UTC)))
    _report("year in pixels", "2025 from all ten years, 900x260 px PNG", first, median)
    first, median = _time(lambda: mood_effects(items, tz=UTC))
    _report("tag effects", f"{len(TAGS)} tags, weekdays, times of day, all data", first, median)
    build_start = time.perf_counter()
    index = SearchIndex(items)
    build_ms = (time.perf_counter() - build_start) * 1000
    first, median = _time(lambda: index.search("zoe cafe deadline"))
    _report("search", f"three words, every check-in; index built once in {build_ms:.0f} ms", first, median)
    data = _daylio_csv(rng)
    runs = [_import_once(data) for _ in range(3)]
    _report(
        "Daylio import", f"{DAYS} rows, {len(data) / 1e6:.1f} MB, into a vault", runs[0], statistics.median(runs[1:])
    )


if __name__ == "__main__":
    main()
