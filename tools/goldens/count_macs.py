#!/usr/bin/python3
"""Count the multiply-accumulates (MACs) of every model in make_goldens.MODELS.

The count is independent of archdesc: a TorchDispatchMode sees every aten op
as PyTorch executes one eval-mode forward pass of a batch of one, and every
multiply-accumulate of a convolution or a matrix product counts once:

  aten.convolution     output elements x (in_channels / groups) x kernel area
  aten.mm, addmm       M x N x K
  aten.bmm, baddbmm    B x M x N x K
  matmul, linear, mv,  by their operand shapes, should they reach the dispatch
  addmv, dot, einsum   level undecomposed (in torch 1.13 they do not)

Everything else (normalisation, activations, pooling, adds, softmax,
indexing) counts 0. Uncounted ops whose names suggest hidden MACs (conv, mm,
matmul, linear, einsum, attention...) are reported on stderr.

A detection model counts its static part only (make_goldens.detection_calls:
the backbone and the dense heads on the batch its transform makes of one SxS
image); proposals, NMS and the ROI heads depend on the data. An optical flow
model (RAFT) runs on two SxS frames with its default 12 flow updates: the
correlation volume is one batched matrix product (aten.bmm), H/8 x W/8 squared
times the feature channels; the pyramid's pooling, grid_sample and the flow's
upsampling count 0, as in torchvision's counter.

Input: a batch of one zero input. For a torchvision classifier, 1x3xSxS, S being
the crop size of its first IMAGENET1K weights in torchvision 0.14 (a warning
says where that differs from make_goldens.py's size), unless the model only
takes the image_size it was built with (vit_h_14: 224, not the 518 of its SWAG
weights); for the other models, the input make_goldens.py lists (520 for
segmentation, 16-frame clips for video).

Models holding an nn.MultiheadAttention (the ViTs) run with autograd enabled,
as torchvision's own counter did: under no_grad, eval mode takes the fused
aten._native_multi_head_attention fast path, whose matrix products never
reach the dispatcher.

Writes OUT (default tests/data/goldens/macs.tsv, atomically):
  name<TAB>input<TAB>macs<TAB>published_gmacs
with input as 3xSxS (or the listed shape) and published_gmacs torchvision's
published GFLOPS for that weights entry (empty for variants), then lists every model whose
macs / 1e9 differs from it.

Usage (torch 1.13 / torchvision 0.14 must be importable):

  /usr/bin/python3 tools/goldens/count_macs.py [OUT] [--only NAME[,NAME...]] [--list]

With --only, OUT keeps the other models' existing lines.
"""

import argparse
import gc
import sys
import time
from collections import Counter
from pathlib import Path

import torch
import torchvision.models as tvm
from torch.utils._python_dispatch import TorchDispatchMode

from make_goldens import (DEFAULT_BUILDERS, DEFAULT_OUTDIR, MODELS, input_shape, model_calls, read_index,
                          selected_models, write_atomic)

DEFAULT_OUT = DEFAULT_OUTDIR / "macs.tsv"
HEADER = "name\tinput\tmacs\tpublished_gmacs\n"

# torchvision's published GFLOPS (in fact MACs) of each builder's first
# IMAGENET1K weights: the "_ops" meta entries that pytorch/vision added after
# 0.14 (PR #6936; torchvision/models/*.py, shown in the docs' GFLOPS column),
# computed by its test/common_extended_utils.py at the weights' crop size.
PUBLISHED_GMACS = {
    "alexnet": 0.714,
    "vgg11": 7.609, "vgg11_bn": 7.609, "vgg13": 11.308, "vgg13_bn": 11.308,
    "vgg16": 15.47, "vgg16_bn": 15.47, "vgg19": 19.632, "vgg19_bn": 19.632,
    "resnet18": 1.814, "resnet34": 3.664, "resnet50": 4.089,
    "resnet101": 7.801, "resnet152": 11.514,
    "resnext50_32x4d": 4.23, "resnext101_32x8d": 16.414,
    "resnext101_64x4d": 15.46,
    "wide_resnet50_2": 11.398, "wide_resnet101_2": 22.753,
    "densenet121": 2.834, "densenet161": 7.728,
    "densenet169": 3.36, "densenet201": 4.291,
    "squeezenet1_0": 0.819, "squeezenet1_1": 0.349,
    "googlenet": 1.498, "inception_v3": 5.713,
    "mobilenet_v2": 0.301, "mobilenet_v3_large": 0.217,
    "mobilenet_v3_small": 0.057,
    "mnasnet0_5": 0.104, "mnasnet0_75": 0.215,
    "mnasnet1_0": 0.314, "mnasnet1_3": 0.526,
    "shufflenet_v2_x0_5": 0.04, "shufflenet_v2_x1_0": 0.145,
    "shufflenet_v2_x1_5": 0.296, "shufflenet_v2_x2_0": 0.583,
    "efficientnet_b0": 0.386, "efficientnet_b1": 0.687,
    "efficientnet_b2": 1.088, "efficientnet_b3": 1.827,
    "efficientnet_b4": 4.394, "efficientnet_b5": 10.266,
    "efficientnet_b6": 19.068, "efficientnet_b7": 37.746,
    "efficientnet_v2_s": 8.366, "efficientnet_v2_m": 24.582,
    "efficientnet_v2_l": 56.08,
    "regnet_x_400mf": 0.414, "regnet_x_800mf": 0.8, "regnet_x_1_6gf": 1.603,
    "regnet_x_3_2gf": 3.177, "regnet_x_8gf": 7.995, "regnet_x_16gf": 15.941,
    "regnet_x_32gf": 31.736,
    "regnet_y_400mf": 0.402, "regnet_y_800mf": 0.834, "regnet_y_1_6gf": 1.612,
    "regnet_y_3_2gf": 3.176, "regnet_y_8gf": 8.473, "regnet_y_16gf": 15.912,
    "regnet_y_32gf": 32.28,
    "regnet_y_128gf": 374.57,  # IMAGENET1K_SWAG_E2E_V1, at 384
    "convnext_tiny": 4.456, "convnext_small": 8.684,
    "convnext_base": 15.355, "convnext_large": 34.361,
    "vit_b_16": 17.564, "vit_b_32": 4.409, "vit_l_16": 61.555,
    "vit_l_32": 15.378,
    "vit_h_14": 1016.717,  # IMAGENET1K_SWAG_E2E_V1, at 518 (counted here at 224)
    "swin_t": 4.491, "swin_s": 8.741, "swin_b": 15.431,
    "swin_v2_t": 5.94, "swin_v2_s": 11.546, "swin_v2_b": 20.325,
    "maxvit_t": 5.558,
    # Detection (COCO_V1 weights), where the published count is of the same static part: the
    # one-stage detectors, and the MobileNetV3 Faster R-CNNs, whose published count saw no
    # proposal pass rpn_score_thresh. The ResNet-50 R-CNNs' published counts add the ROI heads
    # on 1000 proposals (fasterrcnn_resnet50_fpn 134.38, maskrcnn_resnet50_fpn 134.38,
    # fasterrcnn_resnet50_fpn_v2 280.371, maskrcnn_resnet50_fpn_v2 333.577,
    # keypointrcnn_resnet50_fpn 137.42): not comparable (tests/.../macs_test.cpp).
    "fasterrcnn_mobilenet_v3_large_fpn": 4.494, "fasterrcnn_mobilenet_v3_large_320_fpn": 0.719,
    "fcos_resnet50_fpn": 128.207,
    "retinanet_resnet50_fpn": 151.54, "retinanet_resnet50_fpn_v2": 152.238,
    "ssd300_vgg16": 34.858, "ssdlite320_mobilenet_v3_large": 0.583,
    # segmentation: COCO_WITH_VOC_LABELS_V1, at 520, in the layout those
    # weights load into (the auxiliary classifier runs in eval mode too)
    "deeplabv3_resnet50_aux": 178.722, "deeplabv3_resnet101_aux": 258.743,
    "deeplabv3_mobilenet_v3_large_aux": 10.452,
    "fcn_resnet50_aux": 152.717, "fcn_resnet101_aux": 232.738,
    "lraspp_mobilenet_v3_large": 2.086,
    # video: KINETICS400_V1, on 16 frames at the weights' crop size
    "r3d_18": 40.697, "mc3_18": 43.343, "r2plus1d_18": 40.519, "s3d": 17.979,
    "mvit_v1_b": 70.599, "mvit_v2_s": 64.224,
    # Optical flow (every Raft_Large_Weights and Raft_Small_Weights entry): two 512x512 frames,
    # 12 flow updates (test/common_extended_utils.py's get_ops).
    "raft_large": 211.007, "raft_small": 47.655,
}

# ------------------------------------------------------------- the counting

aten = torch.ops.aten


def prod(values):
    result = 1
    for v in values:
        result *= v
    return result


def conv_macs(x, weight, out, transposed):
    """Output elements x (in_channels / groups) x kernel area; for a
    transposed convolution, input elements x (out_channels / groups) x area."""
    if transposed:  # weight is (in, out / groups, *kernel)
        return x.numel() * prod(weight.shape[1:])
    return out.numel() * prod(weight.shape[1:])  # weight: (out, in / groups, *kernel)


def product_macs(a, out):
    """A (batched) matrix product: each output element is a K-long dot product,
    so M x N x K (times B); a is the left operand, whose last dimension is K."""
    return out.numel() * a.shape[-1]


def einsum_macs(equation, operands):
    """A two-operand einsum: the product of the sizes of all its indices."""
    inputs = equation.replace(" ", "").split("->")[0].split(",")
    if len(inputs) != 2:
        raise NotImplementedError(f"einsum with {len(inputs)} operands: {equation}")
    sizes = {}
    for letters, operand in zip(inputs, operands):
        if "..." in letters:
            raise NotImplementedError(f"einsum with an ellipsis: {equation}")
        sizes.update(zip(letters, operand.shape))
    return prod(sizes.values())


# op overload packet -> MACs of one call, from its args and (first) output
COUNTERS = {
    aten.convolution: lambda args, out: conv_macs(args[0], args[1], out, args[6]),
    aten._convolution: lambda args, out: conv_macs(args[0], args[1], out, args[6]),
    aten.mm: lambda args, out: product_macs(args[0], out),
    aten.addmm: lambda args, out: product_macs(args[1], out),
    aten.bmm: lambda args, out: product_macs(args[0], out),
    aten.baddbmm: lambda args, out: product_macs(args[1], out),
    aten.matmul: lambda args, out: product_macs(args[0], out),
    aten.linear: lambda args, out: product_macs(args[0], out),
    aten.mv: lambda args, out: product_macs(args[0], out),
    aten.addmv: lambda args, out: product_macs(args[1], out),
    aten.dot: lambda args, out: product_macs(args[0], out),
    aten.einsum: lambda args, out: einsum_macs(args[0], args[1]),
}

# Substrings of an uncounted op's name that hint at MACs it would hide.
SUSPECT = ("conv", "mm", "matmul", "linear", "einsum", "mv", "dot",
           "attention", "transformer")


class MacCounter(TorchDispatchMode):
    """Adds up COUNTERS over every aten op run under it."""

    def __init__(self):
        super().__init__()
        self.macs = 0
        self.calls = Counter()    # counted op name -> calls
        self.suspects = set()     # uncounted op names matching SUSPECT

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        counter = COUNTERS.get(func.overloadpacket)
        if counter is not None:
            first = out[0] if isinstance(out, (tuple, list)) else out
            self.macs += counter(args, first)
            self.calls[str(func)] += 1
        elif any(s in func.__name__ for s in SUSPECT):
            self.suspects.add(str(func))
        return out


def has_multihead_attention(model):
    return any(isinstance(m, torch.nn.MultiheadAttention) for m in model.modules())


def count_macs(model, size):
    """MACs of one forward pass of a batch of one input (make_goldens.input_shape),
    and the MacCounter."""
    model.eval()
    counter = MacCounter()
    run = model_calls(model, size)
    # See the module docstring: autograd keeps MultiheadAttention off its fused path.
    with torch.set_grad_enabled(has_multihead_attention(model)), counter:
        run()
    return counter.macs, counter


# ------------------------------------------------------------------ inputs

def first_imagenet_weights(name):
    """The first IMAGENET1K entry of a builder's weights enum, in enum order."""
    return next(w for w in tvm.get_model_weights(name) if w.name.startswith("IMAGENET1K"))


def input_size(name, listed_size, model):
    """The crop size of the first ImageNet weights for a torchvision builder
    (unless the model, like a ViT, only takes the size it was built for),
    else make_goldens.py's size for the variant."""
    if name not in DEFAULT_BUILDERS:
        return listed_size
    weights = first_imagenet_weights(name)
    crop = weights.transforms.keywords["crop_size"]
    fixed = getattr(model, "image_size", crop)
    if fixed != crop:
        print(f"warning: {name}: {weights} crops {crop}, but built with defaults it "
              f"takes only {fixed}", file=sys.stderr)
        crop = fixed
    if crop != listed_size:
        print(f"warning: {name}: {weights} crops {crop}, make_goldens.py uses {listed_size}",
              file=sys.stderr)
    return crop


# ------------------------------------------------------------------ output

def input_text(size):
    return "x".join(str(d) for d in input_shape(size))


def tsv_line(name, size, macs):
    published = PUBLISHED_GMACS.get(name, "")
    return f"{name}\t{input_text(size)}\t{macs}\t{published}\n"


def update_tsv(path, lines):
    """Merge {name: line} into the TSV at path, in MODELS order."""
    merged = {k: v for k, v in read_index(path).items() if k != "name"}
    merged.update(lines)
    write_atomic(path, HEADER + "".join(merged[name] for name, _, _ in MODELS
                                        if name in merged))


def mismatches(path):
    """Lines of the TSV whose macs/1e9 differ from published_gmacs at 3 decimals."""
    rows = []
    for name, line in read_index(path).items():
        _, _, macs, published = line.rstrip("\n").split("\t")
        if name == "name" or not published:
            continue
        counted = int(macs) / 1e9
        if round(counted, 3) != float(published):
            rows.append((name, counted, float(published)))
    return rows


def report_mismatches(path):
    rows = mismatches(path)
    print(f"{len(rows)} model(s) differ from torchvision's published GMACs:")
    for name, counted, published in rows:
        same2 = "equal at 2 decimals" if round(counted, 2) == round(published, 2) else ""
        print(f"  {name}: counted {counted:.3f}, published {published} "
              f"({counted - published:+.3f}) {same2}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT,
                        help=f"output TSV (default: {DEFAULT_OUT})")
    parser.add_argument("--only", help="comma-separated model names to count")
    parser.add_argument("--list", action="store_true", help="print the model names")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        print("\n".join(name for name, _, _ in MODELS))
        return
    torch.set_num_threads(1)
    lines, calls, suspects = {}, Counter(), set()
    start_all = time.monotonic()
    try:
        for name, build, listed_size in selected_models(args.only):
            start = time.monotonic()
            model = build()
            size = input_size(name, listed_size, model)
            macs, counter = count_macs(model, size)
            del model
            lines[name] = tsv_line(name, size, macs)
            calls.update(counter.calls)
            suspects |= counter.suspects
            gc.collect()
            print(f"{name}: {macs} MACs at {input_text(size)} "
                  f"({time.monotonic() - start:.1f}s)", flush=True)
    finally:
        if lines:
            update_tsv(args.out, lines)
    print(f"total {time.monotonic() - start_all:.1f}s; counted ops: "
          + ", ".join(f"{op} x{n}" for op, n in sorted(calls.items())))
    if suspects:
        print("warning: uncounted ops that may hide MACs: " + ", ".join(sorted(suspects)),
              file=sys.stderr)
    report_mismatches(args.out)


if __name__ == "__main__":
    main()
