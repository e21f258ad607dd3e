#!/usr/bin/python3
"""Measures what separates synthetic training images from real frames: pixel noise and dislocation contrast.

Usage: measure-gap.py FRAMES MASKS   (real frames and their union line masks, paired by file name)
       measure-gap.py DATASET        (a 'synthetic generate' folder: train/images and train/union)

For each image, on the skeleton of its line mask:
  noise    robust std (MAD) of the image minus its Gaussian blur (sigma 2), away from lines, / image std
  contrast median darkening at line pixels relative to a 15-px median background
  depth    the same darkening / image std (what the network sees after per-image standardisation)
Prints the 10th, 50th and 90th percentiles. Needs Debian's python3-pil, python3-scipy, python3-skimage.
"""
import glob
import os
import sys

import numpy as np
from PIL import Image
from scipy import ndimage as ndi
from skimage.morphology import skeletonize


def stats(image, mask):
    x = image.astype(float)
    s = x.std()
    high = x - ndi.gaussian_filter(x, 2.0)
    away = ~ndi.binary_dilation(mask, iterations=3)
    noise = 1.4826 * np.median(np.abs(high[away] - np.median(high[away])))
    background = ndi.median_filter(x, 15)
    dark = background[mask] - x[mask]
    return noise / s, np.median(dark / np.maximum(background[mask], 1)), np.median(dark) / s


def pairs(args):
    if len(args) == 1:
        for image in sorted(glob.glob(os.path.join(args[0], "train", "images", "*.png"))):
            yield image, image.replace(os.sep + "images" + os.sep, os.sep + "union" + os.sep)
    else:
        for mask in sorted(glob.glob(os.path.join(args[1], "*.png"))):
            image = os.path.join(args[0], os.path.basename(mask))
            if os.path.exists(image):
                yield image, mask


def main(args):
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    rows = []
    for image, mask in pairs(args):
        m = np.array(Image.open(mask))
        values, counts = np.unique(m, return_counts=True)
        line = m != values[np.argmax(counts)]  # the mask rule of Dislocate: background = the commonest value
        if line.any():
            rows.append(stats(np.array(Image.open(image).convert("L")), skeletonize(line)))
    if not rows:
        sys.exit("no image with a line mask found")
    p = np.percentile(np.array(rows), [10, 50, 90], axis=0)
    print(f"{len(rows)} images; percentiles 10/50/90")
    for k, name in enumerate(["noise/std", "contrast", "depth/std"]):
        print(f"  {name:10s} {p[0, k]:.3f} {p[1, k]:.3f} {p[2, k]:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
