#!/usr/bin/env python3
"""Degraded copies of the real development frames, for the robustness table of the README ("Robustness").

Usage: /usr/bin/python3 degrade-frames.py FRAMES MASKS OUT   (Debian's python3-numpy and python3-pil)

Frames are read as 8-bit grey in [0, 1] and written as 16-bit PNGs into OUT/<kind>/ with the same names:
  noise    + Gaussian noise σ 0.05 (seeded per frame by its position in name order), clipped to [0, 1];
  blur     Gaussian blur σ 1 px (separable, kernel radius 4, edges reflected);
  gamma16  x^1.6;
  gradient x × (0.7 → 1.3 from the left column to the right);
  x2       resampled 2× (bicubic); its masks, resampled 2× (nearest), go to OUT/x2-masks/ (score them at tolerance 6);
  x05      resampled 0.5× (bicubic, antialiased); its masks (any pixel of a line kept) go to OUT/x05-masks/ (tolerance 1.5).
"""
import os
import sys

import numpy as np
from PIL import Image


def gaussian_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    radius = int(4 * sigma + 0.5)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    kernel = np.exp(-0.5 * (x / sigma) ** 2)
    kernel /= kernel.sum()
    padded = np.pad(image, radius, mode="reflect")
    rows = sum(kernel[i] * padded[:, i:i + image.shape[1]] for i in range(2 * radius + 1))
    return sum(kernel[i] * rows[i:i + image.shape[0], :] for i in range(2 * radius + 1))


def save16(path: str, image: np.ndarray) -> None:
    Image.fromarray(np.round(np.clip(image, 0, 1) * 65535).astype(np.uint16)).save(path)


def main() -> int:
    frames, masks, out = sys.argv[1], sys.argv[2], sys.argv[3]
    names = sorted(n for n in os.listdir(frames) if n.lower().endswith((".png", ".tif", ".tiff")))
    for kind in ("noise", "blur", "gamma16", "gradient", "x2", "x2-masks", "x05", "x05-masks"):
        os.makedirs(os.path.join(out, kind), exist_ok=True)
    for index, name in enumerate(names):
        image = np.asarray(Image.open(os.path.join(frames, name)).convert("L"), dtype=np.float64) / 255
        stem = os.path.splitext(name)[0] + ".png"
        rng = np.random.default_rng(1000 + index)
        save16(os.path.join(out, "noise", stem), image + rng.normal(0, 0.05, image.shape))
        save16(os.path.join(out, "blur", stem), gaussian_blur(image, 1.0))
        save16(os.path.join(out, "gamma16", stem), image ** 1.6)
        save16(os.path.join(out, "gradient", stem), image * np.linspace(0.7, 1.3, image.shape[1])[None, :])
        h, w = image.shape
        big = Image.fromarray(np.round(image * 65535).astype(np.uint16).astype(np.int32)).convert("F").resize((2 * w, 2 * h), Image.BICUBIC)
        save16(os.path.join(out, "x2", stem), np.asarray(big, dtype=np.float64) / 65535)
        small = Image.fromarray(np.round(image * 65535).astype(np.uint16).astype(np.int32)).convert("F").resize((w // 2, h // 2), Image.BICUBIC)
        save16(os.path.join(out, "x05", stem), np.asarray(small, dtype=np.float64) / 65535)
    for name in sorted(os.listdir(masks)):
        mask = Image.open(os.path.join(masks, name))
        mask.resize((2 * mask.width, 2 * mask.height), Image.NEAREST).save(os.path.join(out, "x2-masks", name))
        # Masks are palette images (index 0 = background): resample the line pixels, not the palette's colours.
        lines = Image.fromarray((np.asarray(mask) > 0).astype(np.float32))
        half = np.asarray(lines.resize((mask.width // 2, mask.height // 2), Image.BILINEAR)) > 0
        Image.fromarray((half * 255).astype(np.uint8)).save(os.path.join(out, "x05-masks", name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
