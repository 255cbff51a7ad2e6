"""Emotion-model benchmark: robustness to webcam degradations, calibration and the confidence gate.

Run ``python tests/benchmarks/bench_robustness.py [--old-rev REV] [--model PATH]``. Needs
``../shared/data/ferplus`` (FER2013Valid, majority-vote labels). For the shipped model and the
model at git revision ``--old-rev`` (default: the last one before the webcam retraining), in
the same run, it prints:

1. accuracy on the clean faces and under each fixed degradation of
   ``moodmirror.training.degrade.ROBUSTNESS_CASES`` at the model input (48x48), with the cost
   in points against clean (target: each costs at most 4 points, clean at least 87 %);
2. the expected calibration error (15 bins; target <= 0.03);
3. the coverage/accuracy table of the confidence gate (share of faces whose top probability
   reaches a threshold, and how often those are right), the table the check-in's gate is
   chosen from.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "ferplus"
OLD_REV = "33c51a8"  # main before issue 19: Haar detector, model without webcam augmentation


def old_model(rev: str, folder: Path) -> Path:
    """The emotion model as committed at ``rev``, written into ``folder``."""
    path = folder / f"emotion-{rev}.onnx"
    path.write_bytes(
        subprocess.run(["git", "show", f"{rev}:models/emotion.onnx"], cwd=ROOT, check=True, capture_output=True).stdout
    )
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old-rev", default=OLD_REV, help="git revision of the model to compare with")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "emotion.onnx")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not (args.data / "FER2013Valid").is_dir():
        print(f"skipped: no FER+ data at {args.data} (FER2013Valid/ is needed)")
        return 0

    from moodmirror.training.calibration import ECE_BINS, coverage_table, expected_calibration_error
    from moodmirror.training.degrade import ROBUSTNESS_CASES, degraded_copies
    from moodmirror.training.evaluate import evaluate
    from moodmirror.training.export import onnx_probabilities
    from moodmirror.training.ferplus import load_split

    split = load_split(args.data / "FER2013Valid")
    labels, keep = split.majority_labels()
    clean = split.images[keep]
    cases = {"clean": clean} | degraded_copies(clean, seed=20261202)
    with tempfile.TemporaryDirectory() as tmp:
        models = {f"old ({args.old_rev})": old_model(args.old_rev, Path(tmp)), "new (shipped)": args.model}
        probs = {
            label: {name: onnx_probabilities(path, faces) for name, faces in cases.items()}
            for label, path in models.items()
        }

    print(f"1. FER2013Valid, {len(labels)} faces (majority vote), accuracy at the model input")
    names = list(models)
    print(f"{'':28}" + "".join(f"{n:>24}" for n in names))
    for case in cases:
        cells = []
        for n in names:
            acc = evaluate(probs[n][case], labels).accuracy * 100
            cost = acc - evaluate(probs[n]["clean"], labels).accuracy * 100
            cells.append(f"{acc:6.2f} %" + ("" if case == "clean" else f" ({cost:+5.2f})"))
        print(f"{case:28}" + "".join(f"{c:>24}" for c in cells))
    worst = {
        n: max(
            evaluate(probs[n]["clean"], labels).accuracy - evaluate(probs[n][c], labels).accuracy
            for c in ROBUSTNESS_CASES
        )
        * 100
        for n in names
    }
    print("worst cost (target <= 4 points): " + ", ".join(f"{n} {w:.2f}" for n, w in worst.items()))

    print(f"\n2. Expected calibration error, {ECE_BINS} bins, clean faces (target <= 0.03)")
    for n in names:
        print(f"  {n:24} {expected_calibration_error(probs[n]['clean'], labels):.4f}")

    print("\n3. Confidence gate: share of faces kept and accuracy of the kept, clean | mean of degraded")
    print(f"{'threshold':>10}" + "".join(f"{n:>36}" for n in names))
    tables = {
        n: (coverage_table(probs[n]["clean"], labels), [coverage_table(probs[n][c], labels) for c in ROBUSTNESS_CASES])
        for n in names
    }
    for i, row in enumerate(tables[names[0]][0]):
        cells = []
        for n in names:
            c, degraded = tables[n][0][i], [t[i] for t in tables[n][1]]
            cov_d = np.mean([d["coverage"] for d in degraded]) * 100
            acc_d = np.mean([d["accuracy"] for d in degraded]) * 100
            cells.append(f"{c['coverage'] * 100:5.1f} % {c['accuracy'] * 100:5.1f} % | {cov_d:5.1f} % {acc_d:5.1f} %")
        print(f"{row['threshold']:>10.2f}" + "".join(f"{c:>36}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
