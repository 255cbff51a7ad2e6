"""Export an ensemble of trained nets as one ONNX model that averages their probabilities.

Example (the members are checkpoints written by ``moodmirror-train --checkpoint``)::

    python -m moodmirror.training.ensemble --data ../shared/data/ferplus --out models/ \\
        --member member1.pt --member member2.pt --float16-weights

Two independently trained nets, each seeing the face once, cost the same as one net that also
sees the mirrored face, and usually agree with the crowd more often. ``--float16-weights``
stores the weights at half size (the arithmetic stays float32) so two members fit the model
size budget. Each member is scored alone, then the exported file is scored and its card written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from moodmirror.emotions import EMOTIONS


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m moodmirror.training.ensemble",
                                description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="FER+ root (FER2013Valid is used)")
    p.add_argument("--out", type=Path, required=True, help="folder for emotion.onnx and its card")
    p.add_argument("--member", type=Path, action="append", required=True,
                   help="a checkpoint written by moodmirror-train --checkpoint (repeat)")
    p.add_argument("--mirror", action="store_true",
                   help="also average every member over the mirrored face (twice the cost)")
    p.add_argument("--float16-weights", action="store_true",
                   help="store the weights as float16 (half the file size, float32 arithmetic)")
    return p.parse_args(argv)


def command_line(args: dict[str, object]) -> str:
    """The command that exports this ensemble from its member checkpoints."""
    words = ["python -m moodmirror.training.ensemble", "--data", "../shared/data/ferplus",
             "--out", "models/"]
    for member in args["member"]:  # type: ignore[attr-defined]
        words += ["--member", Path(str(member)).name]
    words += [flag for flag, key in (("--mirror", "mirror"), ("--float16-weights", "float16_weights"))
              if args[key]]
    return " ".join(words)


def export_ensemble(args: argparse.Namespace) -> dict[str, object]:
    """Score the members, export their ensemble, score it and write ``metrics.json`` and the card."""
    import torch

    from moodmirror.training.card import write_card
    from moodmirror.training.evaluate import evaluate
    from moodmirror.training.export import export_onnx, onnx_probabilities, store_weights_as_float16
    from moodmirror.training.ferplus import load_split
    from moodmirror.training.network import EmotionNet, ProbabilityModel, parameter_count

    valid = load_split(args.data / "FER2013Valid")
    labels, keep = valid.majority_labels()
    images = valid.images[keep]
    x = torch.from_numpy(images).float().div_(255.0).unsqueeze(1)

    nets, members = [], []
    for path in args.member:
        saved = torch.load(path, weights_only=True)
        net = EmotionNet(num_classes=len(EMOTIONS), width=int(saved["record"]["training"]["width"]))
        net.load_state_dict(saved["state_dict"])
        net.eval()
        with torch.no_grad():
            alone = evaluate(ProbabilityModel([net], mirror=False)(x).numpy(), labels)
        print(f"member {path.name}: valid acc {alone.accuracy:.4f}  mean recall {alone.mean_recall:.4f}",
              flush=True)
        nets.append(net)
        members.append({**saved["record"], "checkpoint": path.name, "valid_alone": alone.as_dict()})

    args.out.mkdir(parents=True, exist_ok=True)
    onnx_path = args.out / "emotion.onnx"
    export_onnx(ProbabilityModel(nets, mirror=args.mirror).eval(), onnx_path)
    if args.float16_weights:
        store_weights_as_float16(onnx_path)
    final = evaluate(onnx_probabilities(onnx_path, images), labels)
    print(f"ensemble of {len(nets)} on FER2013Valid (majority vote): accuracy {final.accuracy:.4f}  "
          f"mean recall {final.mean_recall:.4f}")
    print("  recall " + "  ".join(f"{k} {v:.3f}" for k, v in final.recall.items()))
    print(final.table(), flush=True)

    metrics: dict[str, object] = {
        "architecture": f"mean of {len(nets)} EmotionNet(width={nets[0].features[0].out_channels}), "
                        f"mirror averaging={args.mirror}",
        "parameters": sum(parameter_count(net) for net in nets),
        "weight_storage": "float16" if args.float16_weights else "float32",
        "ensemble": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                     if k not in ("member",)} | {"member": [p.name for p in args.member]},
        "members": members,
        "valid": final.as_dict(),
    }
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(f"wrote {onnx_path} and {write_card(args.out)}")
    return metrics


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m moodmirror.training.ensemble``."""
    args = _parse(argv)
    try:
        import torch  # noqa: F401
    except ImportError:
        print("the ensemble export needs torch: pip install -e '.[train]'", file=sys.stderr)
        return 2
    missing = [str(p) for p in args.member if not p.is_file()]
    if missing:
        print(f"no checkpoint at {', '.join(missing)}", file=sys.stderr)
        return 2
    if not (args.data / "FER2013Valid").is_dir():
        print(f"no FER+ data at {args.data} (expected FER2013Valid/)", file=sys.stderr)
        return 2
    export_ensemble(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
