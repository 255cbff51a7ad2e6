"""Benchmark: render times of a week view and a one-year view of daily data (targets 120 / 300 ms).

Run ``python tests/benchmarks/bench_charts.py``. The first render (which imports matplotlib and
builds its font cache) is reported separately; the figures are the median of the runs after it.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from moodmirror.emotions import EMOTIONS
from moodmirror.insights.charts import render_chart
from moodmirror.insights.periods import Week
from moodmirror.insights.trends import PeriodStats, all_time_stats, week_stats
from moodmirror.records import CheckIn, EmotionSummary

RUNS = 9
TARGETS_MS = {"week": 120.0, "one year": 300.0}


def _checkins(days: int, end: date, rng: random.Random) -> list[CheckIn]:
    items = []
    for i in range(days):
        weights = [rng.random() for _ in EMOTIONS]
        probabilities = {e: w / sum(weights) for e, w in zip(EMOTIONS, weights, strict=True)}
        summary = EmotionSummary(
            probabilities=probabilities,
            dominant=max(probabilities, key=probabilities.__getitem__),
            dominant_share=0.5,
            confidence=0.6,
            valence=rng.uniform(-1, 1),
            arousal=0.3,
            frames_seen=100,
            frames_usable=90,
            face_ratio=0.9,
            duration_s=15.0,
            model_id="bench",
        )
        when = datetime(end.year, end.month, end.day, 12, tzinfo=UTC) - timedelta(days=days - 1 - i)
        items.append(CheckIn(mood=rng.randint(1, 10), summary=summary, created_at=when))
    return items


def _time_ms(stats: PeriodStats) -> tuple[float, list[float]]:
    start = time.perf_counter()
    render_chart(stats)
    first = (time.perf_counter() - start) * 1000
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render_chart(stats)
        runs.append((time.perf_counter() - start) * 1000)
    return first, runs


def main() -> None:
    rng = random.Random(0)
    end = date(2026, 11, 29)
    items = _checkins(365, end, rng)
    cases = {
        "week": week_stats(items, Week.containing(end), tz=UTC),
        "one year": all_time_stats(items, tz=UTC, until=end),
    }
    for name, stats in cases.items():
        first, runs = _time_ms(stats)
        median = statistics.median(runs)
        verdict = "ok" if median < TARGETS_MS[name] else "SLOW"
        print(
            f"{name:>8} view ({len(stats.days)} days, 600x400 px): median {median:6.1f} ms, "
            f"best {min(runs):6.1f} ms, first {first:6.1f} ms, target < {TARGETS_MS[name]:.0f} ms [{verdict}]"
        )


if __name__ == "__main__":
    main()
