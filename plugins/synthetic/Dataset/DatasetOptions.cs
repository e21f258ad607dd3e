using Dislocate.Core.Jobs;

namespace Dislocate.Synthetic.Dataset;

/// <summary>Where and how a dataset is written.</summary>
/// <param name="Output">Dataset folder (created when missing).</param>
/// <param name="Count">Number of samples in the whole dataset (all shards together).</param>
/// <param name="Split">Fraction of samples in train/; the first round(Count·Split) indices are training samples, the rest test.</param>
/// <param name="Seed">Dataset master seed; sample i uses a seed derived from (Seed, i).</param>
/// <param name="ImageFormat">Image file format.</param>
/// <param name="MaskFormat">Mask file format.</param>
/// <param name="Labelme">Also write labelme JSON of the centre lines.</param>
/// <param name="Shard">Which part of the dataset this process writes.</param>
/// <param name="Threads">Worker threads (results do not depend on it).</param>
public sealed record DatasetOptions(
    string Output,
    long Count,
    double Split,
    ulong Seed,
    ImageFormat ImageFormat,
    MaskFormat MaskFormat,
    bool Labelme,
    Shard Shard,
    int Threads)
{
    /// <summary>Number of training samples.</summary>
    public long TrainCount => (long)Math.Round(this.Count * this.Split, MidpointRounding.AwayFromZero);
}
