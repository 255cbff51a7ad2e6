"""The emotion model: the shipped file matches its card, keeps its accuracy, and can be retrained.

The FER+ tests need ``../shared/data/ferplus`` (never shipped with MoodMirror) and the training
test needs torch (the ``train`` extra); each skips with the reason where that is absent.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

from moodmirror.emotions import EMOTIONS
from moodmirror.resources import MODELS_DIR
from moodmirror.training.card import sha256_of
from moodmirror.vision.classifier import CARD_FILE, MODEL_FILE, EmotionClassifier

FERPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ferplus"
needs_ferplus = pytest.mark.skipif(
    not (FERPLUS / "FER2013Valid" / "label.csv").is_file(),
    reason=f"FER+ data not found at {FERPLUS} (it lives beside the project, never in it)",
)
needs_torch = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None,
    reason="torch is not installed (pip install -e '.[train]')",
)


def _card_figure(name: str) -> float:
    text = (MODELS_DIR / CARD_FILE).read_text()
    match = re.search(rf"\*\*{name}\*\*: ([0-9.]+) %", text)
    assert match, f"model card has no {name} figure"
    return float(match.group(1)) / 100


def test_shipped_model_matches_its_card_and_size_budget() -> None:
    model = MODELS_DIR / MODEL_FILE
    assert f"`{sha256_of(model)}`" in (MODELS_DIR / CARD_FILE).read_text()
    assert model.stat().st_size <= 5 * 1024 * 1024


@needs_ferplus
def test_shipped_model_reaches_the_accuracy_on_its_card() -> None:
    from moodmirror.training.evaluate import evaluate
    from moodmirror.training.ferplus import load_split

    valid = load_split(FERPLUS / "FER2013Valid")
    labels, keep = valid.majority_labels()
    probs = EmotionClassifier().predict(valid.images[keep])
    result = evaluate(probs, labels)
    assert result.accuracy == pytest.approx(_card_figure("Accuracy"), abs=0.005)
    assert result.mean_recall == pytest.approx(_card_figure("Mean per-class recall"), abs=0.005)


@needs_ferplus
def test_majority_vote_protocol_drops_ties_and_non_emotions() -> None:
    from moodmirror.training.ferplus import FERPLUS_COLUMNS, FerSplit

    def votes(**kw: int) -> list[int]:
        return [kw.get(c, 0) for c in FERPLUS_COLUMNS]

    split = FerSplit(
        names=["a", "b", "c", "d"],
        images=np.zeros((4, 48, 48), np.uint8),
        votes=np.array([votes(happiness=6, neutral=4), votes(anger=5, sadness=5),
                        votes(contempt=7, anger=3), votes(NF=10)]),
    )
    labels, keep = split.majority_labels()
    assert keep.tolist() == [0]
    assert EMOTIONS[labels[0]] == "happiness"
    targets, kept = split.soft_targets()
    assert kept.tolist() == [0, 1, 2]
    assert targets[2, EMOTIONS.index("anger")] == pytest.approx(1.0)
    assert np.allclose(targets.sum(axis=1), 1.0)


@needs_ferplus
@needs_torch
@pytest.mark.slow
def test_one_epoch_on_a_few_hundred_faces_exports_a_loadable_model(tmp_path) -> None:
    from moodmirror.training.train import main

    out = tmp_path / "model"
    code = main(["--data", str(FERPLUS), "--out", str(out), "--epochs", "1",
                 "--limit", "300", "--threads", "1", "--batch-size", "64"])
    assert code == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert len(metrics["history"]) == 1
    assert 0.0 <= metrics["valid"]["accuracy"] <= 1.0
    classifier = EmotionClassifier(out / MODEL_FILE)  # checks the card's sha256 too
    probs = classifier.predict(np.full((3, 64, 64), 128, np.uint8))
    assert probs.shape == (3, len(EMOTIONS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert re.search(r"- Training time: \d+ min on 1 CPU thread \(median epoch \d+ s\)\.",
                     (out / CARD_FILE).read_text())


@needs_ferplus
@needs_torch
@pytest.mark.slow
def test_weight_averaging_continues_from_a_checkpoint_and_the_card_tells_both_steps(tmp_path) -> None:
    from moodmirror.training.train import main

    common = ["--data", str(FERPLUS), "--limit", "300", "--threads", "1", "--batch-size", "64",
              "--class-balance", "0"]
    checkpoint = tmp_path / "weights" / "onecycle.pt"  # a folder that does not exist yet
    first = tmp_path / "first"
    assert main([*common, "--out", str(first), "--epochs", "1", "--checkpoint", str(checkpoint)]) == 0
    out = tmp_path / "averaged"
    assert main([*common, "--out", str(out), "--epochs", "0", "--init", str(checkpoint),
                 "--swa-epochs", "2", "--swa-lr", "0.02"]) == 0

    metrics = json.loads((out / "metrics.json").read_text())
    assert [h["swa_epoch"] for h in metrics["history"]] == [1, 2]
    assert 0.0 <= metrics["before_swa"]["valid_accuracy"] <= 1.0  # the log tells whether SWA helped
    assert len(metrics["started_from"]["history"]) == 1
    card = (out / CARD_FILE).read_text()
    assert "--epochs 1 --batch-size 64 --class-balance 0.0 --checkpoint onecycle.pt" in card
    assert "--epochs 0 --batch-size 64 --class-balance 0.0 --swa-epochs 2 --swa-lr 0.02 --init onecycle.pt" in card
    assert "1 one-cycle epochs, moving average (decay 0.998); then the average of 2 SWA epochs" in card
    assert re.search(r"- Training time: \d+ min: \d+ min on 1 CPU thread .*; then \d+ min on", card)
    faces = np.random.default_rng(1).integers(0, 256, (4, 48, 48), dtype=np.uint8)
    averaged = EmotionClassifier(out / MODEL_FILE).predict(faces)
    assert np.allclose(averaged.sum(axis=1), 1.0, atol=1e-5)
    # SWA moved the weights: the averaged model is not the checkpoint it started from.
    assert np.abs(averaged - EmotionClassifier(first / MODEL_FILE).predict(faces)).max() > 1e-3


def test_sharpened_targets_lean_towards_the_majority_and_still_sum_to_one() -> None:
    from argparse import Namespace

    from moodmirror.training.train import _training_targets

    shares = np.array([[0.6, 0.4, 0, 0, 0, 0, 0], [0.1] * 5 + [0.25, 0.25]], np.float32)
    same = _training_targets(shares, np.zeros((2, 48, 48), np.uint8),
                             Namespace(target_power=1.0, teacher=None))
    assert np.allclose(same, shares)
    sharp = _training_targets(shares, np.zeros((2, 48, 48), np.uint8),
                              Namespace(target_power=2.0, teacher=None))
    assert sharp[0, :2] == pytest.approx([0.36 / 0.52, 0.16 / 0.52])
    assert np.allclose(sharp.sum(axis=1), 1.0)


@needs_ferplus
@needs_torch
@pytest.mark.slow
def test_a_student_learns_from_a_teacher_and_the_card_tells_how_to_train_both(tmp_path) -> None:
    from moodmirror.training.card import sha256_of
    from moodmirror.training.train import main

    common = ["--data", str(FERPLUS), "--limit", "300", "--threads", "1", "--batch-size", "64",
              "--epochs", "1", "--class-balance", "0"]
    teacher = tmp_path / "teacher"
    assert main([*common, "--out", str(teacher)]) == 0
    student = tmp_path / "student"
    assert main([*common, "--out", str(student), "--teacher", str(teacher / MODEL_FILE),
                 "--teacher-weight", "0.4", "--target-power", "2"]) == 0

    metrics = json.loads((student / "metrics.json").read_text())
    assert metrics["teacher"]["sha256"] == sha256_of(teacher / MODEL_FILE)
    assert metrics["teacher"]["trained"]["training"]["out"] == str(teacher)
    card = (student / CARD_FILE).read_text()
    first = card.index("--out teacher/ --epochs 1 --batch-size 64 --class-balance 0.0`")
    second = card.index("--out models/ --epochs 1 --batch-size 64 --class-balance 0.0 "
                        "--target-power 2.0 --teacher teacher/emotion.onnx --teacher-weight 0.4`")
    assert first < second
    assert "0.6 x the crowd's vote shares over the seven emotions raised to the power 2.0" in card
    assert "plus 0.4 x the probabilities of a teacher model" in card
    faces = np.random.default_rng(2).integers(0, 256, (4, 48, 48), dtype=np.uint8)
    assert np.allclose(EmotionClassifier(student / MODEL_FILE).predict(faces).sum(axis=1), 1.0, atol=1e-5)


@needs_ferplus
@needs_torch
def test_a_missing_teacher_model_is_a_clear_error(tmp_path, capsys) -> None:
    from moodmirror.training.train import main

    code = main(["--data", str(FERPLUS), "--out", str(tmp_path / "out"), "--limit", "100",
                 "--teacher", str(tmp_path / "nowhere.onnx")])
    assert code == 2
    assert "no teacher model at" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@needs_ferplus
@needs_torch
def test_starting_from_a_file_that_is_not_a_checkpoint_says_so(tmp_path) -> None:
    import torch

    from moodmirror.training.train import main

    not_a_checkpoint = tmp_path / "weights.pt"
    torch.save({"conv.weight": torch.zeros(1)}, not_a_checkpoint)
    with pytest.raises(SystemExit, match="is not a checkpoint written by moodmirror-train --checkpoint"):
        main(["--data", str(FERPLUS), "--out", str(tmp_path / "out"), "--limit", "100",
              "--epochs", "0", "--swa-epochs", "1", "--init", str(not_a_checkpoint)])
    assert not (tmp_path / "out").exists()
