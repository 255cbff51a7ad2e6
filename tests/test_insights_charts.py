"""Charts read back as PNG: size, content, the fixed emotion colours, empty and dark variants."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from moodmirror.emotions import EMOTIONS
from moodmirror.insights.chart_labels import period_title
from moodmirror.insights.charts import A4_SIZE_IN, render_chart
from moodmirror.insights.palette import EMOTION_COLORS, EMOTION_HEX, THEMES, emotion_rgb, hex_to_rgb
from moodmirror.insights.periods import Week
from moodmirror.insights.trends import all_time_stats, week_stats
from moodmirror.records import CheckIn

MakeCheckin = Callable[..., CheckIn]
WEEK = Week(2026, 48)


def _pixels(png: bytes) -> np.ndarray:
    image = Image.open(BytesIO(png))
    assert image.format == "PNG"
    return np.asarray(image.convert("RGB"))


def _plot_area(pixels: np.ndarray) -> np.ndarray:
    """Everything above the emotion legend at the bottom of the figure."""
    return pixels[: int(pixels.shape[0] * 0.8)]


def _key(pixels: np.ndarray) -> np.ndarray:
    """The emotion colour key along the bottom edge, below the day labels."""
    return pixels[int(pixels.shape[0] * 0.92) :]


def _count(pixels: np.ndarray, hex_color: str) -> int:
    return int(np.all(pixels == np.array(hex_to_rgb(hex_color), dtype=np.uint8), axis=-1).sum())


def _no_bars(plot: np.ndarray) -> bool:
    """No emotion-coloured areas (a few grey pixels come from anti-aliased grey text)."""
    return all(_count(plot, c) < 50 for c in EMOTION_COLORS)


def _full_week(make_checkin: MakeCheckin) -> list[CheckIn]:
    monday = datetime(2026, 11, 23, 12, tzinfo=UTC)
    return [make_checkin(monday + timedelta(days=i), 3 + i, EMOTIONS[i], valence=-0.6 + 0.2 * i) for i in range(7)]


def test_palette_is_okabe_ito_one_distinct_colour_per_emotion() -> None:
    assert EMOTION_COLORS == tuple(EMOTION_HEX[e] for e in EMOTIONS)
    assert len(set(EMOTION_COLORS)) == len(EMOTIONS)
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"}
    assert set(EMOTION_COLORS) <= okabe_ito
    assert emotion_rgb("sadness") == (0, 114, 178)
    assert THEMES["dark"].rgb("background") != THEMES["light"].rgb("background")
    assert THEMES["light"].rgba01("background") == (1.0, 1.0, 1.0, 1.0)


def test_full_week_shows_every_emotion_colour_and_both_lines(make_checkin: MakeCheckin) -> None:
    png = render_chart(week_stats(_full_week(make_checkin), WEEK, tz=UTC))
    pixels = _pixels(png)
    assert pixels.shape == (400, 600, 3)
    plot = _plot_area(pixels)
    for emotion in EMOTIONS:
        assert _count(plot, EMOTION_HEX[emotion]) > 300, emotion  # a bar segment, not just a legend chip
    assert _count(plot, THEMES["light"].valence) > 20
    assert _count(plot, THEMES["light"].mood) > 20


def test_empty_week_draws_a_friendly_chart_without_bars(make_checkin: MakeCheckin) -> None:
    full = _pixels(render_chart(week_stats(_full_week(make_checkin), WEEK)))
    png = render_chart(week_stats([], WEEK))
    pixels = _pixels(png)
    assert pixels.shape == (400, 600, 3)
    plot = _plot_area(pixels)
    assert _no_bars(plot)
    assert all(_count(_key(pixels), c) == 0 for c in EMOTION_COLORS)  # no colour key for emotions not there
    assert (plot != 255).any(axis=-1).sum() > 2000  # axes, labels and the "no check-ins yet" line
    assert not np.array_equal(pixels, full)


def test_sparse_week_without_camera_still_draws_mood(make_checkin: MakeCheckin) -> None:
    items = [make_checkin(datetime(2026, 11, 25, 9), 6)]
    plot = _plot_area(_pixels(render_chart(week_stats(items, WEEK, tz=UTC))))
    assert _count(plot, THEMES["light"].mood) > 5
    assert _no_bars(plot)


def test_emotion_key_only_when_the_camera_saw_emotions(make_checkin: MakeCheckin) -> None:
    without_camera = [make_checkin(datetime(2026, 11, 25, 9, tzinfo=UTC), 6)]
    key = _key(_pixels(render_chart(week_stats(without_camera, WEEK, tz=UTC))))
    assert all(_count(key, c) == 0 for c in EMOTION_COLORS)
    with_camera = [*without_camera, make_checkin(datetime(2026, 11, 26, 9, tzinfo=UTC), 7, "happiness")]
    key = _key(_pixels(render_chart(week_stats(with_camera, WEEK, tz=UTC))))
    assert all(_count(key, c) > 20 for c in EMOTION_COLORS)  # each emotion's share is drawn, so keyed


def test_missing_days_stay_gaps_in_the_mood_line(make_checkin: MakeCheckin) -> None:
    monday, sunday = datetime(2026, 11, 23, 12, tzinfo=UTC), datetime(2026, 11, 29, 12, tzinfo=UTC)
    pixels = _pixels(render_chart(week_stats([make_checkin(monday, 2), make_checkin(sunday, 9)], WEEK, tz=UTC)))
    mood = THEMES["light"].mood
    middle = pixels[70:190, 200:400]  # the mood panel over Wednesday to Friday, no check-ins there
    assert _count(middle, mood) == 0
    assert _count(pixels[70:190], mood) > 20  # the two days' markers are drawn


def test_week_titles_are_plain_dates() -> None:
    assert period_title(week_stats([], WEEK)) == "23–29 Nov 2026"
    assert period_title(week_stats([], Week(2026, 49))) == "30 Nov – 6 Dec 2026"
    assert period_title(week_stats([], Week(2026, 53))) == "28 Dec 2026 – 3 Jan 2027"


def test_one_year_span_renders_daily_data(make_checkin: MakeCheckin) -> None:
    rng = random.Random(7)
    start = datetime(2025, 12, 1, 12, tzinfo=UTC)
    items = [
        make_checkin(start + timedelta(days=i), rng.randint(1, 10), rng.choice(EMOTIONS), valence=rng.uniform(-1, 1))
        for i in range(365)
    ]
    stats = all_time_stats(items, tz=UTC, until=date(2026, 11, 30))
    assert len(stats.days) == 365
    plot = _plot_area(_pixels(render_chart(stats)))
    for emotion in EMOTIONS:
        assert _count(plot, EMOTION_HEX[emotion]) > 200, emotion


def test_dark_variant_uses_the_dark_background(make_checkin: MakeCheckin) -> None:
    pixels = _pixels(render_chart(week_stats(_full_week(make_checkin), WEEK, tz=UTC), theme="dark"))
    assert tuple(pixels[2, 2]) == THEMES["dark"].rgb("background")
    plot = _plot_area(pixels)
    assert all(_count(plot, c) > 300 for c in EMOTION_COLORS)
    assert _count(plot, THEMES["dark"].mood) > 20
    light = _pixels(render_chart(week_stats([], WEEK)))
    assert tuple(light[2, 2]) == (255, 255, 255)


def test_print_size_follows_size_and_dpi() -> None:
    pixels = _pixels(render_chart(week_stats([], WEEK), size_in=A4_SIZE_IN, dpi=300))
    assert pixels.shape[:2] == (round(A4_SIZE_IN[1] * 300), round(A4_SIZE_IN[0] * 300))


def test_unknown_theme_is_refused() -> None:
    from moodmirror.errors import MoodMirrorError

    with pytest.raises(MoodMirrorError):
        render_chart(week_stats([], WEEK), theme="sepia")
