using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Hosting.Parameters;
using Dislocate.ImageJ.Tests.Fixtures;

namespace Dislocate.ImageJ.Tests;

/// <summary>The track plugin's ImageJ command in a headless macro, on the mask hyperstack the generator's command makes.</summary>
[Collection(ImageJGroup.Name)]
public sealed class TrackMacroTests(ImageJFixture fixture)
{
    private const string Scene = "frames=6 width=128 height=128 pileups=1..1 per_pileup=3..3 slip_width=40..60 spacing=10..14 seed=3";

    [Fact]
    public void EveryTableOfTrack_CanBeSavedByItsTitle_Headless()
    {
        var folder = TempFolder.Create();
        var outcome = fixture.Session.RunMacro($$"""
            run("Synthetic Stack", "{{Scene}}");
            selectWindow("Synthetic masks");
            run("Track Dislocations", "pixel=2 interval=0.5");
            call("dislocate.bridge.Tables.save", "Track summary", "{{folder}}/summary.csv");
            call("dislocate.bridge.Tables.save", "Pair distances", "{{folder}}/pairs.csv");
            call("dislocate.bridge.Tables.save", "Tracks", "{{folder}}/tracks.csv");
            return "saved";
            """);
        Assert.True(outcome.Succeeded, outcome.Text);
        Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(folder, "summary.csv")).Length); // header + three tracks
        Assert.Contains("pileup", File.ReadAllLines(Path.Combine(folder, "pairs.csv"))[0], StringComparison.Ordinal);
        Assert.Equal(1 + (3 * 6), File.ReadAllLines(Path.Combine(folder, "tracks.csv")).Length);

        var missing = fixture.Session.RunMacro("""call("dislocate.bridge.Tables.save", "No such table", "/tmp/x.csv");""");
        Assert.False(missing.Succeeded);
        Assert.Contains("no table titled 'No such table'", missing.Text, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TrackDislocations_OnTheGeneratedMasks_GivesOneTrackPerDislocationAsTheDirectCallDoes()
    {
        var outcome = fixture.Session.RunMacro($$"""
            run("Synthetic Stack", "{{Scene}}");
            selectWindow("Synthetic masks");
            getDimensions(w, h, c, z, t);
            run("Track Dislocations", "pixel=2 interval=0.5");
            title = getTitle();
            getMinAndMax(lo, hi);
            Stack.getStatistics(n, mean, min, max);
            return title + "," + c + "," + t + "," + nSlices + "," + max;
            """);
        Assert.True(outcome.Succeeded, outcome.Text);
        var parts = outcome.Text.Split(',');
        Assert.Equal("Synthetic masks tracks", parts[0]);
        var channels = int.Parse(parts[1], CultureInfo.InvariantCulture);
        Assert.Equal(3, channels);
        Assert.Equal("6", parts[2]);
        Assert.Equal("6", parts[3]);

        // The known answer: the direct call on the same masks links three tracks, and the track stack's largest value
        // (the highest track id) is that count.
        var stack = await fixture.Registry.Find("Synthetic Stack")!.Command.ExecuteAsync(
            ParameterBinder.BindImageJ(fixture.Registry.Find("Synthetic Stack")!.Command.Descriptor, Scene, Path.GetTempPath()), CommandContext.Silent());
        var masks = (ImageStackOutput)stack.Outputs[1];
        var image = new ImageData("Synthetic masks", masks.Width, masks.Height, masks.Channels, masks.Slices, masks.Frames, masks.Planes, 8);
        var track = fixture.Registry.Find("Track Dislocations")!.Command;
        var values = ParameterBinder.Bind(track.Descriptor, new Dictionary<string, string> { ["pixel"] = "2", ["interval"] = "0.5" }, Path.GetTempPath(), images: new Dictionary<string, ImageData> { ["image"] = image });
        var result = await track.ExecuteAsync(values, CommandContext.Silent());
        var summary = result.Outputs.OfType<TableOutput>().Single(t => t.Name == "Track summary");
        Assert.Equal(3, summary.Rows.Count);
        Assert.Equal(3.0, double.Parse(parts[4], CultureInfo.InvariantCulture));
    }
}
