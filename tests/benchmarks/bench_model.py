"""Benchmark of the shipped emotion model: accuracy on FER2013Valid, latency, size, int8 check.

Run: ``python tests/benchmarks/bench_model.py [--data ../shared/data/ferplus]``.
Targets (issue 3): majority-vote accuracy >= 88 %, mean recall >= 70 %, file <= 5 MB,
<= 1 ms per face at batch 1 on one ONNX Runtime thread. The int8 variant is only reported;
it would ship if it lost < 0.5 point and ran faster.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from moodmirror.resources import MODELS_DIR
from moodmirror.training.card import measure_latency
from moodmirror.training.evaluate import evaluate
from moodmirror.training.ferplus import load_split
from moodmirror.training.quantize import compare, quantize
from moodmirror.vision.classifier import MODEL_FILE, EmotionClassifier


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared/data/ferplus")
    args = parser.parse_args()

    model = MODELS_DIR / MODEL_FILE
    classifier = EmotionClassifier()
    latency = measure_latency(model, runs=1000)
    print(f"model: {classifier.model_id}, {model.stat().st_size / 1e6:.2f} MB")
    print(f"latency (1 thread, batch 1): median {latency['median_ms']:.3f} ms, p95 {latency['p95_ms']:.3f} ms")
    if not (args.data / "FER2013Valid").is_dir():
        print(f"no FER+ data at {args.data}: accuracy not measured")
        return
    valid = load_split(args.data / "FER2013Valid")
    labels, keep = valid.majority_labels()
    result = evaluate(classifier.predict(valid.images[keep]), labels)
    print(
        f"FER2013Valid majority vote ({result.images} faces): accuracy "
        f"{result.accuracy * 100:.2f} %, mean recall {result.mean_recall * 100:.2f} %"
    )
    print("recall: " + ", ".join(f"{k} {v * 100:.1f} %" for k, v in result.recall.items()))
    print(result.table())

    train = load_split(args.data / "FER2013Train", limit=1024)
    with tempfile.TemporaryDirectory() as tmp:
        int8 = Path(tmp) / "emotion.int8.onnx"
        quantize(model, int8, train.images)
        c = compare(model, int8, valid.images[keep], labels)
    print(
        f"int8 variant: accuracy {c.int8_accuracy * 100:.2f} % (fp32 {c.fp32_accuracy * 100:.2f} %), "
        f"median {c.int8_median_ms:.3f} ms (fp32 {c.fp32_median_ms:.3f} ms), "
        f"{c.int8_bytes / 1e6:.2f} MB -> ship int8: {'yes' if c.ship_int8 else 'no'}"
    )


if __name__ == "__main__":
    main()
