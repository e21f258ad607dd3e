using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Segment.Inference;

/// <summary>What <see cref="ShardMerge.Merge"/> joined.</summary>
/// <param name="Shards">Shards joined (N).</param>
/// <param name="Frames">Frames in the joined tables.</param>
/// <param name="Dislocations">Rows of the joined dislocations table.</param>
internal sealed record ShardMergeResult(int Shards, int Frames, int Dislocations);

/// <summary>
/// Joins the tables of a sharded <c>segment run</c> (<c>dislocations.shard-i-of-N.csv</c>, <c>lines…</c> and
/// <c>segmentation…json</c>, written by N runs with <c>--shard i/N</c> into one folder) into the files one unsharded run
/// writes: rows and frames in frame order, the JSON's <c>options.shard</c> set to <c>0/1</c>.
/// </summary>
/// <remarks>
/// Every shard 0…N−1 must be there, from the same input and model; the per-frame files (labels/, masks/, labelme/) are
/// already shared by the shards. The tables equal an unsharded run's byte for byte; the JSON does too except
/// <c>options.phases_seconds</c>, which holds the shards' times summed (the work done, not the wall time). The shard
/// files are left in place; existing merged files are replaced only when asked, each written whole (temp file, then
/// rename).
/// </remarks>
internal static partial class ShardMerge
{
    /// <summary>Joins the shards in <paramref name="folder"/>.</summary>
    public static ShardMergeResult Merge(string folder, bool replace, CancellationToken cancellation = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputFileException(folder, null, "folder not found");
        }

        var shards = FindShards(folder);
        var count = shards.Count;
        foreach (var target in new[] { "dislocations.csv", "lines.csv", "segmentation.json" })
        {
            if (!replace && File.Exists(Path.Combine(folder, target)))
            {
                throw new ParameterException("replace", $"{Path.Combine(folder, target)} exists already; remove it or set replace to replace it");
            }
        }

        var documents = shards.Select(s => ReadJson(s)).ToArray();
        CheckSameRun(documents, shards);
        cancellation.ThrowIfCancellationRequested();

        var dislocations = JoinTable(folder, "dislocations", SegmentationOutputs.DislocationsHeader, count);
        cancellation.ThrowIfCancellationRequested();
        JoinTable(folder, "lines", SegmentationOutputs.LinesHeader, count);

        var merged = documents[0].DeepClone().AsObject();
        var frames = documents.SelectMany(d => d["frames"]!.AsArray().Select(f => f!.DeepClone())).OrderBy(f => f!["frame"]!.GetValue<int>()).ToArray();
        var options = merged["options"]!.AsObject();
        options["shard"] = "0/1";
        if (options["phases_seconds"] is JsonObject)
        {
            var sums = new JsonObject();
            foreach (var d in documents)
            {
                foreach (var (phase, seconds) in d["options"]!["phases_seconds"]!.AsObject())
                {
                    var before = sums[phase]?.GetValue<double>() ?? 0;
                    sums[phase] = Math.Round(before + seconds!.GetValue<double>(), 3);
                }
            }

            options["phases_seconds"] = sums;
        }

        merged["frames"] = new JsonArray(frames);
        AtomicFile.WriteAllBytes(Path.Combine(folder, "segmentation.json"), JsonSerializer.SerializeToUtf8Bytes(merged, Indented));
        return new ShardMergeResult(count, frames.Length, dislocations);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [GeneratedRegex(@"^segmentation\.shard-(\d+)-of-(\d+)\.json$")]
    private static partial Regex ShardJson();

    /// <summary>The shards' JSON files in shard order; errors say which are missing or mixed.</summary>
    private static List<string> FindShards(string folder)
    {
        var found = new List<(int Index, int Count, string Path)>();
        foreach (var file in Directory.EnumerateFiles(folder, "segmentation.shard-*.json"))
        {
            var m = ShardJson().Match(Path.GetFileName(file));
            if (m.Success && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var i) && int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var n))
            {
                found.Add((i, n, file));
            }
        }

        if (found.Count == 0)
        {
            throw new InputFileException(folder, null, "holds no shard of a 'segment run --shard i/N' (segmentation.shard-i-of-N.json); a shard writes it when it has finished");
        }

        var counts = found.Select(f => f.Count).Distinct().Order().ToArray();
        if (counts.Length > 1)
        {
            throw new InputFileException(folder, null, $"holds shards of runs split {string.Join(" and ", counts.Select(c => $"{c} ways"))}; keep one run's shards in a folder");
        }

        var total = counts[0];
        var missing = Enumerable.Range(0, total).Except(found.Select(f => f.Index)).ToArray();
        if (missing.Length > 0)
        {
            throw new InputFileException(folder, null, $"lacks shard(s) {string.Join(", ", missing.Select(i => $"{i}/{total}"))} of {total}: run them (or let them finish) first");
        }

        return found.OrderBy(f => f.Index).Select(f => f.Path).ToList();
    }

    private static JsonObject ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path))?.AsObject() ?? throw new InputFileException(path, null, "is empty JSON");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InputFileException(path, null, $"is not a 'segment run' record: {e.Message}");
        }
    }

    private static void CheckSameRun(JsonObject[] documents, List<string> paths)
    {
        string Key(JsonObject d) => $"{d["input"]}|{d["model"]?["file"]}";
        for (var i = 1; i < documents.Length; i++)
        {
            if (documents[i]["frames"] is not JsonArray || Key(documents[i]) != Key(documents[0]))
            {
                throw new InputFileException(paths[i], null, $"is not from the same input and model as {Path.GetFileName(paths[0])}");
            }
        }

        if (documents[0]["frames"] is not JsonArray)
        {
            throw new InputFileException(paths[0], null, "has no frames list");
        }
    }

    /// <summary>Writes NAME.csv from NAME.shard-i-of-N.csv, rows in frame order (stable within a frame); returns the row count.</summary>
    private static int JoinTable(string folder, string name, string header, int count)
    {
        var rows = new List<(int Frame, string Line)>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(folder, $"{name}.shard-{i}-of-{count}.csv");
            if (!File.Exists(path))
            {
                throw new InputFileException(path, null, "is missing (its shard's JSON is there: was the folder changed?)");
            }

            using var reader = new StreamReader(path);
            if (reader.ReadLine() != header)
            {
                throw new InputFileException(path, "line 1", $"is not the header '{header}'");
            }

            var number = 1;
            while (reader.ReadLine() is { } line)
            {
                number++;
                var comma = line.IndexOf(',', StringComparison.Ordinal);
                if (comma <= 0 || !int.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var frame))
                {
                    throw new InputFileException(path, $"line {number}", "does not start with a frame number");
                }

                rows.Add((frame, line));
            }
        }

        using var writer = new AtomicTextWriter(Path.Combine(folder, $"{name}.csv"));
        writer.WriteLine(header);
        foreach (var row in rows.OrderBy(r => r.Frame))
        {
            writer.WriteLine(row.Line);
        }

        writer.Commit();
        return rows.Count;
    }
}
