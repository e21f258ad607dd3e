using System.Globalization;
using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Track.Linking;
using Dislocate.Track.Outputs;

namespace Dislocate.Track.Commands;

/// <summary><c>track score &lt;run folder&gt; --truth &lt;run folder&gt;</c>: line detection and identity scores of a tracking run against ground truth.</summary>
internal sealed class ScoreCommand : IPluginCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly ParameterSpec<string> Input = Parameter.RequiredText("input", "Tracking results (folder)", "The run to score (its points.csv is read).", positional: true);

    private static readonly ParameterSpec<string> Truth = Parameter.RequiredText("truth", "True tracks (folder)", "A run over ground-truth masks whose labels are the true ids (e.g. 'track run' on the generator's sequence masks).");

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (JSON file)", ParameterKind.OutputFile, "Where to write the scores as JSON.", required: true);

    private static readonly ParameterSpec<double> Gate = Parameter.Real("gate", "Largest jump (px per frame)", 10, 0.1, 100000, "A predicted and a true line farther apart than this (symmetric mean distance) never match.");

    public CommandDescriptor Descriptor { get; } = new(
        "score",
        "Score Dislocation Tracks",
        "Track",
        "Compare a 'track run' folder with one made from ground-truth masks (labels = true ids): matched, missed and spurious lines, identity switches, id accuracy.",
        [
            Input,
            Truth,
            Out,
            Gate,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.ResolvePath(parameters.Get(Input));
        var truth = context.ResolvePath(parameters.Get(Truth));
        var output = parameters.Get(Out);
        var gate = parameters.Get(Gate);
        return Task.Run(
            () =>
            {
                var predicted = PointsTableReader.Read(PointsFile(input));
                var expected = PointsTableReader.Read(PointsFile(truth));
                var e = TrackEvaluation.Compare(predicted, expected, gate);
                var id = e.Identity;
                var json = new Dictionary<string, object?>
                {
                    ["plugin"] = "track",
                    ["version"] = TrackPlugin.Version,
                    ["command"] = "score",
                    ["input"] = input,
                    ["truth"] = truth,
                    ["gate_px"] = gate,
                    ["frames"] = e.Frames,
                    ["matched"] = e.Matched,
                    ["missed"] = e.Missed,
                    ["spurious"] = e.Spurious,
                    ["precision"] = CsvNumbers.Json(e.Precision),
                    ["recall"] = CsvNumbers.Json(e.Recall),
                    ["mean_distance_px"] = CsvNumbers.Json(e.MeanDistance),
                    ["true_tracks"] = id?.TrueTracks,
                    ["predicted_tracks"] = id?.PredictedTracks,
                    ["identity_switches"] = id?.IdentitySwitches,
                    ["fragmentations"] = id?.Fragmentations,
                    ["merges"] = id?.Merges,
                    ["id_accuracy"] = CsvNumbers.Json(id?.IdAccuracy),
                };
                var folder = Path.GetDirectoryName(Path.GetFullPath(output));
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                AtomicFile.WriteAllText(output, JsonSerializer.Serialize(json, Indented) + "\n");
                if (id is null)
                {
                    context.Log.Warn("No predicted line lies within the gate of a true line; identity cannot be scored.");
                }

                return CommandResult.Of(
                    string.Create(CultureInfo.InvariantCulture, $"{e.Matched} of {e.Matched + e.Missed} true lines found ({e.Spurious} spurious) in {e.Frames} frames; identity switches {id?.IdentitySwitches.ToString(CultureInfo.InvariantCulture) ?? "-"}, id accuracy {id?.IdAccuracy.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"}."),
                    new FileOutput("score", output));
            },
            context.Cancellation);
    }

    private static string PointsFile(string path) => Directory.Exists(path) ? Path.Combine(path, "points.csv") : path;
}
