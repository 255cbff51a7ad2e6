"""Real-world benchmark: the old check-in path (Haar + the model at 33c51a8) and the new one, side by side.

Run ``python tests/benchmarks/bench_real_world.py [--faces N] [--free N] [--timing-frames N]``
from the checkout (needs ``../shared/data/ferplus``, scikit-image and git). Both paths see the
same frames: the old one runs in a subprocess on the tree of git revision ``OLD_REVISION``
(extracted with ``git archive`` into a temporary folder), the new one on this checkout; each
generates the frames itself from the same seed and the same FER2013Valid faces. It prints:

1. Faces: FER2013Valid faces (majority-vote labels) pasted into 640x480 frames at 60-300 px,
   rotated by up to +-30 degrees, on a plain, noisy or scikit-image scene/texture background,
   under a gain of 0.5-1.3 and, on half the frames, a light gradient. Each frame is a fresh
   stream through ``FramePipeline.process``: detection recall (a box whose centre lies on the
   face), also for faces of 80 px and more (target >= 98 %), and end-to-end accuracy (the
   frame's ``dominant`` equals the label, over all frames), against the classifier alone on
   the original 48x48 crops of the same faces (target: within 2 points).
2. False detections on ``--free`` face-free frames (crops, flips and rotations of
   scikit-image textures and scenes with no faces): frames where a box is returned (target 0).
3. Median and p95 ms per 640x480 frame of the whole pipeline (detect/track, crop, classify,
   smoothing) on ``bench_vision.py``'s stream of the astronaut photo moving a little, on one core (ONNX Runtime and OpenCV
   with one thread; process CPU time and wall time). Targets: median <= 5 ms, and no slower
   than the old path.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import numpy as np

OLD_REVISION = "33c51a8"
SEED = 19
FRAME = (640, 480)
SIDES = (60, 300)
MAX_ANGLE = 30.0
RECALL_SIDE = 80
SCENES = (
    "brick",
    "grass",
    "gravel",
    "rocket",
    "coffee",
    "moon",
    "page",
    "text",
    "hubble_deep_field",
    "colorwheel",
    "retina",
    "clock",
    "immunohistochemistry",
    "cell",
    "checkerboard",
)
"""scikit-image images without faces (camera, astronaut, the cat and the coins, which bear portrait heads,
are left out)."""


def scenes() -> list[np.ndarray]:
    """The face-free scikit-image pictures as BGR uint8."""
    import cv2
    import skimage.data

    out = []
    for name in SCENES:
        image = getattr(skimage.data, name)()
        image = image[..., :3] if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
        out.append(cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2BGR))
    return out


def scene_view(rng: np.random.Generator, pictures: list[np.ndarray]) -> np.ndarray:
    """A 640x480 view of a random picture: a random crop, maybe flipped and turned."""
    import cv2

    picture = pictures[int(rng.integers(len(pictures)))]
    h, w = picture.shape[:2]
    f = float(rng.uniform(0.5, 1.0))
    ch, cw = max(16, int(h * f)), max(16, int(w * f))
    y, x = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
    view = picture[y : y + ch, x : x + cw]
    if rng.random() < 0.5:
        view = view[:, ::-1]
    view = cv2.resize(np.ascontiguousarray(view), FRAME, interpolation=cv2.INTER_LINEAR)
    angle = float(rng.uniform(-180, 180)) if rng.random() < 0.5 else 0.0
    if angle:
        matrix = cv2.getRotationMatrix2D((FRAME[0] / 2, FRAME[1] / 2), angle, 1.3)
        view = cv2.warpAffine(view, matrix, FRAME, borderMode=cv2.BORDER_REFLECT)
    return view


def background(rng: np.random.Generator, pictures: list[np.ndarray]) -> np.ndarray:
    """A plain, noisy or scene background, 640x480 BGR."""
    kind = int(rng.integers(3))
    if kind == 0:
        return np.full((FRAME[1], FRAME[0], 3), rng.integers(30, 226, 3), np.uint8)
    if kind == 1:
        base = rng.integers(60, 196, 3).astype(np.float32)
        noise = rng.normal(0, float(rng.uniform(10, 40)), (FRAME[1], FRAME[0], 1)).astype(np.float32)
        return np.clip(base + noise, 0, 255).astype(np.uint8)
    return scene_view(rng, pictures)


def lighting(rng: np.random.Generator, frame: np.ndarray) -> np.ndarray:
    """A random gain, and on half the frames a linear light gradient across the frame."""
    light = np.full(frame.shape[:2], float(rng.uniform(0.5, 1.3)), np.float32)
    if rng.random() < 0.5:
        angle = float(rng.uniform(0, 2 * np.pi))
        ys, xs = np.mgrid[0 : frame.shape[0], 0 : frame.shape[1]].astype(np.float32)
        ramp = np.cos(angle) * xs / frame.shape[1] + np.sin(angle) * ys / frame.shape[0]
        ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
        light *= 0.6 + 0.6 * ramp
    return np.clip(frame.astype(np.float32) * light[..., None], 0, 255).astype(np.uint8)


def paste_face(
    frame: np.ndarray, face: np.ndarray, side: int, angle: float, rng: np.random.Generator
) -> tuple[float, float, float]:
    """Paste a 48x48 gray face at ``side`` px turned by ``angle`` degrees; (centre x, centre y, half-reach)."""
    import cv2

    big = cv2.resize(face, (side, side), interpolation=cv2.INTER_CUBIC)
    canvas = int(np.ceil(side * 1.42)) + 2
    pad = (canvas - side) // 2
    patch = cv2.copyMakeBorder(big, pad, canvas - side - pad, pad, canvas - side - pad, cv2.BORDER_REPLICATE)
    mask = np.zeros((canvas, canvas), np.uint8)
    mask[pad : pad + side, pad : pad + side] = 255
    matrix = cv2.getRotationMatrix2D((canvas / 2, canvas / 2), angle, 1.0)
    patch = cv2.warpAffine(patch, matrix, (canvas, canvas), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    mask = cv2.warpAffine(mask, matrix, (canvas, canvas), flags=cv2.INTER_LINEAR)
    x = int(rng.integers(0, FRAME[0] - canvas + 1))
    y = int(rng.integers(0, FRAME[1] - canvas + 1))
    alpha = (mask.astype(np.float32) / 255.0)[..., None]
    region = frame[y : y + canvas, x : x + canvas].astype(np.float32)
    frame[y : y + canvas, x : x + canvas] = (alpha * patch[..., None] + (1 - alpha) * region).astype(np.uint8)
    return x + canvas / 2, y + canvas / 2, side / 2


def face_frames(faces: np.ndarray, seed: int):
    """(frame, side, centre x, centre y, half side) for each face, deterministic for a seed."""
    pictures = scenes()
    rng = np.random.default_rng(seed)
    for face in faces:
        frame = background(rng, pictures)
        side = int(rng.integers(SIDES[0], SIDES[1] + 1))
        angle = float(rng.uniform(-MAX_ANGLE, MAX_ANGLE))
        cx, cy, half = paste_face(frame, face, side, angle, rng)
        yield lighting(rng, frame), side, cx, cy, half


def free_frames(count: int, seed: int):
    """``count`` face-free frames: views of scikit-image scenes and textures under varied light."""
    pictures = scenes()
    rng = np.random.default_rng(seed + 1)
    for _ in range(count):
        yield lighting(rng, scene_view(rng, pictures))


def work(data: Path, free: int, timing: int) -> dict:
    """Run the pipeline of whichever ``moodmirror`` is importable over all frames; the raw results."""
    import cv2
    from bench_vision import one_face_frames

    from moodmirror.emotions import EMOTIONS
    from moodmirror.vision.classifier import EmotionClassifier
    from moodmirror.vision.pipeline import FramePipeline

    cv2.setNumThreads(1)
    saved = np.load(data)
    faces, labels = saved["faces"], saved["labels"]
    pipeline = FramePipeline(EmotionClassifier(threads=1))
    found, correct, sides = [], [], []
    for (frame, side, cx, cy, half), label in zip(face_frames(faces, SEED), labels):
        pipeline.reset()
        result = pipeline.process(frame)
        hit = False
        if result.box is not None:
            x, y, w, h = result.box
            hit = abs(x + w / 2 - cx) <= half and abs(y + h / 2 - cy) <= half
        found.append(hit)
        correct.append(hit and result.dominant == EMOTIONS[int(label)])
        sides.append(side)
    alarms = 0
    for frame in free_frames(free, SEED):
        pipeline.reset()
        alarms += pipeline.process(frame).box is not None
    wall, cpu, read = [], [], 0
    pipeline.reset()
    stream = one_face_frames(FRAME)
    for i in range(timing + 30):
        w0, c0 = time.perf_counter(), time.process_time()
        result = pipeline.process(stream[i % len(stream)], elapsed_s=i / 30, index=i)
        if i >= 30:
            wall.append((time.perf_counter() - w0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            read += result.probabilities is not None
    return {
        "found": found,
        "correct": correct,
        "sides": sides,
        "alarms": alarms,
        "wall": wall,
        "cpu": cpu,
        "read": read / max(timing, 1),
    }


def old_tree(root: Path, into: Path) -> Path:
    """The project at ``OLD_REVISION``, extracted from git into ``into``."""
    archive = subprocess.run(["git", "-C", str(root), "archive", OLD_REVISION], capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def report(name: str, r: dict, direct: float) -> None:
    found, correct, sides = (np.array(r[k]) for k in ("found", "correct", "sides"))
    big = sides >= RECALL_SIDE
    print(f"{name}:")
    print(
        f"  detection recall {found.mean():.1%} ({found.sum()}/{found.size}); at >= {RECALL_SIDE} px "
        f"{found[big].mean():.1%} (target >= 98 %); at < {RECALL_SIDE} px {found[~big].mean():.1%}"
    )
    print(
        f"  end to end (found and read correctly) {correct.mean():.1%}, vs the classifier alone {direct:.1%} "
        f"(gap {100 * (direct - correct.mean()):.1f} points, target <= 2)"
    )
    print(f"  false detections on face-free frames: {r['alarms']} (target 0)")
    print(
        f"  whole pipeline, one face, one core: CPU median {np.median(r['cpu']):.2f} ms, "
        f"p95 {np.percentile(r['cpu'], 95):.2f} ms; wall median {np.median(r['wall']):.2f} ms, "
        f"p95 {np.percentile(r['wall'], 95):.2f} ms (target median <= 5 ms; face read in {r['read']:.0%} of frames)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faces", type=int, default=None, help="FER2013Valid faces used (default all)")
    parser.add_argument("--free", type=int, default=300, help="face-free frames (default 300)")
    parser.add_argument("--timing-frames", type=int, default=300, help="frames timed per path (default 300)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:  # inside a subprocess: one path, results as JSON on stdout
        print(json.dumps(work(args.worker, args.free, args.timing_frames)))
        return

    root = Path(__file__).resolve().parents[2]
    split_dir = root.parent / "shared" / "data" / "ferplus" / "FER2013Valid"
    if not split_dir.is_dir():
        sys.exit(f"no FER+ data at {split_dir}")
    sys.path.insert(0, str(root))
    from moodmirror.training.ferplus import load_split
    from moodmirror.vision.classifier import EmotionClassifier

    split = load_split(split_dir)
    labels, keep = split.majority_labels()
    faces = split.images[keep]
    order = np.random.default_rng(SEED).permutation(len(labels))[: args.faces]
    faces, labels = faces[order], labels[order]
    direct = float(np.mean(EmotionClassifier().predict(faces).argmax(axis=1) == labels))
    print(
        f"{len(labels)} FER2013Valid faces at {SIDES[0]}-{SIDES[1]} px, +-{MAX_ANGLE:.0f} deg, "
        f"{args.free} face-free frames, {args.timing_frames} timed frames; classifier alone {direct:.1%}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "faces.npz"
        np.savez(data, faces=faces, labels=labels)
        trees = {
            f"old path (Haar + the emotion model at {OLD_REVISION})": old_tree(root, Path(tmp) / "old"),
            "new path (BlazeFace + alignment, this checkout)": root,
        }
        for name, tree in trees.items():
            env = {**os.environ, "PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1"}
            start = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--worker",
                    str(data),
                    "--free",
                    str(args.free),
                    "--timing-frames",
                    str(args.timing_frames),
                ],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            report(name, json.loads(done.stdout.splitlines()[-1]), direct)
            print(f"  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
