#!/usr/bin/env python3
"""Frames and their line masks resampled by one factor, for scale-check.sh: input as if taken at another magnification.

Usage: /usr/bin/python3 scale-frames.py IMAGES MASKS FACTOR OUT [COUNT]   (Debian's python3-numpy and python3-pil)

Every image of IMAGES that has a mask of the same stem in MASKS (the first COUNT in name order, all when 0 or not
given) is read as grey in [0, 1], resampled bicubically (antialiased when shrinking, as degrade-frames.py's 0.5× set)
and written as a 16-bit PNG to OUT/frames/; its mask (any value but 0 is a line) goes to OUT/masks/, resampled
nearest when enlarging and keeping every pixel a line touches when shrinking, so no line vanishes.
"""
import os
import sys

import numpy as np
from PIL import Image


def main() -> int:
    if len(sys.argv) not in (5, 6):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    images, masks, factor, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    count = int(sys.argv[5]) if len(sys.argv) == 6 else 0
    mask_of = {os.path.splitext(n)[0]: n for n in os.listdir(masks) if n.lower().endswith((".png", ".tif", ".tiff"))}
    names = sorted(n for n in os.listdir(images) if os.path.splitext(n)[0] in mask_of)
    if count > 0:
        names = names[:count]
    if not names:
        print(f"no image of {images} has a mask in {masks}", file=sys.stderr)
        return 1
    os.makedirs(os.path.join(out, "frames"), exist_ok=True)
    os.makedirs(os.path.join(out, "masks"), exist_ok=True)
    for name in names:
        stem = os.path.splitext(name)[0]
        source = Image.open(os.path.join(images, name))
        grey = np.asarray(source, dtype=np.float64)
        grey = grey.mean(axis=2) if grey.ndim == 3 else grey
        grey /= 65535 if source.mode.startswith("I") else 255
        h, w = grey.shape
        size = (max(1, round(w * factor)), max(1, round(h * factor)))
        scaled = Image.fromarray(grey.astype(np.float32), mode="F").resize(size, Image.BICUBIC)
        pixels = np.clip(np.asarray(scaled, dtype=np.float64), 0, 1)
        Image.fromarray(np.round(pixels * 65535).astype(np.uint16)).save(os.path.join(out, "frames", stem + ".png"))
        lines = (np.asarray(Image.open(os.path.join(masks, mask_of[stem]))) > 0)
        lines = lines.any(axis=2) if lines.ndim == 3 else lines
        if factor >= 1:
            kept = np.asarray(Image.fromarray(lines.astype(np.uint8) * 255).resize(size, Image.NEAREST)) > 0
        else:
            kept = np.asarray(Image.fromarray(lines.astype(np.float32), mode="F").resize(size, Image.BILINEAR)) > 0
        Image.fromarray(kept.astype(np.uint8) * 255).save(os.path.join(out, "masks", stem + ".png"))
    print(f"{len(names)} frames resampled {factor}x into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
