#!/usr/bin/python3
"""Where a model loses line-F1 on generated images: recall of each true dislocation by the generator's own settings.

Usage: m2-breakdown.py DATASET PRED [TOLERANCE=3]
  DATASET  a 'synthetic generate' folder (its test/ or train/ split: params/*.json and labelme/*.json)
  PRED     the 'segment run' folder made from that split's images (lines.csv)

A true dislocation's recall is the share of its polyline (sampled every half pixel) within TOLERANCE px of a predicted
line; it is reported by the line's contrast, length and width as the generator drew it (params/*.json), with the
dislocations missed outright (recall < 0.3) and those found in more than one piece. Predicted lines with more than
80 % of their length farther than TOLERANCE from every true line are counted as false lines, by length. Polylines, not
masks: the figures explain `segment score`, they do not replace it. Needs numpy only (Debian's python3-numpy).
"""
import collections
import csv
import glob
import json
import os
import sys

import numpy as np


def dense(points):
    """The polyline sampled every half pixel (end points kept)."""
    points = np.asarray(points, float)
    out = [points[:1]]
    for a, b in zip(points[:-1], points[1:]):
        n = max(1, int(np.hypot(*(b - a)) * 2))
        t = (np.arange(1, n + 1) / n)[:, None]
        out.append(a + (b - a) * t)
    return np.concatenate(out)


def nearest(a, b):
    """For each point of a, the distance to the nearest point of b (inf when b is empty)."""
    if len(b) == 0:
        return np.full(len(a), np.inf)
    return np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)).min(1)


def length(p):
    return float(np.hypot(*np.diff(p, axis=0).T).sum()) if len(p) > 1 else 0.0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, pred = sys.argv[1], sys.argv[2]
    tol = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    split = next((os.path.join(root, s) for s in ("test", "train") if os.path.isdir(os.path.join(root, s, "params"))), root)
    predicted = collections.defaultdict(list)
    pieces = collections.defaultdict(list)
    with open(os.path.join(pred, "lines.csv")) as f:
        for r in csv.DictReader(f):
            pieces[(int(r["frame"]), int(r["dislocation"]))].append((float(r["x_px"]), float(r["y_px"])))
    for (frame, _), p in sorted(pieces.items()):
        predicted[frame].append(dense(p))

    rows, false_lines, frames = [], [], sorted(glob.glob(os.path.join(split, "params", "*.json")))
    for k, path in enumerate(frames):
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path) as f:
            drawn = [d for p in json.load(f)["frames"][0]["pileups"] for d in p["dislocations"]]
        with open(os.path.join(split, "labelme", stem + ".json")) as f:
            shapes = json.load(f)["shapes"]
        # A line the image border cuts in two is two shapes with its id as group_id; a line outside the image is none.
        pieces_of = collections.defaultdict(list)
        for s in shapes:
            pieces_of[s["group_id"]].append(dense(s["points"]))
        drawn = [d for d in drawn if d["id"] in pieces_of]
        truth = [np.concatenate(pieces_of[d["id"]]) for d in drawn]
        lines = predicted[k + 1]  # segment run counts frames from 1, in file-name order
        # Each predicted piece belongs to the true line holding most of its points within the tolerance.
        owner = []
        for p in lines:
            near = [int((nearest(p, t) <= tol).sum()) for t in truth]
            best = int(np.argmax(near)) if truth else -1
            owner.append(best if truth and near[best] >= 0.5 * len(p) else -1)
            if not truth or max(near) < 0.2 * len(p):
                false_lines.append(length(p))
        every = np.concatenate(lines) if lines else np.zeros((0, 2))
        for i, (t, d) in enumerate(zip(truth, drawn)):
            recall = float((nearest(t, every) <= tol).mean())
            size = sum(length(q) for q in pieces_of[d["id"]])
            rows.append((d["contrast"], size, d["line_width"], recall, owner.count(i)))

    r = np.array(rows)
    print(f"{len(frames)} images, {len(r)} true dislocations, tolerance {tol:g} px")
    print(f"recall: mean {r[:, 3].mean():.3f}, by length {np.sum(r[:, 3] * r[:, 1]) / r[:, 1].sum():.3f}")

    def table(name, column, edges, fmt):
        print(f"by {name}:")
        for lo, hi in zip(edges[:-1], edges[1:]):
            m = (r[:, column] >= lo) & (r[:, column] < hi)
            if m.any():
                print(f"  {fmt.format(lo)}–{fmt.format(hi)}: {int(m.sum()):4d} lines, recall {r[m, 3].mean():.3f}, "
                      f"missed {int((r[m, 3] < 0.3).sum())}")

    table("contrast", 0, [0, 0.2, 0.25, 0.3, 0.35, 0.4, 1.0], "{:.2f}")
    table("length (px)", 1, [0, 30, 60, 120, 250, 10000], "{:.0f}")
    table("line width (px)", 2, [0, 2, 2.5, 3, 10], "{:.1f}")
    found = r[:, 3] >= 0.3
    print(f"missed (recall < 0.3): {int((~found).sum())}, mean contrast {r[~found, 0].mean() if (~found).any() else 0:.3f}; "
          f"found in one piece: {int((found & (r[:, 4] <= 1)).sum())}, in several: {int((found & (r[:, 4] > 1)).sum())}")
    total = sum(length(p) for v in predicted.values() for p in v)
    fl = np.array(false_lines)
    print(f"false lines (< 20 % near a true line): {len(fl)}, {fl.sum():.0f} px of {total:.0f} px predicted"
          + (f", median length {np.median(fl):.0f} px" if len(fl) else ""))


if __name__ == "__main__":
    main()
