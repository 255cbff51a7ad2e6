"""Vision commands: ``analyze`` and ``demo``, and the camera options of ``checkin``.

- ``moodmirror analyze PATH [--json]`` runs the pipeline on an image or a video file and
  prints each face found; it stores nothing.
- ``moodmirror demo`` runs a whole check-in on the built-in demo face into a throw-away
  journal in a temporary folder, prints what was stored, and deletes the folder.
- ``moodmirror checkin --source SPEC [--seconds N]`` (extending the journal's ``checkin``)
  runs a camera session and stores its summary with the check-in.

OpenCV, ONNX Runtime and the storage layer are imported only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import SourceError, UsageError
from moodmirror.records import CheckIn, EmotionSummary
from moodmirror.vision.options import DEFAULT_SECONDS, MAX_SECONDS, MIN_SECONDS, SPEC_HELP

if TYPE_CHECKING:
    import numpy as np

    from moodmirror.vision.classifier import EmotionClassifier
    from moodmirror.vision.pipeline import FramePipeline, FrameResult

DEMO_MOOD = 7


def seconds_value(text: str) -> float:
    """argparse type for ``--seconds``: a check-in length from 5 to 60 seconds."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seconds must be a number, not {text!r}") from None
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"a check-in lasts {MIN_SECONDS} to {MAX_SECONDS} seconds, not {text}")
    return seconds


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``analyze`` and ``demo``, and the camera options of the journal's ``checkin``."""
    analyze = subparsers.add_parser(
        "analyze",
        help="show the emotions the model reads in an image or video file (stores nothing)",
        description="Find faces in an image or video file and print the model's emotion probabilities. "
        "Nothing is stored.",
    )
    analyze.add_argument("path", type=Path, metavar="PATH", help="an image or a video file")
    analyze.add_argument("--json", action="store_true", help="JSON output (one object per line for a video)")
    analyze.set_defaults(run=run_analyze)

    demo = subparsers.add_parser(
        "demo",
        help="try a camera check-in on a drawn demo face (nothing is kept)",
        description="Run a whole camera check-in on the built-in animated demo face, store it in a "
        "throw-away journal in a temporary folder, print it, and delete the folder.",
    )
    demo.add_argument(
        "--seconds",
        type=seconds_value,
        default=float(DEFAULT_SECONDS),
        metavar="N",
        help=f"length, {MIN_SECONDS} to {MAX_SECONDS} (default {DEFAULT_SECONDS})",
    )
    demo.set_defaults(run=run_demo)

    checkin = subparsers.choices.get("checkin")
    if checkin is not None:
        checkin.add_argument("--source", metavar="SPEC", help=f"watch your face during the check-in: {SPEC_HELP}")
        checkin.add_argument(
            "--seconds",
            type=seconds_value,
            metavar="N",
            help=f"check-in length, {MIN_SECONDS} to {MAX_SECONDS} (default: your setting)",
        )
        checkin.set_defaults(run=run_camera_checkin)


def _load_classifier() -> EmotionClassifier:
    from moodmirror.vision.classifier import EmotionClassifier

    return EmotionClassifier()


def run_analyze(args: argparse.Namespace) -> int:
    from moodmirror.vision.pipeline import FramePipeline
    from moodmirror.vision.sources import IMAGE_SUFFIXES, open_video, read_image

    path: Path = args.path
    if not path.exists():
        raise SourceError(f"No file at {path}.")
    pipeline = FramePipeline(_load_classifier())
    if path.suffix.lower() in IMAGE_SUFFIXES:
        _report(pipeline, read_image(path), str(path), None, args.json)
        return 0
    found = 0
    with open_video(path, paced=False) as video:
        for index, image in enumerate(video):
            found += _report(pipeline, image, f"frame {index}", index, args.json)
    if not found and not args.json:
        print("No face found.")
    return 0


def _report(pipeline: FramePipeline, image: np.ndarray, where: str, frame: int | None, as_json: bool) -> bool:
    """Print the faces of one image (a video ``frame`` only when it has one); whether it had any."""
    from moodmirror.vision.pipeline import probabilities_dict

    faces = [
        {"box": list(box), "probabilities": probabilities_dict(p), "dominant": EMOTIONS[int(p.argmax())]}
        for box, p in pipeline.analyze(image)
    ]
    if frame is not None and not faces:
        return False
    if as_json:
        print(json.dumps({"frame": frame, "faces": faces} if frame is not None else {"faces": faces}))
    else:
        _print_faces(where, faces)
    return bool(faces)


def _print_faces(where: str, records: list[dict]) -> None:
    if not records:
        print(f"{where}: no face found.")
    for record in records:
        x, y, w, h = record["box"]
        ranked = sorted(record["probabilities"].items(), key=lambda kv: -kv[1])
        shares = ", ".join(f"{e} {p:.2f}" for e, p in ranked)
        print(f"{where}: face at x={x} y={y} {w}x{h}: {record['dominant']} ({shares})")


def format_summary(summary: EmotionSummary) -> str:
    """A few lines describing a check-in's emotion summary."""
    lines = [
        f"Camera check-in ({summary.source}, {summary.duration_s:.1f} s, model {summary.model_id}): "
        f"{summary.frames_seen} frames, {summary.frames_usable} usable, face in {summary.face_ratio:.0%} of frames."
    ]
    if summary.inconclusive:
        lines.append(
            f"Inconclusive: too few usable frames (a face read with confidence >= {summary.confidence_threshold:.2f}); "
            "no emotion is reported."
        )
        return "\n".join(lines)
    lines.append(
        f"Dominant: {summary.dominant} (top in {summary.dominant_share:.0%} of usable frames), "
        f"mean confidence {summary.confidence:.2f}."
    )
    lines.append(f"Valence {summary.valence:+.2f}, arousal {summary.arousal:+.2f} (Russell circumplex, -1..+1).")
    lines.append("Mean probabilities: " + ", ".join(f"{e} {summary.probabilities[e]:.2f}" for e in EMOTIONS))
    return "\n".join(lines)


def _progress(result: FrameResult) -> None:
    what = result.dominant or "-"
    sys.stderr.write(f"\r  {result.elapsed_s:5.1f} s  {result.status.value:<10}  {what:<10}")
    sys.stderr.flush()


def run_session(source: str, seconds: float, threshold: float) -> EmotionSummary:
    """Run a check-in session on the calling thread (live status on a terminal's stderr)."""
    from moodmirror.vision.session import CheckInSession

    session = CheckInSession(
        source,
        seconds=seconds,
        threshold=threshold,
        classifier=_load_classifier(),
        on_frame=_progress if sys.stderr.isatty() else None,
        preview=False,
    )
    try:
        return session.run()
    finally:
        if sys.stderr.isatty():
            sys.stderr.write("\n")


def run_camera_checkin(args: argparse.Namespace) -> int:
    from moodmirror.cli.journal import build_checkin, prepare_text, run_checkin, save_and_tell
    from moodmirror.cli.passphrase import unlock_vault

    if args.source is None:
        if args.seconds is not None:
            raise UsageError("--seconds needs --source (for example --source camera:0).")
        return run_checkin(args)
    if args.no_camera:
        raise UsageError("--no-camera and --source contradict each other; use one of them.")
    prepare_text(args)  # a note that cannot be saved is refused before the camera session, not after
    with unlock_vault(args.data_dir) as vault:
        settings = vault.load_settings()
        seconds = args.seconds if args.seconds is not None else float(settings.checkin_seconds)
        summary = run_session(args.source, seconds, settings.confidence_threshold)
        print(format_summary(summary))
        save_and_tell(vault, build_checkin(args, summary))
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from moodmirror.storage.crypto import OWASP_MINIMUM_KDF
    from moodmirror.storage.vault import Vault
    from moodmirror.vision.options import CONFIDENCE_THRESHOLD

    print(f"Demo check-in: {args.seconds:g} s on the drawn demo face (no camera, nothing kept).")
    summary = run_session("demo", args.seconds, CONFIDENCE_THRESHOLD)
    folder = Path(tempfile.mkdtemp(prefix="moodmirror-demo-"))
    try:
        passphrase = secrets.token_urlsafe(24)
        with Vault.create(folder / "journal", passphrase, kdf=OWASP_MINIMUM_KDF) as vault:
            vault.add_checkin(CheckIn(mood=DEMO_MOOD, note="Demo check-in", tags=["demo"], summary=summary))
        with Vault.open(folder / "journal", passphrase) as vault:
            stored = vault.list_checkins()
        print(f"Stored in a throw-away journal ({len(stored)} check-in, encrypted):")
        print(json.dumps([c.to_dict() for c in stored], indent=2))
        print(format_summary(summary))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("The throw-away journal was deleted.")
    return 0
