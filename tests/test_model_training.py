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
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("onnx") is None,
    reason="torch and onnx (the train extra) are not installed (pip install -e '.[train]')",
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
        votes=np.array(
            [votes(happiness=6, neutral=4), votes(anger=5, sadness=5), votes(contempt=7, anger=3), votes(NF=10)]
        ),
    )
    labels, keep = split.majority_labels()
    assert keep.tolist() == [0]
    assert EMOTIONS[labels[0]] == "happiness"
    targets, kept = split.soft_targets()
    assert kept.tolist() == [0, 1, 2]
    assert targets[2, EMOTIONS.index("anger")] == pytest.approx(1.0)
    assert np.allclose(targets.sum(axis=1), 1.0)


ONE_EPOCH = ["--data", str(FERPLUS), "--limit", "300", "--threads", "1", "--batch-size", "64", "--class-balance", "0"]
"""A few hundred faces, one thread: training that runs in seconds."""

training_group = pytest.mark.xdist_group("training")  # one worker trains the shared first model, once


@pytest.fixture(scope="module")
def first_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One epoch on 300 faces, trained once for every test that continues from it: its output
    folder ``first/``, with the checkpoint in ``weights/onecycle.pt`` beside it (a folder that did
    not exist before)."""
    from moodmirror.training.train import main

    root = tmp_path_factory.mktemp("training")
    out = root / "first"
    assert (
        main([*ONE_EPOCH, "--out", str(out), "--epochs", "1", "--checkpoint", str(root / "weights" / "onecycle.pt")])
        == 0
    )
    return out


@needs_ferplus
@needs_torch
@training_group
@pytest.mark.slow
def test_one_epoch_on_a_few_hundred_faces_exports_a_loadable_model(first_model: Path) -> None:
    metrics = json.loads((first_model / "metrics.json").read_text())
    assert len(metrics["history"]) == 1
    assert 0.0 <= metrics["valid"]["accuracy"] <= 1.0
    assert (first_model.parent / "weights" / "onecycle.pt").is_file()
    classifier = EmotionClassifier(first_model / MODEL_FILE)  # checks the card's sha256 too
    probs = classifier.predict(np.full((3, 64, 64), 128, np.uint8))
    assert probs.shape == (3, len(EMOTIONS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert re.search(
        r"- Training time: \d+ min on 1 CPU thread \(median epoch \d+ s\)\.", (first_model / CARD_FILE).read_text()
    )


@training_group
@needs_ferplus
@needs_torch
@pytest.mark.slow
def test_weight_averaging_continues_from_a_checkpoint_and_the_card_tells_both_steps(tmp_path, first_model) -> None:
    from moodmirror.training.train import main

    common, first = ONE_EPOCH, first_model
    checkpoint = first.parent / "weights" / "onecycle.pt"
    out = tmp_path / "averaged"
    assert (
        main(
            [
                *common,
                "--out",
                str(out),
                "--epochs",
                "0",
                "--init",
                str(checkpoint),
                "--swa-epochs",
                "2",
                "--swa-lr",
                "0.02",
            ]
        )
        == 0
    )

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
    same = _training_targets(shares, np.zeros((2, 48, 48), np.uint8), Namespace(target_power=1.0, teacher=None))
    assert np.allclose(same, shares)
    sharp = _training_targets(shares, np.zeros((2, 48, 48), np.uint8), Namespace(target_power=2.0, teacher=None))
    assert sharp[0, :2] == pytest.approx([0.36 / 0.52, 0.16 / 0.52])
    assert np.allclose(sharp.sum(axis=1), 1.0)


@training_group
@needs_ferplus
@needs_torch
@pytest.mark.slow
def test_a_student_learns_from_a_teacher_and_the_card_tells_how_to_train_both(tmp_path, first_model) -> None:
    from moodmirror.training.card import sha256_of
    from moodmirror.training.train import main

    common, teacher = [*ONE_EPOCH, "--epochs", "1"], first_model
    student = tmp_path / "student"
    assert (
        main(
            [
                *common,
                "--out",
                str(student),
                "--teacher",
                str(teacher / MODEL_FILE),
                "--teacher-weight",
                "0.4",
                "--target-power",
                "2",
            ]
        )
        == 0
    )

    metrics = json.loads((student / "metrics.json").read_text())
    assert metrics["teacher"]["sha256"] == sha256_of(teacher / MODEL_FILE)
    assert metrics["teacher"]["trained"]["training"]["out"] == str(teacher)
    card = (student / CARD_FILE).read_text()
    first = card.index("--out teacher/ --epochs 1 --batch-size 64 --class-balance 0.0 --checkpoint onecycle.pt`")
    second = card.index(
        "--out models/ --epochs 1 --batch-size 64 --class-balance 0.0 "
        "--target-power 2.0 --teacher teacher/emotion.onnx --teacher-weight 0.4`"
    )
    assert first < second
    assert "0.6 x the crowd's vote shares over the seven emotions raised to the power 2.0" in card
    assert "plus 0.4 x the probabilities of a teacher model" in card
    faces = np.random.default_rng(2).integers(0, 256, (4, 48, 48), dtype=np.uint8)
    assert np.allclose(EmotionClassifier(student / MODEL_FILE).predict(faces).sum(axis=1), 1.0, atol=1e-5)


@needs_ferplus
@needs_torch
def test_a_missing_teacher_model_is_a_clear_error(tmp_path, capsys) -> None:
    from moodmirror.training.train import main

    code = main(
        [
            "--data",
            str(FERPLUS),
            "--out",
            str(tmp_path / "out"),
            "--limit",
            "100",
            "--teacher",
            str(tmp_path / "nowhere.onnx"),
        ]
    )
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
        main(
            [
                "--data",
                str(FERPLUS),
                "--out",
                str(tmp_path / "out"),
                "--limit",
                "100",
                "--epochs",
                "0",
                "--swa-epochs",
                "1",
                "--init",
                str(not_a_checkpoint),
            ]
        )
    assert not (tmp_path / "out").exists()


def _face() -> np.ndarray:
    """A 48x48 face-like crop with detail at every scale (from scikit-image's astronaut)."""
    import cv2
    from skimage.data import astronaut

    gray = cv2.cvtColor(astronaut(), cv2.COLOR_RGB2GRAY)
    return cv2.resize(gray[30:230, 150:350], (48, 48), interpolation=cv2.INTER_AREA)


def test_each_webcam_degradation_changes_the_face_the_way_a_camera_would() -> None:
    from moodmirror.training import degrade

    face, rng = _face(), np.random.default_rng(0)
    sharpness = lambda img: float(np.abs(np.diff(img.astype(np.float32), axis=1)).mean())  # noqa: E731
    assert sharpness(degrade.blur(face, 1.0)) < 0.8 * sharpness(face)
    assert sharpness(degrade.rescale(face, 16)) < 0.8 * sharpness(face)
    assert degrade.dim(face, 0.35, rng).mean() == pytest.approx(face.mean() * 0.35, abs=2.0)
    noisy = degrade.noise(face, 10.0, rng).astype(np.float32)
    assert 7.0 < np.std(noisy - face) < 11.0
    assert np.abs(degrade.jpeg(face, 30).astype(np.int16) - face).mean() > 0.5
    band = degrade.glasses(face, 0.6)
    assert band[16:19].mean() < 0.5 * face[16:19].mean() and np.array_equal(band[30:], face[30:])
    for name, case in degrade.ROBUSTNESS_CASES.items():
        out = case(face, rng)
        assert out.shape == face.shape and out.dtype == np.uint8, name
        assert not np.array_equal(out, face), name


def test_degrading_a_batch_touches_the_share_asked_for_and_is_seeded() -> None:
    from moodmirror.training.degrade import degrade_batch

    faces = np.repeat(_face()[None], 400, axis=0)
    none = degrade_batch(faces, 0.0, np.random.default_rng(1))
    assert np.array_equal(none, faces)
    half = degrade_batch(faces, 0.5, np.random.default_rng(1))
    changed = (half != faces).reshape(len(faces), -1).any(axis=1).mean()
    assert 0.4 < changed < 0.6
    assert np.array_equal(half, degrade_batch(faces, 0.5, np.random.default_rng(1)))


def test_temperature_scaling_recovers_an_overconfident_model_and_lowers_its_calibration_error() -> None:
    from moodmirror.training.calibration import calibrate, coverage_table, expected_calibration_error, probabilities

    rng = np.random.default_rng(3)
    true_logits = rng.normal(0.0, 2.0, (1, 4000, 7))
    p = probabilities(true_logits)
    labels = np.array([rng.choice(7, p=row) for row in p])  # labels drawn from the true probabilities
    assert expected_calibration_error(p, labels) < 0.03
    overconfident = true_logits * 2.5
    result = calibrate(overconfident, labels)
    assert result["temperature"] == pytest.approx(2.5, rel=0.15)
    assert result["ece_before"] > 0.1 > 0.03 > result["ece_after"]
    assert result["ece_cross_fitted"] < 0.04
    table = coverage_table(probabilities(overconfident, result["temperature"]), labels)
    assert [r["coverage"] for r in table] == sorted((r["coverage"] for r in table), reverse=True)
    assert table[-1]["accuracy"] > table[0]["accuracy"]


@needs_torch
def test_a_network_rebuilt_from_the_shipped_onnx_file_computes_what_the_file_computes() -> None:
    import torch

    from moodmirror.training.from_onnx import load_onnx_weights
    from moodmirror.training.network import EmotionNet, ProbabilityModel

    rng = np.random.default_rng(4)
    faces = np.stack([_face()] * 8 + [rng.integers(0, 256, (48, 48), dtype=np.uint8) for _ in range(8)])
    x = torch.from_numpy(faces).float().div_(255.0).unsqueeze(1)
    net = EmotionNet()
    load_onnx_weights(net, MODELS_DIR / MODEL_FILE, x)
    with torch.no_grad():
        rebuilt = ProbabilityModel(net, mirror=True).eval()(x).numpy()
    shipped = EmotionClassifier().predict(faces)
    # The shipped graph may divide by a calibration temperature: compare the decisions and the order.
    assert (rebuilt.argmax(axis=1) == shipped.argmax(axis=1)).all()
    assert np.corrcoef(np.log(rebuilt).ravel(), np.log(shipped).ravel())[0, 1] > 0.99


@training_group
@needs_ferplus
@needs_torch
@pytest.mark.slow
def test_fine_tuning_an_exported_model_with_webcam_degradations_is_calibrated_and_carded(tmp_path, first_model) -> None:
    from moodmirror.training.train import main

    common, first = ONE_EPOCH, first_model
    out = tmp_path / "webcam"
    assert (
        main(
            [
                *common,
                "--out",
                str(out),
                "--epochs",
                "1",
                "--lr",
                "0.01",
                "--degrade",
                "0.5",
                "--init",
                str(first / MODEL_FILE),
            ]
        )
        == 0
    )

    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["started_from"]["training"]["out"] == str(first)
    assert 0.0 <= metrics["history"][0]["degraded_valid_accuracy"] <= 1.0
    assert 0.25 <= metrics["calibration"]["temperature"] <= 5.0
    assert set(metrics["robustness"]) == {
        "blur sigma 1",
        "JPEG quality 30",
        "down to 24 px and up",
        "noise sigma 10",
        "dim room (x0.35 + noise)",
        "rotation 20 deg",
    }
    card = (out / CARD_FILE).read_text()
    assert "--degrade 0.5 --init models/emotion.onnx`" in card
    assert "Webcam degradations in the last step: 50% of the faces" in card
    assert "## Webcam robustness" in card and "## Calibration and the confidence gate" in card
    assert "peaking at 0.1, then 0.01" in card
    faces = np.random.default_rng(5).integers(0, 256, (4, 48, 48), dtype=np.uint8)
    assert np.allclose(EmotionClassifier(out / MODEL_FILE).predict(faces).sum(axis=1), 1.0, atol=1e-5)
