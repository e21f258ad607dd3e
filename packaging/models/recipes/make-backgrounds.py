#!/usr/bin/python3
"""Makes real background images from labelled real frames by removing their dislocations.

Usage: make-backgrounds.py FRAMES MASKS LIST OUT
  FRAMES, MASKS  real frames and their union line masks, paired by file name
  LIST           text file with one frame file name per line (the frames a model may learn from)
  OUT            folder for the grey PNG backgrounds ('synthetic generate --background real --backgrounds OUT')

Each line pixel, grown by 3 px, is filled from its surroundings (normalised Gaussian convolution, widening until every
pixel is reached) plus the frame's own fine texture (image minus its σ 3 blur) copied from line-free places, so the patch neither shows the line nor
stands out as a smooth spot the network could learn to read as 'no line'. Lines the annotator missed stay in the
background; that is label noise the training has to live with.
Needs Debian's python3-pil and python3-scipy. Seeded: the same inputs give the same files.
"""
import os
import sys

import numpy as np
from PIL import Image
from scipy import ndimage as ndi


def grey(path):
    return np.asarray(Image.open(path).convert("L"), dtype=np.float64)


def remove_lines(image, mask, rng):
    hole = ndi.binary_dilation(mask, iterations=3)
    keep = (~hole).astype(np.float64)
    filled = image.copy()
    todo = hole.copy()
    sigma = 4.0
    while todo.any():
        num = ndi.gaussian_filter(image * keep, sigma)
        den = ndi.gaussian_filter(keep, sigma)
        ok = todo & (den > 0.05)
        filled[ok] = num[ok] / den[ok]
        todo &= ~ok
        sigma *= 1.5
    # Texture up to a few pixels, copied from line-free places at random offsets.
    texture = image - ndi.gaussian_filter(image, 3.0)
    todo = hole.copy()
    for _ in range(50):
        if not todo.any():
            break
        dy, dx = rng.integers(-40, 41, size=2)
        shifted = np.roll(texture, (dy, dx), axis=(0, 1))
        free = ~np.roll(hole, (dy, dx), axis=(0, 1))
        ok = todo & free
        filled[ok] += shifted[ok]
        todo &= ~ok
    return np.clip(np.rint(filled), 0, 255).astype(np.uint8)


def main(args):
    if len(args) != 4:
        sys.exit(__doc__)
    frames, masks, listing, out = args
    os.makedirs(out, exist_ok=True)
    names = [n.strip() for n in open(listing, encoding="utf-8") if n.strip()]
    for i, name in enumerate(names):
        image = grey(os.path.join(frames, name))
        mask = np.asarray(Image.open(os.path.join(masks, name))) != 0
        result = remove_lines(image, mask, np.random.default_rng(i))
        Image.fromarray(result).save(os.path.join(out, name))
    print(f"{len(names)} backgrounds in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
