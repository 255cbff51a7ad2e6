"""Writing ``MODEL_CARD.md`` for a trained model from its ``metrics.json``.

Run as ``python -m moodmirror.training.card models/`` after training (``moodmirror-train``
does it itself). The card's ``sha256`` line is what the app checks the model file against.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from moodmirror.emotions import EMOTIONS
from moodmirror.training.train import TEACHER_OUT, command_line
from moodmirror.vision.classifier import CARD_FILE, INPUT_NAME, MODEL_FILE
from moodmirror.vision.crop import CROP_SCALE, FRAME_SCALE, FRAME_SHIFT
from moodmirror.vision.options import CONFIDENCE_THRESHOLD


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def measure_latency(path: Path, runs: int = 500) -> dict[str, float]:
    """Median and p95 milliseconds of one face (batch 1) on one ONNX Runtime CPU thread."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    x = np.random.default_rng(0).random((1, 1, 48, 48), dtype=np.float32)
    for _ in range(50):
        session.run(None, {INPUT_NAME: x})
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        session.run(None, {INPUT_NAME: x})
        times.append((time.perf_counter() - t0) * 1000)
    return {"median_ms": float(np.median(times)), "p95_ms": float(np.percentile(times, 95))}


def _earlier_steps(record: dict) -> list[dict]:
    """Training steps that produced the weights a run started from (``--init``), oldest first."""
    steps: list[dict] = []
    step = record.get("started_from")
    while step is not None:
        steps.insert(0, step)
        step = step.get("started_from")
    return steps


def _own_steps(metrics: dict) -> list[dict]:
    """The steps that trained this model's weights (through ``--init``), oldest first."""
    return [*_earlier_steps(metrics), metrics]


def _teacher_steps(metrics: dict) -> list[dict]:
    """All steps behind the model's ``--teacher``, oldest first (none without a teacher)."""
    teacher = metrics.get("teacher", {}).get("trained")
    return [*_teacher_steps(teacher), *_own_steps(teacher)] if teacher else []


def _targets(training: dict, teacher: dict | None) -> str:
    shares = (
        "the crowd votes as a probability distribution over the seven emotions"
        if training.get("target_power", 1.0) == 1.0
        else f"the crowd's vote shares over the seven emotions raised to the power "
        f"{training['target_power']} and renormalised (sharper towards the majority)"
    )
    if teacher is None:
        return shares
    w = training["teacher_weight"]
    return (
        f"{1 - w:g} x {shares}, plus {w:g} x the probabilities of a teacher model "
        f"(sha256 `{teacher['sha256'][:16]}…`, trained in the steps before the last)"
    )


def _class_weighting(power: float) -> str:
    if power == 0:
        return " without class weights (the natural class frequencies)"
    return f" with inverse-frequency class weights (exponent {power})"


def _architecture(metrics: dict) -> str:
    width = int(metrics["training"]["width"])
    channels = ", ".join(str(width * 2**i) for i in range(5))
    mirror = (
        "The exported graph averages the probabilities of the face and its mirror image."
        if "mirror averaging=True" in metrics["architecture"]
        else ""
    )
    return (
        f"{metrics['architecture']}: a compact VGG-style CNN, five stages of two 3x3 "
        f"convolutions with batch norm and ReLU ({channels} channels), max-pooling between "
        f"stages, global average pooling, dropout 0.3, one linear layer, softmax. {mirror}"
    )


def _step_time(step: dict) -> str:
    threads = step["torch_threads"]
    median = float(np.median([h["seconds"] for h in step["history"]]))
    return (
        f"{step['training_seconds'] / 60:.0f} min on {threads} CPU thread{'s' if threads > 1 else ''} "
        f"(median epoch {median:.0f} s)"
    )


def _recipe(metrics: dict) -> str:
    """Bullet points on how the trained net was made, over all its training steps."""
    own = _own_steps(metrics)
    steps = [*_teacher_steps(metrics), *own]
    tr = metrics["training"]
    peaks = ", then ".join(str(step["training"]["lr"]) for step in own if step["training"]["epochs"])
    seconds = sum(step["training_seconds"] for step in steps)
    weights = "; ".join(step.get("weights", "the last step") for step in own)
    times = [_step_time(step) for step in steps]
    time = times[0] if len(times) == 1 else f"{seconds / 60:.0f} min: " + "; then ".join(times)
    return f"""- Targets: {_targets(tr, metrics.get("teacher"))}; contempt, unknown and
  not-a-face votes dropped; soft cross-entropy{_class_weighting(tr["class_balance"])}.
- SGD (Nesterov, momentum 0.9), one-cycle learning rate peaking at {peaks}, weight decay
  {tr["weight_decay"]}, batch {tr["batch_size"]}, seed {tr["seed"]}.
- Exported weights: {weights}. No epoch is selected on the validation set.
- Training time: {time}."""


def _degradations(metrics: dict) -> str:
    """The webcam degradations of the steps that used them (``--degrade``), as a sentence."""
    shares = [step["training"].get("degrade", 0.0) for step in _own_steps(metrics)]
    if not any(shares):
        return ""
    which = "" if all(shares) else " in the last step"
    return (
        f"\n- Webcam degradations{which}: {max(shares):.0%} of the faces also get one to three of, in\n"
        "  camera order: blur (sigma 0.4-1.8), down to 14-36 px and back, a dark band across the\n"
        "  eyes (glasses), dim light (gain 0.2-0.6 with sensor noise), noise (sigma 2-16), JPEG\n"
        "  (quality 15-70); `moodmirror/training/degrade.py`."
    )


def _robustness_section(metrics: dict) -> str:
    robustness = metrics.get("robustness")
    if not robustness:
        return ""
    clean = metrics["valid"]["accuracy"]
    rows = "\n".join(f"| {name} | {acc * 100:.2f} % | {(acc - clean) * 100:+.2f} |" for name, acc in robustness.items())
    return f"""## Webcam robustness (FER2013Valid at the model input)
The same faces, degraded as a webcam would (`moodmirror/training/degrade.py`, fixed settings;
`tests/benchmarks/bench_robustness.py` prints this beside the previous model):

| degradation | accuracy | points against clean ({clean * 100:.2f} %) |
|---|---|---|
{rows}

"""


def _calibration_section(metrics: dict) -> str:
    cal = metrics.get("calibration")
    if not cal:
        return ""
    rows = "\n".join(
        f"| {r['threshold']:.2f} | {r['coverage'] * 100:.1f} % | {r['accuracy'] * 100:.1f} % |" for r in cal["coverage"]
    )
    return f"""## Calibration and the confidence gate
The logits are divided by a temperature of {cal["temperature"]:.3f} before the softmax, fitted on
FER2013Valid (negative log-likelihood of the majority labels), so a stated 70 % is right about
70 % of the time. Expected calibration error ({cal["ece_bins"]} bins): {cal["ece_before"]:.4f}
before, **{cal["ece_after"]:.4f}** after; {cal["ece_cross_fitted"]:.4f} when the temperature is fitted
on one half of the faces and measured on the other.

The check-in counts a frame when the top probability reaches the confidence gate
({CONFIDENCE_THRESHOLD:.2f} by default, set in the settings). On FER2013Valid:

| threshold | faces kept | accuracy of the kept |
|---|---|---|
{rows}

"""


def _training_section(metrics: dict) -> str:
    commands = "\n".join(
        [
            *(f"`{command_line(step['training'], out=TEACHER_OUT)}`  " for step in _teacher_steps(metrics)),
            *(f"`{command_line(step['training'])}`  " for step in _own_steps(metrics)),
        ]
    )
    return f"""## Training data and licence
- FER2013 images (Goodfellow et al., ICML 2013 challenge; research use) with FER+ crowd labels
  (Barsoum et al., ICMI 2016; MIT licence, Microsoft). {metrics["training_faces"]:,} training
  faces from FER2013Train with at least one emotion vote.
- Augmentation: mirror, rotation +-12 deg, scale 0.88-1.12, shift +-8 %, brightness +-0.2,
  contrast 0.6-1.4, random erased patch (p = 0.25).{_degradations(metrics)}
{_recipe(metrics)}

The per-epoch log is `training_log.txt`. Reproduce with:

{commands}

"""


def _target_rows(metrics: dict) -> str:
    """Rows of the targets table for webcam robustness and calibration, where measured."""
    rows = []
    if metrics.get("robustness"):
        worst = (metrics["valid"]["accuracy"] - min(metrics["robustness"].values())) * 100
        rows.append(
            f"| worst webcam degradation, points below clean | {worst:.2f} | "
            f"<= 4 ({'met' if worst <= 4 else 'not met'}) |"
        )
    if metrics.get("calibration"):
        ece = metrics["calibration"]["ece_after"]
        rows.append(
            f"| expected calibration error, 15 bins | {ece:.4f} | <= 0.03 ({'met' if ece <= 0.03 else 'not met'}) |"
        )
    return "".join(row + "\n" for row in rows)


def render_card(metrics: dict, sha256: str, size_bytes: int, latency: dict[str, float]) -> str:
    """The model card text."""
    valid = metrics["valid"]
    recall_rows = "\n".join(f"| {e} | {valid['recall'][e] * 100:.1f} % |" for e in EMOTIONS)
    header = "| true \\ predicted | " + " | ".join(EMOTIONS) + " |"
    sep = "|" + "---|" * (len(EMOTIONS) + 1)
    conf_rows = "\n".join(
        f"| {e} | " + " | ".join(str(v) for v in row) + " |" for e, row in zip(EMOTIONS, valid["confusion"])
    )
    return f"""# Model card: MoodMirror emotion classifier (`{MODEL_FILE}`)

- **sha256**: `{sha256}`
- **File size**: {size_bytes / 1e6:.2f} MB (ONNX, float32, opset 17)
- **Architecture**: {_architecture(metrics)}
- **Parameters**: {metrics["parameters"]:,}
- **Labels (output order)**: {", ".join(EMOTIONS)}

## Against the project's targets
| measure | this model | target |
|---|---|---|
| majority-vote accuracy, FER2013Valid | {valid["accuracy"] * 100:.2f} % | >= 88 % ({"met" if valid["accuracy"] >= 0.88 else "not met"}) |
| mean per-class recall | {valid["mean_recall"] * 100:.2f} % | >= 70 % ({"met" if valid["mean_recall"] >= 0.70 else "not met"}) |
| file size | {size_bytes / 1e6:.2f} MB | <= 5 MB ({"met" if size_bytes <= 5e6 else "not met"}) |
| latency, batch 1, one thread | {latency["median_ms"]:.3f} ms median | <= 1 ms ({"met" if latency["median_ms"] <= 1.0 else "not met"}) |
{_target_rows(metrics)}
## Input and preprocessing
- The app's face crops: faces found by the BlazeFace detector (`FACE_DETECTOR_CARD.md`), turned
  so the eyes are level and framed by the landmarks: a square of {FRAME_SCALE} x the eyes-to-mouth
  distance (about {CROP_SCALE} x the detector box), centred {FRAME_SHIFT} x that distance below the
  eyes, resized to 48x48 with area interpolation (`moodmirror/vision/crop.py` documents how the
  framing was measured against the FER2013 crops).
- Input `image`: float32 `(N, 1, 48, 48)`, grayscale, values in [0, 1] (uint8 / 255).
  Normalisation ((x - 0.5) / 0.25) is inside the graph. Output `probabilities`: float32 `(N, 7)`.
- Faces as in FER2013: a roughly square crop around the face, from the forehead to the chin,
  with little background.

{_training_section(metrics)}{_robustness_section(metrics)}{_calibration_section(metrics)}## Validation (FER2013Valid, majority-vote protocol)
Labels are the argmax of the ten vote columns; ties and images whose majority is contempt,
unknown or not-a-face are dropped ({valid["images"]:,} images remain).

- **Accuracy**: {valid["accuracy"] * 100:.2f} %
- **Mean per-class recall**: {valid["mean_recall"] * 100:.2f} %
- Best epoch during training, one view without the mirror (not selected, for reference): {max(h["valid_accuracy"] for step in _own_steps(metrics) for h in step["history"]) * 100:.2f} %

| emotion | recall |
|---|---|
{recall_rows}

Confusion matrix (rows: majority label, columns: prediction):

{header}
{sep}
{conf_rows}

## Latency
ONNX Runtime, CPU, one intra-op thread, batch 1: median {latency["median_ms"]:.3f} ms,
p95 {latency["p95_ms"]:.3f} ms per face (measured on the 2-core development machine).

## Intended use
Self-reflection in a private journal: a rough, on-device estimate of the facial expression
during a short check-in, shown next to the user's own rating. It is **not** a diagnosis of any
condition, not a measure of what a person feels inside, and must not be used to judge,
screen or monitor anyone.

## Known limitations
- FER2013 was collected from web image searches: mostly posed or exaggerated expressions,
  skewed towards young adults and lighter skin tones; accuracy on other groups is unknown and
  likely lower.
- Spontaneous everyday expressions are subtler than the training data; most check-ins will
  read as neutral.
- Disgust and fear are rare in the data (few hundred examples) and are recognised least well.
- Low resolution (48x48): strong side light, backlight, heavy shadows, glasses with glare,
  masks, beards and head poses beyond about 30 degrees degrade predictions.
- Validation figures are on FER2013Valid; the official FER+ test split is held out.
"""


def write_card(out_dir: Path) -> Path:
    """Measure the model in ``out_dir`` and write its card from ``metrics.json``."""
    model = out_dir / MODEL_FILE
    metrics = json.loads((out_dir / "metrics.json").read_text())
    card = render_card(metrics, sha256_of(model), model.stat().st_size, measure_latency(model))
    path = out_dir / CARD_FILE
    path.write_text(card)
    return path


if __name__ == "__main__":
    print(write_card(Path(sys.argv[1] if len(sys.argv) > 1 else "models")))
