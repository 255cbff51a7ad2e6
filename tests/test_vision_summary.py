"""Summary maths on hand-made probability streams, the circumplex mapping and the inconclusive case."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from moodmirror.emotions import EMOTIONS
from moodmirror.records import EmotionSummary
from moodmirror.vision.options import CONFIDENCE_THRESHOLD
from moodmirror.vision.summary import CIRCUMPLEX_DEGREES, SummaryBuilder, valence_arousal


def one_hot(emotion: str, top: float) -> np.ndarray:
    """``top`` on ``emotion``, the rest spread evenly."""
    p = np.full(len(EMOTIONS), (1 - top) / (len(EMOTIONS) - 1))
    p[EMOTIONS.index(emotion)] = top
    return p


def build(stream: Sequence[np.ndarray | None], **options: float) -> EmotionSummary:
    builder = SummaryBuilder(**options)  # type: ignore[arg-type]
    for p in stream:
        builder.add(p is not None, p)
    return builder.build(duration_s=15.0, model_id="emotion-test", source="demo")


def test_means_dominant_share_and_confidence() -> None:
    stream = [one_hot("happiness", 0.8)] * 6 + [one_hot("neutral", 0.6)] * 4
    summary = build(stream)
    expected = (6 * one_hot("happiness", 0.8) + 4 * one_hot("neutral", 0.6)) / 10
    assert summary.probabilities == pytest.approx(dict(zip(EMOTIONS, expected)))
    assert summary.dominant == "happiness"
    assert summary.dominant_share == pytest.approx(0.6)
    assert summary.confidence == pytest.approx((6 * 0.8 + 4 * 0.6) / 10)
    assert (summary.frames_seen, summary.frames_usable) == (10, 10)
    assert summary.face_ratio == 1.0
    assert (summary.duration_s, summary.model_id, summary.source) == (15.0, "emotion-test", "demo")
    assert not summary.inconclusive


def test_frames_below_the_threshold_or_without_face_are_not_used() -> None:
    stream = [one_hot("sadness", 0.7)] * 5 + [one_hot("anger", 0.3)] * 3 + [None] * 2
    summary = build(stream)
    assert summary.frames_seen == 10
    assert summary.frames_usable == 5
    assert summary.face_ratio == pytest.approx(0.8)
    assert summary.dominant == "sadness"
    assert summary.probabilities["sadness"] == pytest.approx(0.7)
    assert summary.confidence_threshold == CONFIDENCE_THRESHOLD == 0.55


def test_the_default_gate_leaves_out_frames_the_calibrated_model_is_unsure_of() -> None:
    # 0.5 passed the old 0.4 gate; the model's calibrated probabilities make 0.55 the gate.
    unsure = build([one_hot("anger", 0.5)] * 10)
    assert unsure.inconclusive and unsure.frames_usable == 0
    sure = build([one_hot("anger", 0.6)] * 10)
    assert sure.dominant == "anger" and sure.frames_usable == 10


def test_threshold_is_settable() -> None:
    stream = [one_hot("anger", 0.3)] * 10
    assert build(stream).inconclusive
    lenient = build(stream, threshold=0.25)
    assert lenient.dominant == "anger"
    assert lenient.confidence_threshold == 0.25


def test_dominant_is_the_mean_argmax_not_the_most_frequent_top() -> None:
    stream = [one_hot("surprise", 0.45)] * 6 + [one_hot("fear", 0.95)] * 5
    summary = build(stream, threshold=0.4)
    assert summary.dominant == "fear"
    assert summary.dominant_share == pytest.approx(5 / 11)


def test_too_few_usable_frames_is_inconclusive() -> None:
    summary = build([one_hot("happiness", 0.9)] * 4)
    assert summary.inconclusive and summary.dominant is None
    assert summary.frames_usable == 4
    assert all(v == 0.0 for v in summary.probabilities.values())
    assert (summary.dominant_share, summary.confidence, summary.valence, summary.arousal) == (0, 0, 0, 0)


def test_too_small_a_usable_share_is_inconclusive() -> None:
    stream = [one_hot("happiness", 0.9)] * 19 + [None] * 81
    summary = build(stream)
    assert summary.inconclusive
    assert summary.frames_usable == 19 and summary.frames_seen == 100
    assert build([one_hot("happiness", 0.9)] * 20 + [None] * 80).dominant == "happiness"


def test_no_frames_at_all_is_inconclusive() -> None:
    summary = build([])
    assert summary.inconclusive
    assert summary.frames_seen == 0 and summary.face_ratio == 0.0


def test_circumplex_valence_and_arousal() -> None:
    assert valence_arousal(one_hot("neutral", 1.0)) == (0.0, 0.0)
    v, a = valence_arousal(one_hot("happiness", 1.0))
    assert v > 0.95 and 0 < a < 0.2
    v, a = valence_arousal(one_hot("sadness", 1.0))
    assert v < -0.85 and a < -0.4
    for emotion in ("anger", "fear", "disgust"):
        v, a = valence_arousal(one_hot(emotion, 1.0))
        assert v < 0 < a, emotion
    v, a = valence_arousal(one_hot("surprise", 1.0))
    assert v > 0 and a > 0.9
    assert set(CIRCUMPLEX_DEGREES) == set(EMOTIONS)


def test_summary_valence_is_the_mapping_of_the_mean() -> None:
    stream = [one_hot("happiness", 0.9)] * 5 + [one_hot("sadness", 0.9)] * 5
    summary = build(stream)
    mean = np.array([summary.probabilities[e] for e in EMOTIONS])
    assert (summary.valence, summary.arousal) == pytest.approx(valence_arousal(mean))
    weights = {e: summary.probabilities[e] for e in EMOTIONS if CIRCUMPLEX_DEGREES[e] is not None}
    by_hand = sum(p * math.cos(math.radians(CIRCUMPLEX_DEGREES[e] or 0.0)) for e, p in weights.items())
    assert summary.valence == pytest.approx(by_hand)
    assert abs(summary.valence) < 0.1  # happiness and sadness nearly cancel


def test_summary_round_trips_through_its_record() -> None:
    summary = build([one_hot("happiness", 0.8)] * 10)
    assert EmotionSummary.from_dict(summary.to_dict()) == summary
