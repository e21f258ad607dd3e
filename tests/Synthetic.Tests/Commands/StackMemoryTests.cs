using Dislocate.Contracts;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Commands;

/// <summary>Synthetic Stack refuses, before rendering, a stack that cannot fit in memory (issue 13: 100,000 frames took 15 GB).</summary>
public sealed class StackMemoryTests
{
    private const long TwelveGigabytes = 12_000_000_000;

    [Fact]
    public void AHundredThousandFramesOf64_AreRefused_NamingFramesAndTheWayOut()
    {
        var settings = GeneratorSettings.Default with { Width = 64, Height = 64, Sequence = GeneratorSettings.Default.Sequence with { Frames = 100_000 } };
        var e = Assert.Throws<ParameterException>(() => StackCommand.CheckMemory(settings, 100_000, TwelveGigabytes));
        Assert.Contains("frames", e.Message, StringComparison.Ordinal);
        Assert.Contains("synthetic generate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandImagesOf512_AreRefused_AndTheDefaultsAndAMeasuredStackPass()
    {
        Assert.Throws<ParameterException>(() => StackCommand.CheckMemory(GeneratorSettings.Default, 10_000, TwelveGigabytes));
        StackCommand.CheckMemory(GeneratorSettings.Default, 4, 1_000_000_000); // the dialog's default: 4 images of 512²
        StackCommand.CheckMemory(GeneratorSettings.Default with { Width = 256, Height = 256 }, 200, 1_500_000_000); // 1.44 GB measured
        Assert.True(StackCommand.MemoryBudget() > 0);
    }
}
