"""Your words: the note's tone is estimated on the device, stored with the check-in, and shown
beside the rating and the face (entry, charts, the report's table); strong disagreement is
noticed gently."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import numpy as np
from PIL import Image

from moodmirror.insights.charts import render_chart
from moodmirror.insights.palette import TONE_HEX, hex_to_rgb
from moodmirror.insights.periods import Week
from moodmirror.insights.tone import disagreement, note_tone, three_views, tone_text, with_tone
from moodmirror.insights.trends import week_stats
from moodmirror.journal import save_checkin
from moodmirror.records import CheckIn
from moodmirror.report.content import table_rows
from moodmirror.report.csv_table import COLUMNS, table_csv
from moodmirror.storage.vault import Vault

UTC = UTC
Make = Callable[..., CheckIn]


def test_the_tone_of_words_reads_positive_negative_or_nothing() -> None:
    happy = note_tone("A wonderful, relaxed day with good friends. I loved it!")
    sad = note_tone("Awful. I feel hopeless and so tired of everything.")
    assert happy is not None and happy > 0.5
    assert sad is not None and sad < -0.5
    assert note_tone("not bad at all") > 0  # type: ignore[operator]  # negation is understood
    assert note_tone("   ") is None
    assert tone_text(0.62) == "positive (+0.62)" and tone_text(0.0) == "neutral (+0.00)"


def test_the_tone_is_stored_encrypted_with_the_check_in(vault_dir: Path, vault_passphrase: str) -> None:
    with Vault.open(vault_dir, vault_passphrase) as vault:
        save_checkin(vault, CheckIn(mood=8, note="Such a lovely, happy morning"))
        save_checkin(vault, CheckIn(mood=5))
        noted, plain = sorted(vault.list_checkins(), key=lambda c: c.note == "")
    assert noted.note_tone is not None and noted.note_tone > 0.5
    assert plain.note_tone is None and "note_tone" not in plain.to_dict()  # older records read the same
    assert CheckIn.from_dict(noted.to_dict()).note_tone == noted.note_tone


def test_three_views_side_by_side_and_a_gentle_word_when_they_differ(make_checkin: Make) -> None:
    checkin = with_tone(make_checkin(datetime(2026, 3, 2, 9, tzinfo=UTC), 9, dominant="sadness", valence=-0.6,
                                     note="I feel hopeless and miserable."))  # fmt: skip
    line = three_views(checkin)
    assert line.startswith("Side by side, from -1 to +1: your rating 9/10 (+0.78 on the same scale)")
    assert "your words negative (-" in line and "your face -0.60" in line
    assert three_views(make_checkin(datetime(2026, 3, 2, tzinfo=UTC), 5)) == ""
    gentle = disagreement(9, checkin.note_tone, None)
    assert gentle.startswith("Your words read heavier than the 9/10 you chose") and "Both can be true" in gentle
    assert "your own rating is the one that counts" in disagreement(1, None, 0.8)
    assert disagreement(7, 0.4, 0.3) == ""  # close enough: nothing is said


def test_the_week_chart_draws_the_tone_as_a_third_line(make_checkin: Make) -> None:
    week = Week(2026, 10)
    days = week.days()
    items = [
        with_tone(make_checkin(datetime.combine(day, datetime.min.time(), UTC).replace(hour=12), 6, note=note))
        for day, note in zip(
            days, ["great day", "terrible day", "lovely", "awful", "happy", "sad", "fine"], strict=True
        )
    ]
    stats = week_stats(items, week, tz=UTC)
    assert all(d.tone is not None for d in stats.days)
    drawn = np.asarray(Image.open(BytesIO(render_chart(stats))).convert("RGB"))
    tone_pixels = np.all(drawn == np.array(hex_to_rgb(TONE_HEX), dtype=np.uint8), axis=-1).sum()
    untoned = [replace(c, note_tone=None) for c in items]
    plain = np.asarray(Image.open(BytesIO(render_chart(week_stats(untoned, week, tz=UTC)))).convert("RGB"))
    plain_pixels = np.all(plain == np.array(hex_to_rgb(TONE_HEX), dtype=np.uint8), axis=-1).sum()
    assert tone_pixels > plain_pixels + 100  # (the legend's fear swatch shares the colour)


def test_the_report_table_and_csv_carry_the_tone(make_checkin: Make) -> None:
    items = [with_tone(make_checkin(datetime(2026, 1, 5, 9, tzinfo=UTC), 7, note="A good, calm day")),
             make_checkin(datetime(2026, 1, 6, 9, tzinfo=UTC), 4)]  # fmt: skip
    rows = table_rows(items, UTC)
    assert rows[0].tone_text().startswith("+") and rows[1].tone_text() == "–"
    cells = list(csv.reader(io.StringIO(table_csv(rows).decode("utf-8-sig"))))
    assert cells[0][-1] == "note_tone" == COLUMNS[-1]
    assert float(cells[1][-1]) > 0 and cells[2][-1] == ""
