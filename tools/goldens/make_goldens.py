#!/usr/bin/python3
"""Generate the golden data that archdesc's tests compare against.

For every model in MODELS (all 80 torchvision 0.14 image-classification
builders, the detection, segmentation, video and optical flow builders, with
default arguments, plus a few non-default variants) this writes, into the output
directory:

  reports/NAME.md   the parameter report, byte for byte in the format of
                    REPORT_FORMAT.md (the later form, with the blank line
                    before "**Proportional of parameters by form** (%)");
  state_dicts/NAME.tsv  every state_dict() entry, parameters and persistent
                    buffers in its order: "name<TAB>shape<TAB>dtype", the shape
                    a Python tuple, the dtype as torch prints it (torch.int64);
  shapes/NAME.tsv   the data flow for a batch of one of the model's input
                    (1x3xSxS for an image size S, else the listed shape) in
                    eval mode: one line per submodule call, in the order the
                    calls start, "qualified_name<TAB>ClassName<TAB>output"
                    (a shape, or [a, None] for a pair with None), where the
                    call returns one tensor: a call returning a dict or
                    several tensors (a backbone's OrderedDict of feature maps,
                    a head's lists per level) is no line, its parts are;
  index.tsv         "NAME<TAB>tensors<TAB>parameters" for every model.

Models are built with weights=None and weights_backbone=None (nothing is
downloaded), one at a time. A detection model's data flow is only what is
static (detection_calls): its transform makes the batch from one SxS image, S
being the transform's fixed size; the hooks see the backbone and the dense
heads run on it. Proposals, NMS and the ROI heads depend on the data and are
left out. An optical flow model (RAFT) runs on two SxS frames with its default
12 flow updates (optical_flow_calls); its update block returns (hidden state,
delta flow), so its own call is no line either.

Usage (torch 1.13 / torchvision 0.14 must be importable):

  /usr/bin/python3 tools/goldens/make_goldens.py [OUTDIR] [--only NAME[,NAME...]] [--list]
      [--reports-only | --state-dicts-only]

OUTDIR defaults to tests/data/goldens under the repository root (two levels
above this script's directory, tools/goldens). With --only, index.tsv keeps
the other models' existing lines.
"""

import argparse
import functools
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

import torch
import torchvision.models as tvm
from torchvision.models.alexnet import AlexNet
from torchvision.models.efficientnet import (EfficientNet, FusedMBConvConfig, MBConvConfig,
                                           _efficientnet_conf)
from torchvision.models.densenet import DenseNet
from torchvision.models.googlenet import GoogLeNet
from torchvision.models.inception import Inception3
from torchvision.models.mnasnet import MNASNet
from torchvision.models.mobilenetv2 import MobileNetV2
from torchvision.models.mobilenetv3 import InvertedResidualConfig, MobileNetV3
from torchvision.models.convnext import CNBlockConfig, ConvNeXt
from torchvision.models.optical_flow.raft import (BottleneckBlock as RaftBottleneckBlock,
                                                 ResidualBlock as RaftResidualBlock, _raft)
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet
from torchvision.models.shufflenetv2 import ShuffleNetV2
from torchvision.models.regnet import BlockParams, RegNet
from torchvision.models.squeezenet import SqueezeNet
from torchvision.models.vgg import VGG, cfgs, make_layers
from torchvision.models.maxvit import MaxVit
from torchvision.models.video.mvit import MSBlockConfig, MViT
from torchvision.models.swin_transformer import (PatchMergingV2, SwinTransformer,
                                                SwinTransformerBlockV2)
from torchvision.models.vision_transformer import ConvStemConfig, VisionTransformer

DEFAULT_OUTDIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "goldens"

# The torchvision 0.14 classification builders, called with weights=None only.
DEFAULT_BUILDERS = [
    "alexnet",
    "vgg11", "vgg11_bn", "vgg13", "vgg13_bn",
    "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d",
    "wide_resnet50_2", "wide_resnet101_2",
    "densenet121", "densenet161", "densenet169", "densenet201",
    "squeezenet1_0", "squeezenet1_1",
    "googlenet", "inception_v3",
    "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small",
    "mnasnet0_5", "mnasnet0_75", "mnasnet1_0", "mnasnet1_3",
    "shufflenet_v2_x0_5", "shufflenet_v2_x1_0",
    "shufflenet_v2_x1_5", "shufflenet_v2_x2_0",
    "efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3",
    "efficientnet_b4", "efficientnet_b5", "efficientnet_b6", "efficientnet_b7",
    "efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l",
    "regnet_x_400mf", "regnet_x_800mf", "regnet_x_1_6gf", "regnet_x_3_2gf",
    "regnet_x_8gf", "regnet_x_16gf", "regnet_x_32gf",
    "regnet_y_400mf", "regnet_y_800mf", "regnet_y_1_6gf", "regnet_y_3_2gf",
    "regnet_y_8gf", "regnet_y_16gf", "regnet_y_32gf", "regnet_y_128gf",
    "convnext_tiny", "convnext_small", "convnext_base", "convnext_large",
    "vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14",
    "swin_t", "swin_s", "swin_b", "swin_v2_t", "swin_v2_s", "swin_v2_b",
    "maxvit_t",
]

# The crop size of each builder's first IMAGENET1K weights where it is not 224
# (tools/goldens/count_macs.py warns if these drift from torchvision's weights enums).
INPUT_SIZE_OVERRIDES = {
    "inception_v3": 299,
    "efficientnet_b1": 240, "efficientnet_b2": 288, "efficientnet_b3": 300,
    "efficientnet_b4": 380, "efficientnet_b5": 456, "efficientnet_b6": 528,
    "efficientnet_b7": 600,
    "efficientnet_v2_s": 384, "efficientnet_v2_m": 480, "efficientnet_v2_l": 480,
    "regnet_y_128gf": 384,
    "swin_v2_t": 256, "swin_v2_s": 256, "swin_v2_b": 256,
}


def default_entry(name):
    """(name, builder, input size) for a torchvision builder with defaults."""
    builder = functools.partial(getattr(tvm, name), weights=None)
    return name, builder, INPUT_SIZE_OVERRIDES.get(name, 224)


# The segmentation builders, at the 520 their weights' transforms resize to.
SEGMENTATION_BUILDERS = [
    "deeplabv3_resnet50", "deeplabv3_resnet101", "deeplabv3_mobilenet_v3_large",
    "fcn_resnet50", "fcn_resnet101", "lraspp_mobilenet_v3_large",
]


def segmentation_entry(name, suffix="", **kwargs):
    builder = functools.partial(getattr(tvm.segmentation, name), weights=None,
                                weights_backbone=None, **kwargs)
    return name + suffix, builder, 520


# The layout the published segmentation weights load into: with the auxiliary
# classifier (aux_loss=True), which eval mode runs too.
SEGMENTATION_WEIGHTS_LAYOUTS = [
    segmentation_entry(name, "_aux", aux_loss=True)
    for name in SEGMENTATION_BUILDERS if not name.startswith("lraspp")
]


VARIANTS = [
    ("resnext_2222_g8w16_c37",
     lambda: ResNet(Bottleneck, [2, 2, 2, 2], groups=8, width_per_group=16,
                    num_classes=37), 224),
    ("resnet_basic_1111_c10",
     lambda: ResNet(BasicBlock, [1, 1, 1, 1], num_classes=10), 224),
    ("resnet50_dilated",
     lambda: ResNet(Bottleneck, [3, 4, 6, 3],
                    replace_stride_with_dilation=[False, True, True]), 224),
    ("mobilenet_v2_w0_75", lambda: MobileNetV2(width_mult=0.75), 224),
    ("mobilenet_v2_w0_35_c10",
     lambda: MobileNetV2(width_mult=0.35, num_classes=10), 224),
    ("mobilenet_v2_custom",
     lambda: MobileNetV2(width_mult=1.3, round_nearest=4,
                         inverted_residual_setting=[[1, 16, 1, 1], [6, 24, 2, 2],
                                                    [6, 32, 3, 2], [4, 64, 2, 2]]),
     224),
    # inputs other than the default: the same models, other data flow and MACs
    ("resnet50_s320", functools.partial(tvm.resnet50, weights=None), 320),
    ("vit_b_16_s384", functools.partial(tvm.vit_b_16, weights=None, image_size=384), 384),
    # vgg
    ("vgg_custom_bn_c10",
     lambda: VGG(make_layers([64, "M", 128, 128, "M", 256, "M", 512, 512, "M"],
                             batch_norm=True), num_classes=10), 224),
    ("vgg13_c37_s96", lambda: VGG(make_layers(cfgs["B"]), num_classes=37), 96),
    # alexnet
    ("alexnet_c10", lambda: AlexNet(num_classes=10), 224),
    ("alexnet_c100_s128", lambda: AlexNet(num_classes=100), 128),
    # squeezenet
    ("squeezenet1_1_c10", lambda: SqueezeNet("1_1", num_classes=10), 224),
    ("squeezenet1_0_c37", lambda: SqueezeNet("1_0", num_classes=37), 224),
    # vision_transformer
    ("vit_small_c10",
     lambda: VisionTransformer(image_size=64, patch_size=16, num_layers=2, num_heads=4,
                               hidden_dim=64, mlp_dim=128, num_classes=10), 64),
    ("vit_repr48_c5",
     lambda: VisionTransformer(image_size=96, patch_size=32, num_layers=3, num_heads=2,
                               hidden_dim=32, mlp_dim=64, num_classes=5,
                               representation_size=48), 96),
    ("vit_conv_stem",
     lambda: VisionTransformer(image_size=64, patch_size=16, num_layers=1, num_heads=4,
                               hidden_dim=64, mlp_dim=128, num_classes=10,
                               conv_stem_configs=[ConvStemConfig(16, 3, 2), ConvStemConfig(32, 3, 2),
                                                  ConvStemConfig(64, 3, 2), ConvStemConfig(128, 3, 2)]),
     64),
    # swin_transformer
    ("swin_small_c10",
     lambda: SwinTransformer(patch_size=[4, 4], embed_dim=48, depths=[2, 2, 2], num_heads=[2, 4, 8],
                             window_size=[7, 7], num_classes=10), 224),
    ("swin_v2_odd_s200",
     lambda: SwinTransformer(patch_size=[4, 4], embed_dim=32, depths=[1, 1, 3, 1], num_heads=[1, 2, 4, 8],
                             window_size=[6, 5], mlp_ratio=2.5, num_classes=37,
                             block=SwinTransformerBlockV2, downsample_layer=PatchMergingV2), 200),
    # maxvit
    ("maxvit_small_c10",
     lambda: MaxVit(input_size=(224, 224), stem_channels=32, partition_size=7, block_channels=[32, 64],
                    block_layers=[1, 2], head_dim=16, stochastic_depth_prob=0.2, num_classes=10), 224),
    ("maxvit_p4_s128_silu",
     lambda: MaxVit(input_size=(128, 128), stem_channels=16, partition_size=4, block_channels=[16, 32, 64],
                    block_layers=[2, 1, 1], head_dim=8, stochastic_depth_prob=0.0,
                    activation_layer=torch.nn.SiLU, squeeze_ratio=0.5, expansion_ratio=2, mlp_ratio=2,
                    num_classes=37), 128),
    # mobilenet_v3
    ("mobilenet_v3_large_w0_75_reduced",
     lambda: tvm.mobilenet_v3_large(weights=None, width_mult=0.75, reduced_tail=True), 224),
    ("mobilenet_v3_small_c10_dilated",
     lambda: tvm.mobilenet_v3_small(weights=None, num_classes=10, dilated=True), 224),
    ("mobilenet_v3_custom",
     lambda: MobileNetV3([InvertedResidualConfig(16, 3, 16, 16, True, "RE", 2, 1, 1.0),
                          InvertedResidualConfig(16, 5, 64, 32, False, "HS", 2, 1, 1.0),
                          InvertedResidualConfig(32, 3, 96, 32, True, "HS", 1, 2, 1.0)],
                         last_channel=512, num_classes=100), 224),
    # densenet
    ("densenet_k12_369_c10",
     lambda: DenseNet(growth_rate=12, block_config=(3, 6, 9), num_init_features=24, bn_size=2,
                      num_classes=10), 224),
    ("densenet_k48_2222_c37_s160",
     lambda: DenseNet(growth_rate=48, block_config=(2, 2, 2, 2), num_init_features=96,
                      num_classes=37), 160),
    # googlenet
    ("googlenet_noaux_c10", lambda: GoogLeNet(num_classes=10, aux_logits=False), 224),
    ("googlenet_c37_s160", lambda: GoogLeNet(num_classes=37), 160),
    # inception
    ("inception_v3_noaux_c10", lambda: Inception3(num_classes=10, aux_logits=False), 299),
    ("inception_v3_noaux_s75", lambda: Inception3(aux_logits=False), 75),
    ("inception_v3_c37_s342", lambda: Inception3(num_classes=37), 342),
    # efficientnet
    ("efficientnet_b0_c10", lambda: tvm.efficientnet_b0(weights=None, num_classes=10), 224),
    ("efficientnet_w0_5_d0_5_c37",
     lambda: EfficientNet(_efficientnet_conf("efficientnet_b0", width_mult=0.5, depth_mult=0.5)[0],
                          0.2, num_classes=37), 224),
    ("efficientnet_custom",
     lambda: EfficientNet([FusedMBConvConfig(1, 3, 1, 16, 16, 1), FusedMBConvConfig(4, 3, 2, 16, 32, 2),
                           MBConvConfig(4, 3, 2, 26, 64, 2, width_mult=1.25, depth_mult=1.5),
                           MBConvConfig(6, 5, 1, 80, 96, 1)],
                          0.1, num_classes=10, last_channel=640), 224),
    # regnet
    ("regnet_y_custom_c10",
     lambda: RegNet(BlockParams.from_init_params(depth=12, w_0=24, w_a=15.3, w_m=2.2, group_width=8,
                                                 se_ratio=0.5),
                    num_classes=10, stem_width=16), 224),
    ("regnet_x_bm0_75_g64_c37",
     lambda: RegNet(BlockParams.from_init_params(depth=9, w_0=40, w_a=30.0, w_m=2.5, group_width=64,
                                                 bottleneck_multiplier=0.75),
                    num_classes=37), 224),
    # convnext
    ("convnext_custom_c10",
     lambda: ConvNeXt([CNBlockConfig(64, 128, 2), CNBlockConfig(128, 256, 2), CNBlockConfig(256, None, 2)],
                      num_classes=10), 224),
    ("convnext_pico_s160_c37",
     lambda: ConvNeXt([CNBlockConfig(32, 64, 1), CNBlockConfig(64, 96, 1)], num_classes=37), 160),
    # mnasnet
    ("mnasnet0_35", lambda: MNASNet(0.35), 224),
    ("mnasnet1_0_c10", lambda: MNASNet(1.0, num_classes=10), 224),
    # shufflenet_v2
    ("shufflenet_v2_custom_c10",
     lambda: ShuffleNetV2([2, 3, 1], [16, 64, 128, 256, 512], num_classes=10), 224),
    ("shufflenet_v2_x1_0_c37",
     lambda: ShuffleNetV2([4, 8, 4], [24, 116, 232, 464, 1024], num_classes=37), 224),
    # raft: raft_small's sizes but for these, on two 256x256 frames
    ("raft_small_masked_s256",
     lambda: _raft(feature_encoder_layers=(32, 32, 64, 96, 128), feature_encoder_block=RaftBottleneckBlock,
                   feature_encoder_norm_layer=torch.nn.InstanceNorm2d,
                   context_encoder_layers=(32, 32, 64, 96, 160), context_encoder_block=RaftBottleneckBlock,
                   context_encoder_norm_layer=torch.nn.BatchNorm2d,
                   corr_block_num_levels=3, corr_block_radius=3,
                   motion_encoder_corr_layers=(128, 96), motion_encoder_flow_layers=(64, 32),
                   motion_encoder_out_channels=82, recurrent_block_hidden_state_size=96,
                   recurrent_block_kernel_size=((1, 5), (5, 1)), recurrent_block_padding=((0, 2), (2, 0)),
                   flow_head_hidden_size=128, use_mask_predictor=True), 256),
    # raft_large's but for these: a BatchNorm feature encoder, a context encoder of bottlenecks
    # without norm, one correlation layer, one 3x3 ConvGRU, no mask predictor, on two 128x128 frames
    ("raft_large_one_gru_s128",
     lambda: _raft(feature_encoder_layers=(48, 48, 64, 96, 192), feature_encoder_block=RaftResidualBlock,
                   feature_encoder_norm_layer=torch.nn.BatchNorm2d,
                   context_encoder_layers=(64, 64, 96, 128, 256), context_encoder_block=RaftBottleneckBlock,
                   context_encoder_norm_layer=None,
                   corr_block_num_levels=4, corr_block_radius=2,
                   motion_encoder_corr_layers=(160,), motion_encoder_flow_layers=(96, 48),
                   motion_encoder_out_channels=96, recurrent_block_hidden_state_size=64,
                   recurrent_block_kernel_size=(3,), recurrent_block_padding=(1,),
                   flow_head_hidden_size=96, use_mask_predictor=False), 128),
]

# The torchvision 0.14 detection builders, called with weights=None and
# weights_backbone=None, with the side of the square image their transform
# keeps as it is: min_size of GeneralizedRCNNTransform (which then pads to a
# multiple of 32; 800 and 320 are), or the fixed size of SSD's.
DETECTION_BUILDERS = {
    "fasterrcnn_resnet50_fpn": 800, "fasterrcnn_resnet50_fpn_v2": 800,
    "fasterrcnn_mobilenet_v3_large_fpn": 800, "fasterrcnn_mobilenet_v3_large_320_fpn": 320,
    "fcos_resnet50_fpn": 800,
    "retinanet_resnet50_fpn": 800, "retinanet_resnet50_fpn_v2": 800,
    "ssd300_vgg16": 300, "ssdlite320_mobilenet_v3_large": 320,
    "maskrcnn_resnet50_fpn": 800, "maskrcnn_resnet50_fpn_v2": 800,
    "keypointrcnn_resnet50_fpn": 800,
}


def detection_entry(name):
    builder = functools.partial(getattr(tvm.detection, name), weights=None, weights_backbone=None)
    return name, builder, DETECTION_BUILDERS[name]


# A variant whose classifiers' (1,) biases squeeze to scalars: "Tensor rank 0".
SEGMENTATION_VARIANTS = [
    segmentation_entry("lraspp_mobilenet_v3_large", "_c1", num_classes=1),
]

# The torchvision 0.14 optical flow builders, called with weights=None, with the side of the two
# square frames torchvision's published GFLOPS were counted on.
OPTICAL_FLOW_BUILDERS = {"raft_large": 512, "raft_small": 512}


def optical_flow_entry(name):
    builder = functools.partial(getattr(tvm.optical_flow, name), weights=None)
    return name, builder, OPTICAL_FLOW_BUILDERS[name]


# The video classifiers, on clips of 16 frames at their weights' crop size.
VIDEO_BUILDERS = {
    "r3d_18": (3, 16, 112, 112), "mc3_18": (3, 16, 112, 112), "r2plus1d_18": (3, 16, 112, 112),
    "s3d": (3, 16, 224, 224), "mvit_v1_b": (3, 16, 224, 224), "mvit_v2_s": (3, 16, 224, 224),
}


def video_entry(name):
    return name, functools.partial(getattr(tvm.video, name), weights=None), VIDEO_BUILDERS[name]


# MViTs with other knobs: sizes whose pooled sizes differ from the constructor's floor division
# (25 -> 13 at runtime, 12 for the relative position tables), q pooled by a 1x3x3 kernel, a row
# without q pooling and one without k/v pooling, a temporal stride, the attention's dropout.
VIDEO_VARIANTS = [
    ("mvit_v2_custom_c10",
     lambda: MViT(spatial_size=(100, 84), temporal_size=8,
                  block_setting=[MSBlockConfig(1, 48, 48, [3, 3, 3], [3, 3, 3], [1, 1, 1], [1, 4, 4]),
                                 MSBlockConfig(2, 48, 96, [1, 3, 3], [1, 1, 1], [1, 2, 2], [1, 1, 1]),
                                 MSBlockConfig(2, 96, 96, [], [3, 3, 3], [], [1, 2, 2]),
                                 MSBlockConfig(4, 96, 192, [3, 3, 3], [3, 3, 3], [2, 2, 2], [1, 1, 1])],
                  residual_pool=True, residual_with_cls_embed=True, rel_pos_embed=True,
                  proj_after_attn=True, attention_dropout=0.1, num_classes=10),
     (3, 8, 100, 84)),
    ("mvit_v1_custom_c5",
     lambda: MViT(spatial_size=(64, 64), temporal_size=4,
                  block_setting=[MSBlockConfig(1, 32, 64, [], [3, 3, 3], [], [1, 2, 2]),
                                 MSBlockConfig(2, 64, 64, [3, 3, 3], [3, 3, 3], [1, 2, 2], [1, 1, 1])],
                  residual_pool=False, residual_with_cls_embed=False, rel_pos_embed=False,
                  proj_after_attn=False, num_classes=5, patch_embed_kernel=(1, 4, 4),
                  patch_embed_stride=(1, 4, 4), patch_embed_padding=(0, 0, 0)),
     (3, 4, 64, 64)),
]


# (report name, zero-argument model builder, input: an image size S for 3xSxS,
# or a shape without the batch dimension)
MODELS = ([default_entry(name) for name in DEFAULT_BUILDERS] + VARIANTS
          + [detection_entry(name) for name in DETECTION_BUILDERS]
          + [segmentation_entry(name) for name in SEGMENTATION_BUILDERS]
          + SEGMENTATION_WEIGHTS_LAYOUTS + SEGMENTATION_VARIANTS
          + [video_entry(name) for name in VIDEO_BUILDERS] + VIDEO_VARIANTS
          + [optical_flow_entry(name) for name in OPTICAL_FLOW_BUILDERS])


def input_shape(size):
    """The input without the batch dimension: 3xSxS for an image size S."""
    return (3, size, size) if isinstance(size, int) else tuple(size)


# ---------------------------------------------------------------- the report

def squeezed(shape):
    """The shape with every dimension of size 1 removed."""
    return tuple(d for d in shape if d != 1)


def form_of(rank):
    if rank == 1:
        return "Vector"
    if rank == 2:
        return "Matrix"
    return f"Tensor rank {rank}"


def format_total(n):
    """Parameter total: integer below 1000, else two decimals and K/M/G/T."""
    if n < 1000:
        return str(n)
    for limit, divisor, suffix in ((10**6, 10**3, "K"), (10**9, 10**6, "M"),
                                   (10**12, 10**9, "G")):
        if n < limit:
            return f"{n / divisor:.2f}{suffix}"
    return f"{n / 10**12:.2f}T"


def parameter_rows(model):
    """(name, shape, squeezed shape, element count, form) per parameter tensor,
    as named_parameters() yields them (tied tensors once)."""
    rows = []
    for name, param in model.named_parameters():
        shape = tuple(param.shape)
        small = squeezed(shape)
        rows.append((name, shape, small, param.numel(), form_of(len(small))))
    return rows


def form_columns(rows):
    """Vector and Matrix always, then the other forms present, by their text."""
    others = sorted({form for *_, form in rows} - {"Vector", "Matrix"})
    return ["Vector", "Matrix"] + others


def percent_table(columns, parts, whole):
    """A small Markdown table of 100*part/whole for each column."""
    values = [f"{100 * parts.get(col, 0) / whole:.2f}" for col in columns]
    return ["| " + " | ".join(columns) + " | ",
            "|  " + " | ".join("---" for _ in columns) + " |",
            "| " + " | ".join(values) + " | "]


def render_report(name, rows):
    total = sum(count for _, _, _, count, _ in rows)
    tensors_by_form, params_by_form = {}, {}
    for _, _, _, count, form in rows:
        tensors_by_form[form] = tensors_by_form.get(form, 0) + 1
        params_by_form[form] = params_by_form.get(form, 0) + count
    columns = form_columns(rows)
    lines = [
        f"# {name} parameter information", "",
        f"**Number of layers: [ {len(rows)} ]**", "",
        f"**Number of parameters: [ {format_total(total)} ]**", "",
        "**Proportional of each form** (%)", "",
        *percent_table(columns, tensors_by_form, len(rows)), "",
        "**Proportional of parameters by form** (%)", "", "",
        *percent_table(columns, params_by_form, total), "",
        f'<img src="../figs/{name}_pie_chart.png" alt="pie_chart" width="500"/>', "",
        "**Layer information**", "", "",
        "| Name | Shape | Squeezed shape | Number of parameters | Form |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {n} | {shape} | {small} | {count} | {form} |"
              for n, shape, small, count, form in rows]
    return "\n".join(lines) + "\n\n"


def render_state_dict(model):
    """One "name<TAB>shape<TAB>dtype" line per state_dict() entry, in its order."""
    return "".join(f"{name}\t{tuple(tensor.shape)}\t{tensor.dtype}\n"
                   for name, tensor in model.state_dict().items())


# ------------------------------------------------------------ the data flow

def format_output(value):
    """A tensor as its shape tuple; a tuple/list (or namedtuple) as [a, b]."""
    if isinstance(value, torch.Tensor):
        return str(tuple(value.shape))
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(format_output(v) for v in value) + "]"
    if value is None:
        return "None"
    if isinstance(value, int):  # MViT's blocks return (x, (T, H, W))
        return str(value)
    raise TypeError(f"unexpected module output type {type(value).__name__}")


def tensor_count(value):
    """How many tensors an output holds, in tuples, lists and dicts."""
    if isinstance(value, torch.Tensor):
        return 1
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return sum(tensor_count(v) for v in value)
    return 0


def returns_several(value):
    """Whether an output is a dict of tensors or holds several tensors (a lone
    tensor, or one paired with None, is not)."""
    return isinstance(value, dict) or tensor_count(value) > 1


def is_detection(model):
    return hasattr(model, "transform") and hasattr(model, "backbone")


def detection_calls(model, size):
    """The static part of a detection model's forward on one SxS image: the
    backbone on the transformed batch, then the dense heads on its feature maps,
    as the model calls them; the transform runs before the hooks see anything."""
    images, _ = model.transform([torch.zeros(3, size, size)])
    def run():
        features = list(model.backbone(images.tensors).values())
        (model.rpn.head if hasattr(model, "rpn") else model.head)(features)
    return run


def is_optical_flow(model):
    return isinstance(model, tvm.optical_flow.RAFT)


def optical_flow_calls(model, size):
    """An optical flow model's forward on two SxS frames (zeros) with its default flow updates."""
    frame = torch.zeros(1, 3, size, size)
    return lambda: model(frame, frame)


def model_calls(model, size):
    """The forward pass the goldens record for a model at input size S."""
    if is_detection(model):
        return detection_calls(model, size)
    if is_optical_flow(model):
        return optical_flow_calls(model, size)
    return lambda: model(torch.zeros(1, *input_shape(size)))


def trace_shapes(model, size):
    """One "name<TAB>Class<TAB>shape" line per submodule call that returns one
    tensor, in start order; for a detection model, of its static part."""
    run = model_calls(model, size)
    lines, handles = [], []
    open_calls = {}  # module -> stack of line indices awaiting their output

    def before(module, _inputs):
        open_calls.setdefault(module, []).append(len(lines))
        lines.append(None)

    def after(qualified_name):
        def hook(module, _inputs, output):
            index = open_calls[module].pop()
            if returns_several(output):
                lines[index] = ""  # several tensors (feature maps): their parts are lines
                return
            lines[index] = "\t".join((qualified_name, type(module).__name__,
                                      format_output(output)))
        return hook

    for qualified_name, module in model.named_modules():
        if module is model:
            continue
        handles.append(module.register_forward_pre_hook(before))
        handles.append(module.register_forward_hook(after(qualified_name)))
    try:
        with torch.no_grad():
            run()
    finally:
        for handle in handles:
            handle.remove()
    if None in lines:
        raise RuntimeError("a module call started but never returned")
    return "".join(line + "\n" for line in lines if line)


# ------------------------------------------------------------------ output

def write_atomic(path, text):
    """Write text to path via a temp file in the same directory + os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def read_index(path):
    """Existing index.tsv lines by model name (empty if there is none)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as src:
        return {line.split("\t", 1)[0]: line for line in src if line.strip()}


def update_index(outdir, results):
    """Merge {name: (tensors, parameters)} into index.tsv, in MODELS order."""
    path = outdir / "index.tsv"
    lines = read_index(path)
    for name, (tensors, params) in results.items():
        lines[name] = f"{name}\t{tensors}\t{params}\n"
    write_atomic(path, "".join(lines[name] for name, _, _ in MODELS if name in lines))


def generate(name, build, size, outdir, reports_only=False, state_dicts_only=False):
    """Build one model, write its report, state_dict and shapes (or only the report or
    only the state_dict); return (tensors, params)."""
    model = build().eval()
    rows = parameter_rows(model)
    if not state_dicts_only:
        write_atomic(outdir / "reports" / f"{name}.md", render_report(name, rows))
    if not reports_only:
        write_atomic(outdir / "state_dicts" / f"{name}.tsv", render_state_dict(model))
    if not reports_only and not state_dicts_only:
        write_atomic(outdir / "shapes" / f"{name}.tsv", trace_shapes(model, size))
    return len(rows), sum(row[3] for row in rows)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=DEFAULT_OUTDIR,
                        help=f"output directory (default: {DEFAULT_OUTDIR})")
    parser.add_argument("--only", help="comma-separated model names to generate")
    parser.add_argument("--list", action="store_true", help="print the model names")
    parser.add_argument("--reports-only", action="store_true",
                        help="write only the reports (the peer of `archdesc report --all` in bench/run)")
    parser.add_argument("--state-dicts-only", action="store_true",
                        help="write only the state_dict listings (no forward pass)")
    return parser.parse_args(argv)


def selected_models(only):
    if not only:
        return MODELS
    wanted = only.split(",")
    unknown = set(wanted) - {name for name, _, _ in MODELS}
    if unknown:
        sys.exit(f"unknown model(s): {', '.join(sorted(unknown))}")
    return [entry for entry in MODELS if entry[0] in wanted]


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        print("\n".join(name for name, _, _ in MODELS))
        return
    torch.set_num_threads(2)
    results = {}
    try:
        for name, build, size in selected_models(args.only):
            start = time.monotonic()
            results[name] = generate(name, build, size, args.outdir, args.reports_only,
                                     args.state_dicts_only)
            gc.collect()
            tensors, params = results[name]
            print(f"{name}: {tensors} tensors, {params} parameters "
                  f"({time.monotonic() - start:.1f}s)", flush=True)
    finally:
        if results:
            update_index(args.outdir, results)


if __name__ == "__main__":
    main()
