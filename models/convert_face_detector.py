"""Converts MediaPipe's BlazeFace short-range ``.tflite`` face detector to ``face_detector.onnx``, once.

This is a build-time tool, not part of the app: it runs in a throwaway virtual environment
with the ``tflite`` flatbuffer parser and ``onnx`` (and, to check the result, ``ai-edge-litert``,
``onnxruntime`` and ``scikit-image``); none of them is a MoodMirror dependency. ``FACE_DETECTOR_CARD.md`` gives
the exact commands. The graph is rebuilt op by op (BlazeFace uses only CONV_2D,
DEPTHWISE_CONV_2D, ADD, RELU, PAD, MAX_POOL_2D, RESHAPE, CONCATENATION and DEQUANTIZE of its
float16 weights), with four-dimensional tensors kept in ONNX's NCHW layout. The ONNX model
keeps the tflite interface: ``input`` float32 (1, 128, 128, 3), RGB scaled to [-1, 1];
``regressors`` (1, 896, 16) and ``classificators`` (1, 896, 1), the raw box/keypoint offsets
and score logits per anchor. With ``--check`` the ONNX output is compared with the tflite
interpreter's on random and photo inputs and the largest differences are printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

NCHW_TO_NHWC = [0, 2, 3, 1]


class Converter:
    """Walks the tflite subgraph and emits the matching ONNX nodes."""

    def __init__(self, model_bytes: bytes) -> None:
        import tflite

        self.tfl = tflite
        self.model = tflite.Model.GetRootAsModel(model_bytes, 0)
        self.graph = self.model.Subgraphs(0)
        self.ops = {v: k for k, v in vars(tflite.BuiltinOperator).items() if not k.startswith("_")}
        self.nodes: list = []
        self.initializers: list = []
        self.constants: dict[int, np.ndarray] = {}
        self.names: dict[int, str] = {}

    def tensor_name(self, index: int) -> str:
        return self.names.setdefault(index, f"t{index}")

    def shape(self, index: int) -> list[int]:
        return [int(v) for v in self.graph.Tensors(index).ShapeAsNumpy()]

    def buffer(self, index: int) -> np.ndarray | None:
        tensor = self.graph.Tensors(index)
        data = self.model.Buffers(tensor.Buffer()).DataAsNumpy()
        if isinstance(data, int) or data.size == 0:
            return self.constants.get(index)
        dtype = {
            self.tfl.TensorType.FLOAT32: np.float32,
            self.tfl.TensorType.FLOAT16: np.float16,
            self.tfl.TensorType.INT32: np.int32,
        }[tensor.Type()]
        return np.frombuffer(data.tobytes(), dtype).reshape(self.shape(index))

    def const(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(value, name))
        return name

    def node(self, op: str, inputs: list[str], outputs: list[str], **attrs: object) -> None:
        from onnx import helper

        self.nodes.append(helper.make_node(op, inputs, outputs, **attrs))

    def activation(self, fused: int, pre: str, out: str) -> None:
        if fused == self.tfl.ActivationFunctionType.NONE:
            self.node("Identity", [pre], [out])
        elif fused == self.tfl.ActivationFunctionType.RELU:
            self.node("Relu", [pre], [out])
        else:
            raise ValueError(f"unsupported fused activation {fused}")

    def same_pads(self, in_hw: list[int], kernel: list[int], stride: list[int], padding: int) -> list[int]:
        if padding == self.tfl.Padding.VALID:
            return [0, 0, 0, 0]
        pads = []
        for size, k, s in zip(in_hw, kernel, stride):
            out = -(-size // s)
            pads.append(max((out - 1) * s + k - size, 0))
        return [pads[0] // 2, pads[1] // 2, pads[0] - pads[0] // 2, pads[1] - pads[1] // 2]

    def options(self, op, cls_name: str):
        table = op.BuiltinOptions()
        opts = getattr(self.tfl, cls_name)()
        opts.Init(table.Bytes, table.Pos)
        return opts

    def convert(self):
        from onnx import TensorProto, helper

        graph_in = int(self.graph.Inputs(0))
        nhwc_in = "input"
        self.node("Transpose", [nhwc_in], [self.tensor_name(graph_in)], perm=[0, 3, 1, 2])
        for i in range(self.graph.OperatorsLength()):
            op = self.graph.Operators(i)
            code = self.model.OperatorCodes(op.OpcodeIndex())
            name = self.ops[max(code.BuiltinCode(), code.DeprecatedBuiltinCode())]
            getattr(self, f"op_{name.lower()}")(op, list(op.InputsAsNumpy()), list(op.OutputsAsNumpy()), i)
        outputs = []
        for j in range(self.graph.OutputsLength()):
            index = int(self.graph.Outputs(j))
            out_name = self.graph.Tensors(index).Name().decode()
            self.node("Identity", [self.tensor_name(index)], [out_name])
            shape = self.shape(index)
            outputs.append(helper.make_tensor_value_info(out_name, TensorProto.FLOAT, [1, "anchors", shape[2]]))
        inputs = [helper.make_tensor_value_info(nhwc_in, TensorProto.FLOAT, [1, "height", "width", 3])]
        graph = helper.make_graph(self.nodes, "blazeface_short_range", inputs, outputs, self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="moodmirror")
        model.ir_version = 8
        return model

    def op_dequantize(self, op, ins, outs, i) -> None:
        self.constants[outs[0]] = self.buffer(ins[0]).astype(np.float32)

    def op_conv_2d(self, op, ins, outs, i) -> None:
        o = self.options(op, "Conv2DOptions")
        w = self.buffer(ins[1]).astype(np.float32).transpose(0, 3, 1, 2)  # OHWI -> OIHW
        b = self.buffer(ins[2]).astype(np.float32)
        pads = self.same_pads(self.shape(ins[0])[1:3], list(w.shape[2:]), [o.StrideH(), o.StrideW()], o.Padding())
        pre = f"conv{i}"
        self.node(
            "Conv",
            [self.tensor_name(ins[0]), self.const(f"w{i}", w), self.const(f"b{i}", b)],
            [pre],
            strides=[o.StrideH(), o.StrideW()],
            pads=pads,
            dilations=[o.DilationHFactor(), o.DilationWFactor()],
        )
        self.activation(o.FusedActivationFunction(), pre, self.tensor_name(outs[0]))

    def op_depthwise_conv_2d(self, op, ins, outs, i) -> None:
        o = self.options(op, "DepthwiseConv2DOptions")
        w = self.buffer(ins[1]).astype(np.float32)  # 1, H, W, C * multiplier
        channels = self.shape(ins[0])[3]
        w = w.transpose(3, 0, 1, 2)  # C * multiplier, 1, H, W
        b = self.buffer(ins[2]).astype(np.float32)
        pads = self.same_pads(self.shape(ins[0])[1:3], list(w.shape[2:]), [o.StrideH(), o.StrideW()], o.Padding())
        pre = f"dw{i}"
        self.node(
            "Conv",
            [self.tensor_name(ins[0]), self.const(f"w{i}", w), self.const(f"b{i}", b)],
            [pre],
            strides=[o.StrideH(), o.StrideW()],
            pads=pads,
            group=channels,
            dilations=[o.DilationHFactor(), o.DilationWFactor()],
        )
        self.activation(o.FusedActivationFunction(), pre, self.tensor_name(outs[0]))

    def op_add(self, op, ins, outs, i) -> None:
        o = self.options(op, "AddOptions")
        pre = f"add{i}"
        self.node("Add", [self.tensor_name(ins[0]), self.tensor_name(ins[1])], [pre])
        self.activation(o.FusedActivationFunction(), pre, self.tensor_name(outs[0]))

    def op_relu(self, op, ins, outs, i) -> None:
        self.node("Relu", [self.tensor_name(ins[0])], [self.tensor_name(outs[0])])

    def op_pad(self, op, ins, outs, i) -> None:
        nhwc = self.buffer(ins[1]).astype(np.int64)  # (4, 2): before/after per NHWC axis
        nchw = nhwc[[0, 3, 1, 2]]
        pads = np.concatenate([nchw[:, 0], nchw[:, 1]])
        self.node("Pad", [self.tensor_name(ins[0]), self.const(f"pads{i}", pads)], [self.tensor_name(outs[0])])

    def op_max_pool_2d(self, op, ins, outs, i) -> None:
        o = self.options(op, "Pool2DOptions")
        kernel = [o.FilterHeight(), o.FilterWidth()]
        stride = [o.StrideH(), o.StrideW()]
        pads = self.same_pads(self.shape(ins[0])[1:3], kernel, stride, o.Padding())
        pre = f"pool{i}"
        self.node("MaxPool", [self.tensor_name(ins[0])], [pre], kernel_shape=kernel, strides=stride, pads=pads)
        self.activation(o.FusedActivationFunction(), pre, self.tensor_name(outs[0]))

    def op_reshape(self, op, ins, outs, i) -> None:
        source = self.tensor_name(ins[0])
        if len(self.shape(ins[0])) == 4:  # back to tflite's NHWC order before flattening
            self.node("Transpose", [source], [f"nhwc{i}"], perm=NCHW_TO_NHWC)
            source = f"nhwc{i}"
        shape = np.array(self.shape(outs[0]), np.int64)
        if len(shape) == 3:  # (1, anchors, values): the anchor count follows the input size
            shape[1] = -1
        self.node("Reshape", [source, self.const(f"shape{i}", shape)], [self.tensor_name(outs[0])])

    def op_concatenation(self, op, ins, outs, i) -> None:
        o = self.options(op, "ConcatenationOptions")
        if any(len(self.shape(t)) == 4 for t in ins):
            raise ValueError("4-D concatenation is not needed by BlazeFace and not supported")
        pre = f"concat{i}"
        self.node("Concat", [self.tensor_name(t) for t in ins], [pre], axis=o.Axis())
        self.activation(o.FusedActivationFunction(), pre, self.tensor_name(outs[0]))


def check(tflite_path: Path, onnx_path: Path) -> None:
    """Prints the largest ONNX-vs-tflite differences on random inputs and the astronaut photo."""
    import onnxruntime as ort
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=str(tflite_path))
    interpreter.allocate_tensors()
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    from skimage.data import astronaut
    from skimage.transform import resize

    rng = np.random.default_rng(0)
    inputs = [rng.uniform(-1, 1, (1, 128, 128, 3)).astype(np.float32) for _ in range(4)]
    photo = resize(astronaut()[:300, 80:380], (128, 128), anti_aliasing=True)  # RGB in [0, 1]
    inputs.append((photo[None] * 2 - 1).astype(np.float32))
    for k, x in enumerate(inputs):
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
        interpreter.invoke()
        expected = {d["name"]: interpreter.get_tensor(d["index"]) for d in interpreter.get_output_details()}
        got = dict(zip([o.name for o in session.get_outputs()], session.run(None, {"input": x})))
        diffs = ", ".join(f"{n} max |diff| {np.abs(got[n] - expected[n]).max():.2e}" for n in sorted(got))
        print(f"input {k}: {diffs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tflite", type=Path, help="face_detection_short_range.tflite from the mediapipe wheel")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("face_detector.onnx"))
    parser.add_argument("--check", action="store_true", help="compare with the tflite interpreter")
    args = parser.parse_args()

    import onnx

    model = Converter(args.tflite.read_bytes()).convert()
    onnx.checker.check_model(model)
    args.out.write_bytes(model.SerializeToString())
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    if args.check:
        check(args.tflite, args.out)


if __name__ == "__main__":
    main()
