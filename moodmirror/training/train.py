"""``moodmirror-train``: train the emotion CNN on FER+ and export it to ONNX.

Example::

    moodmirror-train --data ../shared/data/ferplus --out models/

Soft targets from the crowd votes, seeded augmentation (pose and lighting, and with
``--degrade`` what webcams do: blur, compression, noise, dim light, low resolution, glasses),
SGD with a one-cycle schedule and a moving average of the weights, optionally followed by
stochastic weight averaging (SWA), validation on FER2013Valid after every epoch (majority-vote
protocol), a temperature fitted on FER2013Valid so the probabilities are calibrated, then
export of the final weights to ``emotion.onnx`` with ``metrics.json`` and ``MODEL_CARD.md``
beside it. ``--checkpoint`` keeps the torch weights with their training record, for more
training from them with ``--init``; ``--init`` also takes an exported ``emotion.onnx``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from moodmirror.emotions import EMOTIONS


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="moodmirror-train", description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="FER+ root (FER2013Train, FER2013Valid)")
    p.add_argument("--out", type=Path, required=True, help="folder for emotion.onnx and its card")
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1, help="peak learning rate (one-cycle SGD)")
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--width", type=int, default=16, help="channels of the first stage")
    p.add_argument(
        "--class-balance", type=float, default=0.3, help="exponent of inverse class-frequency loss weights (0: none)"
    )
    p.add_argument(
        "--target-power",
        type=float,
        default=1.0,
        help="sharpen the crowd's vote shares: votes**P, renormalised (1: as they are)",
    )
    p.add_argument(
        "--teacher",
        type=Path,
        default=None,
        help="an emotion.onnx whose probabilities on each training face are mixed into the targets (distillation)",
    )
    p.add_argument(
        "--teacher-weight", type=float, default=0.5, help="share of the teacher's probabilities in the targets"
    )
    p.add_argument(
        "--ema",
        type=float,
        default=0.998,
        help="decay of the exponential moving average of the weights that is exported (0: export the last weights)",
    )
    p.add_argument(
        "--swa-epochs",
        type=int,
        default=0,
        help="epochs of stochastic weight averaging after the one-cycle schedule (run it "
        "as its own step with --init to keep the weights before it in a --checkpoint)",
    )
    p.add_argument("--swa-lr", type=float, default=0.01, help="constant learning rate during SWA")
    p.add_argument(
        "--degrade",
        type=float,
        default=0.0,
        help="share of training faces that also get one to three webcam degradations",
    )
    p.add_argument(
        "--init",
        type=Path,
        default=None,
        help="start from torch weights saved with --checkpoint, or from an exported "
        "emotion.onnx (with --epochs 0: SWA only)",
    )
    p.add_argument(
        "--checkpoint",
        type=Path,
        default=None,
        help="also save the exported network's torch weights here (for fine-tuning)",
    )
    p.add_argument("--no-mirror", action="store_true", help="export without averaging over the mirrored face")
    p.add_argument(
        "--no-calibration", action="store_true", help="export without the temperature fitted on FER2013Valid"
    )
    p.add_argument("--seed", type=int, default=20261130)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N images per split")
    return p.parse_args(argv)


TEACHER_OUT = "teacher/"  # where reproduce commands train a teacher (its emotion.onnx)


def command_line(training: dict[str, object], out: str = "models/") -> str:
    """The ``moodmirror-train`` command for recorded training arguments (defaults left out);
    a teacher is shown as trained into :data:`TEACHER_OUT`."""
    defaults = vars(_parse(["--data", "-", "--out", "-"]))
    words = ["moodmirror-train", "--data", "../shared/data/ferplus", "--out", out]
    for key, value in training.items():
        if key in ("data", "out", "threads", "limit") or value is None or value is False:
            continue
        if value != defaults.get(key) or key == "epochs":
            flag = "--" + key.replace("_", "-")
            shown = Path(str(value)).name if key in ("init", "checkpoint") else str(value)
            if key == "init" and shown.endswith(".onnx"):
                shown = out + shown
            if key == "teacher":
                shown = TEACHER_OUT + "emotion.onnx"
            words += [flag] if value is True else [flag, shown]
    return " ".join(words)


def _teacher_record(path: Path) -> dict[str, object]:
    """The teacher's sha256 and, from the ``metrics.json`` beside it, how it was trained."""
    from moodmirror.training.card import sha256_of

    record: dict[str, object] = {"sha256": sha256_of(path)}
    beside = path.parent / "metrics.json"
    if beside.is_file():
        record["trained"] = json.loads(beside.read_text())
    return record


def _weights_description(args: argparse.Namespace) -> str:
    parts = []
    if args.epochs:
        parts.append(
            f"{args.epochs} one-cycle epochs, "
            + (f"moving average (decay {args.ema})" if args.ema > 0 else "last step")
        )
    if args.swa_epochs:
        parts.append(f"then the average of {args.swa_epochs} SWA epochs at lr {args.swa_lr}")
    return "; ".join(parts)


def _training_targets(votes: np.ndarray, images: np.ndarray, args: argparse.Namespace) -> np.ndarray:
    """Soft targets: the crowd's sharpened vote shares, mixed with a teacher's probabilities."""
    from moodmirror.training.export import onnx_probabilities

    sharp = votes**args.target_power
    targets = sharp / sharp.sum(axis=1, keepdims=True)
    if args.teacher is not None:
        w = args.teacher_weight
        targets = (1.0 - w) * targets + w * onnx_probabilities(args.teacher, images)
    return targets.astype(np.float32)


def _class_weights(targets: np.ndarray, power: float) -> np.ndarray:
    prior = targets.mean(axis=0) + 1e-6
    w = prior ** (-power)
    return (w / (w * prior).sum()).astype(np.float32)


def _predict(model, images: np.ndarray, batch: int = 512) -> np.ndarray:
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(images), batch):
            x = torch.from_numpy(images[i : i + batch]).float().div_(255.0).unsqueeze(1)
            out.append(model(x).numpy())
    return np.concatenate(out) if out else np.zeros((0, len(EMOTIONS)), np.float32)


def _batches(order, batch_size: int):
    for i in range(0, len(order), batch_size):
        yield order[i : i + batch_size]


def _train_epoch(net, x_train, y_train, weights, opt, gen, batch_size: int, after_step, augmented) -> float:
    """One pass over the training set through ``augmented``; returns the mean soft cross-entropy."""
    import torch

    net.train()
    total = 0.0
    for idx in _batches(torch.randperm(len(x_train), generator=gen), batch_size):
        logp = torch.log_softmax(net(augmented(x_train[idx])), dim=1)
        loss = -(y_train[idx] * weights * logp).sum(dim=1).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        after_step()
        total += loss.item() * len(idx)
    return total / len(x_train)


def _augmentation(args: argparse.Namespace, gen):
    """The training faces' augmentation: pose and lighting, then (``--degrade``) webcam degradations."""
    import torch

    from moodmirror.training.augment import augment
    from moodmirror.training.degrade import degrade_batch

    rng = np.random.default_rng(args.seed)

    def augmented(x):
        out = augment(x, gen)
        if args.degrade <= 0:
            return out
        crops = (out.squeeze(1) * 255.0).round_().to(torch.uint8).numpy()
        return torch.from_numpy(degrade_batch(crops, args.degrade, rng)).float().div_(255.0).unsqueeze(1)

    return augmented


def _view_logits(net, images: np.ndarray, mirror: bool, batch: int = 512) -> np.ndarray:
    """Logits (V, N, 7) of the exported views: the face, and its mirror image when ``mirror``."""
    import torch

    net.eval()
    views = []
    with torch.no_grad():
        for flip in (False, True) if mirror else (False,):
            out = []
            for i in range(0, len(images), batch):
                x = torch.from_numpy(images[i : i + batch]).float().div_(255.0).unsqueeze(1)
                out.append(net(torch.flip(x, dims=[3]) if flip else x).numpy())
            views.append(np.concatenate(out))
    return np.stack(views)


def _initial_weights(net, path: Path, x_train) -> dict[str, object]:
    """Load ``--init`` (a checkpoint, or an exported emotion.onnx) into ``net``; returns its record."""
    import torch

    if path.suffix == ".onnx":
        from moodmirror.training.from_onnx import load_onnx_weights

        order = torch.randperm(len(x_train), generator=torch.Generator().manual_seed(0))[:4096]
        load_onnx_weights(net, path, x_train[order])
        earlier = _teacher_record(path)
        if "trained" not in earlier:
            raise SystemExit(f"{path} has no metrics.json beside it: its training cannot be recorded")
        return {**earlier["trained"], "sha256": earlier["sha256"]}  # type: ignore[dict-item]
    start_from = torch.load(path, weights_only=True)
    if not isinstance(start_from, dict) or not {"state_dict", "record"} <= start_from.keys():
        raise SystemExit(
            f"{path} is not a checkpoint written by moodmirror-train --checkpoint nor an exported emotion.onnx"
        )
    net.load_state_dict(start_from["state_dict"])
    return start_from["record"]


def train(args: argparse.Namespace) -> dict[str, object]:
    """Train, evaluate and export; returns the metrics written to ``metrics.json``."""
    import torch
    from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn, update_bn

    from moodmirror.training.calibration import calibrate
    from moodmirror.training.card import write_card
    from moodmirror.training.degrade import degraded_copies
    from moodmirror.training.evaluate import evaluate
    from moodmirror.training.export import export_onnx, onnx_probabilities
    from moodmirror.training.ferplus import load_split
    from moodmirror.training.network import EmotionNet, ProbabilityModel, parameter_count

    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    t0 = time.time()
    train_split = load_split(args.data / "FER2013Train", args.limit)
    valid_split = load_split(args.data / "FER2013Valid", args.limit)
    crowd, keep = train_split.soft_targets()
    targets = _training_targets(crowd, train_split.images[keep], args)
    x_train = torch.from_numpy(train_split.images[keep]).float().div_(255.0).unsqueeze(1)
    y_train = torch.from_numpy(targets)
    valid_labels, valid_keep = valid_split.majority_labels()
    valid_images = valid_split.images[valid_keep]
    print(
        f"data: {len(keep)} training faces, {len(valid_keep)} validation faces "
        f"(majority vote), loaded in {time.time() - t0:.1f} s",
        flush=True,
    )

    def validate(model, mirror: bool = False) -> tuple[float, float]:
        ev = evaluate(_predict(ProbabilityModel(model, mirror=mirror), valid_images), valid_labels)
        return ev.accuracy, ev.mean_recall

    degraded_valid = degraded_copies(valid_images, args.seed)

    def validate_degraded(model) -> float:
        """Mean one-view accuracy over the benchmark's webcam degradations of FER2013Valid."""
        model = ProbabilityModel(model, mirror=False)
        return float(
            np.mean([evaluate(_predict(model, images), valid_labels).accuracy for images in degraded_valid.values()])
        )

    net = EmotionNet(num_classes=len(EMOTIONS), width=args.width)
    augmented = _augmentation(args, gen)
    if args.init is not None:
        started_from = _initial_weights(net, args.init, x_train)
        acc, recall = validate(net, mirror=not args.no_mirror)
        print(
            f"started from the weights in {args.init}: valid acc {acc:.4f}  mean recall {recall:.4f} (as exported)",
            flush=True,
        )
    weights = torch.from_numpy(_class_weights(crowd, args.class_balance))
    steps = (len(keep) + args.batch_size - 1) // args.batch_size
    if args.epochs * steps + args.swa_epochs * steps < 4:
        raise SystemExit("too few training steps: use more images, more epochs or a smaller batch")
    history: list[dict[str, object]] = []
    train_start = time.time()

    if args.epochs:
        opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, nesterov=True, weight_decay=args.weight_decay)
        total_steps = args.epochs * steps
        sched = torch.optim.lr_scheduler.OneCycleLR(
            opt, max_lr=args.lr, total_steps=total_steps, pct_start=max(0.2, 2.0 / total_steps)
        )
        ema = (
            AveragedModel(net, multi_avg_fn=get_ema_multi_avg_fn(args.ema), use_buffers=True) if args.ema > 0 else None
        )

        def after_step() -> None:
            sched.step()
            if ema is not None:
                ema.update_parameters(net)

        for epoch in range(1, args.epochs + 1):
            start = time.time()
            loss = _train_epoch(net, x_train, y_train, weights, opt, gen, args.batch_size, after_step, augmented)
            secs = time.time() - start
            acc, recall = validate(net)
            row: dict[str, object] = {
                "epoch": epoch,
                "loss": loss,
                "valid_accuracy": acc,
                "valid_mean_recall": recall,
                "seconds": secs,
            }
            line = f"epoch {epoch:3d}/{args.epochs}  loss {loss:.4f}  valid acc {acc:.4f}  mean recall {recall:.4f}"
            if ema is not None:
                acc, recall = validate(ema.module)
                row.update(ema_valid_accuracy=acc, ema_valid_mean_recall=recall)
                line += f"  | EMA acc {acc:.4f}  mean recall {recall:.4f}"
            if args.degrade > 0:
                row["degraded_valid_accuracy"] = validate_degraded(net if ema is None else ema.module)
                line += f"  degraded {row['degraded_valid_accuracy']:.4f}"
            history.append(row)
            print(f"{line}  {secs:.0f} s", flush=True)
        if ema is not None:
            net.load_state_dict(ema.module.state_dict())

    final_net: torch.nn.Module = net
    if args.swa_epochs:
        # Stochastic weight averaging: a constant learning rate explores around the trained
        # weights and the exported net is their per-epoch average, with batch-norm statistics
        # recomputed for the averaged weights. The weights it starts from are scored as they
        # would be exported, so the log shows whether averaging helped.
        acc, recall = validate(net, mirror=not args.no_mirror)
        before_swa = {"valid_accuracy": acc, "valid_mean_recall": recall}
        print(f"before SWA, as exported: valid acc {acc:.4f}  mean recall {recall:.4f}", flush=True)
        swa = AveragedModel(net)
        swa_opt = torch.optim.SGD(
            net.parameters(), lr=args.swa_lr, momentum=0.9, nesterov=True, weight_decay=args.weight_decay
        )
        for epoch in range(1, args.swa_epochs + 1):
            start = time.time()
            loss = _train_epoch(net, x_train, y_train, weights, swa_opt, gen, args.batch_size, lambda: None, augmented)
            swa.update_parameters(net)
            secs = time.time() - start
            acc, recall = validate(net)
            history.append(
                {"swa_epoch": epoch, "loss": loss, "valid_accuracy": acc, "valid_mean_recall": recall, "seconds": secs}
            )
            print(
                f"SWA epoch {epoch:3d}/{args.swa_epochs}  loss {loss:.4f}  "
                f"valid acc {acc:.4f}  mean recall {recall:.4f}  {secs:.0f} s",
                flush=True,
            )
        order = torch.randperm(len(x_train), generator=gen)
        update_bn((augmented(x_train[idx]) for idx in _batches(order, 512)), swa)
        final_net = swa.module
        acc, recall = validate(final_net)
        print(f"SWA average of {args.swa_epochs} epochs: valid acc {acc:.4f}  mean recall {recall:.4f}", flush=True)
    train_seconds = time.time() - train_start

    record = {
        "training": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "weights": _weights_description(args),
        "training_seconds": round(train_seconds, 1),
        "training_faces": int(len(keep)),
        "torch_threads": torch.get_num_threads(),
        "history": history,
    }
    if args.swa_epochs:
        record["before_swa"] = before_swa
    if args.init is not None:
        record["started_from"] = started_from
    if args.teacher is not None:
        record["teacher"] = _teacher_record(args.teacher)
    if args.checkpoint is not None:
        args.checkpoint.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"state_dict": final_net.state_dict(), "record": record}, args.checkpoint)
    mirror = not args.no_mirror
    temperature = 1.0
    if not args.no_calibration:
        calibration = calibrate(_view_logits(final_net, valid_images, mirror), valid_labels)
        record["calibration"] = calibration
        temperature = float(calibration["temperature"])  # type: ignore[arg-type]
        print(
            f"temperature {temperature:.3f}: expected calibration error "
            f"{calibration['ece_before']:.4f} -> {calibration['ece_after']:.4f} "
            f"(cross-fitted {calibration['ece_cross_fitted']:.4f})",
            flush=True,
        )
    exported = ProbabilityModel(final_net, mirror=mirror, temperature=temperature).eval()
    args.out.mkdir(parents=True, exist_ok=True)
    onnx_path = args.out / "emotion.onnx"
    export_onnx(exported, onnx_path)
    final = evaluate(onnx_probabilities(onnx_path, valid_images), valid_labels)
    record["robustness"] = {
        name: evaluate(onnx_probabilities(onnx_path, images), valid_labels).accuracy
        for name, images in degraded_valid.items()
    }
    print("ONNX model on FER2013Valid (majority vote):")
    print(f"  accuracy {final.accuracy:.4f}  mean recall {final.mean_recall:.4f}")
    print("  recall " + "  ".join(f"{k} {v:.3f}" for k, v in final.recall.items()))
    print(final.table(), flush=True)

    metrics: dict[str, object] = {
        "architecture": f"EmotionNet(width={args.width}), mirror averaging={mirror}",
        "parameters": parameter_count(net),
        **record,
        "valid": final.as_dict(),
    }
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(f"wrote {onnx_path} and {write_card(args.out)}")
    return metrics


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``moodmirror-train``."""
    args = _parse(argv)
    try:
        import torch  # noqa: F401
    except ImportError:
        print("moodmirror-train needs torch: pip install -e '.[train]'", file=sys.stderr)
        return 2
    if args.teacher is not None and not args.teacher.is_file():
        print(f"no teacher model at {args.teacher}", file=sys.stderr)
        return 2
    if not (args.data / "FER2013Train").is_dir():
        print(f"no FER+ data at {args.data} (expected FER2013Train/ and FER2013Valid/)", file=sys.stderr)
        return 2
    train(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
