#!/usr/bin/python3
"""Random valid torchvision constructor arguments, and their reports, for archdesc's differential test.

For each family below, a seeded generator draws constructor arguments that
torchvision accepts; the same arguments are written as `archdesc --set`
assignments on a built-in of that family. For every variant this writes, into
the output directory (default tests/data/goldens/random):

  variants.tsv   "ID<TAB>BUILT-IN<TAB>KNOB=VALUE<TAB>..." one variant a line;
  ID.md          torchvision's parameter report of that model, titled ID
                 (make_goldens.py's format, byte for byte).

tests/tools/random_variants_test.cpp replays every line through --set's code
and compares the report byte for byte. Models are built with weights=None.

Usage: /usr/bin/python3 tools/goldens/make_random_variants.py [OUTDIR] [--seed N] [--per-family N]
"""

import argparse
import gc
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_goldens import parameter_rows, render_report, write_atomic  # noqa: E402

from torchvision.models.convnext import CNBlockConfig, ConvNeXt  # noqa: E402
from torchvision.models.densenet import DenseNet  # noqa: E402
from torchvision.models.mnasnet import MNASNet  # noqa: E402
from torchvision.models.mobilenetv2 import MobileNetV2  # noqa: E402
from torchvision.models.regnet import BlockParams, RegNet  # noqa: E402
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet  # noqa: E402
from torchvision.models.shufflenetv2 import ShuffleNetV2  # noqa: E402
from torchvision.models.squeezenet import SqueezeNet  # noqa: E402
from torchvision.models.vgg import VGG, make_layers  # noqa: E402
from torchvision.models.video.mvit import MSBlockConfig, MViT  # noqa: E402
from torchvision.models.vision_transformer import VisionTransformer  # noqa: E402
import torch  # noqa: E402

DEFAULT_OUTDIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "goldens" / "random"


def text(value):
    """A value as --set writes it: lists in brackets, no spaces."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(text(v) for v in value) + "]"
    return str(value)


def classes(rng):
    return rng.choice([2, 10, 37, 100, 1000])


# Each generator returns (built-in, {knob: value}, zero-argument torchvision builder).
def resnet(rng):
    bottleneck = rng.random() < 0.6
    layers = [rng.randint(1, 3) for _ in range(4)]
    knobs = {"block": "bottleneck" if bottleneck else "basic", "layers": layers, "num_classes": classes(rng)}
    kwargs = {"num_classes": knobs["num_classes"]}
    if bottleneck:
        knobs["groups"] = kwargs["groups"] = rng.choice([1, 2, 4, 8, 32])
        knobs["width_per_group"] = kwargs["width_per_group"] = rng.choice([4, 8, 16, 32, 64])
        dilation = [rng.random() < 0.3 for _ in range(3)]
        knobs["replace_stride_with_dilation"] = kwargs["replace_stride_with_dilation"] = dilation
    block = Bottleneck if bottleneck else BasicBlock
    return "resnet50", knobs, lambda: ResNet(block, layers, **kwargs)


def mobilenet_v2(rng):
    rows = [[rng.choice([1, 2, 4, 6]), rng.choice(range(8, 100, 8)), rng.randint(1, 3), rng.choice([1, 2])]
            for _ in range(rng.randint(1, 5))]
    width_mult = rng.choice([0.25, 0.35, 0.5, 0.75, 1.0, 1.3, 1.4])
    round_nearest = rng.choice([4, 8])
    num_classes = classes(rng)
    knobs = {"num_classes": num_classes, "width_mult": width_mult, "inverted_residual_setting": rows,
             "round_nearest": round_nearest}
    return "mobilenet_v2", knobs, lambda: MobileNetV2(num_classes=num_classes, width_mult=width_mult,
                                                      inverted_residual_setting=rows, round_nearest=round_nearest)


def vision_transformer(rng):
    patch_size = rng.choice([8, 16, 32])
    num_heads = rng.choice([1, 2, 4])
    knobs = {"image_size": patch_size * rng.randint(1, 4), "patch_size": patch_size,
             "num_layers": rng.randint(1, 3), "num_heads": num_heads, "hidden_dim": num_heads * rng.choice([8, 16]),
             "mlp_dim": rng.choice([16, 32, 64]), "num_classes": classes(rng),
             "representation_size": rng.choice([0, 0, 16, 48])}
    kwargs = dict(knobs, representation_size=knobs["representation_size"] or None)
    return "vit_b_16", knobs, lambda: VisionTransformer(**kwargs)


def densenet(rng):
    knobs = {"growth_rate": rng.choice([8, 12, 16, 32]), "block_config": [rng.randint(1, 4) for _ in range(rng.randint(1, 4))],
             "num_init_features": rng.choice([16, 24, 32, 64]), "bn_size": rng.choice([1, 2, 4]),
             "num_classes": classes(rng)}
    kwargs = dict(knobs, block_config=tuple(knobs["block_config"]))
    return "densenet121", knobs, lambda: DenseNet(**kwargs)


def convnext(rng):
    stages = rng.randint(1, 4)
    channels = sorted(rng.sample(range(8, 200, 8), stages + 1))
    # torchvision divides by the number of blocks less one: at least two.
    rows = [[channels[i], channels[i + 1] if i + 1 < stages else 0, rng.randint(2 if stages == 1 else 1, 3)]
            for i in range(stages)]
    num_classes = classes(rng)
    configs = [CNBlockConfig(i, o or None, n) for i, o, n in rows]
    return "convnext_tiny", {"block_setting": rows, "num_classes": num_classes}, \
        lambda: ConvNeXt(configs, num_classes=num_classes)


def squeezenet(rng):
    version = rng.choice(["1_0", "1_1"])
    num_classes = classes(rng)
    return "squeezenet1_0", {"version": "v" + version, "num_classes": num_classes}, \
        lambda: SqueezeNet(version, num_classes=num_classes)


def shufflenet_v2(rng):
    repeats = [rng.randint(1, 3) for _ in range(3)]
    channels = [rng.choice([8, 16, 24])] + [rng.choice(range(16, 260, 8)) for _ in range(3)] + [rng.choice([64, 256, 1024])]
    num_classes = classes(rng)
    return "shufflenet_v2_x1_0", {"stages_repeats": repeats, "stages_out_channels": channels, "num_classes": num_classes}, \
        lambda: ShuffleNetV2(repeats, channels, num_classes=num_classes)


def mnasnet(rng):
    alpha = rng.choice([0.25, 0.35, 0.5, 0.6, 0.75, 0.8, 1.1, 1.3, 1.4, 2.0])
    num_classes = classes(rng)
    return "mnasnet1_0", {"alpha": alpha, "num_classes": num_classes}, lambda: MNASNet(alpha, num_classes=num_classes)


def regnet(rng):
    params = {"depth": rng.randint(2, 14), "w_0": rng.choice(range(16, 72, 8)), "w_a": round(rng.uniform(8, 40), 1),
              "w_m": round(rng.uniform(2.0, 3.0), 2), "group_width": rng.choice([8, 16, 24]),
              "bottleneck_multiplier": rng.choice([1.0, 1.0, 0.5]), "se_ratio": rng.choice([0.0, 0.25])}
    num_classes, stem_width = classes(rng), rng.choice([16, 32])
    knobs = {f"block_params.{k}": v for k, v in params.items()}
    knobs.update({"num_classes": num_classes, "stem_width": stem_width})
    block_params = BlockParams.from_init_params(**dict(params, se_ratio=params["se_ratio"] or None))
    return "regnet_y_400mf", knobs, lambda: RegNet(block_params, num_classes=num_classes, stem_width=stem_width)


def vgg(rng):
    cfg = []
    for _ in range(rng.randint(1, 4)):
        cfg += [rng.choice([16, 32, 64, 128])] * rng.randint(1, 2) + ["M"]
    cfg += [512]
    batch_norm = rng.random() < 0.5
    num_classes = classes(rng)
    knobs = {"cfg": [-1 if v == "M" else v for v in cfg], "batch_norm": batch_norm, "num_classes": num_classes}
    return "vgg11", knobs, lambda: VGG(make_layers(cfg, batch_norm=batch_norm), num_classes=num_classes)


def mvit(rng):
    # A patch embedding of odd kernels padded by half (the clip's sizes, multiples of its stride,
    # give the positions' sizes), then 2 or 3 rows (torchvision divides by the number of blocks less
    # one) whose channels chain; q pooled or not (v1's rows without), k and v by a 3x3x3 kernel.
    stride = [rng.choice([1, 2]), rng.choice([2, 4]), rng.choice([2, 4])]
    kernel = [2 * (s // 2) + 1 for s in stride]
    temporal_size = stride[0] * rng.randint(1, 3)
    spatial_size = [stride[1] * rng.randint(2, 4), stride[2] * rng.randint(2, 4)]
    heads = rng.choice([1, 2])
    channels = [heads * rng.choice([4, 8, 12]) for _ in range(rng.randint(2, 3) + 1)]
    rows = []
    for i in range(len(channels) - 1):
        pool_q = rng.random() < 0.6
        rows.append([heads, channels[i], channels[i + 1],
                     [rng.choice([1, 3]), 3, 3] if pool_q else [], [3, 3, 3],
                     [1, rng.choice([1, 2]), rng.choice([1, 2])] if pool_q else [], [1, rng.choice([1, 2]), 2]])
    flags = {name: rng.random() < 0.5
             for name in ["residual_pool", "residual_with_cls_embed", "rel_pos_embed", "proj_after_attn"]}
    knobs = {"spatial_size": spatial_size, "temporal_size": temporal_size, "block_setting": rows, **flags,
             "attention_dropout": rng.choice([0.0, 0.1]), "num_classes": classes(rng),
             "patch_embed_kernel": kernel, "patch_embed_stride": stride,
             "patch_embed_padding": [k // 2 for k in kernel]}
    kwargs = dict(knobs, spatial_size=tuple(spatial_size), block_setting=[MSBlockConfig(*row) for row in rows],
                  patch_embed_kernel=tuple(kernel), patch_embed_stride=tuple(stride),
                  patch_embed_padding=tuple(k // 2 for k in kernel))

    def build():
        model = MViT(**kwargs)
        with torch.no_grad():  # the clip passes through torchvision's forward too
            model.eval()(torch.zeros(1, 3, temporal_size, *spatial_size))
        return model
    return "mvit_v2_s", knobs, build


# (generator, variants): MViT's traces are large, so it has fewer.
FAMILIES = [(family, None) for family in [resnet, mobilenet_v2, vision_transformer, densenet, convnext, squeezenet,
                                          shufflenet_v2, mnasnet, regnet, vgg]] + [(mvit, 4)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=DEFAULT_OUTDIR)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--per-family", type=int, default=21)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    lines = []
    for family, count in FAMILIES:
        count = count or args.per_family
        for index in range(count):
            name = f"{family.__name__}_random_{index:02d}"
            base, knobs, build = family(rng)
            rows = parameter_rows(build().eval())
            write_atomic(args.outdir / f"{name}.md", render_report(name, rows))
            lines.append("\t".join([name, base] + [f"{k}={text(v)}" for k, v in knobs.items()]))
            gc.collect()
        print(f"{family.__name__}: {count} variants", flush=True)
    write_atomic(args.outdir / "variants.tsv", "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
