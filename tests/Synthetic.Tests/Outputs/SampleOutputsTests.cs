using Dislocate.Contracts;
using Dislocate.Synthetic.Outputs;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Synthetic.Tests.Outputs;

public class SampleOutputsTests
{
    [Fact]
    public void Sequence_GivesAFramesHyperstack_MasksPerInstanceChannel_RowsRoisAndPlot()
    {
        var settings = TestData.Small with { Sequence = SequenceSettings.Default with { Frames = 5 } };
        var frames = new SyntheticSampleSource(settings, 3).GetFrames(0);
        var outputs = SampleOutputs.Create("Seq", frames, asFrames: true);
        var image = Assert.IsType<ImageStackOutput>(outputs[0]);
        var masks = Assert.IsType<ImageStackOutput>(outputs[1]);
        var table = Assert.IsType<TableOutput>(outputs[2]);
        var plot = Assert.IsType<PlotOutput>(outputs[3]);
        var instances = frames[0].Masks.Count;
        Assert.Equal((1, 1, 5), (image.Channels, image.Slices, image.Frames));
        Assert.Equal((instances, 1, 5), (masks.Channels, masks.Slices, masks.Frames));
        Assert.Equal(instances * 5, masks.Planes.Count);

        // Channel k of frame f is instance k+1's mask in that frame (0/255 as floats).
        for (var f = 0; f < 5; f++)
        {
            for (var k = 0; k < instances; k++)
            {
                Assert.Equal(frames[f].Masks[k].Select(b => (float)b), masks.Planes[(f * instances) + k]);
            }
        }

        Assert.All(table.Rows, r => Assert.InRange((int)r[0], 1, 5));
        Assert.All(image.Rois!, r => Assert.InRange(r.Frame, 1, 5));
        Assert.Equal(table.Rows.Select(r => (int)r[1]).Distinct().Count(), plot.Series.Count);
        Assert.Equal(table.Rows.Count, plot.Series.Sum(s => s.X.Length));
    }
}
