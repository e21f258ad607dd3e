#!/usr/bin/env python3
"""Hostile inputs through the `dislocate` command line, as users meet them: seeded mutations of valid files given to
the commands that read them, each run as its own process under a time limit, with peak memory from /usr/bin/time.

A case passes when the process exits 0, 1 or 2 within the limit, under the memory limit, leaves its input file as it
was, and its standard error holds no .NET stack trace ("   at "), no "Unhandled exception" and no internal exception
type name (…Exception), and, when it fails, a message naming the input file. Prints counts per command and outcome and every failing case; exits 1 when
any case failed.

Usage: cli_probe.py DISLOCATE SEEDS_FOLDER WORK_FOLDER [CASES=300]
SEEDS_FOLDER holds the valid files (written by make-seeds.sh): frame.png, stack.tif, labels.tif, params.json,
preset.json, points.csv, truth.csv, model.dislocate. CI runs a few cases (tests/Host.Tests/Cli/HostileCliTests.cs); run.sh the full set.
"""
import os
import random
import re
import subprocess
import sys
import time

TIME_LIMIT_S = 60
MEMORY_LIMIT_KB = 2 * 1024 * 1024
INTERNAL = re.compile(r"\b(System\.)?[A-Z][A-Za-z]*Exception\b")
EXTREMES = ["0", "-1", "1e308", "-1e308", "1e400", "2147483648", "18446744073709551616", '"NaN"', "null", "[]"]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One seeded mutation: truncation, bit flips, an extreme 32-bit field, a zeroed or random block, appended bytes,
    or (text files) numbers replaced by extreme values."""
    b = bytearray(data)
    text = all(c >= 9 and not 14 <= c <= 31 for c in data[:4096])
    kind = rng.randrange(7 if text else 6)
    if kind == 0:
        cut = rng.randrange(len(b))
        return f"truncated to {cut}", bytes(b[:cut])
    if kind == 1:
        n = rng.randrange(1, 9)
        for _ in range(n):
            b[rng.randrange(min(len(b), 512) if rng.random() < 0.5 else len(b))] ^= 1 << rng.randrange(8)
        return f"{n} bit flips", bytes(b)
    if kind == 2:
        at = rng.randrange(max(1, min(len(b) - 4, 1024)))
        value = rng.choice([0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF, 65536])
        b[at:at + 4] = value.to_bytes(4, "little")
        return f"extreme field at {at}", bytes(b)
    if kind == 3:
        start = rng.randrange(len(b))
        length = min(len(b) - start, rng.randrange(1, 256))
        b[start:start + length] = bytes(length)
        return f"{length} bytes zeroed at {start}", bytes(b)
    if kind == 4:
        start = rng.randrange(len(b))
        length = min(len(b) - start, rng.randrange(1, 4096))
        b[start:start + length] = bytes(rng.randrange(256) for _ in range(length))
        return f"{length} random bytes at {start}", bytes(b)
    if kind == 5:
        tail = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20000)))
        return f"{len(tail)} bytes appended", bytes(b) + tail
    s = data.decode("utf-8", "replace")
    numbers = list(re.finditer(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", s))
    if not numbers:
        return "no number", data
    m = rng.choice(numbers)
    value = rng.choice(EXTREMES)
    return f"{m.group()}->{value} at {m.start()}", (s[:m.start()] + value + s[m.end():]).encode()


def main() -> int:
    dislocate, seeds, work = sys.argv[1], sys.argv[2], sys.argv[3]
    cases = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    os.makedirs(work, exist_ok=True)
    # (seed file, case file extension, command line with {f} for the case file and {o} for an output folder)
    commands = [
        ("labels.tif", ".tif", "track image {f}"),
        ("stack.tif", ".tif", "track run {f} --out {o}"),
        ("stack.tif", ".tif", "segment run {f} --out {o} --engine onnx --threads 1"),
        ("frame.png", ".png", "synthetic overlay {f}"),
        ("params.json", ".json", "synthetic replay {f} --out {o}"),
        ("preset.json", ".json", "synthetic generate --preset {f} --out {o} --count 1 --width 96 --height 96"),
        ("points.csv", ".csv", "track score {f} --truth " + os.path.join(seeds, "truth.csv") + " --out {o}/score.json"),
        ("model.dislocate", ".dislocate", "segment run " + os.path.join(seeds, "frame.png") + " --model {f} --out {o} --engine onnx --threads 1"),
    ]
    rng = random.Random(20261207)
    counts: dict[str, int] = {}
    failures = []
    slowest = 0.0
    largest = 0
    for k in range(cases):
        seed, ext, line = commands[k % len(commands)]
        with open(os.path.join(seeds, seed), "rb") as fh:
            mutation, data = mutate(fh.read(), rng)
        case = os.path.join(work, f"case-{k:05d}{ext}")
        out = os.path.join(work, f"out-{k:05d}")
        with open(case, "wb") as fh:
            fh.write(data)
        argv = ["/usr/bin/time", "-f", "%M", "timeout", "-s", "KILL", str(TIME_LIMIT_S), dislocate, "--quiet",
                "--output-dir", out] + line.format(f=case, o=out).split()
        start = time.monotonic()
        done = subprocess.run(argv, capture_output=True, text=True, errors="replace")
        elapsed = time.monotonic() - start
        stderr_lines = done.stderr.rstrip("\n").split("\n")
        peak_kb = int(stderr_lines[-1]) if stderr_lines and stderr_lines[-1].isdigit() else -1
        stderr = "\n".join(stderr_lines[:-1])
        slowest, largest = max(slowest, elapsed), max(largest, peak_kb)
        name = line.split()[0] + " " + line.split()[1] + (" --model" if "--model {f}" in line else "")
        problem = None
        if done.returncode not in (0, 1, 2):
            problem = f"exit {done.returncode}"
        elif open(case, "rb").read() != data:
            problem = "the input file was changed"
        elif peak_kb > MEMORY_LIMIT_KB:
            problem = f"peak {peak_kb // 1024} MB"
        elif "   at " in stderr or "Unhandled exception" in stderr:
            problem = "stack trace"
        elif INTERNAL.search(stderr):
            problem = "internal exception type: " + INTERNAL.search(stderr).group()
        elif done.returncode != 0 and case not in stderr:
            problem = "the message does not name the file"
        outcome = "FAILED" if problem else ("accepted" if done.returncode == 0 else "refused")
        counts[f"{name} {outcome}"] = counts.get(f"{name} {outcome}", 0) + 1
        if problem:
            failures.append(f"case {k} ({name}, {mutation}): {problem}: {stderr.strip()[:400]}")
        else:
            os.remove(case)
            subprocess.run(["rm", "-rf", out])
    print(f"{cases} command-line cases; slowest {slowest:.1f} s; largest peak {largest // 1024} MB")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
