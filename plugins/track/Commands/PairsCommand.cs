using System.Globalization;
using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Plotting;
using Dislocate.Track.Analysis;
using Dislocate.Track.Lines;
using Dislocate.Track.Outputs;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Commands;

/// <summary><c>track pairs &lt;run folder&gt;</c>: distances between chosen tracks of an earlier run, or between the neighbours of every pileup (Fig. 15).</summary>
internal sealed class PairsCommand : IPluginCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly ParameterSpec<string> Input = Parameter.RequiredText("input", "Tracking results (folder)", "A folder written by 'track run' (its points.csv is read).", positional: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Folder for pairs.csv, pairs.json and distance_vs_frame.png.", required: true);

    private static readonly ParameterSpec<string> Tracks = Parameter.Text("tracks", "Track pairs (e.g. 3-5 5-7)", string.Empty, "Track pairs to measure, 'a-b' separated by spaces or commas; empty = neighbours in each pileup, from the leading one.");

    public CommandDescriptor Descriptor { get; } = new(
        "pairs",
        "Dislocation Pair Distances",
        "Track",
        "Distance over the frames between chosen tracks of a 'track run' folder, or between neighbouring dislocations of each pileup.",
        [
            Input,
            Out,
            Tracks,
            TrackParameters.Pixel,
            TrackParameters.Interval,
            TrackParameters.Tolerance,
            TrackParameters.Spacing,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.ResolvePath(parameters.Get(Input));
        var folder = parameters.Get(Out);
        var settings = TrackParameters.Settings(parameters);
        var chosen = ParsePairs(parameters.Get(Tracks));
        return Task.Run(
            () =>
            {
                var tracks = PointsTableReader.Read(Directory.Exists(input) ? Path.Combine(input, "points.csv") : input);
                var pairs = chosen.Count == 0 ? Neighbours(tracks, settings.Pileups) : Chosen(tracks, chosen);
                foreach (var p in pairs.Where(p => p.Distances.EmptyReason is not null))
                {
                    context.Log.Warn(p.Distances.EmptyReason!);
                }

                if (pairs.Count == 0)
                {
                    context.Log.Warn("No pileup of two or more tracks was found; name pairs with tracks=… to measure chosen tracks.");
                }

                Directory.CreateDirectory(folder);
                using (var writer = new AtomicTextWriter(Path.Combine(folder, "pairs.csv")))
                {
                    writer.WriteLine(TrackTables.PairsHeader);
                    foreach (var row in pairs.SelectMany(p => TrackTables.PairRows(p, settings.Scale)))
                    {
                        writer.WriteLine(row);
                    }

                    writer.Commit();
                }

                var result = new TrackingResult(0, 0, 0, tracks, [], [], [], pairs);
                ChartRenderer.WritePng(Path.Combine(folder, "distance_vs_frame.png"), ChartRenderer.RenderPng(TrackPlots.Distances(result, settings.Scale)));
                var json = new Dictionary<string, object?>
                {
                    ["plugin"] = "track",
                    ["version"] = TrackPlugin.Version,
                    ["command"] = "pairs",
                    ["input"] = input,
                    ["pairs"] = TrackJson.Pairs(pairs),
                };
                AtomicFile.WriteAllText(Path.Combine(folder, "pairs.json"), JsonSerializer.Serialize(json, Indented) + "\n");
                return CommandResult.Of(
                    string.Create(CultureInfo.InvariantCulture, $"Measured {pairs.Count} pair(s) of {tracks.Count} tracks; pairs.csv and distance_vs_frame.png in {folder}."),
                    new FileOutput("pairs", Path.Combine(folder, "pairs.csv")),
                    new FileOutput("plot", Path.Combine(folder, "distance_vs_frame.png")));
            },
            context.Cancellation);
    }

    /// <summary>Parses "3-5 5-7" or "3-5,5-7" into track-id pairs; throws a ParameterException naming 'tracks'.</summary>
    internal static IReadOnlyList<(int A, int B)> ParsePairs(string text)
    {
        var pairs = new List<(int, int)>();
        foreach (var item in text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b) || a <= 0 || b <= 0 || a == b)
            {
                throw new ParameterException(Tracks.Key, $"'{item}' is not a pair of two different track ids such as 3-5");
            }

            pairs.Add((a, b));
        }

        return pairs;
    }

    private static List<PileupPair> Neighbours(IReadOnlyList<TrackHistory> tracks, PileupOptions options) =>
        [.. PairDistances.Neighbours(PileupGrouping.Group(tracks, options), tracks)];

    private static List<PileupPair> Chosen(IReadOnlyList<TrackHistory> tracks, IReadOnlyList<(int A, int B)> chosen)
    {
        var byId = tracks.ToDictionary(t => t.Id);
        var pairs = new List<PileupPair>(chosen.Count);
        for (var k = 0; k < chosen.Count; k++)
        {
            var (a, b) = chosen[k];
            foreach (var id in new[] { a, b })
            {
                if (!byId.ContainsKey(id))
                {
                    throw new ParameterException(Tracks.Key, $"track {id} is not in the run (its tracks are {tracks[0].Id}..{tracks[^1].Id})");
                }
            }

            // Chosen pairs belong to no pileup (id 0); their rank is their position in the list.
            pairs.Add(new PileupPair(0, k + 1, PairDistances.Between(byId[a], byId[b])));
        }

        return pairs;
    }
}
