#!/usr/bin/env python3
"""Convert PyTorch weights of segmentation_models_pytorch's UnetPlusPlus into a Dislocate segment model file.

The Dislocate model file (plugins/segment/Model/ModelFile.cs) is, with little-endian integers:

    b"DISLOCATE-SEGMENT-MODEL\\n"
    int32 format version (1)
    int32 byte length, then the metadata as UTF-8 JSON
    int64 byte length, then the weights in TorchSharp's state-dict format (its exportsd.py format):
        LEB128 entry count; per entry: LEB128 name length, UTF-8 name, LEB128 type code (PyTorch's ScalarType
        numbering: 4 int64, 6 float32, ...), LEB128 rank, LEB128 sizes, raw little-endian data.

Usage (needs PyTorch; the checkpoint is read with torch.load(weights_only=True), so no pickled code runs):

    python convert_state_dict.py unetpp.pth model.dislocate --encoder resnet50 --outputs 20

Accepted checkpoints: a state dict, or a dict holding one under "state_dict" or "model"; "module." prefixes are
removed. A 3-channel first convolution is summed over its input channels for the 1-channel model, as smp does for
in_channels=1. Missing BatchNorm num_batches_tracked entries are added as 0. The Dislocate plugin checks every name and
shape when it loads the file.

`--inspect FILE` prints a model file's metadata and weight names without PyTorch, and `--rewrite FILE OUT` re-encodes
one with this script's writer (a self-check that the writer and the plugin agree byte for byte).
"""

import argparse
import io
import json
import struct
import sys

MAGIC = b"DISLOCATE-SEGMENT-MODEL\n"
FORMAT_VERSION = 1
BASE_DECODER_CHANNELS = (256, 128, 64, 32, 16)
PLUGIN_VERSION = "0.1.0"

# PyTorch ScalarType codes used by TorchSharp's format, with element sizes.
TYPE_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 8, 5: 2, 6: 4, 7: 8, 11: 1, 15: 2}


def leb128(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def read_leb128(stream):
    result = shift = 0
    while True:
        byte = stream.read(1)
        if not byte:
            raise ValueError("file ends inside a number")
        result |= (byte[0] & 0x7F) << shift
        shift += 7
        if not byte[0] & 0x80:
            return result


def encode_weights(entries):
    """entries: list of (name, type_code, shape, raw_bytes) in the order to write."""
    out = io.BytesIO()
    out.write(leb128(len(entries)))
    for name, code, shape, raw in entries:
        encoded = name.encode("utf-8")
        out.write(leb128(len(encoded)))
        out.write(encoded)
        out.write(leb128(code))
        out.write(leb128(len(shape)))
        for size in shape:
            out.write(leb128(size))
        count = 1
        for size in shape:
            count *= size
        if len(raw) != count * TYPE_SIZES[code]:
            raise ValueError(f"{name}: {len(raw)} bytes for shape {list(shape)}")
        out.write(raw)
    return out.getvalue()


def decode_weights(data):
    stream = io.BytesIO(data)
    entries = []
    for _ in range(read_leb128(stream)):
        name = stream.read(read_leb128(stream)).decode("utf-8")
        code = read_leb128(stream)
        shape = [read_leb128(stream) for _ in range(read_leb128(stream))]
        count = 1
        for size in shape:
            count *= size
        raw = stream.read(count * TYPE_SIZES[code])
        entries.append((name, code, shape, raw))
    if stream.read(1):
        raise ValueError("bytes left after the last weight")
    return entries


def write_model(path, metadata, entries):
    text = json.dumps(metadata, indent=2, ensure_ascii=False).encode("utf-8")
    weights = encode_weights(entries)
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<i", FORMAT_VERSION))
        f.write(struct.pack("<i", len(text)))
        f.write(text)
        f.write(struct.pack("<q", len(weights)))
        f.write(weights)


def read_model(path):
    with open(path, "rb") as f:
        if f.read(len(MAGIC)) != MAGIC:
            raise SystemExit(f"{path}: not a Dislocate segmentation model")
        (version,) = struct.unpack("<i", f.read(4))
        if version > FORMAT_VERSION:
            raise SystemExit(f"{path}: model format {version} is newer than this script ({FORMAT_VERSION})")
        (length,) = struct.unpack("<i", f.read(4))
        metadata = json.loads(f.read(length).decode("utf-8"))
        (weight_length,) = struct.unpack("<q", f.read(8))
        data = f.read()
        if len(data) != weight_length:
            raise SystemExit(f"{path}: weights declare {weight_length} bytes, {len(data)} follow")
    return metadata, decode_weights(data)


def decoder_channels(scale):
    # Same rounding as ModelSpec.DecoderChannels: round half away from zero, at least 1.
    return [max(1, int(c * scale + 0.5)) for c in BASE_DECODER_CHANNELS]


def infer_encoder(names):
    if "encoder.layer1.0.conv3.weight" in names:
        return "resnet50"
    return "resnet34" if "encoder.layer3.5.conv1.weight" in names else "resnet18"


def convert(args):
    import torch  # only the conversion itself needs PyTorch

    checkpoint = torch.load(args.checkpoint, map_location="cpu", weights_only=True)
    for key in ("state_dict", "model"):
        if isinstance(checkpoint, dict) and isinstance(checkpoint.get(key), dict):
            checkpoint = checkpoint[key]
    state = {}
    for name, tensor in checkpoint.items():
        name = name[len("module."):] if name.startswith("module.") else name
        if name.startswith("encoder.fc."):
            continue  # torchvision's classifier; smp deletes it, the plugin has none
        state[name] = tensor.detach().cpu()

    encoder = args.encoder or infer_encoder(state)
    head = state.get("segmentation_head.0.weight")
    if head is None:
        raise SystemExit("no segmentation_head.0.weight: not an smp UnetPlusPlus state dict")
    outputs = head.shape[0]
    if args.outputs is not None and args.outputs != outputs:
        raise SystemExit(f"the head has {outputs} outputs, not {args.outputs}")
    expected = decoder_channels(args.decoder_scale)
    found = [state[f"decoder.blocks.x_0_{i}.conv1.0.weight"].shape[0] for i in range(5)]
    if found != expected:
        raise SystemExit(f"decoder channels {found} do not match --decoder-scale {args.decoder_scale} ({expected})")

    first = state["encoder.conv1.weight"]
    if first.shape[1] != 1:
        # smp's patch_first_conv for in_channels=1 sums the RGB filters.
        state["encoder.conv1.weight"] = first.sum(dim=1, keepdim=True)
    for name in list(state):
        if name.endswith(".running_var"):
            tracked = name[: -len("running_var")] + "num_batches_tracked"
            state.setdefault(tracked, torch.zeros((), dtype=torch.int64))

    codes = {torch.float32: 6, torch.int64: 4}
    entries = []
    for name, tensor in state.items():
        if tensor.dtype not in codes:
            tensor = tensor.float()
        entries.append((name, codes[tensor.dtype], list(tensor.shape), tensor.contiguous().numpy().tobytes()))

    training = {"source": args.checkpoint, "converted_by": "packaging/tools/convert_state_dict.py"}
    for note in args.note:
        key, _, value = note.partition("=")
        training[key] = value
    metadata = {
        "plugin_version": PLUGIN_VERSION,
        "spec": {"encoder": encoder, "outputs": outputs, "decoder_scale": args.decoder_scale, "input_channels": 1},
        "normalisation": {
            "mode": args.normalisation,
            "mean": args.mean,
            "std": args.std,
            "min_std": args.min_std,
        },
        "tile_size": args.tile_size,
        "training": dict(sorted(training.items())),
    }
    write_model(args.output, metadata, entries)
    print(f"wrote {args.output}: UNet++ {encoder}, {outputs} outputs, {len(entries)} tensors")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", nargs="?", help="PyTorch state dict (.pth/.pt) of smp.UnetPlusPlus")
    parser.add_argument("output", nargs="?", help="model file to write (.dislocate)")
    parser.add_argument("--encoder", choices=["resnet18", "resnet34", "resnet50"], help="default: from the weight names")
    parser.add_argument("--outputs", type=int, help="check the head has this many outputs")
    parser.add_argument("--decoder-scale", type=float, default=1.0)
    parser.add_argument("--tile-size", type=int, default=512, help="training tile size, a multiple of 32")
    parser.add_argument("--normalisation", choices=["per_image", "fixed"], default="per_image")
    parser.add_argument("--mean", type=float, default=0.0, help="fixed normalisation mean")
    parser.add_argument("--std", type=float, default=1.0, help="fixed normalisation std")
    parser.add_argument("--min-std", type=float, default=0.01, help="per-image std floor")
    parser.add_argument("--note", action="append", default=[], metavar="KEY=VALUE", help="training metadata entry")
    parser.add_argument("--inspect", metavar="FILE", help="print a model file's metadata and weights")
    parser.add_argument("--rewrite", nargs=2, metavar=("FILE", "OUT"), help="re-encode a model file (self-check)")
    args = parser.parse_args()
    if args.inspect:
        metadata, entries = read_model(args.inspect)
        print(json.dumps(metadata, indent=2, ensure_ascii=False))
        for name, code, shape, _ in entries:
            print(f"{name} type {code} shape {shape}")
        return 0
    if args.rewrite:
        metadata, entries = read_model(args.rewrite[0])
        write_model(args.rewrite[1], metadata, entries)
        return 0
    if not args.checkpoint or not args.output:
        parser.error("give a checkpoint and an output file (or --inspect / --rewrite)")
    if args.tile_size % 32 or args.tile_size < 32:
        parser.error("--tile-size must be a positive multiple of 32")
    convert(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
