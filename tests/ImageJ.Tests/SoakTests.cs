using System.Diagnostics;
using Dislocate.ImageJ.Tests.Fixtures;

namespace Dislocate.ImageJ.Tests;

/// <summary>The JNI bridge under load: thousands of calls both ways, forced collections on both sides, several threads.</summary>
[Collection(ImageJGroup.Name)]
public sealed class SoakTests(ImageJFixture fixture)
{
    private const string Probe = "dislocate/bridge/BridgeProbe";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    /// <summary>x + 1 from Java: the cheapest .NET → Java round trip.</summary>
    private static int Echo(ImageJSession ij, int x) => ij.CallStaticInt(Probe, "echo", "(I)I", x);

    [Fact]
    public void ThousandsOfCalls_BothWays_WithGarbageCollection_AndThreads()
    {
        var ij = fixture.Session;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i + 1, Echo(ij, i));
            if (i % 1000 == 999)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                ij.CollectJavaGarbage();
            }
        }

        // Java → .NET: describe() returns the command table text each time.
        var once = ij.CallStaticInt(Probe, "callBack", "(I)I", 1);
        Assert.True(once > 1000);
        Assert.Equal(once * 500, ij.CallStaticInt(Probe, "callBack", "(I)I", 500));

        // Several .NET threads, each attached to the JVM, and several Java threads calling back into .NET.
        var errors = 0;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (Echo(ij, (t * 10000) + i) != (t * 10000) + i + 1)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.Equal(4 * 200, ij.CallStaticInt(Probe, "callBackFromThreads", "(II)I", 4, 200));
        threads.ForEach(t => t.Join());
        Assert.Equal(0, errors);

        // Commands through macros, with collections in between, leave no result handles behind.
        for (var i = 0; i < 50; i++)
        {
            var outcome = ij.RunMacro("newImage(\"s\", \"32-bit ramp\", 16, 16, 2); run(\"Echo Image\", \"add=1\"); close(\"*\"); return \"ok\";");
            Assert.True(outcome.Succeeded, outcome.Text);
            if (i % 10 == 9)
            {
                GC.Collect();
                ij.CollectJavaGarbage();
            }
        }

        Assert.Equal(0, ImageJSession.LiveResults);
        Assert.True(clock.Elapsed < Budget, $"soak took {clock.Elapsed}");
    }
}
