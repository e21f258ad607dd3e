using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Hosting.Parameters;
using Dislocate.ImageJ.Tests.Fixtures;

namespace Dislocate.ImageJ.Tests;

[Collection(ImageJGroup.Name)]
public sealed class HeadlessMacroTests(ImageJFixture fixture)
{
    private readonly ImageJSession ij = fixture.Session;

    private static double[] Numbers(string text) =>
        text.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private MacroOutcome Ok(string macro)
    {
        var outcome = this.ij.RunMacro(macro);
        Assert.True(outcome.Succeeded, outcome.Text);
        return outcome;
    }

    [Fact]
    public void About_ListsTheVersions_WhereCommandsRun_TheCitation_AndTheLicence()
    {
        var log = this.Ok("""
            run("About Dislocate");
            return call("dislocate.bridge.About_Dislocate.text");
            """).Text;
        Assert.Contains($"dislocate 0.1.0 (host API {Contracts.HostApi.Current})", log, StringComparison.Ordinal);
        Assert.Contains("synthetic 0.1.0", log, StringComparison.Ordinal);
        Assert.Contains("Commands run in this process", log, StringComparison.Ordinal);
        Assert.Contains("Please cite: Govind K.", log, StringComparison.Ordinal);
        Assert.Contains("Licence:", log, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageJ_Is_1_53()
    {
        Assert.StartsWith("1.53", this.ij.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratorCommand_InAMacro_GivesTheStackTableAndPixelsOfTheDirectCall()
    {
        const string Options = "count=3 width=64 height=64 slip_width=20..40 seed=5";
        var outcome = this.Ok($$"""
            run("Synthetic Stack", "{{Options}}");
            main = getTitle();
            plot = isOpen("Synthetic lengths");
            getStatistics(area, mean, min, max);
            return "" + getWidth() + "," + getHeight() + "," + nSlices + "," + mean + "," + min + "," + max + "," + nResults + "," + getResult("id", 0) + "," + (main == "Synthetic") + "," + plot;
            """);
        var v = Numbers(outcome.Text);
        Assert.Equal([64, 64, 3], v[..3]);

        // The known answer: the same command called directly from .NET with the same option string.
        var command = fixture.Registry.Find("Synthetic Stack")!;
        var values = ParameterBinder.BindImageJ(command.Command.Descriptor, Options, Path.GetTempPath());
        var result = await command.Command.ExecuteAsync(values, CommandContext.Silent());
        var first = ((ImageStackOutput)result.Outputs[0]).Planes[0];
        Assert.Equal(first.Average(p => (double)p), v[3], 4);
        Assert.Equal(first.Min(), v[4], 6);
        Assert.Equal(first.Max(), v[5], 6);
        Assert.Equal(((TableOutput)result.Outputs[2]).Rows.Count, v[6]);
        Assert.Equal(1, v[7]);
        Assert.Equal(1, v[8]); // The main output is the active image...
        Assert.Equal(1, v[9]); // ...and the lengths plot is open too.
    }

    [Fact]
    public void Pixels_Calibration_Rois_AndTables_CrossBothWaysExactly()
    {
        var outcome = this.Ok("""
            newImage("ramp", "16-bit ramp", 40, 30, 2, 3, 1);
            setVoxelSize(0.5, 0.5, 1, "nm");
            Stack.setPosition(2, 3, 1);
            v = getPixel(7, 5);
            run("Echo Image", "add=0.5 table");
            t = getTitle();
            Stack.getDimensions(w, h, c, s, f);
            Stack.setPosition(2, 3, 1);
            return t + "," + w + "," + h + "," + c + "," + s + "," + f + "," + v + "," + getPixel(7, 5) + "," + getResultString("unit", 0) + "," + getResult("pixel_width", 0) + "," + Overlay.size;
            """);
        var f = outcome.Text.Split(',');
        Assert.Equal("echo of ramp", f[0]);
        Assert.Equal(["40", "30", "2", "3", "1"], f[1..6]);
        Assert.Equal(double.Parse(f[6], CultureInfo.InvariantCulture) + 0.5, double.Parse(f[7], CultureInfo.InvariantCulture));
        Assert.Equal("nm", f[8]);
        Assert.Equal("0.5", f[9]);
        Assert.Equal("1", f[10]);
        Assert.Equal(0, ImageJSession.LiveResults);
    }

    [Fact]
    public void RecordedOptionString_RoundTrips()
    {
        // What ImageJ's recorder writes for a dialog is what the binder reads back, value for value.
        var command = fixture.Registry.Find("synthetic stack")!;
        var values = ParameterBinder.Bind(command.Command.Descriptor, new Dictionary<string, string> { ["count"] = "2", ["o1"] = "12.5..40", ["profile"] = "fringe", ["width"] = "48", ["height"] = "48", ["slip_width"] = "10..30" }, "/tmp");
        var recorded = ParameterBinder.ToOptionString(values);
        var again = ParameterBinder.BindImageJ(command.Command.Descriptor, recorded, "/elsewhere");
        foreach (var key in values.Keys)
        {
            Assert.Equal(ParameterSpec.Format(values.Get(key)!), ParameterSpec.Format(again.Get(key)!));
        }

        var outcome = this.Ok($"run(\"Synthetic Stack\", \"{recorded}\"); return \"\" + nSlices + \",\" + getWidth();");
        Assert.Equal("2,48", outcome.Text);
    }

    [Theory]
    [InlineData("run(\"Synthetic Stack\", \"count=2 o1=0..5\");", "o1: 0 is outside 1..10000")]
    [InlineData("run(\"Synthetic Stack\", \"cuont=2\");", "unknown option")]
    [InlineData("run(\"Synthetic Stack\", \"count=2 out=[x\");", "closing ']'")]
    [InlineData("close(\"*\"); run(\"Echo Image\");", "image")]
    public void BadOptions_AbortTheMacro_WithTheMessage(string macro, string expected)
    {
        var outcome = this.ij.RunMacro(macro + "\nreturn \"not reached\";");
        Assert.False(outcome.Succeeded);
        Assert.Contains(expected, outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DotNetException_BecomesAnImageJError_AndTheNextCommandStillWorks()
    {
        var failed = this.ij.RunMacro("run(\"Faulty Command\");");
        Assert.False(failed.Succeeded);
        // The user reads the problem in words, not the .NET type (FailureText).
        Assert.Contains("unexpected error: Object reference not set", failed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("NullReferenceException", failed.Text, StringComparison.Ordinal);
        var next = this.Ok("newImage(\"x\", \"32-bit black\", 8, 8, 1); run(\"Echo Image\", \"add=2\"); return \"\" + getPixel(3, 3);");
        Assert.Equal("2", next.Text);
    }
}
