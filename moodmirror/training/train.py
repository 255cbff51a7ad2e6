"""``moodmirror-train``: train the emotion CNN on FER+ and export it to ONNX.

Example::

    moodmirror-train --data ../shared/data/ferplus --out models/

Soft targets from the crowd votes, seeded augmentation, SGD with a one-cycle schedule,
validation on FER2013Valid after every epoch (majority-vote protocol), then export of the
final weights to ``emotion.onnx`` with ``metrics.json`` and ``MODEL_CARD.md`` beside it.
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
    p.add_argument("--class-balance", type=float, default=0.3,
                   help="exponent of inverse class-frequency loss weights (0: none)")
    p.add_argument("--no-mirror", action="store_true",
                   help="export without averaging over the mirrored face")
    p.add_argument("--seed", type=int, default=20261130)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N images per split")
    return p.parse_args(argv)


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


def train(args: argparse.Namespace) -> dict[str, object]:
    """Train, evaluate and export; returns the metrics written to ``metrics.json``."""
    import torch

    from moodmirror.training.augment import augment
    from moodmirror.training.card import write_card
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
    targets, keep = train_split.soft_targets()
    x_train = torch.from_numpy(train_split.images[keep]).float().div_(255.0).unsqueeze(1)
    y_train = torch.from_numpy(targets)
    valid_labels, valid_keep = valid_split.majority_labels()
    valid_images = valid_split.images[valid_keep]
    print(f"data: {len(keep)} training faces, {len(valid_keep)} validation faces "
          f"(majority vote), loaded in {time.time() - t0:.1f} s", flush=True)

    net = EmotionNet(num_classes=len(EMOTIONS), width=args.width)
    weights = torch.from_numpy(_class_weights(targets, args.class_balance))
    steps = (len(keep) + args.batch_size - 1) // args.batch_size
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, nesterov=True,
                          weight_decay=args.weight_decay)
    total_steps = args.epochs * steps
    if total_steps < 4:
        raise SystemExit("too few training steps: use more images, more epochs or a smaller batch")
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=total_steps,
                                                pct_start=max(0.2, 2.0 / total_steps))
    history = []
    train_start = time.time()
    for epoch in range(1, args.epochs + 1):
        net.train()
        start = time.time()
        order = torch.randperm(len(keep), generator=gen)
        total = 0.0
        for i in range(steps):
            idx = order[i * args.batch_size : (i + 1) * args.batch_size]
            x = augment(x_train[idx], gen)
            y = y_train[idx]
            logp = torch.log_softmax(net(x), dim=1)
            loss = -(y * weights * logp).sum(dim=1).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        ev = evaluate(_predict(ProbabilityModel(net, mirror=False), valid_images), valid_labels)
        secs = time.time() - start
        history.append({"epoch": epoch, "loss": total / len(keep), "valid_accuracy": ev.accuracy,
                        "valid_mean_recall": ev.mean_recall, "seconds": secs})
        print(f"epoch {epoch:3d}/{args.epochs}  loss {total / len(keep):.4f}  "
              f"valid acc {ev.accuracy:.4f}  mean recall {ev.mean_recall:.4f}  {secs:.0f} s",
              flush=True)
    train_seconds = time.time() - train_start

    mirror = not args.no_mirror
    exported = ProbabilityModel(net, mirror=mirror).eval()
    args.out.mkdir(parents=True, exist_ok=True)
    onnx_path = args.out / "emotion.onnx"
    export_onnx(exported, onnx_path)
    final = evaluate(onnx_probabilities(onnx_path, valid_images), valid_labels)
    print("ONNX model on FER2013Valid (majority vote):")
    print(f"  accuracy {final.accuracy:.4f}  mean recall {final.mean_recall:.4f}")
    print("  recall " + "  ".join(f"{k} {v:.3f}" for k, v in final.recall.items()))
    print(final.table(), flush=True)

    metrics: dict[str, object] = {
        "architecture": f"EmotionNet(width={args.width}), mirror averaging={mirror}",
        "parameters": parameter_count(net),
        "training": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "training_faces": int(len(keep)),
        "training_seconds": round(train_seconds, 1),
        "torch_threads": torch.get_num_threads(),
        "history": history,
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
    if not (args.data / "FER2013Train").is_dir():
        print(f"no FER+ data at {args.data} (expected FER2013Train/ and FER2013Valid/)",
              file=sys.stderr)
        return 2
    train(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
