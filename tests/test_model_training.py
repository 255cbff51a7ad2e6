"""The emotion model: the shipped file matches its card, keeps its accuracy, and can be retrained.

The FER+ tests need ``../shared/data/ferplus`` (never shipped with MoodMirror) and the training
test needs torch (the ``train`` extra); each skips with the reason where that is absent.
"""

from __future__ import annotations

import importlib.util
import json
import re

import numpy as np
import pytest

from moodmirror.emotions import EMOTIONS
from moodmirror.resources import MODELS_DIR, PROJECT_ROOT
from moodmirror.training.card import sha256_of
from moodmirror.vision.classifier import CARD_FILE, MODEL_FILE, EmotionClassifier

FERPLUS = PROJECT_ROOT.parent / "shared" / "data" / "ferplus"
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


@needs_ferplus
@needs_torch
@pytest.mark.slow
def test_averaged_weights_and_an_ensemble_export_from_checkpoints(tmp_path) -> None:
    """One-cycle training with a checkpoint, SWA from it, then a float16 ensemble of both nets."""
    from moodmirror.training.ensemble import main as ensemble_main
    from moodmirror.training.train import main

    common = ["--data", str(FERPLUS), "--limit", "300", "--threads", "1", "--batch-size", "64",
              "--class-balance", "0", "--no-mirror"]
    first, averaged = tmp_path / "first.pt", tmp_path / "averaged.pt"
    assert main([*common, "--out", str(tmp_path / "first"), "--epochs", "1",
                 "--checkpoint", str(first)]) == 0
    out = tmp_path / "averaged"
    assert main([*common, "--out", str(out), "--epochs", "0", "--init", str(first),
                 "--swa-epochs", "2", "--swa-lr", "0.02", "--checkpoint", str(averaged)]) == 0

    metrics = json.loads((out / "metrics.json").read_text())
    assert [h["swa_epoch"] for h in metrics["history"]] == [1, 2]
    assert len(metrics["started_from"]["history"]) == 1
    card = (out / CARD_FILE).read_text()
    assert "--epochs 1 --batch-size 64 --class-balance 0.0 --checkpoint first.pt" in card
    assert "--epochs 0 --batch-size 64 --class-balance 0.0 --swa-epochs 2 --swa-lr 0.02 --init first.pt" in card
    assert "then the average of 2 SWA epochs" in card

    ensemble = tmp_path / "ensemble"
    assert ensemble_main(["--data", str(FERPLUS), "--out", str(ensemble), "--member", str(first),
                          "--member", str(averaged), "--float16-weights"]) == 0
    single_size = (out / MODEL_FILE).stat().st_size
    assert (ensemble / MODEL_FILE).stat().st_size < 1.1 * single_size  # two nets at half size
    card = (ensemble / CARD_FILE).read_text()
    assert "an ensemble of 2 independently trained nets" in card
    assert "--member first.pt --member averaged.pt --float16-weights" in card
    faces = np.random.default_rng(1).integers(0, 256, (4, 48, 48), dtype=np.uint8)
    probs = EmotionClassifier(ensemble / MODEL_FILE).predict(faces)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    # The ensemble is the mean of its members (float16 weights change little).
    members = [EmotionClassifier(path / MODEL_FILE).predict(faces) for path in (tmp_path / "first", out)]
    assert np.abs(probs - 0.5 * (members[0] + members[1])).max() < 0.02
