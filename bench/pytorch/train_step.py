#!/usr/bin/env python3
"""The reference side of the training-speed comparison: the segment plugin's network and training step in PyTorch.

The same architecture as plugins/segment/Model (torchvision's ResNet encoder without its classifier, smp's UNet++
decoder with the same channel rule, a 3x3 head), the same line-map loss (BCE with line pixels weighted 10 + batch
soft Dice, plugins/segment/Training/LineMapLoss.cs), Adam, batch, crop and thread count. Inputs are random images with
random thin horizontal lines as targets: the kernels' speed does not depend on the values.

Run with Debian's PyTorch and, like the dislocate launcher, jemalloc retaining freed memory:
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 MALLOC_CONF=retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1 \
        /usr/bin/python3 bench/pytorch/train_step.py --crop 256 --batch 8 --threads 2 --steps 10
It prints one line per layout: median seconds per step split into forward, loss, backward and optimiser, and images/s.
"""

import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)), inplace=True)
        out = self.bn2(self.conv2(out))
        return F.relu(out + identity, inplace=True)


class Encoder(nn.Module):
    def __init__(self, blocks=(2, 2, 2, 2)):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        layers, channels = [], 64
        for planes, count, stride in zip((64, 128, 256, 512), blocks, (1, 2, 2, 2)):
            layer = []
            for i in range(count):
                layer.append(BasicBlock(channels, planes, stride if i == 0 else 1))
                channels = planes
            layers.append(nn.Sequential(*layer))
        self.layer1, self.layer2, self.layer3, self.layer4 = layers

    def forward(self, x):
        s2 = F.relu(self.bn1(self.conv1(x)), inplace=True)
        s4 = self.layer1(F.max_pool2d(s2, 3, 2, 1))
        s8 = self.layer2(s4)
        s16 = self.layer3(s8)
        s32 = self.layer4(s16)
        return [x, s2, s4, s8, s16, s32]


class DecoderBlock(nn.Module):
    def __init__(self, inputs, skips, outputs):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(inputs + skips, outputs, 3, 1, 1, bias=False), nn.BatchNorm2d(outputs), nn.ReLU(inplace=True))
        self.conv2 = nn.Sequential(nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False), nn.BatchNorm2d(outputs), nn.ReLU(inplace=True))

    def forward(self, x, skip):
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        if skip is not None:
            x = torch.cat([x, skip], 1)
        return self.conv2(self.conv1(x))


class UNetPlusPlus(nn.Module):
    def __init__(self, decoder_scale=0.25, outputs=1, nested_scale=1.0):
        super().__init__()
        self.encoder = Encoder()
        decoder = [max(1, int(c * decoder_scale + 0.5)) for c in (256, 128, 64, 32, 16)]
        encoder = [512, 256, 128, 64, 64]
        inputs = [encoder[0]] + decoder[:-1]
        skips = encoder[1:] + [0]
        self.depth = len(inputs) - 1
        nested = [max(1, int(c * nested_scale + 0.5)) for c in skips[:self.depth]]
        blocks = {}
        for layer in range(self.depth):
            for d in range(layer + 1):
                if d == 0:
                    blocks[f"x_{d}_{layer}"] = DecoderBlock(inputs[layer], nested[layer] * layer + skips[layer], decoder[layer])
                else:
                    source = skips[layer - 1] if d == layer else nested[layer - 1]
                    blocks[f"x_{d}_{layer}"] = DecoderBlock(source, nested[layer] * (layer - d) + skips[layer], nested[layer])
        blocks[f"x_0_{self.depth}"] = DecoderBlock(inputs[-1], 0, decoder[-1])
        self.blocks = nn.ModuleDict(blocks)
        self.head = nn.Conv2d(decoder[-1], outputs, 3, 1, 1)

    def forward(self, x):
        features = self.encoder(x)[1:][::-1]
        dense = {}
        for layer in range(self.depth):
            for d in range(self.depth - layer):
                if layer == 0:
                    dense[f"x_{d}_{d}"] = self.blocks[f"x_{d}_{d}"](features[d], features[d + 1])
                    continue
                l = d + layer
                joined = [dense[f"x_{i}_{l}"] for i in range(d + 1, l + 1)] + [features[l + 1]]
                dense[f"x_{d}_{l}"] = self.blocks[f"x_{d}_{l}"](dense[f"x_{d}_{l - 1}"], torch.cat(joined, 1))
        return self.head(self.blocks[f"x_0_{self.depth}"](dense[f"x_0_{self.depth - 1}"], None))


def line_map_loss(probabilities, target, smooth=1.0, line_weight=10.0):
    p = probabilities.clamp(1e-6, 1 - 1e-6)
    bce = -(line_weight * target * p.log() + (1 - target) * (1 - p).log()).mean()
    dice = 1 - (2 * (probabilities * target).sum() + smooth) / (probabilities.sum() + target.sum() + smooth)
    return bce + dice


def measure(args, channels_last):
    torch.manual_seed(1)
    model = UNetPlusPlus(args.decoder, nested_scale=args.nested)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    model.train()
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(args.batch, 1, args.crop, args.crop)
    target = torch.zeros(args.batch, 1, args.crop, args.crop)
    target[:, :, ::12, :] = 1
    if channels_last:
        x = x.contiguous(memory_format=torch.channels_last)
    times = []
    for step in range(args.steps + args.warmup):
        t0 = time.perf_counter()
        adam.zero_grad()
        logits = model(x)
        t1 = time.perf_counter()
        loss = line_map_loss(torch.sigmoid(logits), target)
        loss.item()
        t2 = time.perf_counter()
        loss.backward()
        t3 = time.perf_counter()
        adam.step()
        t4 = time.perf_counter()
        if step >= args.warmup:
            times.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3))
    med = [statistics.median(t[i] for t in times) for i in range(4)]
    total = statistics.median(sum(t) for t in times)
    params = sum(p.numel() for p in model.parameters())
    layout = "channels-last" if channels_last else "NCHW"
    print(f"pytorch {torch.__version__} {layout}: {params / 1e6:.2f} M parameters, step {total * 1000:.0f} ms "
          f"(forward {med[0] * 1000:.0f}, loss {med[1] * 1000:.0f}, backward {med[2] * 1000:.0f}, optimiser {med[3] * 1000:.0f}), "
          f"{args.batch / total:.1f} training images/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crop", type=int, default=256)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--decoder", type=float, default=0.25)
    parser.add_argument("--nested", type=float, default=1.0)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for channels_last in (False, True):
        measure(args, channels_last)


if __name__ == "__main__":
    main()
